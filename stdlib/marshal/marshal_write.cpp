// stdlib/marshal/marshal_write.cpp — serialising values in CPython's marshal format (see
// marshal_format.h), the writer behind marshal.dumps/dump.
//
// Supported: None, bool, StopIteration, Ellipsis, exact int/float/complex/str/tuple/list/dict/
// set/frozenset, bytes-like objects (written as bytes), slices (version 5) and code objects, whose
// fields are written in CPython 3.14's order (Weft's co_code is the pristine bytecode with zeroed
// inline caches, as CPython writes). Anything else is ValueError "unmarshallable object".
//
// References (version >= 3): CPython flags an object for back-references when its reference count
// says it may be shared; Weft's biased counts cannot answer that, so every str, container, long
// int, float and code object gets kFlagRef on its first occurrence and a kRef on later ones. The
// output therefore loads everywhere with the same sharing, but is not byte-identical to
// CPython's. Writing reads containers through snapshots, so a concurrent mutation cannot tear it.
#include <cmath>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/code.h"
#include "objects/complex.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/unicode_codecs.h"
#include "stdlib/marshal/marshal_format.h"

namespace weft::marshal {
namespace {

// CPython's nesting limit for marshal (MAX_MARSHAL_STACK_DEPTH).
constexpr int kMaxDepth = 2000;

class Writer {
 public:
  Writer(int version, bool allow_code) : version_(version), allow_code_(allow_code) {}

  Status write(Object* v);
  std::string take() { return std::move(out_); }

 private:
  void byte(char c) { out_.push_back(c); }
  void int32(int64_t x) {
    uint32_t u = static_cast<uint32_t>(x);
    for (int i = 0; i < 4; i++) out_.push_back(static_cast<char>((u >> (8 * i)) & 0xff));
  }
  void double_le(double d) {
    uint64_t u;
    std::memcpy(&u, &d, 8);
    for (int i = 0; i < 8; i++) out_.push_back(static_cast<char>((u >> (8 * i)) & 0xff));
  }
  void sized(std::string_view data) {
    int32(static_cast<int64_t>(data.size()));
    out_.append(data);
  }
  // Writes a back-reference and returns true when `v` was written before; otherwise records it
  // and returns the flag to or into its type code.
  bool reference(Object* v, uint8_t* flag);
  void code_byte(char code, uint8_t flag) { byte(static_cast<char>(static_cast<uint8_t>(code) | flag)); }
  Status write_int(Object* v, uint8_t flag);
  Status write_float_text(double d);
  Status write_str(Object* v, uint8_t flag);
  Status write_sequence(Object* items, char code, uint8_t flag);
  Status write_code(CodeObject* c, uint8_t flag);
  Status write_body(Object* v);
  Error unmarshallable() { return raise(exc::ValueError, "unmarshallable object"); }

  std::string out_;
  std::unordered_map<Object*, int64_t> refs_;
  std::vector<Ref<Object>> keep_alive_;  // snapshots whose items are in refs_
  int version_;
  bool allow_code_;
  int depth_ = 0;
};

bool Writer::reference(Object* v, uint8_t* flag) {
  *flag = 0;
  if (version_ < 3) return false;
  auto [it, inserted] = refs_.try_emplace(v, static_cast<int64_t>(refs_.size()));
  if (!inserted) {
    byte(kRef);
    int32(it->second);
    return true;
  }
  *flag = kFlagRef;
  return false;
}

Status Writer::write_int(Object* v, uint8_t flag) {
  int64_t small;
  if (int_to_i64(v, &small) && small >= INT32_MIN && small <= INT32_MAX) {
    code_byte(kInt, flag);
    int32(small);
    return ok();
  }
  mpz_t z;
  mpz_init(z);
  int_to_mpz(v, z);
  int sign = mpz_sgn(z);
  mpz_abs(z, z);
  std::vector<uint16_t> digits;
  while (mpz_sgn(z) != 0) {
    digits.push_back(static_cast<uint16_t>(mpz_fdiv_ui(z, 1u << 15)));
    mpz_fdiv_q_2exp(z, z, 15);
  }
  mpz_clear(z);
  code_byte(kLong, flag);
  int32(sign < 0 ? -static_cast<int64_t>(digits.size()) : static_cast<int64_t>(digits.size()));
  for (uint16_t d : digits) {
    byte(static_cast<char>(d & 0xff));
    byte(static_cast<char>(d >> 8));
  }
  return ok();
}

// Versions 0 and 1 write floats as their repr, one length byte first.
Status Writer::write_float_text(double d) {
  Ref<Object> f = TRY(float_from_double(d));
  Ref<Object> r = TRY(object_repr(f.get()));
  std::string_view text = TRY(str_utf8(r.get()));
  byte(static_cast<char>(text.size()));
  out_.append(text);
  return ok();
}

Status Writer::write_str(Object* v, uint8_t flag) {
  std::string_view text;
  Ref<Object> encoded;
  if (version_ >= 4 && str_is_ascii(v)) {
    text = TRY(str_utf8(v));
    if (text.size() < 256) {
      code_byte(kShortAscii, flag);
      byte(static_cast<char>(text.size()));
      out_.append(text);
    } else {
      code_byte(kAscii, flag);
      sized(text);
    }
    return ok();
  }
  encoded = TRY(encode_utf8(v, "surrogatepass"));
  code_byte(kUnicode, flag);
  sized(bytes_view(encoded.get()));
  return ok();
}

Status Writer::write_sequence(Object* items, char code, uint8_t flag) {
  int64_t n = tuple_size(items);
  if (code == kTuple && version_ >= 4 && n < 256) {
    code_byte(kSmallTuple, flag);
    byte(static_cast<char>(n));
  } else {
    code_byte(code, flag);
    int32(n);
  }
  for (int64_t i = 0; i < n; i++) TRY(write(tuple_item(items, i)));
  return ok();
}

Status Writer::write_code(CodeObject* c, uint8_t flag) {
  if (!allow_code_) return raise(exc::ValueError, "marshalling code objects is disallowed");
  code_byte(kCode, flag);
  int32(c->argcount);
  int32(c->posonlyargcount);
  int32(c->kwonlyargcount);
  int32(c->stacksize);
  int32(c->flags);
  for (Object* field : {c->code, c->consts, c->names, c->localsplusnames, c->localspluskinds,
                        c->filename, c->name, c->qualname})
    TRY(write(field));
  int32(c->firstlineno);
  TRY(write(c->linetable));
  return write(c->exceptiontable);
}

Status Writer::write(Object* v) {
  if (++depth_ > kMaxDepth) {
    depth_--;
    return raise(exc::ValueError, "object too deeply nested to marshal");
  }
  Status s = write_body(v);
  depth_--;
  return s;
}

Status Writer::write_body(Object* v) {
  if (is_none(v)) return byte(kNone), ok();
  if (v == py_bool(false)) return byte(kFalse), ok();
  if (v == py_bool(true)) return byte(kTrue), ok();
  if (v == &EllipsisObject) return byte(kEllipsis), ok();
  if (v == reinterpret_cast<Object*>(exc::StopIteration)) return byte(kStopIter), ok();
  bool known = is_int_exact(v) || is_float_exact(v) || is_complex_exact(v) || is_str_exact(v) ||
               is_tuple_exact(v) || is_list_exact(v) || is_dict_exact(v) ||
               v->ob_type == &SetType || v->ob_type == &FrozenSetType || is_code(v) ||
               is_bytes_like(v) || (is_slice(v) && version_ >= 5);
  if (!known) return unmarshallable();
  uint8_t flag;
  if (reference(v, &flag)) return ok();
  if (is_int_exact(v)) return write_int(v, flag);
  if (is_float_exact(v)) {
    if (version_ > 1) {
      code_byte(kBinaryFloat, flag);
      double_le(float_value(v));
      return ok();
    }
    code_byte(kFloat, flag);
    return write_float_text(float_value(v));
  }
  if (is_complex_exact(v)) {
    auto* c = static_cast<ComplexObject*>(v);
    if (version_ > 1) {
      code_byte(kBinaryComplex, flag);
      double_le(c->real);
      double_le(c->imag);
      return ok();
    }
    code_byte(kComplex, flag);
    TRY(write_float_text(c->real));
    return write_float_text(c->imag);
  }
  if (is_str_exact(v)) return write_str(v, flag);
  if (is_code(v)) return write_code(static_cast<CodeObject*>(v), flag);
  if (is_slice(v)) {
    auto* s = static_cast<SliceObject*>(v);
    code_byte(kSlice, flag);
    TRY(write(s->start));
    TRY(write(s->stop));
    return write(s->step);
  }
  if (is_bytes_like(v)) {
    ByteView view = TRY(byte_view(v));
    code_byte(kString, flag);
    sized(view.view());
    return ok();
  }
  if (is_tuple_exact(v)) return write_sequence(v, kTuple, flag);
  if (is_dict_exact(v)) {
    Ref<Object> items = TRY(dict_items_list(v));
    code_byte(kDict, flag);
    Ref<Object> pairs = TRY(tuple_from_iterable(items.get()));
    for (int64_t i = 0; i < tuple_size(pairs.get()); i++) {
      Object* pair = tuple_item(pairs.get(), i);
      TRY(write(tuple_item(pair, 0)));
      TRY(write(tuple_item(pair, 1)));
    }
    byte(kNull);
    keep_alive_.push_back(std::move(pairs));
    return ok();
  }
  // list, set, frozenset: a snapshot of the items keeps them alive while refs_ names them.
  Ref<Object> items = TRY(tuple_from_iterable(v));
  char code = is_list_exact(v) ? kList : v->ob_type == &SetType ? kSet : kFrozenSet;
  TRY(write_sequence(items.get(), code, flag));
  keep_alive_.push_back(std::move(items));
  return ok();
}

}  // namespace

Result<std::string> write_object(Object* value, int version, bool allow_code) {
  Writer w(version, allow_code);
  TRY(w.write(value));
  return w.take();
}

}  // namespace weft::marshal
