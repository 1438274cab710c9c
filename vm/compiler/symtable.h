// vm/compiler/symtable.h — scopes and the binding of every name (CPython's symtable).
//
// Two passes over the AST: the first records, per scope, how each name is used (assigned,
// parameter, declared global/nonlocal, read); the second decides each name's scope (local,
// global explicit/implicit, free, cell) bottom-up, exactly as CPython's analyze_block, including
// the implicit __class__ / __classdict__ cells of class bodies. Errors are SyntaxErrors with
// CPython's messages. One compilation owns the table.
//
// PEP 709: list/set/dict comprehensions keep their own Scope (codegen needs their bindings)
// but are marked `comp_inlined`; analysis splices their names into the enclosing scope exactly
// as CPython's inline_comprehension does, and codegen emits them inline.
// PEP 649: every function definition gets an Annotation scope (keyed by its ast::Arguments) that
// holds its parameter and return annotations, as CPython's symtable does; inside a class it reads
// names through the class's __classdict__ cell, so every class with methods has that cell.
// PEP 695: a generic function/class/type alias opens a TypeParams scope (CPython's
// TypeParametersBlock, keyed by the address of the node's type_params sequence) holding the
// type parameters (and `.type_params`/`.generic_base` for classes, `.defaults`/`.kwdefaults`
// for functions); each bound, constraint tuple or default is a lazily evaluated TypeVariable
// scope (keyed by the TypeParam, default: its address + 1) and a `type` statement's value a
// TypeAlias scope (keyed by the statement). Inside a class these read names through
// __classdict__ (can_see_class_scope); a generic class's type-param scope mangles only the
// type-parameter names (mangled_names), as CPython's _Py_MaybeMangle.
// PEP 649 for module and class bodies: variable annotations are visited in one __annotate__
// scope per body (Scope::annotation_block); one under if/for/while/try/with/match makes the body
// track __conditional_annotations__ (CPython's ste_has_conditional_annotations).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.h"
#include "objects/ref.h"
#include "vm/compiler/ast.h"
#include "vm/compiler/future.h"

namespace weft::compiler {

// Annotation: a PEP 649 `__annotate__` scope (function-like, one positional `.format` parameter).
// TypeParams, TypeVariable, TypeAlias: the PEP 695 scopes (see above); all three are
// function-like and compile as CPython's COMPILE_SCOPE_ANNOTATIONS units, as Annotation does.
enum class ScopeKind : uint8_t {
  Module, Class, Function, Lambda, Comprehension, Annotation, TypeParams, TypeVariable, TypeAlias
};

// How a name was used in its scope (bit set), CPython's DEF_* flags.
enum SymbolFlag : uint32_t {
  kDefGlobal = 1 << 0,     // `global` statement
  kDefLocal = 1 << 1,      // assigned
  kDefParam = 1 << 2,      // parameter
  kDefNonlocal = 1 << 3,   // `nonlocal` statement
  kUse = 1 << 4,           // read
  kDefFreeClass = 1 << 5,  // free in a class body (from a method)
  kDefImport = 1 << 6,     // bound by import
  kDefCompIter = 1 << 7,   // comprehension iteration variable
  kDefCompCell = 1 << 8,   // a cell only because an inlined comprehension needs it
  kDefTypeParam = 1 << 9,  // a PEP 695 type parameter
};
inline constexpr uint32_t kDefBound = kDefLocal | kDefParam | kDefImport;

// Where a name lives once analysis is done.
enum class NameScope : uint8_t { Local, GlobalExplicit, GlobalImplicit, Free, Cell };

struct Symbol {
  uint32_t flags = 0;
  NameScope scope = NameScope::GlobalImplicit;
};

struct Scope {
  ScopeKind kind;
  std::string name;
  const void* node = nullptr;  // the AST node that opened it (key for lookup)
  int lineno = 0;
  Scope* parent = nullptr;
  std::unordered_map<std::string, Symbol> symbols;
  std::vector<std::string> symbol_order;  // first-use order (co_varnames order for locals)
  std::vector<std::string> params;        // parameter names in order
  std::vector<std::unique_ptr<Scope>> children;
  bool is_generator = false;
  bool is_coroutine = false;
  bool has_varargs = false;
  bool has_varkeywords = false;
  bool needs_class_closure = false;    // a method uses __class__ / super()
  bool needs_classdict = false;        // a nested scope reads names through __classdict__
  bool has_free_children = false;
  bool returns_value = false;
  bool in_class_method = false;        // a function directly inside a class body
  bool comp_inlined = false;           // PEP 709: a list/set/dict comprehension emitted inline
  bool can_see_class_scope = false;    // an annotation scope of a class: loads go through __classdict__
  bool annotations_used = false;       // an annotation scope with at least one annotation
  // PEP 649, module and class bodies: the __annotate__ scope of their variable annotations
  // (a child, keyed by this scope's node + 1), whether one of them sits under
  // if/for/while/try/with/match (then the body keeps a __conditional_annotations__ cell), and
  // the visitor's position (inside such a block or not).
  Scope* annotation_block = nullptr;
  bool has_conditional_annotations = false;
  bool in_conditional_block = false;
  // TypeVariable scopes: what the expression is, for messages ("a TypeVar bound").
  const char* scope_info = nullptr;
  // Set in a generic class's TypeParams scope and inherited by its non-class descendants: only
  // these (type-parameter) names are mangled there.
  std::shared_ptr<std::unordered_set<std::string>> mangled_names;
  // Where each name was declared `global`/`nonlocal` (CPython's ste_directives), for errors.
  std::unordered_map<std::string, ast::Location> directives;

  const Symbol* lookup(std::string_view name) const {
    auto it = symbols.find(std::string(name));
    return it == symbols.end() ? nullptr : &it->second;
  }
  NameScope scope_of(std::string_view name) const {
    const Symbol* s = lookup(name);
    return s ? s->scope : NameScope::GlobalImplicit;
  }
  bool is_function_like() const {
    return kind == ScopeKind::Function || kind == ScopeKind::Lambda ||
           kind == ScopeKind::Comprehension || is_annotation_like();
  }
  // Compiled as CPython's COMPILE_SCOPE_ANNOTATIONS (a qualname skips over these).
  bool is_annotation_like() const {
    return kind == ScopeKind::Annotation || kind == ScopeKind::TypeParams ||
           kind == ScopeKind::TypeVariable || kind == ScopeKind::TypeAlias;
  }
  // CPython's _Py_MaybeMangle: `name` as this scope stores it inside class `class_name`.
  std::string maybe_mangle(std::string_view class_name, std::string_view name) const;
  // An `async def` body (CPython's COMPILE_SCOPE_ASYNC_FUNCTION / IS_ASYNC_DEF).
  bool is_async_def() const { return kind == ScopeKind::Function && is_coroutine; }
};

class SymbolTable {
 public:
  // Builds the table for `mod`; raises SyntaxError (with `filename`) and fails on a bad binding.
  // With `allow_top_level_await` (PyCF_ALLOW_TOP_LEVEL_AWAIT) the module body may await, which
  // makes it a coroutine.
  static Result<std::unique_ptr<SymbolTable>> build(const ast::Mod* mod, std::string_view filename,
                                                    std::string_view source,
                                                    bool allow_top_level_await = false);

  Scope* top() const { return top_.get(); }
  // The scope opened by `node` (a FunctionDef, Lambda, ClassDef, comprehension expression...).
  Scope* scope_for(const void* node) const {
    auto it = by_node_.find(node);
    return it == by_node_.end() ? nullptr : it->second;
  }
  // `from __future__ import annotations` is in effect (CO_FUTURE_ANNOTATIONS).
  bool future_annotations() const { return future_.annotations; }

 private:
  friend class SymtableBuilder;
  std::unique_ptr<Scope> top_;
  std::unordered_map<const void*, Scope*> by_node_;
  FutureFeatures future_;
  // Annotation scopes under `from __future__ import annotations`: looked up by node, never
  // analysed (their code only loads strings), owned here.
  std::vector<std::unique_ptr<Scope>> detached_;
};

// CPython's name mangling: `__x` inside class `C` becomes `_C__x` (not dunder names, not
// dotted names); `class_name` may be empty (no mangling).
std::string mangle(std::string_view class_name, std::string_view name);

}  // namespace weft::compiler
