// vm/compiler/parser.cpp — parser core: token buffer, error recording, the three parse modes,
// and the public parse() entry point.
//
// The token buffer only grows: peek(k) pulls tokens from the tokenizer until index pos_+k
// exists. A tokenizer error is recorded as the parse error (unless an earlier syntax error was
// already recorded) and an ENDMARKER is returned from then on, so callers unwind naturally.
#include "vm/compiler/parser_internal.h"

#include <algorithm>

#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"

namespace weft::compiler {

const Token& Parser::peek(size_t k) {
  while (toks_.size() <= pos_ + k) {
    Token t;
    if (tokenizer_done_) {
      t = toks_.back();
      t.kind = TokenKind::EndMarker;
    } else if (!tz_.next(&t)) {
      if (!failed_) {
        failed_ = true;
        err_ = tz_.error();
      }
      tokenizer_done_ = true;
      t = toks_.empty() ? Token{} : toks_.back();
      t.kind = TokenKind::EndMarker;
      t.op = Op::None;
      t.keyword = Kw::NotKeyword;
    } else if (t.kind == TokenKind::EndMarker) {
      tokenizer_done_ = true;
    }
    toks_.push_back(t);
  }
  return toks_[pos_ + k];
}

const Token& Parser::advance() {
  peek(0);
  return toks_[pos_++];
}

bool Parser::expect_op(Op op) {
  if (accept_op(op)) return true;
  if (failed_) return false;
  if (op == Op::Colon) {
    fail_at(cur(), "expected ':'");
  } else {
    invalid_syntax();
  }
  return false;
}

std::nullptr_t Parser::fail_at(const Token& t, std::string msg, SyntaxErrorKind kind) {
  if (failed_) return nullptr;
  failed_ = true;
  err_.kind = kind;
  err_.message = std::move(msg);
  err_.lineno = t.lineno;
  err_.offset = t.col_offset + 1;
  err_.end_lineno = t.end_lineno;
  err_.end_offset = t.end_col_offset + 1;
  return nullptr;
}

// CPython reports "unexpected indent" at the last character of the indentation, with an
// end_offset of -1.
std::nullptr_t Parser::fail_unexpected_indent(const Token& indent) {
  if (failed_) return nullptr;
  failed_ = true;
  err_.kind = SyntaxErrorKind::IndentationError;
  err_.message = "unexpected indent";
  err_.lineno = err_.end_lineno = indent.lineno;
  err_.offset = indent.end_col_offset;
  err_.end_offset = -1;
  return nullptr;
}

std::nullptr_t Parser::fail_loc(const Location& loc, std::string msg) {
  return fail_span(loc, loc, std::move(msg));
}

std::nullptr_t Parser::fail_span(const Location& from, const Location& to, std::string msg) {
  if (failed_) return nullptr;
  failed_ = true;
  err_.kind = SyntaxErrorKind::SyntaxError;
  err_.message = std::move(msg);
  err_.lineno = from.lineno;
  err_.offset = from.col_offset + 1;
  err_.end_lineno = to.end_lineno;
  err_.end_offset = to.end_col_offset + 1;
  return nullptr;
}

std::nullptr_t Parser::invalid_syntax() {
  if (failed_) return nullptr;
  const Token& t = cur();
  if (t.kind == TokenKind::Indent) {
    return fail_unexpected_indent(t);
  }
  if (t.kind == TokenKind::Dedent) {
    fail_at(t, "unindent does not match any outer indentation level", SyntaxErrorKind::IndentationError);
    return nullptr;
  }
  if (t.kind == TokenKind::EndMarker) {
    // CPython points just past the last real token for "invalid syntax" at end of input.
    return fail_at(t, "invalid syntax");
  }
  return fail_at(t, "invalid syntax");
}

std::nullptr_t Parser::no_memory() {
  if (!failed_) {
    failed_ = true;
    err_ = SyntaxErrorInfo{};
    err_.is_memory_error = true;
  }
  return nullptr;
}

void Parser::warn_at(const Token& t, std::string msg, std::string error_msg) {
  SyntaxWarningInfo w{std::move(msg), std::move(error_msg), t.lineno, t.col_offset + 1,
                      t.end_lineno, t.end_col_offset + 1};
  // CPython names the line where the tokenizer stands after the token: its last line.
  w.lineno = t.end_lineno;
  for (const SyntaxWarningInfo& seen : warnings_)
    if (seen.lineno == w.lineno && seen.offset == w.offset && seen.message == w.message) return;
  warnings_.push_back(std::move(w));
}

bool Parser::reached_end_of_input() const {
  if (tokenizer_failed()) {
    Tokenizer::Failure f = tz_.failure();
    return f == Tokenizer::Failure::EofInBrackets || f == Tokenizer::Failure::EofAfterContinuation ||
           f == Tokenizer::Failure::EndOfInputInString;
  }
  // The tokenizer read past the last line's text (made its final NEWLINE or later tokens).
  return tz_.at_end();
}

std::vector<SyntaxWarningInfo> Parser::warnings() const {
  std::vector<SyntaxWarningInfo> all = tz_.warnings();
  all.insert(all.end(), warnings_.begin(), warnings_.end());
  std::stable_sort(all.begin(), all.end(), [](const SyntaxWarningInfo& a, const SyntaxWarningInfo& b) {
    return a.lineno != b.lineno ? a.lineno < b.lineno : a.offset < b.offset;
  });
  return all;
}

Parser::DepthGuard::DepthGuard(Parser& parser) : p(parser), ok(++parser.depth_ <= kMaxNestingDepth) {
  if (!ok) p.fail_at(p.cur(), "too many nested parentheses");
}

Identifier Parser::ident(std::string_view s) {
  Identifier id = arena_.copy_string(s);
  if (!id.data()) no_memory();
  return id;
}

Object* Parser::constant(Result<Ref<Object>> r) {
  if (r.is_error()) {
    // A runtime failure while building a constant (e.g. MemoryError, or an int too large for
    // the digit limit): keep the pending exception; parse() reports it as is.
    if (!failed_) {
      failed_ = true;
      err_ = SyntaxErrorInfo{};
      err_.message = "<pending exception>";
    }
    return nullptr;
  }
  Object* o = arena_.own_constant(r.release_value());
  if (!o) no_memory();
  return o;
}

Mod* Parser::parse(ParseMode mode) {
  switch (mode) {
    case ParseMode::Exec: {
      Module* m = plain<Module>();
      if (!m) return nullptr;
      m->kind = ModKind::Module;
      m->body = parse_statements_until(TokenKind::EndMarker);
      if (failed_) return nullptr;
      return m;
    }
    case ParseMode::Eval: {
      Expression* m = plain<Expression>();
      if (!m) return nullptr;
      m->kind = ModKind::Expression;
      m->body = parse_expressions();
      if (!m->body) return nullptr;
      while (at_kind(TokenKind::Newline)) advance();
      if (!at_kind(TokenKind::EndMarker)) return invalid_syntax();
      return failed_ ? nullptr : m;
    }
    case ParseMode::Single: {
      Interactive* m = plain<Interactive>();
      if (!m) return nullptr;
      m->kind = ModKind::Interactive;
      SeqBuilder<Stmt*> body(arena_);
      if (at_kind(TokenKind::EndMarker)) {
        if (failed_) return nullptr;
        // No statement at all (empty, blank or comment-only input) is not a single statement.
        return fail_at(cur(), "invalid syntax");
      }
      if (at_kind(TokenKind::Indent)) return fail_unexpected_indent(cur());
      if (Stmt* compound = parse_compound_statement()) {
        // CPython's `compound_stmt NEWLINE`: nothing may follow a compound statement.
        if (!push(body, compound)) return nullptr;
        if (!at_kind(TokenKind::Newline) && !at_kind(TokenKind::EndMarker)) return invalid_syntax();
      } else if (failed_ || !parse_simple_statements(body)) {
        return nullptr;
      }
      while (at_kind(TokenKind::Newline)) advance();
      if (!at_kind(TokenKind::EndMarker)) {
        return fail_at(cur(), "multiple statements found while compiling a single statement");
      }
      m->body = body.finish();
      return failed_ ? nullptr : m;
    }
    case ParseMode::FuncType: {
      FunctionType* m = plain<FunctionType>();
      if (!m) return nullptr;
      m->kind = ModKind::FunctionType;
      if (!expect_op(Op::LPar)) return nullptr;
      SeqBuilder<Expr*> types(arena_);
      while (!at_op(Op::RPar)) {
        Expr* e = nullptr;
        if (at_op(Op::Star) || at_op(Op::DoubleStar)) {
          Location s = start_loc(advance());
          Expr* v = parse_expression();
          if (!v) return nullptr;
          Starred* st = node<Starred>(span(s));
          if (!st) return nullptr;
          st->value = v;
          e = st;
        } else {
          e = parse_expression();
        }
        if (!e || !push(types, e)) return nullptr;
        if (!accept_op(Op::Comma)) break;
      }
      if (!expect_op(Op::RPar) || !expect_op(Op::RArrow)) return nullptr;
      m->argtypes = types.finish();
      m->returns = parse_expression();
      if (!m->returns) return nullptr;
      while (at_kind(TokenKind::Newline)) advance();
      if (!at_kind(TokenKind::EndMarker)) return invalid_syntax();
      return failed_ ? nullptr : m;
    }
  }
  return nullptr;
}

ast::Mod* parse_to_info(std::string_view source, ParseMode mode, int flags, ast::Arena& arena,
                        std::string* prepared, SyntaxErrorInfo* error,
                        std::vector<SyntaxWarningInfo>* warnings) {
  if (!prepare_source(source, (flags & kParseSourceIsBytes) != 0, prepared, error)) return nullptr;
  Parser parser(*prepared, arena);
  Mod* m = parser.parse(mode);
  if (!m) *error = parser.error();
  if (warnings) *warnings = parser.warnings();
  // PyCF_DONT_IMPLY_DEDENT (Single mode): a block left open by input that stops without a
  // newline is not closed by the end of the input.
  bool ends_with_newline = !source.empty() && (source.back() == '\n' || source.back() == '\r');
  int last_line = 1 + static_cast<int>(std::count(prepared->begin(), prepared->end() - 1, '\n'));
  if (m && mode == ParseMode::Single && (flags & kParseDontImplyDedent) && !ends_with_newline &&
      parser.eof_dedents() > 0) {
    m = nullptr;
    *error = SyntaxErrorInfo{};
    error->message = "invalid syntax";
    error->lineno = error->end_lineno = last_line;
  }
  if (!m && (flags & kParseAllowIncomplete) && !error->is_memory_error &&
      parser.reached_end_of_input()) {
    // CPython's position: an open string's start; otherwise the end of the last line.
    if (!parser.tokenizer_failed() || parser.tokenizer_failure() != Tokenizer::Failure::EndOfInputInString) {
      std::string_view line = source_line(*prepared, last_line);
      if (!ends_with_newline && !line.empty() && line.back() == '\n') line.remove_suffix(1);
      error->lineno = last_line;
      error->offset = static_cast<int>(line.size());
    }
    error->message = "incomplete input";
    error->kind = SyntaxErrorKind::SyntaxError;
    error->end_lineno = error->lineno;
    error->end_offset = -1;
    error->incomplete_input = true;
  }
  return m;
}

Result<ast::Mod*> parse(std::string_view source, std::string_view filename, ParseMode mode,
                        int flags, ast::Arena& arena) {
  std::string prepared;
  SyntaxErrorInfo info;
  std::vector<SyntaxWarningInfo> warnings;
  Mod* m = parse_to_info(source, mode, flags, arena, &prepared, &info, &warnings);
  // The warnings come first, as CPython issues them while it parses; one turned into an error
  // by the filters is the error reported.
  if (!warnings.empty() && !info.is_memory_error && !error_occurred()) {
    Ref<Object> filename_obj = TRY(str_from_utf8(filename));
    for (const SyntaxWarningInfo& w : warnings) TRY(emit_syntax_warning(w, filename_obj.get(), prepared));
  }
  if (m) return m;
  if (info.is_memory_error) return raise_no_memory();
  if (error_occurred()) return Error{};  // a runtime failure while building a constant
  return raise_syntax_error(info, filename, prepared.empty() ? source : std::string_view(prepared));
}

}  // namespace weft::compiler
