// objects/bytes_methods.cpp — the method table of bytes, the % operator, and the methods only
// bytes has (__bytes__, __getnewargs__). The methods bytes shares with bytearray live in
// bytes_ops_*.cpp and are listed once in WEFT_BYTES_SHARED_METHODS (bytes_ops.h); here each is
// wrapped to receive the immutable data directly, so no locks are involved.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/bytes_ops.h"
#include "objects/tuple.h"

namespace weft {

namespace {

bytes_ops::Self receiver(Object* self) { return {self, bytes_view(self), false}; }

template <bytes_ops::Op F>
Result<Ref<Object>> shared_method(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  return F(receiver(self), args, nargs, kwnames);
}

// bytes.fromhex(string) — a class method: `cls` is bytes or a subclass.
Result<Ref<Object>> m_fromhex(Object* cls, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("fromhex", nargs, kwnames, 1, 1));
  Ref<Object> b = TRY(bytes_ops::fromhex_bytes(args[0]));
  if (cls == &BytesType) return b;
  return call_one(cls, b.get());
}

Result<Ref<Object>> m_getnewargs(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> copy = TRY(bytes_from(bytes_view(self)));
  return tuple_pack({copy.get()});
}

// bytes.__bytes__(): the bytes itself, or an exact copy for a subclass.
Result<Ref<Object>> m_bytes(Object* self, Object* const*, size_t, Object*) {
  if (self->ob_type == &BytesType) return Ref<Object>::borrow(self);
  return bytes_from(bytes_view(self));
}

}  // namespace

// The number protocol's remainder slot: b'%d' % 1. NotImplemented unless the left operand is bytes.
Result<Ref<Object>> bytes_remainder(Object* a, Object* b) {
  if (!is_bytes(a)) return new_ref(not_implemented());
  return bytes_ops::percent_format(receiver(a), b);
}

#define WEFT_BYTES_METHOD_ENTRY(name, flags) {#name, shared_method<bytes_ops::name>, flags, nullptr},
extern const MethodDef kBytesMethods[] = {
    WEFT_BYTES_SHARED_METHODS(WEFT_BYTES_METHOD_ENTRY)
    {"fromhex", m_fromhex, kMethClass, nullptr},
    {"__getnewargs__", m_getnewargs, kMethNoArgs, nullptr},
    {"__bytes__", m_bytes, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef WEFT_BYTES_METHOD_ENTRY

}  // namespace weft
