// vm/compiler/parser_expressions.cpp — expressions, by precedence from the loosest:
//   star_expressions > expression (if-else, lambda) > or > and > not > comparison > | > ^ > &
//   > shifts > + - > * / // % @ > unary > ** > await > primary (calls, attributes, subscripts)
//   > atoms (names, numbers, strings, displays, comprehensions, parenthesised forms).
// Binary levels share one loop driven by a table (parse_binary) instead of one function each.
// Every recursion that input can drive without bound (unary operators, atoms, lambdas,
// conditional expressions) passes through a DepthGuard.
#include "vm/compiler/parser_internal.h"

#include "objects/abstract.h"
#include "objects/complex.h"
#include "objects/float.h"
#include "objects/int.h"

namespace weft::compiler {

namespace {
// Binary operator levels from loosest (0 = '|') to tightest (5 = '*' '/' ...).
struct BinaryOpRow {
  int level;
  Op tok;
  OperatorKind op;
};
constexpr BinaryOpRow kBinaryOps[] = {
    {0, Op::VBar, OperatorKind::BitOr},       {1, Op::Circumflex, OperatorKind::BitXor},
    {2, Op::Amper, OperatorKind::BitAnd},     {3, Op::LeftShift, OperatorKind::LShift},
    {3, Op::RightShift, OperatorKind::RShift}, {4, Op::Plus, OperatorKind::Add},
    {4, Op::Minus, OperatorKind::Sub},        {5, Op::Star, OperatorKind::Mult},
    {5, Op::Slash, OperatorKind::Div},        {5, Op::DoubleSlash, OperatorKind::FloorDiv},
    {5, Op::Percent, OperatorKind::Mod},      {5, Op::At, OperatorKind::MatMult},
};
constexpr int kTightestBinaryLevel = 5;
}  // namespace

Expr* Parser::parse_star_expressions() {
  Location start = start_loc(cur());
  Expr* first = parse_star_expression();
  if (!first) return nullptr;
  if (!at_op(Op::Comma)) return first;
  SeqBuilder<Expr*> elts(arena_);
  if (!push(elts, first)) return nullptr;
  while (accept_op(Op::Comma)) {
    if (at_kind(TokenKind::Newline) || at_op(Op::Equal) || at_op(Op::RPar) || at_op(Op::Semi) ||
        at_op(Op::Colon) || at_kw(Kw::kw_in) || at_op(Op::RSqb) || at_op(Op::RBrace) ||
        cur().kind == TokenKind::EndMarker || (cur().kind == TokenKind::Op && cur().op >= Op::PlusEqual && cur().op <= Op::DoubleSlashEqual && cur().op != Op::DoubleSlash))
      break;
    Expr* e = parse_star_expression();
    if (!e || !push(elts, e)) return nullptr;
  }
  return finish_tuple(start, elts);
}

Expr* Parser::parse_star_expression() {
  if (at_op(Op::Star)) {
    Location start = start_loc(advance());
    Expr* v = parse_bitwise_or();
    if (!v) return nullptr;
    Starred* s = node<Starred>(span(start));
    if (!s) return nullptr;
    s->value = v;
    s->ctx = ExprContext::Load;
    return s;
  }
  return parse_expression();
}

Expr* Parser::parse_expressions() {
  Location start = start_loc(cur());
  Expr* first = parse_expression();
  if (!first || !at_op(Op::Comma)) return first;
  SeqBuilder<Expr*> elts(arena_);
  if (!push(elts, first)) return nullptr;
  while (accept_op(Op::Comma)) {
    if (at_kind(TokenKind::Newline) || at_kind(TokenKind::EndMarker)) break;
    Expr* e = parse_expression();
    if (!e || !push(elts, e)) return nullptr;
  }
  return finish_tuple(start, elts);
}

Expr* Parser::parse_expression() {
  DepthGuard guard(*this);
  if (!guard.ok) return nullptr;
  if (at_kw(Kw::kw_lambda)) return parse_lambda();
  Location start = start_loc(cur());
  Expr* body = parse_disjunction();
  if (!body) return nullptr;
  if (!at_kw(Kw::kw_if)) return body;
  advance();
  Expr* test = parse_disjunction();
  if (!test) return nullptr;
  if (!at_kw(Kw::kw_else)) {
    if (failed_) return nullptr;
    return fail_span(body->loc, test->loc, "expected 'else' after 'if' expression");
  }
  advance();
  Expr* orelse = parse_expression();
  if (!orelse) return nullptr;
  IfExp* e = node<IfExp>(span(start));
  if (!e) return nullptr;
  e->test = test;
  e->body = body;
  e->orelse = orelse;
  return e;
}

Expr* Parser::parse_named_expression() {
  if (at_name() && peek(1).kind == TokenKind::Op && peek(1).op == Op::ColonEqual) {
    const Token& n = advance();
    Location start = start_loc(n);
    Name* target = node<Name>(span(start));
    if (!target) return nullptr;
    target->id = ident(n.text);
    target->ctx = ExprContext::Store;
    advance();  // ':='
    Expr* value = parse_expression();
    if (!value) return nullptr;
    NamedExpr* e = node<NamedExpr>(span(start));
    if (!e) return nullptr;
    e->target = target;
    e->value = value;
    return e;
  }
  Expr* e = parse_expression();
  if (e && at_op(Op::ColonEqual)) {
    return fail_loc(e->loc, std::string("cannot use assignment expressions with ") + expr_description(e));
  }
  return e;
}

Expr* Parser::parse_star_named_expression() {
  if (at_op(Op::Star)) {
    Location start = start_loc(advance());
    Expr* v = parse_bitwise_or();
    if (!v) return nullptr;
    Starred* s = node<Starred>(span(start));
    if (!s) return nullptr;
    s->value = v;
    s->ctx = ExprContext::Load;
    return s;
  }
  return parse_named_expression();
}

// disjunction: conjunction ('or' conjunction)*  /  conjunction: inversion ('and' inversion)*
// One BoolOp holds every operand of a chain of the same operator.
Expr* Parser::parse_bool_chain(Kw keyword, BoolOpKind kind, Expr* (Parser::*operand)()) {
  Location start = start_loc(cur());
  Expr* first = (this->*operand)();
  if (!first || !at_kw(keyword)) return first;
  SeqBuilder<Expr*> values(arena_);
  if (!push(values, first)) return nullptr;
  while (accept_kw(keyword)) {
    Expr* e = (this->*operand)();
    if (!e || !push(values, e)) return nullptr;
  }
  BoolOp* b = node<BoolOp>(span(start));
  if (!b) return nullptr;
  b->op = kind;
  b->values = values.finish();
  return b;
}

Expr* Parser::parse_disjunction() {
  return parse_bool_chain(Kw::kw_or, BoolOpKind::Or, &Parser::parse_conjunction);
}

Expr* Parser::parse_conjunction() {
  return parse_bool_chain(Kw::kw_and, BoolOpKind::And, &Parser::parse_inversion);
}

Expr* Parser::parse_inversion() {
  if (!at_kw(Kw::kw_not)) return parse_comparison();
  DepthGuard guard(*this);
  if (!guard.ok) return nullptr;
  Location start = start_loc(advance());
  Expr* operand = parse_inversion();
  if (!operand) return nullptr;
  UnaryOp* u = node<UnaryOp>(span(start));
  if (!u) return nullptr;
  u->op = UnaryOpKind::Not;
  u->operand = operand;
  return u;
}

Expr* Parser::parse_comparison() {
  Location start = start_loc(cur());
  Expr* left = parse_bitwise_or();
  if (!left) return nullptr;
  SeqBuilder<CmpOpKind> ops(arena_);
  SeqBuilder<Expr*> comparators(arena_);
  for (;;) {
    CmpOpKind op;
    const Token& t = cur();
    if (t.kind == TokenKind::Op) {
      switch (t.op) {
        case Op::EqEqual: op = CmpOpKind::Eq; break;
        case Op::NotEqual: op = CmpOpKind::NotEq; break;
        case Op::Less: op = CmpOpKind::Lt; break;
        case Op::LessEqual: op = CmpOpKind::LtE; break;
        case Op::Greater: op = CmpOpKind::Gt; break;
        case Op::GreaterEqual: op = CmpOpKind::GtE; break;
        default: goto done;
      }
      advance();
    } else if (t.kind == TokenKind::Name && t.keyword == Kw::kw_in) {
      op = CmpOpKind::In;
      advance();
    } else if (t.kind == TokenKind::Name && t.keyword == Kw::kw_is) {
      advance();
      op = accept_kw(Kw::kw_not) ? CmpOpKind::IsNot : CmpOpKind::Is;
    } else if (t.kind == TokenKind::Name && t.keyword == Kw::kw_not &&
               peek(1).kind == TokenKind::Name && peek(1).keyword == Kw::kw_in) {
      advance();
      advance();
      op = CmpOpKind::NotIn;
    } else {
      break;
    }
    Expr* right = parse_bitwise_or();
    if (!right) return nullptr;
    if (!push(ops, op) || !push(comparators, right)) return nullptr;
  }
done:
  if (ops.size() == 0) return left;
  Compare* c = node<Compare>(span(start));
  if (!c) return nullptr;
  c->left = left;
  c->ops = ops.finish();
  c->comparators = comparators.finish();
  return c;
}

Expr* Parser::parse_bitwise_or() { return parse_binary(0); }

Expr* Parser::parse_binary(int level) {
  if (level > kTightestBinaryLevel) return parse_factor();
  Location start = start_loc(cur());
  Expr* left = parse_binary(level + 1);
  if (!left) return nullptr;
  for (;;) {
    const Token& t = cur();
    if (t.kind != TokenKind::Op) return left;
    const BinaryOpRow* row = nullptr;
    for (const BinaryOpRow& r : kBinaryOps)
      if (r.level == level && r.tok == t.op) row = &r;
    if (!row) return left;
    advance();
    Expr* right = parse_binary(level + 1);
    if (!right) return nullptr;
    BinOp* b = node<BinOp>(span(start));
    if (!b) return nullptr;
    b->left = left;
    b->op = row->op;
    b->right = right;
    left = b;
  }
}

Expr* Parser::parse_factor() {
  const Token& t = cur();
  if (t.kind == TokenKind::Op && (t.op == Op::Plus || t.op == Op::Minus || t.op == Op::Tilde)) {
    DepthGuard guard(*this);
    if (!guard.ok) return nullptr;
    UnaryOpKind op = t.op == Op::Plus ? UnaryOpKind::UAdd : t.op == Op::Minus ? UnaryOpKind::USub : UnaryOpKind::Invert;
    Location start = start_loc(advance());
    Expr* operand = parse_factor();
    if (!operand) return nullptr;
    UnaryOp* u = node<UnaryOp>(span(start));
    if (!u) return nullptr;
    u->op = op;
    u->operand = operand;
    return u;
  }
  return parse_power();
}

Expr* Parser::parse_power() {
  Location start = start_loc(cur());
  Expr* base = parse_await_primary();
  if (!base || !at_op(Op::DoubleStar)) return base;
  advance();
  Expr* exp = parse_factor();
  if (!exp) return nullptr;
  BinOp* b = node<BinOp>(span(start));
  if (!b) return nullptr;
  b->left = base;
  b->op = OperatorKind::Pow;
  b->right = exp;
  return b;
}

Expr* Parser::parse_await_primary() {
  if (!at_kw(Kw::kw_await)) return parse_primary();
  Location start = start_loc(advance());
  Expr* v = parse_primary();
  if (!v) return nullptr;
  Await* a = node<Await>(span(start));
  if (!a) return nullptr;
  a->value = v;
  return a;
}

Expr* Parser::parse_primary(bool allow_call) {
  Location start = start_loc(cur());
  Expr* e = parse_atom();
  if (!e) return nullptr;
  for (;;) {
    if (at_op(Op::Dot)) {
      advance();
      if (!at_name()) return invalid_syntax();
      const Token& n = advance();
      Attribute* a = node<Attribute>(span(start));
      if (!a) return nullptr;
      a->value = e;
      a->attr = ident(n.text);
      a->ctx = ExprContext::Load;
      e = a;
    } else if (at_op(Op::LPar) && allow_call) {
      Location s = e->loc;
      e = parse_call(e);
      if (!e) return nullptr;
      e->loc = span(s);
    } else if (at_op(Op::LSqb)) {
      advance();
      Expr* slice = parse_slices();
      if (!slice) return nullptr;
      if (!expect_op(Op::RSqb)) return nullptr;
      Subscript* s = node<Subscript>(span(start));
      if (!s) return nullptr;
      s->value = e;
      s->slice = slice;
      s->ctx = ExprContext::Load;
      e = s;
    } else {
      return e;
    }
  }
}

// After a first element: `, element` repeated until `closer` (not consumed; a trailing comma
// before it is allowed). The shared tail of tuple, list, set and subscript displays.
bool Parser::parse_comma_tail(SeqBuilder<Expr*>& elts, Expr* (Parser::*element)(), Op closer) {
  while (accept_op(Op::Comma)) {
    if (at_op(closer)) break;
    Expr* e = (this->*element)();
    if (!e || !push(elts, e)) return false;
  }
  return true;
}

// A Load-context tuple of `elts`, spanning from `start` to the last token read.
Expr* Parser::finish_tuple(const Location& start, SeqBuilder<Expr*>& elts) {
  Tuple* t = node<Tuple>(span(start));
  if (!t) return nullptr;
  t->elts = elts.finish();
  t->ctx = ExprContext::Load;
  return t;
}

// Inside '[' ... ']': a single slice/expression, or a tuple of them.
Expr* Parser::parse_slices() {
  Location start = start_loc(cur());
  Expr* first = parse_slice();
  if (!first || !at_op(Op::Comma)) return first;
  SeqBuilder<Expr*> elts(arena_);
  if (!push(elts, first)) return nullptr;
  if (!parse_comma_tail(elts, &Parser::parse_slice, Op::RSqb)) return nullptr;
  return finish_tuple(start, elts);
}

Expr* Parser::parse_slice() {
  Location start = start_loc(cur());
  if (at_op(Op::Star)) return parse_star_expression();
  Expr* lower = nullptr;
  if (!at_op(Op::Colon)) {
    lower = parse_named_expression();
    if (!lower) return nullptr;
    if (!at_op(Op::Colon)) return lower;
  }
  advance();  // ':'
  Expr* upper = nullptr;
  Expr* step = nullptr;
  if (!at_op(Op::Colon) && !at_op(Op::Comma) && !at_op(Op::RSqb)) {
    upper = parse_expression();
    if (!upper) return nullptr;
  }
  if (accept_op(Op::Colon)) {
    if (!at_op(Op::Comma) && !at_op(Op::RSqb)) {
      step = parse_expression();
      if (!step) return nullptr;
    }
  }
  Slice* s = node<Slice>(span(start));
  if (!s) return nullptr;
  s->lower = lower;
  s->upper = upper;
  s->step = step;
  return s;
}

// '(' arguments ')' after `func`.
Expr* Parser::parse_call(Expr* func) {
  advance();  // '('
  SeqBuilder<Expr*> args(arena_);
  SeqBuilder<Keyword*> keywords(arena_);
  bool seen_keyword = false, seen_double_star = false;
  const char* misplaced_positional = nullptr;  // reported at the token after the arguments
  while (!at_op(Op::RPar)) {
    const Token& t = cur();
    Location as = start_loc(t);
    if (t.kind == TokenKind::Op && t.op == Op::DoubleStar) {
      advance();
      Expr* v = parse_expression();
      if (!v) return nullptr;
      Keyword* k = plain<Keyword>();
      if (!k) return nullptr;
      k->value = v;
      k->loc = span(as);
      if (!push(keywords, k)) return nullptr;
      seen_double_star = true;
    } else if (t.kind == TokenKind::Op && t.op == Op::Star) {
      Expr* s = parse_star_expression();
      if (!s) return nullptr;
      if (seen_double_star)
        return fail_loc(s->loc, "iterable argument unpacking follows keyword argument unpacking");
      if (!push(args, s)) return nullptr;
    } else if (at_name() && peek(1).kind == TokenKind::Op && peek(1).op == Op::Equal) {
      const Token& n = advance();
      advance();  // '='
      Expr* v = parse_expression();
      if (!v) return nullptr;
      Keyword* k = plain<Keyword>();
      if (!k) return nullptr;
      k->arg = ident(n.text);
      k->value = v;
      k->loc = span(as);
      if (!push(keywords, k)) return nullptr;
      seen_keyword = true;
    } else {
      Expr* e = parse_named_expression();
      if (!e) return nullptr;
      if (at_op(Op::Equal)) {
        return fail_span(e->loc, e->loc, "expression cannot contain assignment, perhaps you meant \"==\"?");
      }
      if (at_kw(Kw::kw_for) || at_kw(Kw::kw_async)) {
        Seq<Comprehension*> gens = parse_comprehension_clauses();
        if (failed_) return nullptr;
        GeneratorExp* g = node<GeneratorExp>(span(as));
        if (!g) return nullptr;
        g->elt = e;
        g->generators = gens;
        if (args.size() + keywords.size() > 0 || !at_op(Op::RPar)) {
          if (args.size() + keywords.size() == 0 && at_op(Op::Comma) && peek(1).kind == TokenKind::Op && peek(1).op == Op::RPar) {
            // f(x for x in y,) is allowed
          } else {
            return fail_span(g->loc, g->loc, "Generator expression must be parenthesized");
          }
        }
        // The sole-argument genexp spans the call's parentheses.
        g->loc.col_offset = func->loc.end_col_offset;
        g->loc.lineno = func->loc.end_lineno;
        e = g;
      }
      // CPython reports these at the token where its argument rule gives up: the closing
      // parenthesis (or whatever follows the last argument), so the message waits for it.
      if (!misplaced_positional) {
        if (seen_double_star) {
          misplaced_positional = "positional argument follows keyword argument unpacking";
        } else if (seen_keyword) {
          misplaced_positional = "positional argument follows keyword argument";
        }
      }
      if (!push(args, e)) return nullptr;
    }
    if (!accept_op(Op::Comma)) break;
  }
  if (misplaced_positional) return fail_at(cur(), misplaced_positional);
  if (!at_op(Op::RPar)) return invalid_syntax();
  advance();
  if (args.size() == 1 && args[0]->kind == ExprKind::GeneratorExp) {
    args[0]->loc.end_lineno = prev().end_lineno;
    args[0]->loc.end_col_offset = prev().end_col_offset;
  }
  Call* c = node<Call>(span(func->loc));
  if (!c) return nullptr;
  c->func = func;
  c->args = args.finish();
  c->keywords = keywords.finish();
  return c;
}

Expr* Parser::parse_atom() {
  DepthGuard guard(*this);
  if (!guard.ok) return nullptr;
  const Token& t = cur();
  Location start = start_loc(t);
  switch (t.kind) {
    case TokenKind::Name: {
      Object* singleton = nullptr;
      switch (t.keyword) {
        case Kw::NotKeyword: {
          advance();
          Name* n = node<Name>(span(start));
          if (!n) return nullptr;
          n->id = ident(t.text);
          n->ctx = ExprContext::Load;
          return n;
        }
        case Kw::kw_None: singleton = none(); break;
        case Kw::kw_True: singleton = py_true(); break;
        case Kw::kw_False: singleton = py_false(); break;
        default: return invalid_syntax();
      }
      advance();
      Constant* c = node<Constant>(span(start));
      if (!c) return nullptr;
      c->value = constant(new_ref(singleton));
      return c->value ? c : nullptr;
    }
    case TokenKind::Number: {
      advance();
      std::string digits;
      for (char ch : t.text)
        if (ch != '_') digits += ch;
      Result<Ref<Object>> value = Error{};
      char last = digits.back();
      bool is_hex = digits.size() > 1 && (digits[1] == 'x' || digits[1] == 'X');
      if (last == 'j' || last == 'J') {
        // An imaginary literal: complex(0, float(digits)).
        digits.pop_back();
        value = float_from_string(digits);
        if (value) value = complex_from_doubles(0.0, float_value(value.value().get()));
      } else if (!is_hex && digits.find_first_of(".eE") != std::string::npos) {
        value = float_from_string(digits);
      } else {
        value = int_from_string(digits, 0);
      }
      Constant* c = node<Constant>(span(start));
      if (!c) return nullptr;
      c->value = constant(std::move(value));
      return c->value ? c : nullptr;
    }
    case TokenKind::String:
    case TokenKind::FStringStart:
    case TokenKind::TStringStart:
      return parse_strings();
    case TokenKind::Op:
      switch (t.op) {
        case Op::LPar: return parse_paren_atom();
        case Op::LSqb: return parse_list_atom();
        case Op::LBrace: return parse_brace_atom();
        case Op::Ellipsis: {
          advance();
          Constant* c = node<Constant>(span(start));
          if (!c) return nullptr;
          c->value = constant(new_ref(&EllipsisObject));
          return c->value ? c : nullptr;
        }
        default: break;
      }
      break;
    default:
      break;
  }
  return invalid_syntax();
}

// '(' ... ')': empty tuple, parenthesised expression, tuple, generator expression, yield.
Expr* Parser::parse_paren_atom() {
  Location start = start_loc(advance());
  if (accept_op(Op::RPar)) {
    Tuple* t = node<Tuple>(span(start));
    if (t) t->ctx = ExprContext::Load;
    return t;
  }
  if (at_kw(Kw::kw_yield)) {
    Expr* y = parse_yield_expr();
    if (!y || !expect_op(Op::RPar)) return nullptr;
    return y;
  }
  Expr* first = parse_star_named_expression();
  if (!first) return nullptr;
  if (at_kw(Kw::kw_for) || at_kw(Kw::kw_async)) {
    Seq<Comprehension*> gens = parse_comprehension_clauses();
    if (failed_ || !expect_op(Op::RPar)) return nullptr;
    GeneratorExp* g = node<GeneratorExp>(span(start));
    if (!g) return nullptr;
    g->elt = first;
    g->generators = gens;
    return g;
  }
  if (accept_op(Op::RPar)) {
    if (first->kind == ExprKind::Starred) return fail_loc(first->loc, "cannot use starred expression here");
    return first;
  }
  if (!at_op(Op::Comma)) {
    if (at_op(Op::Equal) && first->kind != ExprKind::Starred)
      return fail_loc(first->loc, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    return invalid_syntax();
  }
  SeqBuilder<Expr*> elts(arena_);
  if (!push(elts, first)) return nullptr;
  if (!parse_comma_tail(elts, &Parser::parse_star_named_expression, Op::RPar)) return nullptr;
  if (!expect_op(Op::RPar)) return nullptr;
  return finish_tuple(start, elts);
}

Expr* Parser::parse_list_atom() {
  Location start = start_loc(advance());
  SeqBuilder<Expr*> elts(arena_);
  if (!at_op(Op::RSqb)) {
    Expr* first = parse_star_named_expression();
    if (!first) return nullptr;
    if (at_kw(Kw::kw_for) || at_kw(Kw::kw_async)) {
      Seq<Comprehension*> gens = parse_comprehension_clauses();
      if (failed_ || !expect_op(Op::RSqb)) return nullptr;
      ListComp* l = node<ListComp>(span(start));
      if (!l) return nullptr;
      l->elt = first;
      l->generators = gens;
      return l;
    }
    if (!push(elts, first)) return nullptr;
    if (!parse_comma_tail(elts, &Parser::parse_star_named_expression, Op::RSqb)) return nullptr;
  }
  if (!expect_op(Op::RSqb)) return nullptr;
  List* l = node<List>(span(start));
  if (!l) return nullptr;
  l->elts = elts.finish();
  l->ctx = ExprContext::Load;
  return l;
}

Expr* Parser::parse_brace_atom() {
  Location start = start_loc(advance());
  if (accept_op(Op::RBrace)) {
    Dict* d = node<Dict>(span(start));
    return d;
  }
  // Dict: first item is `key: value` or `**mapping`.
  Expr* first_key = nullptr;
  Expr* first_value = nullptr;
  if (at_op(Op::DoubleStar)) {
    advance();
    first_value = parse_bitwise_or();
    if (!first_value) return nullptr;
  } else {
    Expr* e = parse_star_named_expression();
    if (!e) return nullptr;
    if (!accept_op(Op::Colon)) {
      // A set display or set comprehension.
      if (at_kw(Kw::kw_for) || at_kw(Kw::kw_async)) {
        Seq<Comprehension*> gens = parse_comprehension_clauses();
        if (failed_ || !expect_op(Op::RBrace)) return nullptr;
        SetComp* s = node<SetComp>(span(start));
        if (!s) return nullptr;
        s->elt = e;
        s->generators = gens;
        return s;
      }
      SeqBuilder<Expr*> elts(arena_);
      if (!push(elts, e)) return nullptr;
      if (!parse_comma_tail(elts, &Parser::parse_star_named_expression, Op::RBrace)) return nullptr;
      if (!expect_op(Op::RBrace)) return nullptr;
      Set* s = node<Set>(span(start));
      if (!s) return nullptr;
      s->elts = elts.finish();
      return s;
    }
    first_key = e;
    first_value = parse_expression();
    if (!first_value) return nullptr;
    if (at_kw(Kw::kw_for) || at_kw(Kw::kw_async)) {
      Seq<Comprehension*> gens = parse_comprehension_clauses();
      if (failed_ || !expect_op(Op::RBrace)) return nullptr;
      DictComp* d = node<DictComp>(span(start));
      if (!d) return nullptr;
      d->key = first_key;
      d->value = first_value;
      d->generators = gens;
      return d;
    }
  }
  SeqBuilder<Expr*> keys(arena_), values(arena_);
  if (!push(keys, first_key) || !push(values, first_value)) return nullptr;
  while (accept_op(Op::Comma)) {
    if (at_op(Op::RBrace)) break;
    if (accept_op(Op::DoubleStar)) {
      Expr* v = parse_bitwise_or();
      if (!v || !push(keys, static_cast<Expr*>(nullptr)) || !push(values, v)) return nullptr;
      continue;
    }
    Expr* k = parse_expression();
    if (!k) return nullptr;
    if (!at_op(Op::Colon)) {
      if (at_op(Op::Comma) || at_op(Op::RBrace))
        return fail_span(k->loc, {k->loc.lineno, -1, k->loc.lineno, -1}, "':' expected after dictionary key");
      return invalid_syntax();
    }
    advance();
    Expr* v = parse_expression();
    if (!v || !push(keys, k) || !push(values, v)) return nullptr;
  }
  if (!expect_op(Op::RBrace)) return nullptr;
  Dict* d = node<Dict>(span(start));
  if (!d) return nullptr;
  d->keys = keys.finish();
  d->values = values.finish();
  return d;
}

Seq<Comprehension*> Parser::parse_comprehension_clauses() {
  SeqBuilder<Comprehension*> gens(arena_);
  while (at_kw(Kw::kw_for) || (at_kw(Kw::kw_async) && peek(1).keyword == Kw::kw_for)) {
    Comprehension* c = plain<Comprehension>();
    if (!c) return {};
    if (accept_kw(Kw::kw_async)) c->is_async = 1;
    advance();  // 'for'
    c->target = parse_star_targets_for();
    if (!c->target) return {};
    if (!at_kw(Kw::kw_in)) { invalid_syntax(); return {}; }
    advance();
    c->iter = parse_disjunction();
    if (!c->iter) return {};
    SeqBuilder<Expr*> ifs(arena_);
    while (accept_kw(Kw::kw_if)) {
      Expr* cond = parse_disjunction();
      if (!cond || !push(ifs, cond)) return {};
    }
    c->ifs = ifs.finish();
    if (!push(gens, c)) return {};
  }
  return gens.finish();
}

// The target of `for ... in`, `as` in with-items and comprehensions: star_targets, which must
// stop before `in` (so it is parsed at the bitwise-or level, not as a comparison).
Expr* Parser::parse_star_targets_for() {
  Location start = start_loc(cur());
  SeqBuilder<Expr*> elts(arena_);
  bool comma = false;
  for (;;) {
    Expr* e;
    if (at_op(Op::Star)) {
      Location s = start_loc(advance());
      Expr* v = parse_bitwise_or();
      if (!v) return nullptr;
      Starred* st = node<Starred>(span(s));
      if (!st) return nullptr;
      st->value = v;
      e = st;
    } else {
      e = parse_bitwise_or();
      if (!e) return nullptr;
    }
    if (!push(elts, e)) return nullptr;
    if (!at_op(Op::Comma)) break;
    advance();
    comma = true;
    if (at_kw(Kw::kw_in) || at_op(Op::Colon) || at_op(Op::Equal) || at_op(Op::RPar) || at_op(Op::Comma)) break;
  }
  Expr* target = elts[0];
  if (comma) {
    Tuple* t = node<Tuple>(span(start));
    if (!t) return nullptr;
    t->elts = elts.finish();
    target = t;
  }
  if (!set_context(target, ExprContext::Store)) return nullptr;
  return target;
}

Expr* Parser::parse_lambda() {
  Location start = start_loc(advance());
  Arguments* args = at_op(Op::Colon) ? empty_arguments() : parse_parameters(Op::Colon, true);
  if (!args) return nullptr;
  if (!expect_op(Op::Colon)) return nullptr;
  Expr* body = parse_expression();
  if (!body) return nullptr;
  Lambda* l = node<Lambda>(span(start));
  if (!l) return nullptr;
  l->args = args;
  l->body = body;
  return l;
}

Expr* Parser::parse_yield_expr() {
  Location start = start_loc(advance());
  if (accept_kw(Kw::kw_from)) {
    Expr* v = parse_expression();
    if (!v) return nullptr;
    YieldFrom* y = node<YieldFrom>(span(start));
    if (y) y->value = v;
    return y;
  }
  Expr* v = nullptr;
  if (!at_kind(TokenKind::Newline) && !at_op(Op::RPar) && !at_op(Op::RSqb) && !at_op(Op::RBrace) &&
      !at_op(Op::Semi) && !at_op(Op::Equal) && !at_kind(TokenKind::EndMarker)) {
    v = parse_star_expressions();
    if (!v) return nullptr;
  }
  Yield* y = node<Yield>(span(start));
  if (y) y->value = v;
  return y;
}

}  // namespace weft::compiler
