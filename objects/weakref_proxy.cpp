// objects/weakref_proxy.cpp — weakref.ProxyType and weakref.CallableProxyType: weak references
// that stand in for their referent (CPython's Objects/weakrefobject.c, proxy part).
//
// Every operator slot and attribute access resolves the referent (a strong reference, taken
// under the referent's stripe: weakref.cpp) and applies the operation to it, unwrapping a proxy
// on either side of a binary operator; a dead referent raises ReferenceError. The slot functions
// are instantiated from a few templates over the abstract-object operations, so each operator has
// exactly one definition. Proxies are not hashable and cannot be subclassed or instantiated
// directly (weakref.proxy() creates them). They share WeakrefObject's layout and its
// dealloc/traverse/clear slots (weakref.cpp).
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "objects/weakref_internal.h"

namespace weft {

Type WeakProxyType;
Type WeakCallableProxyType;

namespace weakrefs {
namespace {

// `o` itself, or its referent when `o` is a proxy.
Result<Ref<Object>> unwrap(Object* o) {
  return is_proxy(o) ? proxy_referent(o) : new_ref(o);
}

// Applies `Fn` to the referent and the other arguments: the one shape of every slot that only
// forwards (unary operators, len, `in`, subscription, attribute reads, calls).
template <auto Fn, class... Args>
auto forward(Object* self, Args... args) -> decltype(Fn(self, args...)) {
  Ref<Object> o = TRY(proxy_referent(self));
  return Fn(o.get(), args...);
}

template <BinaryOp Op>
Result<Ref<Object>> proxy_binary(Object* a, Object* b) {
  Ref<Object> x = TRY(unwrap(a));
  Ref<Object> y = TRY(unwrap(b));
  return binary_op(x.get(), y.get(), Op);
}

Result<Ref<Object>> proxy_divmod(Object* a, Object* b) {
  Ref<Object> x = TRY(unwrap(a));
  Ref<Object> y = TRY(unwrap(b));
  return number_divmod(x.get(), y.get());
}

Result<Ref<Object>> proxy_power(Object* a, Object* b, Object* c) {
  Ref<Object> x = TRY(unwrap(a));
  Ref<Object> y = TRY(unwrap(b));
  Ref<Object> z = TRY(unwrap(c ? c : none()));
  return number_power(x.get(), y.get(), z.get());
}

Result<Ref<Object>> proxy_inplace_power(Object* a, Object* b, Object* c) {
  if (c && !is_none(c)) return proxy_power(a, b, c);
  return proxy_binary<BinaryOp::InplacePower>(a, b);
}

Status proxy_setitem(Object* self, Object* key, Object* value) {
  Ref<Object> o = TRY(proxy_referent(self));
  return value ? set_item(o.get(), key, value) : del_item(o.get(), key);
}

Status proxy_setattr(Object* self, Object* name, Object* value) {
  Ref<Object> o = TRY(proxy_referent(self));
  return value ? set_attr(o.get(), name, value) : del_attr(o.get(), name);
}

Result<Ref<Object>> proxy_richcompare(Object* a, Object* b, CompareOp op) {
  Ref<Object> x = TRY(unwrap(a));
  Ref<Object> y = TRY(unwrap(b));
  return rich_compare(x.get(), y.get(), op);
}

Next proxy_iternext(Object* self) {
  Result<Ref<Object>> o = proxy_referent(self);
  if (o.is_error()) return Error{};
  Object* it = o.value().get();
  if (!is_iterator(it))
    return raise(exc::TypeError, "Weakref proxy referenced a non-iterator '{}' object",
                 type_name_of(it));
  return iter_next(it);
}

Result<Ref<Object>> proxy_repr(Object* self) {
  Ref<Object> o = weakref_get_referent(self);
  return weakref_repr_text("weakproxy", self, o.get(), "");
}

// __bytes__ and __reversed__ are looked up on the type by bytes() and reversed(), so the proxy
// type defines them and forwards to the referent's.
template <const char* Name>
Result<Ref<Object>> proxy_forward_method(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> o = TRY(proxy_referent(self));
  return call_method(o.get(), Name, nullptr, 0);
}
constexpr char kBytesName[] = "__bytes__";
constexpr char kReversedName[] = "__reversed__";

const MethodDef kProxyMethods[] = {
    {"__bytes__", proxy_forward_method<kBytesName>, kMethNoArgs, nullptr},
    {"__reversed__", proxy_forward_method<kReversedName>, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// get_attr is overloaded: the one taking a name object.
constexpr Result<Ref<Object>> (*kGetAttr)(Object*, Object*) = get_attr;

void fill_number_slots(NumberMethods& n) {
  n.add = proxy_binary<BinaryOp::Add>;
  n.subtract = proxy_binary<BinaryOp::Subtract>;
  n.multiply = proxy_binary<BinaryOp::Multiply>;
  n.remainder = proxy_binary<BinaryOp::Remainder>;
  n.divmod = proxy_divmod;
  n.power = proxy_power;
  n.negative = forward<number_negative>;
  n.positive = forward<number_positive>;
  n.absolute = forward<number_absolute>;
  n.boolean = forward<object_is_true>;
  n.invert = forward<number_invert>;
  n.lshift = proxy_binary<BinaryOp::Lshift>;
  n.rshift = proxy_binary<BinaryOp::Rshift>;
  n.and_ = proxy_binary<BinaryOp::And>;
  n.xor_ = proxy_binary<BinaryOp::Xor>;
  n.or_ = proxy_binary<BinaryOp::Or>;
  n.int_ = forward<number_long>;
  n.float_ = forward<number_float>;
  n.inplace_add = proxy_binary<BinaryOp::InplaceAdd>;
  n.inplace_subtract = proxy_binary<BinaryOp::InplaceSubtract>;
  n.inplace_multiply = proxy_binary<BinaryOp::InplaceMultiply>;
  n.inplace_remainder = proxy_binary<BinaryOp::InplaceRemainder>;
  n.inplace_power = proxy_inplace_power;
  n.inplace_lshift = proxy_binary<BinaryOp::InplaceLshift>;
  n.inplace_rshift = proxy_binary<BinaryOp::InplaceRshift>;
  n.inplace_and = proxy_binary<BinaryOp::InplaceAnd>;
  n.inplace_xor = proxy_binary<BinaryOp::InplaceXor>;
  n.inplace_or = proxy_binary<BinaryOp::InplaceOr>;
  n.floor_divide = proxy_binary<BinaryOp::FloorDivide>;
  n.true_divide = proxy_binary<BinaryOp::TrueDivide>;
  n.inplace_floor_divide = proxy_binary<BinaryOp::InplaceFloorDivide>;
  n.inplace_true_divide = proxy_binary<BinaryOp::InplaceTrueDivide>;
  n.index = forward<number_index>;
  n.matrix_multiply = proxy_binary<BinaryOp::MatrixMultiply>;
  n.inplace_matrix_multiply = proxy_binary<BinaryOp::InplaceMatrixMultiply>;
}

void fill_proxy_type(Type& t, const char* name) {
  t.name = name;
  t.basicsize = sizeof(WeakrefObject);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = weakref_dealloc;
  t.traverse = weakref_traverse;
  t.clear = weakref_clear;
  t.repr = proxy_repr;
  t.str = forward<object_str>;
  t.hash = hash_not_implemented;
  t.richcompare = proxy_richcompare;
  t.getattro = forward<kGetAttr>;
  t.setattro = proxy_setattr;
  t.iter = forward<get_iter>;
  t.iternext = proxy_iternext;
  fill_number_slots(t.number);
  t.sequence.contains = forward<contains>;
  t.mapping.length = forward<object_length>;
  t.mapping.subscript = forward<get_item>;
  t.mapping.ass_subscript = proxy_setitem;
  t.methods = kProxyMethods;
}

Status fill_proxy_types() {
  fill_proxy_type(WeakProxyType, "weakref.ProxyType");
  fill_proxy_type(WeakCallableProxyType, "weakref.CallableProxyType");
  WeakCallableProxyType.call = forward<call>;
  return ok();
}
Status ready_proxy_types() {
  TRY(type_ready(&WeakProxyType));
  return type_ready(&WeakCallableProxyType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_proxy_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_proxy_types);

}  // namespace
}  // namespace weakrefs

Result<Ref<Object>> weakref_new_proxy(Object* referent, Object* callback) {
  Type* t = is_callable(referent) ? &WeakCallableProxyType : &WeakProxyType;
  return weakrefs::new_weakref(t, referent, callback);
}

}  // namespace weft
