// vm/compiler/symtable.cpp — building and analysing the symbol table.
//
// Pass 1 (SymtableBuilder::visit_*) walks the AST once, opening a Scope per module, class,
// function, lambda and comprehension/generator expression, and records DEF_*/USE flags per
// name. Pass 2 (analyze) resolves every name bottom-up with CPython's rules:
//   * a `global` name is GlobalExplicit; a bound name in a function-like scope is Local;
//   * a name used but not bound is Free if an enclosing function binds it, else GlobalImplicit;
//   * a Local that a nested scope uses freely becomes a Cell;
//   * class bodies do not provide bindings to nested functions, but `__class__` (for super()
//     and bare `__class__`) and `__classdict__` are implicit cells of the class scope.
// The first offending statement raises the SyntaxError CPython raises.
#include "vm/compiler/symtable.h"

#include "vm/compiler/future.h"

#include <unordered_set>

#include "vm/compiler/syntax_error.h"

namespace weft::compiler {

std::string mangle(std::string_view class_name, std::string_view name) {
  if (class_name.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_')
    return std::string(name);
  if (name.size() >= 4 && name.substr(name.size() - 2) == "__") return std::string(name);
  if (name.find('.') != std::string_view::npos) return std::string(name);
  size_t strip = class_name.find_first_not_of('_');
  if (strip == std::string_view::npos) return std::string(name);  // class named only '_'s
  std::string out = "_";
  out.append(class_name.substr(strip));
  out.append(name);
  return out;
}

std::string Scope::maybe_mangle(std::string_view class_name, std::string_view name) const {
  if (mangled_names && !mangled_names->count(std::string(name))) return std::string(name);
  return mangle(class_name, name);
}

class SymtableBuilder {
 public:
  SymtableBuilder(SymbolTable* table, std::string_view filename, std::string_view source,
                  bool allow_top_level_await)
      : table_(table), filename_(filename), source_(source),
        allow_top_level_await_(allow_top_level_await) {}

  Status run(const ast::Mod* mod);

 private:
  SymbolTable* table_;
  std::string_view filename_;
  std::string_view source_;
  bool allow_top_level_await_;  // PyCF_ALLOW_TOP_LEVEL_AWAIT: `await` in the module body
  Scope* cur_ = nullptr;
  std::vector<std::string> class_names_;  // for mangling, innermost last
  bool in_comp_iter_target_ = false;      // visiting a comprehension's `for` target

  Error error_at(const ast::Location& loc, std::string_view msg) {
    return raise_syntax_error_at(msg, filename_, source_, loc.lineno, loc.col_offset,
                                 loc.end_lineno, loc.end_col_offset);
  }
  std::string mangled(std::string_view name) {
    return cur_->maybe_mangle(class_names_.empty() ? std::string_view() : class_names_.back(), name);
  }

  Scope* enter(ScopeKind kind, std::string name, const void* node, int lineno) {
    auto s = std::make_unique<Scope>();
    s->kind = kind;
    s->name = std::move(name);
    s->node = node;
    s->lineno = lineno;
    s->parent = cur_;
    Scope* raw = s.get();
    if (kind == ScopeKind::Annotation && table_->future_.annotations) {
      // PEP 563: annotations become strings, so their scope must not affect any binding
      // (CPython's symtable_enter_existing_block does not link it to its parent).
      table_->detached_.push_back(std::move(s));
    } else if (cur_) {
      cur_->children.push_back(std::move(s));
    } else {
      table_->top_ = std::move(s);
    }
    // CO_METHOD: any function-block (def, lambda, generator expression) directly in a class.
    if (cur_ && cur_->kind == ScopeKind::Class &&
        (kind == ScopeKind::Function || kind == ScopeKind::Lambda || kind == ScopeKind::Comprehension))
      raw->in_class_method = true;
    // Only a class mangles every name again (CPython's symtable_enter_existing_block).
    if (cur_ && kind != ScopeKind::Class) raw->mangled_names = cur_->mangled_names;
    table_->by_node_[node] = raw;
    cur_ = raw;
    return raw;
  }
  void leave() { cur_ = cur_->parent; }

  Status add_def(std::string_view raw_name, uint32_t flag, const ast::Location& loc);

  Status visit_stmts(const ast::Seq<ast::Stmt*>& body) {
    for (const ast::Stmt* s : body) TRY(visit_stmt(s));
    return ok();
  }
  Status visit_exprs(const ast::Seq<ast::Expr*>& es) {
    for (const ast::Expr* e : es)
      if (e) TRY(visit_expr(e));
    return ok();
  }
  Status visit_stmt(const ast::Stmt* s);
  Status visit_expr(const ast::Expr* e);
  Status visit_arguments_defaults(const ast::Arguments* a);
  Status visit_params(const ast::Arguments* a, const ast::Location& loc);
  Status visit_annotations(const ast::Arguments* a, const ast::Expr* returns,
                           const ast::Location& loc);
  Status visit_comprehension(const ast::Expr* e, const ast::Seq<ast::Comprehension*>& gens,
                             const ast::Expr* elt, const ast::Expr* value, const char* name);
  Status visit_pattern(const ast::Pattern* p);
  // PEP 695 (CPython's symtable_enter_type_param_block and friends).
  Status enter_type_params(std::string_view name, const void* key, bool has_defaults,
                           bool has_kwdefaults, bool is_class, const ast::Location& loc);
  Status visit_type_params(const ast::Seq<ast::TypeParam*>& params);
  Status visit_type_param_expr(const ast::Expr* e, std::string_view name, const void* key,
                               const char* info);
  Status visit_type_alias(const ast::TypeAlias* t, const ast::Location& loc);
  // yield/await/walrus in an annotation or PEP 695 scope: CPython's
  // symtable_raise_if_annotation_block message, or ok().
  Status check_not_in_annotation(std::string_view what, const ast::Location& loc);
  // PEP 649: a module or class body's `name: annotation` (CPython's symtable_visit_annotation):
  // the annotation is visited in the body's one lazily opened __annotate__ scope.
  Status visit_variable_annotation(const ast::Expr* annotation);
  // Visits `body` with the current scope marked as inside an if/for/while/try/with/match, so
  // an annotation there is conditional (tracked in __conditional_annotations__).
  Status visit_conditional_stmts(const ast::Seq<ast::Stmt*>& body) {
    bool saved = cur_->in_conditional_block;
    cur_->in_conditional_block = true;
    Status st = visit_stmts(body);
    cur_->in_conditional_block = saved;
    return st;
  }

  Status analyze(Scope* s, const std::unordered_set<std::string>* bound,
                 const std::unordered_set<std::string>* global,
                 const std::unordered_set<std::string>& type_params, const Scope* class_entry,
                 std::unordered_set<std::string>* free_out);
  void inline_comprehension(Scope* s, Scope* comp, std::unordered_set<std::string>* comp_free,
                            std::unordered_set<std::string>* inlined_cells);
};

Status SymtableBuilder::add_def(std::string_view raw_name, uint32_t flag, const ast::Location& loc) {
  if ((flag & kDefTypeParam) && cur_->mangled_names) cur_->mangled_names->emplace(raw_name);
  std::string name = mangled(raw_name);
  auto [it, inserted] = cur_->symbols.try_emplace(name);
  if (inserted) cur_->symbol_order.push_back(name);
  Symbol& sym = it->second;
  if ((flag & kDefParam) && (sym.flags & kDefParam)) {
    return error_at(loc, "duplicate argument '" + name + "' in function definition");
  }
  if ((flag & kDefTypeParam) && (sym.flags & kDefTypeParam)) {
    return error_at(loc, "duplicate type parameter '" + std::string(raw_name) + "'");
  }
  sym.flags |= flag;
  if (flag & kDefParam) cur_->params.push_back(name);
  return ok();
}

Status SymtableBuilder::run(const ast::Mod* mod) {
  table_->future_ = TRY(parse_future_features(mod, filename_, source_));
  enter(ScopeKind::Module, "top", mod, 0);
  // A module body may stop part way (an exception), so every module-level annotation is
  // conditional, as in CPython.
  cur_->in_conditional_block = true;
  switch (mod->kind) {
    case ast::ModKind::Module:
      TRY(visit_stmts(mod->as<ast::Module>()->body));
      break;
    case ast::ModKind::Interactive:
      TRY(visit_stmts(mod->as<ast::Interactive>()->body));
      break;
    case ast::ModKind::Expression:
      TRY(visit_expr(mod->as<ast::Expression>()->body));
      break;
    case ast::ModKind::FunctionType:
      return raise_syntax_error_at("func_type mode is not supported", filename_, source_, 1, 0, 1, 0);
  }
  leave();
  std::unordered_set<std::string> free, type_params;
  return analyze(table_->top_.get(), nullptr, nullptr, type_params, nullptr, &free);
}

Status SymtableBuilder::visit_arguments_defaults(const ast::Arguments* a) {
  TRY(visit_exprs(a->defaults));
  return visit_exprs(a->kw_defaults);
}

// CPython's symtable_visit_annotations: the function's annotations live in their own
// `__annotate__` scope (entered even when there are none: inside a class it still makes the
// class keep a __classdict__ cell), keyed by the function's Arguments node.
Status SymtableBuilder::visit_annotations(const ast::Arguments* a, const ast::Expr* returns,
                                          const ast::Location& loc) {
  bool sees_class = cur_->kind == ScopeKind::Class || cur_->can_see_class_scope;
  Scope* scope = enter(ScopeKind::Annotation, "__annotate__", a, loc.lineno);
  TRY(add_def(".format", kDefParam, loc));
  if (sees_class) {
    scope->can_see_class_scope = true;
    TRY(add_def("__classdict__", kUse, loc));
  }
  auto visit_arg = [&](const ast::Arg* arg) -> Status {
    if (!arg || !arg->annotation) return ok();
    scope->annotations_used = true;
    return visit_expr(arg->annotation);
  };
  for (const ast::Arg* arg : a->posonlyargs) TRY(visit_arg(arg));
  for (const ast::Arg* arg : a->args) TRY(visit_arg(arg));
  TRY(visit_arg(a->vararg));
  for (const ast::Arg* arg : a->kwonlyargs) TRY(visit_arg(arg));
  TRY(visit_arg(a->kwarg));
  if (returns) {
    scope->annotations_used = true;
    TRY(visit_expr(returns));
  }
  leave();
  return ok();
}

Status SymtableBuilder::visit_variable_annotation(const ast::Expr* annotation) {
  Scope* body = cur_;
  if (body->in_conditional_block && !body->has_conditional_annotations) {
    body->has_conditional_annotations = true;
    TRY(add_def("__conditional_annotations__", kUse, annotation->loc));
  }
  if (!body->annotation_block) {
    // Keyed like CPython's (the body's key + 1): unique, and codegen finds it the same way.
    const void* key = static_cast<const char*>(body->node) + 1;
    body->annotation_block = enter(ScopeKind::Annotation, "__annotate__", key, annotation->loc.lineno);
    TRY(add_def(".format", kDefParam, annotation->loc));
    if (body->kind == ScopeKind::Class && !table_->future_.annotations) {
      cur_->can_see_class_scope = true;
      TRY(add_def("__classdict__", kUse, annotation->loc));
    }
  } else {
    cur_ = body->annotation_block;
  }
  cur_->annotations_used = true;
  Status st = visit_expr(annotation);
  cur_ = body;
  return st;
}

Status SymtableBuilder::visit_params(const ast::Arguments* a, const ast::Location& loc) {
  for (const ast::Arg* arg : a->posonlyargs) TRY(add_def(arg->arg, kDefParam, arg->loc));
  for (const ast::Arg* arg : a->args) TRY(add_def(arg->arg, kDefParam, arg->loc));
  for (const ast::Arg* arg : a->kwonlyargs) TRY(add_def(arg->arg, kDefParam, arg->loc));
  if (a->vararg) {
    TRY(add_def(a->vararg->arg, kDefParam, a->vararg->loc));
    cur_->has_varargs = true;
  }
  if (a->kwarg) {
    TRY(add_def(a->kwarg->arg, kDefParam, a->kwarg->loc));
    cur_->has_varkeywords = true;
  }
  return ok();
}

Status SymtableBuilder::visit_stmt(const ast::Stmt* s) {
  using K = ast::StmtKind;
  switch (s->kind) {
    case K::FunctionDef:
    case K::AsyncFunctionDef: {
      const auto* f = s->as<ast::FunctionDef>();
      TRY(add_def(f->name, kDefLocal, s->loc));
      TRY(visit_arguments_defaults(f->args));
      TRY(visit_exprs(f->decorator_list));
      bool generic = !f->type_params.empty();
      if (generic) {
        bool has_kwdefaults = false;
        for (const ast::Expr* d : f->args->kw_defaults) has_kwdefaults |= d != nullptr;
        // CPython tests `args->defaults != NULL`, which always holds: `.defaults` is always a
        // parameter (the code object's argcount still counts only what is passed).
        TRY(enter_type_params(f->name, &f->type_params, true, has_kwdefaults, false, s->loc));
        TRY(visit_type_params(f->type_params));
      }
      TRY(visit_annotations(f->args, f->returns, s->loc));
      Scope* fs = enter(ScopeKind::Function, std::string(f->name), f, s->loc.lineno);
      fs->is_coroutine = s->kind == K::AsyncFunctionDef;
      TRY(visit_params(f->args, s->loc));
      TRY(visit_stmts(f->body));
      leave();
      if (generic) leave();
      return ok();
    }
    case K::ClassDef: {
      const auto* c = s->as<ast::ClassDef>();
      TRY(add_def(c->name, kDefLocal, s->loc));
      TRY(visit_exprs(c->decorator_list));
      bool generic = !c->type_params.empty();
      if (generic) {
        // The bases are evaluated inside the type-parameter scope, where only the type
        // parameters' names are mangled.
        TRY(enter_type_params(c->name, &c->type_params, false, false, true, s->loc));
        class_names_.emplace_back(c->name);
        cur_->mangled_names = std::make_shared<std::unordered_set<std::string>>();
        TRY(visit_type_params(c->type_params));
      }
      TRY(visit_exprs(c->bases));
      for (const ast::Keyword* k : c->keywords) TRY(visit_expr(k->value));
      enter(ScopeKind::Class, std::string(c->name), c, s->loc.lineno);
      if (!generic) class_names_.emplace_back(c->name);
      if (generic) {
        TRY(add_def("__type_params__", kDefLocal, s->loc));
        TRY(add_def(".type_params", kUse, s->loc));
      }
      TRY(visit_stmts(c->body));
      class_names_.pop_back();
      leave();
      if (generic) leave();
      return ok();
    }
    case K::Return: {
      const auto* r = s->as<ast::Return>();
      if (r->value) {
        TRY(visit_expr(r->value));
        cur_->returns_value = true;
      }
      return ok();
    }
    case K::Delete:
      return visit_exprs(s->as<ast::Delete>()->targets);
    case K::Assign: {
      const auto* a = s->as<ast::Assign>();
      TRY(visit_exprs(a->targets));
      return visit_expr(a->value);
    }
    case K::TypeAlias:
      return visit_type_alias(s->as<ast::TypeAlias>(), s->loc);
    case K::AugAssign: {
      const auto* a = s->as<ast::AugAssign>();
      TRY(visit_expr(a->target));
      return visit_expr(a->value);
    }
    case K::AnnAssign: {
      const auto* a = s->as<ast::AnnAssign>();
      if (a->target->kind == ast::ExprKind::Name) {
        std::string name = mangled(a->target->as<ast::Name>()->id);
        const Symbol* sym = cur_->lookup(name);
        if (sym && (sym->flags & (kDefGlobal | kDefNonlocal)) && a->simple &&
            cur_->kind != ScopeKind::Module) {
          std::string msg = "annotated name '" + name + "' can't be " +
                            ((sym->flags & kDefGlobal) ? "global" : "nonlocal");
          return error_at(s->loc, msg);
        }
      }
      // A parenthesised name without a value binds nothing (CPython).
      if (a->target->kind != ast::ExprKind::Name || a->simple || a->value)
        TRY(visit_expr(a->target));
      // Annotations in function bodies are never evaluated.
      if (!cur_->is_function_like()) TRY(visit_variable_annotation(a->annotation));
      if (a->value) TRY(visit_expr(a->value));
      return ok();
    }
    case K::For:
    case K::AsyncFor: {
      const auto* f = s->as<ast::For>();
      TRY(visit_expr(f->target));
      TRY(visit_expr(f->iter));
      TRY(visit_conditional_stmts(f->body));
      return visit_conditional_stmts(f->orelse);
    }
    case K::While: {
      const auto* w = s->as<ast::While>();
      TRY(visit_expr(w->test));
      TRY(visit_conditional_stmts(w->body));
      return visit_conditional_stmts(w->orelse);
    }
    case K::If: {
      const auto* i = s->as<ast::If>();
      TRY(visit_expr(i->test));
      TRY(visit_conditional_stmts(i->body));
      return visit_conditional_stmts(i->orelse);
    }
    case K::With:
    case K::AsyncWith: {
      const auto* w = s->as<ast::With>();
      for (const ast::WithItem* item : w->items) {
        TRY(visit_expr(item->context_expr));
        if (item->optional_vars) TRY(visit_expr(item->optional_vars));
      }
      return visit_conditional_stmts(w->body);
    }
    case K::Match: {
      const auto* m = s->as<ast::Match>();
      TRY(visit_expr(m->subject));
      for (const ast::MatchCase* c : m->cases) {
        TRY(visit_pattern(c->pattern));
        if (c->guard) TRY(visit_expr(c->guard));
        TRY(visit_conditional_stmts(c->body));
      }
      return ok();
    }
    case K::Raise: {
      const auto* r = s->as<ast::Raise>();
      if (r->exc) TRY(visit_expr(r->exc));
      if (r->cause) TRY(visit_expr(r->cause));
      return ok();
    }
    case K::Try:
    case K::TryStar: {
      const auto* t = s->as<ast::Try>();
      bool saved = cur_->in_conditional_block;
      cur_->in_conditional_block = true;
      Status st = [&]() -> Status {
        TRY(visit_stmts(t->body));
        for (const ast::ExceptHandler* h : t->handlers) {
          if (h->type) TRY(visit_expr(h->type));
          if (!h->name.empty()) TRY(add_def(h->name, kDefLocal, h->loc));
          TRY(visit_stmts(h->body));
        }
        TRY(visit_stmts(t->orelse));
        return visit_stmts(t->finalbody);
      }();
      cur_->in_conditional_block = saved;
      return st;
    }
    case K::Assert: {
      const auto* a = s->as<ast::Assert>();
      TRY(visit_expr(a->test));
      if (a->msg) TRY(visit_expr(a->msg));
      return ok();
    }
    case K::Import:
    case K::ImportFrom: {
      if (is_future_import(s) && s != table_->future_.last) {
        // Only the leading run counts (parse_future_features); an earlier one of that run is
        // fine, anything after it is misplaced.
        bool leading = false;
        if (table_->future_.last && s->loc.lineno <= table_->future_.last->loc.lineno &&
            (s->loc.lineno < table_->future_.last->loc.lineno ||
             s->loc.col_offset <= table_->future_.last->loc.col_offset))
          leading = true;
        if (!leading) return error_at(s->loc, "from __future__ imports must occur at the beginning of the file");
      }
      const ast::Seq<ast::Alias*>& names = s->kind == K::Import ? s->as<ast::Import>()->names
                                                                 : s->as<ast::ImportFrom>()->names;
      for (const ast::Alias* a : names) {
        std::string_view bound = a->asname.empty() ? a->name : a->asname;
        if (a->asname.empty()) bound = bound.substr(0, bound.find('.'));
        if (bound == "*") {
          if (cur_->kind != ScopeKind::Module)
            return error_at(s->loc, "import * only allowed at module level");
          continue;
        }
        TRY(add_def(bound, kDefImport | kDefLocal, a->loc));
      }
      return ok();
    }
    case K::Global:
    case K::Nonlocal: {
      bool is_global = s->kind == K::Global;
      const ast::Seq<ast::Identifier>& names =
          is_global ? s->as<ast::Global>()->names : s->as<ast::Nonlocal>()->names;
      if (!is_global && cur_->kind == ScopeKind::Module)
        return error_at(s->loc, "nonlocal declaration not allowed at module level");
      for (ast::Identifier raw : names) {
        std::string name = mangled(raw);
        const Symbol* sym = cur_->lookup(name);
        if (sym) {
          uint32_t f = sym->flags;
          const char* what = is_global ? "global" : "nonlocal";
          std::string msg;
          if (f & kDefParam) msg = "name '" + name + "' is parameter and " + what;
          else if (is_global && (f & kDefNonlocal)) msg = "name '" + name + "' is nonlocal and global";
          else if (!is_global && (f & kDefGlobal)) msg = "name '" + name + "' is nonlocal and global";
          else if (f & kUse) msg = "name '" + name + "' is used prior to " + what + " declaration";
          else if (f & (kDefLocal | kDefImport)) msg = "name '" + name + "' is assigned to before " + what + " declaration";
          if (!msg.empty()) return error_at(s->loc, msg);
        }
        TRY(add_def(raw, is_global ? kDefGlobal : kDefNonlocal, s->loc));
        cur_->directives.try_emplace(name, s->loc);
      }
      return ok();
    }
    case K::Expr:
      return visit_expr(s->as<ast::ExprStmt>()->value);
    case K::Pass:
    case K::Break:
    case K::Continue:
      return ok();
  }
  return ok();
}

Status SymtableBuilder::enter_type_params(std::string_view name, const void* key, bool has_defaults,
                                          bool has_kwdefaults, bool is_class,
                                          const ast::Location& loc) {
  bool in_class = cur_->kind == ScopeKind::Class;
  Scope* scope = enter(ScopeKind::TypeParams, std::string(name), key, loc.lineno);
  if (in_class) {
    scope->can_see_class_scope = true;
    TRY(add_def("__classdict__", kUse, loc));
  }
  if (is_class) {
    // `.type_params` is set when the tuple is built and read by the class body;
    // `.generic_base` holds Generic[*params] for the bases.
    TRY(add_def(".type_params", kDefLocal | kUse, loc));
    TRY(add_def(".generic_base", kDefLocal | kUse, loc));
  }
  if (has_defaults) TRY(add_def(".defaults", kDefParam, loc));
  if (has_kwdefaults) TRY(add_def(".kwdefaults", kDefParam, loc));
  return ok();
}

// A bound, constraint tuple or default: its own lazily evaluated scope named after the
// parameter, keyed by `key`.
Status SymtableBuilder::visit_type_param_expr(const ast::Expr* e, std::string_view name,
                                              const void* key, const char* info) {
  if (!e) return ok();
  bool in_class = cur_->can_see_class_scope;
  Scope* scope = enter(ScopeKind::TypeVariable, std::string(name), key, e->loc.lineno);
  TRY(add_def(".format", kDefParam | kUse, e->loc));
  scope->can_see_class_scope = in_class;
  if (in_class) TRY(add_def("__classdict__", kUse, e->loc));
  scope->scope_info = info;
  TRY(visit_expr(e));
  leave();
  return ok();
}

Status SymtableBuilder::visit_type_params(const ast::Seq<ast::TypeParam*>& params) {
  using K = ast::TypeParamKind;
  for (const ast::TypeParam* tp : params) {
    std::string_view name;
    const ast::Expr* bound = nullptr;
    const ast::Expr* default_value = nullptr;
    const char* bound_info = nullptr;
    const char* default_info = nullptr;
    switch (tp->kind) {
      case K::TypeVar: {
        const auto* t = tp->as<ast::TypeVar>();
        name = t->name;
        bound = t->bound;
        default_value = t->default_value;
        if (bound)
          bound_info = bound->kind == ast::ExprKind::Tuple ? "a TypeVar constraint" : "a TypeVar bound";
        default_info = "a TypeVar default";
        break;
      }
      case K::ParamSpec: {
        const auto* t = tp->as<ast::ParamSpec>();
        name = t->name;
        default_value = t->default_value;
        default_info = "a ParamSpec default";
        break;
      }
      case K::TypeVarTuple: {
        const auto* t = tp->as<ast::TypeVarTuple>();
        name = t->name;
        default_value = t->default_value;
        default_info = "a TypeVarTuple default";
        break;
      }
    }
    TRY(add_def(name, kDefTypeParam | kDefLocal, tp->loc));
    if (name == "__classdict__")
      return error_at(tp->loc, "reserved name '__classdict__' cannot be used for type parameter");
    // A TypeVar's bound and default need distinct keys: the default uses the address + 1.
    const char* key = reinterpret_cast<const char*>(tp);
    TRY(visit_type_param_expr(bound, name, key, bound_info));
    TRY(visit_type_param_expr(default_value, name, tp->kind == K::TypeVar ? key + 1 : key,
                              default_info));
  }
  return ok();
}

Status SymtableBuilder::visit_type_alias(const ast::TypeAlias* t, const ast::Location& loc) {
  TRY(visit_expr(t->name));
  std::string_view name = t->name->as<ast::Name>()->id;
  bool in_class = cur_->kind == ScopeKind::Class;
  bool generic = !t->type_params.empty();
  if (generic) {
    TRY(enter_type_params(name, &t->type_params, false, false, false, loc));
    TRY(visit_type_params(t->type_params));
  }
  Scope* scope = enter(ScopeKind::TypeAlias, std::string(name), t, loc.lineno);
  TRY(add_def(".format", kDefParam | kUse, loc));
  scope->can_see_class_scope = in_class;
  if (in_class) TRY(add_def("__classdict__", kUse, t->value->loc));
  TRY(visit_expr(t->value));
  leave();
  if (generic) leave();
  return ok();
}

Status SymtableBuilder::check_not_in_annotation(std::string_view what, const ast::Location& loc) {
  std::string msg(what);
  switch (cur_->kind) {
    case ScopeKind::Annotation: msg += " cannot be used within an annotation"; break;
    case ScopeKind::TypeVariable: msg += " cannot be used within "; msg += cur_->scope_info; break;
    case ScopeKind::TypeAlias: msg += " cannot be used within a type alias"; break;
    case ScopeKind::TypeParams: msg += " cannot be used within the definition of a generic"; break;
    default: return ok();
  }
  return error_at(loc, msg);
}

Status SymtableBuilder::visit_pattern(const ast::Pattern* p) {
  using K = ast::PatternKind;
  switch (p->kind) {
    case K::MatchValue: return visit_expr(p->as<ast::MatchValue>()->value);
    case K::MatchSingleton: return ok();
    case K::MatchSequence:
      for (const ast::Pattern* q : p->as<ast::MatchSequence>()->patterns) TRY(visit_pattern(q));
      return ok();
    case K::MatchMapping: {
      const auto* m = p->as<ast::MatchMapping>();
      TRY(visit_exprs(m->keys));
      for (const ast::Pattern* q : m->patterns) TRY(visit_pattern(q));
      if (!m->rest.empty()) TRY(add_def(m->rest, kDefLocal, p->loc));
      return ok();
    }
    case K::MatchClass: {
      const auto* m = p->as<ast::MatchClass>();
      TRY(visit_expr(m->cls));
      for (const ast::Pattern* q : m->patterns) TRY(visit_pattern(q));
      for (const ast::Pattern* q : m->kwd_patterns) TRY(visit_pattern(q));
      return ok();
    }
    case K::MatchStar: {
      const auto* m = p->as<ast::MatchStar>();
      if (!m->name.empty()) TRY(add_def(m->name, kDefLocal, p->loc));
      return ok();
    }
    case K::MatchAs: {
      const auto* m = p->as<ast::MatchAs>();
      if (m->pattern) TRY(visit_pattern(m->pattern));
      if (!m->name.empty()) TRY(add_def(m->name, kDefLocal, p->loc));
      return ok();
    }
    case K::MatchOr:
      for (const ast::Pattern* q : p->as<ast::MatchOr>()->patterns) TRY(visit_pattern(q));
      return ok();
  }
  return ok();
}

Status SymtableBuilder::visit_comprehension(const ast::Expr* e,
                                            const ast::Seq<ast::Comprehension*>& gens,
                                            const ast::Expr* elt, const ast::Expr* value,
                                            const char* name) {
  // The first iterable is evaluated in the enclosing scope.
  TRY(visit_expr(gens[0]->iter));
  bool is_async = false;
  for (const ast::Comprehension* g : gens) is_async |= g->is_async != 0;
  Scope* cs = enter(ScopeKind::Comprehension, name, e, e->loc.lineno);
  cs->is_generator = e->kind == ast::ExprKind::GeneratorExp;
  cs->is_coroutine = is_async;
  // PEP 709: every comprehension but a generator expression runs inline in its parent, except
  // inside an annotation scope that sees a class (CPython's analyze_block).
  cs->comp_inlined = !cs->is_generator && !cs->parent->can_see_class_scope;
  TRY(add_def(".0", kDefParam, e->loc));
  for (size_t i = 0; i < gens.size(); ++i) {
    const ast::Comprehension* g = gens[i];
    in_comp_iter_target_ = true;
    Status target = visit_expr(g->target);
    in_comp_iter_target_ = false;
    TRY(target);
    if (i > 0) TRY(visit_expr(g->iter));
    TRY(visit_exprs(g->ifs));
  }
  if (value) TRY(visit_expr(value));
  TRY(visit_expr(elt));
  leave();
  return ok();
}

Status SymtableBuilder::visit_expr(const ast::Expr* e) {
  using K = ast::ExprKind;
  switch (e->kind) {
    case K::BoolOp: return visit_exprs(e->as<ast::BoolOp>()->values);
    case K::NamedExpr: {
      TRY(check_not_in_annotation("named expression", e->loc));
      const auto* n = e->as<ast::NamedExpr>();
      TRY(visit_expr(n->value));
      // The target binds in the nearest enclosing non-comprehension scope (PEP 572).
      const auto* target = n->target->as<ast::Name>();
      Scope* saved = cur_;
      while (cur_->kind == ScopeKind::Comprehension) {
        if (cur_->lookup(mangled(target->id)) &&
            (cur_->lookup(mangled(target->id))->flags & kDefCompIter)) {
          cur_ = saved;
          return error_at(n->target->loc, "assignment expression cannot rebind comprehension iteration variable '" +
                                              std::string(target->id) + "'");
        }
        cur_ = cur_->parent;
      }
      if (saved != cur_) {
        const char* where = nullptr;
        switch (cur_->kind) {
          case ScopeKind::Class: where = "in a class body"; break;
          case ScopeKind::TypeParams: where = "within the definition of a generic"; break;
          case ScopeKind::TypeAlias: where = "in a type alias"; break;
          case ScopeKind::TypeVariable: where = "in a TypeVar bound"; break;
          default: break;
        }
        cur_ = saved;
        if (where) {
          return error_at(n->target->loc,
                          std::string("assignment expression within a comprehension cannot be used ") + where);
        }
      }
      Scope* binding = cur_;
      cur_ = saved;
      if (binding != cur_) {
        // Free in the comprehension(s), local in the binding scope.
        Scope* keep = cur_;
        cur_ = binding;
        TRY(add_def(target->id, kDefLocal, n->target->loc));
        cur_ = keep;
        for (Scope* s = cur_; s != binding; s = s->parent) {
          cur_ = s;
          TRY(add_def(target->id, kDefNonlocal, n->target->loc));
        }
        cur_ = keep;
        return ok();
      }
      return visit_expr(n->target);
    }
    case K::BinOp: {
      const auto* b = e->as<ast::BinOp>();
      TRY(visit_expr(b->left));
      return visit_expr(b->right);
    }
    case K::UnaryOp: return visit_expr(e->as<ast::UnaryOp>()->operand);
    case K::Lambda: {
      const auto* l = e->as<ast::Lambda>();
      TRY(visit_arguments_defaults(l->args));
      enter(ScopeKind::Lambda, "<lambda>", l, e->loc.lineno);
      TRY(visit_params(l->args, e->loc));
      TRY(visit_expr(l->body));
      leave();
      return ok();
    }
    case K::IfExp: {
      const auto* i = e->as<ast::IfExp>();
      TRY(visit_expr(i->test));
      TRY(visit_expr(i->body));
      return visit_expr(i->orelse);
    }
    case K::Dict: {
      const auto* d = e->as<ast::Dict>();
      TRY(visit_exprs(d->keys));
      return visit_exprs(d->values);
    }
    case K::Set: return visit_exprs(e->as<ast::Set>()->elts);
    case K::ListComp: {
      const auto* c = e->as<ast::ListComp>();
      return visit_comprehension(e, c->generators, c->elt, nullptr, "<listcomp>");
    }
    case K::SetComp: {
      const auto* c = e->as<ast::SetComp>();
      return visit_comprehension(e, c->generators, c->elt, nullptr, "<setcomp>");
    }
    case K::DictComp: {
      const auto* c = e->as<ast::DictComp>();
      return visit_comprehension(e, c->generators, c->key, c->value, "<dictcomp>");
    }
    case K::GeneratorExp: {
      const auto* c = e->as<ast::GeneratorExp>();
      return visit_comprehension(e, c->generators, c->elt, nullptr, "<genexpr>");
    }
    case K::Await:
      TRY(check_not_in_annotation("await expression", e->loc));
      if (!(allow_top_level_await_ && cur_->kind == ScopeKind::Module)) {
        if (!cur_->is_function_like()) return error_at(e->loc, "'await' outside function");
        if (!cur_->is_async_def() && cur_->kind != ScopeKind::Comprehension)
          return error_at(e->loc, "'await' outside async function");
      }
      TRY(visit_expr(e->as<ast::Await>()->value));
      cur_->is_coroutine = true;
      return ok();
    case K::Yield:
    case K::YieldFrom: {
      TRY(check_not_in_annotation("yield expression", e->loc));
      if (cur_->kind == ScopeKind::Module || cur_->kind == ScopeKind::Class)
        return error_at(e->loc, "'yield' outside function");
      if (cur_->kind == ScopeKind::Comprehension)
        return error_at(e->loc, "'yield' inside " + std::string(cur_->name == "<genexpr>" ? "generator expression" : cur_->name == "<listcomp>" ? "list comprehension" : cur_->name == "<setcomp>" ? "set comprehension" : "dict comprehension"));
      cur_->is_generator = true;
      const ast::Expr* v = e->kind == K::Yield ? e->as<ast::Yield>()->value : e->as<ast::YieldFrom>()->value;
      if (v) TRY(visit_expr(v));
      return ok();
    }
    case K::Compare: {
      const auto* c = e->as<ast::Compare>();
      TRY(visit_expr(c->left));
      return visit_exprs(c->comparators);
    }
    case K::Call: {
      const auto* c = e->as<ast::Call>();
      TRY(visit_expr(c->func));
      TRY(visit_exprs(c->args));
      for (const ast::Keyword* k : c->keywords) TRY(visit_expr(k->value));
      return ok();
    }
    case K::FormattedValue: {
      const auto* f = e->as<ast::FormattedValue>();
      TRY(visit_expr(f->value));
      if (f->format_spec) TRY(visit_expr(f->format_spec));
      return ok();
    }
    case K::Interpolation: {
      const auto* f = e->as<ast::Interpolation>();
      TRY(visit_expr(f->value));
      if (f->format_spec) TRY(visit_expr(f->format_spec));
      return ok();
    }
    case K::JoinedStr: return visit_exprs(e->as<ast::JoinedStr>()->values);
    case K::TemplateStr: return visit_exprs(e->as<ast::TemplateStr>()->values);
    case K::Constant: return ok();
    case K::Attribute: return visit_expr(e->as<ast::Attribute>()->value);
    case K::Subscript: {
      const auto* s = e->as<ast::Subscript>();
      TRY(visit_expr(s->value));
      return visit_expr(s->slice);
    }
    case K::Starred: return visit_expr(e->as<ast::Starred>()->value);
    case K::Name: {
      const auto* n = e->as<ast::Name>();
      uint32_t flag = n->ctx == ast::ExprContext::Load ? kUse : kDefLocal;
      if (flag == kDefLocal && in_comp_iter_target_) flag |= kDefCompIter;
      TRY(add_def(n->id, flag, e->loc));
      // super() and bare __class__ in a function need the class's implicit __class__ cell.
      if (n->ctx == ast::ExprContext::Load && cur_->is_function_like() &&
          (n->id == "super" || n->id == "__class__")) {
        TRY(add_def("__class__", kUse, e->loc));
      }
      return ok();
    }
    case K::List: return visit_exprs(e->as<ast::List>()->elts);
    case K::Tuple: return visit_exprs(e->as<ast::Tuple>()->elts);
    case K::Slice: {
      const auto* s = e->as<ast::Slice>();
      if (s->lower) TRY(visit_expr(s->lower));
      if (s->upper) TRY(visit_expr(s->upper));
      if (s->step) TRY(visit_expr(s->step));
      return ok();
    }
  }
  return ok();
}

namespace {
// Whether `name` is free in a direct child of `comp` (children of comprehensions inlined into
// `comp` count as its own: CPython splices them into the child list).
bool is_free_in_any_child(const Scope* comp, const std::string& name) {
  for (const auto& child : comp->children) {
    if (child->comp_inlined) {
      if (is_free_in_any_child(child.get(), name)) return true;
      continue;
    }
    const Symbol* sym = child->lookup(name);
    if (sym && sym->scope == NameScope::Free) return true;
  }
  return false;
}
}  // namespace

// PEP 709 (CPython's inline_comprehension): the names of an inlined comprehension `comp` become
// names of `s`. A name `s` does not know is copied with the comprehension's flags and scope; a
// name `s` binds stops being free (unless a scope nested in the comprehension still needs it
// through a cell). Cells of the comprehension are collected in `inlined_cells`: the matching
// locals of `s` must be cells too.
void SymtableBuilder::inline_comprehension(Scope* s, Scope* comp,
                                           std::unordered_set<std::string>* comp_free,
                                           std::unordered_set<std::string>* inlined_cells) {
  bool remove_dunder_class = false;
  for (const std::string& name : comp->symbol_order) {
    Symbol& csym = comp->symbols[name];
    if (csym.flags & kDefParam) continue;  // the `.0` iterator parameter
    NameScope scope = csym.scope;
    if (scope == NameScope::Cell || (csym.flags & kDefCompCell)) inlined_cells->insert(name);
    // __class__ is never free through a class body.
    if (scope == NameScope::Free && s->kind == ScopeKind::Class && name == "__class__") {
      scope = NameScope::GlobalImplicit;
      comp_free->erase(name);
      remove_dunder_class = true;
    }
    auto it = s->symbols.find(name);
    if (it == s->symbols.end()) {
      s->symbols.emplace(name, Symbol{csym.flags, scope});
      s->symbol_order.push_back(name);
    } else if ((it->second.flags & kDefBound) && s->kind != ScopeKind::Class) {
      if (!is_free_in_any_child(comp, name)) comp_free->erase(name);
    }
  }
  if (remove_dunder_class) comp->symbols["__class__"].scope = NameScope::GlobalImplicit;
}

// analyze(s, bound, global, type_params, class_entry, free_out): `bound` = names bound by
// enclosing function scopes, `global` = names declared global in enclosing scopes,
// `type_params` = the enclosing type parameters still visible (no `nonlocal` for them),
// `class_entry` = for a scope that sees a class body, that class (names it binds resolve through
// __classdict__ and the globals, never an outer function's cell). On return `free_out` holds
// the names free in s (and its children) that an enclosing scope must provide.
Status SymtableBuilder::analyze(Scope* s, const std::unordered_set<std::string>* bound,
                                const std::unordered_set<std::string>* global,
                                const std::unordered_set<std::string>& type_params,
                                const Scope* class_entry,
                                std::unordered_set<std::string>* free_out) {
  std::unordered_set<std::string> local, new_bound, new_global, new_free;
  std::unordered_set<std::string> new_type_params = type_params;
  if (bound) new_bound = *bound;
  if (global) new_global = *global;
  // Class bodies: names bound there are not visible to nested functions.
  for (const std::string& name : s->symbol_order) {
    Symbol& sym = s->symbols[name];
    uint32_t f = sym.flags;
    if (f & kDefGlobal) {
      sym.scope = NameScope::GlobalExplicit;
      new_global.insert(name);
      new_bound.erase(name);
    } else if (f & kDefNonlocal) {
      const char* error = nullptr;
      if (!bound || !bound->count(name)) error = "no binding for nonlocal '{}' found";
      else if (type_params.count(name)) error = "nonlocal binding not allowed for type parameter '{}'";
      if (error) {
        std::string msg(error);
        msg.replace(msg.find("{}"), 2, name);
        auto where = s->directives.find(name);
        if (where == s->directives.end())
          return raise_syntax_error_at(msg, filename_, source_, s->lineno, 0, s->lineno, 0);
        return error_at(where->second, msg);
      }
      sym.scope = NameScope::Free;
      new_free.insert(name);
    } else if (f & (kDefLocal | kDefParam | kDefImport)) {
      sym.scope = NameScope::Local;
      local.insert(name);
      new_global.erase(name);
      if (f & kDefTypeParam) new_type_params.insert(name);
      else new_type_params.erase(name);
    } else if (const Symbol* in_class = class_entry ? class_entry->lookup(name) : nullptr;
               in_class && (in_class->flags & kDefGlobal)) {
      sym.scope = NameScope::GlobalExplicit;
    } else if (in_class && (in_class->flags & kDefBound) && !(in_class->flags & kDefNonlocal)) {
      sym.scope = NameScope::GlobalImplicit;
    } else if (bound && bound->count(name) && s->kind != ScopeKind::Module) {
      sym.scope = NameScope::Free;
      new_free.insert(name);
    } else if (global && global->count(name)) {
      sym.scope = NameScope::GlobalImplicit;
    } else {
      sym.scope = NameScope::GlobalImplicit;
    }
  }
  if (s->is_function_like()) {
    for (const std::string& n : local) new_bound.insert(n);
  }
  if (s->kind == ScopeKind::Class) {
    // Methods see __class__ (and __classdict__) as cells of the class body.
    new_bound.insert("__class__");
    new_bound.insert("__classdict__");
  }
  std::unordered_set<std::string> child_free, inlined_cells;
  for (auto& child : s->children) {
    std::unordered_set<std::string> cf;
    const Scope* child_class = nullptr;
    if (child->can_see_class_scope) child_class = s->kind == ScopeKind::Class ? s : class_entry;
    TRY(analyze(child.get(), &new_bound, &new_global, new_type_params, child_class, &cf));
    if (child->comp_inlined) inline_comprehension(s, child.get(), &cf, &inlined_cells);
    if (!cf.empty()) s->has_free_children = true;
    child_free.insert(cf.begin(), cf.end());
  }
  // Locals that children use freely, or that an inlined comprehension keeps in a cell, become
  // cells.
  if (s->is_function_like()) {
    for (auto& [name, sym] : s->symbols) {
      if (sym.scope != NameScope::Local) continue;
      if (!child_free.count(name) && !inlined_cells.count(name)) continue;
      sym.scope = NameScope::Cell;
      if (!child_free.count(name)) sym.flags |= kDefCompCell;
    }
  }
  std::unordered_set<std::string> still_free;
  for (const std::string& name : child_free) {
    auto it = s->symbols.find(name);
    if (s->kind == ScopeKind::Class && (name == "__class__" || name == "__classdict__")) {
      if (name == "__class__") s->needs_class_closure = true;
      else s->needs_classdict = true;
      continue;
    }
    if (s->is_function_like() && it != s->symbols.end() &&
        (it->second.scope == NameScope::Cell || it->second.scope == NameScope::Local))
      continue;
    if (it != s->symbols.end() && it->second.scope == NameScope::GlobalExplicit) continue;
    // A scope that sees a class keeps its own resolution of the name (CPython's update_symbols
    // with classflag) but still passes the cell on.
    if (s->can_see_class_scope && it != s->symbols.end()) {
      it->second.flags |= kDefFreeClass;
      still_free.insert(name);
      continue;
    }
    // Free here too (the child needs it from further out); record it so codegen passes it on.
    if (s->kind != ScopeKind::Module) {
      auto [sit, inserted] = s->symbols.try_emplace(name);
      if (inserted) s->symbol_order.push_back(name);
      if (s->kind == ScopeKind::Class && !inserted && (sit->second.flags & (kDefLocal | kDefParam | kDefImport))) {
        sit->second.flags |= kDefFreeClass;
      } else if (!(sit->second.scope == NameScope::Local && s->kind == ScopeKind::Class)) {
        sit->second.scope = NameScope::Free;
      } else {
        sit->second.flags |= kDefFreeClass;
      }
      still_free.insert(name);
    }
  }
  new_free.insert(still_free.begin(), still_free.end());
  *free_out = std::move(new_free);
  return ok();
}

Result<std::unique_ptr<SymbolTable>> SymbolTable::build(const ast::Mod* mod,
                                                        std::string_view filename,
                                                        std::string_view source,
                                                        bool allow_top_level_await) {
  auto table = std::make_unique<SymbolTable>();
  SymtableBuilder builder(table.get(), filename, source, allow_top_level_await);
  TRY(builder.run(mod));
  return table;
}

}  // namespace weft::compiler
