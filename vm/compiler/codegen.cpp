// vm/compiler/codegen.cpp — code units, name resolution, functions, lambdas and classes.
//
// A unit is opened per scope; its local numbering follows CPython: co_varnames starts with
// the parameters and grows in order of first use by codegen; cell and free variables are
// sorted by name. Cell/free opargs are emitted as "deref indices" (cells first, then frees)
// and turned into localsplus indices in finish_unit(), once the number of locals is known,
// exactly like CPython's fix_cell_offsets. finish_unit() then runs the flowgraph and the
// assembler and builds the code object.
#include "vm/compiler/codegen.h"

#include <algorithm>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/code.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/compiler/assembler.h"
#include "vm/compiler/flowgraph.h"
#include "vm/compiler/syntax_error.h"

namespace weft::compiler {

using namespace weft::vm;

namespace {
constexpr int kDerefBase = 1 << 24;  // provisional opargs of cell/free instructions
}

SrcLoc loc_of(const ast::Location& l) { return {l.lineno, l.end_lineno, l.col_offset, l.end_col_offset}; }

Error Codegen::syntax_error(const SrcLoc& loc, std::string_view message) {
  return raise_syntax_error_at(message, filename_, source_, loc.lineno, loc.col, loc.end_lineno,
                               loc.end_col);
}

Error Codegen::not_supported(const SrcLoc& loc, std::string_view what) {
  return raise(exc::NotImplementedError, "{} is not supported by Weft's compiler yet (line {})",
               what, loc.lineno);
}

// CPython's compiler_set_qualname: an annotation-like parent (a type-parameter scope, a lazy
// bound, an __annotate__) is skipped; only function and lambda parents add `.<locals>`.
std::string Codegen::qualname_for(std::string_view name, Scope* scope) {
  if (units_.empty() || u().scope->kind == ScopeKind::Module) return std::string(name);
  size_t parent_index = units_.size() - 1;
  if (units_[parent_index]->scope->is_annotation_like()) {
    if (parent_index == 1) return std::string(name);  // directly inside the module
    --parent_index;
  }
  CodeUnit& parent = *units_[parent_index];
  // A global function/class nested in a function has a plain name (PEP 3155).
  if (scope && (scope->kind == ScopeKind::Function || scope->kind == ScopeKind::Class)) {
    std::string mangled_name = mangle(parent.private_name, name);
    const Symbol* sym = parent.scope->lookup(mangled_name);
    if (sym && sym->scope == NameScope::GlobalExplicit) return std::string(name);
  }
  std::string base = parent.qualname;
  if (parent.scope->kind == ScopeKind::Function || parent.scope->kind == ScopeKind::Lambda)
    base += ".<locals>";
  return base + "." + std::string(name);
}

Status Codegen::enter_unit(Scope* scope, std::string name, int firstlineno,
                           const ast::Arguments* args) {
  std::string qualname = qualname_for(name, scope);
  std::string private_name;
  if (!units_.empty()) private_name = u().private_name;
  if (scope->kind == ScopeKind::Class) private_name = name;
  auto unit = std::make_unique<CodeUnit>();
  unit->scope = scope;
  unit->name = std::move(name);
  unit->qualname = std::move(qualname);
  unit->private_name = std::move(private_name);
  unit->firstlineno = firstlineno;
  for (const std::string& p : scope->params) {
    unit->varname_index.emplace(p, static_cast<int>(unit->varnames.size()));
    unit->varnames.push_back(p);
  }
  if (args) {
    unit->posonlyargcount = static_cast<int>(args->posonlyargs.size());
    unit->argcount = static_cast<int>(args->posonlyargs.size() + args->args.size());
    unit->kwonlyargcount = static_cast<int>(args->kwonlyargs.size());
  }
  for (const std::string& n : scope->symbol_order) {
    const Symbol& s = scope->symbols.at(n);
    if (s.scope == NameScope::Cell || (s.flags & kDefCompCell)) unit->cellvars.push_back(n);
    else if (s.scope == NameScope::Free || (s.flags & kDefFreeClass)) unit->freevars.push_back(n);
  }
  if (scope->kind == ScopeKind::Class) {
    if (scope->needs_class_closure) unit->cellvars.push_back("__class__");
    if (scope->needs_classdict) unit->cellvars.push_back("__classdict__");
  }
  // CPython cooks up this cell for both bodies, though a module only uses it by name.
  if (scope->has_conditional_annotations) unit->cellvars.push_back("__conditional_annotations__");
  std::sort(unit->cellvars.begin(), unit->cellvars.end());
  std::sort(unit->freevars.begin(), unit->freevars.end());
  units_.push_back(std::move(unit));
  // Every unit starts with RESUME at its first line, column 0 (line 0 for a module).
  // A module's RESUME is (0, 1, 0, 0): CPython zeroes only the start line.
  int line = scope->kind == ScopeKind::Module ? 0 : firstlineno;
  emit(RESUME, RESUME_AT_FUNC_START, SrcLoc{line, firstlineno, 0, 0});
  return ok();
}

Result<int> Codegen::name_index(std::string_view raw) {
  std::string name(raw);
  auto it = u().name_index.find(name);
  if (it != u().name_index.end()) return it->second;
  int index = static_cast<int>(u().names.size());
  u().names.push_back(name);
  u().name_index.emplace(std::move(name), index);
  return index;
}

int Codegen::varname_slot(const std::string& name) {
  auto it = u().varname_index.find(name);
  if (it != u().varname_index.end()) return it->second;
  int index = static_cast<int>(u().varnames.size());
  u().varnames.push_back(name);
  u().varname_index.emplace(name, index);
  return index;
}

int Codegen::deref_index(const std::string& name) {
  const std::vector<std::string>& cells = u().cellvars;
  auto it = std::find(cells.begin(), cells.end(), name);
  if (it != cells.end()) return kDerefBase + static_cast<int>(it - cells.begin());
  const std::vector<std::string>& frees = u().freevars;
  auto ft = std::find(frees.begin(), frees.end(), name);
  return kDerefBase + static_cast<int>(cells.size()) + static_cast<int>(ft - frees.begin());
}

Status Codegen::emit_const(Object* value, const SrcLoc& loc) {
  int index = TRY(u().consts.add(value));
  emit(LOAD_CONST, index, loc);
  return ok();
}

Status Codegen::emit_none(const SrcLoc& loc) { return emit_const(none(), loc); }

Status Codegen::emit_name_op(std::string_view raw, ast::ExprContext ctx, const SrcLoc& loc) {
  std::string name = mangled(raw);
  Scope* scope = u().scope;
  const Symbol* sym = lookup_symbol(name);
  NameScope where = sym ? sym->scope : NameScope::GlobalImplicit;
  if (name == "__debug__" && ctx == ast::ExprContext::Load) {
    return emit_const(py_bool(optimize_ == 0), loc);
  }
  if (name == "__debug__") return syntax_error(loc, "cannot assign to __debug__");
  bool function_like = scope->is_function_like();
  enum { kFast, kGlobal, kDeref, kName } optype = kName;
  switch (where) {
    case NameScope::Free:
    case NameScope::Cell:
      optype = kDeref;
      break;
    case NameScope::Local: {
      // A module/class body uses fast locals for the names an inlined comprehension binds.
      auto hidden = u().fast_hidden.find(name);
      optype = function_like || (hidden != u().fast_hidden.end() && hidden->second) ? kFast : kName;
      break;
    }
    case NameScope::GlobalImplicit:
      optype = function_like ? kGlobal : kName;
      break;
    case NameScope::GlobalExplicit:
      optype = kGlobal;
      break;
  }
  if (scope->kind == ScopeKind::Class && sym && (sym->flags & kDefFreeClass) && where != NameScope::Free)
    optype = kName;
  using C = ast::ExprContext;
  switch (optype) {
    case kDeref: {
      int d = deref_index(name);
      if (ctx == C::Load) {
        if (scope->kind == ScopeKind::Class) {
          emit(LOAD_LOCALS, loc);
          emit(LOAD_FROM_DICT_OR_DEREF, d, loc);
        } else if (scope->can_see_class_scope) {
          emit(LOAD_DEREF, deref_index("__classdict__"), loc);
          emit(LOAD_FROM_DICT_OR_DEREF, d, loc);
        } else {
          emit(LOAD_DEREF, d, loc);
        }
      } else {
        emit(ctx == C::Store ? STORE_DEREF : DELETE_DEREF, d, loc);
      }
      return ok();
    }
    case kFast: {
      int slot = varname_slot(name);
      emit(ctx == C::Load ? LOAD_FAST : ctx == C::Store ? STORE_FAST : DELETE_FAST, slot, loc);
      return ok();
    }
    case kGlobal: {
      int index = TRY(name_index(name));
      if (ctx == C::Load && scope->can_see_class_scope && where == NameScope::GlobalImplicit) {
        emit(LOAD_DEREF, deref_index("__classdict__"), loc);
        emit(LOAD_FROM_DICT_OR_GLOBALS, index, loc);
      } else if (ctx == C::Load) emit(LOAD_GLOBAL, load_global_oparg(index, false), loc);
      else emit(ctx == C::Store ? STORE_GLOBAL : DELETE_GLOBAL, index, loc);
      return ok();
    }
    case kName: {
      int index = TRY(name_index(name));
      // Inside a comprehension inlined in a class body, class variables are not visible.
      int load = scope->kind == ScopeKind::Class && u().in_inlined_comp > 0 ? LOAD_GLOBAL : LOAD_NAME;
      if (ctx == C::Load && load == LOAD_GLOBAL) emit(LOAD_GLOBAL, load_global_oparg(index, false), loc);
      else emit(ctx == C::Load ? LOAD_NAME : ctx == C::Store ? STORE_NAME : DELETE_NAME, index, loc);
      return ok();
    }
  }
  return ok();
}

// ---- functions --------------------------------------------------------------------------------

Result<int> Codegen::emit_defaults(const ast::Arguments* args, const SrcLoc& loc) {
  int flags = 0;
  if (!args->defaults.empty()) {
    TRY(exprs(args->defaults));
    emit(BUILD_TUPLE, static_cast<int>(args->defaults.size()), loc);
    flags |= MAKE_FUNCTION_DEFAULTS;
  }
  int nkw = 0;
  for (size_t i = 0; i < args->kwonlyargs.size(); ++i) {
    const ast::Expr* d = args->kw_defaults[i];
    if (!d) continue;
    Ref<Object> key = TRY(str_from_utf8(mangled(args->kwonlyargs[i]->arg)));
    TRY(emit_const(key.get(), loc));
    TRY(expr(d));
    ++nkw;
  }
  if (nkw > 0) {
    emit(BUILD_MAP, nkw, loc);
    flags |= MAKE_FUNCTION_KWDEFAULTS;
  }
  return flags;
}

Status Codegen::make_closure(Ref<Object> code, Scope* child, int flags, const SrcLoc& loc) {
  const CodeObject* co = static_cast<const CodeObject*>(code.get());
  if (co->nfreevars > 0) {
    // Load each free variable's cell of the child from this unit, in the child's order.
    Object* names = co->localsplusnames;
    int64_t n = tuple_size(names);
    for (int64_t i = n - co->nfreevars; i < n; ++i) {
      std::string name = str_to_std_string(tuple_item(names, i));
      // A class body's implicit cells are its own cellvars.
      emit(LOAD_CLOSURE, deref_index(name), loc);
    }
    emit(BUILD_TUPLE, co->nfreevars, loc);
    flags |= MAKE_FUNCTION_CLOSURE;
  }
  TRY(emit_const(code.get(), loc));
  emit(MAKE_FUNCTION, loc);
  for (int bit : {MAKE_FUNCTION_CLOSURE, MAKE_FUNCTION_ANNOTATE, MAKE_FUNCTION_ANNOTATIONS,
                  MAKE_FUNCTION_KWDEFAULTS, MAKE_FUNCTION_DEFAULTS}) {
    if (flags & bit) emit(SET_FUNCTION_ATTRIBUTE, bit, loc);
  }
  (void)child;
  return ok();
}

Status Codegen::emit_decorators(const ast::Seq<ast::Expr*>& decorators) {
  return exprs(decorators);
}

Status Codegen::apply_decorators(const ast::Seq<ast::Expr*>& decorators) {
  for (size_t i = decorators.size(); i-- > 0;) {
    // decorator, function -> CALL 0 (the function rides in the self slot).
    emit(CALL, 0, loc_of(decorators[i]->loc));
  }
  return ok();
}

Status Codegen::body_with_docstring(const ast::Seq<ast::Stmt*>& body, bool is_function) {
  size_t start = 0;
  if (!body.empty() && optimize_ < 2 && body[0]->kind == ast::StmtKind::Expr) {
    const ast::Expr* v = body[0]->as<ast::ExprStmt>()->value;
    if (v->kind == ast::ExprKind::Constant && is_str(v->as<ast::Constant>()->value)) {
      if (is_function) {
        TRY(u().consts.add(v->as<ast::Constant>()->value));
        u().has_docstring = true;
        start = 1;
        // The docstring statement still has a line: CPython keeps a NOP for it.
        emit(NOP, loc_of(body[0]->loc));
      }
    }
  }
  for (size_t i = start; i < body.size(); ++i) TRY(stmt(body[i]));
  return ok();
}

Status Codegen::wrap_in_stopiteration_handler() {
  int handler = new_label();
  // The unit's RESUME is its first instruction: the handler covers it and everything after.
  u().seq.insert(0, Instr{SETUP_CLEANUP, 0, kNoLocation, handler});
  TRY(emit_none(kNoLocation));
  emit(RETURN_VALUE, kNoLocation);
  bind(handler);
  emit(CALL_INTRINSIC_1, INTRINSIC_STOPITERATION_ERROR, kNoLocation);
  emit(RERAISE, 1, kNoLocation);
  return ok();
}

// A generic function (PEP 695) is made inside its `<generic parameters of f>` unit, which takes
// the defaults and keyword defaults (evaluated outside) as `.defaults`/`.kwdefaults`, sets
// __type_params__ (INTRINSIC_SET_FUNCTION_TYPE_PARAMS) and returns the function.
Status Codegen::function_def(const ast::FunctionDef* f, const SrcLoc& loc) {
  Scope* scope = symtable_.scope_for(f);
  TRY(emit_decorators(f->decorator_list));
  int firstlineno = f->decorator_list.empty() ? loc.lineno : f->decorator_list[0]->loc.lineno;
  int flags = TRY(emit_defaults(f->args, loc));
  bool generic = !f->type_params.empty();
  int type_param_args = 0;
  if (generic) {
    type_param_args = ((flags & MAKE_FUNCTION_DEFAULTS) ? 1 : 0) +
                      ((flags & MAKE_FUNCTION_KWDEFAULTS) ? 1 : 0);
    if (type_param_args == 2) emit(SWAP, 2, loc);
    TRY(enter_type_params_unit(&f->type_params, f->name, firstlineno));
    u().argcount = type_param_args;
    TRY(type_params(f->type_params));
    for (int i = 0; i < type_param_args; ++i) emit(LOAD_FAST, i, loc);
  }
  flags |= TRY(function_annotations(f, loc));
  TRY(enter_unit(scope, std::string(f->name), firstlineno, f->args));
  TRY(body_with_docstring(f->body, true));
  if (scope->is_generator || scope->is_coroutine) TRY(wrap_in_stopiteration_handler());
  Ref<Object> code = TRY(finish_unit());
  TRY(make_closure(std::move(code), scope, flags, loc));
  if (generic) {
    emit(SWAP, 2, loc);
    emit(CALL_INTRINSIC_2, INTRINSIC_SET_FUNCTION_TYPE_PARAMS, loc);
    Scope* type_scope = u().scope;
    Ref<Object> maker = TRY(finish_unit(false));
    TRY(make_closure(std::move(maker), type_scope, 0, loc));
    if (type_param_args > 0) {
      emit(SWAP, type_param_args + 1, loc);
      emit(CALL, type_param_args - 1, loc);
    } else {
      emit(PUSH_NULL, loc);
      emit(CALL, 0, loc);
    }
  }
  TRY(apply_decorators(f->decorator_list));
  return emit_name_op(f->name, ast::ExprContext::Store, loc);
}

// Opens an __annotate__(format) unit with CPython's prologue: formats above
// VALUE_WITH_FAKE_GLOBALS (2) raise NotImplementedError, so annotationlib falls back.
namespace {
// annotationlib.Format.VALUE_WITH_FAKE_GLOBALS: the highest format a compiler-generated
// __annotate__ accepts.
constexpr int64_t kAnnotateFormatValueWithFakeGlobals = 2;
}  // namespace

Status Codegen::enter_annotations_unit(Scope* scope, std::string_view name, const SrcLoc& loc) {
  TRY(enter_unit(scope, std::string(name), loc.lineno, nullptr));
  u().argcount = 1;
  u().posonlyargcount = 1;
  emit(LOAD_FAST, 0, loc);
  Ref<Object> fake_globals = TRY(int_from_i64(kAnnotateFormatValueWithFakeGlobals));
  TRY(emit_const(fake_globals.get(), loc));
  emit(COMPARE_OP, compare_op_oparg(kCmpGt, false), loc);
  int body = new_label();
  emit_jump(POP_JUMP_IF_FALSE, body, loc);
  emit(LOAD_COMMON_CONSTANT, CONSTANT_NOTIMPLEMENTEDERROR, loc);
  emit(RAISE_VARARGS, 1, loc);
  bind(body);
  return ok();
}

// Emits `name: annotation` into an __annotate__ body; `*args: *Ts` unpacks its one value.
Status Codegen::arg_annotation(std::string_view name, const ast::Expr* annotation, int* count,
                               const SrcLoc& loc) {
  if (!annotation) return ok();
  Ref<Object> key = TRY(str_from_utf8(mangled(name)));
  TRY(emit_const(key.get(), loc));
  if (symtable_.future_annotations()) {
    TRY(emit_annotation_string(annotation));
  } else if (annotation->kind == ast::ExprKind::Starred) {
    TRY(expr(annotation->as<ast::Starred>()->value));
    emit(UNPACK_SEQUENCE, 1, loc);
  } else {
    TRY(expr(annotation));
  }
  ++*count;
  return ok();
}

// PEP 649: a function's annotations become a nested __annotate__ function that builds the
// dict on demand. Returns the MAKE_FUNCTION flag to set (0 when there are no annotations).
Result<int> Codegen::function_annotations(const ast::FunctionDef* f, const SrcLoc& loc) {
  Scope* scope = symtable_.scope_for(f->args);
  if (!scope || !scope->annotations_used) return 0;
  TRY(enter_annotations_unit(scope, "__annotate__", loc));
  const ast::Arguments* a = f->args;
  int count = 0;
  for (const ast::Arg* arg : a->args) TRY(arg_annotation(arg->arg, arg->annotation, &count, loc));
  for (const ast::Arg* arg : a->posonlyargs)
    TRY(arg_annotation(arg->arg, arg->annotation, &count, loc));
  if (a->vararg) TRY(arg_annotation(a->vararg->arg, a->vararg->annotation, &count, loc));
  for (const ast::Arg* arg : a->kwonlyargs)
    TRY(arg_annotation(arg->arg, arg->annotation, &count, loc));
  if (a->kwarg) TRY(arg_annotation(a->kwarg->arg, a->kwarg->annotation, &count, loc));
  TRY(arg_annotation("return", f->returns, &count, loc));
  emit(BUILD_MAP, count, loc);
  emit(RETURN_VALUE, loc);
  Ref<Object> code = TRY(finish_unit());
  TRY(make_closure(std::move(code), scope, 0, loc));
  return MAKE_FUNCTION_ANNOTATE;
}

Status Codegen::lambda(const ast::Lambda* l, const SrcLoc& loc) {
  Scope* scope = symtable_.scope_for(l);
  int flags = TRY(emit_defaults(l->args, loc));
  TRY(enter_unit(scope, "<lambda>", loc.lineno, l->args));
  TRY(expr(l->body));
  emit(RETURN_VALUE, loc_of(l->body->loc));
  Ref<Object> code = TRY(finish_unit());
  return make_closure(std::move(code), scope, flags, loc);
}

Status Codegen::require_async_context(const SrcLoc& loc, const char* message) {
  if (u().scope->is_async_def()) return ok();
  if (!is_top_level_await()) return syntax_error(loc, message);
  u().scope->is_coroutine = true;
  return ok();
}

// CPython's _PyCompile_MaybeAddStaticAttributeToClass: `self.name = ...` anywhere inside a
// class (in any nested function, whatever the method's first parameter is called) records
// `name` in the nearest enclosing class body's __static_attributes__.
void Codegen::note_static_attribute(const ast::Attribute* a) {
  if (a->value->kind != ast::ExprKind::Name || a->value->as<ast::Name>()->id != "self") return;
  for (auto it = units_.rbegin(); it != units_.rend(); ++it) {
    if ((*it)->scope->kind == ScopeKind::Class) {
      (*it)->static_attributes.emplace_back(a->attr);
      return;
    }
  }
}

// A generic class (PEP 695) is built inside its `<generic parameters of C>` unit: the type
// parameters' tuple is `.type_params` (the body stores it as __type_params__) and
// Generic[*params] is passed as the last base (`.generic_base`).
Status Codegen::class_def(const ast::ClassDef* c, const SrcLoc& loc) {
  Scope* scope = symtable_.scope_for(c);
  TRY(emit_decorators(c->decorator_list));
  int firstlineno = c->decorator_list.empty() ? loc.lineno : c->decorator_list[0]->loc.lineno;
  bool generic = !c->type_params.empty();
  if (generic) {
    TRY(enter_type_params_unit(&c->type_params, c->name, firstlineno));
    u().private_name = std::string(c->name);
    TRY(type_params(c->type_params));
    TRY(emit_name_op(".type_params", ast::ExprContext::Store, loc));
  }
  TRY(enter_unit(scope, std::string(c->name), firstlineno, nullptr));
  // The body's prologue is attributed to the first line, columns 0 (CPython's class body).
  SrcLoc first{firstlineno, firstlineno, 0, 0};
  TRY(emit_name_op("__name__", ast::ExprContext::Load, first));
  TRY(emit_name_op("__module__", ast::ExprContext::Store, first));
  Ref<Object> qualname = TRY(str_from_utf8(u().qualname));
  TRY(emit_const(qualname.get(), first));
  TRY(emit_name_op("__qualname__", ast::ExprContext::Store, first));
  Ref<Object> lineno = TRY(int_from_i64(firstlineno));
  TRY(emit_const(lineno.get(), first));
  TRY(emit_name_op("__firstlineno__", ast::ExprContext::Store, first));
  if (generic) {
    TRY(emit_name_op(".type_params", ast::ExprContext::Load, first));
    TRY(emit_name_op("__type_params__", ast::ExprContext::Store, first));
  }
  if (scope->needs_classdict) {
    emit(LOAD_LOCALS, first);
    emit(STORE_DEREF, deref_index("__classdict__"), first);
  }
  TRY(annotations_prologue(first));
  // Docstring: __doc__ = "..." (kept in co_consts like any constant).
  size_t start = 0;
  if (!c->body.empty() && optimize_ < 2 && c->body[0]->kind == ast::StmtKind::Expr) {
    const ast::Expr* v = c->body[0]->as<ast::ExprStmt>()->value;
    if (v->kind == ast::ExprKind::Constant && is_str(v->as<ast::Constant>()->value)) {
      SrcLoc dloc = loc_of(c->body[0]->loc);
      TRY(emit_const(v->as<ast::Constant>()->value, dloc));
      TRY(emit_name_op("__doc__", ast::ExprContext::Store, dloc));
      start = 1;
    }
  }
  for (size_t i = start; i < c->body.size(); ++i) TRY(stmt(c->body[i]));
  TRY(emit_deferred_annotations(first));
  std::vector<std::string>& attrs = u().static_attributes;
  std::sort(attrs.begin(), attrs.end());
  attrs.erase(std::unique(attrs.begin(), attrs.end()), attrs.end());
  Ref<Object> static_attrs = TRY(tuple_new(static_cast<int64_t>(attrs.size())));
  for (size_t i = 0; i < attrs.size(); ++i) {
    Ref<Object> s = TRY(str_from_utf8(attrs[i]));
    tuple_init_item(static_attrs.get(), static_cast<int64_t>(i), std::move(s));
  }
  TRY(emit_const(static_attrs.get(), kNoLocation));
  TRY(emit_name_op("__static_attributes__", ast::ExprContext::Store, kNoLocation));
  if (scope->needs_classdict) {
    emit(LOAD_CLOSURE, deref_index("__classdict__"), kNoLocation);
    TRY(emit_name_op("__classdictcell__", ast::ExprContext::Store, kNoLocation));
  }
  if (scope->needs_class_closure) {
    emit(LOAD_CLOSURE, deref_index("__class__"), kNoLocation);
    emit(COPY, 1, kNoLocation);
    TRY(emit_name_op("__classcell__", ast::ExprContext::Store, kNoLocation));
  } else {
    TRY(emit_none(kNoLocation));
  }
  emit(RETURN_VALUE, kNoLocation);
  Ref<Object> code = TRY(finish_unit());

  emit(LOAD_BUILD_CLASS, loc);
  emit(PUSH_NULL, loc);
  TRY(make_closure(std::move(code), scope, 0, loc));
  Ref<Object> name = TRY(str_from_utf8(c->name));
  TRY(emit_const(name.get(), loc));
  if (generic) {
    TRY(emit_name_op(".type_params", ast::ExprContext::Load, loc));
    emit(CALL_INTRINSIC_1, INTRINSIC_SUBSCRIPT_GENERIC, loc);
    TRY(emit_name_op(".generic_base", ast::ExprContext::Store, loc));
    TRY(call_args(c->bases, c->keywords, 2, loc, ".generic_base"));
    Scope* type_scope = u().scope;
    Ref<Object> maker = TRY(finish_unit(false));
    TRY(make_closure(std::move(maker), type_scope, 0, loc));
    emit(PUSH_NULL, loc);
    emit(CALL, 0, loc);
  } else {
    TRY(call_args(c->bases, c->keywords, 2, loc));
  }
  TRY(apply_decorators(c->decorator_list));
  return emit_name_op(c->name, ast::ExprContext::Store, loc);
}

// ---- finishing a unit -------------------------------------------------------------------------

namespace {
Result<Ref<Object>> str_tuple(const std::vector<std::string>& items) {
  Ref<Object> t = TRY(tuple_new(static_cast<int64_t>(items.size())));
  for (size_t i = 0; i < items.size(); ++i) {
    Ref<Object> s = TRY(str_from_utf8(items[i]));
    Ref<Object> interned = TRY(str_intern_object(std::move(s)));
    tuple_init_item(t.get(), static_cast<int64_t>(i), std::move(interned));
  }
  return t;
}
}  // namespace

Result<Ref<Object>> Codegen::finish_unit(bool add_none) {
  CodeUnit& unit = u();
  Scope* scope = unit.scope;
  // Functions fall off the end with `return None`. A lambda's is unreachable, but its None is
  // added to the constants as in CPython (and kept when it is constant 0).
  if (scope->kind != ScopeKind::Class) {
    if (add_none) TRY(emit_none(kNoLocation));
    emit(RETURN_VALUE, kNoLocation);
  }
  int nlocals = static_cast<int>(unit.varnames.size());
  // localsplus: varnames, then cells that are not parameters, then frees.
  std::vector<std::string> names = unit.varnames;
  // An __annotate__ scope's parameter is `.format` in the symbol table (so an annotation naming
  // `format` still reads the global) but `format` in the signature, as in CPython.
  if (scope->kind == ScopeKind::Annotation && !names.empty() && names[0] == ".format")
    names[0] = "format";
  std::vector<uint8_t> kinds(names.size(), kFastLocal);
  int nparams = static_cast<int>(scope->params.size());
  const ast::Arguments* dummy = nullptr;
  (void)dummy;
  for (int i = 0; i < nparams && i < nlocals; ++i) {
    uint8_t k = kFastLocal;
    if (i < unit.posonlyargcount) k |= kFastArgPos;
    else if (i < unit.argcount) k |= kFastArgPos | kFastArgKw;
    else if (i < unit.argcount + unit.kwonlyargcount) k |= kFastArgKw;
    else {
      int rest = i - unit.argcount - unit.kwonlyargcount;
      bool is_varargs = scope->has_varargs && rest == 0;
      k |= kFastArgVar | (is_varargs ? kFastArgPos : kFastArgKw);
    }
    kinds[i] = k;
  }
  for (const auto& [hidden, active] : unit.fast_hidden) {
    auto it = unit.varname_index.find(hidden);
    if (it != unit.varname_index.end()) kinds[it->second] |= kFastHidden;
  }
  std::vector<int> deref_slot;
  std::vector<int> cell_slots;
  for (const std::string& cell : unit.cellvars) {
    auto it = unit.varname_index.find(cell);
    // A cell that is also a plain local (a parameter, or a name an inlined comprehension
    // saves with LOAD_FAST_AND_CLEAR) shares that slot, as CPython's fix_cell_offsets does.
    if (it != unit.varname_index.end()) {
      deref_slot.push_back(it->second);
      kinds[it->second] |= kFastCell;
      cell_slots.push_back(it->second);
    } else {
      deref_slot.push_back(static_cast<int>(names.size()));
      cell_slots.push_back(static_cast<int>(names.size()));
      names.push_back(cell);
      kinds.push_back(kFastCell);
    }
  }
  for (const std::string& fv : unit.freevars) {
    deref_slot.push_back(static_cast<int>(names.size()));
    names.push_back(fv);
    kinds.push_back(kFastFree);
  }
  for (Instr& i : unit.seq.instrs()) {
    if (i.oparg >= kDerefBase) i.oparg = deref_slot[i.oparg - kDerefBase];
  }
  int flags = 0;
  if (scope->is_function_like()) flags |= kCoOptimized | kCoNewLocals;
  if (scope->has_varargs) flags |= kCoVarargs;
  if (scope->has_varkeywords) flags |= kCoVarkeywords;
  if (scope->is_generator && scope->is_coroutine) flags |= kCoAsyncGenerator;
  else if (scope->is_generator) flags |= kCoGenerator;
  else if (scope->is_coroutine) flags |= kCoCoroutine;
  // CO_NESTED: some enclosing scope is function-like (CPython's ste_nested, set when the
  // symbol table opens the scope, so an inlined comprehension still counts).
  bool nested = false;
  for (const Scope* p = scope->parent; p && !nested; p = p->parent) nested = p->is_function_like();
  if (nested && scope->is_function_like()) flags |= kCoNested;
  if (unit.has_docstring) flags |= kCoHasDocstring;
  if (scope->in_class_method) flags |= kCoMethod;
  if (symtable_.future_annotations()) flags |= kCoFutureAnnotations;

  UnitLayout layout;
  layout.nparams = nparams;
  layout.nlocals = nlocals;
  layout.cell_slots = cell_slots;
  std::sort(layout.cell_slots.begin(), layout.cell_slots.end());  // MAKE_CELLs in slot order
  layout.nfree = static_cast<int>(unit.freevars.size());
  layout.generator_like = scope->is_generator || scope->is_coroutine;
  layout.firstlineno = unit.firstlineno;
  layout.optimize_locals = scope->is_function_like();
  FinalCode final_code;
  TRY(optimize_and_layout(unit.seq, unit.consts, layout, &final_code));
  AssembledCode bytes = assemble(final_code, unit.firstlineno);

  Ref<Object> code = TRY(bytes_from(bytes.code));
  Ref<Object> linetable = TRY(bytes_from(bytes.linetable));
  Ref<Object> exceptiontable = TRY(bytes_from(bytes.exceptiontable));
  Ref<Object> consts = TRY(unit.consts.to_tuple());
  Ref<Object> co_names = TRY(str_tuple(unit.names));
  Ref<Object> localsplusnames = TRY(str_tuple(names));
  Ref<Object> localspluskinds =
      TRY(bytes_from(std::string_view(reinterpret_cast<const char*>(kinds.data()), kinds.size())));
  Ref<Object> name = TRY(str_from_utf8(unit.name));
  Ref<Object> qualname = TRY(str_from_utf8(unit.qualname));

  CodeSpec spec;
  spec.argcount = unit.argcount;
  spec.posonlyargcount = unit.posonlyargcount;
  spec.kwonlyargcount = unit.kwonlyargcount;
  spec.stacksize = final_code.max_stackdepth;
  spec.flags = flags;
  spec.firstlineno = unit.firstlineno;
  spec.code = code.get();
  spec.consts = consts.get();
  spec.names = co_names.get();
  spec.localsplusnames = localsplusnames.get();
  spec.localspluskinds = localspluskinds.get();
  spec.filename = filename_obj_;
  spec.name = name.get();
  spec.qualname = qualname.get();
  spec.linetable = linetable.get();
  spec.exceptiontable = exceptiontable.get();
  Ref<Object> result = TRY(code_new(spec));
  units_.pop_back();
  return result;
}

Result<Ref<Object>> Codegen::compile_module(const ast::Mod* mod) {
  Scope* top = symtable_.top();
  TRY(enter_unit(top, "<module>", 1, nullptr));
  switch (mod->kind) {
    case ast::ModKind::Module: {
      const auto* m = mod->as<ast::Module>();
      // CPython's start_location: the module prologue carries the first statement's position.
      SrcLoc body_loc = m->body.empty() ? SrcLoc{1, 1, 0, 0} : loc_of(m->body[0]->loc);
      TRY(annotations_prologue(body_loc));
      size_t start = 0;
      if (!m->body.empty() && m->body[0]->kind == ast::StmtKind::Expr && optimize_ < 2) {
        const ast::Expr* v = m->body[0]->as<ast::ExprStmt>()->value;
        if (v->kind == ast::ExprKind::Constant && is_str(v->as<ast::Constant>()->value)) {
          SrcLoc dloc = loc_of(m->body[0]->loc);
          TRY(emit_const(v->as<ast::Constant>()->value, dloc));
          TRY(emit_name_op("__doc__", ast::ExprContext::Store, dloc));
          start = 1;
        }
      }
      for (size_t i = start; i < m->body.size(); ++i) TRY(stmt(m->body[i]));
      TRY(emit_deferred_annotations(body_loc));
      break;
    }
    case ast::ModKind::Interactive: {
      const ast::Seq<ast::Stmt*>& body = mod->as<ast::Interactive>()->body;
      SrcLoc body_loc = body.empty() ? SrcLoc{1, 1, 0, 0} : loc_of(body[0]->loc);
      TRY(annotations_prologue(body_loc));
      TRY(stmts(body));
      TRY(emit_deferred_annotations(body_loc));
      break;
    }
    case ast::ModKind::Expression: {
      const ast::Expr* body = mod->as<ast::Expression>()->body;
      TRY(expr(body));
      emit(RETURN_VALUE, loc_of(body->loc));
      // finish_unit appends an unreachable `return None`; the flowgraph drops it.
      break;
    }
    case ast::ModKind::FunctionType:
      return not_supported({1, 1, 0, 0}, "func_type mode");
  }
  return finish_unit();
}

}  // namespace weft::compiler
