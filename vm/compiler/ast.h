// vm/compiler/ast.h — the Python 3.14 abstract syntax tree (Parser/Python.asdl), as plain structs.
//
// Representation choices:
//   * Every node lives in an ast::Arena and is freed with it; nodes have no destructors and are
//     never freed one by one. The parser builds a tree, the compiler reads it, the arena dies.
//   * A sum type (mod, stmt, expr, pattern, type_param) is a base struct holding a `kind` tag and
//     the ASDL attributes (positions); each constructor is a struct deriving from it with
//     CPython's field names and `static constexpr kKind`. Switch on `kind`, then `as<T>()`:
//         if (e->kind == ExprKind::BinOp) { const BinOp* b = e->as<BinOp>(); ... b->left ... }
//     Name clashes with C++ or between ASDL types are resolved like this (the only renames):
//       stmt `Expr`            -> struct ExprStmt   (kind StmtKind::Expr)
//       boolop/operator/unaryop/cmpop -> enums BoolOpKind / OperatorKind / UnaryOpKind / CmpOpKind
//       Constant.kind          -> field `constant_kind` ("u" or absent), since `kind` is the tag.
//   * Product types (comprehension, arguments, arg, keyword, alias, withitem, match_case,
//     excepthandler, type_ignore) are plain structs.
//   * A sequence `T*` in ASDL is Seq<T> (pointer + count into the arena). Optional fields (`T?`)
//     are nullptr when absent. The one sequence with holes is Dict.keys: nullptr for `**d`.
//   * Identifiers are UTF-8 std::string_view into the arena (NUL-terminated there); an optional
//     identifier that is absent is empty (a real identifier is never empty). Identifiers are not
//     yet NFKC-normalised (only ASCII-compatible input is affected; see tokenizer.cpp).
//   * `constant` fields (Constant.value, MatchSingleton.value, Interpolation.str) are borrowed
//     Object*: the arena owns one reference to each (Arena::own_constant) and drops it when it
//     dies, so a compiler that keeps a constant takes its own reference.
//   * Positions are CPython's: 1-based lines, 0-based column offsets in UTF-8 bytes, end
//     positions exclusive. Every node with ASDL attributes has them filled.
//
// Thread safety: an arena and its tree belong to one thread at a time (no internal locking).
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>

#include "objects/ref.h"

namespace weft::ast {

// ---------------------------------------------------------------------------------------------
// Arena

class Arena {
 public:
  Arena() = default;
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Uninitialised memory, aligned to `align` (a power of two, at most alignof(max_align_t)).
  // Returns nullptr when memory is exhausted (the caller reports MemoryError).
  void* allocate(size_t bytes, size_t align = alignof(std::max_align_t));

  // A zero-initialised T (T must be trivially destructible), or nullptr on exhaustion.
  template <class T>
  T* make() {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    void* p = allocate(sizeof(T), alignof(T));
    return p ? new (p) T() : nullptr;
  }

  // A NUL-terminated copy of `s` in the arena; data() is nullptr on exhaustion.
  std::string_view copy_string(std::string_view s);

  // The arena takes over one reference to `o` (released when the arena dies) and returns it
  // borrowed. Returns nullptr (after dropping `o`) on exhaustion.
  Object* own_constant(Ref<Object> o);

  size_t bytes_allocated() const { return total_bytes_; }

 private:
  struct Block {
    Block* next;
    size_t size;  // usable bytes after the header
  };
  struct ConstantCell {
    Object* object;
    ConstantCell* next;
  };
  Block* blocks_ = nullptr;
  char* cursor_ = nullptr;
  char* limit_ = nullptr;
  ConstantCell* constants_ = nullptr;
  size_t total_bytes_ = 0;
};

// A read-only view of an arena array: ASDL's `T*`.
template <class T>
struct Seq {
  T* items = nullptr;
  size_t count = 0;

  size_t size() const { return count; }
  bool empty() const { return count == 0; }
  T& operator[](size_t i) const { assert(i < count); return items[i]; }
  T* begin() const { return items; }
  T* end() const { return items + count; }
};

// Grows an array in the arena (doubling; old storage is simply abandoned in the arena).
// push() returns false on exhaustion.
template <class T>
class SeqBuilder {
 public:
  explicit SeqBuilder(Arena& arena) : arena_(&arena) {}
  bool push(const T& item) {
    if (count_ == capacity_) {
      size_t cap = capacity_ ? capacity_ * 2 : 4;
      T* fresh = static_cast<T*>(arena_->allocate(sizeof(T) * cap, alignof(T)));
      if (!fresh) return false;
      if (count_) std::memcpy(static_cast<void*>(fresh), items_, sizeof(T) * count_);
      items_ = fresh;
      capacity_ = cap;
    }
    items_[count_++] = item;
    return true;
  }
  size_t size() const { return count_; }
  T& operator[](size_t i) { return items_[i]; }
  T& back() { return items_[count_ - 1]; }
  void pop() { --count_; }
  Seq<T> finish() const { return Seq<T>{items_, count_}; }

 private:
  Arena* arena_;
  T* items_ = nullptr;
  size_t count_ = 0;
  size_t capacity_ = 0;
};

using Identifier = std::string_view;  // empty = absent (for `identifier?` fields)

// ASDL `attributes (int lineno, int col_offset, int? end_lineno, int? end_col_offset)`.
struct Location {
  int lineno = 0;
  int col_offset = 0;      // UTF-8 byte offset, 0-based
  int end_lineno = 0;
  int end_col_offset = 0;  // UTF-8 byte offset, exclusive
};

// ---------------------------------------------------------------------------------------------
// Simple sums (enums)

enum class ExprContext : uint8_t { Load, Store, Del };
enum class BoolOpKind : uint8_t { And, Or };
#define WEFT_AST_OPERATORS(X) \
  X(Add) X(Sub) X(Mult) X(MatMult) X(Div) X(Mod) X(Pow) X(LShift) X(RShift) X(BitOr) X(BitXor) \
  X(BitAnd) X(FloorDiv)
enum class OperatorKind : uint8_t {
#define WEFT_AST_ENUM_ITEM(name) name,
  WEFT_AST_OPERATORS(WEFT_AST_ENUM_ITEM)
};
enum class UnaryOpKind : uint8_t { Invert, Not, UAdd, USub };
#define WEFT_AST_CMPOPS(X) X(Eq) X(NotEq) X(Lt) X(LtE) X(Gt) X(GtE) X(Is) X(IsNot) X(In) X(NotIn)
enum class CmpOpKind : uint8_t { WEFT_AST_CMPOPS(WEFT_AST_ENUM_ITEM) };

// ---------------------------------------------------------------------------------------------
// Node kinds (one X-macro list per sum type; names are CPython's constructor names)

#define WEFT_AST_MOD_KINDS(X) X(Module) X(Interactive) X(Expression) X(FunctionType)
#define WEFT_AST_STMT_KINDS(X)                                                                  \
  X(FunctionDef) X(AsyncFunctionDef) X(ClassDef) X(Return) X(Delete) X(Assign) X(TypeAlias)     \
  X(AugAssign) X(AnnAssign) X(For) X(AsyncFor) X(While) X(If) X(With) X(AsyncWith) X(Match)     \
  X(Raise) X(Try) X(TryStar) X(Assert) X(Import) X(ImportFrom) X(Global) X(Nonlocal) X(Expr)    \
  X(Pass) X(Break) X(Continue)
#define WEFT_AST_EXPR_KINDS(X)                                                                  \
  X(BoolOp) X(NamedExpr) X(BinOp) X(UnaryOp) X(Lambda) X(IfExp) X(Dict) X(Set) X(ListComp)      \
  X(SetComp) X(DictComp) X(GeneratorExp) X(Await) X(Yield) X(YieldFrom) X(Compare) X(Call)      \
  X(FormattedValue) X(Interpolation) X(JoinedStr) X(TemplateStr) X(Constant) X(Attribute)       \
  X(Subscript) X(Starred) X(Name) X(List) X(Tuple) X(Slice)
#define WEFT_AST_PATTERN_KINDS(X)                                                               \
  X(MatchValue) X(MatchSingleton) X(MatchSequence) X(MatchMapping) X(MatchClass) X(MatchStar)   \
  X(MatchAs) X(MatchOr)
#define WEFT_AST_TYPE_PARAM_KINDS(X) X(TypeVar) X(ParamSpec) X(TypeVarTuple)

enum class ModKind : uint8_t { WEFT_AST_MOD_KINDS(WEFT_AST_ENUM_ITEM) };
enum class StmtKind : uint8_t { WEFT_AST_STMT_KINDS(WEFT_AST_ENUM_ITEM) };
enum class ExprKind : uint8_t { WEFT_AST_EXPR_KINDS(WEFT_AST_ENUM_ITEM) };
enum class PatternKind : uint8_t { WEFT_AST_PATTERN_KINDS(WEFT_AST_ENUM_ITEM) };
enum class TypeParamKind : uint8_t { WEFT_AST_TYPE_PARAM_KINDS(WEFT_AST_ENUM_ITEM) };
#undef WEFT_AST_ENUM_ITEM

// The CPython names ("BinOp", "Add", "Load"...), for dumps and messages.
const char* kind_name(ModKind k);
const char* kind_name(StmtKind k);
const char* kind_name(ExprKind k);
const char* kind_name(PatternKind k);
const char* kind_name(TypeParamKind k);
const char* kind_name(ExprContext k);
const char* kind_name(BoolOpKind k);
const char* kind_name(OperatorKind k);
const char* kind_name(UnaryOpKind k);
const char* kind_name(CmpOpKind k);

// Base of every sum-type node: the tag, and a checked downcast.
template <class KindT>
struct NodeBase {
  KindT kind;
  // True if this node can be viewed as T: its own kind, and for the shared layouts FunctionDef,
  // For, With and Try also their Async/Star twins (s->as<FunctionDef>() works for both).
  template <class T>
  bool is() const { return T::accepts(kind); }
  template <class T>
  T* as() { assert(T::accepts(kind)); return static_cast<T*>(this); }
  template <class T>
  const T* as() const { assert(T::accepts(kind)); return static_cast<const T*>(this); }
};

struct Mod : NodeBase<ModKind> {};
struct Stmt : NodeBase<StmtKind> { Location loc; };
struct Expr : NodeBase<ExprKind> { Location loc; };
struct Pattern : NodeBase<PatternKind> { Location loc; };
struct TypeParam : NodeBase<TypeParamKind> { Location loc; };

// ---------------------------------------------------------------------------------------------
// Product types

struct Comprehension {
  Expr* target;
  Expr* iter;
  Seq<Expr*> ifs;
  int is_async;
};

struct ExceptHandler {  // excepthandler = ExceptHandler(expr? type, identifier? name, stmt* body)
  Location loc;
  Expr* type;
  Identifier name;
  Seq<Stmt*> body;
};

struct Arg {
  Location loc;
  Identifier arg;
  Expr* annotation;
  std::string_view type_comment;  // empty = None
};

struct Arguments {
  Seq<Arg*> posonlyargs;
  Seq<Arg*> args;
  Arg* vararg;
  Seq<Arg*> kwonlyargs;
  Seq<Expr*> kw_defaults;  // one per kwonlyarg; nullptr where it has no default
  Arg* kwarg;
  Seq<Expr*> defaults;     // for the last len(defaults) of posonlyargs + args
};

struct Keyword {
  Location loc;
  Identifier arg;  // empty for `**value`
  Expr* value;
};

struct Alias {
  Location loc;
  Identifier name;   // dotted, e.g. "os.path"; "*" for `from m import *`
  Identifier asname;
};

struct WithItem {
  Expr* context_expr;
  Expr* optional_vars;
};

struct MatchCase {
  Pattern* pattern;
  Expr* guard;
  Seq<Stmt*> body;
};

struct TypeIgnore {
  int lineno;
  std::string_view tag;
};

// ---------------------------------------------------------------------------------------------
// mod

// In every node struct: its tag and the kinds as<T>() accepts.
#define WEFT_AST_KIND(KindT, name)              \
  static constexpr KindT kKind = KindT::name; \
  static constexpr bool accepts(KindT k) { return k == kKind; }

struct Module : Mod {
  WEFT_AST_KIND(ModKind, Module);
  Seq<Stmt*> body;
  Seq<TypeIgnore*> type_ignores;
};
struct Interactive : Mod {
  WEFT_AST_KIND(ModKind, Interactive);
  Seq<Stmt*> body;
};
struct Expression : Mod {
  WEFT_AST_KIND(ModKind, Expression);
  Expr* body;
};
struct FunctionType : Mod {
  WEFT_AST_KIND(ModKind, FunctionType);
  Seq<Expr*> argtypes;
  Expr* returns;
};

// ---------------------------------------------------------------------------------------------
// stmt

#define WEFT_AST_STMT(name) WEFT_AST_KIND(StmtKind, name)

struct FunctionDef : Stmt {  // also used for AsyncFunctionDef (same fields; check `kind`)
  static constexpr StmtKind kKind = StmtKind::FunctionDef;
  static constexpr bool accepts(StmtKind k) { return k == kKind || k == StmtKind::AsyncFunctionDef; }
  Identifier name;
  Arguments* args;
  Seq<Stmt*> body;
  Seq<Expr*> decorator_list;
  Expr* returns;
  std::string_view type_comment;
  Seq<TypeParam*> type_params;
};
struct AsyncFunctionDef : FunctionDef {
  WEFT_AST_STMT(AsyncFunctionDef);
};
struct ClassDef : Stmt {
  WEFT_AST_STMT(ClassDef);
  Identifier name;
  Seq<Expr*> bases;
  Seq<Keyword*> keywords;
  Seq<Stmt*> body;
  Seq<Expr*> decorator_list;
  Seq<TypeParam*> type_params;
};
struct Return : Stmt {
  WEFT_AST_STMT(Return);
  Expr* value;
};
struct Delete : Stmt {
  WEFT_AST_STMT(Delete);
  Seq<Expr*> targets;
};
struct Assign : Stmt {
  WEFT_AST_STMT(Assign);
  Seq<Expr*> targets;
  Expr* value;
  std::string_view type_comment;
};
struct TypeAlias : Stmt {
  WEFT_AST_STMT(TypeAlias);
  Expr* name;
  Seq<TypeParam*> type_params;
  Expr* value;
};
struct AugAssign : Stmt {
  WEFT_AST_STMT(AugAssign);
  Expr* target;
  OperatorKind op;
  Expr* value;
};
struct AnnAssign : Stmt {
  WEFT_AST_STMT(AnnAssign);
  Expr* target;
  Expr* annotation;
  Expr* value;
  int simple;  // 1 for a bare name target without parentheses
};
struct For : Stmt {  // also used for AsyncFor
  static constexpr StmtKind kKind = StmtKind::For;
  static constexpr bool accepts(StmtKind k) { return k == kKind || k == StmtKind::AsyncFor; }
  Expr* target;
  Expr* iter;
  Seq<Stmt*> body;
  Seq<Stmt*> orelse;
  std::string_view type_comment;
};
struct AsyncFor : For {
  WEFT_AST_STMT(AsyncFor);
};
struct While : Stmt {
  WEFT_AST_STMT(While);
  Expr* test;
  Seq<Stmt*> body;
  Seq<Stmt*> orelse;
};
struct If : Stmt {
  WEFT_AST_STMT(If);
  Expr* test;
  Seq<Stmt*> body;
  Seq<Stmt*> orelse;
};
struct With : Stmt {  // also used for AsyncWith
  static constexpr StmtKind kKind = StmtKind::With;
  static constexpr bool accepts(StmtKind k) { return k == kKind || k == StmtKind::AsyncWith; }
  Seq<WithItem*> items;
  Seq<Stmt*> body;
  std::string_view type_comment;
};
struct AsyncWith : With {
  WEFT_AST_STMT(AsyncWith);
};
struct Match : Stmt {
  WEFT_AST_STMT(Match);
  Expr* subject;
  Seq<MatchCase*> cases;
};
struct Raise : Stmt {
  WEFT_AST_STMT(Raise);
  Expr* exc;
  Expr* cause;
};
struct Try : Stmt {  // also used for TryStar
  static constexpr StmtKind kKind = StmtKind::Try;
  static constexpr bool accepts(StmtKind k) { return k == kKind || k == StmtKind::TryStar; }
  Seq<Stmt*> body;
  Seq<ExceptHandler*> handlers;
  Seq<Stmt*> orelse;
  Seq<Stmt*> finalbody;
};
struct TryStar : Try {
  WEFT_AST_STMT(TryStar);
};
struct Assert : Stmt {
  WEFT_AST_STMT(Assert);
  Expr* test;
  Expr* msg;
};
struct Import : Stmt {
  WEFT_AST_STMT(Import);
  Seq<Alias*> names;
};
struct ImportFrom : Stmt {
  WEFT_AST_STMT(ImportFrom);
  Identifier module;  // empty for `from . import x`
  Seq<Alias*> names;
  int level;
};
struct Global : Stmt {
  WEFT_AST_STMT(Global);
  Seq<Identifier> names;
};
struct Nonlocal : Stmt {
  WEFT_AST_STMT(Nonlocal);
  Seq<Identifier> names;
};
struct ExprStmt : Stmt {  // ASDL `Expr(expr value)`
  WEFT_AST_STMT(Expr);
  Expr* value;
};
struct Pass : Stmt { WEFT_AST_STMT(Pass); };
struct Break : Stmt { WEFT_AST_STMT(Break); };
struct Continue : Stmt { WEFT_AST_STMT(Continue); };
#undef WEFT_AST_STMT

// ---------------------------------------------------------------------------------------------
// expr

#define WEFT_AST_EXPR(name) WEFT_AST_KIND(ExprKind, name)

struct BoolOp : Expr {
  WEFT_AST_EXPR(BoolOp);
  BoolOpKind op;
  Seq<Expr*> values;  // at least two
};
struct NamedExpr : Expr {
  WEFT_AST_EXPR(NamedExpr);
  Expr* target;
  Expr* value;
};
struct BinOp : Expr {
  WEFT_AST_EXPR(BinOp);
  Expr* left;
  OperatorKind op;
  Expr* right;
};
struct UnaryOp : Expr {
  WEFT_AST_EXPR(UnaryOp);
  UnaryOpKind op;
  Expr* operand;
};
struct Lambda : Expr {
  WEFT_AST_EXPR(Lambda);
  Arguments* args;
  Expr* body;
};
struct IfExp : Expr {
  WEFT_AST_EXPR(IfExp);
  Expr* test;
  Expr* body;
  Expr* orelse;
};
struct Dict : Expr {
  WEFT_AST_EXPR(Dict);
  Seq<Expr*> keys;  // nullptr entry for `**values[i]`
  Seq<Expr*> values;
};
struct Set : Expr {
  WEFT_AST_EXPR(Set);
  Seq<Expr*> elts;
};
struct ListComp : Expr {
  WEFT_AST_EXPR(ListComp);
  Expr* elt;
  Seq<Comprehension*> generators;
};
struct SetComp : Expr {
  WEFT_AST_EXPR(SetComp);
  Expr* elt;
  Seq<Comprehension*> generators;
};
struct DictComp : Expr {
  WEFT_AST_EXPR(DictComp);
  Expr* key;
  Expr* value;
  Seq<Comprehension*> generators;
};
struct GeneratorExp : Expr {
  WEFT_AST_EXPR(GeneratorExp);
  Expr* elt;
  Seq<Comprehension*> generators;
};
struct Await : Expr {
  WEFT_AST_EXPR(Await);
  Expr* value;
};
struct Yield : Expr {
  WEFT_AST_EXPR(Yield);
  Expr* value;
};
struct YieldFrom : Expr {
  WEFT_AST_EXPR(YieldFrom);
  Expr* value;
};
struct Compare : Expr {
  WEFT_AST_EXPR(Compare);
  Expr* left;
  Seq<CmpOpKind> ops;
  Seq<Expr*> comparators;  // same length as ops
};
struct Call : Expr {
  WEFT_AST_EXPR(Call);
  Expr* func;
  Seq<Expr*> args;
  Seq<Keyword*> keywords;
};
// Conversion codes for FormattedValue/Interpolation: -1 none, 's', 'r', 'a' (their ASCII codes).
inline constexpr int kNoConversion = -1;
struct FormattedValue : Expr {
  WEFT_AST_EXPR(FormattedValue);
  Expr* value;
  int conversion;
  Expr* format_spec;  // a JoinedStr, or nullptr
};
struct Interpolation : Expr {
  WEFT_AST_EXPR(Interpolation);
  Expr* value;
  Object* str;        // the expression's source text (a str constant)
  int conversion;
  Expr* format_spec;  // a JoinedStr, or nullptr
};
struct JoinedStr : Expr {
  WEFT_AST_EXPR(JoinedStr);
  Seq<Expr*> values;  // Constant (str) and FormattedValue nodes
};
struct TemplateStr : Expr {
  WEFT_AST_EXPR(TemplateStr);
  Seq<Expr*> values;  // Constant (str) and Interpolation nodes
};
struct Constant : Expr {
  WEFT_AST_EXPR(Constant);
  Object* value;                   // borrowed; owned by the arena
  std::string_view constant_kind;  // ASDL field `kind`: "u" for u"..." literals, else empty
};
struct Attribute : Expr {
  WEFT_AST_EXPR(Attribute);
  Expr* value;
  Identifier attr;
  ExprContext ctx;
};
struct Subscript : Expr {
  WEFT_AST_EXPR(Subscript);
  Expr* value;
  Expr* slice;
  ExprContext ctx;
};
struct Starred : Expr {
  WEFT_AST_EXPR(Starred);
  Expr* value;
  ExprContext ctx;
};
struct Name : Expr {
  WEFT_AST_EXPR(Name);
  Identifier id;
  ExprContext ctx;
};
struct List : Expr {
  WEFT_AST_EXPR(List);
  Seq<Expr*> elts;
  ExprContext ctx;
};
struct Tuple : Expr {
  WEFT_AST_EXPR(Tuple);
  Seq<Expr*> elts;
  ExprContext ctx;
};
struct Slice : Expr {
  WEFT_AST_EXPR(Slice);
  Expr* lower;
  Expr* upper;
  Expr* step;
};
#undef WEFT_AST_EXPR

// ---------------------------------------------------------------------------------------------
// pattern

#define WEFT_AST_PATTERN(name) WEFT_AST_KIND(PatternKind, name)

struct MatchValue : Pattern {
  WEFT_AST_PATTERN(MatchValue);
  Expr* value;
};
struct MatchSingleton : Pattern {
  WEFT_AST_PATTERN(MatchSingleton);
  Object* value;  // None, True or False (borrowed, immortal)
};
struct MatchSequence : Pattern {
  WEFT_AST_PATTERN(MatchSequence);
  Seq<Pattern*> patterns;
};
struct MatchMapping : Pattern {
  WEFT_AST_PATTERN(MatchMapping);
  Seq<Expr*> keys;
  Seq<Pattern*> patterns;
  Identifier rest;
};
struct MatchClass : Pattern {
  WEFT_AST_PATTERN(MatchClass);
  Expr* cls;
  Seq<Pattern*> patterns;
  Seq<Identifier> kwd_attrs;
  Seq<Pattern*> kwd_patterns;
};
struct MatchStar : Pattern {
  WEFT_AST_PATTERN(MatchStar);
  Identifier name;  // empty for `*_`
};
struct MatchAs : Pattern {
  WEFT_AST_PATTERN(MatchAs);
  Pattern* pattern;
  Identifier name;  // empty for `_`
};
struct MatchOr : Pattern {
  WEFT_AST_PATTERN(MatchOr);
  Seq<Pattern*> patterns;
};
#undef WEFT_AST_PATTERN

// ---------------------------------------------------------------------------------------------
// type_param

struct TypeVar : TypeParam {
  WEFT_AST_KIND(TypeParamKind, TypeVar);
  Identifier name;
  Expr* bound;
  Expr* default_value;
};
struct ParamSpec : TypeParam {
  WEFT_AST_KIND(TypeParamKind, ParamSpec);
  Identifier name;
  Expr* default_value;
};
struct TypeVarTuple : TypeParam {
  WEFT_AST_KIND(TypeParamKind, TypeVarTuple);
  Identifier name;
  Expr* default_value;
};

#undef WEFT_AST_KIND

// A zeroed node of type T (a stmt/expr/pattern/type_param) with its kind and position set, or
// nullptr when the arena is exhausted.
template <class T>
T* new_node(Arena& arena, const Location& loc) {
  T* n = arena.make<T>();
  if (n) {
    n->kind = T::kKind;
    n->loc = loc;
  }
  return n;
}

}  // namespace weft::ast
