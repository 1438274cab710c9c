// vm/compiler/ast_schema.h — CPython 3.14's ASDL (Parser/Python.asdl) as data: every class of
// the `ast` module, its fields with their ASDL types, and where each field lives in ast.h's
// structs.
//
// The `_ast` module builds its classes from this table (names, _fields, _attributes,
// _field_types, __doc__), and the two converters walk it: ast_to_python.cpp (internal tree ->
// Python objects) and ast_from_python.cpp (Python objects -> internal tree, with CPython's
// checks). One description, so the three can never disagree about a field.
//
// Invariants: classes are listed in ASDL order; an abstract sum class is followed by its
// constructors in the order of its ast.h kind enum, so `first constructor + kind` is the class of
// a node. Nodes travel type-erased (void*) as a pointer to their sum base (Stmt*, Expr*...) or
// to their product struct: makers return that, accessors expect it, and with_node_type names the
// C++ type to convert it back to.
#pragma once

#include <cstddef>
#include <cstdint>

#include "vm/compiler/ast.h"

namespace weft::ast {

// Every class of the `ast` module, in ASDL order (abstract sum classes before their members).
// clang-format off
#define WEFT_AST_ALL_CLASSES(X)                                                                  \
  X(AST)                                                                                         \
  X(mod) WEFT_AST_MOD_KINDS(X)                                                                   \
  X(stmt) WEFT_AST_STMT_KINDS(X)                                                                 \
  X(expr) WEFT_AST_EXPR_KINDS(X)                                                                 \
  X(expr_context) X(Load) X(Store) X(Del)                                                        \
  X(boolop) X(And) X(Or)                                                                         \
  X(operator_) WEFT_AST_OPERATORS(X)                                                             \
  X(unaryop) X(Invert) X(Not) X(UAdd) X(USub)                                                    \
  X(cmpop) WEFT_AST_CMPOPS(X)                                                                    \
  X(comprehension)                                                                               \
  X(excepthandler) X(ExceptHandler)                                                              \
  X(arguments) X(arg) X(keyword) X(alias) X(withitem) X(match_case)                              \
  X(pattern) WEFT_AST_PATTERN_KINDS(X)                                                           \
  X(type_ignore) X(TypeIgnore)                                                                   \
  X(type_param) WEFT_AST_TYPE_PARAM_KINDS(X)

// `operator` is a C++ keyword: its class is AstClass::operator_ (named "operator" in Python).
enum class AstClass : uint16_t {
#define WEFT_AST_CLASS_ITEM(name) name,
  WEFT_AST_ALL_CLASSES(WEFT_AST_CLASS_ITEM)
#undef WEFT_AST_CLASS_ITEM
  kCount
};
// clang-format on
inline constexpr size_t kAstClassCount = static_cast<size_t>(AstClass::kCount);

// The ASDL type of a field: a node type (by its class), or a builtin type.
enum class FieldType : uint8_t { Node, Identifier, String, Int, Constant };
// `T`, `T?`, `T*`, and `T?*` (Dict.keys, arguments.kw_defaults: lists with None holes).
enum class Arity : uint8_t { One, Optional, List, ListWithNone };

struct FieldSpec {
  const char* name;
  FieldType type;
  AstClass node;  // for FieldType::Node: the declared class (expr, stmt, arguments, cmpop...)
  Arity arity;
  void* (*address)(void* node);  // the field inside a node of the owning class
};

struct ClassSpec {
  const char* name;
  AstClass base;  // AST for the root classes (and AST itself)
  const FieldSpec* fields;
  size_t field_count;
  Location* (*location)(void* node);  // nullptr: the class has no position attributes
  void* (*make)(Arena& arena);        // a zeroed node of this constructor (kind set); nullptr
                                      // for abstract classes and the simple-sum singletons
  bool is_abstract;                   // a sum type (mod, expr, operator...): not a constructor
};

const ClassSpec& class_spec(AstClass c);

// The class of an internal node of each sum type.
AstClass class_of(ModKind k);
AstClass class_of(StmtKind k);
AstClass class_of(ExprKind k);
AstClass class_of(PatternKind k);
AstClass class_of(TypeParamKind k);
AstClass class_of(ExprContext k);
AstClass class_of(BoolOpKind k);
AstClass class_of(OperatorKind k);
AstClass class_of(UnaryOpKind k);
AstClass class_of(CmpOpKind k);

// The first constructor of abstract class `sum` and how many there are (for isinstance scans).
void constructors_of(AstClass sum, AstClass* first, size_t* count);

// Calls fn(NodeType<T>{}) with T the ast.h struct that nodes of class `c` are stored as (Expr
// for expr, Comprehension for comprehension...), so a converter can read a `T*` or `Seq<T*>`
// field through its real type. `c` is a sum or product class, not a simple sum.
template <class T>
struct NodeType {
  using type = T;
};
template <class F>
decltype(auto) with_node_type(AstClass c, F&& fn) {
  switch (c) {
    case AstClass::mod:
      return fn(NodeType<Mod>{});
    case AstClass::stmt:
      return fn(NodeType<Stmt>{});
    case AstClass::pattern:
      return fn(NodeType<Pattern>{});
    case AstClass::type_param:
      return fn(NodeType<TypeParam>{});
    case AstClass::comprehension:
      return fn(NodeType<Comprehension>{});
    case AstClass::excepthandler:
      return fn(NodeType<ExceptHandler>{});
    case AstClass::arguments:
      return fn(NodeType<Arguments>{});
    case AstClass::arg:
      return fn(NodeType<Arg>{});
    case AstClass::keyword:
      return fn(NodeType<Keyword>{});
    case AstClass::alias:
      return fn(NodeType<Alias>{});
    case AstClass::withitem:
      return fn(NodeType<WithItem>{});
    case AstClass::match_case:
      return fn(NodeType<MatchCase>{});
    case AstClass::type_ignore:
      return fn(NodeType<TypeIgnore>{});
    default:
      return fn(NodeType<Expr>{});
  }
}

// True for the sums whose end positions are required (`int end_lineno`, not `int?`): pattern
// and type_param. Elsewhere they are optional and default to the start position.
inline bool end_positions_required(AstClass sum) {
  return sum == AstClass::pattern || sum == AstClass::type_param;
}

// True for the simple sums (expr_context, boolop, operator, unaryop, cmpop), whose members are
// stored as small enums and shared as singleton instances.
bool is_simple_sum(AstClass sum);

}  // namespace weft::ast
