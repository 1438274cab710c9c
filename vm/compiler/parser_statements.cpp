// vm/compiler/parser_statements.cpp — statements: simple statements, blocks and every compound
// statement (if/while/for/with/try/def/class/decorators), imports, and the soft-keyword
// statements `type` (parsed here) and `match` (patterns in parser_patterns.cpp).
//
// Statement dispatch is by the first token; expression statements and all assignment forms
// are parsed as an expression first and then converted to targets (parser_targets.cpp), which
// is how the PEG grammar's invalid_* rules produce their messages.
#include "vm/compiler/parser_internal.h"

namespace weft::compiler {

Seq<Stmt*> Parser::parse_statements_until(TokenKind end) {
  SeqBuilder<Stmt*> body(arena_);
  while (!failed_ && !at_kind(end) && !at_kind(TokenKind::EndMarker)) {
    if (at_kind(TokenKind::Newline)) {  // a stray NEWLINE cannot start a statement
      invalid_syntax();
      break;
    }
    if (!parse_statement(body)) break;
  }
  return body.finish();
}

bool Parser::parse_statement(SeqBuilder<Stmt*>& out) {
  DepthGuard guard(*this);
  if (!guard.ok) return false;
  if (at_kind(TokenKind::Indent)) {
    fail_unexpected_indent(cur());
    return false;
  }
  Stmt* s = parse_compound_statement();
  if (s) return push(out, s);
  if (failed_) return false;
  return parse_simple_statements(out);
}

bool Parser::parse_simple_statements(SeqBuilder<Stmt*>& out) {
  for (;;) {
    Stmt* s = parse_simple_statement();
    if (!s || !push(out, s)) return false;
    if (accept_op(Op::Semi)) {
      if (at_kind(TokenKind::Newline)) break;
      continue;
    }
    break;
  }
  if (!at_kind(TokenKind::Newline)) {
    invalid_syntax();
    return false;
  }
  advance();
  return true;
}

// Returns nullptr without failing when the current token does not start a compound statement.
Stmt* Parser::parse_compound_statement() {
  const Token& t = cur();
  if (t.kind == TokenKind::Op && t.op == Op::At) return parse_decorated();
  if (t.kind != TokenKind::Name) return nullptr;
  switch (t.keyword) {
    case Kw::kw_if: return parse_if(false);
    case Kw::kw_while: return parse_while();
    case Kw::kw_for: return parse_for(nullptr);
    case Kw::kw_with: return parse_with(nullptr);
    case Kw::kw_try: return parse_try();
    case Kw::kw_def: return parse_funcdef({}, nullptr, nullptr);
    case Kw::kw_class: return parse_classdef({}, nullptr);
    case Kw::kw_async: {
      const Token& n = peek(1);
      if (n.kind == TokenKind::Name) {
        const Token* async_tok = &toks_[pos_];
        if (n.keyword == Kw::kw_def) { advance(); return parse_funcdef({}, nullptr, async_tok); }
        if (n.keyword == Kw::kw_for) { advance(); return parse_for(async_tok); }
        if (n.keyword == Kw::kw_with) { advance(); return parse_with(async_tok); }
      }
      return nullptr;
    }
    case Kw::NotKeyword:
      if (t.text == "match") return try_parse_match();
      return nullptr;
    default:
      return nullptr;
  }
}

Stmt* Parser::parse_simple_statement() {
  const Token& t = cur();
  if (t.kind == TokenKind::Name) {
    Location loc = start_loc(t);
    switch (t.keyword) {
      case Kw::kw_pass: advance(); return node<Pass>(span(loc));
      case Kw::kw_break: advance(); return node<Break>(span(loc));
      case Kw::kw_continue: advance(); return node<Continue>(span(loc));
      case Kw::kw_return: return parse_return();
      case Kw::kw_raise: return parse_raise();
      case Kw::kw_global: return parse_global_nonlocal(true);
      case Kw::kw_nonlocal: return parse_global_nonlocal(false);
      case Kw::kw_del: return parse_del();
      case Kw::kw_assert: return parse_assert();
      case Kw::kw_import: return parse_import();
      case Kw::kw_from: return parse_from_import();
      case Kw::NotKeyword:
        if (t.text == "type") {
          if (Stmt* s = try_parse_type_alias()) return s;
          if (failed_) return nullptr;
        }
        break;
      default:
        break;
    }
  }
  return parse_expression_statement();
}

// Everything that starts with an expression: expression statements, assignments (chained),
// augmented and annotated assignments.
Stmt* Parser::parse_expression_statement() {
  const Token& first_tok = cur();
  Location start = start_loc(first_tok);
  bool starts_with_paren = first_tok.kind == TokenKind::Op && first_tok.op == Op::LPar;
  Expr* first = at_kw(Kw::kw_yield) ? parse_yield_expr() : parse_star_expressions();
  if (!first) return nullptr;

  // Annotated assignment.
  if (at_op(Op::Colon)) {
    const Token& colon = cur();
    if (first->kind == ExprKind::Tuple) return fail_loc(first->loc, "only single target (not tuple) can be annotated");
    if (first->kind == ExprKind::List) return fail_loc(first->loc, "only single target (not list) can be annotated");
    if (first->kind != ExprKind::Name && first->kind != ExprKind::Attribute &&
        first->kind != ExprKind::Subscript) {
      return fail_loc(first->loc, "illegal target for annotation");
    }
    (void)colon;
    advance();
    if (!set_context(first, ExprContext::Store)) return nullptr;
    Expr* annotation = parse_expression();
    if (!annotation) return nullptr;
    Expr* value = nullptr;
    if (accept_op(Op::Equal)) {
      value = at_kw(Kw::kw_yield) ? parse_yield_expr() : parse_star_expressions();
      if (!value) return nullptr;
    }
    AnnAssign* s = node<AnnAssign>(span(start));
    if (!s) return nullptr;
    s->target = first;
    s->annotation = annotation;
    s->value = value;
    s->simple = (first->kind == ExprKind::Name && !starts_with_paren) ? 1 : 0;
    return s;
  }

  // Augmented assignment.
  if (cur().kind == TokenKind::Op) {
    static const struct { Op tok; OperatorKind op; } kAug[] = {
        {Op::PlusEqual, OperatorKind::Add}, {Op::MinEqual, OperatorKind::Sub},
        {Op::StarEqual, OperatorKind::Mult}, {Op::AtEqual, OperatorKind::MatMult},
        {Op::SlashEqual, OperatorKind::Div}, {Op::PercentEqual, OperatorKind::Mod},
        {Op::AmperEqual, OperatorKind::BitAnd}, {Op::VBarEqual, OperatorKind::BitOr},
        {Op::CircumflexEqual, OperatorKind::BitXor}, {Op::LeftShiftEqual, OperatorKind::LShift},
        {Op::RightShiftEqual, OperatorKind::RShift}, {Op::DoubleStarEqual, OperatorKind::Pow},
        {Op::DoubleSlashEqual, OperatorKind::FloorDiv}};
    for (const auto& a : kAug) {
      if (cur().op != a.tok) continue;
      if (first->kind != ExprKind::Name && first->kind != ExprKind::Attribute &&
          first->kind != ExprKind::Subscript) {
        return fail_loc(first->loc, std::string("'") + expr_description(first) +
                                        "' is an illegal expression for augmented assignment");
      }
      advance();
      if (!set_context(first, ExprContext::Store)) return nullptr;
      Expr* value = at_kw(Kw::kw_yield) ? parse_yield_expr() : parse_star_expressions();
      if (!value) return nullptr;
      AugAssign* s = node<AugAssign>(span(start));
      if (!s) return nullptr;
      s->target = first;
      s->op = a.op;
      s->value = value;
      return s;
    }
  }

  if (!at_op(Op::Equal)) {
    // `print "x"` / `exec "code"`: Python 2 statements get CPython's hint.
    if (first->kind == ExprKind::Name && (cur().kind == TokenKind::String || cur().kind == TokenKind::Number ||
                                          cur().kind == TokenKind::Name)) {
      std::string_view id = first->as<Name>()->id;
      if ((id == "print" || id == "exec") && cur().kind != TokenKind::Name) {
        // Consume to the end of the line to find the span CPython reports.
        Location s = first->loc;
        Expr* rest = parse_star_expressions();
        if (!rest) return nullptr;
        return fail_span(s, rest->loc, "Missing parentheses in call to '" + std::string(id) +
                                           "'. Did you mean " + std::string(id) + "(...)?");
      }
    }
    ExprStmt* s = node<ExprStmt>(span(start));
    if (!s) return nullptr;
    s->value = first;
    return s;
  }

  // One or more `targets =` then the value.
  SeqBuilder<Expr*> targets(arena_);
  Expr* value = first;
  while (at_op(Op::Equal)) {
    if (!check_assign_target(value, false)) return nullptr;
    if (!push(targets, value)) return nullptr;
    advance();
    value = at_kw(Kw::kw_yield) ? parse_yield_expr() : parse_star_expressions();
    if (!value) return nullptr;
  }
  for (Expr* t : targets.finish())
    if (!set_context(t, ExprContext::Store)) return nullptr;
  Assign* s = node<Assign>(span(start));
  if (!s) return nullptr;
  s->targets = targets.finish();
  s->value = value;
  return s;
}

// ':' then either an indented block or simple statements on the same line.
Seq<Stmt*> Parser::parse_block(const char* what, int what_line) {
  if (!expect_op(Op::Colon)) return {};
  if (at_kind(TokenKind::Newline)) {
    advance();
    if (!at_kind(TokenKind::Indent)) {
      if (!failed_)
        fail_at(cur(), std::string("expected an indented block after ") + what + " on line " +
                           std::to_string(what_line),
                SyntaxErrorKind::IndentationError);
      return {};
    }
    advance();
    Seq<Stmt*> body = parse_statements_until(TokenKind::Dedent);
    if (failed_) return {};
    if (!at_kind(TokenKind::Dedent)) {
      invalid_syntax();
      return {};
    }
    advance();
    return body;
  }
  SeqBuilder<Stmt*> body(arena_);
  if (!parse_simple_statements(body)) return {};
  return body.finish();
}

Stmt* Parser::parse_if(bool is_elif) {
  const Token& kw = advance();
  Location start = start_loc(kw);
  int line = kw.lineno;
  Expr* test = parse_named_expression();
  if (!test) return nullptr;
  if (at_op(Op::Equal)) {
    return fail_span(test->loc, test->loc, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
  }
  Seq<Stmt*> body = parse_block(is_elif ? "'elif' statement" : "'if' statement", line);
  if (failed_) return nullptr;
  If* s = node<If>(start);
  if (!s) return nullptr;
  s->test = test;
  s->body = body;
  if (at_kw(Kw::kw_elif)) {
    Stmt* elif = parse_if(true);
    if (!elif) return nullptr;
    SeqBuilder<Stmt*> orelse(arena_);
    if (!push(orelse, elif)) return nullptr;
    s->orelse = orelse.finish();
  } else if (at_kw(Kw::kw_else)) {
    int else_line = advance().lineno;
    s->orelse = parse_block("'else' statement", else_line);
    if (failed_) return nullptr;
  }
  s->loc = span(start);
  return s;
}

Stmt* Parser::parse_while() {
  const Token& kw = advance();
  Location start = start_loc(kw);
  int line = kw.lineno;
  Expr* test = parse_named_expression();
  if (!test) return nullptr;
  if (at_op(Op::Equal))
    return fail_span(test->loc, test->loc, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
  Seq<Stmt*> body = parse_block("'while' statement", line);
  if (failed_) return nullptr;
  While* s = node<While>(start);
  if (!s) return nullptr;
  s->test = test;
  s->body = body;
  if (at_kw(Kw::kw_else)) {
    int else_line = advance().lineno;
    s->orelse = parse_block("'else' statement", else_line);
    if (failed_) return nullptr;
  }
  s->loc = span(start);
  return s;
}

Stmt* Parser::parse_for(const Token* async_tok) {
  const Token& kw = advance();
  Location start = start_loc(async_tok ? *async_tok : kw);
  int line = kw.lineno;
  Expr* target = parse_star_targets_for();
  if (!target) return nullptr;
  if (!at_kw(Kw::kw_in)) return invalid_syntax();
  advance();
  Expr* iter = parse_star_expressions();
  if (!iter) return nullptr;
  Seq<Stmt*> body = parse_block("'for' statement", line);
  if (failed_) return nullptr;
  For* s = async_tok ? static_cast<For*>(node<AsyncFor>(start)) : node<For>(start);
  if (!s) return nullptr;
  s->target = target;
  s->iter = iter;
  s->body = body;
  if (at_kw(Kw::kw_else)) {
    int else_line = advance().lineno;
    s->orelse = parse_block("'else' statement", else_line);
    if (failed_) return nullptr;
  }
  s->loc = span(start);
  return s;
}

Stmt* Parser::parse_with(const Token* async_tok) {
  const Token& kw = advance();
  Location start = start_loc(async_tok ? *async_tok : kw);
  int line = kw.lineno;
  SeqBuilder<WithItem*> items(arena_);
  auto parse_item = [&]() -> bool {
    WithItem* item = plain<WithItem>();
    if (!item) return false;
    item->context_expr = parse_expression();
    if (!item->context_expr) return false;
    if (accept_kw(Kw::kw_as)) {
      // with_item: expression 'as' star_target &(',' | ')' | ':') -- a single target: a comma
      // after it starts the next item, not a tuple.
      Expr* t = parse_bitwise_or();
      if (!t) return false;
      if (!at_op(Op::Comma) && !at_op(Op::RPar) && !at_op(Op::Colon)) {
        invalid_syntax();
        return false;
      }
      if (!set_context(t, ExprContext::Store)) return false;
      item->optional_vars = t;
    }
    return push(items, item);
  };
  bool parsed = false;
  if (at_op(Op::LPar)) {
    // `with (a as b, c):` — try the parenthesised item list; fall back to an expression.
    size_t m = mark();
    bool was_failed = failed_;
    SyntaxErrorInfo saved = err_;
    advance();
    bool ok = true;
    while (ok && !at_op(Op::RPar)) {
      ok = parse_item();
      if (ok && !accept_op(Op::Comma)) break;
    }
    if (ok && accept_op(Op::RPar) && at_op(Op::Colon)) {
      parsed = true;
    } else if (!tokenizer_done_ || !failed_ || was_failed) {
      reset(m);
      failed_ = was_failed;
      err_ = saved;
      items = SeqBuilder<WithItem*>(arena_);
    } else {
      return nullptr;  // a lexical error: no point retrying
    }
  }
  if (!parsed) {
    do {
      if (!parse_item()) return nullptr;
    } while (accept_op(Op::Comma));
  }
  Seq<Stmt*> body = parse_block("'with' statement", line);
  if (failed_) return nullptr;
  With* s = async_tok ? static_cast<With*>(node<AsyncWith>(start)) : node<With>(start);
  if (!s) return nullptr;
  s->items = items.finish();
  s->body = body;
  s->loc = span(start);
  return s;
}

Stmt* Parser::parse_try() {
  const Token& kw = advance();
  Location start = start_loc(kw);
  Seq<Stmt*> body = parse_block("'try' statement", kw.lineno);
  if (failed_) return nullptr;
  SeqBuilder<ExceptHandler*> handlers(arena_);
  bool star = false;
  bool seen_plain = false;
  while (at_kw(Kw::kw_except)) {
    const Token& ex = advance();
    Location hs = start_loc(ex);
    bool this_star = accept_op(Op::Star);
    if (handlers.size() > 0 && this_star != star) {
      return fail_at(prev(), "cannot have both 'except' and 'except*' on the same 'try'");
    }
    star = this_star;
    ExceptHandler* h = plain<ExceptHandler>();
    if (!h) return nullptr;
    if (!at_op(Op::Colon)) {
      if (seen_plain) return fail_loc(hs, "default 'except:' must be last");
      Location ts = start_loc(cur());
      Expr* type = parse_expression();
      if (!type) return nullptr;
      if (at_op(Op::Comma)) {  // PEP 758: except A, B:
        SeqBuilder<Expr*> elts(arena_);
        if (!push(elts, type)) return nullptr;
        while (accept_op(Op::Comma)) {
          Expr* e = parse_expression();
          if (!e || !push(elts, e)) return nullptr;
        }
        if (at_kw(Kw::kw_as))
          return fail_span(ts, prev().end_lineno ? span(ts) : ts,
                           "multiple exception types must be parenthesized when using 'as'");
        Tuple* tup = node<Tuple>(span(ts));
        if (!tup) return nullptr;
        tup->elts = elts.finish();
        tup->ctx = ExprContext::Load;
        type = tup;
      }
      h->type = type;
      if (accept_kw(Kw::kw_as)) {
        if (!at_name()) return invalid_syntax();
        h->name = ident(advance().text);
      }
    } else {
      if (star) return fail_at(cur(), "expected one or more exception types");
      seen_plain = true;
    }
    h->body = parse_block(star ? "'except*' statement" : "'except' statement", ex.lineno);
    if (failed_) return nullptr;
    h->loc = span(hs);
    if (!push(handlers, h)) return nullptr;
  }
  Try* s = star ? static_cast<Try*>(node<TryStar>(start)) : node<Try>(start);
  if (!s) return nullptr;
  s->body = body;
  s->handlers = handlers.finish();
  if (at_kw(Kw::kw_else)) {
    const Token& e = advance();
    if (handlers.size() == 0) return fail_at(e, "expected 'except' or 'finally' block");
    s->orelse = parse_block("'else' statement", e.lineno);
    if (failed_) return nullptr;
  }
  if (at_kw(Kw::kw_finally)) {
    const Token& f = advance();
    s->finalbody = parse_block("'finally' statement", f.lineno);
    if (failed_) return nullptr;
  }
  if (s->handlers.empty() && s->finalbody.empty()) return fail_at(cur(), "expected 'except' or 'finally' block");
  s->loc = span(start);
  return s;
}

Stmt* Parser::parse_decorated() {
  Location start = start_loc(cur());
  SeqBuilder<Expr*> decorators(arena_);
  while (accept_op(Op::At)) {
    Expr* d = parse_named_expression();
    if (!d || !push(decorators, d)) return nullptr;
    if (!at_kind(TokenKind::Newline)) return invalid_syntax();
    advance();
  }
  if (at_kw(Kw::kw_def)) return parse_funcdef(decorators.finish(), &start, nullptr);
  if (at_kw(Kw::kw_class)) return parse_classdef(decorators.finish(), &start);
  if (at_kw(Kw::kw_async) && peek(1).kind == TokenKind::Name && peek(1).keyword == Kw::kw_def) {
    const Token* async_tok = &toks_[pos_];
    advance();
    return parse_funcdef(decorators.finish(), &start, async_tok);
  }
  return invalid_syntax();
}

Stmt* Parser::parse_funcdef(Seq<Expr*> decorators, const Location* deco_start, const Token* async_tok) {
  const Token& kw = advance();  // 'def'
  Location start = start_loc(async_tok ? *async_tok : kw);
  int line = async_tok ? async_tok->lineno : kw.lineno;
  (void)deco_start;
  if (!at_name()) return invalid_syntax();
  Identifier name = ident(advance().text);
  Seq<TypeParam*> type_params;
  if (at_op(Op::LSqb)) {
    type_params = parse_type_params();
    if (failed_) return nullptr;
  }
  if (!at_op(Op::LPar)) return fail_at(cur(), "expected '('");
  advance();
  Arguments* args = parse_parameters(Op::RPar, false);
  if (!args) return nullptr;
  if (!expect_op(Op::RPar)) return nullptr;
  Expr* returns = nullptr;
  if (accept_op(Op::RArrow)) {
    returns = parse_expression();
    if (!returns) return nullptr;
  }
  Seq<Stmt*> body = parse_block("function definition", line);
  if (failed_) return nullptr;
  FunctionDef* s = async_tok ? static_cast<FunctionDef*>(node<AsyncFunctionDef>(start)) : node<FunctionDef>(start);
  if (!s) return nullptr;
  s->name = name;
  s->args = args;
  s->body = body;
  s->decorator_list = decorators;
  s->returns = returns;
  s->type_params = type_params;
  s->loc = span(start);
  return s;
}

Stmt* Parser::parse_classdef(Seq<Expr*> decorators, const Location* deco_start) {
  const Token& kw = advance();
  Location start = start_loc(kw);
  (void)deco_start;
  if (!at_name()) return invalid_syntax();
  Identifier name = ident(advance().text);
  ClassDef* s = node<ClassDef>(start);
  if (!s) return nullptr;
  if (at_op(Op::LSqb)) {
    s->type_params = parse_type_params();
    if (failed_) return nullptr;
  }
  if (at_op(Op::LPar)) {
    Location cs = start_loc(cur());
    Name* fake = node<Name>(cs);  // parse_call wants a callee; only its args are kept
    if (!fake) return nullptr;
    Expr* call = parse_call(fake);
    if (!call) return nullptr;
    s->bases = call->as<Call>()->args;
    s->keywords = call->as<Call>()->keywords;
  }
  s->body = parse_block("class definition", kw.lineno);
  if (failed_) return nullptr;
  s->name = name;
  s->decorator_list = decorators;
  s->loc = span(start);
  return s;
}

Identifier Parser::parse_dotted_name() {
  if (!at_name() && !(cur().kind == TokenKind::Name)) { invalid_syntax(); return {}; }
  const Token& first = cur();
  if (first.kind != TokenKind::Name || first.keyword != Kw::NotKeyword) { invalid_syntax(); return {}; }
  std::string name(advance().text);
  while (at_op(Op::Dot)) {
    advance();
    if (!at_name()) { invalid_syntax(); return {}; }
    name += '.';
    name += advance().text;
  }
  return ident(name);
}

Stmt* Parser::parse_import() {
  const Token& kw = advance();
  Location start = start_loc(kw);
  SeqBuilder<Alias*> names(arena_);
  if (at_kind(TokenKind::Newline) || at_op(Op::Semi))
    return fail_at(cur(), "Expected one or more names after 'import'");
  do {
    Location as = start_loc(cur());
    Alias* a = plain<Alias>();
    if (!a) return nullptr;
    a->name = parse_dotted_name();
    if (failed_) return nullptr;
    if (accept_kw(Kw::kw_as)) {
      if (!at_name()) return invalid_syntax();
      a->asname = ident(advance().text);
    }
    a->loc = span(as);
    if (!push(names, a)) return nullptr;
  } while (accept_op(Op::Comma));
  Import* s = node<Import>(span(start));
  if (!s) return nullptr;
  s->names = names.finish();
  return s;
}

Stmt* Parser::parse_from_import() {
  const Token& kw = advance();
  Location start = start_loc(kw);
  int level = 0;
  while (at_op(Op::Dot) || at_op(Op::Ellipsis)) level += at_op(Op::Dot) ? (advance(), 1) : (advance(), 3);
  Identifier module;
  if (!at_kw(Kw::kw_import)) {
    module = parse_dotted_name();
    if (failed_) return nullptr;
  }
  if (!at_kw(Kw::kw_import)) return invalid_syntax();
  advance();
  SeqBuilder<Alias*> names(arena_);
  if (at_op(Op::Star)) {
    Location as = start_loc(advance());
    Alias* a = plain<Alias>();
    if (!a) return nullptr;
    a->name = ident("*");
    a->loc = span(as);
    if (!push(names, a)) return nullptr;
  } else {
    bool paren = accept_op(Op::LPar);
    if (!paren && (at_kind(TokenKind::Newline) || at_op(Op::Semi)))
      return fail_at(cur(), "Expected one or more names after 'import'");
    do {
      if (paren && at_op(Op::RPar) && names.size() > 0) break;
      if (!at_name()) return invalid_syntax();
      Location as = start_loc(cur());
      Alias* a = plain<Alias>();
      if (!a) return nullptr;
      a->name = ident(advance().text);
      if (accept_kw(Kw::kw_as)) {
        if (!at_name()) return invalid_syntax();
        a->asname = ident(advance().text);
      }
      a->loc = span(as);
      if (!push(names, a)) return nullptr;
    } while (accept_op(Op::Comma));
    if (paren && !expect_op(Op::RPar)) return nullptr;
    if (!paren && prev().kind == TokenKind::Op && prev().op == Op::Comma)
      return fail_at(prev(), "trailing comma not allowed without surrounding parentheses");
  }
  ImportFrom* s = node<ImportFrom>(span(start));
  if (!s) return nullptr;
  s->module = module;
  s->names = names.finish();
  s->level = level;
  return s;
}

Stmt* Parser::parse_raise() {
  Location start = start_loc(advance());
  Expr* exc = nullptr;
  Expr* cause = nullptr;
  if (!at_kind(TokenKind::Newline) && !at_op(Op::Semi)) {
    exc = parse_expression();
    if (!exc) return nullptr;
    if (accept_kw(Kw::kw_from)) {
      cause = parse_expression();
      if (!cause) return nullptr;
    }
  }
  Raise* s = node<Raise>(span(start));
  if (!s) return nullptr;
  s->exc = exc;
  s->cause = cause;
  return s;
}

Stmt* Parser::parse_return() {
  Location start = start_loc(advance());
  Expr* value = nullptr;
  if (!at_kind(TokenKind::Newline) && !at_op(Op::Semi)) {
    value = parse_star_expressions();
    if (!value) return nullptr;
  }
  Return* s = node<Return>(span(start));
  if (!s) return nullptr;
  s->value = value;
  return s;
}

Stmt* Parser::parse_global_nonlocal(bool is_global) {
  Location start = start_loc(advance());
  SeqBuilder<Identifier> names(arena_);
  do {
    if (!at_name()) return invalid_syntax();
    if (!push(names, ident(advance().text))) return nullptr;
  } while (accept_op(Op::Comma));
  if (is_global) {
    Global* s = node<Global>(span(start));
    if (s) s->names = names.finish();
    return s;
  }
  Nonlocal* s = node<Nonlocal>(span(start));
  if (s) s->names = names.finish();
  return s;
}

Stmt* Parser::parse_del() {
  Location start = start_loc(advance());
  SeqBuilder<Expr*> targets(arena_);
  do {
    if (at_kind(TokenKind::Newline) || at_op(Op::Semi)) break;
    Expr* t = parse_primary();
    if (!t) return nullptr;
    if (!set_context(t, ExprContext::Del) || !push(targets, t)) return nullptr;
  } while (accept_op(Op::Comma));
  if (targets.size() == 0) return invalid_syntax();
  Delete* s = node<Delete>(span(start));
  if (!s) return nullptr;
  s->targets = targets.finish();
  return s;
}

Stmt* Parser::parse_assert() {
  Location start = start_loc(advance());
  Expr* test = parse_expression();
  if (!test) return nullptr;
  Expr* msg = nullptr;
  if (accept_op(Op::Comma)) {
    msg = parse_expression();
    if (!msg) return nullptr;
  }
  Assert* s = node<Assert>(span(start));
  if (!s) return nullptr;
  s->test = test;
  s->msg = msg;
  return s;
}

// `type X[T] = value` — only when `type` is followed by a name and then '=' or '['.
Stmt* Parser::try_parse_type_alias() {
  const Token& n = peek(1);
  if (n.kind != TokenKind::Name || n.keyword != Kw::NotKeyword) return nullptr;
  const Token& after = peek(2);
  if (after.kind != TokenKind::Op || (after.op != Op::Equal && after.op != Op::LSqb)) return nullptr;
  Location start = start_loc(advance());
  const Token& nt = advance();
  Name* name = node<Name>(span(start_loc(nt)));
  if (!name) return nullptr;
  name->id = ident(nt.text);
  name->ctx = ExprContext::Store;
  TypeAlias* s = node<TypeAlias>(start);
  if (!s) return nullptr;
  s->name = name;
  if (at_op(Op::LSqb)) {
    s->type_params = parse_type_params();
    if (failed_) return nullptr;
  }
  if (!expect_op(Op::Equal)) return nullptr;
  s->value = parse_expression();
  if (!s->value) return nullptr;
  s->loc = span(start);
  return s;
}

// '[' type_param (',' type_param)* [','] ']'
Seq<TypeParam*> Parser::parse_type_params() {
  advance();  // '['
  SeqBuilder<TypeParam*> params(arena_);
  if (at_op(Op::RSqb)) {
    fail_at(cur(), "Type parameter list cannot be empty");
    return {};
  }
  while (!at_op(Op::RSqb)) {
    Location ps = start_loc(cur());
    int stars = accept_op(Op::Star) ? 1 : accept_op(Op::DoubleStar) ? 2 : 0;
    if (!at_name()) { invalid_syntax(); return {}; }
    Identifier name = ident(advance().text);
    TypeParam* p = nullptr;
    Expr* bound = nullptr;
    if (stars == 0 && accept_op(Op::Colon)) {
      bound = parse_expression();
      if (!bound) return {};
    }
    Expr* def = nullptr;
    if (accept_op(Op::Equal)) {
      def = stars == 1 && at_op(Op::Star) ? nullptr : parse_expression();
      if (stars == 1 && !def) {  // *Ts = *tuple[int]
        Location ss = start_loc(advance());
        Expr* v = parse_expression();
        if (!v) return {};
        Starred* st = node<Starred>(span(ss));
        if (!st) return {};
        st->value = v;
        def = st;
      }
      if (!def) return {};
    }
    if (stars == 0) {
      TypeVar* tv = node<TypeVar>(span(ps));
      if (!tv) return {};
      tv->name = name;
      tv->bound = bound;
      tv->default_value = def;
      p = tv;
    } else if (stars == 1) {
      TypeVarTuple* tv = node<TypeVarTuple>(span(ps));
      if (!tv) return {};
      tv->name = name;
      tv->default_value = def;
      p = tv;
    } else {
      ParamSpec* tv = node<ParamSpec>(span(ps));
      if (!tv) return {};
      tv->name = name;
      tv->default_value = def;
      p = tv;
    }
    if (!push(params, p)) return {};
    if (!accept_op(Op::Comma)) break;
  }
  if (!expect_op(Op::RSqb)) return {};
  return params.finish();
}

}  // namespace weft::compiler
