// objects/abstract.h — the object protocol: what Python operations do on any object.
//
// These functions implement CPython's abstract layer (Objects/abstract.c, object.c, typeobject.c
// dispatch): they look at the operands' type slots and apply Python's rules (reflected operands,
// NotImplemented, subclass priority, __index__, __getitem__ iteration fallback, ...). The VM and
// every native module call these instead of reaching into slots themselves.
#pragma once

#include <cstdint>

#include "objects/type.h"

namespace weft {

// The singletons (object.cpp). Immortal; compare by address.
extern Object NoneObject;
extern Object NotImplementedObject;
extern Object EllipsisObject;
extern Type NoneType, NotImplementedType, EllipsisType;
inline Object* none() { return &NoneObject; }
inline Object* not_implemented() { return &NotImplementedObject; }
inline bool is_none(const Object* o) { return o == &NoneObject; }
inline Ref<Object> new_none() { return Ref<Object>::borrow(&NoneObject); }

// --- text ---------------------------------------------------------------------------------------
Result<Ref<Object>> object_repr(Object* o);    // repr(o); RecursionError-safe
Result<Ref<Object>> object_str(Object* o);     // str(o)
Result<Ref<Object>> object_ascii(Object* o);   // ascii(o)
Result<Ref<Object>> object_format(Object* o, Object* spec /*str or nullptr*/);  // format(o, spec)

// --- identity, hashing, truth, comparison -------------------------------------------------------
Result<int64_t> object_hash(Object* o);       // TypeError "unhashable type: 'list'"
Result<int64_t> hash_not_implemented(Object* o);
Result<bool> object_is_true(Object* o);       // bool(o): __bool__, then __len__
Result<Ref<Object>> rich_compare(Object* a, Object* b, CompareOp op);
Result<bool> rich_compare_bool(Object* a, Object* b, CompareOp op);  // identity implies Eq/Ne
Result<bool> objects_equal(Object* a, Object* b);  // rich_compare_bool(a, b, Eq)

// --- attributes (name is a str) -----------------------------------------------------------------
Result<Ref<Object>> get_attr(Object* o, Object* name);
Result<Ref<Object>> get_attr(Object* o, const char* name);
// Like get_attr but a missing attribute is not an error: returns true and sets *out, or false
// (no exception) when AttributeError would be raised.
Result<bool> lookup_attr(Object* o, Object* name, Ref<Object>* out);
Status set_attr(Object* o, Object* name, Object* value);
Status del_attr(Object* o, Object* name);
Result<bool> has_attr(Object* o, Object* name);
// The default slots: object.__getattribute__ / __setattr__ with descriptors and instance dicts.
Result<Ref<Object>> generic_getattr(Object* o, Object* name);
Status generic_setattr(Object* o, Object* name, Object* value);
// The same with `dict` standing in for the instance __dict__ (nullptr: the instance's own), as
// CPython's _PyObject_GenericGetAttrWithDict; _thread._local passes the calling thread's dict.
Result<Ref<Object>> generic_getattr_with_dict(Object* o, Object* name, Object* dict);
Status generic_setattr_with_dict(Object* o, Object* name, Object* value, Object* dict);
// Looks up a special method on the type (not the instance), binding it: `__enter__`, `__exit__`...
// Returns false without an exception when the type has no such attribute.
Result<bool> lookup_special(Object* o, Object* name, Ref<Object>* bound);

// --- calls --------------------------------------------------------------------------------------
// Vector call: args[0..nargs) positional, then the keyword values named by kwnames (a tuple).
Result<Ref<Object>> call(Object* callable, Object* const* args, size_t nargs, Object* kwnames = nullptr);
Result<Ref<Object>> call_noargs(Object* callable);
Result<Ref<Object>> call_one(Object* callable, Object* arg);
// callable(*args_tuple, **kwargs_dict); kwargs may be nullptr.
Result<Ref<Object>> call_tuple_dict(Object* callable, Object* args, Object* kwargs);
// obj.name(*args)
Result<Ref<Object>> call_method(Object* obj, Object* name, Object* const* args, size_t nargs);
Result<Ref<Object>> call_method(Object* obj, const char* name, Object* const* args, size_t nargs);
bool is_callable(Object* o);

// --- numbers ------------------------------------------------------------------------------------
// The operators of BINARY_OP, with CPython's oparg numbering (NB_ADD = 0 ... NB_SUBSCR = 26).
enum class BinaryOp : int {
  Add = 0, And = 1, FloorDivide = 2, Lshift = 3, MatrixMultiply = 4, Multiply = 5, Remainder = 6,
  Or = 7, Power = 8, Rshift = 9, Subtract = 10, TrueDivide = 11, Xor = 12,
  InplaceAdd = 13, InplaceAnd = 14, InplaceFloorDivide = 15, InplaceLshift = 16,
  InplaceMatrixMultiply = 17, InplaceMultiply = 18, InplaceRemainder = 19, InplaceOr = 20,
  InplacePower = 21, InplaceRshift = 22, InplaceSubtract = 23, InplaceTrueDivide = 24,
  InplaceXor = 25, Subscr = 26,
};
// Applies `op` with Python's rules; TypeError "unsupported operand type(s) for +: 'int' and 'str'".
Result<Ref<Object>> binary_op(Object* a, Object* b, BinaryOp op);
Result<Ref<Object>> number_power(Object* base, Object* exp, Object* mod /*None or nullptr*/);
Result<Ref<Object>> number_divmod(Object* a, Object* b);
Result<Ref<Object>> number_negative(Object* o);
Result<Ref<Object>> number_positive(Object* o);
Result<Ref<Object>> number_invert(Object* o);
Result<Ref<Object>> number_absolute(Object* o);
// operator.index(o): an int, via __index__; TypeError otherwise.
Result<Ref<Object>> number_index(Object* o);
// o as a C int64 through __index__; OverflowError (or `overflow_exc`) if out of range.
Result<int64_t> index_as_i64(Object* o, Type* overflow_exc = nullptr);
Result<Ref<Object>> number_long(Object* o);   // int(o)
Result<Ref<Object>> number_float(Object* o);  // float(o)

// --- containers ---------------------------------------------------------------------------------
Result<int64_t> object_length(Object* o);               // len(o)
Result<int64_t> length_hint(Object* o, int64_t dflt);   // operator.length_hint
Result<Ref<Object>> get_item(Object* o, Object* key);   // o[key]
Status set_item(Object* o, Object* key, Object* value); // o[key] = value
Status del_item(Object* o, Object* key);                // del o[key]
Result<bool> contains(Object* container, Object* item); // item in container

// --- iteration ----------------------------------------------------------------------------------
Result<Ref<Object>> get_iter(Object* o);   // iter(o), with the __getitem__ fallback
Next iter_next(Object* iterator);          // next(it): item, done, or error
bool is_iterator(Object* o);               // has __next__

// --- types --------------------------------------------------------------------------------------
Result<bool> is_instance(Object* o, Object* cls);   // isinstance(), with __instancecheck__
Result<bool> is_subclass(Object* derived, Object* cls);
// The checks without __instancecheck__/__subclasscheck__ (CPython's _PyObject_RealIsInstance and
// _PyObject_RealIsSubclass): type.__instancecheck__ and type.__subclasscheck__.
Result<bool> real_isinstance(Object* o, Object* cls);
Result<bool> real_issubclass(Object* derived, Object* cls);
inline Type* type_of_obj(Object* o) { return o->ob_type; }

}  // namespace weft
