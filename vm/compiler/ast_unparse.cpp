// vm/compiler/ast_unparse.cpp — expressions back to source text (CPython's ast_unparse.c), for
// `from __future__ import annotations`.
//
// The output must be exactly CPython's, since programs compare and eval these strings: the same
// precedence table (an operand is parenthesised when the context's level is above its own),
// the same spacing, repr() for constants (with `inf` written as 1e309 so the text evaluates back
// to infinity), f-strings and t-strings as `f'...'` / `t'...'` with the repr of the rebuilt body.
// Text is built in a std::string (UTF-8); Python objects are touched only for repr(). Pure
// function of the tree; no shared state.
#include "vm/compiler/ast_unparse.h"

#include <string>

#include "objects/abstract.h"
#include "objects/complex.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft::compiler {

namespace {

// Precedence levels, lowest first (CPython's PR_*).
enum Level : int {
  kTuple, kTest, kOr, kAnd, kNot, kCmp, kExpr, kBor = kExpr, kBxor, kBand, kShift, kArith,
  kTerm, kFactor, kPower, kAwait, kAtom
};

class Unparser {
 public:
  Status expr(const ast::Expr* e, int level);
  std::string out;

 private:
  void open_if(bool cond) { if (cond) out += '('; }
  void close_if(bool cond) { if (cond) out += ')'; }
  Status repr_of(Object* o);
  Status constant(Object* value);
  Status args(const ast::Arguments* a);
  Status arg(const ast::Arg* a);
  Status comprehensions(const ast::Seq<ast::Comprehension*>& gens);
  Status seq(const ast::Seq<ast::Expr*>& items, int level);
  Status fstring(const ast::Seq<ast::Expr*>& values, char prefix, bool is_format_spec);
  Status fstring_element(const ast::Expr* e, bool is_format_spec);
  Status replacement_field(const ast::Expr* value, int conversion, const ast::Expr* spec);
};

Status Unparser::repr_of(Object* o) {
  Ref<Object> r = TRY(object_repr(o));
  std::string text = str_to_std_string(r.get());
  if (is_float_exact(o) || is_complex_exact(o)) {
    // CPython's replace_inf_value: 1 + DBL_MAX_10_EXP.
    for (size_t at = text.find("inf"); at != std::string::npos; at = text.find("inf", at + 5))
      text.replace(at, 3, "1e309");
  }
  out += text;
  return ok();
}

Status Unparser::constant(Object* value) {
  if (value == &EllipsisObject) {
    out += "...";
    return ok();
  }
  if (is_tuple_exact(value)) {
    int64_t n = tuple_size(value);
    out += '(';
    for (int64_t i = 0; i < n; ++i) {
      if (i) out += ", ";
      TRY(repr_of(tuple_item(value, i)));
    }
    if (n == 1) out += ',';
    out += ')';
    return ok();
  }
  return repr_of(value);
}

Status Unparser::seq(const ast::Seq<ast::Expr*>& items, int level) {
  bool first = true;
  for (const ast::Expr* item : items) {
    if (!first) out += ", ";
    first = false;
    TRY(expr(item, level));
  }
  return ok();
}

Status Unparser::arg(const ast::Arg* a) {
  out += a->arg;
  if (a->annotation) {
    out += ": ";
    TRY(expr(a->annotation, kTest));
  }
  return ok();
}

Status Unparser::args(const ast::Arguments* a) {
  bool first = true;
  auto sep = [&] {
    if (!first) out += ", ";
    first = false;
  };
  size_t npos = a->posonlyargs.size(), nargs = a->args.size(), ndefaults = a->defaults.size();
  for (size_t i = 0; i < npos + nargs; ++i) {
    sep();
    TRY(arg(i < npos ? a->posonlyargs[i] : a->args[i - npos]));
    // The defaults belong to the last len(defaults) positional parameters.
    if (i + ndefaults >= npos + nargs) {
      out += '=';
      TRY(expr(a->defaults[i + ndefaults - npos - nargs], kTest));
    }
    if (npos && i + 1 == npos) out += ", /";
  }
  if (a->vararg || !a->kwonlyargs.empty()) {
    sep();
    out += '*';
    if (a->vararg) TRY(arg(a->vararg));
  }
  for (size_t i = 0; i < a->kwonlyargs.size(); ++i) {
    sep();
    TRY(arg(a->kwonlyargs[i]));
    if (i < a->kw_defaults.size() && a->kw_defaults[i]) {
      out += '=';
      TRY(expr(a->kw_defaults[i], kTest));
    }
  }
  if (a->kwarg) {
    sep();
    out += "**";
    TRY(arg(a->kwarg));
  }
  return ok();
}

Status Unparser::comprehensions(const ast::Seq<ast::Comprehension*>& gens) {
  for (const ast::Comprehension* g : gens) {
    out += g->is_async ? " async for " : " for ";
    TRY(expr(g->target, kTuple));
    out += " in ";
    TRY(expr(g->iter, kTest + 1));
    for (const ast::Expr* cond : g->ifs) {
      out += " if ";
      TRY(expr(cond, kTest + 1));
    }
  }
  return ok();
}

// `{value!c:spec}`; an expression text starting with `{` gets a space after the brace.
Status Unparser::replacement_field(const ast::Expr* value, int conversion, const ast::Expr* spec) {
  Unparser inner;
  TRY(inner.expr(value, kTest + 1));
  out += inner.out.starts_with('{') ? "{ " : "{";
  out += inner.out;
  if (conversion > 0) {
    out += '!';
    out += static_cast<char>(conversion);
  }
  if (spec) {
    out += ':';
    TRY(fstring_element(spec, true));
  }
  out += '}';
  return ok();
}

Status Unparser::fstring_element(const ast::Expr* e, bool is_format_spec) {
  switch (e->kind) {
    case ast::ExprKind::Constant: {
      // Literal text: braces doubled.
      std::string text = str_to_std_string(e->as<ast::Constant>()->value);
      for (char c : text) {
        out += c;
        if (c == '{' || c == '}') out += c;
      }
      return ok();
    }
    case ast::ExprKind::JoinedStr:
      return fstring(e->as<ast::JoinedStr>()->values, 'f', is_format_spec);
    case ast::ExprKind::FormattedValue: {
      const auto* f = e->as<ast::FormattedValue>();
      return replacement_field(f->value, f->conversion, f->format_spec);
    }
    case ast::ExprKind::Interpolation: {
      const auto* i = e->as<ast::Interpolation>();
      return replacement_field(i->value, i->conversion, i->format_spec);
    }
    default:
      return expr(e, kTest);
  }
}

// The body is rebuilt, then written as prefix + repr(body) (a format spec is written bare).
Status Unparser::fstring(const ast::Seq<ast::Expr*>& values, char prefix, bool is_format_spec) {
  Unparser body;
  for (const ast::Expr* v : values) TRY(body.fstring_element(v, is_format_spec));
  if (is_format_spec) {
    out += body.out;
    return ok();
  }
  out += prefix;
  Ref<Object> text = TRY(str_from_utf8(body.out));
  return repr_of(text.get());
}

const char* binop_text(ast::OperatorKind op, int* level) {
  using O = ast::OperatorKind;
  switch (op) {
    case O::Add: *level = kArith; return " + ";
    case O::Sub: *level = kArith; return " - ";
    case O::Mult: *level = kTerm; return " * ";
    case O::MatMult: *level = kTerm; return " @ ";
    case O::Div: *level = kTerm; return " / ";
    case O::Mod: *level = kTerm; return " % ";
    case O::LShift: *level = kShift; return " << ";
    case O::RShift: *level = kShift; return " >> ";
    case O::BitOr: *level = kBor; return " | ";
    case O::BitXor: *level = kBxor; return " ^ ";
    case O::BitAnd: *level = kBand; return " & ";
    case O::FloorDiv: *level = kTerm; return " // ";
    case O::Pow: *level = kPower; return " ** ";
  }
  return "";
}

const char* cmpop_text(ast::CmpOpKind op) {
  using C = ast::CmpOpKind;
  switch (op) {
    case C::Eq: return " == ";
    case C::NotEq: return " != ";
    case C::Lt: return " < ";
    case C::LtE: return " <= ";
    case C::Gt: return " > ";
    case C::GtE: return " >= ";
    case C::Is: return " is ";
    case C::IsNot: return " is not ";
    case C::In: return " in ";
    case C::NotIn: return " not in ";
  }
  return "";
}

Status Unparser::expr(const ast::Expr* e, int level) {
  using K = ast::ExprKind;
  switch (e->kind) {
    case K::BoolOp: {
      const auto* b = e->as<ast::BoolOp>();
      int pr = b->op == ast::BoolOpKind::And ? kAnd : kOr;
      open_if(level > pr);
      bool first = true;
      for (const ast::Expr* v : b->values) {
        if (!first) out += b->op == ast::BoolOpKind::And ? " and " : " or ";
        first = false;
        TRY(expr(v, pr + 1));
      }
      close_if(level > pr);
      return ok();
    }
    case K::BinOp: {
      const auto* b = e->as<ast::BinOp>();
      int pr = 0;
      const char* op = binop_text(b->op, &pr);
      bool right_assoc = b->op == ast::OperatorKind::Pow;
      open_if(level > pr);
      TRY(expr(b->left, pr + (right_assoc ? 1 : 0)));
      out += op;
      TRY(expr(b->right, pr + (right_assoc ? 0 : 1)));
      close_if(level > pr);
      return ok();
    }
    case K::UnaryOp: {
      const auto* u = e->as<ast::UnaryOp>();
      using U = ast::UnaryOpKind;
      int pr = u->op == U::Not ? kNot : kFactor;
      const char* op = u->op == U::Invert ? "~" : u->op == U::Not ? "not " : u->op == U::UAdd ? "+" : "-";
      open_if(level > pr);
      out += op;
      TRY(expr(u->operand, pr));
      close_if(level > pr);
      return ok();
    }
    case K::Lambda: {
      const auto* l = e->as<ast::Lambda>();
      open_if(level > kTest);
      bool positional = !l->args->args.empty() || !l->args->posonlyargs.empty();
      out += positional ? "lambda " : "lambda";
      TRY(args(l->args));
      out += ": ";
      TRY(expr(l->body, kTest));
      close_if(level > kTest);
      return ok();
    }
    case K::IfExp: {
      const auto* i = e->as<ast::IfExp>();
      open_if(level > kTest);
      TRY(expr(i->body, kTest + 1));
      out += " if ";
      TRY(expr(i->test, kTest + 1));
      out += " else ";
      TRY(expr(i->orelse, kTest));
      close_if(level > kTest);
      return ok();
    }
    case K::Dict: {
      const auto* d = e->as<ast::Dict>();
      out += '{';
      for (size_t i = 0; i < d->values.size(); ++i) {
        if (i) out += ", ";
        if (d->keys[i]) {
          TRY(expr(d->keys[i], kTest));
          out += ": ";
          TRY(expr(d->values[i], kTest));
        } else {
          out += "**";
          TRY(expr(d->values[i], kExpr));
        }
      }
      out += '}';
      return ok();
    }
    case K::Set:
      out += '{';
      TRY(seq(e->as<ast::Set>()->elts, kTest));
      out += '}';
      return ok();
    case K::ListComp:
    case K::SetComp:
    case K::GeneratorExp: {
      const ast::Expr* elt;
      const ast::Seq<ast::Comprehension*>* gens;
      const char* brackets;
      if (e->kind == K::ListComp) {
        elt = e->as<ast::ListComp>()->elt, gens = &e->as<ast::ListComp>()->generators, brackets = "[]";
      } else if (e->kind == K::SetComp) {
        elt = e->as<ast::SetComp>()->elt, gens = &e->as<ast::SetComp>()->generators, brackets = "{}";
      } else {
        elt = e->as<ast::GeneratorExp>()->elt, gens = &e->as<ast::GeneratorExp>()->generators,
        brackets = "()";
      }
      out += brackets[0];
      TRY(expr(elt, kTest));
      TRY(comprehensions(*gens));
      out += brackets[1];
      return ok();
    }
    case K::DictComp: {
      const auto* d = e->as<ast::DictComp>();
      out += '{';
      TRY(expr(d->key, kTest));
      out += ": ";
      TRY(expr(d->value, kTest));
      TRY(comprehensions(d->generators));
      out += '}';
      return ok();
    }
    case K::Await:
      open_if(level > kAwait);
      out += "await ";
      TRY(expr(e->as<ast::Await>()->value, kAtom));
      close_if(level > kAwait);
      return ok();
    case K::Yield: {
      const ast::Expr* v = e->as<ast::Yield>()->value;
      out += v ? "(yield " : "(yield";
      if (v) TRY(expr(v, kTest));
      out += ')';
      return ok();
    }
    case K::YieldFrom:
      out += "(yield from ";
      TRY(expr(e->as<ast::YieldFrom>()->value, kTest));
      out += ')';
      return ok();
    case K::Compare: {
      const auto* c = e->as<ast::Compare>();
      open_if(level > kCmp);
      TRY(expr(c->left, kCmp + 1));
      for (size_t i = 0; i < c->ops.size(); ++i) {
        out += cmpop_text(c->ops[i]);
        TRY(expr(c->comparators[i], kCmp + 1));
      }
      close_if(level > kCmp);
      return ok();
    }
    case K::Call: {
      const auto* c = e->as<ast::Call>();
      TRY(expr(c->func, kAtom));
      // A lone generator expression argument keeps only its own parentheses.
      if (c->args.size() == 1 && c->keywords.empty() && c->args[0]->kind == K::GeneratorExp)
        return expr(c->args[0], kTest);
      out += '(';
      bool first = true;
      for (const ast::Expr* a : c->args) {
        if (!first) out += ", ";
        first = false;
        TRY(expr(a, kTest));
      }
      for (const ast::Keyword* k : c->keywords) {
        if (!first) out += ", ";
        first = false;
        if (k->arg.empty()) {
          out += "**";
        } else {
          out += k->arg;
          out += '=';
        }
        TRY(expr(k->value, kTest));
      }
      out += ')';
      return ok();
    }
    case K::Constant:
      return constant(e->as<ast::Constant>()->value);
    case K::JoinedStr:
      return fstring(e->as<ast::JoinedStr>()->values, 'f', false);
    case K::TemplateStr:
      return fstring(e->as<ast::TemplateStr>()->values, 't', false);
    case K::FormattedValue:
    case K::Interpolation:
      return fstring_element(e, false);
    case K::Attribute: {
      const auto* a = e->as<ast::Attribute>();
      TRY(expr(a->value, kAtom));
      // `1 .real`: an int literal needs a space before the dot.
      bool int_literal = a->value->kind == K::Constant && is_int_exact(a->value->as<ast::Constant>()->value);
      out += int_literal ? " ." : ".";
      out += a->attr;
      return ok();
    }
    case K::Subscript: {
      const auto* s = e->as<ast::Subscript>();
      TRY(expr(s->value, kAtom));
      out += '[';
      TRY(expr(s->slice, kTuple));
      out += ']';
      return ok();
    }
    case K::Starred:
      out += '*';
      return expr(e->as<ast::Starred>()->value, kExpr);
    case K::Slice: {
      const auto* s = e->as<ast::Slice>();
      if (s->lower) TRY(expr(s->lower, kTest));
      out += ':';
      if (s->upper) TRY(expr(s->upper, kTest));
      if (s->step) {
        out += ':';
        TRY(expr(s->step, kTest));
      }
      return ok();
    }
    case K::Name:
      out += e->as<ast::Name>()->id;
      return ok();
    case K::List:
      out += '[';
      TRY(seq(e->as<ast::List>()->elts, kTest));
      out += ']';
      return ok();
    case K::Tuple: {
      const ast::Seq<ast::Expr*>& elts = e->as<ast::Tuple>()->elts;
      if (elts.empty()) {
        out += "()";
        return ok();
      }
      open_if(level > kTuple);
      TRY(seq(elts, kTest));
      if (elts.size() == 1) out += ',';
      close_if(level > kTuple);
      return ok();
    }
    case K::NamedExpr: {
      const auto* n = e->as<ast::NamedExpr>();
      open_if(level > kTuple);
      TRY(expr(n->target, kAtom));
      out += ":=";
      TRY(expr(n->value, kAtom));
      close_if(level > kTuple);
      return ok();
    }
  }
  return ok();
}

}  // namespace

Result<Ref<Object>> unparse_annotation(const ast::Expr* e) {
  Unparser u;
  TRY(u.expr(e, kTest));
  return str_from_utf8(u.out);
}

}  // namespace weft::compiler
