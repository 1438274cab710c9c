// objects/union.h — typing.Union, also known as types.UnionType: the object `int | str`
// evaluates to. In 3.14 `typing.Union` IS this type (`Union[int, str]` goes through its
// __class_getitem__); the `_typing` module exports UnionType under the name `Union`.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type UnionType;  // tp_name "typing.Union"

inline bool is_union(const Object* o) { return o->ob_type == &UnionType; }

// The members of a union (a tuple, borrowed; `u` must be a union). isinstance()/issubclass()
// treat a union like this tuple.
Object* union_args(Object* u);

// `a | b` for types, aliases, None and unions (type.__or__, GenericAlias.__or__): the flattened,
// de-duplicated union, the single member when only one remains, or NotImplemented when either
// side is not unionable.
Result<Ref<Object>> union_type_or(Object* a, Object* b);

// Union[args] (`args` a tuple or a single object), as typing.Union.__class_getitem__ builds it:
// members that are not types are checked with typing._type_check ("Union[arg, ...]: each arg
// must be a type.").
Result<Ref<Object>> union_from_args(Object* args);

// typing.TypeAliasType (defined by `_typing`) is unionable: `type X = int; X | str`. The module
// that defines it registers it here once at start-up.
void union_register_type_alias_type(Type* t);

}  // namespace weft
