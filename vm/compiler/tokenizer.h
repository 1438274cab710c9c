// vm/compiler/tokenizer.h — Python 3.14 source to tokens (the lexical half of the front end).
//
// The tokenizer runs on demand: the parser asks for one token at a time, so a lexical error
// after a syntax error is never reported first (CPython's order). It works on UTF-8 text whose
// newlines are already "\n" only and which ends with "\n" (prepare_source() makes it so).
//
// Tokens mirror CPython's token module: NAME, NUMBER, STRING, OP, NEWLINE, INDENT, DEDENT,
// ENDMARKER, and the PEP 701 f-string tokens FSTRING_START/MIDDLE/END (TSTRING_* for PEP 750
// template strings). NL and COMMENT tokens are produced only in extra-tokens mode
// (set_extra_tokens(), for the `_tokenize` module); the parser never sees them.
// Positions are CPython's: 1-based lines, 0-based UTF-8 byte columns, exclusive ends.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vm/compiler/syntax_error.h"

namespace weft::compiler {

enum class TokenKind : uint8_t {
  EndMarker, Name, Number, String, Op, Newline, Indent, Dedent,
  FStringStart, FStringMiddle, FStringEnd, TStringStart, TStringMiddle, TStringEnd,
  Comment, NL,  // extra-tokens mode only
};

// Every operator/delimiter. The names follow CPython's token module.
#define WEFT_TOKEN_OPS(X)                                                                   \
  X(LPar, "(") X(RPar, ")") X(LSqb, "[") X(RSqb, "]") X(Colon, ":") X(Comma, ",")           \
  X(Semi, ";") X(Plus, "+") X(Minus, "-") X(Star, "*") X(Slash, "/") X(VBar, "|")           \
  X(Amper, "&") X(Less, "<") X(Greater, ">") X(Equal, "=") X(Dot, ".") X(Percent, "%")      \
  X(LBrace, "{") X(RBrace, "}") X(EqEqual, "==") X(NotEqual, "!=") X(LessEqual, "<=")       \
  X(GreaterEqual, ">=") X(Tilde, "~") X(Circumflex, "^") X(LeftShift, "<<")                 \
  X(RightShift, ">>") X(DoubleStar, "**") X(PlusEqual, "+=") X(MinEqual, "-=")              \
  X(StarEqual, "*=") X(SlashEqual, "/=") X(PercentEqual, "%=") X(AmperEqual, "&=")          \
  X(VBarEqual, "|=") X(CircumflexEqual, "^=") X(LeftShiftEqual, "<<=")                      \
  X(RightShiftEqual, ">>=") X(DoubleStarEqual, "**=") X(DoubleSlash, "//")                  \
  X(DoubleSlashEqual, "//=") X(At, "@") X(AtEqual, "@=") X(RArrow, "->") X(Ellipsis, "...") \
  X(ColonEqual, ":=") X(Exclamation, "!")
enum class Op : uint8_t {
  None,
#define WEFT_TOKEN_OP_ENUM(name, text) name,
  WEFT_TOKEN_OPS(WEFT_TOKEN_OP_ENUM)
#undef WEFT_TOKEN_OP_ENUM
};
const char* op_text(Op op);

// Hard keywords, classified by the tokenizer so the parser compares one byte.
#define WEFT_KEYWORDS(X)                                                                     \
  X(False) X(None) X(True) X(and) X(as) X(assert) X(async) X(await) X(break) X(class)        \
  X(continue) X(def) X(del) X(elif) X(else) X(except) X(finally) X(for) X(from) X(global)    \
  X(if) X(import) X(in) X(is) X(lambda) X(nonlocal) X(not) X(or) X(pass) X(raise) X(return)  \
  X(try) X(while) X(with) X(yield)
enum class Kw : uint8_t {
  NotKeyword,
#define WEFT_KEYWORD_ENUM(name) kw_##name,
  WEFT_KEYWORDS(WEFT_KEYWORD_ENUM)
#undef WEFT_KEYWORD_ENUM
};

struct Token {
  TokenKind kind = TokenKind::EndMarker;
  Op op = Op::None;                       // for Op tokens (extra mode: None for `$`, `?`, `<>`...)
  Kw keyword = Kw::NotKeyword;  // for Name tokens
  std::string_view text;                  // the source text (Indent/Dedent/EndMarker: empty)
  int lineno = 0, col_offset = 0, end_lineno = 0, end_col_offset = 0;
};

// Turns raw source bytes into what the tokenizer reads: decodes per the BOM / PEP 263 coding
// declaration (utf-8 and latin-1 are supported; any other name is "unknown encoding: X"),
// validates UTF-8, turns "\r\n" and "\r" into "\n", and ends the text with "\n".
// On failure fills `error` and returns false.
bool prepare_source(std::string_view raw, bool is_bytes, std::string* out, SyntaxErrorInfo* error);

class Tokenizer {
 public:
  // `source` must outlive the tokenizer and satisfy prepare_source()'s postconditions.
  explicit Tokenizer(std::string_view source);

  // Produces the next token; returns false with error() set on a lexical error.
  bool next(Token* out);
  const SyntaxErrorInfo& error() const { return error_; }
  // SyntaxWarnings met so far (a number running into `and`/`else`/`for`/`if`/`in`/`is`/`not`/
  // `or`: "invalid decimal literal"), for the caller to issue.
  const std::vector<SyntaxWarningInfo>& warnings() const { return warnings_; }

  // Extra-tokens mode reproduces what CPython's tokenizer gives the `tokenize` module (its
  // tok_extra_tokens): COMMENT and NL tokens; f-string literal text split after each `{{`/`}}`
  // (the piece keeps one brace, the second is skipped); an empty FSTRING_MIDDLE before the `}`
  // that closes a format spec; `$`, `?`, `` ` `` and `<>` as Op tokens with Op::None.
  // Call before the first next().
  void set_extra_tokens(bool on) { extra_tokens_ = on; }
  // Which kind of failure error() describes, for callers that report some differently
  // (`_tokenize` reports CPython's E_EOF and E_LINECONT errors with their own messages).
  // EndOfInputInString: a string literal still open where its line or the input ends (CPython's
  // E_EOFS / E_EOLS), which codeop treats as incomplete input.
  enum class Failure : uint8_t {
    Other, EofInBrackets, EofAfterContinuation, LineContinuation, EndOfInputInString
  };
  Failure failure() const { return failure_; }
  // How many blocks were still indented when the input ended (closed by DEDENTs made at EOF).
  int eof_dedents() const { return eof_dedents_; }
  // Whether every character of the input has been consumed.
  bool at_end() const { return cur_ >= end_; }

  // CPython's MAXLEVEL and MAXINDENT.
  static constexpr int kMaxBracketDepth = 200;
  static constexpr int kMaxIndentDepth = 100;

 private:
  struct Bracket {
    char ch;
    int lineno, col;
    bool is_fstring_field;  // the '{' that opened an f-string replacement field
  };
  struct FString {
    char quote;
    int quote_size;  // 1 or 3
    bool raw;
    bool is_template;
    int lineno, col;       // of the FSTRING_START token
    int field_bracket;     // bracket-stack index of the open field's '{', -1 when in literal
    bool in_spec;          // inside the open field's format spec
    std::vector<std::pair<int, bool>> outer_fields;  // enclosing (field_bracket, in_spec) when nested in a spec
  };

  bool fail(std::string message, int lineno, int offset, int end_lineno, int end_offset,
            SyntaxErrorKind kind = SyntaxErrorKind::SyntaxError);
  bool fail_here(std::string message, const char* at);  // at the byte `at` on the current line
  void warn_number_end(const char* kind, const char* at);

  bool at_line_start(Token* out, bool* produced);
  bool lex_regular(Token* out);
  bool lex_fstring_text(Token* out);
  bool lex_number(const char* start, Token* out);
  bool lex_string(const char* start, const char* prefix_end, Token* out);
  bool lex_name(const char* start, Token* out);
  void close_bracket();  // pops the innermost bracket; closing a replacement field ends it
  void make(Token* out, TokenKind kind, const char* start, const char* end);
  int col_of(const char* p) const { return int(p - line_start_); }
  int line_of_offset(const char* p) const;  // line number of a byte in a multi-line token

  std::string_view src_;
  const char* cur_;
  const char* end_;
  const char* line_start_;
  int lineno_ = 1;
  bool at_bol_ = true;
  int pending_dedents_ = 0;
  std::vector<int> indents_{0};     // columns, tabs to multiples of 8
  std::vector<int> alt_indents_{0}; // columns, tabs as 1 (TabError check)
  std::vector<Bracket> brackets_;
  std::vector<FString> fstrings_;
  SyntaxErrorInfo error_;
  std::vector<SyntaxWarningInfo> warnings_;
  Failure failure_ = Failure::Other;
  int eof_dedents_ = 0;
  bool extra_tokens_ = false;
  bool spec_end_middle_done_ = false;  // extra mode: the empty FSTRING_MIDDLE before a spec's '}' was given
};

}  // namespace weft::compiler
