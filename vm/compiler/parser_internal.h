// vm/compiler/parser_internal.h — the recursive-descent parser shared by parser_*.cpp.
//
// Shape: one Parser object per parse. Tokens are pulled from the Tokenizer on demand into
// toks_, so mark()/reset() can backtrack cheaply (the few places the PEG grammar needs it:
// `match`/`type` soft keywords, parenthesised with-items). Every parse_* function returns the
// node, or nullptr with failed_ set — there is no silent "no match": a function is only called
// once the caller has decided that construct must be there.
//
// Errors: the first error wins (err_); later ones are ignored. Speculative parsing (try_*)
// saves and restores the error state. Nesting is counted in depth_ (DepthGuard) and bounded by
// kMaxNestingDepth.
#pragma once

#include <string>
#include <deque>
#include <vector>

#include "vm/compiler/ast.h"
#include "vm/compiler/parser.h"
#include "vm/compiler/tokenizer.h"

namespace weft::compiler {

using namespace ast;  // NOLINT: node names read better unqualified inside the parser

// The first escape in a literal that CPython warns about: an unknown one (`\d`: text "d") or an
// octal one above \377 (text "777").
struct InvalidEscape {
  std::string text;
  bool octal = false;
};

class Parser {
 public:
  Parser(std::string_view source, Arena& arena) : src_(source), tz_(source), arena_(arena) {}
  Mod* parse(ParseMode mode);
  const SyntaxErrorInfo& error() const { return err_; }
  // Every SyntaxWarning of the parse (tokenizer's and parser's), in source order.
  std::vector<SyntaxWarningInfo> warnings() const;
  // Whether the parse needed the end of the input (CPython's _is_end_of_source): it read the
  // ENDMARKER, or the tokenizer failed on input that stopped inside a bracket, string or line
  // continuation.
  bool reached_end_of_input() const;
  // Blocks still open at the end of the input (see Tokenizer::eof_dedents).
  int eof_dedents() const { return tz_.eof_dedents(); }
  bool tokenizer_failed() const { return !tz_.error().message.empty(); }
  Tokenizer::Failure tokenizer_failure() const { return tz_.failure(); }

  // --- tokens (parser.cpp) ---
  const Token& cur() { return peek(0); }
  const Token& peek(size_t k);
  const Token& prev() const { return toks_[pos_ - 1]; }
  const Token& advance();
  bool at_op(Op op) { return cur().kind == TokenKind::Op && cur().op == op; }
  bool at_kw(Kw kw) { return cur().kind == TokenKind::Name && cur().keyword == kw; }
  bool at_kind(TokenKind k) { return cur().kind == k; }
  bool at_name() { return cur().kind == TokenKind::Name && cur().keyword == Kw::NotKeyword; }
  bool at_soft(std::string_view word) { return at_name() && cur().text == word; }
  bool accept_op(Op op) { if (!at_op(op)) return false; advance(); return true; }
  bool accept_kw(Kw kw) { if (!at_kw(kw)) return false; advance(); return true; }
  bool expect_op(Op op);   // "expected ':'" style for ':', else invalid syntax
  size_t mark() const { return pos_; }
  void reset(size_t m) { pos_ = m; }

  // --- errors (parser.cpp) ---
  std::nullptr_t fail_at(const Token& t, std::string msg, SyntaxErrorKind kind = SyntaxErrorKind::SyntaxError);
  std::nullptr_t fail_unexpected_indent(const Token& indent);
  std::nullptr_t fail_loc(const Location& loc, std::string msg);
  std::nullptr_t fail_span(const Location& from, const Location& to, std::string msg);
  std::nullptr_t invalid_syntax();  // at the current token
  std::nullptr_t no_memory();
  bool failed() const { return failed_; }
  // A SyntaxWarning at token `t` (kept once per position and text: backtracking may parse a
  // token twice); parse_to_info hands them to the caller with the tokenizer's.
  void warn_at(const Token& t, std::string msg, std::string error_msg = {});
  void warn_invalid_escape(const Token& t, const InvalidEscape& invalid);

  // --- positions and allocation ---
  Location start_loc(const Token& t) const { return {t.lineno, t.col_offset, t.lineno, t.col_offset}; }
  // From `from`'s start to the end of the last token consumed that is not NEWLINE, INDENT or
  // DEDENT (CPython's _PyPegen_get_last_nonnwhitespace_token): a compound statement ends where
  // its last body statement ends, not at the next line's DEDENT.
  Location span(const Location& from) const {
    size_t i = pos_ - 1;
    while (i > 0 && (toks_[i].kind == TokenKind::Newline || toks_[i].kind == TokenKind::Indent ||
                     toks_[i].kind == TokenKind::Dedent))
      --i;
    return {from.lineno, from.col_offset, toks_[i].end_lineno, toks_[i].end_col_offset};
  }
  Location span(const Location& a, const Location& b) const {
    return {a.lineno, a.col_offset, b.end_lineno, b.end_col_offset};
  }
  template <class T>
  T* node(const Location& loc) {
    T* n = new_node<T>(arena_, loc);
    if (!n) no_memory();
    return n;
  }
  template <class T>
  T* plain() {
    T* n = arena_.make<T>();
    if (!n) no_memory();
    return n;
  }
  Identifier ident(std::string_view s);  // arena copy
  template <class T>
  bool push(SeqBuilder<T>& b, const T& v) {
    if (!b.push(v)) { no_memory(); return false; }
    return true;
  }
  Object* constant(Result<Ref<Object>> r);  // arena-owned; nullptr (failed) on error

  struct DepthGuard {
    Parser& p;
    bool ok;
    explicit DepthGuard(Parser& parser);
    ~DepthGuard() { --p.depth_; }
  };

  // --- statements (parser_statements.cpp) ---
  Seq<Stmt*> parse_statements_until(TokenKind end);
  bool parse_statement(SeqBuilder<Stmt*>& out);
  bool parse_simple_statements(SeqBuilder<Stmt*>& out);
  Stmt* parse_simple_statement();
  Stmt* parse_compound_statement();
  Seq<Stmt*> parse_block(const char* what, int what_line);
  Stmt* parse_expression_statement();
  Stmt* parse_if(bool is_elif);
  Stmt* parse_while();
  Stmt* parse_for(const Token* async_tok);
  Stmt* parse_with(const Token* async_tok);
  Stmt* parse_try();
  Stmt* parse_funcdef(Seq<Expr*> decorators, const Location* deco_start, const Token* async_tok);
  Stmt* parse_classdef(Seq<Expr*> decorators, const Location* deco_start);
  Stmt* parse_decorated();
  Stmt* parse_import();
  Stmt* parse_from_import();
  Stmt* parse_raise();
  Stmt* parse_return();
  Stmt* parse_global_nonlocal(bool is_global);
  Stmt* parse_del();
  Stmt* parse_assert();
  Stmt* try_parse_type_alias();
  Stmt* try_parse_match();
  Seq<TypeParam*> parse_type_params();
  Identifier parse_dotted_name();

  // --- expressions (parser_expressions.cpp) ---
  Expr* parse_star_expressions();           // a, *b, c  (Tuple when there is a comma)
  Expr* parse_star_expression();
  Expr* parse_star_named_expressions_tuple(const Location& start, Expr* first);
  Expr* parse_expressions();                // expression (',' expression)* [',']
  Expr* parse_expression();                 // ternary / lambda
  Expr* parse_named_expression();           // NAME ':=' expression | expression
  Expr* parse_star_named_expression();      // '*' bitwise_or | named_expression
  bool parse_comma_tail(SeqBuilder<Expr*>& elts, Expr* (Parser::*element)(), Op closer);
  Expr* finish_tuple(const Location& start, SeqBuilder<Expr*>& elts);
  Expr* parse_bool_chain(Kw keyword, ast::BoolOpKind kind, Expr* (Parser::*operand)());
  Expr* parse_disjunction();
  Expr* parse_conjunction();
  Expr* parse_inversion();
  Expr* parse_comparison();
  Expr* parse_bitwise_or();
  Expr* parse_binary(int level);
  Expr* parse_factor();
  Expr* parse_power();
  Expr* parse_await_primary();
  Expr* parse_primary(bool allow_call = true);
  Expr* parse_atom();
  Expr* parse_paren_atom();
  Expr* parse_list_atom();
  Expr* parse_brace_atom();
  Expr* parse_lambda();
  Expr* parse_yield_expr();
  Expr* parse_slices();
  Expr* parse_slice();
  Expr* parse_call(Expr* func);
  Seq<Comprehension*> parse_comprehension_clauses();
  Expr* parse_star_targets_for();          // the target of `for` (stops before 'in')
  Arguments* parse_parameters(Op closer, bool lambda);
  Arguments* empty_arguments();

  // --- strings (parser_strings.cpp) ---
  Expr* parse_strings();
  Expr* parse_fstring_replacement(bool is_template, std::string_view* text_out);

  // --- targets (parser_targets.cpp) ---
  bool set_context(Expr* e, ExprContext ctx);
  const char* expr_description(const Expr* e);
  bool check_assign_target(Expr* e, bool for_aug);

  // --- patterns (parser_patterns.cpp) ---
  Pattern* parse_patterns();
  Pattern* parse_pattern();
  Pattern* parse_or_pattern();
  Pattern* parse_closed_pattern();
  Expr* parse_pattern_value_expr();

  std::string_view src_;
  Tokenizer tz_;
  Arena& arena_;
  // A deque: the parser holds `const Token&` across calls that read further tokens, and a
  // deque never moves its elements when it grows (a vector would leave those references
  // dangling).
  std::deque<Token> toks_;
  size_t pos_ = 0;
  int depth_ = 0;
  bool failed_ = false;
  bool tokenizer_done_ = false;
  SyntaxErrorInfo err_;
  std::vector<SyntaxWarningInfo> warnings_;
  int in_paren_ = 0;  // >0 while parsing a parenthesised group (AnnAssign `simple`)
};

}  // namespace weft::compiler
