// stdlib/_io/newline.cpp — universal newline decoding: the NewlineState logic TextIOWrapper and
// StringIO share, and the _io.IncrementalNewlineDecoder class over it (CPython's
// Modules/_io/textio.c, IncrementalNewlineDecoder).
//
// An IncrementalNewlineDecoder mutates its state only inside its object's critical section.
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_io/io_internal.h"
#include "sync/critical_section.h"

namespace weft::io {

Type IncrementalNewlineDecoderType;

Result<Ref<Object>> newline_decode(NewlineState& st, Ref<Object> text, bool final) {
  int64_t n = str_length(text.get());
  bool has_cr = st.pending_cr;
  for (int64_t i = 0; i < n && !has_cr; ++i) has_cr = str_char_at(text.get(), i) == '\r';
  if (!has_cr) {
    for (int64_t i = 0; i < n; ++i)
      if (str_char_at(text.get(), i) == '\n') {
        st.seen |= NewlineState::kSeenLF;
        break;
      }
    return text;
  }
  StrBuilder out;
  bool cr = st.pending_cr;
  st.pending_cr = false;
  for (int64_t i = 0; i < n; ++i) {
    uint32_t c = str_char_at(text.get(), i);
    if (cr) {
      cr = false;
      if (c == '\n') {
        st.seen |= NewlineState::kSeenCRLF;
        out.append_ascii(st.translate ? "\n" : "\r\n");
        continue;
      }
      st.seen |= NewlineState::kSeenCR;
      out.append_code_point(st.translate ? '\n' : '\r');
    }
    if (c == '\r') {
      cr = true;
      continue;
    }
    if (c == '\n') st.seen |= NewlineState::kSeenLF;
    out.append_code_point(c);
  }
  if (cr) {
    if (final) {
      st.seen |= NewlineState::kSeenCR;
      out.append_code_point(st.translate ? '\n' : '\r');
    } else {
      st.pending_cr = true;
    }
  }
  return out.finish();
}

Result<Ref<Object>> newline_seen_value(int seen) {
  static const char* const kNames[] = {"\r", "\n", "\r\n"};
  static const int kBits[] = {NewlineState::kSeenCR, NewlineState::kSeenLF, NewlineState::kSeenCRLF};
  Ref<Object> keep[3];
  Object* items[3];
  int count = 0;
  for (int i = 0; i < 3; ++i) {
    if (!(seen & kBits[i])) continue;
    keep[count] = TRY(str_from_ascii(kNames[i]));
    items[count] = keep[count].get();
    ++count;
  }
  if (count == 0) return new_none();
  if (count == 1) return std::move(keep[0]);
  return tuple_from_array(items, count);
}

namespace {

struct NewlineDecoderObject : Object {
  Object* decoder;  // owned; None allowed (then the input is already text)
  Object* errors;   // owned str
  NewlineState state;
  bool initialized;
};

NewlineDecoderObject* as_nld(Object* o) { return static_cast<NewlineDecoderObject*>(o); }

Status check_init(NewlineDecoderObject* d) {
  if (!d->initialized) return raise(exc::ValueError, "IncrementalNewlineDecoder.__init__() not called");
  return ok();
}

Status nld_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kInit("IncrementalNewlineDecoder", "decoder translate | errors");
  Object* a[3];
  TRY(kInit.parse(args, nargs, kwnames, a));
  bool translate = TRY(object_is_true(a[1]));
  Ref<Object> errors = a[2] ? new_ref(a[2]) : TRY(str_from_ascii("strict"));
  NewlineDecoderObject* d = as_nld(self);
  sync::CriticalSection cs(self->ob_mutex);
  Object* old_decoder = std::exchange(d->decoder, Ref<Object>::borrow(a[0]).release());
  Object* old_errors = std::exchange(d->errors, errors.release());
  d->state = NewlineState{};
  d->state.translate = translate;
  d->initialized = true;
  if (old_decoder) Ref<Object>::steal(old_decoder).reset();
  if (old_errors) Ref<Object>::steal(old_errors).reset();
  return ok();
}

void nld_clear(Object* self) {
  NewlineDecoderObject* d = as_nld(self);
  if (Object* o = std::exchange(d->decoder, nullptr)) Ref<Object>::steal(o).reset();
  if (Object* o = std::exchange(d->errors, nullptr)) Ref<Object>::steal(o).reset();
}

void nld_dealloc(Object* self) {
  nld_clear(self);
  free_object(self);
}

void nld_traverse(Object* self, VisitFn visit, void* arg) {
  NewlineDecoderObject* d = as_nld(self);
  if (d->decoder) visit(d->decoder, arg);
  if (d->errors) visit(d->errors, arg);
}

Result<Ref<Object>> nld_decode(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kDecode("decode", "input | final");
  Object* a[2];
  TRY(kDecode.parse(args, nargs, kwnames, a));
  NewlineDecoderObject* d = as_nld(self);
  TRY(check_init(d));
  bool final = a[1] ? TRY(object_is_true(a[1])) : false;
  Ref<Object> text;
  if (is_none(d->decoder)) {
    text = new_ref(a[0]);
  } else {
    Object* da[] = {a[0], py_bool(final)};
    text = TRY(call_method(d->decoder, "decode", da, 2));
  }
  if (!is_str(text.get()))
    return raise(exc::TypeError, "decoder should return a string result, not '{}'",
                 type_name_of(text.get()));
  sync::CriticalSection cs(self->ob_mutex);
  return newline_decode(d->state, std::move(text), final);
}

Result<Ref<Object>> nld_getstate(Object* self, Object* const*, size_t, Object*) {
  NewlineDecoderObject* d = as_nld(self);
  TRY(check_init(d));
  bool pending = d->state.pending_cr;
  if (is_none(d->decoder)) {
    Ref<Object> empty = TRY(bytes_from(""));
    Ref<Object> flag = TRY(int_from_i64(pending ? 1 : 0));
    return tuple_pack({empty.get(), flag.get()});
  }
  Ref<Object> state = TRY(call_method(d->decoder, "getstate", nullptr, 0));
  if (!is_tuple(state.get()) || tuple_size(state.get()) != 2)
    return raise(exc::TypeError, "illegal decoder state");
  int64_t flag = TRY(index_as_i64(tuple_item(state.get(), 1)));
  Ref<Object> f = TRY(int_from_i64((flag << 1) | (pending ? 1 : 0)));
  return tuple_pack({tuple_item(state.get(), 0), f.get()});
}

Result<Ref<Object>> nld_setstate(Object* self, Object* const* args, size_t, Object*) {
  NewlineDecoderObject* d = as_nld(self);
  TRY(check_init(d));
  Object* state = args[0];
  if (!is_tuple(state) || tuple_size(state) != 2)
    return raise(exc::TypeError, "state argument must be a tuple");
  int64_t flag = TRY(index_as_i64(tuple_item(state, 1)));
  {
    sync::CriticalSection cs(self->ob_mutex);
    d->state.pending_cr = (flag & 1) != 0;
  }
  if (is_none(d->decoder)) return new_none();
  Ref<Object> f = TRY(int_from_i64(flag >> 1));
  Ref<Object> inner = TRY(tuple_pack({tuple_item(state, 0), f.get()}));
  Object* a[] = {inner.get()};
  return call_method(d->decoder, "setstate", a, 1);
}

Result<Ref<Object>> nld_reset(Object* self, Object* const*, size_t, Object*) {
  NewlineDecoderObject* d = as_nld(self);
  TRY(check_init(d));
  {
    sync::CriticalSection cs(self->ob_mutex);
    d->state.seen = 0;
    d->state.pending_cr = false;
  }
  if (is_none(d->decoder)) return new_none();
  return call_method(d->decoder, "reset", nullptr, 0);
}

Result<Ref<Object>> nld_newlines_get(Object* self) {
  NewlineDecoderObject* d = as_nld(self);
  TRY(check_init(d));
  return newline_seen_value(d->state.seen);
}

const MethodDef kNewlineDecoderMethods[] = {
    {"decode", nld_decode, kMethFastcall, nullptr},
    {"getstate", nld_getstate, kMethNoArgs, nullptr},
    {"setstate", nld_setstate, kMethOneArg, nullptr},
    {"reset", nld_reset, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kNewlineDecoderGetSets[] = {
    {"newlines", nld_newlines_get, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_newline_decoder_type() {
  Type& t = IncrementalNewlineDecoderType;
  t.name = "_io.IncrementalNewlineDecoder";
  t.doc = "Codec used when reading a file in universal newlines mode.";
  t.basicsize = sizeof(NewlineDecoderObject);
  t.flags = kTypeBaseType | kTypeImmutable | kTypeHaveGc;
  t.new_ = [](Type* type, Object* const*, size_t, Object*) -> Result<Ref<Object>> {
    return object_generic_alloc(type);
  };
  t.init = nld_init;
  t.dealloc = nld_dealloc;
  t.traverse = nld_traverse;
  t.clear = nld_clear;
  t.methods = kNewlineDecoderMethods;
  t.getsets = kNewlineDecoderGetSets;
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_newline_decoder_type);

}  // namespace
}  // namespace weft::io
