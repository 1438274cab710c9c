// vm/compiler/parser_targets.cpp — turning parsed expressions into assignment/deletion targets.
//
// The parser reads the left side of `=`, `for ... in`, `with ... as`, `del` as an expression
// and converts it here: set_context() rewrites the ctx of Name/Attribute/Subscript/Starred/
// Tuple/List (recursively) and reports CPython's "cannot assign to X" / "cannot delete X" for
// anything else, with X from expr_description() (CPython's _PyPegen_get_expr_name).
#include "vm/compiler/parser_internal.h"

#include "objects/abstract.h"
#include "objects/int.h"

namespace weft::compiler {

const char* Parser::expr_description(const Expr* e) {
  switch (e->kind) {
    case ExprKind::Attribute: return "attribute";
    case ExprKind::Subscript: return "subscript";
    case ExprKind::Starred: return "starred";
    case ExprKind::Name: return "name";
    case ExprKind::List: return "list";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::Call: return "function call";
    case ExprKind::BoolOp: case ExprKind::BinOp: case ExprKind::UnaryOp: return "expression";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Yield: case ExprKind::YieldFrom: return "yield expression";
    case ExprKind::Await: return "await expression";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::JoinedStr: case ExprKind::FormattedValue: return "f-string expression";
    case ExprKind::TemplateStr: case ExprKind::Interpolation: return "t-string expression";
    case ExprKind::Constant: {
      Object* v = e->as<Constant>()->value;
      if (is_none(v)) return "None";
      if (v == py_true()) return "True";
      if (v == py_false()) return "False";
      if (v == &EllipsisObject) return "ellipsis";
      return "literal";
    }
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::NamedExpr: return "named expression";
    case ExprKind::Slice: return "slice";
    default: return "expression";
  }
}

bool Parser::set_context(Expr* e, ExprContext ctx) {
  switch (e->kind) {
    case ExprKind::Name:
      e->as<Name>()->ctx = ctx;
      return true;
    case ExprKind::Attribute:
      e->as<Attribute>()->ctx = ctx;
      return true;
    case ExprKind::Subscript:
      e->as<Subscript>()->ctx = ctx;
      return true;
    case ExprKind::Starred:
      if (ctx == ExprContext::Del) {
        fail_loc(e->loc, "cannot delete starred");
        return false;
      }
      e->as<Starred>()->ctx = ctx;
      return set_context(e->as<Starred>()->value, ctx);
    case ExprKind::Tuple:
      e->as<Tuple>()->ctx = ctx;
      for (Expr* x : e->as<Tuple>()->elts)
        if (!set_context(x, ctx)) return false;
      return true;
    case ExprKind::List:
      e->as<List>()->ctx = ctx;
      for (Expr* x : e->as<List>()->elts)
        if (!set_context(x, ctx)) return false;
      return true;
    default:
      fail_loc(e->loc, std::string(ctx == ExprContext::Del ? "cannot delete " : "cannot assign to ") +
                           expr_description(e));
      return false;
  }
}

// Before `=`: the messages of CPython's invalid_assignment rule, which add the '==' hint for a
// lone non-target expression.
bool Parser::check_assign_target(Expr* e, bool for_aug) {
  switch (e->kind) {
    case ExprKind::Name: case ExprKind::Attribute: case ExprKind::Subscript:
      return true;
    case ExprKind::Starred: case ExprKind::Tuple: case ExprKind::List:
      return set_context(e, ExprContext::Store);
    case ExprKind::Constant: {
      const char* what = expr_description(e);
      if (std::string_view(what) != "literal" && std::string_view(what) != "ellipsis") {
        fail_loc(e->loc, std::string("cannot assign to ") + what);
        return false;
      }
      break;
    }
    case ExprKind::GeneratorExp: case ExprKind::ListComp: case ExprKind::SetComp:
    case ExprKind::DictComp: case ExprKind::Yield: case ExprKind::YieldFrom:
    case ExprKind::Lambda: case ExprKind::NamedExpr: case ExprKind::Await:
      fail_loc(e->loc, std::string("cannot assign to ") + expr_description(e));
      return false;
    default:
      break;
  }
  (void)for_aug;
  fail_loc(e->loc, std::string("cannot assign to ") + expr_description(e) +
                       " here. Maybe you meant '==' instead of '='?");
  return false;
}

// Parameters of `def` (closer ')') and `lambda` (closer ':'), up to but not including closer.
Arguments* Parser::parse_parameters(Op closer, bool lambda) {
  Arguments* args = plain<Arguments>();
  if (!args) return nullptr;
  SeqBuilder<Arg*> positional(arena_), kwonly(arena_);
  SeqBuilder<Expr*> defaults(arena_), kw_defaults(arena_);
  bool seen_star = false, seen_default = false;
  size_t posonly_count = 0;
  bool have_posonly = false;
  auto parse_arg = [&](bool allow_star_annotation) -> Arg* {
    if (!at_name()) return invalid_syntax();
    const Token& n = advance();
    Arg* a = plain<Arg>();
    if (!a) return nullptr;
    a->loc = start_loc(n);
    a->arg = ident(n.text);
    if (!lambda && accept_op(Op::Colon)) {
      if (allow_star_annotation && at_op(Op::Star)) {
        a->annotation = parse_star_expression();
      } else {
        a->annotation = parse_expression();
      }
      if (!a->annotation) return nullptr;
    }
    a->loc = span(a->loc);
    return a;
  };
  while (!at_op(closer)) {
    if (at_op(Op::Slash)) {
      const Token& sl = advance();
      if (have_posonly) return fail_at(sl, "/ may appear only once");
      if (seen_star) return fail_at(sl, "/ must be ahead of *");
      if (positional.size() == 0) return fail_at(sl, "at least one argument must precede /");
      have_posonly = true;
      posonly_count = positional.size();
    } else if (at_op(Op::DoubleStar)) {
      advance();
      Arg* a = parse_arg(false);
      if (!a) return nullptr;
      if (at_op(Op::Equal)) return fail_at(cur(), "var-keyword argument cannot have default value");
      args->kwarg = a;
      accept_op(Op::Comma);
      if (!at_op(closer)) return fail_at(cur(), "arguments cannot follow var-keyword argument");
      break;
    } else if (at_op(Op::Star)) {
      const Token& star = advance();
      if (seen_star) return fail_at(star, "* argument may appear only once");
      seen_star = true;
      if (at_op(Op::Comma) || at_op(closer)) {
        // bare '*': keyword-only parameters must follow
        if (at_op(closer) || (peek(1).kind == TokenKind::Op && peek(1).op == closer) ||
            (peek(1).kind == TokenKind::Op && peek(1).op == Op::DoubleStar))
          return fail_at(star, "named arguments must follow bare *");
      } else {
        Arg* a = parse_arg(true);
        if (!a) return nullptr;
        if (at_op(Op::Equal)) return fail_at(cur(), "var-positional argument cannot have default value");
        args->vararg = a;
      }
    } else {
      Arg* a = parse_arg(false);
      if (!a) return nullptr;
      Expr* def = nullptr;
      if (accept_op(Op::Equal)) {
        def = parse_expression();
        if (!def) return nullptr;
      }
      if (seen_star) {
        if (!push(kwonly, a) || !push(kw_defaults, def)) return nullptr;
      } else {
        if (def) {
          seen_default = true;
          if (!push(defaults, def)) return nullptr;
        } else if (seen_default) {
          return fail_loc(a->loc, "parameter without a default follows parameter with a default");
        }
        if (!push(positional, a)) return nullptr;
      }
    }
    if (!accept_op(Op::Comma)) break;
  }
  if (failed_) return nullptr;
  if (!at_op(closer)) return invalid_syntax();
  Seq<Arg*> all = positional.finish();
  args->posonlyargs = Seq<Arg*>{all.items, posonly_count};
  args->args = Seq<Arg*>{all.items + posonly_count, all.count - posonly_count};
  args->kwonlyargs = kwonly.finish();
  args->kw_defaults = kw_defaults.finish();
  args->defaults = defaults.finish();
  return args;
}

Arguments* Parser::empty_arguments() { return plain<Arguments>(); }

}  // namespace weft::compiler
