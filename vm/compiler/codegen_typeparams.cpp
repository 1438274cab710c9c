// vm/compiler/codegen_typeparams.cpp — PEP 695: type parameters and `type` statements.
//
// CPython 3.14's instruction shapes (codegen.c codegen_type_params / codegen_typealias):
//   * every type parameter is built by an intrinsic from its name (INTRINSIC_TYPEVAR,
//     _PARAMSPEC, _TYPEVARTUPLE; a bound or constraint tuple goes through
//     INTRINSIC_TYPEVAR_WITH_BOUND/_WITH_CONSTRAINTS, a default through
//     INTRINSIC_SET_TYPEPARAM_DEFAULT), stored under its name (COPY 1 + store) and the whole
//     list ends as one tuple;
//   * bounds, constraints, defaults and alias values are never evaluated eagerly: each is a
//     small function of `format` (default 1, VALUE) in its own annotation-like scope, with the
//     same NotImplementedError prologue as __annotate__; the runtime objects call it on demand;
//   * `type X[T] = v` evaluates inside a `<generic parameters of X>` unit that returns
//     INTRINSIC_TYPEALIAS((name, type_params, lazy value)).
// The symbol table (symtable.cpp) opened the matching scopes; codegen only looks them up by the
// same keys: the type_params sequence's address for the parameter scope, the TypeParam for a
// bound (its address + 1 for a TypeVar's default), the TypeAlias statement for its value.
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/compiler/codegen.h"

namespace weft::compiler {

using namespace weft::vm;

// A lazily evaluated value's function defaults: (1,), so calling it with no argument asks for
// annotationlib.Format.VALUE.
Status Codegen::emit_lazy_value_defaults(const SrcLoc& loc) {
  Ref<Object> one = TRY(int_from_i64(1));
  Ref<Object> defaults = TRY(tuple_new(1));
  tuple_init_item(defaults.get(), 0, std::move(one));
  return emit_const(defaults.get(), loc);
}

Status Codegen::enter_type_params_unit(const void* key, std::string_view name, int firstlineno) {
  Scope* scope = symtable_.scope_for(key);
  std::string unit_name = "<generic parameters of ";
  unit_name.append(name);
  unit_name.push_back('>');
  return enter_unit(scope, std::move(unit_name), firstlineno, nullptr);
}

Status Codegen::type_param_lazy_value(const ast::Expr* e, std::string_view name, const void* key,
                                      bool allow_starred) {
  SrcLoc loc = loc_of(e->loc);
  TRY(emit_lazy_value_defaults(loc));
  Scope* scope = symtable_.scope_for(key);
  TRY(enter_annotations_unit(scope, name, loc));
  if (allow_starred && e->kind == ast::ExprKind::Starred) {
    TRY(expr(e->as<ast::Starred>()->value));
    emit(UNPACK_SEQUENCE, 1, loc);
  } else {
    TRY(expr(e));
  }
  emit(RETURN_VALUE, loc);
  Ref<Object> code = TRY(finish_unit());
  return make_closure(std::move(code), scope, MAKE_FUNCTION_DEFAULTS, loc);
}

Status Codegen::type_params(const ast::Seq<ast::TypeParam*>& params) {
  using K = ast::TypeParamKind;
  bool seen_default = false;
  for (const ast::TypeParam* tp : params) {
    SrcLoc loc = loc_of(tp->loc);
    std::string_view name;
    const ast::Expr* default_value = nullptr;
    int make_intrinsic = INTRINSIC_TYPEVAR;
    switch (tp->kind) {
      case K::TypeVar: {
        const auto* t = tp->as<ast::TypeVar>();
        name = t->name;
        default_value = t->default_value;
        break;
      }
      case K::ParamSpec: {
        const auto* t = tp->as<ast::ParamSpec>();
        name = t->name;
        default_value = t->default_value;
        make_intrinsic = INTRINSIC_PARAMSPEC;
        break;
      }
      case K::TypeVarTuple: {
        const auto* t = tp->as<ast::TypeVarTuple>();
        name = t->name;
        default_value = t->default_value;
        make_intrinsic = INTRINSIC_TYPEVARTUPLE;
        break;
      }
    }
    Ref<Object> name_obj = TRY(str_from_utf8(name));
    TRY(emit_const(name_obj.get(), loc));
    const ast::Expr* bound = tp->kind == K::TypeVar ? tp->as<ast::TypeVar>()->bound : nullptr;
    // The default's scope key: a TypeVar's bound already uses the TypeParam's address.
    const char* key = reinterpret_cast<const char*>(tp);
    if (bound) {
      TRY(type_param_lazy_value(bound, name, key, false));
      emit(CALL_INTRINSIC_2,
           bound->kind == ast::ExprKind::Tuple ? INTRINSIC_TYPEVAR_WITH_CONSTRAINTS
                                               : INTRINSIC_TYPEVAR_WITH_BOUND,
           loc);
    } else {
      emit(CALL_INTRINSIC_1, make_intrinsic, loc);
    }
    if (default_value) {
      seen_default = true;
      TRY(type_param_lazy_value(default_value, name, tp->kind == K::TypeVar ? key + 1 : key,
                                tp->kind == K::TypeVarTuple));
      emit(CALL_INTRINSIC_2, INTRINSIC_SET_TYPEPARAM_DEFAULT, loc);
    } else if (seen_default) {
      return syntax_error(loc, "non-default type parameter '" + std::string(name) +
                                   "' follows default type parameter");
    }
    emit(COPY, 1, loc);
    TRY(emit_name_op(name, ast::ExprContext::Store, loc));
  }
  emit(BUILD_TUPLE, static_cast<int>(params.size()), loc_of(params[0]->loc));
  return ok();
}

// `type X[T] = v`: the stack gets (name, type_params or None, lazy value), as one tuple for
// INTRINSIC_TYPEALIAS; a generic alias is built inside its type-parameter unit.
Status Codegen::type_alias(const ast::TypeAlias* t, const SrcLoc& loc) {
  std::string_view name = t->name->as<ast::Name>()->id;
  Ref<Object> name_obj = TRY(str_from_utf8(name));
  bool generic = !t->type_params.empty();
  if (generic) {
    TRY(enter_type_params_unit(&t->type_params, name, loc.lineno));
    TRY(emit_const(name_obj.get(), loc));
    TRY(type_params(t->type_params));
  } else {
    TRY(emit_const(name_obj.get(), loc));
    TRY(emit_none(loc));
  }
  TRY(emit_lazy_value_defaults(loc));
  Scope* value_scope = symtable_.scope_for(t);
  TRY(enter_annotations_unit(value_scope, name, loc));
  TRY(expr(t->value));
  emit(RETURN_VALUE, loc);
  Ref<Object> value_code = TRY(finish_unit(false));
  TRY(make_closure(std::move(value_code), value_scope, MAKE_FUNCTION_DEFAULTS, loc));
  emit(BUILD_TUPLE, 3, loc);
  emit(CALL_INTRINSIC_1, INTRINSIC_TYPEALIAS, loc);
  if (generic) {
    Scope* type_scope = u().scope;
    Ref<Object> maker = TRY(finish_unit(false));
    TRY(make_closure(std::move(maker), type_scope, 0, loc));
    emit(PUSH_NULL, loc);
    emit(CALL, 0, loc);
  }
  return emit_name_op(name, ast::ExprContext::Store, loc);
}

}  // namespace weft::compiler
