// vm/compiler/ast_schema.cpp — the ASDL tables of ast_schema.h.
//
// Each FieldSpec names its member with a pointer-to-member (`&ast::BinOp::left`), turned into a
// type-erased accessor by `field_at`, so the converters need no per-node code. The table order
// is checked against AstClass by ast_schema_test.cpp (every class_spec(c).name is c's name).
// Immutable constant data: safe to read from any thread.
#include "vm/compiler/ast_schema.h"

#include <type_traits>

namespace weft::ast {
namespace {

// The node struct a member pointer belongs to.
template <class C, class T>
C owner_of(T C::*);

// `node` as the struct C: sum-type nodes travel as their base pointer (Stmt*, Expr*...), product
// nodes as themselves.
template <class C>
C* as_struct(void* node) {
  if constexpr (std::is_base_of_v<Stmt, C>) {
    return static_cast<C*>(static_cast<Stmt*>(node));
  } else if constexpr (std::is_base_of_v<Expr, C>) {
    return static_cast<C*>(static_cast<Expr*>(node));
  } else if constexpr (std::is_base_of_v<Pattern, C>) {
    return static_cast<C*>(static_cast<Pattern*>(node));
  } else if constexpr (std::is_base_of_v<TypeParam, C>) {
    return static_cast<C*>(static_cast<TypeParam*>(node));
  } else if constexpr (std::is_base_of_v<Mod, C>) {
    return static_cast<C*>(static_cast<Mod*>(node));
  } else {
    return static_cast<C*>(node);
  }
}

// The inverse of as_struct: a node as the type-erased pointer the tables pass around.
template <class C>
void* erase(C* node) {
  if constexpr (std::is_base_of_v<Stmt, C>) {
    return static_cast<Stmt*>(node);
  } else if constexpr (std::is_base_of_v<Expr, C>) {
    return static_cast<Expr*>(node);
  } else if constexpr (std::is_base_of_v<Pattern, C>) {
    return static_cast<Pattern*>(node);
  } else if constexpr (std::is_base_of_v<TypeParam, C>) {
    return static_cast<TypeParam*>(node);
  } else if constexpr (std::is_base_of_v<Mod, C>) {
    return static_cast<Mod*>(node);
  } else {
    return node;
  }
}

template <auto Member>
void* field_at(void* node) {
  using C = decltype(owner_of(Member));
  return &(as_struct<C>(node)->*Member);
}

template <class C>
Location* located(void* node) {
  return &as_struct<C>(node)->loc;
}

// Constructors of sums with positions (stmt, expr, pattern, type_param).
template <class C>
void* make_located(Arena& arena) {
  return erase(new_node<C>(arena, Location{}));
}
// mod constructors: a tag and no positions.
template <class C>
void* make_mod(Arena& arena) {
  C* n = arena.make<C>();
  if (n) n->kind = C::kKind;
  return erase(n);
}
template <class C>
void* make_plain(Arena& arena) {
  return arena.make<C>();
}

// The accessors of a sum constructor: mod nodes carry no positions.
template <class C>
constexpr Location* (*sum_location())(void*) {
  if constexpr (std::is_base_of_v<Mod, C>) {
    return nullptr;
  } else {
    return &located<C>;
  }
}
template <class C>
constexpr void* (*sum_maker())(Arena&) {
  if constexpr (std::is_base_of_v<Mod, C>) {
    return &make_mod<C>;
  } else {
    return &make_located<C>;
  }
}

// clang-format off
#define NODE(name, Struct, member, cls, arity) \
  FieldSpec{#name, FieldType::Node, AstClass::cls, Arity::arity, &field_at<&Struct::member>}
#define BUILTIN(name, Struct, member, type, arity) \
  FieldSpec{#name, FieldType::type, AstClass::AST, Arity::arity, &field_at<&Struct::member>}
// clang-format on

constexpr FieldSpec kModuleFields[] = {
    NODE(body, Module, body, stmt, List),
    NODE(type_ignores, Module, type_ignores, type_ignore, List),
};
constexpr FieldSpec kInteractiveFields[] = {
    NODE(body, Interactive, body, stmt, List),
};
constexpr FieldSpec kExpressionFields[] = {
    NODE(body, Expression, body, expr, One),
};
constexpr FieldSpec kFunctionTypeFields[] = {
    NODE(argtypes, FunctionType, argtypes, expr, List),
    NODE(returns, FunctionType, returns, expr, One),
};
constexpr FieldSpec kFunctionDefFields[] = {
    BUILTIN(name, FunctionDef, name, Identifier, One),
    NODE(args, FunctionDef, args, arguments, One),
    NODE(body, FunctionDef, body, stmt, List),
    NODE(decorator_list, FunctionDef, decorator_list, expr, List),
    NODE(returns, FunctionDef, returns, expr, Optional),
    BUILTIN(type_comment, FunctionDef, type_comment, String, Optional),
    NODE(type_params, FunctionDef, type_params, type_param, List),
};
constexpr FieldSpec kClassDefFields[] = {
    BUILTIN(name, ClassDef, name, Identifier, One),
    NODE(bases, ClassDef, bases, expr, List),
    NODE(keywords, ClassDef, keywords, keyword, List),
    NODE(body, ClassDef, body, stmt, List),
    NODE(decorator_list, ClassDef, decorator_list, expr, List),
    NODE(type_params, ClassDef, type_params, type_param, List),
};
constexpr FieldSpec kReturnFields[] = {
    NODE(value, Return, value, expr, Optional),
};
constexpr FieldSpec kDeleteFields[] = {
    NODE(targets, Delete, targets, expr, List),
};
constexpr FieldSpec kAssignFields[] = {
    NODE(targets, Assign, targets, expr, List),
    NODE(value, Assign, value, expr, One),
    BUILTIN(type_comment, Assign, type_comment, String, Optional),
};
constexpr FieldSpec kTypeAliasFields[] = {
    NODE(name, TypeAlias, name, expr, One),
    NODE(type_params, TypeAlias, type_params, type_param, List),
    NODE(value, TypeAlias, value, expr, One),
};
constexpr FieldSpec kAugAssignFields[] = {
    NODE(target, AugAssign, target, expr, One),
    NODE(op, AugAssign, op, operator_, One),
    NODE(value, AugAssign, value, expr, One),
};
constexpr FieldSpec kAnnAssignFields[] = {
    NODE(target, AnnAssign, target, expr, One),
    NODE(annotation, AnnAssign, annotation, expr, One),
    NODE(value, AnnAssign, value, expr, Optional),
    BUILTIN(simple, AnnAssign, simple, Int, One),
};
constexpr FieldSpec kForFields[] = {
    NODE(target, For, target, expr, One),
    NODE(iter, For, iter, expr, One),
    NODE(body, For, body, stmt, List),
    NODE(orelse, For, orelse, stmt, List),
    BUILTIN(type_comment, For, type_comment, String, Optional),
};
constexpr FieldSpec kWhileFields[] = {
    NODE(test, While, test, expr, One),
    NODE(body, While, body, stmt, List),
    NODE(orelse, While, orelse, stmt, List),
};
constexpr FieldSpec kIfFields[] = {
    NODE(test, If, test, expr, One),
    NODE(body, If, body, stmt, List),
    NODE(orelse, If, orelse, stmt, List),
};
constexpr FieldSpec kWithFields[] = {
    NODE(items, With, items, withitem, List),
    NODE(body, With, body, stmt, List),
    BUILTIN(type_comment, With, type_comment, String, Optional),
};
constexpr FieldSpec kMatchFields[] = {
    NODE(subject, Match, subject, expr, One),
    NODE(cases, Match, cases, match_case, List),
};
constexpr FieldSpec kRaiseFields[] = {
    NODE(exc, Raise, exc, expr, Optional),
    NODE(cause, Raise, cause, expr, Optional),
};
constexpr FieldSpec kTryFields[] = {
    NODE(body, Try, body, stmt, List),
    NODE(handlers, Try, handlers, excepthandler, List),
    NODE(orelse, Try, orelse, stmt, List),
    NODE(finalbody, Try, finalbody, stmt, List),
};
constexpr FieldSpec kAssertFields[] = {
    NODE(test, Assert, test, expr, One),
    NODE(msg, Assert, msg, expr, Optional),
};
constexpr FieldSpec kImportFields[] = {
    NODE(names, Import, names, alias, List),
};
constexpr FieldSpec kImportFromFields[] = {
    BUILTIN(module, ImportFrom, module, Identifier, Optional),
    NODE(names, ImportFrom, names, alias, List),
    BUILTIN(level, ImportFrom, level, Int, Optional),
};
constexpr FieldSpec kGlobalFields[] = {
    BUILTIN(names, Global, names, Identifier, List),
};
constexpr FieldSpec kNonlocalFields[] = {
    BUILTIN(names, Nonlocal, names, Identifier, List),
};
constexpr FieldSpec kExprFields[] = {
    NODE(value, ExprStmt, value, expr, One),
};
constexpr FieldSpec kBoolOpFields[] = {
    NODE(op, BoolOp, op, boolop, One),
    NODE(values, BoolOp, values, expr, List),
};
constexpr FieldSpec kNamedExprFields[] = {
    NODE(target, NamedExpr, target, expr, One),
    NODE(value, NamedExpr, value, expr, One),
};
constexpr FieldSpec kBinOpFields[] = {
    NODE(left, BinOp, left, expr, One),
    NODE(op, BinOp, op, operator_, One),
    NODE(right, BinOp, right, expr, One),
};
constexpr FieldSpec kUnaryOpFields[] = {
    NODE(op, UnaryOp, op, unaryop, One),
    NODE(operand, UnaryOp, operand, expr, One),
};
constexpr FieldSpec kLambdaFields[] = {
    NODE(args, Lambda, args, arguments, One),
    NODE(body, Lambda, body, expr, One),
};
constexpr FieldSpec kIfExpFields[] = {
    NODE(test, IfExp, test, expr, One),
    NODE(body, IfExp, body, expr, One),
    NODE(orelse, IfExp, orelse, expr, One),
};
constexpr FieldSpec kDictFields[] = {
    NODE(keys, Dict, keys, expr, ListWithNone),
    NODE(values, Dict, values, expr, List),
};
constexpr FieldSpec kSetFields[] = {
    NODE(elts, Set, elts, expr, List),
};
constexpr FieldSpec kListCompFields[] = {
    NODE(elt, ListComp, elt, expr, One),
    NODE(generators, ListComp, generators, comprehension, List),
};
constexpr FieldSpec kSetCompFields[] = {
    NODE(elt, SetComp, elt, expr, One),
    NODE(generators, SetComp, generators, comprehension, List),
};
constexpr FieldSpec kDictCompFields[] = {
    NODE(key, DictComp, key, expr, One),
    NODE(value, DictComp, value, expr, One),
    NODE(generators, DictComp, generators, comprehension, List),
};
constexpr FieldSpec kGeneratorExpFields[] = {
    NODE(elt, GeneratorExp, elt, expr, One),
    NODE(generators, GeneratorExp, generators, comprehension, List),
};
constexpr FieldSpec kAwaitFields[] = {
    NODE(value, Await, value, expr, One),
};
constexpr FieldSpec kYieldFields[] = {
    NODE(value, Yield, value, expr, Optional),
};
constexpr FieldSpec kYieldFromFields[] = {
    NODE(value, YieldFrom, value, expr, One),
};
constexpr FieldSpec kCompareFields[] = {
    NODE(left, Compare, left, expr, One),
    NODE(ops, Compare, ops, cmpop, List),
    NODE(comparators, Compare, comparators, expr, List),
};
constexpr FieldSpec kCallFields[] = {
    NODE(func, Call, func, expr, One),
    NODE(args, Call, args, expr, List),
    NODE(keywords, Call, keywords, keyword, List),
};
constexpr FieldSpec kFormattedValueFields[] = {
    NODE(value, FormattedValue, value, expr, One),
    BUILTIN(conversion, FormattedValue, conversion, Int, One),
    NODE(format_spec, FormattedValue, format_spec, expr, Optional),
};
constexpr FieldSpec kInterpolationFields[] = {
    NODE(value, Interpolation, value, expr, One),
    BUILTIN(str, Interpolation, str, Constant, One),
    BUILTIN(conversion, Interpolation, conversion, Int, One),
    NODE(format_spec, Interpolation, format_spec, expr, Optional),
};
constexpr FieldSpec kJoinedStrFields[] = {
    NODE(values, JoinedStr, values, expr, List),
};
constexpr FieldSpec kTemplateStrFields[] = {
    NODE(values, TemplateStr, values, expr, List),
};
constexpr FieldSpec kConstantFields[] = {
    BUILTIN(value, Constant, value, Constant, One),
    BUILTIN(kind, Constant, constant_kind, String, Optional),
};
constexpr FieldSpec kAttributeFields[] = {
    NODE(value, Attribute, value, expr, One),
    BUILTIN(attr, Attribute, attr, Identifier, One),
    NODE(ctx, Attribute, ctx, expr_context, One),
};
constexpr FieldSpec kSubscriptFields[] = {
    NODE(value, Subscript, value, expr, One),
    NODE(slice, Subscript, slice, expr, One),
    NODE(ctx, Subscript, ctx, expr_context, One),
};
constexpr FieldSpec kStarredFields[] = {
    NODE(value, Starred, value, expr, One),
    NODE(ctx, Starred, ctx, expr_context, One),
};
constexpr FieldSpec kNameFields[] = {
    BUILTIN(id, Name, id, Identifier, One),
    NODE(ctx, Name, ctx, expr_context, One),
};
constexpr FieldSpec kListFields[] = {
    NODE(elts, List, elts, expr, List),
    NODE(ctx, List, ctx, expr_context, One),
};
constexpr FieldSpec kTupleFields[] = {
    NODE(elts, Tuple, elts, expr, List),
    NODE(ctx, Tuple, ctx, expr_context, One),
};
constexpr FieldSpec kSliceFields[] = {
    NODE(lower, Slice, lower, expr, Optional),
    NODE(upper, Slice, upper, expr, Optional),
    NODE(step, Slice, step, expr, Optional),
};
constexpr FieldSpec kcomprehensionFields[] = {
    NODE(target, Comprehension, target, expr, One),
    NODE(iter, Comprehension, iter, expr, One),
    NODE(ifs, Comprehension, ifs, expr, List),
    BUILTIN(is_async, Comprehension, is_async, Int, One),
};
constexpr FieldSpec kExceptHandlerFields[] = {
    NODE(type, ExceptHandler, type, expr, Optional),
    BUILTIN(name, ExceptHandler, name, Identifier, Optional),
    NODE(body, ExceptHandler, body, stmt, List),
};
constexpr FieldSpec kargumentsFields[] = {
    NODE(posonlyargs, Arguments, posonlyargs, arg, List),
    NODE(args, Arguments, args, arg, List),
    NODE(vararg, Arguments, vararg, arg, Optional),
    NODE(kwonlyargs, Arguments, kwonlyargs, arg, List),
    NODE(kw_defaults, Arguments, kw_defaults, expr, ListWithNone),
    NODE(kwarg, Arguments, kwarg, arg, Optional),
    NODE(defaults, Arguments, defaults, expr, List),
};
constexpr FieldSpec kargFields[] = {
    BUILTIN(arg, Arg, arg, Identifier, One),
    NODE(annotation, Arg, annotation, expr, Optional),
    BUILTIN(type_comment, Arg, type_comment, String, Optional),
};
constexpr FieldSpec kkeywordFields[] = {
    BUILTIN(arg, Keyword, arg, Identifier, Optional),
    NODE(value, Keyword, value, expr, One),
};
constexpr FieldSpec kaliasFields[] = {
    BUILTIN(name, Alias, name, Identifier, One),
    BUILTIN(asname, Alias, asname, Identifier, Optional),
};
constexpr FieldSpec kwithitemFields[] = {
    NODE(context_expr, WithItem, context_expr, expr, One),
    NODE(optional_vars, WithItem, optional_vars, expr, Optional),
};
constexpr FieldSpec kmatch_caseFields[] = {
    NODE(pattern, MatchCase, pattern, pattern, One),
    NODE(guard, MatchCase, guard, expr, Optional),
    NODE(body, MatchCase, body, stmt, List),
};
constexpr FieldSpec kMatchValueFields[] = {
    NODE(value, MatchValue, value, expr, One),
};
constexpr FieldSpec kMatchSingletonFields[] = {
    BUILTIN(value, MatchSingleton, value, Constant, One),
};
constexpr FieldSpec kMatchSequenceFields[] = {
    NODE(patterns, MatchSequence, patterns, pattern, List),
};
constexpr FieldSpec kMatchMappingFields[] = {
    NODE(keys, MatchMapping, keys, expr, List),
    NODE(patterns, MatchMapping, patterns, pattern, List),
    BUILTIN(rest, MatchMapping, rest, Identifier, Optional),
};
constexpr FieldSpec kMatchClassFields[] = {
    NODE(cls, MatchClass, cls, expr, One),
    NODE(patterns, MatchClass, patterns, pattern, List),
    BUILTIN(kwd_attrs, MatchClass, kwd_attrs, Identifier, List),
    NODE(kwd_patterns, MatchClass, kwd_patterns, pattern, List),
};
constexpr FieldSpec kMatchStarFields[] = {
    BUILTIN(name, MatchStar, name, Identifier, Optional),
};
constexpr FieldSpec kMatchAsFields[] = {
    NODE(pattern, MatchAs, pattern, pattern, Optional),
    BUILTIN(name, MatchAs, name, Identifier, Optional),
};
constexpr FieldSpec kMatchOrFields[] = {
    NODE(patterns, MatchOr, patterns, pattern, List),
};
constexpr FieldSpec kTypeIgnoreFields[] = {
    BUILTIN(lineno, TypeIgnore, lineno, Int, One),
    BUILTIN(tag, TypeIgnore, tag, String, One),
};
constexpr FieldSpec kTypeVarFields[] = {
    BUILTIN(name, TypeVar, name, Identifier, One),
    NODE(bound, TypeVar, bound, expr, Optional),
    NODE(default_value, TypeVar, default_value, expr, Optional),
};
constexpr FieldSpec kParamSpecFields[] = {
    BUILTIN(name, ParamSpec, name, Identifier, One),
    NODE(default_value, ParamSpec, default_value, expr, Optional),
};
constexpr FieldSpec kTypeVarTupleFields[] = {
    BUILTIN(name, TypeVarTuple, name, Identifier, One),
    NODE(default_value, TypeVarTuple, default_value, expr, Optional),
};

#undef NODE
#undef BUILTIN

template <size_t N>
constexpr size_t count_of(const FieldSpec (&)[N]) {
  return N;
}
constexpr size_t count_of(std::nullptr_t) { return 0; }

// clang-format off
#define ABSTRACT(name) {#name, AstClass::AST, nullptr, 0, nullptr, nullptr, true}
#define SINGLETON(name, base) {#name, AstClass::base, nullptr, 0, nullptr, nullptr, false}
#define CONSTRUCTOR(name, base, Struct, fields)                                                \
  {#name, AstClass::base, fields, count_of(fields), sum_location<Struct>(), sum_maker<Struct>(), \
   false}
#define LONE_CONSTRUCTOR(name, base, Struct, fields, location) \
  {#name, AstClass::base, fields, count_of(fields), location, &make_plain<Struct>, false}
#define PRODUCT(name, Struct, fields) \
  {#name, AstClass::AST, fields, count_of(fields), nullptr, &make_plain<Struct>, false}
#define PRODUCT_WITH_LOCATION(name, Struct, fields) \
  {#name, AstClass::AST, fields, count_of(fields), &located<Struct>, &make_plain<Struct>, false}

const ClassSpec kClasses[] = {
    ABSTRACT(AST),
    ABSTRACT(mod),
    CONSTRUCTOR(Module, mod, Module, kModuleFields),
    CONSTRUCTOR(Interactive, mod, Interactive, kInteractiveFields),
    CONSTRUCTOR(Expression, mod, Expression, kExpressionFields),
    CONSTRUCTOR(FunctionType, mod, FunctionType, kFunctionTypeFields),
    ABSTRACT(stmt),
    CONSTRUCTOR(FunctionDef, stmt, FunctionDef, kFunctionDefFields),
    CONSTRUCTOR(AsyncFunctionDef, stmt, AsyncFunctionDef, kFunctionDefFields),
    CONSTRUCTOR(ClassDef, stmt, ClassDef, kClassDefFields),
    CONSTRUCTOR(Return, stmt, Return, kReturnFields),
    CONSTRUCTOR(Delete, stmt, Delete, kDeleteFields),
    CONSTRUCTOR(Assign, stmt, Assign, kAssignFields),
    CONSTRUCTOR(TypeAlias, stmt, TypeAlias, kTypeAliasFields),
    CONSTRUCTOR(AugAssign, stmt, AugAssign, kAugAssignFields),
    CONSTRUCTOR(AnnAssign, stmt, AnnAssign, kAnnAssignFields),
    CONSTRUCTOR(For, stmt, For, kForFields),
    CONSTRUCTOR(AsyncFor, stmt, AsyncFor, kForFields),
    CONSTRUCTOR(While, stmt, While, kWhileFields),
    CONSTRUCTOR(If, stmt, If, kIfFields),
    CONSTRUCTOR(With, stmt, With, kWithFields),
    CONSTRUCTOR(AsyncWith, stmt, AsyncWith, kWithFields),
    CONSTRUCTOR(Match, stmt, Match, kMatchFields),
    CONSTRUCTOR(Raise, stmt, Raise, kRaiseFields),
    CONSTRUCTOR(Try, stmt, Try, kTryFields),
    CONSTRUCTOR(TryStar, stmt, TryStar, kTryFields),
    CONSTRUCTOR(Assert, stmt, Assert, kAssertFields),
    CONSTRUCTOR(Import, stmt, Import, kImportFields),
    CONSTRUCTOR(ImportFrom, stmt, ImportFrom, kImportFromFields),
    CONSTRUCTOR(Global, stmt, Global, kGlobalFields),
    CONSTRUCTOR(Nonlocal, stmt, Nonlocal, kNonlocalFields),
    CONSTRUCTOR(Expr, stmt, ExprStmt, kExprFields),
    CONSTRUCTOR(Pass, stmt, Pass, nullptr),
    CONSTRUCTOR(Break, stmt, Break, nullptr),
    CONSTRUCTOR(Continue, stmt, Continue, nullptr),
    ABSTRACT(expr),
    CONSTRUCTOR(BoolOp, expr, BoolOp, kBoolOpFields),
    CONSTRUCTOR(NamedExpr, expr, NamedExpr, kNamedExprFields),
    CONSTRUCTOR(BinOp, expr, BinOp, kBinOpFields),
    CONSTRUCTOR(UnaryOp, expr, UnaryOp, kUnaryOpFields),
    CONSTRUCTOR(Lambda, expr, Lambda, kLambdaFields),
    CONSTRUCTOR(IfExp, expr, IfExp, kIfExpFields),
    CONSTRUCTOR(Dict, expr, Dict, kDictFields),
    CONSTRUCTOR(Set, expr, Set, kSetFields),
    CONSTRUCTOR(ListComp, expr, ListComp, kListCompFields),
    CONSTRUCTOR(SetComp, expr, SetComp, kSetCompFields),
    CONSTRUCTOR(DictComp, expr, DictComp, kDictCompFields),
    CONSTRUCTOR(GeneratorExp, expr, GeneratorExp, kGeneratorExpFields),
    CONSTRUCTOR(Await, expr, Await, kAwaitFields),
    CONSTRUCTOR(Yield, expr, Yield, kYieldFields),
    CONSTRUCTOR(YieldFrom, expr, YieldFrom, kYieldFromFields),
    CONSTRUCTOR(Compare, expr, Compare, kCompareFields),
    CONSTRUCTOR(Call, expr, Call, kCallFields),
    CONSTRUCTOR(FormattedValue, expr, FormattedValue, kFormattedValueFields),
    CONSTRUCTOR(Interpolation, expr, Interpolation, kInterpolationFields),
    CONSTRUCTOR(JoinedStr, expr, JoinedStr, kJoinedStrFields),
    CONSTRUCTOR(TemplateStr, expr, TemplateStr, kTemplateStrFields),
    CONSTRUCTOR(Constant, expr, Constant, kConstantFields),
    CONSTRUCTOR(Attribute, expr, Attribute, kAttributeFields),
    CONSTRUCTOR(Subscript, expr, Subscript, kSubscriptFields),
    CONSTRUCTOR(Starred, expr, Starred, kStarredFields),
    CONSTRUCTOR(Name, expr, Name, kNameFields),
    CONSTRUCTOR(List, expr, List, kListFields),
    CONSTRUCTOR(Tuple, expr, Tuple, kTupleFields),
    CONSTRUCTOR(Slice, expr, Slice, kSliceFields),
    ABSTRACT(expr_context),
    SINGLETON(Load, expr_context),
    SINGLETON(Store, expr_context),
    SINGLETON(Del, expr_context),
    ABSTRACT(boolop),
    SINGLETON(And, boolop),
    SINGLETON(Or, boolop),
    {"operator", AstClass::AST, nullptr, 0, nullptr, nullptr, true},
    SINGLETON(Add, operator_),
    SINGLETON(Sub, operator_),
    SINGLETON(Mult, operator_),
    SINGLETON(MatMult, operator_),
    SINGLETON(Div, operator_),
    SINGLETON(Mod, operator_),
    SINGLETON(Pow, operator_),
    SINGLETON(LShift, operator_),
    SINGLETON(RShift, operator_),
    SINGLETON(BitOr, operator_),
    SINGLETON(BitXor, operator_),
    SINGLETON(BitAnd, operator_),
    SINGLETON(FloorDiv, operator_),
    ABSTRACT(unaryop),
    SINGLETON(Invert, unaryop),
    SINGLETON(Not, unaryop),
    SINGLETON(UAdd, unaryop),
    SINGLETON(USub, unaryop),
    ABSTRACT(cmpop),
    SINGLETON(Eq, cmpop),
    SINGLETON(NotEq, cmpop),
    SINGLETON(Lt, cmpop),
    SINGLETON(LtE, cmpop),
    SINGLETON(Gt, cmpop),
    SINGLETON(GtE, cmpop),
    SINGLETON(Is, cmpop),
    SINGLETON(IsNot, cmpop),
    SINGLETON(In, cmpop),
    SINGLETON(NotIn, cmpop),
    PRODUCT(comprehension, Comprehension, kcomprehensionFields),
    ABSTRACT(excepthandler),
    LONE_CONSTRUCTOR(ExceptHandler, excepthandler, ExceptHandler, kExceptHandlerFields,
                     &located<ExceptHandler>),
    PRODUCT(arguments, Arguments, kargumentsFields),
    PRODUCT_WITH_LOCATION(arg, Arg, kargFields),
    PRODUCT_WITH_LOCATION(keyword, Keyword, kkeywordFields),
    PRODUCT_WITH_LOCATION(alias, Alias, kaliasFields),
    PRODUCT(withitem, WithItem, kwithitemFields),
    PRODUCT(match_case, MatchCase, kmatch_caseFields),
    ABSTRACT(pattern),
    CONSTRUCTOR(MatchValue, pattern, MatchValue, kMatchValueFields),
    CONSTRUCTOR(MatchSingleton, pattern, MatchSingleton, kMatchSingletonFields),
    CONSTRUCTOR(MatchSequence, pattern, MatchSequence, kMatchSequenceFields),
    CONSTRUCTOR(MatchMapping, pattern, MatchMapping, kMatchMappingFields),
    CONSTRUCTOR(MatchClass, pattern, MatchClass, kMatchClassFields),
    CONSTRUCTOR(MatchStar, pattern, MatchStar, kMatchStarFields),
    CONSTRUCTOR(MatchAs, pattern, MatchAs, kMatchAsFields),
    CONSTRUCTOR(MatchOr, pattern, MatchOr, kMatchOrFields),
    ABSTRACT(type_ignore),
    LONE_CONSTRUCTOR(TypeIgnore, type_ignore, TypeIgnore, kTypeIgnoreFields, nullptr),
    ABSTRACT(type_param),
    CONSTRUCTOR(TypeVar, type_param, TypeVar, kTypeVarFields),
    CONSTRUCTOR(ParamSpec, type_param, ParamSpec, kParamSpecFields),
    CONSTRUCTOR(TypeVarTuple, type_param, TypeVarTuple, kTypeVarTupleFields),
};
// clang-format on
static_assert(sizeof(kClasses) / sizeof(kClasses[0]) == kAstClassCount,
              "kClasses must list every AstClass, in order");

#undef ABSTRACT
#undef SINGLETON
#undef CONSTRUCTOR
#undef LONE_CONSTRUCTOR
#undef PRODUCT
#undef PRODUCT_WITH_LOCATION

AstClass offset(AstClass first, int kind) {
  return static_cast<AstClass>(static_cast<int>(first) + kind);
}

}  // namespace

const ClassSpec& class_spec(AstClass c) { return kClasses[static_cast<size_t>(c)]; }

AstClass class_of(ModKind k) { return offset(AstClass::Module, static_cast<int>(k)); }
AstClass class_of(StmtKind k) { return offset(AstClass::FunctionDef, static_cast<int>(k)); }
AstClass class_of(ExprKind k) { return offset(AstClass::BoolOp, static_cast<int>(k)); }
AstClass class_of(PatternKind k) { return offset(AstClass::MatchValue, static_cast<int>(k)); }
AstClass class_of(TypeParamKind k) { return offset(AstClass::TypeVar, static_cast<int>(k)); }
AstClass class_of(ExprContext k) { return offset(AstClass::Load, static_cast<int>(k)); }
AstClass class_of(BoolOpKind k) { return offset(AstClass::And, static_cast<int>(k)); }
AstClass class_of(OperatorKind k) { return offset(AstClass::Add, static_cast<int>(k)); }
AstClass class_of(UnaryOpKind k) { return offset(AstClass::Invert, static_cast<int>(k)); }
AstClass class_of(CmpOpKind k) { return offset(AstClass::Eq, static_cast<int>(k)); }

void constructors_of(AstClass sum, AstClass* first, size_t* count) {
  size_t i = static_cast<size_t>(sum) + 1;
  *first = static_cast<AstClass>(i);
  size_t n = 0;
  while (i + n < kAstClassCount && kClasses[i + n].base == sum) ++n;
  *count = n;
}

bool is_simple_sum(AstClass sum) {
  return sum == AstClass::expr_context || sum == AstClass::boolop || sum == AstClass::operator_ ||
         sum == AstClass::unaryop || sum == AstClass::cmpop;
}

}  // namespace weft::ast
