// objects/descr.h — descriptors and built-in function objects.
//
//   method_descriptor        str.split            (from a MethodDef in a type's method table)
//   classmethod_descriptor   dict.fromkeys        (MethodDef with kMethClass)
//   builtin_function_or_method  len, [].append    (a MethodDef bound to a module or an instance)
//   getset_descriptor        type.__name__        (GetSetDef)
//   member_descriptor        BaseException.args   (MemberDef: a field at an offset)
//   wrapper_descriptor       int.__add__          (a type slot seen from Python)
//   method-wrapper           (1).__add__          (a wrapper_descriptor bound to an instance)
//   classmethod, staticmethod, property           (the Python-level decorators)
//
// All of them are immutable after construction (property's getter/setter/deleter are set
// before it is shared), so no locking is needed to read or call them.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type MethodDescriptorType, ClassMethodDescriptorType, BuiltinFunctionType;
extern Type GetSetDescriptorType, MemberDescriptorType;
extern Type WrapperDescriptorType, MethodWrapperType;
extern Type ClassMethodType, StaticMethodType, PropertyType;

struct SlotDef;  // slot_defs.h: one row of the slot <-> dunder table

// Common head of the descriptors that belong to a type.
struct DescrObject : Object {
  Type* owner;   // the type whose __dict__ holds it (owned: a class's descriptor may outlive
                 // the class's dict; the cycle collector sees this reference)
  Object* name;  // interned str
};
struct MethodDescrObject : DescrObject { const MethodDef* def; };
struct GetSetDescrObject : DescrObject { const GetSetDef* def; };
struct MemberDescrObject : DescrObject { const MemberDef* def; };
struct WrapperDescrObject : DescrObject {
  const SlotDef* slot;
  void* wrapped;  // the native slot function this wrapper calls
};
struct MethodWrapperObject : Object {
  Object* descr;  // owned wrapper_descriptor
  Object* self;   // owned
};
struct BuiltinFunctionObject : Object {
  const MethodDef* def;
  Object* self;    // owned: module, bound instance, class (kMethClass), or nullptr
  Object* module;  // owned: __module__ (str) or nullptr
  Type* owner;     // for bound methods: the defining type, used in messages ("list.append()")
  Object* weaklist;  // weak references to this object (objects/weakref.h)
};
struct StaticMethodObject : Object { Object* callable; Object* dict; };
struct ClassMethodObject : Object { Object* callable; Object* dict; };
struct PropertyObject : Object {
  Object* fget; Object* fset; Object* fdel; Object* doc; Object* name;
  bool getter_doc;  // __doc__ came from fget
};

inline bool is_builtin_function(const Object* o) { return o->ob_type == &BuiltinFunctionType; }
inline bool is_method_descriptor(const Object* o) { return o->ob_type == &MethodDescriptorType; }

// Descriptors for a type's tables (type_ready calls these).
Result<Ref<Object>> method_descriptor_new(Type* owner, const MethodDef* def);
Result<Ref<Object>> classmethod_descriptor_new(Type* owner, const MethodDef* def);
Result<Ref<Object>> getset_descriptor_new(Type* owner, const GetSetDef* def);
Result<Ref<Object>> member_descriptor_new(Type* owner, const MemberDef* def);
Result<Ref<Object>> wrapper_descriptor_new(Type* owner, const SlotDef* slot, void* wrapped);
Result<Ref<Object>> method_wrapper_new(Object* descr, Object* self);

// A builtin_function_or_method for `def` bound to `self` (module functions: the module, or
// nullptr), with __module__ = module_name (a str, or nullptr).
Result<Ref<Object>> builtin_function_new(const MethodDef* def, Object* self, Object* module_name);
// For module authors: adds one builtin function per entry of `table` (until name == nullptr) to
// `dict` (the module's __dict__), each bound to `self` (the module) with __module__ = module_name.
Status add_functions_to_dict(Object* dict, const MethodDef* table, Object* self,
                             Object* module_name);

// Calls a MethodDef as CPython's vectorcall for METH_* flags does, checking kMethNoArgs /
// kMethOneArg / kMethNoKeywords with CPython's names in messages: "list.append" (owner_name),
// "math.floor" (`module`, the __module__ of a module function; builtins are unprefixed), "len".
Result<Ref<Object>> call_method_def(const MethodDef* def, const char* owner_name, Object* self,
                                    Object* const* args, size_t nargs, Object* kwnames,
                                    Object* module = nullptr);

Result<Ref<Object>> staticmethod_new(Object* callable);
Result<Ref<Object>> classmethod_new(Object* callable);

}  // namespace weft
