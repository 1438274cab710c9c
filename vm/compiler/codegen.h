// vm/compiler/codegen.h — AST to instruction sequences, one code unit per scope.
//
// Codegen walks the AST with the symbol table's decisions and emits CPython 3.14's instruction
// shapes into an InstrSequence per unit (module, class body, function, lambda, comprehension);
// flowgraph.cpp optimises and lays it out, assembler.cpp encodes it, and finish_unit() builds
// the code object. Split by area: codegen.cpp (units, names, functions, classes),
// codegen_expr.cpp (expressions), codegen_stmt.cpp (statements, loops, try/with).
// One Codegen per compilation; single-threaded.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "objects/ref.h"
#include "vm/compiler/ast.h"
#include "vm/compiler/consts.h"
#include "vm/compiler/instr.h"
#include "vm/compiler/symtable.h"

namespace weft::compiler {

// A control structure that `break`, `continue` and `return` must unwind through.
enum class FBlockKind : uint8_t {
  WhileLoop, ForLoop, TryExcept, FinallyTry, FinallyEnd, With, HandlerCleanup, PopValue,
  ExceptionHandler, AsyncForLoop, AsyncWith, AsyncComprehensionGenerator,
  ExceptionGroupHandler,  // except* handlers: break/continue/return may not leave them
};

// State of one pattern being compiled (codegen_match.cpp): captured names in stack order, the
// working items above them, and the labels that pop n items on failure.
struct PatternContext {
  std::vector<std::string> stores;
  std::vector<int> fail_pop;
  int on_top = 0;
  bool allow_irrefutable = false;
};

struct FBlock {
  FBlockKind kind;
  int block_label;   // loop: continue target
  int exit_label;    // loop: break target
  const void* datum; // FinallyTry: the finally body (Seq<Stmt*>*); HandlerCleanup: name
  SrcLoc loc;
};

// PEP 649: a module/class body's `name: annotation` waiting for the body's __annotate__, with
// its index in __conditional_annotations__ (-1: unconditional).
// CPython's CO_FUTURE_ANNOTATIONS: set on every code object compiled under
// `from __future__ import annotations`.
inline constexpr int kCoFutureAnnotations = 0x1000000;
// CPython's _PY_STACK_USE_GUIDELINE: displays and calls with more items are built piecewise.
inline constexpr int kStackUseGuideline = 30;

struct DeferredAnnotation {
  const ast::AnnAssign* stmt;
  SrcLoc loc;
  int conditional_index;
};

struct CodeUnit {
  Scope* scope = nullptr;
  InstrSequence seq;
  ConstTable consts;
  std::vector<std::string> names;
  std::unordered_map<std::string, int> name_index;
  std::vector<std::string> varnames;
  std::unordered_map<std::string, int> varname_index;
  std::vector<std::string> cellvars;  // sorted
  std::vector<std::string> freevars;  // sorted
  std::string name, qualname;
  std::string private_name;           // enclosing class name, for mangling
  int firstlineno = 1;
  int argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  bool has_docstring = false;
  std::vector<FBlock> fblocks;
  std::vector<std::string> static_attributes;  // class bodies
  // PEP 649 (codegen_annotations.cpp): module and class bodies.
  std::vector<DeferredAnnotation> deferred_annotations;
  int next_conditional_annotation = 0;
  int in_conditional_block = 0;  // depth of if/for/while/try/with/match around the statement
  // PEP 709 state while an inlined comprehension is being emitted (CPython's temp_symbols,
  // u_fasthidden, u_in_inlined_comp): symbols of the comprehension that shadow this unit's,
  // and names of a module/class body that use fast locals inside the comprehension (true)
  // or did at some point (false: their localsplus kind gets CO_FAST_HIDDEN).
  std::unordered_map<std::string, Symbol> temp_symbols;
  std::unordered_map<std::string, bool> fast_hidden;
  int in_inlined_comp = 0;
};

// What push_inlined_comprehension saved, for pop_inlined_comprehension to restore.
struct InlinedCompState {
  std::vector<std::pair<std::string, std::optional<Symbol>>> saved_symbols;
  std::vector<std::string> fast_hidden;  // names this comprehension made fast
  std::vector<std::string> pushed_locals;
  int cleanup = -1;
};

class Codegen {
 public:
  Codegen(const SymbolTable& symtable, std::string_view filename, std::string_view source,
          Object* filename_obj, int optimize, bool interactive, bool allow_top_level_await = false)
      : symtable_(symtable), filename_(filename), source_(source), filename_obj_(filename_obj),
        optimize_(optimize), interactive_(interactive),
        allow_top_level_await_(allow_top_level_await) {}

  Result<Ref<Object>> compile_module(const ast::Mod* mod);

 private:
  const SymbolTable& symtable_;
  std::string_view filename_;
  std::string_view source_;
  Object* filename_obj_;
  int optimize_;
  bool interactive_;
  bool allow_top_level_await_;
  std::vector<std::unique_ptr<CodeUnit>> units_;

  CodeUnit& u() { return *units_.back(); }
  // CPython's IS_TOP_LEVEL_AWAIT: compiling the module body under PyCF_ALLOW_TOP_LEVEL_AWAIT.
  bool is_top_level_await() { return allow_top_level_await_ && u().scope->kind == ScopeKind::Module; }
  // An async construct at `loc`: fine in an async def; in a top-level-await module body it makes
  // the module a coroutine; elsewhere SyntaxError `message`.
  Status require_async_context(const SrcLoc& loc, const char* message);

  // ---- units (codegen.cpp)
  Status enter_unit(Scope* scope, std::string name, int firstlineno, const ast::Arguments* args);
  // Ends the unit with `return None`, or with `add_none` false a bare RETURN_VALUE of the value
  // on the stack (CPython's _PyCodegen_AddReturnAtEnd), and builds its code object.
  Result<Ref<Object>> finish_unit(bool add_none = true);
  std::string qualname_for(std::string_view name, Scope* scope);
  Error syntax_error(const SrcLoc& loc, std::string_view message);
  Error not_supported(const SrcLoc& loc, std::string_view what);

  // ---- emission helpers
  void emit(int op, int arg, const SrcLoc& loc) { u().seq.add(op, arg, loc); }
  void emit(int op, const SrcLoc& loc) { u().seq.add(op, 0, loc); }
  void emit_jump(int op, int label, const SrcLoc& loc) { u().seq.add_jump(op, label, loc); }
  int new_label() { return u().seq.new_label(); }
  void bind(int label) { u().seq.bind(label); }
  Status emit_const(Object* value, const SrcLoc& loc);
  Status emit_none(const SrcLoc& loc);
  Result<int> name_index(std::string_view name);
  Status emit_name_op(std::string_view name, ast::ExprContext ctx, const SrcLoc& loc);
  int varname_slot(const std::string& name);
  int deref_index(const std::string& name);
  std::string mangled(std::string_view name) {
    return u().scope->maybe_mangle(u().private_name, name);
  }

  // ---- functions and classes (codegen.cpp)
  Status function_def(const ast::FunctionDef* f, const SrcLoc& loc);
  Status class_def(const ast::ClassDef* c, const SrcLoc& loc);
  Status lambda(const ast::Lambda* l, const SrcLoc& loc);
  // ---- PEP 649 annotations (codegen.cpp)
  // Opens a COMPILE_SCOPE_ANNOTATIONS unit taking `format` (an __annotate__ function, a lazily
  // evaluated bound/default or type alias value) with CPython's format check prologue.
  Status enter_annotations_unit(Scope* scope, std::string_view name, const SrcLoc& loc);
  // ---- PEP 695 type parameters (codegen_typeparams.cpp)
  // Opens the `<generic parameters of NAME>` unit for the scope keyed by `key`.
  Status enter_type_params_unit(const void* key, std::string_view name, int firstlineno);
  // Evaluates each type parameter (storing it under its name) and builds their tuple.
  Status type_params(const ast::Seq<ast::TypeParam*>& params);
  // Pushes a function computing `e` lazily (a bound, constraints or default).
  Status type_param_lazy_value(const ast::Expr* e, std::string_view name, const void* key,
                               bool allow_starred);
  Status emit_lazy_value_defaults(const SrcLoc& loc);
  Status type_alias(const ast::TypeAlias* t, const SrcLoc& loc);
  Status arg_annotation(std::string_view name, const ast::Expr* annotation, int* count,
                        const SrcLoc& loc);
  Result<int> function_annotations(const ast::FunctionDef* f, const SrcLoc& loc);
  Result<int> emit_defaults(const ast::Arguments* args, const SrcLoc& loc);
  Status make_closure(Ref<Object> code, Scope* child, int flags, const SrcLoc& loc);
  Status emit_decorators(const ast::Seq<ast::Expr*>& decorators);
  Status apply_decorators(const ast::Seq<ast::Expr*>& decorators);
  // PEP 479: wraps the unit's whole body (from its RESUME) in a handler that turns an escaping
  // StopIteration into RuntimeError (CALL_INTRINSIC_1 INTRINSIC_STOPITERATION_ERROR).
  Status wrap_in_stopiteration_handler();
  Status body_with_docstring(const ast::Seq<ast::Stmt*>& body, bool is_function);
  void note_static_attribute(const ast::Attribute* a);
  // SyntaxWarnings (codegen_warnings.cpp): `warn` issues one at `loc`; the checks are CPython's
  // check_compare, check_caller, check_subscripter + check_index and codegen_assert's.
  Status warn(const SrcLoc& loc, std::string message);
  Status check_compare(const ast::Compare* c, const SrcLoc& loc);
  Status check_caller(const ast::Expr* func);
  Status check_subscript(const ast::Expr* value, const ast::Expr* index);
  Status check_assert(const ast::Assert* a, const SrcLoc& loc);

  // ---- expressions (codegen_expr.cpp)
  Status expr(const ast::Expr* e);
  Status exprs(const ast::Seq<ast::Expr*>& es);
  Status jump_if(const ast::Expr* e, int label, bool cond);
  Status compare(const ast::Compare* c, const SrcLoc& loc);
  Status emit_compare_op(ast::CmpOpKind op, const SrcLoc& loc);
  Status boolop(const ast::BoolOp* b, const SrcLoc& loc);
  Status call(const ast::Call* c, const SrcLoc& loc);
  SrcLoc attr_location(const ast::Attribute* a, SrcLoc loc);
  bool can_optimize_super_call(const ast::Attribute* attr);
  bool is_import_originated(const ast::Expr* e) const;
  Status load_args_for_super(const ast::Call* call, const SrcLoc& loc);
  // `preloaded` values are already on the stack; `injected` names a variable passed as the
  // last positional argument (a generic class's `.generic_base`).
  Status call_args(const ast::Seq<ast::Expr*>& args, const ast::Seq<ast::Keyword*>& keywords,
                   int preloaded, const SrcLoc& loc, std::string_view injected = {});
  // CPython's starunpack_helper: builds a list/set/tuple of `pushed` values already on the
  // stack, then `elts` (some starred), then the variable `injected` if any.
  Status starred_collection(const ast::Seq<ast::Expr*>& elts, int build_op, int extend_op,
                            int append_op, bool to_tuple, const SrcLoc& loc, int pushed = 0,
                            std::string_view injected = {});
  Status dict(const ast::Dict* d, const SrcLoc& loc);
  Status subdict(const ast::Dict* d, size_t begin, size_t end, const SrcLoc& loc);
  Status subscript(const ast::Subscript* s, const SrcLoc& loc);
  Status slice(const ast::Slice* s, const SrcLoc& loc);
  Status slice_two_parts(const ast::Expr* slice, const SrcLoc& loc);
  // codegen_format.cpp: f-strings, and `"..." % (a, b)` rewritten as one when CPython would.
  Status fstring(const ast::JoinedStr* j, const SrcLoc& loc);
  Status joined_string(size_t n, const SrcLoc& loc, const std::function<Status(size_t)>& piece);
  Result<bool> try_percent_format(const ast::BinOp* b, const SrcLoc& loc);
  // `value` formatted with `conversion` ('s', 'r', 'a' or -1) and `format_spec` (or null).
  Status formatted_value(const ast::Expr* value, int conversion, const ast::Expr* format_spec,
                         const SrcLoc& loc);
  Status template_str(const ast::TemplateStr* t, const SrcLoc& loc);
  Status interpolation(const ast::Interpolation* i, const SrcLoc& loc);
  // ---- comprehensions (codegen_comprehension.cpp)
  Status comprehension(const ast::Expr* e, const SrcLoc& loc);
  Status comprehension_generator(const ast::Seq<ast::Comprehension*>& gens, size_t index,
                                 int depth, const ast::Expr* elt, const ast::Expr* value,
                                 int kind, bool iter_on_stack, const SrcLoc& loc);
  Status push_inlined_comprehension(Scope* comp, const SrcLoc& loc, InlinedCompState* state);
  Status pop_inlined_comprehension(const SrcLoc& loc, InlinedCompState* state);
  void restore_inlined_locals(const SrcLoc& loc, const InlinedCompState& state);
  // The symbol `name` has in the current unit (an inlined comprehension's own first).
  const Symbol* lookup_symbol(const std::string& name);
  Status yield_value(const SrcLoc& loc);
  // The SEND/YIELD_VALUE/CLEANUP_THROW/END_SEND loop behind `yield from` and `await`
  // (CPython's ADD_YIELD_FROM); `await` selects RESUME_AFTER_AWAIT. END_SEND is bound at
  // `end_send` when given (END_ASYNC_FOR refers to it).
  void yield_from_loop(const SrcLoc& loc, bool await, int end_send = -1);
  // GET_AWAITABLE `where` + None + the yield-from loop: awaits the object on the stack.
  Status emit_await(int where, const SrcLoc& loc);
  Status comprehension_element(const ast::Expr* elt, const ast::Expr* value, int kind, int depth,
                               SrcLoc* elt_loc);
  Status async_comprehension_generator(const ast::Seq<ast::Comprehension*>& gens, size_t index,
                                       int depth, const ast::Expr* elt, const ast::Expr* value,
                                       int kind, bool iter_on_stack, const SrcLoc& loc);

  // ---- statements (codegen_stmt.cpp)
  Status stmt(const ast::Stmt* s);
  Status stmt_dispatch(const ast::Stmt* s);
  // ---- PEP 649 variable annotations (codegen_annotations.cpp)
  Status ann_assign(const ast::AnnAssign* a, const SrcLoc& loc);
  Status check_ann_expr(const ast::Expr* e);
  Status check_ann_subscr(const ast::Expr* e);
  Status annotations_prologue(const SrcLoc& loc);
  Status emit_annotation_string(const ast::Expr* annotation);
  Status emit_deferred_annotations(const SrcLoc& loc);
  Status stmts(const ast::Seq<ast::Stmt*>& body);
  Status assign_target(const ast::Expr* target, const SrcLoc& loc);
  Status unpack(const ast::Seq<ast::Expr*>& elts, const SrcLoc& loc);
  Status aug_assign(const ast::AugAssign* a, const SrcLoc& loc);
  Status delete_target(const ast::Expr* target);
  Status if_stmt(const ast::If* s, const SrcLoc& loc);
  Status while_stmt(const ast::While* s, const SrcLoc& loc);
  Status for_stmt(const ast::For* s, const SrcLoc& loc);
  Status async_for_stmt(const ast::For* s, const SrcLoc& loc);
  Status return_stmt(const ast::Return* r, const SrcLoc& loc);
  Status break_continue(bool is_break, const SrcLoc& loc);
  Status raise_stmt(const ast::Raise* r, const SrcLoc& loc);
  Status assert_stmt(const ast::Assert* a, const SrcLoc& loc);
  Status import_stmt(const ast::Import* i, const SrcLoc& loc);
  Status import_from(const ast::ImportFrom* i, const SrcLoc& loc);
  Status try_stmt(const ast::Try* t, const SrcLoc& loc);
  Status try_except(const ast::Try* t, const SrcLoc& loc);
  Status try_star_except(const ast::Try* t, const SrcLoc& loc);
  Status clear_handler_name(std::string_view name);
  Status try_finally(const ast::Try* t, const SrcLoc& loc);
  Status with_stmt(const ast::With* w, size_t item, const SrcLoc& loc);
  Status async_with_stmt(const ast::With* w, size_t item, const SrcLoc& loc);
  Status unwind_fblock(const FBlock& fb, bool preserve_tos, SrcLoc* loc);
  Status unwind_fblock_stack(bool preserve_tos, const FBlock** loop, SrcLoc* loc);
  Status call_exit_with_nones(const SrcLoc& loc);
  Status with_except_finish(int cleanup, const SrcLoc& loc);

  // ---- match statements (codegen_match.cpp)
  Status match_stmt(const ast::Match* m, const SrcLoc& loc);
  Status pattern(const ast::Pattern* p, PatternContext& pc);
  Status pattern_subpattern(const ast::Pattern* p, PatternContext& pc);
  Status pattern_value(const ast::MatchValue* p, PatternContext& pc, const SrcLoc& loc);
  Status pattern_as(const ast::MatchAs* p, PatternContext& pc, const SrcLoc& loc);
  Status pattern_sequence(const ast::MatchSequence* p, PatternContext& pc, const SrcLoc& loc);
  Status pattern_sequence_unpack(const ast::Seq<ast::Pattern*>& patterns, PatternContext& pc,
                                 const SrcLoc& loc);
  Status pattern_sequence_subscr(const ast::Seq<ast::Pattern*>& patterns, size_t star,
                                 PatternContext& pc, const SrcLoc& loc);
  Status pattern_mapping(const ast::MatchMapping* p, PatternContext& pc, const SrcLoc& loc);
  Status pattern_class(const ast::MatchClass* p, PatternContext& pc, const SrcLoc& loc);
  Status pattern_or(const ast::MatchOr* p, PatternContext& pc, const SrcLoc& loc);
  Status pattern_store_name(std::string_view name, PatternContext& pc, const SrcLoc& loc);
  void pattern_rotate(int count, const SrcLoc& loc);
  void ensure_fail_pop(PatternContext& pc, int n);
  void jump_to_fail_pop(PatternContext& pc, int op, const SrcLoc& loc);
  void emit_and_reset_fail_pop(PatternContext& pc, const SrcLoc& loc);
  Result<bool> match_literal(const ast::Expr* e, Ref<Object>* out);
};

SrcLoc loc_of(const ast::Location& l);

}  // namespace weft::compiler
