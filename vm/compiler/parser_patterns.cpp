// vm/compiler/parser_patterns.cpp — the `match` statement (PEP 634) and its patterns.
//
// `match` is a soft keyword: try_parse_match() parses speculatively and backs out (restoring
// the token position and error state) unless the line reads `match <subject>:` NEWLINE INDENT
// `case`, so `match = 1` and `match(x)` stay ordinary statements.
#include "vm/compiler/parser_internal.h"

#include "objects/abstract.h"
#include "objects/int.h"

namespace weft::compiler {

Stmt* Parser::try_parse_match() {
  size_t m = mark();
  bool was_failed = failed_;
  SyntaxErrorInfo saved = err_;
  auto back_out = [&]() -> Stmt* {
    if (tokenizer_done_ && failed_ && !was_failed) return nullptr;  // a lexical error stands
    reset(m);
    failed_ = was_failed;
    err_ = saved;
    return nullptr;
  };
  const Token& kw = advance();
  Location start = start_loc(kw);
  if (at_kind(TokenKind::Newline) || at_op(Op::Equal) || at_op(Op::Dot) || at_op(Op::Colon) ||
      (cur().kind == TokenKind::Op && cur().op >= Op::PlusEqual && cur().op <= Op::DoubleSlashEqual && cur().op != Op::DoubleSlash))
    return back_out();
  Location subject_start = start_loc(cur());
  Expr* subject = parse_star_named_expression();
  if (!subject) return back_out();
  if (at_op(Op::Comma)) {
    subject = parse_star_named_expressions_tuple(subject_start, subject);
    if (!subject) return back_out();
  }
  if (!at_op(Op::Colon) || peek(1).kind != TokenKind::Newline) return back_out();
  advance();
  advance();
  if (!at_kind(TokenKind::Indent)) {
    return fail_at(cur(), "expected an indented block after 'match' statement on line " + std::to_string(kw.lineno),
                   SyntaxErrorKind::IndentationError);
  }
  advance();
  SeqBuilder<MatchCase*> cases(arena_);
  while (at_soft("case")) {
    const Token& ck = advance();
    MatchCase* c = plain<MatchCase>();
    if (!c) return nullptr;
    c->pattern = parse_patterns();
    if (!c->pattern) return nullptr;
    if (accept_kw(Kw::kw_if)) {
      c->guard = parse_named_expression();
      if (!c->guard) return nullptr;
    }
    c->body = parse_block("'case' statement", ck.lineno);
    if (failed_ || !push(cases, c)) return nullptr;
  }
  if (cases.size() == 0) return invalid_syntax();
  if (!at_kind(TokenKind::Dedent)) return invalid_syntax();
  advance();
  Match* s = node<Match>(span(start));
  if (!s) return nullptr;
  s->subject = subject;
  s->cases = cases.finish();
  return s;
}

Expr* Parser::parse_star_named_expressions_tuple(const Location& start, Expr* first) {
  SeqBuilder<Expr*> elts(arena_);
  if (!push(elts, first)) return nullptr;
  if (!parse_comma_tail(elts, &Parser::parse_star_named_expression, Op::Colon)) return nullptr;
  return finish_tuple(start, elts);
}

// patterns: open_sequence_pattern | pattern
Pattern* Parser::parse_patterns() {
  Location start = start_loc(cur());
  Pattern* first = parse_pattern();
  if (!first || !at_op(Op::Comma)) return first;
  SeqBuilder<Pattern*> items(arena_);
  if (!push(items, first)) return nullptr;
  while (accept_op(Op::Comma)) {
    if (at_op(Op::Colon) || at_kw(Kw::kw_if)) break;
    Pattern* p = parse_pattern();
    if (!p || !push(items, p)) return nullptr;
  }
  MatchSequence* seq = node<MatchSequence>(span(start));
  if (seq) seq->patterns = items.finish();
  return seq;
}

// pattern: or_pattern ['as' NAME] | '*' NAME (inside sequences)
Pattern* Parser::parse_pattern() {
  DepthGuard guard(*this);
  if (!guard.ok) return nullptr;
  Location start = start_loc(cur());
  if (at_op(Op::Star)) {
    advance();
    if (!at_name()) return invalid_syntax();
    const Token& n = advance();
    MatchStar* s = node<MatchStar>(span(start));
    if (s && n.text != "_") s->name = ident(n.text);
    return s;
  }
  Pattern* p = parse_or_pattern();
  if (!p) return nullptr;
  if (accept_kw(Kw::kw_as)) {
    if (!at_name()) return invalid_syntax();
    const Token& n = advance();
    if (n.text == "_") return fail_at(n, "cannot use '_' as a target");
    MatchAs* as = node<MatchAs>(span(start));
    if (!as) return nullptr;
    as->pattern = p;
    as->name = ident(n.text);
    return as;
  }
  return p;
}

Pattern* Parser::parse_or_pattern() {
  Location start = start_loc(cur());
  Pattern* first = parse_closed_pattern();
  if (!first || !at_op(Op::VBar)) return first;
  SeqBuilder<Pattern*> alts(arena_);
  if (!push(alts, first)) return nullptr;
  while (accept_op(Op::VBar)) {
    Pattern* p = parse_closed_pattern();
    if (!p || !push(alts, p)) return nullptr;
  }
  MatchOr* o = node<MatchOr>(span(start));
  if (o) o->patterns = alts.finish();
  return o;
}

// A literal value in a pattern: strings, signed numbers, `a + bj` complex forms.
Expr* Parser::parse_pattern_value_expr() {
  if (at_kind(TokenKind::String) || at_kind(TokenKind::FStringStart) || at_kind(TokenKind::TStringStart)) {
    Expr* e = parse_strings();
    if (e && e->kind != ExprKind::Constant) return fail_loc(e->loc, "patterns may only match literals and attribute lookups");
    return e;
  }
  Location start = start_loc(cur());
  Expr* e;
  if (at_op(Op::Minus)) {
    advance();
    if (!at_kind(TokenKind::Number)) return invalid_syntax();
    Expr* num = parse_atom();
    if (!num) return nullptr;
    UnaryOp* u = node<UnaryOp>(span(start));
    if (!u) return nullptr;
    u->op = UnaryOpKind::USub;
    u->operand = num;
    e = u;
  } else {
    e = parse_atom();
    if (!e) return nullptr;
  }
  if (at_op(Op::Plus) || at_op(Op::Minus)) {
    OperatorKind op = at_op(Op::Plus) ? OperatorKind::Add : OperatorKind::Sub;
    advance();
    if (!at_kind(TokenKind::Number)) return invalid_syntax();
    Expr* imag = parse_atom();
    if (!imag) return nullptr;
    BinOp* b = node<BinOp>(span(start));
    if (!b) return nullptr;
    b->left = e;
    b->op = op;
    b->right = imag;
    e = b;
  }
  return e;
}

Pattern* Parser::parse_closed_pattern() {
  const Token& t = cur();
  Location start = start_loc(t);
  // Literals.
  if (t.kind == TokenKind::Number || t.kind == TokenKind::String || t.kind == TokenKind::FStringStart ||
      t.kind == TokenKind::TStringStart || (t.kind == TokenKind::Op && t.op == Op::Minus)) {
    Expr* v = parse_pattern_value_expr();
    if (!v) return nullptr;
    MatchValue* mv = node<MatchValue>(span(start));
    if (mv) mv->value = v;
    return mv;
  }
  if (t.kind == TokenKind::Name && (t.keyword == Kw::kw_None || t.keyword == Kw::kw_True ||
                                    t.keyword == Kw::kw_False)) {
    Object* v = t.keyword == Kw::kw_None ? none() : t.keyword == Kw::kw_True ? py_true() : py_false();
    advance();
    MatchSingleton* ms = node<MatchSingleton>(span(start));
    if (ms) ms->value = v;
    return ms;
  }
  // Captures, wildcards, value patterns (dotted names) and class patterns.
  if (at_name()) {
    const Token& n = advance();
    Expr* name_expr = nullptr;
    if (at_op(Op::Dot) || at_op(Op::LPar)) {
      Name* nm = node<Name>(span(start));
      if (!nm) return nullptr;
      nm->id = ident(n.text);
      nm->ctx = ExprContext::Load;
      name_expr = nm;
      while (accept_op(Op::Dot)) {
        if (!at_name()) return invalid_syntax();
        const Token& a = advance();
        Attribute* at = node<Attribute>(span(start));
        if (!at) return nullptr;
        at->value = name_expr;
        at->attr = ident(a.text);
        at->ctx = ExprContext::Load;
        name_expr = at;
      }
    }
    if (!name_expr) {
      MatchAs* as = node<MatchAs>(span(start));
      if (as && n.text != "_") as->name = ident(n.text);
      return as;
    }
    if (!at_op(Op::LPar)) {
      MatchValue* mv = node<MatchValue>(span(start));
      if (mv) mv->value = name_expr;
      return mv;
    }
    advance();  // '('
    SeqBuilder<Pattern*> patterns(arena_), kwd_patterns(arena_);
    SeqBuilder<Identifier> kwd_attrs(arena_);
    while (!at_op(Op::RPar)) {
      if (at_name() && peek(1).kind == TokenKind::Op && peek(1).op == Op::Equal) {
        const Token& k = advance();
        advance();
        Pattern* p = parse_pattern();
        if (!p || !push(kwd_attrs, ident(k.text)) || !push(kwd_patterns, p)) return nullptr;
      } else {
        Pattern* p = parse_pattern();
        if (!p) return nullptr;
        if (kwd_attrs.size() > 0) return fail_loc(p->loc, "positional patterns follow keyword patterns");
        if (!push(patterns, p)) return nullptr;
      }
      if (!accept_op(Op::Comma)) break;
    }
    if (!expect_op(Op::RPar)) return nullptr;
    MatchClass* mc = node<MatchClass>(span(start));
    if (!mc) return nullptr;
    mc->cls = name_expr;
    mc->patterns = patterns.finish();
    mc->kwd_attrs = kwd_attrs.finish();
    mc->kwd_patterns = kwd_patterns.finish();
    return mc;
  }
  // Groups and sequences.
  if (t.kind == TokenKind::Op && (t.op == Op::LPar || t.op == Op::LSqb)) {
    Op closer = t.op == Op::LPar ? Op::RPar : Op::RSqb;
    advance();
    SeqBuilder<Pattern*> items(arena_);
    bool comma = false;
    while (!at_op(closer)) {
      Pattern* p = parse_pattern();
      if (!p || !push(items, p)) return nullptr;
      if (!accept_op(Op::Comma)) break;
      comma = true;
    }
    if (!expect_op(closer)) return nullptr;
    if (closer == Op::RPar && items.size() == 1 && !comma && items[0]->kind != PatternKind::MatchStar)
      return items[0];  // a parenthesised pattern
    MatchSequence* seq = node<MatchSequence>(span(start));
    if (seq) seq->patterns = items.finish();
    return seq;
  }
  // Mappings.
  if (t.kind == TokenKind::Op && t.op == Op::LBrace) {
    advance();
    SeqBuilder<Expr*> keys(arena_);
    SeqBuilder<Pattern*> values(arena_);
    Identifier rest;
    while (!at_op(Op::RBrace)) {
      if (accept_op(Op::DoubleStar)) {
        if (!at_name()) return invalid_syntax();
        rest = ident(advance().text);
        accept_op(Op::Comma);
        break;
      }
      Expr* key;
      if (at_name()) {
        Location ks = start_loc(cur());
        Expr* e = nullptr;
        Name* nm = node<Name>(span(ks));
        if (!nm) return nullptr;
        nm->id = ident(advance().text);
        nm->ctx = ExprContext::Load;
        e = nm;
        if (!at_op(Op::Dot)) return fail_loc(e->loc, "mapping pattern keys may only match literals and attribute lookups");
        while (accept_op(Op::Dot)) {
          if (!at_name()) return invalid_syntax();
          Attribute* at = node<Attribute>(span(ks));
          if (!at) return nullptr;
          at->value = e;
          at->attr = ident(advance().text);
          at->ctx = ExprContext::Load;
          at->loc = span(ks);
          e = at;
        }
        key = e;
      } else if (at_kw(Kw::kw_None) || at_kw(Kw::kw_True) || at_kw(Kw::kw_False)) {
        key = parse_atom();
      } else {
        key = parse_pattern_value_expr();
      }
      if (!key) return nullptr;
      if (!expect_op(Op::Colon)) return nullptr;
      Pattern* p = parse_pattern();
      if (!p || !push(keys, key) || !push(values, p)) return nullptr;
      if (!accept_op(Op::Comma)) break;
    }
    if (!expect_op(Op::RBrace)) return nullptr;
    MatchMapping* mm = node<MatchMapping>(span(start));
    if (!mm) return nullptr;
    mm->keys = keys.finish();
    mm->patterns = values.finish();
    mm->rest = rest;
    return mm;
  }
  return invalid_syntax();
}

}  // namespace weft::compiler
