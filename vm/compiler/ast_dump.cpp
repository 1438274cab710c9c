// vm/compiler/ast_dump.cpp — ast.dump() text, for tests and debugging.
//
// Mirrors CPython 3.14's ast.dump(node) with default arguments: `Name(id='x', ctx=Load())`,
// fields in ASDL order, a field omitted when it is None or an empty list (CPython's
// show_empty=False), ints always shown, constants through repr().
#include "vm/compiler/ast_dump.h"

#include "objects/abstract.h"
#include "objects/str.h"

namespace weft::ast {

namespace {

class Dumper {
 public:
  std::string out;
  bool ok = true;

  void open(const char* name) { out += name; out += '('; first_ = true; }
  void close() { out += ')'; first_ = false; }

  void field(const char* name) {
    if (!first_) out += ", ";
    first_ = false;
    out += name;
    out += '=';
  }
  void ident(const char* name, Identifier id) {
    if (id.empty()) return;
    field(name);
    quote(id);
  }
  void quote(std::string_view s) {
    out += '\'';
    out += s;
    out += '\'';
  }
  void integer(const char* name, long v) {
    field(name);
    out += std::to_string(v);
  }
  void object(const char* name, Object* o) {
    if (!o) return;
    field(name);
    repr(o);
  }
  void repr(Object* o) {
    Result<Ref<Object>> r = object_repr(o);
    if (r.is_error()) { ok = false; return; }
    out += str_to_std_string(r.value().get());
  }
  void ctx(ExprContext c) {
    field("ctx");
    out += kind_name(c);
    out += "()";
  }
  template <class T, class F>
  void list(const char* name, Seq<T> items, F each) {
    if (items.empty()) return;
    field(name);
    out += '[';
    bool saved = first_;
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) out += ", ";
      each(items[i]);
    }
    first_ = saved;
    out += ']';
  }
  template <class T, class F>
  void one(const char* name, T* item, F each) {
    if (!item) return;
    field(name);
    bool saved = first_;
    each(item);
    first_ = saved;
  }

  void expr(const Expr* e);
  void stmt(const Stmt* s);
  void pattern(const Pattern* p);
  void type_param(const TypeParam* p);
  void arguments(const Arguments* a);
  void arg(const Arg* a);
  void body(const char* name, Seq<Stmt*> b) { list(name, b, [&](Stmt* s) { stmt(s); }); }
  void exprs(const char* name, Seq<Expr*> v) {
    list(name, v, [&](Expr* e) { if (e) expr(e); else out += "None"; });
  }
  void opt(const char* name, const Expr* e) { one(name, e, [&](const Expr* x) { expr(x); }); }
  void keywords(Seq<Keyword*> ks) {
    list("keywords", ks, [&](Keyword* k) {
      open("keyword");
      ident("arg", k->arg);
      opt("value", k->value);
      close();
    });
  }
  void comprehensions(Seq<Comprehension*> gens) {
    list("generators", gens, [&](Comprehension* c) {
      open("comprehension");
      opt("target", c->target);
      opt("iter", c->iter);
      exprs("ifs", c->ifs);
      integer("is_async", c->is_async);
      close();
    });
  }
  void type_params(Seq<TypeParam*> ps) { list("type_params", ps, [&](TypeParam* p) { type_param(p); }); }
  void identifiers(const char* name, Seq<Identifier> ids) {
    list(name, ids, [&](Identifier id) { quote(id); });
  }

 private:
  bool first_ = true;
};

void Dumper::arg(const Arg* a) {
  open("arg");
  ident("arg", a->arg);
  opt("annotation", a->annotation);
  close();
}

void Dumper::arguments(const Arguments* a) {
  open("arguments");
  auto args = [&](const char* name, Seq<Arg*> v) { list(name, v, [&](Arg* x) { arg(x); }); };
  args("posonlyargs", a->posonlyargs);
  args("args", a->args);
  one("vararg", a->vararg, [&](const Arg* x) { arg(x); });
  args("kwonlyargs", a->kwonlyargs);
  exprs("kw_defaults", a->kw_defaults);
  one("kwarg", a->kwarg, [&](const Arg* x) { arg(x); });
  exprs("defaults", a->defaults);
  close();
}

void Dumper::type_param(const TypeParam* p) {
  open(kind_name(p->kind));
  switch (p->kind) {
    case TypeParamKind::TypeVar:
      ident("name", p->as<TypeVar>()->name);
      opt("bound", p->as<TypeVar>()->bound);
      opt("default_value", p->as<TypeVar>()->default_value);
      break;
    case TypeParamKind::ParamSpec:
      ident("name", p->as<ParamSpec>()->name);
      opt("default_value", p->as<ParamSpec>()->default_value);
      break;
    case TypeParamKind::TypeVarTuple:
      ident("name", p->as<TypeVarTuple>()->name);
      opt("default_value", p->as<TypeVarTuple>()->default_value);
      break;
  }
  close();
}

void Dumper::pattern(const Pattern* p) {
  open(kind_name(p->kind));
  auto pats = [&](const char* name, Seq<Pattern*> v) { list(name, v, [&](Pattern* x) { pattern(x); }); };
  switch (p->kind) {
    case PatternKind::MatchValue: opt("value", p->as<MatchValue>()->value); break;
    case PatternKind::MatchSingleton: object("value", p->as<MatchSingleton>()->value); break;
    case PatternKind::MatchSequence: pats("patterns", p->as<MatchSequence>()->patterns); break;
    case PatternKind::MatchMapping: {
      auto* m = p->as<MatchMapping>();
      exprs("keys", m->keys);
      pats("patterns", m->patterns);
      ident("rest", m->rest);
      break;
    }
    case PatternKind::MatchClass: {
      auto* m = p->as<MatchClass>();
      opt("cls", m->cls);
      pats("patterns", m->patterns);
      identifiers("kwd_attrs", m->kwd_attrs);
      pats("kwd_patterns", m->kwd_patterns);
      break;
    }
    case PatternKind::MatchStar: ident("name", p->as<MatchStar>()->name); break;
    case PatternKind::MatchAs:
      one("pattern", p->as<MatchAs>()->pattern, [&](const Pattern* x) { pattern(x); });
      ident("name", p->as<MatchAs>()->name);
      break;
    case PatternKind::MatchOr: pats("patterns", p->as<MatchOr>()->patterns); break;
  }
  close();
}

void Dumper::expr(const Expr* e) {
  open(kind_name(e->kind));
  switch (e->kind) {
    case ExprKind::BoolOp:
      field("op"); out += kind_name(e->as<BoolOp>()->op); out += "()";
      exprs("values", e->as<BoolOp>()->values);
      break;
    case ExprKind::NamedExpr:
      opt("target", e->as<NamedExpr>()->target);
      opt("value", e->as<NamedExpr>()->value);
      break;
    case ExprKind::BinOp:
      opt("left", e->as<BinOp>()->left);
      field("op"); out += kind_name(e->as<BinOp>()->op); out += "()";
      opt("right", e->as<BinOp>()->right);
      break;
    case ExprKind::UnaryOp:
      field("op"); out += kind_name(e->as<UnaryOp>()->op); out += "()";
      opt("operand", e->as<UnaryOp>()->operand);
      break;
    case ExprKind::Lambda:
      field("args"); arguments(e->as<Lambda>()->args);
      opt("body", e->as<Lambda>()->body);
      break;
    case ExprKind::IfExp:
      opt("test", e->as<IfExp>()->test);
      opt("body", e->as<IfExp>()->body);
      opt("orelse", e->as<IfExp>()->orelse);
      break;
    case ExprKind::Dict:
      exprs("keys", e->as<Dict>()->keys);
      exprs("values", e->as<Dict>()->values);
      break;
    case ExprKind::Set: exprs("elts", e->as<Set>()->elts); break;
    case ExprKind::ListComp:
      opt("elt", e->as<ListComp>()->elt);
      comprehensions(e->as<ListComp>()->generators);
      break;
    case ExprKind::SetComp:
      opt("elt", e->as<SetComp>()->elt);
      comprehensions(e->as<SetComp>()->generators);
      break;
    case ExprKind::DictComp:
      opt("key", e->as<DictComp>()->key);
      opt("value", e->as<DictComp>()->value);
      comprehensions(e->as<DictComp>()->generators);
      break;
    case ExprKind::GeneratorExp:
      opt("elt", e->as<GeneratorExp>()->elt);
      comprehensions(e->as<GeneratorExp>()->generators);
      break;
    case ExprKind::Await: opt("value", e->as<Await>()->value); break;
    case ExprKind::Yield: opt("value", e->as<Yield>()->value); break;
    case ExprKind::YieldFrom: opt("value", e->as<YieldFrom>()->value); break;
    case ExprKind::Compare: {
      auto* c = e->as<Compare>();
      opt("left", c->left);
      list("ops", c->ops, [&](CmpOpKind k) { out += kind_name(k); out += "()"; });
      exprs("comparators", c->comparators);
      break;
    }
    case ExprKind::Call:
      opt("func", e->as<Call>()->func);
      exprs("args", e->as<Call>()->args);
      keywords(e->as<Call>()->keywords);
      break;
    case ExprKind::FormattedValue:
      opt("value", e->as<FormattedValue>()->value);
      integer("conversion", e->as<FormattedValue>()->conversion);
      opt("format_spec", e->as<FormattedValue>()->format_spec);
      break;
    case ExprKind::Interpolation:
      opt("value", e->as<Interpolation>()->value);
      object("str", e->as<Interpolation>()->str);
      integer("conversion", e->as<Interpolation>()->conversion);
      opt("format_spec", e->as<Interpolation>()->format_spec);
      break;
    case ExprKind::JoinedStr: exprs("values", e->as<JoinedStr>()->values); break;
    case ExprKind::TemplateStr: exprs("values", e->as<TemplateStr>()->values); break;
    case ExprKind::Constant:
      object("value", e->as<Constant>()->value);
      if (!e->as<Constant>()->constant_kind.empty()) { field("kind"); quote(e->as<Constant>()->constant_kind); }
      break;
    case ExprKind::Attribute:
      opt("value", e->as<Attribute>()->value);
      ident("attr", e->as<Attribute>()->attr);
      ctx(e->as<Attribute>()->ctx);
      break;
    case ExprKind::Subscript:
      opt("value", e->as<Subscript>()->value);
      opt("slice", e->as<Subscript>()->slice);
      ctx(e->as<Subscript>()->ctx);
      break;
    case ExprKind::Starred:
      opt("value", e->as<Starred>()->value);
      ctx(e->as<Starred>()->ctx);
      break;
    case ExprKind::Name:
      ident("id", e->as<Name>()->id);
      ctx(e->as<Name>()->ctx);
      break;
    case ExprKind::List:
      exprs("elts", e->as<List>()->elts);
      ctx(e->as<List>()->ctx);
      break;
    case ExprKind::Tuple:
      exprs("elts", e->as<Tuple>()->elts);
      ctx(e->as<Tuple>()->ctx);
      break;
    case ExprKind::Slice:
      opt("lower", e->as<Slice>()->lower);
      opt("upper", e->as<Slice>()->upper);
      opt("step", e->as<Slice>()->step);
      break;
  }
  close();
}

void Dumper::stmt(const Stmt* s) {
  open(kind_name(s->kind));
  switch (s->kind) {
    case StmtKind::FunctionDef:
    case StmtKind::AsyncFunctionDef: {
      auto* f = s->as<FunctionDef>();
      ident("name", f->name);
      field("args"); arguments(f->args);
      body("body", f->body);
      exprs("decorator_list", f->decorator_list);
      opt("returns", f->returns);
      type_params(f->type_params);
      break;
    }
    case StmtKind::ClassDef: {
      auto* c = s->as<ClassDef>();
      ident("name", c->name);
      exprs("bases", c->bases);
      keywords(c->keywords);
      body("body", c->body);
      exprs("decorator_list", c->decorator_list);
      type_params(c->type_params);
      break;
    }
    case StmtKind::Return: opt("value", s->as<Return>()->value); break;
    case StmtKind::Delete: exprs("targets", s->as<Delete>()->targets); break;
    case StmtKind::Assign:
      exprs("targets", s->as<Assign>()->targets);
      opt("value", s->as<Assign>()->value);
      break;
    case StmtKind::TypeAlias:
      opt("name", s->as<TypeAlias>()->name);
      type_params(s->as<TypeAlias>()->type_params);
      opt("value", s->as<TypeAlias>()->value);
      break;
    case StmtKind::AugAssign:
      opt("target", s->as<AugAssign>()->target);
      field("op"); out += kind_name(s->as<AugAssign>()->op); out += "()";
      opt("value", s->as<AugAssign>()->value);
      break;
    case StmtKind::AnnAssign:
      opt("target", s->as<AnnAssign>()->target);
      opt("annotation", s->as<AnnAssign>()->annotation);
      opt("value", s->as<AnnAssign>()->value);
      integer("simple", s->as<AnnAssign>()->simple);
      break;
    case StmtKind::For:
    case StmtKind::AsyncFor:
      opt("target", s->as<For>()->target);
      opt("iter", s->as<For>()->iter);
      body("body", s->as<For>()->body);
      body("orelse", s->as<For>()->orelse);
      break;
    case StmtKind::While:
      opt("test", s->as<While>()->test);
      body("body", s->as<While>()->body);
      body("orelse", s->as<While>()->orelse);
      break;
    case StmtKind::If:
      opt("test", s->as<If>()->test);
      body("body", s->as<If>()->body);
      body("orelse", s->as<If>()->orelse);
      break;
    case StmtKind::With:
    case StmtKind::AsyncWith:
      list("items", s->as<With>()->items, [&](WithItem* w) {
        open("withitem");
        opt("context_expr", w->context_expr);
        opt("optional_vars", w->optional_vars);
        close();
      });
      body("body", s->as<With>()->body);
      break;
    case StmtKind::Match:
      opt("subject", s->as<Match>()->subject);
      list("cases", s->as<Match>()->cases, [&](MatchCase* c) {
        open("match_case");
        one("pattern", c->pattern, [&](const Pattern* p) { pattern(p); });
        opt("guard", c->guard);
        body("body", c->body);
        close();
      });
      break;
    case StmtKind::Raise:
      opt("exc", s->as<Raise>()->exc);
      opt("cause", s->as<Raise>()->cause);
      break;
    case StmtKind::Try:
    case StmtKind::TryStar: {
      auto* t = s->as<Try>();
      body("body", t->body);
      list("handlers", t->handlers, [&](ExceptHandler* h) {
        open("ExceptHandler");
        opt("type", h->type);
        ident("name", h->name);
        body("body", h->body);
        close();
      });
      body("orelse", t->orelse);
      body("finalbody", t->finalbody);
      break;
    }
    case StmtKind::Assert:
      opt("test", s->as<Assert>()->test);
      opt("msg", s->as<Assert>()->msg);
      break;
    case StmtKind::Import:
    case StmtKind::ImportFrom: {
      Seq<Alias*> names = s->kind == StmtKind::Import ? s->as<Import>()->names : s->as<ImportFrom>()->names;
      if (s->kind == StmtKind::ImportFrom) ident("module", s->as<ImportFrom>()->module);
      list("names", names, [&](Alias* a) {
        open("alias");
        ident("name", a->name);
        ident("asname", a->asname);
        close();
      });
      if (s->kind == StmtKind::ImportFrom) integer("level", s->as<ImportFrom>()->level);
      break;
    }
    case StmtKind::Global: identifiers("names", s->as<Global>()->names); break;
    case StmtKind::Nonlocal: identifiers("names", s->as<Nonlocal>()->names); break;
    case StmtKind::Expr: opt("value", s->as<ExprStmt>()->value); break;
    case StmtKind::Pass: case StmtKind::Break: case StmtKind::Continue: break;
  }
  close();
}

}  // namespace

Result<std::string> dump(const Mod* mod) {
  Dumper d;
  d.open(kind_name(mod->kind));
  switch (mod->kind) {
    case ModKind::Module: d.body("body", mod->as<Module>()->body); break;
    case ModKind::Interactive: d.body("body", mod->as<Interactive>()->body); break;
    case ModKind::Expression: d.opt("body", mod->as<Expression>()->body); break;
    case ModKind::FunctionType:
      d.exprs("argtypes", mod->as<FunctionType>()->argtypes);
      d.opt("returns", mod->as<FunctionType>()->returns);
      break;
  }
  d.close();
  if (!d.ok) return Error{};
  return std::move(d.out);
}

Result<std::string> dump(const Expr* expr) {
  Dumper d;
  d.expr(expr);
  if (!d.ok) return Error{};
  return std::move(d.out);
}

}  // namespace weft::ast
