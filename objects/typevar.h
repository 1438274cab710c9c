// objects/typevar.h — the PEP 695 runtime objects behind `_typing` (CPython's
// Objects/typevarobject.c): typing.TypeVar, ParamSpec, TypeVarTuple, ParamSpecArgs/Kwargs,
// TypeAliasType, Generic and the NoDefault sentinel, plus what the compiler's intrinsics call.
//
// Type parameters made by the compiler keep their bound, constraints and default as lazily
// evaluated functions (the compiler's `format` functions) and evaluate them on first access.
// Several behaviours live in Lib/typing.py (substitution checks, Generic[...] and subclassing);
// they are reached through `typing`, imported with objects/import_hook.h.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type TypeVarType;          // typing.TypeVar
extern Type ParamSpecType;        // typing.ParamSpec
extern Type TypeVarTupleType;     // typing.TypeVarTuple
extern Type ParamSpecArgsType;    // typing.ParamSpecArgs
extern Type ParamSpecKwargsType;  // typing.ParamSpecKwargs
extern Type TypeAliasTypeType;    // typing.TypeAliasType
extern Type GenericType;          // typing.Generic
extern Type NoDefaultType;        // NoDefaultType (its one instance is typing.NoDefault)
extern Type ConstEvaluatorType;   // constevaluator: evaluate_* of an eagerly given value

// typing.NoDefault (borrowed, immortal).
Object* no_default();

// (Lib/typing.py is imported through objects/import_hook.h; TypeVar() & co. take their
// __module__ from the calling code's globals, objects/heap_type.h current_python_globals().)

// ---- the compiler's intrinsics (CALL_INTRINSIC_1/2 operands) ----
// INTRINSIC_TYPEVAR / _WITH_BOUND / _WITH_CONSTRAINTS: `evaluate_bound` and
// `evaluate_constraints` are the lazy functions, or nullptr.
Result<Ref<Object>> typevar_from_compiler(Object* name, Object* evaluate_bound,
                                          Object* evaluate_constraints);
Result<Ref<Object>> paramspec_from_compiler(Object* name);     // INTRINSIC_PARAMSPEC
Result<Ref<Object>> typevartuple_from_compiler(Object* name);  // INTRINSIC_TYPEVARTUPLE
// INTRINSIC_SET_TYPEPARAM_DEFAULT: gives `param` the lazy default; returns `param`.
Result<Ref<Object>> typeparam_set_lazy_default(Object* param, Object* evaluate_default);
// INTRINSIC_TYPEALIAS: `args` is (name, type_params or None, lazy value).
Result<Ref<Object>> typealias_from_compiler(Object* args);
// INTRINSIC_SUBSCRIPT_GENERIC: Generic[*params], TypeVarTuples unpacked.
Result<Ref<Object>> subscript_generic(Object* params);

}  // namespace weft
