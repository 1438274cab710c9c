// objects/typevar_internal.h — what typevar.cpp (TypeVar, ParamSpec, TypeVarTuple) and
// typevar_alias.cpp (TypeAliasType, Generic, NoDefault) share. Not for other files.
#pragma once

#include <atomic>
#include <string>
#include <string_view>

#include "objects/errors.h"
#include "objects/str.h"
#include "objects/typevar.h"

namespace weft::typevar_impl {

// TypeVar, ParamSpec and TypeVarTuple instances. `bound`, `constraints` and `default_value` are
// either given eagerly (set before the object escapes) or computed from the matching
// `evaluate_*` function on first use and published once by compare-and-swap (publish_lazy).
struct TypeParamObject : Object {
  Object* name;                         // owned str
  std::atomic<Object*> bound;           // owned or null
  Object* evaluate_bound;               // owned or null
  std::atomic<Object*> constraints;     // owned tuple or null
  Object* evaluate_constraints;         // owned or null
  std::atomic<Object*> default_value;   // owned (NoDefault when none) or null (not computed)
  Object* evaluate_default;             // owned or null
  Object* module;                       // owned or null ("typing")
  bool covariant, contravariant, infer_variance;
};

// The `__name__` of the module whose code called into a constructor (typevar.h's hook).
Result<Ref<Object>> caller_module();

// typing.<function>(*args) (Lib/typing.py helpers such as _type_check, _typevar_subst).
Result<Ref<Object>> call_typing(const char* function, Object* const* args, size_t nargs,
                                Object* kwnames);
// typing.Unpack[ts].
Result<Ref<Object>> unpack_typevartuple(Object* ts);
// Stores `computed` in the empty `slot` unless another thread won; returns the stored value.
Result<Ref<Object>> publish_lazy(std::atomic<Object*>& slot, Ref<Object> computed);
// A `constevaluator` returning `value` (evaluate_bound() & co. of an eagerly given value).
Result<Ref<Object>> const_evaluator_for(Object* value);
// TypeError "Cannot subclass an instance of <type>".
Error mro_entries_error(Object* self);

// A str built from a raise()-style message ("{}" placeholders).
template <class... A>
Result<Ref<Object>> format_str(std::string_view fmt, const A&... a) {
  const FmtArg args[] = {FmtArg(a)..., FmtArg("")};
  return str_from_utf8(format_message(fmt, args, sizeof...(A)));
}

}  // namespace weft::typevar_impl
