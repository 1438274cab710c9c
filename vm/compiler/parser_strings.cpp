// vm/compiler/parser_strings.cpp — string literals: prefixes, escape decoding, implicit
// concatenation, and PEP 701 f-strings / PEP 750 t-strings built from the tokenizer's
// FSTRING_START/MIDDLE/END tokens.
//
// Literal text is decoded to code points (std::u32string) so escapes like "\ud800" survive
// (a str may hold lone surrogates; UTF-8 could not). Adjacent literal pieces are merged into a
// single Constant, as CPython does. "\N{name}" escapes look names up in objects/unicode_db.h.
#include "vm/compiler/parser_internal.h"

#include "objects/bytes.h"
#include "objects/str.h"
#include "objects/unicode_db.h"

namespace weft::compiler {

namespace {

struct Prefix {
  bool raw = false, bytes = false, f = false, t = false, u = false;
};

Prefix read_prefix(std::string_view text, size_t* len) {
  Prefix p;
  size_t i = 0;
  for (; i < text.size() && text[i] != '"' && text[i] != '\''; ++i) {
    switch (text[i] | 0x20) {
      case 'r': p.raw = true; break;
      case 'b': p.bytes = true; break;
      case 'f': p.f = true; break;
      case 't': p.t = true; break;
      case 'u': p.u = true; break;
    }
  }
  *len = i;
  return p;
}

// Decodes one UTF-8 sequence at s[i] (the source is valid UTF-8).
uint32_t next_code_point(std::string_view s, size_t* i) {
  unsigned char c = s[*i];
  if (c < 0x80) { ++*i; return c; }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  uint32_t cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += len;
  return cp;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// CPython decodes a literal after rewriting each non-ASCII character as a 10-byte "\\U%08x"
// escape, so its error positions count those characters as 10 bytes: the position of byte
// offset `at` of `body` in that rewritten text.
size_t escaped_position(std::string_view body, size_t at) {
  size_t pos = 0;
  for (size_t i = 0; i < at && i < body.size();) {
    size_t before = i;
    uint32_t cp = next_code_point(body, &i);
    pos += cp < 0x80 ? i - before : 10;
  }
  return pos;
}

// The SyntaxError text for a bad "\\N{...}" escape spanning body[start, end).
std::string named_escape_error(std::string_view body, size_t start, size_t end,
                               const unicode::NamedEscape& escape) {
  return "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
         std::to_string(escaped_position(body, start)) + "-" +
         std::to_string(escaped_position(body, end) - 1) + ": " + escape.reason();
}

}  // namespace

// Decodes the body of a literal (between the quotes) into `out` (code points; for bytes each
// "code point" is a byte). Returns an error message, or empty on success. The first escape
// CPython warns about (unknown, or octal above \377) is left in *invalid when it is empty.
static std::string decode_literal(std::string_view body, bool raw, bool bytes, bool halve_braces,
                                  std::u32string* out, InvalidEscape* invalid) {
  size_t i = 0;
  while (i < body.size()) {
    char c = body[i];
    if (halve_braces && (c == '{' || c == '}') && i + 1 < body.size() && body[i + 1] == c) {
      out->push_back(uint32_t(c));
      i += 2;
      continue;
    }
    if (c != '\\' || raw) {
      uint32_t cp = next_code_point(body, &i);
      if (bytes && cp >= 0x80) return "bytes can only contain ASCII literal characters";
      out->push_back(cp);
      continue;
    }
    if (i + 1 >= body.size()) {
      out->push_back('\\');
      ++i;
      continue;
    }
    char e = body[i + 1];
    size_t esc_start = i;
    i += 2;
    switch (e) {
      case '\n': break;
      case '\\': out->push_back('\\'); break;
      case '\'': out->push_back('\''); break;
      case '"': out->push_back('"'); break;
      case 'a': out->push_back(7); break;
      case 'b': out->push_back(8); break;
      case 'f': out->push_back(12); break;
      case 'n': out->push_back(10); break;
      case 'r': out->push_back(13); break;
      case 't': out->push_back(9); break;
      case 'v': out->push_back(11); break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = uint32_t(e - '0');
        for (int k = 0; k < 2 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++k, ++i)
          v = v * 8 + uint32_t(body[i] - '0');
        if (v > 0377 && invalid->text.empty()) *invalid = {std::string(body.substr(esc_start + 1, i - esc_start - 1)), true};
        out->push_back(bytes ? (v & 0xFF) : v);
        break;
      }
      case 'x': case 'u': case 'U': {
        if (bytes && e != 'x') {
          out->push_back('\\');
          out->push_back(uint32_t(e));
          break;
        }
        int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        uint32_t v = 0;
        int k = 0;
        for (; k < digits && i < body.size() && hex_value(body[i]) >= 0; ++k, ++i) v = v * 16 + uint32_t(hex_value(body[i]));
        if (k < digits) {
          return std::string("(") + (bytes ? "value error) invalid \\x escape at position " + std::to_string(esc_start)
                                           : std::string("unicode error) 'unicodeescape' codec can't decode bytes in position ") +
                                                 std::to_string(esc_start) + "-" + std::to_string(i - 1) + ": truncated \\" +
                                                 (e == 'x' ? "xXX" : e == 'u' ? "uXXXX" : "UXXXXXXXX") + " escape");
        }
        if (v > 0x10FFFF)
          return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(esc_start) +
                 "-" + std::to_string(i - 1) + ": illegal Unicode character";
        out->push_back(v);
        break;
      }
      case 'N':
        if (!bytes) {
          unicode::NamedEscape n = unicode::parse_named_escape(body.substr(i));
          if (n.kind != unicode::NamedEscape::kOk)
            return named_escape_error(body, esc_start, i + n.consumed, n);
          out->push_back(n.code_point);
          i += n.consumed;
          break;
        }
        [[fallthrough]];
      default: {
        // An unknown escape keeps its backslash (and CPython warns).
        if (invalid->text.empty()) *invalid = {std::string(1, e), false};
        out->push_back('\\');
        i = esc_start + 1;
        break;
      }
    }
  }
  return {};
}

// CPython's warn_invalid_escape_sequence: one SyntaxWarning per literal token, for its first
// bad escape; the SyntaxError text (under -Werror) drops the "will not work" sentence.
void Parser::warn_invalid_escape(const Token& t, const InvalidEscape& invalid) {
  if (invalid.text.empty()) return;
  std::string head = "\"\\" + invalid.text + "\" is an invalid " + (invalid.octal ? "octal " : "") +
                     "escape sequence. ";
  std::string tail = "Did you mean \"\\\\" + invalid.text + "\"? A raw string is also an option.";
  warn_at(t, head + "Such sequences will not work in the future. " + tail, head + tail);
}

Expr* Parser::parse_strings() {
  Location start = start_loc(cur());
  bool any_bytes = false, any_text = false, any_text_plain = false, any_f = false, any_t = false, first_u = false;
  bool first = true;
  std::u32string text;  // for the all-plain case and literal pieces
  SeqBuilder<Expr*> values(arena_);
  Location piece_start = start;
  auto flush = [&]() -> bool {
    if (text.empty()) return true;
    Constant* c = node<Constant>(span(piece_start));
    if (!c) return false;
    c->value = constant(str_from_code_points(reinterpret_cast<const uint32_t*>(text.data()), text.size()));
    if (!c->value) return false;
    text.clear();
    return push(values, static_cast<Expr*>(c));
  };

  while (at_kind(TokenKind::String) || at_kind(TokenKind::FStringStart) || at_kind(TokenKind::TStringStart)) {
    const Token& tok = advance();
    size_t plen = 0;
    Prefix p = read_prefix(tok.text, &plen);
    if (first) first_u = p.u;
    first = false;
    if (p.bytes) any_bytes = true; else any_text = true;
    if (!p.t) any_text_plain = true;
    if (p.t) any_t = true;
    if (p.f) any_f = true;
    if (any_bytes && any_text) {
      Location l = start_loc(tok);
      return fail_span(start, span(l), "cannot mix bytes and nonbytes literals");
    }
    if (tok.kind == TokenKind::String) {
      size_t q = (tok.text.size() - plen >= 6 && tok.text[plen] == tok.text[plen + 1] &&
                  tok.text[plen] == tok.text[plen + 2]) ? 3 : 1;
      std::string_view body = tok.text.substr(plen + q, tok.text.size() - plen - 2 * q);
      if (text.empty()) piece_start = start_loc(tok);
      InvalidEscape invalid;
      std::string err = decode_literal(body, p.raw, p.bytes, false, &text, &invalid);
      if (!err.empty()) return fail_at(tok, err);
      warn_invalid_escape(tok, invalid);
      continue;
    }
    // An f-string or t-string: MIDDLE pieces and replacement fields up to its END.
    bool is_t = tok.kind == TokenKind::TStringStart;
    TokenKind middle = is_t ? TokenKind::TStringMiddle : TokenKind::FStringMiddle;
    TokenKind end = is_t ? TokenKind::TStringEnd : TokenKind::FStringEnd;
    for (;;) {
      if (at_kind(middle)) {
        const Token& m = advance();
        if (text.empty()) piece_start = start_loc(m);
        InvalidEscape invalid;
        std::string err = decode_literal(m.text, p.raw, false, true, &text, &invalid);
        if (!err.empty()) return fail_at(m, err);
        warn_invalid_escape(m, invalid);
      } else if (at_op(Op::LBrace)) {
        std::string_view debug;
        Expr* field = parse_fstring_replacement(is_t, &debug);
        if (!field) return nullptr;
        // `{x=}` puts the text "x=" before the value, merged with the preceding literal.
        for (size_t k = 0; k < debug.size();) text.push_back(next_code_point(debug, &k));
        if (!flush() || !push(values, field)) return nullptr;
      } else if (at_kind(end)) {
        advance();
        break;
      } else {
        return failed_ ? nullptr : fail_at(cur(), std::string(is_t ? "t" : "f") + "-string: expecting '}'");
      }
    }
  }
  if (any_t && (any_f || any_text_plain)) {
    return fail_span(start, span(start), "cannot mix t-string literals with string or bytes literals");
  }
  if (!any_f && !any_t) {
    Constant* c = node<Constant>(span(start));
    if (!c) return nullptr;
    if (any_bytes) {
      std::string bytes(text.begin(), text.end());
      c->value = constant(bytes_from(bytes));
    } else {
      c->value = constant(str_from_code_points(reinterpret_cast<const uint32_t*>(text.data()), text.size()));
    }
    if (!c->value) return nullptr;
    if (first_u) c->constant_kind = "u";
    return c;
  }
  if (!flush()) return nullptr;
  if (any_t) {
    TemplateStr* t = node<TemplateStr>(span(start));
    if (t) t->values = values.finish();
    return t;
  }
  JoinedStr* j = node<JoinedStr>(span(start));
  if (j) j->values = values.finish();
  return j;
}

// At '{' of a replacement field: returns the FormattedValue/Interpolation. For a debug field
// (`{x=}`) *text_out receives the source text "x=" that the caller places before the value.
Expr* Parser::parse_fstring_replacement(bool is_t, std::string_view* text_out) {
  const char* kind = is_t ? "t" : "f";
  const Token& open = advance();  // '{'
  Location start = start_loc(open);
  const char* expr_begin = open.text.data() + 1;
  if (at_op(Op::RBrace))
    return fail_at(cur(), std::string(kind) + "-string: valid expression required before '}'");
  if (at_op(Op::Exclamation) || at_op(Op::Colon) || at_op(Op::Equal))
    return fail_at(cur(), std::string(kind) + "-string: valid expression required before '" + std::string(cur().text) + "'");
  Expr* value = at_kw(Kw::kw_yield) ? parse_yield_expr() : parse_star_expressions();
  if (!value) return nullptr;
  const char* expr_end = prev().text.data() + prev().text.size();
  std::string_view debug_text;
  if (at_op(Op::Equal)) {
    advance();
    // The debug text runs to the next '!', ':' or '}' (keeping the whitespace after '=').
    debug_text = std::string_view(expr_begin, size_t(cur().text.data() - expr_begin));
  }
  int conversion = kNoConversion;
  if (at_op(Op::Exclamation)) {
    const Token& bang = advance();
    if (!at_kind(TokenKind::Name) || cur().col_offset != bang.end_col_offset) {
      return fail_at(cur(), std::string(kind) + "-string: missing conversion character");
    }
    const Token& conv = advance();
    if (conv.text != "s" && conv.text != "r" && conv.text != "a")
      return fail_at(conv, std::string(kind) + "-string: invalid conversion character '" +
                               std::string(conv.text) + "': expected 's', 'r', or 'a'");
    conversion = conv.text[0];
  }
  Expr* spec = nullptr;
  if (at_op(Op::Colon)) {
    Location ss = start_loc(advance());
    SeqBuilder<Expr*> parts(arena_);
    TokenKind middle = is_t ? TokenKind::TStringMiddle : TokenKind::FStringMiddle;
    for (;;) {
      if (at_kind(middle)) {
        const Token& m = advance();
        std::u32string piece;
        InvalidEscape invalid;
        std::string err = decode_literal(m.text, false, false, false, &piece, &invalid);
        if (!err.empty()) return fail_at(m, err);
        warn_invalid_escape(m, invalid);
        Constant* c = node<Constant>(span(start_loc(m)));
        if (!c) return nullptr;
        c->value = constant(str_from_code_points(reinterpret_cast<const uint32_t*>(piece.data()), piece.size()));
        if (!c->value || !push(parts, static_cast<Expr*>(c))) return nullptr;
      } else if (at_op(Op::LBrace)) {
        std::string_view debug;
        Expr* nested = parse_fstring_replacement(is_t, &debug);
        if (!nested) return nullptr;
        if (!debug.empty()) {
          Constant* c = node<Constant>(nested->loc);
          if (!c) return nullptr;
          c->value = constant(str_from_utf8(debug));
          if (!c->value || !push(parts, static_cast<Expr*>(c))) return nullptr;
        }
        if (!push(parts, nested)) return nullptr;
      } else {
        break;
      }
    }
    JoinedStr* j = node<JoinedStr>(span(ss));
    if (!j) return nullptr;
    j->values = parts.finish();
    spec = j;
  }
  if (!at_op(Op::RBrace)) {
    if (failed_) return nullptr;
    return fail_at(cur(), std::string(kind) + "-string: expecting '}'");
  }
  advance();
  if (!debug_text.empty() && conversion == kNoConversion && !spec) conversion = 'r';
  Expr* result;
  if (is_t) {
    Interpolation* in = node<Interpolation>(span(start));
    if (!in) return nullptr;
    in->value = value;
    in->str = constant(str_from_utf8(std::string_view(expr_begin, size_t(expr_end - expr_begin))));
    if (!in->str) return nullptr;
    in->conversion = conversion;
    in->format_spec = spec;
    result = in;
  } else {
    FormattedValue* fv = node<FormattedValue>(span(start));
    if (!fv) return nullptr;
    fv->value = value;
    fv->conversion = conversion;
    fv->format_spec = spec;
    result = fv;
  }
  if (text_out) *text_out = debug_text;
  return result;
}

}  // namespace weft::compiler
