// vm/compiler/tokenizer.cpp — the on-demand tokenizer (see tokenizer.h for the token model).
//
// Why hand-written and on demand: the parser pulls tokens one at a time, exactly like CPython's
// PEG parser, so errors come out in source order and no token vector for a whole file is built
// before parsing starts.
//
// Modes: a stack of open f-/t-strings (fstrings_). With no f-string open, or inside a
// replacement field's expression, tokens are lexed normally. Inside an f-string's literal text
// or a format spec, lex_fstring_text() produces FSTRING_MIDDLE / '{' / '}' / FSTRING_END.
// A replacement field's '{' sits on the ordinary bracket stack (marked is_fstring_field), so the
// expression inside can contain any brackets and even strings with the same quotes (PEP 701);
// a ':' or '}' seen when that '{' is the innermost open bracket ends the expression.
//
// Invariants: cur_ never passes end_; the source ends with '\n'; line_start_ is the first byte
// of line lineno_. Columns are byte offsets from line_start_. Indentation columns count a tab
// to the next multiple of 8 (indents_) and as 1 (alt_indents_); the two disagreeing is TabError.
//
// Not yet: identifiers are accepted with any non-ASCII UTF-8 byte and are not NFKC-normalised
// (needs the Unicode 16.0 XID/NFKC tables).
#include "vm/compiler/tokenizer.h"

#include <cstring>

namespace weft::compiler {

namespace {

struct OpSpelling {
  Op op;
  const char* text;
};
constexpr OpSpelling kOps[] = {
#define WEFT_TOKEN_OP_ROW(name, text) {Op::name, text},
    WEFT_TOKEN_OPS(WEFT_TOKEN_OP_ROW)
#undef WEFT_TOKEN_OP_ROW
};

struct KeywordSpelling {
  Kw kw;
  const char* text;
};
constexpr KeywordSpelling kKeywords[] = {
#define WEFT_KEYWORD_ROW(name) {Kw::kw_##name, #name},
    WEFT_KEYWORDS(WEFT_KEYWORD_ROW)
#undef WEFT_KEYWORD_ROW
};

bool is_ident_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool is_ident_char(unsigned char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Longest operator spelled at `p` (3, 2 or 1 bytes), or Op::None.
Op match_op(const char* p, const char* end, int* length) {
  for (int len = 3; len >= 1; --len) {
    if (end - p < len) continue;
    for (const OpSpelling& s : kOps) {
      if (std::strlen(s.text) == size_t(len) && std::memcmp(s.text, p, len) == 0) {
        *length = len;
        return s.op;
      }
    }
  }
  return Op::None;
}

// Which string prefixes are legal (case-insensitive): r u b br rb f fr rf t tr rt.
bool valid_prefix(std::string_view p, bool* is_f, bool* is_t, bool* raw) {
  *is_f = *is_t = *raw = false;
  if (p.size() > 2) return false;
  bool b = false, u = false;
  for (char c : p) {
    switch (c | 0x20) {
      case 'r': if (*raw) return false; *raw = true; break;
      case 'b': if (b) return false; b = true; break;
      case 'u': if (u) return false; u = true; break;
      case 'f': if (*is_f) return false; *is_f = true; break;
      case 't': if (*is_t) return false; *is_t = true; break;
      default: return false;
    }
  }
  if (u && p.size() > 1) return false;
  if ((b ? 1 : 0) + (*is_f ? 1 : 0) + (*is_t ? 1 : 0) > 1) return false;
  return true;
}

}  // namespace

const char* op_text(Op op) {
  for (const OpSpelling& s : kOps)
    if (s.op == op) return s.text;
  return "";
}

// --- source preparation ------------------------------------------------------------------------

namespace {
// The PEP 263 declaration in one line, if any ("# -*- coding: latin-1 -*-").
bool find_coding(std::string_view line, std::string* name) {
  size_t hash = line.find('#');
  if (hash == std::string_view::npos) return false;
  for (size_t i = 0; i < hash; ++i)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\f') return false;
  size_t at = line.find("coding", hash);
  if (at == std::string_view::npos || at + 6 >= line.size()) return false;
  if (line[at + 6] != ':' && line[at + 6] != '=') return false;
  size_t i = at + 7;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  size_t start = i;
  while (i < line.size() && (isalnum(static_cast<unsigned char>(line[i])) || line[i] == '-' ||
                             line[i] == '_' || line[i] == '.'))
    ++i;
  if (i == start) return false;
  *name = std::string(line.substr(start, i - start));
  return true;
}

std::string normalize_encoding(std::string name) {
  for (char& c : name) c = (c == '_') ? '-' : char(tolower(static_cast<unsigned char>(c)));
  if (name == "utf-8" || name.rfind("utf-8-", 0) == 0 || name == "utf8") return "utf-8";
  if (name == "latin-1" || name == "iso-8859-1" || name == "iso-latin-1" ||
      name.rfind("latin-1-", 0) == 0 || name.rfind("iso-8859-1-", 0) == 0)
    return "iso-8859-1";
  return name;
}

// Index of the first invalid UTF-8 byte, or npos.
size_t invalid_utf8_at(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) { ++i; continue; }
    int len = (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    if (!len || i + len > n) return i;
    for (int k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    unsigned char c1 = s[i + 1];
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F))
      return i;
    i += len;
  }
  return std::string_view::npos;
}
}  // namespace

bool prepare_source(std::string_view raw, bool is_bytes, std::string* out, SyntaxErrorInfo* error) {
  std::string decoded;
  std::string_view text = raw;
  if (is_bytes) {
    bool bom = text.substr(0, 3) == "\xEF\xBB\xBF";
    if (bom) text.remove_prefix(3);
    std::string encoding = "utf-8";
    // The declaration may be on line 1, or on line 2 when line 1 is a comment or blank.
    size_t nl = text.find('\n');
    std::string_view line1 = text.substr(0, nl);
    std::string name;
    bool found = find_coding(line1, &name);
    if (!found && nl != std::string_view::npos) {
      size_t k = 0;
      while (k < line1.size() && (line1[k] == ' ' || line1[k] == '\t' || line1[k] == '\f')) ++k;
      if (k == line1.size() || line1[k] == '#' || line1[k] == '\r') {
        std::string_view rest = text.substr(nl + 1);
        found = find_coding(rest.substr(0, rest.find('\n')), &name);
      }
    }
    if (found) {
      encoding = normalize_encoding(name);
      if (encoding != "utf-8" && encoding != "iso-8859-1") {
        error->message = "unknown encoding: " + name;
        error->lineno = 0;
        return false;
      }
      if (bom && encoding != "utf-8") {
        error->message = "encoding problem: " + name + " with BOM";
        return false;
      }
    }
    if (encoding == "iso-8859-1") {
      for (unsigned char c : text) {
        if (c < 0x80) {
          decoded.push_back(char(c));
        } else {
          decoded.push_back(char(0xC0 | (c >> 6)));
          decoded.push_back(char(0x80 | (c & 0x3F)));
        }
      }
      text = decoded;
    }
  }
  size_t bad = invalid_utf8_at(text);
  if (bad != std::string_view::npos) {
    int line = 1;
    for (size_t i = 0; i < bad; ++i) line += text[i] == '\n';
    char buf[8];
    snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(text[bad]));
    error->message = std::string("(unicode error) 'utf-8' codec can't decode byte 0x") + buf +
                     " in position " + std::to_string(bad) + ": invalid start byte";
    error->lineno = error->end_lineno = line;
    error->offset = error->end_offset = 0;
    return false;
  }
  out->clear();
  out->reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out->push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out->push_back(text[i]);
    }
  }
  if (out->empty() || out->back() != '\n') out->push_back('\n');
  return true;
}

// --- the tokenizer ----------------------------------------------------------------------------

Tokenizer::Tokenizer(std::string_view source)
    : src_(source), cur_(source.data()), end_(source.data() + source.size()),
      line_start_(source.data()) {}

bool Tokenizer::fail(std::string message, int lineno, int offset, int end_lineno,
                     int end_offset, SyntaxErrorKind kind) {
  error_.kind = kind;
  error_.message = std::move(message);
  error_.lineno = lineno;
  error_.offset = offset;
  error_.end_lineno = end_lineno;
  error_.end_offset = end_offset;
  return false;
}

// A number running into a keyword (`1if x else y`): valid today, deprecated, so CPython warns
// (and it is an error under `-W error`).
void Tokenizer::warn_number_end(const char* kind, const char* at) {
  int off = col_of(at);
  warnings_.push_back({std::string("invalid ") + kind + " literal", {}, lineno_, off, lineno_, off});
}

bool Tokenizer::fail_here(std::string message, const char* at) {
  int off = col_of(at) + 1;
  return fail(std::move(message), lineno_, off, lineno_, off);
}

void Tokenizer::make(Token* out, TokenKind kind, const char* start, const char* end) {
  // `start` is on the line where the token began; the token may span lines (strings), in which
  // case cur_/lineno_/line_start_ were advanced while scanning.
  out->kind = kind;
  out->op = Op::None;
  out->keyword = Kw::NotKeyword;
  out->text = std::string_view(start, size_t(end - start));
  out->end_lineno = lineno_;
  out->end_col_offset = int(end - line_start_);
  cur_ = end;
}

bool Tokenizer::next(Token* out) {
  if (pending_dedents_ > 0) {
    --pending_dedents_;
    *out = Token{};
    out->kind = TokenKind::Dedent;
    out->lineno = out->end_lineno = lineno_;
    out->col_offset = out->end_col_offset = col_of(cur_);
    return true;
  }
  if (!fstrings_.empty()) {
    FString& fs = fstrings_.back();
    if (fs.field_bracket < 0 || fs.in_spec) return lex_fstring_text(out);
  }
  if (at_bol_ && brackets_.empty()) {
    bool produced = false;
    if (!at_line_start(out, &produced)) return false;
    if (produced) return true;
  }
  return lex_regular(out);
}

// Measures the indentation of the next non-blank line and produces INDENT/DEDENT as needed.
bool Tokenizer::at_line_start(Token* out, bool* produced) {
  for (;;) {
    if (cur_ == end_) break;  // EOF: lex_regular emits the closing DEDENTs and ENDMARKER
    int col = 0, alt = 0;
    const char* p = cur_;
    for (; p < end_; ++p) {
      if (*p == ' ') { ++col; ++alt; }
      else if (*p == '\t') { col = (col / 8 + 1) * 8; ++alt; }
      else if (*p == '\f') { col = alt = 0; }
      else break;
    }
    if (*p == '#' || *p == '\n') {  // blank or comment-only line: no indentation tokens
      if (extra_tokens_) {  // COMMENT (cur_ stops at the '\n'), then NL on the next call
        *out = Token{};
        out->lineno = lineno_;
        out->col_offset = col_of(p);
        if (*p == '#') {
          const char* e = p;
          while (*e != '\n') ++e;
          make(out, TokenKind::Comment, p, e);
        } else {
          make(out, TokenKind::NL, p, p + 1);
          ++lineno_;
          line_start_ = cur_;
        }
        *produced = true;
        return true;
      }
      while (*p != '\n') ++p;
      cur_ = p + 1;
      ++lineno_;
      line_start_ = cur_;
      continue;
    }
    if (*p == '\\' && p + 1 < end_ && p[1] == '\n') {  // a continuation on an otherwise empty line
      break;
    }
    at_bol_ = false;
    cur_ = p;
    if (col == indents_.back()) {
      if (alt != alt_indents_.back()) break;
      return true;
    }
    if (col > indents_.back()) {
      if (int(indents_.size()) >= kMaxIndentDepth)
        return fail("too many levels of indentation", lineno_, col_of(p) + 1, lineno_, 0,
                    SyntaxErrorKind::IndentationError);
      if (alt <= alt_indents_.back()) {
        return fail("inconsistent use of tabs and spaces in indentation", lineno_, 1, lineno_, 0,
                    SyntaxErrorKind::TabError);
      }
      indents_.push_back(col);
      alt_indents_.push_back(alt);
      *out = Token{};
      out->kind = TokenKind::Indent;
      out->lineno = out->end_lineno = lineno_;
      // col_offset -1 as CPython's INDENT; end_col_offset records the indentation width, which
      // "unexpected indent" reports as its offset.
      out->col_offset = -1;
      out->end_col_offset = col_of(p);
      *produced = true;
      return true;
    }
    int dedents = 0;
    while (indents_.size() > 1 && col < indents_.back()) {
      indents_.pop_back();
      alt_indents_.pop_back();
      ++dedents;
    }
    if (col != indents_.back())
      return fail("unindent does not match any outer indentation level", lineno_,
                  col_of(p) + 2, lineno_, -1, SyntaxErrorKind::IndentationError);
    if (alt != alt_indents_.back())
      return fail("inconsistent use of tabs and spaces in indentation", lineno_, 1, lineno_, 0,
                  SyntaxErrorKind::TabError);
    pending_dedents_ = dedents - 1;
    *out = Token{};
    out->kind = TokenKind::Dedent;
    out->lineno = out->end_lineno = lineno_;
    out->col_offset = out->end_col_offset = col_of(p);
    *produced = true;
    return true;
  }
  if (cur_ != end_) {
    // Mismatched tab/space use at an unchanged level.
    return fail("inconsistent use of tabs and spaces in indentation", lineno_, 1, lineno_, 0,
                SyntaxErrorKind::TabError);
  }
  return true;
}

int Tokenizer::line_of_offset(const char* p) const {
  int line = 1;
  for (const char* q = src_.data(); q < p; ++q) line += *q == '\n';
  return line;
}

bool Tokenizer::lex_regular(Token* out) {
  for (;;) {
    // Skip whitespace, comments and (inside brackets) newlines and continuations.
    while (cur_ < end_ && (*cur_ == ' ' || *cur_ == '\t' || *cur_ == '\f')) ++cur_;
    if (cur_ == end_) break;
    char c = *cur_;
    if (c == '#') {
      const char* e = cur_;
      while (*e != '\n') ++e;
      if (extra_tokens_) {
        *out = Token{};
        out->lineno = lineno_;
        out->col_offset = col_of(cur_);
        make(out, TokenKind::Comment, cur_, e);
        return true;
      }
      cur_ = e;
      continue;
    }
    if (c == '\\') {
      if (cur_ + 1 < end_ && cur_[1] == '\n') {
        cur_ += 2;
        ++lineno_;
        line_start_ = cur_;
        if (cur_ == end_) {
          failure_ = Failure::EofAfterContinuation;
          return fail("unexpected EOF while parsing", lineno_ - 1, col_of(cur_) + 1, lineno_ - 1, 0);
        }
        continue;
      }
      failure_ = Failure::LineContinuation;
      return fail("unexpected character after line continuation character", lineno_,
                  col_of(cur_) + 2, lineno_, 0);
    }
    if (c == '\n') {
      if (!brackets_.empty()) {
        if (extra_tokens_) {
          *out = Token{};
          out->lineno = lineno_;
          out->col_offset = col_of(cur_);
          make(out, TokenKind::NL, cur_, cur_ + 1);
          ++lineno_;
          line_start_ = cur_;
          return true;
        }
        ++cur_;
        ++lineno_;
        line_start_ = cur_;
        continue;
      }
      *out = Token{};
      out->lineno = lineno_;
      out->col_offset = col_of(cur_);
      make(out, TokenKind::Newline, cur_, cur_ + 1);
      ++lineno_;
      line_start_ = cur_;
      at_bol_ = true;
      return true;
    }
    break;
  }

  *out = Token{};
  out->lineno = lineno_;
  out->col_offset = col_of(cur_);
  if (cur_ == end_) {
    if (extra_tokens_ && !brackets_.empty()) {
      // CPython's E_EOF: the last line, and the offset of the end of input from the start of
      // the line that opened the (outermost) f-string, or 0 outside f-strings.
      failure_ = Failure::EofInBrackets;
      int offset = 0;
      if (!fstrings_.empty()) {
        const char* first = src_.data();
        for (int line = 1; line < fstrings_.front().lineno; ++first) line += *first == '\n';
        offset = int(end_ - first);
      }
      return fail("unexpected EOF in multi-line statement", lineno_ - 1, offset, lineno_ - 1, offset);
    }
    if (!fstrings_.empty()) {
      const FString& fs = fstrings_.back();
      return fail(std::string("unterminated ") + (fs.is_template ? "t" : "f") +
                      "-string literal (detected at line " + std::to_string(lineno_ - 1) + ")",
                  fs.lineno, fs.col + 1, fs.lineno, fs.col + 1);
    }
    if (!brackets_.empty()) {
      const Bracket& b = brackets_.back();
      failure_ = Failure::EofInBrackets;
      return fail(std::string("'") + b.ch + "' was never closed", b.lineno, b.col + 1, b.lineno, 0);
    }
    if (indents_.size() > 1) {
      indents_.pop_back();
      alt_indents_.pop_back();
      ++eof_dedents_;
      out->kind = TokenKind::Dedent;
      out->lineno = out->end_lineno = lineno_;
      out->col_offset = out->end_col_offset = 0;
      return true;
    }
    out->kind = TokenKind::EndMarker;
    out->end_lineno = lineno_;
    out->end_col_offset = 0;
    return true;
  }

  const char* start = cur_;
  unsigned char c = static_cast<unsigned char>(*cur_);
  if (is_ident_start(c)) return lex_name(start, out);
  if (is_digit(char(c)) || (c == '.' && is_digit(cur_[1]))) return lex_number(start, out);
  if (c == '"' || c == '\'') return lex_string(start, start, out);

  // Inside an f-string replacement field, ':' and '}' at the field's own level end the
  // expression (before ':=' and '!=' are considered: f"{x:=5}" has the format spec "=5").
  if (!fstrings_.empty() && !brackets_.empty()) {
    FString& fs = fstrings_.back();
    if (fs.field_bracket == int(brackets_.size()) - 1 && (c == ':' || c == '}')) {
      make(out, TokenKind::Op, start, start + 1);
      if (c == ':') {
        out->op = Op::Colon;
        fs.in_spec = true;
      } else {
        out->op = Op::RBrace;
        close_bracket();
      }
      return true;
    }
  }

  // CPython's tokenize reports these as OP tokens (the parser rejects them later).
  if (extra_tokens_ && (c == '$' || c == '?' || c == '`' || (c == '<' && cur_[1] == '>'))) {
    make(out, TokenKind::Op, start, start + (c == '<' ? 2 : 1));
    return true;
  }
  int len = 0;
  Op op = match_op(cur_, end_, &len);
  if (op == Op::None) {
    if (c == '$' || c == '?' || c == '`') return fail("invalid syntax", lineno_, col_of(cur_) + 1, lineno_, col_of(cur_) + 2);
    char buf[64];
    snprintf(buf, sizeof buf, "invalid non-printable character U+%04X", c);
    return fail_here(buf, cur_);
  }
  make(out, TokenKind::Op, start, start + len);
  out->op = op;
  switch (op) {
    case Op::LPar: case Op::LSqb: case Op::LBrace:
      if (int(brackets_.size()) >= kMaxBracketDepth)
        return fail("too many nested parentheses", lineno_, out->col_offset + 1, lineno_, out->col_offset + 1);
      brackets_.push_back({char(c), lineno_, out->col_offset, false});
      break;
    case Op::RPar: case Op::RSqb: case Op::RBrace: {
      if (extra_tokens_) {  // CPython's tokenize leaves bracket mismatches to the parser
        if (!brackets_.empty()) close_bracket();
        break;
      }
      if (brackets_.empty())
        return fail(std::string("unmatched '") + char(c) + "'", lineno_, out->col_offset + 1,
                    lineno_, out->col_offset + 1);
      const Bracket& b = brackets_.back();
      char want = b.ch == '(' ? ')' : b.ch == '[' ? ']' : '}';
      if (want != char(c)) {
        std::string msg = std::string(b.is_fstring_field ? "f-string: " : "") +
                          "closing parenthesis '" + char(c) +
                          "' does not match opening parenthesis '" + b.ch + "'";
        if (b.lineno != lineno_) msg += " on line " + std::to_string(b.lineno);
        return fail(std::move(msg), lineno_, out->col_offset + 1, lineno_, out->col_offset + 1);
      }
      brackets_.pop_back();
      break;
    }
    default:
      break;
  }
  return true;
}

void Tokenizer::close_bracket() {
  bool was_field = brackets_.back().is_fstring_field;
  brackets_.pop_back();
  if (!was_field || fstrings_.empty()) return;
  FString& fs = fstrings_.back();
  if (!fs.outer_fields.empty()) {
    fs.field_bracket = fs.outer_fields.back().first;
    fs.in_spec = fs.outer_fields.back().second;
    fs.outer_fields.pop_back();
  } else {
    fs.field_bracket = -1;
    fs.in_spec = false;
  }
}

bool Tokenizer::lex_name(const char* start, Token* out) {
  const char* p = start;
  while (p < end_ && is_ident_char(static_cast<unsigned char>(*p))) ++p;
  if (p < end_ && (*p == '"' || *p == '\'')) {
    bool f, t, raw;
    if (valid_prefix(std::string_view(start, size_t(p - start)), &f, &t, &raw))
      return lex_string(start, p, out);
  }
  make(out, TokenKind::Name, start, p);
  for (const KeywordSpelling& k : kKeywords) {
    if (out->text == k.text) {
      out->keyword = k.kw;
      break;
    }
  }
  return true;
}

bool Tokenizer::lex_number(const char* start, Token* out) {
  const char* p = start;
  auto fail_decimal = [&](const char* at) { return fail_here("invalid decimal literal", at); };
  // Digits with single underscores between them; returns false (error set) on a bad '_'.
  auto digits = [&](bool (*ok)(char), const char* kind) -> bool {
    while (p < end_) {
      if (ok(*p)) { ++p; continue; }
      if (*p == '_') {
        if (p + 1 < end_ && ok(p[1])) { p += 2; continue; }
        return fail_here(std::string("invalid ") + kind + " literal", p);
      }
      break;
    }
    return true;
  };
  // After a number, an identifier character (other than a keyword start we allow, as CPython
  // does for `1if x else y`) is an error.
  auto check_end = [&](const char* kind) -> bool {
    if (extra_tokens_) return true;  // CPython's tokenize splits `1abc` into NUMBER, NAME
    if (p < end_ && is_ident_char(static_cast<unsigned char>(*p))) {
      static const char* const kAllowed[] = {"and", "else", "for", "if", "in", "is", "not", "or"};
      for (const char* kw : kAllowed) {
        size_t n = std::strlen(kw);
        if (size_t(end_ - p) >= n && std::memcmp(p, kw, n) == 0) {
          // Valid today, deprecated: CPython warns (an error under -Werror).
          warn_number_end(kind, p);
          return true;
        }
      }
      if (std::strcmp(kind, "decimal") == 0) return fail_decimal(start);
      return fail_here(std::string("invalid ") + kind + " literal", p);
    }
    return true;
  };
  auto finish = [&]() {
    make(out, TokenKind::Number, start, p);
    return true;
  };

  if (*p == '0' && p + 1 < end_ && (p[1] == 'x' || p[1] == 'X' || p[1] == 'o' || p[1] == 'O' ||
                                    p[1] == 'b' || p[1] == 'B')) {
    char base = char(p[1] | 0x20);
    const char* kind = base == 'x' ? "hexadecimal" : base == 'o' ? "octal" : "binary";
    bool (*ok)(char) = base == 'x' ? [](char ch) { return is_hex(ch); }
                     : base == 'o' ? [](char ch) { return ch >= '0' && ch <= '7'; }
                                   : [](char ch) { return ch == '0' || ch == '1'; };
    p += 2;
    if (p < end_ && *p == '_') ++p;
    if (!(p < end_ && ok(*p))) {
      if (p < end_ && is_digit(*p) && base != 'x')
        return fail_here(std::string("invalid digit '") + *p + "' in " + kind + " literal", p);
      return fail_here(std::string("invalid ") + kind + " literal", p - 1);
    }
    if (!digits(ok, kind)) return false;
    if (p < end_ && is_digit(*p) && base != 'x')
      return fail_here(std::string("invalid digit '") + *p + "' in " + kind + " literal", p);
    if (!check_end(kind)) return false;
    return finish();
  }

  auto dec = [](char ch) { return is_digit(ch); };
  bool is_float = false;
  bool leading_zero_error = false;
  if (*p != '.') {
    bool all_zero = true;
    bool starts_zero = *p == '0';
    const char* digits_start = p;
    if (!digits(dec, "decimal")) return false;
    for (const char* q = digits_start; q < p; ++q)
      if (*q != '0' && *q != '_') all_zero = false;
    leading_zero_error = starts_zero && !all_zero;
  }
  if (p < end_ && *p == '.') {
    is_float = true;
    ++p;
    if (p < end_ && is_digit(*p) && !digits(dec, "decimal")) return false;
  }
  if (p < end_ && (*p == 'e' || *p == 'E')) {
    const char* e = p;
    ++p;
    if (p < end_ && (*p == '+' || *p == '-')) ++p;
    if (!(p < end_ && is_digit(*p))) {
      p = e;
      if (extra_tokens_) return finish();  // `1e` is NUMBER '1', NAME 'e'
      if (size_t(end_ - e) >= 4 && std::memcmp(e, "else", 4) == 0) {  // `1else`: deprecated
        warn_number_end("decimal", e);
        return finish();
      }
      return fail_decimal(start);
    }
    if (!digits(dec, "decimal")) return false;
    is_float = true;
  }
  if (p < end_ && (*p == 'j' || *p == 'J')) {
    ++p;
    is_float = true;
  }
  if (leading_zero_error && !is_float && !extra_tokens_) {
    return fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix "
                "for octal integers",
                lineno_, col_of(start) + 1, lineno_, col_of(p) + 1);
  }
  if (!check_end("decimal")) return false;
  return finish();
}

bool Tokenizer::lex_string(const char* start, const char* quote_at, Token* out) {
  bool is_f = false, is_t = false, raw = false;
  valid_prefix(std::string_view(start, size_t(quote_at - start)), &is_f, &is_t, &raw);
  char quote = *quote_at;
  int quote_size = (end_ - quote_at >= 3 && quote_at[1] == quote && quote_at[2] == quote) ? 3 : 1;
  const char* p = quote_at + quote_size;
  int start_line = lineno_;
  int start_col = col_of(start);

  if (is_f || is_t) {
    make(out, is_t ? TokenKind::TStringStart : TokenKind::FStringStart, start, p);
    if (fstrings_.size() >= 150)
      return fail("too many nested f-strings", lineno_, start_col + 1, lineno_, start_col + 1);
    fstrings_.push_back({quote, quote_size, raw, is_t, start_line, start_col, -1, false, {}});
    return true;
  }

  for (;;) {
    if (p >= end_ || (quote_size == 1 && *p == '\n')) {
      // Inside an f-string field a stray quote of the enclosing string means the field was not
      // closed: f"{x" reads as the field `x` running into the f-string's end.
      if (!fstrings_.empty() && fstrings_.back().field_bracket >= 0 &&
          fstrings_.back().quote == quote && quote_size <= fstrings_.back().quote_size) {
        return fail(std::string(fstrings_.back().is_template ? "t" : "f") +
                        "-string: expecting '}'",
                    start_line, start_col + 1, start_line, start_col + 1);
      }
      failure_ = Failure::EndOfInputInString;
      if (quote_size == 3) {
        return fail("unterminated triple-quoted string literal (detected at line " +
                        std::to_string(lineno_ - (p >= end_ ? 1 : 0)) + ")",
                    start_line, start_col + 1, start_line, start_col + 1);
      }
      return fail("unterminated string literal (detected at line " +
                      std::to_string(lineno_ - (p >= end_ ? 1 : 0)) + ")",
                  start_line, start_col + 1, start_line, start_col + 1);
    }
    char c = *p;
    if (c == '\\' && p + 1 < end_) {
      if (p[1] == '\n') {
        p += 2;
        ++lineno_;
        line_start_ = p;
        continue;
      }
      p += 2;
      continue;
    }
    if (c == quote && (quote_size == 1 || (end_ - p >= 3 && p[1] == quote && p[2] == quote))) {
      p += quote_size;
      break;
    }
    if (c == '\n') {
      ++lineno_;
      line_start_ = p + 1;
    }
    ++p;
  }
  out->lineno = start_line;
  out->col_offset = start_col;
  make(out, TokenKind::String, start, p);
  return true;
}

// Literal text and format specs of the innermost f-string.
bool Tokenizer::lex_fstring_text(Token* out) {
  FString& fs = fstrings_.back();
  const char* p = cur_;
  int start_line = lineno_;
  const char* start_line_start = line_start_;
  *out = Token{};
  out->lineno = lineno_;
  out->col_offset = col_of(cur_);
  const char* kind_prefix = fs.is_template ? "t" : "f";
  TokenKind middle = fs.is_template ? TokenKind::TStringMiddle : TokenKind::FStringMiddle;
  auto emit_middle = [&]() {
    out->lineno = start_line;
    out->col_offset = int(cur_ - start_line_start);
    make(out, middle, cur_, p);
    return true;
  };
  auto unterminated = [&]() {
    if (fs.quote_size == 3) failure_ = Failure::EndOfInputInString;
    return fail(std::string("unterminated ") + (fs.quote_size == 3 ? "triple-quoted " : "") +
                    kind_prefix + "-string literal (detected at line " +
                    std::to_string(lineno_) + ")",
                fs.lineno, fs.col + 1, fs.lineno, fs.col + 1);
  };
  for (;;) {
    if (p >= end_) {
      --lineno_;  // the final '\n' was counted; report the last real line
      return unterminated();
    }
    char c = *p;
    bool closing = c == fs.quote &&
                   (fs.quote_size == 1 || (end_ - p >= 3 && p[1] == fs.quote && p[2] == fs.quote));
    if (closing) {
      if (fs.in_spec)
        return fail(std::string(kind_prefix) + "-string: expecting '}'", lineno_, col_of(p) + 1,
                    lineno_, col_of(p) + 1);
      if (p > cur_) return emit_middle();
      make(out, fs.is_template ? TokenKind::TStringEnd : TokenKind::FStringEnd, p, p + fs.quote_size);
      fstrings_.pop_back();
      return true;
    }
    if (c == '\n') {
      if (fs.quote_size == 1) {
        if (fs.in_spec)
          return fail(std::string(kind_prefix) + "-string: newlines are not allowed in format specifiers for single quoted " + kind_prefix + "-strings",
                      lineno_, col_of(p) + 1, lineno_, col_of(p) + 1);
        return unterminated();
      }
      ++p;
      ++lineno_;
      line_start_ = p;
      continue;
    }
    if (c == '\\' && p + 1 < end_) {
      char n = p[1];
      if (n == '{' || n == '}') { ++p; continue; }
      if (!fs.raw && n == 'N' && p + 2 < end_ && p[2] == '{') {
        const char* q = p + 3;
        while (q < end_ && *q != '}' && *q != '\n' && *q != fs.quote) ++q;
        p = (q < end_ && *q == '}') ? q + 1 : p + 2;
        continue;
      }
      if (n == '\n') {
        p += 2;
        ++lineno_;
        line_start_ = p;
        continue;
      }
      p += 2;
      continue;
    }
    if (c == '{') {
      if (!fs.in_spec && p + 1 < end_ && p[1] == '{') {
        if (!extra_tokens_) { p += 2; continue; }
        ++p;  // extra mode: the piece ends after the first brace; the second is skipped
        emit_middle();
        ++cur_;
        return true;
      }
      if (p > cur_) return emit_middle();
      if (int(brackets_.size()) >= kMaxBracketDepth)
        return fail("too many nested parentheses", lineno_, col_of(p) + 1, lineno_, col_of(p) + 1);
      if (fs.in_spec) {
        if (fs.outer_fields.size() >= 1)
          return fail(std::string(kind_prefix) + "-string: expressions nested too deeply", lineno_,
                      col_of(p) + 1, lineno_, col_of(p) + 1);
        fs.outer_fields.push_back({fs.field_bracket, true});
      }
      make(out, TokenKind::Op, p, p + 1);
      out->op = Op::LBrace;
      brackets_.push_back({'{', lineno_, col_of(p), true});
      fs.field_bracket = int(brackets_.size()) - 1;
      fs.in_spec = false;
      return true;
    }
    if (c == '}') {
      if (!fs.in_spec) {
        if (p + 1 < end_ && p[1] == '}') {
          if (!extra_tokens_) { p += 2; continue; }
          ++p;
          emit_middle();
          ++cur_;
          return true;
        }
        return fail(std::string(kind_prefix) + "-string: single '}' is not allowed", lineno_,
                    col_of(p) + 1, lineno_, col_of(p) + 1);
      }
      // Extra mode: the spec's text comes out before its '}' even when empty (CPython's shape).
      if (p > cur_ || (extra_tokens_ && !spec_end_middle_done_)) {
        spec_end_middle_done_ = true;
        return emit_middle();
      }
      spec_end_middle_done_ = false;
      make(out, TokenKind::Op, p, p + 1);
      out->op = Op::RBrace;
      close_bracket();
      return true;
    }
    ++p;
  }
}

}  // namespace weft::compiler
