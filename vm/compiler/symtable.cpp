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

class SymtableBuilder {
 public:
  SymtableBuilder(SymbolTable* table, std::string_view filename, std::string_view source)
      : table_(table), filename_(filename), source_(source) {}

  Status run(const ast::Mod* mod);

 private:
  SymbolTable* table_;
  std::string_view filename_;
  std::string_view source_;
  Scope* cur_ = nullptr;
  std::vector<std::string> class_names_;  // for mangling, innermost last
  bool in_comp_iter_target_ = false;      // visiting a comprehension's `for` target

  Error error_at(const ast::Location& loc, std::string_view msg) {
    return raise_syntax_error_at(msg, filename_, source_, loc.lineno, loc.col_offset,
                                 loc.end_lineno, loc.end_col_offset);
  }
  std::string mangled(std::string_view name) {
    return mangle(class_names_.empty() ? std::string_view() : class_names_.back(), name);
  }

  Scope* enter(ScopeKind kind, std::string name, const void* node, int lineno) {
    auto s = std::make_unique<Scope>();
    s->kind = kind;
    s->name = std::move(name);
    s->node = node;
    s->lineno = lineno;
    s->parent = cur_;
    Scope* raw = s.get();
    if (cur_) {
      cur_->children.push_back(std::move(s));
    } else {
      table_->top_ = std::move(s);
    }
    if (cur_ && cur_->kind == ScopeKind::Class && kind == ScopeKind::Function) raw->in_class_method = true;
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

  Status analyze(Scope* s, const std::unordered_set<std::string>* bound,
                 const std::unordered_set<std::string>* global, std::unordered_set<std::string>* free_out);
  void inline_comprehension(Scope* s, Scope* comp, std::unordered_set<std::string>* comp_free,
                            std::unordered_set<std::string>* inlined_cells);
};

Status SymtableBuilder::add_def(std::string_view raw_name, uint32_t flag, const ast::Location& loc) {
  std::string name = mangled(raw_name);
  auto [it, inserted] = cur_->symbols.try_emplace(name);
  if (inserted) cur_->symbol_order.push_back(name);
  Symbol& sym = it->second;
  if ((flag & kDefParam) && (sym.flags & kDefParam)) {
    return error_at(loc, "duplicate argument '" + name + "' in function definition");
  }
  sym.flags |= flag;
  if (flag & kDefParam) cur_->params.push_back(name);
  return ok();
}

Status SymtableBuilder::run(const ast::Mod* mod) {
  enter(ScopeKind::Module, "top", mod, 0);
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
  std::unordered_set<std::string> free;
  return analyze(table_->top_.get(), nullptr, nullptr, &free);
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
      if (!f->type_params.empty())
        return error_at(s->loc, "type parameter lists are not supported by Weft's compiler yet");
      TRY(visit_annotations(f->args, f->returns, s->loc));
      Scope* fs = enter(ScopeKind::Function, std::string(f->name), f, s->loc.lineno);
      fs->is_coroutine = s->kind == K::AsyncFunctionDef;
      TRY(visit_params(f->args, s->loc));
      TRY(visit_stmts(f->body));
      leave();
      return ok();
    }
    case K::ClassDef: {
      const auto* c = s->as<ast::ClassDef>();
      TRY(add_def(c->name, kDefLocal, s->loc));
      TRY(visit_exprs(c->bases));
      for (const ast::Keyword* k : c->keywords) TRY(visit_expr(k->value));
      TRY(visit_exprs(c->decorator_list));
      if (!c->type_params.empty())
        return error_at(s->loc, "type parameter lists are not supported by Weft's compiler yet");
      enter(ScopeKind::Class, std::string(c->name), c, s->loc.lineno);
      class_names_.emplace_back(c->name);
      TRY(visit_stmts(c->body));
      class_names_.pop_back();
      leave();
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
      return error_at(s->loc, "type aliases are not supported by Weft's compiler yet");
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
        if (sym && (sym->flags & (kDefGlobal | kDefNonlocal)) && a->simple) {
          std::string msg = "annotated name '" + name + "' can't be " +
                            ((sym->flags & kDefGlobal) ? "global" : "nonlocal");
          return error_at(s->loc, msg);
        }
      }
      TRY(visit_expr(a->target));
      if (a->annotation && !cur_->is_function_like()) TRY(visit_expr(a->annotation));
      if (a->value) TRY(visit_expr(a->value));
      return ok();
    }
    case K::For:
    case K::AsyncFor: {
      const auto* f = s->as<ast::For>();
      TRY(visit_expr(f->target));
      TRY(visit_expr(f->iter));
      TRY(visit_stmts(f->body));
      return visit_stmts(f->orelse);
    }
    case K::While: {
      const auto* w = s->as<ast::While>();
      TRY(visit_expr(w->test));
      TRY(visit_stmts(w->body));
      return visit_stmts(w->orelse);
    }
    case K::If: {
      const auto* i = s->as<ast::If>();
      TRY(visit_expr(i->test));
      TRY(visit_stmts(i->body));
      return visit_stmts(i->orelse);
    }
    case K::With:
    case K::AsyncWith: {
      const auto* w = s->as<ast::With>();
      for (const ast::WithItem* item : w->items) {
        TRY(visit_expr(item->context_expr));
        if (item->optional_vars) TRY(visit_expr(item->optional_vars));
      }
      return visit_stmts(w->body);
    }
    case K::Match: {
      const auto* m = s->as<ast::Match>();
      TRY(visit_expr(m->subject));
      for (const ast::MatchCase* c : m->cases) {
        TRY(visit_pattern(c->pattern));
        if (c->guard) TRY(visit_expr(c->guard));
        TRY(visit_stmts(c->body));
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
      TRY(visit_stmts(t->body));
      for (const ast::ExceptHandler* h : t->handlers) {
        if (h->type) TRY(visit_expr(h->type));
        if (!h->name.empty()) TRY(add_def(h->name, kDefLocal, h->loc));
        TRY(visit_stmts(h->body));
      }
      TRY(visit_stmts(t->orelse));
      return visit_stmts(t->finalbody);
    }
    case K::Assert: {
      const auto* a = s->as<ast::Assert>();
      TRY(visit_expr(a->test));
      if (a->msg) TRY(visit_expr(a->msg));
      return ok();
    }
    case K::Import:
    case K::ImportFrom: {
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
  // PEP 709: every comprehension but a generator expression runs inline in its parent.
  cs->comp_inlined = !cs->is_generator;
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
      if (cur_->kind == ScopeKind::Class && saved != cur_) {
        cur_ = saved;
        return error_at(e->loc, "assignment expression within a comprehension cannot be used in a class body");
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
      if (!cur_->is_function_like()) return error_at(e->loc, "'await' outside function");
      if (!cur_->is_async_def() && cur_->kind != ScopeKind::Comprehension)
        return error_at(e->loc, "'await' outside async function");
      TRY(visit_expr(e->as<ast::Await>()->value));
      cur_->is_coroutine = true;
      return ok();
    case K::Yield:
    case K::YieldFrom: {
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

// analyze(s, bound, global, free_out): `bound` = names bound by enclosing function scopes,
// `global` = names declared global in enclosing scopes. On return `free_out` holds the names
// free in s (and its children) that an enclosing scope must provide.
Status SymtableBuilder::analyze(Scope* s, const std::unordered_set<std::string>* bound,
                                const std::unordered_set<std::string>* global,
                                std::unordered_set<std::string>* free_out) {
  std::unordered_set<std::string> local, new_bound, new_global, new_free;
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
      if (!bound || !bound->count(name)) {
        std::string msg = "no binding for nonlocal '" + name + "' found";
        return raise_syntax_error_at(msg, filename_, source_, s->lineno, 0, s->lineno, 0);
      }
      sym.scope = NameScope::Free;
      new_free.insert(name);
    } else if (f & (kDefLocal | kDefParam | kDefImport)) {
      sym.scope = NameScope::Local;
      local.insert(name);
      new_global.erase(name);
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
    TRY(analyze(child.get(), &new_bound, &new_global, &cf));
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
                                                        std::string_view source) {
  auto table = std::make_unique<SymbolTable>();
  SymtableBuilder builder(table.get(), filename, source);
  TRY(builder.run(mod));
  return table;
}

}  // namespace weft::compiler
