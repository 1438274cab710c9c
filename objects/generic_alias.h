// objects/generic_alias.h — types.GenericAlias (PEP 585: `list[int]`) and the typing helpers
// that GenericAlias, typing.Union (objects/union.h) and the `_typing` module share: the
// parameter collection (`__parameters__`), the substitution of type parameters (`alias[...]`)
// and the "type repr" used inside `list[int]` and `int | str`.
#pragma once

#include "objects/type.h"

namespace weft {

class StrBuilder;

extern Type GenericAliasType;          // types.GenericAlias (subclassable, e.g. by
                                       //   collections.abc._CallableGenericAlias)
extern Type GenericAliasIteratorType;  // generic_alias_iterator: `*list[int]` unpacking

inline bool is_generic_alias(const Object* o) { return is_instance_of(o, &GenericAliasType); }

// GenericAlias(origin, args): `args` is used as is when it is a tuple, else wrapped in a 1-tuple.
Result<Ref<Object>> generic_alias_new(Object* origin, Object* args);

// `cls.__class_getitem__(item)` of the built-in generic classes: GenericAlias(cls, item).
// Use it through kClassGetItemMethod in a type's MethodDef table.
Result<Ref<Object>> generic_alias_class_getitem(Object* cls, Object* const* args, size_t nargs,
                                                Object* kwnames);
inline constexpr MethodDef kClassGetItemMethod = {
    "__class_getitem__", generic_alias_class_getitem, kMethOneArg | kMethClass, "See PEP 585"};

// The type parameters found in `args` (a tuple or a list): each item that has __typing_subst__
// (TypeVar, ParamSpec, TypeVarTuple), else the items of its __parameters__ tuple, recursing into
// nested lists/tuples; de-duplicated by identity, in order of first appearance. Classes are
// skipped. (CPython's _Py_make_parameters.)
Result<Ref<Object>> typing_make_parameters(Object* args);

// Substitutes `item` (one argument or a tuple of them) for `parameters` in `args` and returns the
// new argument tuple: __typing_prepare_subst__ of each parameter first, then the arity check
// ("Too many arguments for ...; actual N, expected M"), then __typing_subst__ of each bare
// parameter and `arg[subargs]` for arguments that have parameters of their own. `self` is the
// alias being subscripted, for messages and prepare hooks. (CPython's _Py_subs_parameters.)
Result<Ref<Object>> typing_subs_parameters(Object* self, Object* args, Object* parameters,
                                           Object* item);

// Appends how `p` is shown inside `list[...]` and `X | Y`: "..." for Ellipsis, "None" for
// NoneType, repr() for alias-like objects (with __origin__ and __args__), "module.qualname" for
// classes ("qualname" for builtins), else repr(). (CPython's _Py_typing_type_repr.)
Status typing_type_repr(StrBuilder& out, Object* p);

}  // namespace weft
