// stdlib/marshal/marshal_read.cpp — reading CPython's marshal format (see marshal_format.h), the
// reader behind marshal.loads/load. Reads every type code CPython 3.14 writes, from any version.
//
// A kFlagRef object is entered in the reference table before its contents are read (containers)
// or once built (immutable values), so a kRef inside a container can name the container itself,
// as CPython allows. Malformed input raises CPython's errors: EOFError "marshal data too short",
// ValueError "bad marshal data (...)". The reader owns all its state: safe from any thread.
#include <cstring>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
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

constexpr int kMaxDepth = 2000;

class Reader {
 public:
  Reader(std::string_view data, bool allow_code) : data_(data), allow_code_(allow_code) {}

  Result<Ref<Object>> read();
  size_t position() const { return pos_; }
  // Whether the last read() met the NULL marker (its result is then None, a placeholder).
  bool read_null() const { return read_null_; }

 private:
  Error too_short() { return raise(exc::EOFError, "marshal data too short"); }
  Error bad(const char* what) { return raise(exc::ValueError, "bad marshal data ({})", what); }
  Result<std::string_view> take(size_t n) {
    if (data_.size() - pos_ < n) return too_short();
    std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  Result<uint8_t> u8() { return static_cast<uint8_t>(TRY(take(1))[0]); }
  Result<int32_t> i32() {
    std::string_view s = TRY(take(4));
    uint32_t u = 0;
    for (int i = 0; i < 4; i++) u |= static_cast<uint32_t>(static_cast<uint8_t>(s[i])) << (8 * i);
    return static_cast<int32_t>(u);
  }
  Result<double> binary_double() {
    std::string_view s = TRY(take(8));
    uint64_t u = 0;
    for (int i = 0; i < 8; i++) u |= static_cast<uint64_t>(static_cast<uint8_t>(s[i])) << (8 * i);
    double d;
    std::memcpy(&d, &u, 8);
    return d;
  }
  Result<double> text_double() {
    uint8_t n = TRY(u8());
    std::string_view s = TRY(take(n));
    Ref<Object> f = TRY(float_from_string(s));
    return float_value(f.get());
  }
  Result<size_t> length() {
    int32_t n = TRY(i32());
    if (n < 0) return bad("size out of range");
    return static_cast<size_t>(n);
  }
  Result<Ref<Object>> read_long();
  Result<Ref<Object>> read_code();
  Result<Ref<Object>> read_body(uint8_t code, int64_t ref_index);
  // Reserves a reference slot (filled later) when the type code had kFlagRef.
  int64_t reserve(bool flagged) {
    if (!flagged) return -1;
    refs_.emplace_back();
    return static_cast<int64_t>(refs_.size()) - 1;
  }
  void fill(int64_t index, Object* v) {
    if (index >= 0) refs_[static_cast<size_t>(index)] = new_ref(v);
  }
  // One value that must not be the NULL marker (which only ends a dict).
  Result<Ref<Object>> required(const char* what) {
    Ref<Object> v = TRY(read());
    if (read_null_) return raise(exc::TypeError, "{}", what);
    return v;
  }

  std::string_view data_;
  size_t pos_ = 0;
  bool allow_code_;
  int depth_ = 0;
  bool read_null_ = false;  // the last read() met the NULL marker
  std::vector<Ref<Object>> refs_;
};

Result<Ref<Object>> Reader::read() {
  if (pos_ >= data_.size()) return raise(exc::EOFError, "EOF read where object expected");
  if (++depth_ > kMaxDepth) {
    depth_--;
    return raise(exc::ValueError, "recursion limit exceeded");
  }
  uint8_t code = TRY(u8());
  int64_t index = reserve((code & kFlagRef) != 0);
  Result<Ref<Object>> v = read_body(static_cast<uint8_t>(code & ~kFlagRef), index);
  depth_--;
  if (v.is_error()) return v;
  read_null_ = (code & ~kFlagRef) == kNull;  // a container's inner reads may have set it
  if (!read_null_) fill(index, v.value().get());
  return v;
}

Result<Ref<Object>> Reader::read_long() {
  int32_t n = TRY(i32());
  int64_t count = n < 0 ? -static_cast<int64_t>(n) : n;
  if (count > static_cast<int64_t>(data_.size())) return bad("long size out of range");
  mpz_t z;
  mpz_init(z);
  for (int64_t i = count - 1; i >= 0; i--) {
    std::string_view s = data_.substr(std::min(data_.size(), pos_ + 2 * i));
    if (s.size() < 2) {
      mpz_clear(z);
      return too_short();
    }
    unsigned digit = static_cast<uint8_t>(s[0]) | (static_cast<unsigned>(static_cast<uint8_t>(s[1])) << 8);
    if (digit >= (1u << 15) || (i == count - 1 && digit == 0)) {
      mpz_clear(z);
      return bad("digit out of range in long");
    }
    mpz_mul_2exp(z, z, 15);
    mpz_add_ui(z, z, digit);
  }
  pos_ += static_cast<size_t>(2 * count);
  if (n < 0) mpz_neg(z, z);
  Result<Ref<Object>> r = int_from_mpz_take(z);
  mpz_clear(z);
  return r;
}

Result<Ref<Object>> Reader::read_code() {
  if (!allow_code_) return raise(exc::ValueError, "unmarshalling code objects is disallowed");
  CodeSpec spec;
  spec.argcount = TRY(i32());
  spec.posonlyargcount = TRY(i32());
  spec.kwonlyargcount = TRY(i32());
  spec.stacksize = TRY(i32());
  spec.flags = TRY(i32());
  Ref<Object> fields[8];
  for (Ref<Object>& f : fields) f = TRY(required("NULL object in marshal data for object"));
  spec.code = fields[0].get();
  spec.consts = fields[1].get();
  spec.names = fields[2].get();
  spec.localsplusnames = fields[3].get();
  spec.localspluskinds = fields[4].get();
  spec.filename = fields[5].get();
  spec.name = fields[6].get();
  spec.qualname = fields[7].get();
  spec.firstlineno = TRY(i32());
  Ref<Object> linetable = TRY(required("NULL object in marshal data for object"));
  Ref<Object> exceptiontable = TRY(required("NULL object in marshal data for object"));
  spec.linetable = linetable.get();
  spec.exceptiontable = exceptiontable.get();
  return code_new(spec);
}

Result<Ref<Object>> Reader::read_body(uint8_t code, int64_t ref_index) {
  switch (code) {
    case kNull:
      // Result<Ref> cannot hold null without meaning "error": report the NULL marker aside.
      read_null_ = true;
      return new_none();
    case kNone: return new_none();
    case kFalse: return new_bool(false);
    case kTrue: return new_bool(true);
    case kEllipsis: return new_ref(&EllipsisObject);
    case kStopIter: return new_ref(reinterpret_cast<Object*>(exc::StopIteration));
    case kInt: return int_from_i64(TRY(i32()));
    case kLong: return read_long();
    case kFloat: return float_from_double(TRY(text_double()));
    case kBinaryFloat: return float_from_double(TRY(binary_double()));
    case kComplex: {
      double re = TRY(text_double());
      return complex_from_doubles(re, TRY(text_double()));
    }
    case kBinaryComplex: {
      double re = TRY(binary_double());
      return complex_from_doubles(re, TRY(binary_double()));
    }
    case kString: return bytes_from(TRY(take(TRY(length()))));
    case kUnicode:
    case kInterned: {
      Ref<Object> s = TRY(decode_utf8(TRY(take(TRY(length()))), "surrogatepass"));
      if (code == kInterned) return str_intern_object(std::move(s));
      return s;
    }
    case kAscii:
    case kAsciiInterned:
    case kShortAscii:
    case kShortAsciiInterned: {
      bool is_short = code == kShortAscii || code == kShortAsciiInterned;
      size_t n = is_short ? TRY(u8()) : TRY(length());
      Ref<Object> s = TRY(decode_latin1(TRY(take(n))));
      if (code == kAsciiInterned || code == kShortAsciiInterned)
        return str_intern_object(std::move(s));
      return s;
    }
    case kSmallTuple:
    case kTuple: {
      size_t n = code == kSmallTuple ? TRY(u8()) : TRY(length());
      if (n > data_.size() - pos_) return too_short();
      Ref<Object> t = TRY(tuple_new(static_cast<int64_t>(n)));
      for (size_t i = 0; i < n; i++)
        tuple_init_item(t.get(), static_cast<int64_t>(i), TRY(required("NULL object in marshal data for tuple")));
      return t;
    }
    case kList: {
      size_t n = TRY(length());
      if (n > data_.size() - pos_) return too_short();
      Ref<Object> list = TRY(list_new());
      fill(ref_index, list.get());
      for (size_t i = 0; i < n; i++) {
        Ref<Object> item = TRY(required("NULL object in marshal data for list"));
        TRY(list_append(list.get(), item.get()));
      }
      return list;
    }
    case kDict: {
      Ref<Object> dict = TRY(dict_new());
      fill(ref_index, dict.get());
      for (;;) {
        Ref<Object> key = TRY(read());
        if (read_null_) break;
        Ref<Object> value = TRY(read());
        if (read_null_) break;
        TRY(dict_set_item(dict.get(), key.get(), value.get()));
      }
      return dict;
    }
    case kSet:
    case kFrozenSet: {
      size_t n = TRY(length());
      if (n > data_.size() - pos_) return too_short();
      Ref<Object> items = TRY(list_new());
      for (size_t i = 0; i < n; i++) {
        Ref<Object> item = TRY(required("NULL object in marshal data for set"));
        TRY(list_append(items.get(), item.get()));
      }
      return code == kSet ? set_new(items.get()) : frozenset_new(items.get());
    }
    case kSlice: {
      Ref<Object> start = TRY(required("NULL object in marshal data for slice"));
      Ref<Object> stop = TRY(required("NULL object in marshal data for slice"));
      Ref<Object> step = TRY(required("NULL object in marshal data for slice"));
      return slice_new(start.get(), stop.get(), step.get());
    }
    case kCode: return read_code();
    case kRef: {
      int32_t i = TRY(i32());
      if (i < 0 || static_cast<size_t>(i) >= refs_.size() || !refs_[static_cast<size_t>(i)])
        return bad("invalid reference");
      return new_ref(refs_[static_cast<size_t>(i)].get());
    }
    default: return bad("unknown type code");
  }
}

}  // namespace

Result<Ref<Object>> read_object(std::string_view data, bool allow_code, size_t* consumed) {
  Reader r(data, allow_code);
  Ref<Object> v = TRY(r.read());
  if (r.read_null()) return raise(exc::TypeError, "NULL object in marshal data for object");
  *consumed = r.position();
  return v;
}

}  // namespace weft::marshal
