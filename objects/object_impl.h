// objects/object_impl.h — declarations shared by the object-model files (object.cpp, type*.cpp,
// heap_type.cpp, slot_*.cpp, descr*.cpp, abstract*.cpp). Not part of the public object API:
// other code uses objects/abstract.h, objects/type.h and objects/descr.h.
#pragma once

#include "objects/type.h"

namespace weft {

// object's default slots (object.cpp).
Result<Ref<Object>> object_new(Type* type, Object* const* args, size_t nargs, Object* kwnames);
Status object_init(Object* self, Object* const* args, size_t nargs, Object* kwnames);
Result<Ref<Object>> object_generic_alloc(Type* type);
Result<Ref<Object>> object_default_repr(Object* self);
Result<Ref<Object>> object_default_str(Object* self);
Result<int64_t> object_default_hash(Object* self);
Result<Ref<Object>> object_default_richcompare(Object* self, Object* other, CompareOp op);
// object.__reduce__, __reduce_ex__(protocol) and __getstate__ (object_reduce.cpp).
Result<Ref<Object>> object_reduce_method(Object* self, Object* const* args, size_t nargs,
                                         Object* kwnames);
Result<Ref<Object>> object_reduce_ex_method(Object* self, Object* const* args, size_t nargs,
                                            Object* kwnames);
Result<Ref<Object>> object_getstate_method(Object* self, Object* const* args, size_t nargs,
                                           Object* kwnames);

// Type helpers (type.cpp).
// __module__ of a type as an object (str usually; may be nullptr-free Ref to None).
Result<Ref<Object>> type_module_name(Type* t);
Result<Ref<Object>> type_qualname(Type* t);
// TypeError "Can't instantiate abstract class X without an implementation for abstract
// method(s) 'a', 'b'".
Error raise_abstract_instantiation(Type* t);
// Adds the names of `cls`'s attributes and those of its bases (recursively) to dict `names`
// (values are ignored), as object.__dir__ and type.__dir__ do.
Status merge_class_dict(Object* names, Object* cls);
// TypeError unless instances laid out for `oldto` fit `newto` (CPython's compatible_for_assignment;
// `attr` is "__class__" or "__bases__" for the message). type_bases.cpp.
Status compatible_for_assignment(Type* oldto, Type* newto, const char* attr);
// The __bases__ setter of `type` (type_bases.cpp).
Status type_set_bases(Object* self, Object* value);
// Address of an instance's __dict__ slot (nullptr if the type has none).
Object** instance_dict_slot(Object* o);
// Calls the type's __new__ + __init__ as type.__call__ does.
Result<Ref<Object>> type_call(Object* callable, Object* const* args, size_t nargs, Object* kwnames);

// Subclass registry and type plumbing (type.cpp).
void register_subclass(Type* base, Type* sub);
void unregister_subclass(Type* base, Type* sub);
Result<Ref<Object>> type_subclasses_list(Type* t);  // type.__subclasses__()
// Adds `__new__` (a builtin bound to the type, CPython's tp_new_wrapper) to t's dict.
Status add_tp_new_wrapper(Type* t);
// If `o` is the `__new__` builtin that add_tp_new_wrapper made for some type, that type.
Type* tp_new_wrapper_owner(Object* o);
// Copies `base`'s native slots, sizes and flags into `t` where `t` has none (type.cpp).
void type_inherit_from(Type* t, Type* base);
// type's dealloc slot: releases a class's fields (heap types only; static types are immortal).
void type_dealloc(Object* self);
// type's traverse and clear slots: a class's __dict__, __bases__ and __mro__ for the cycle
// collector (heap types only; static types report nothing). heap_type.cpp.
void type_traverse(Object* self, VisitFn visit, void* arg);
void type_clear(Object* self);

}  // namespace weft
