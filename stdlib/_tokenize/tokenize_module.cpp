// stdlib/_tokenize/tokenize_module.cpp — `_tokenize.TokenizerIter`, what Lib/tokenize.py runs on.
//
// TokenizerIter(readline, *, extra_tokens, encoding=None) yields CPython 3.14's 5-tuples
// (type, string, (row, col), (end_row, end_col), line) from Weft's own tokenizer
// (vm/compiler/tokenizer.h) in its extra-tokens mode, which adds COMMENT/NL tokens and
// CPython's f-string splitting. This file turns those tokens into the tuples:
//   - every operator is OP (tokenize.py derives exact_type); NEWLINE/NL carry the physical line
//     ending ("\n", "\r\n", or "" for the newline the tokenizer implies at the end of the input);
//   - columns are code points (the tokenizer counts UTF-8 bytes);
//   - `line` is the physical lines the token spans, as read (original line endings); the DEDENTs
//     at the end of input and ENDMARKER have line '' and sit on the line after the last;
//   - errors: IndentationError/TabError and "unexpected character after line continuation
//     character" carry CPython's _tokenizer_error details (offset just past the line, text without
//     its newline, no end position); EOF inside brackets or after a backslash is SyntaxError
//     "unexpected EOF in multi-line statement"; other lexical errors are the compiler's
//     SyntaxErrors (tokenize.py turns plain SyntaxErrors into TokenError).
//
// Why read everything first: the tokenizer works on one prepared buffer (newlines normalised,
// ending in '\n'), so the first __next__ calls readline until it returns '' / b'' or raises
// StopIteration, then tokens are produced on demand. Only extra_tokens=True (the mode every
// Lib module uses) is supported; extra_tokens=False raises NotImplementedError.
//
// Locking: each __next__ runs in the iterator's critical section (readline is called inside it
// on the first call), so threads sharing one iterator each receive distinct tokens.
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"
#include "vm/compiler/tokenizer.h"
#include "vm/module_table.h"

namespace weft::tokenize_module {
namespace {

using compiler::Token;
using compiler::TokenKind;
using compiler::Tokenizer;

// The token module's numbers (Lib/token.py, 3.14).
enum TokenType : int {
  kEndMarker = 0, kName = 1, kNumber = 2, kString = 3, kNewline = 4, kIndent = 5, kDedent = 6,
  kOp = 55, kFStringStart = 59, kFStringMiddle = 60, kFStringEnd = 61, kTStringStart = 62,
  kTStringMiddle = 63, kTStringEnd = 64, kComment = 65, kNL = 66,
};

int token_type(TokenKind kind) {
  switch (kind) {
    case TokenKind::EndMarker: return kEndMarker;
    case TokenKind::Name: return kName;
    case TokenKind::Number: return kNumber;
    case TokenKind::String: return kString;
    case TokenKind::Op: return kOp;
    case TokenKind::Newline: return kNewline;
    case TokenKind::Indent: return kIndent;
    case TokenKind::Dedent: return kDedent;
    case TokenKind::FStringStart: return kFStringStart;
    case TokenKind::FStringMiddle: return kFStringMiddle;
    case TokenKind::FStringEnd: return kFStringEnd;
    case TokenKind::TStringStart: return kTStringStart;
    case TokenKind::TStringMiddle: return kTStringMiddle;
    case TokenKind::TStringEnd: return kTStringEnd;
    case TokenKind::Comment: return kComment;
    case TokenKind::NL: return kNL;
  }
  return kOp;
}

// How a physical line ended in the input.
enum class LineEnd : uint8_t { LF, CRLF, CR, Implied };

// The whole input, prepared for the tokenizer, and the tokenizer over it.
struct Source {
  std::string text;               // newlines are '\n'; non-empty text ends with '\n'
  std::vector<size_t> starts;     // byte offset of line n at starts[n - 1]
  std::vector<LineEnd> endings;   // how line n ended in the input
  std::vector<bool> non_ascii;    // line n has a non-ASCII byte (columns need counting)
  Tokenizer tokenizer;

  Source(std::string prepared, std::vector<size_t> line_starts, std::vector<LineEnd> line_ends,
         std::vector<bool> line_non_ascii)
      : text(std::move(prepared)), starts(std::move(line_starts)),
        endings(std::move(line_ends)), non_ascii(std::move(line_non_ascii)), tokenizer(text) {
    tokenizer.set_extra_tokens(true);
  }

  int line_count() const { return int(starts.size()); }
  // Line n without its newline.
  std::string_view body(int n) const {
    if (n < 1 || n > line_count()) return {};
    size_t end = n < line_count() ? starts[size_t(n)] : text.size();
    return std::string_view(text).substr(starts[size_t(n - 1)], end - starts[size_t(n - 1)] - 1);
  }
  static const char* ending_text(LineEnd e) {
    switch (e) {
      case LineEnd::LF: return "\n";
      case LineEnd::CRLF: return "\r\n";
      case LineEnd::CR: return "\r";
      case LineEnd::Implied: return "";
    }
    return "";
  }
  // Lines first..last as read (with their original endings); '' past the end.
  std::string physical_lines(int first, int last) const {
    std::string out;
    for (int n = std::max(first, 1); n <= last && n <= line_count(); ++n) {
      out += body(n);
      out += ending_text(endings[size_t(n - 1)]);
    }
    return out;
  }
  // The code-point column of UTF-8 byte column `byte_col` in line n.
  int char_col(int n, int byte_col) const {
    if (n < 1 || n > line_count() || !non_ascii[size_t(n - 1)]) return byte_col;
    std::string_view line = n >= 1 && n <= line_count() ? std::string_view(text).substr(starts[size_t(n - 1)]) : std::string_view();
    int col = 0;
    for (int i = 0; i < byte_col && size_t(i) < line.size(); ++i)
      col += (static_cast<unsigned char>(line[size_t(i)]) & 0xC0) != 0x80;
    return col;
  }
};

struct TokenizerIterObject : Object {
  Object* readline;  // owned
  Object* encoding;  // owned str or nullptr: readline returns bytes in this encoding
  Source* source;    // owned; nullptr until the first __next__
  Object* line;      // owned str or nullptr: the `line` of the last token, lines line_first..last
  int line_first, line_last;
  bool done;         // ENDMARKER given or an error raised: iteration is over
};

Type TokenizerIterType;

Result<Ref<Object>> tokenizeriter_new(Type* type, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  static const ArgParser kParser("tokenizeriter", "readline * extra_tokens | encoding");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  bool extra_tokens = TRY(object_is_true(a[1]));
  if (a[2] && !is_str(a[2]))
    return raise(exc::TypeError, "tokenizeriter() argument 'encoding' must be str, not {}",
                 type_name_of(a[2]));
  if (!extra_tokens)
    return raise(exc::NotImplementedError,
                 "_tokenize.TokenizerIter supports only extra_tokens=True");
  Ref<TokenizerIterObject> it = TRY(new_object<TokenizerIterObject>(type, size_t(type->basicsize)));
  it->readline = new_ref(a[0]).release();
  it->encoding = a[2] ? new_ref(a[2]).release() : nullptr;
  return Ref<Object>(std::move(it));
}

// Calls readline until it signals the end; returns the concatenated text (UTF-8).
Result<std::string> read_all(TokenizerIterObject* it) {
  std::string raw;
  for (;;) {
    Result<Ref<Object>> got = call(it->readline, nullptr, 0);
    if (got.is_error()) {
      if (!error_matches(exc::StopIteration)) return Error{};
      clear_error();
      break;
    }
    Ref<Object> line = got.release_value();
    if (is_bytes(line.get()) && it->encoding) {
      Object* enc = it->encoding;
      line = TRY(call_method(line.get(), "decode", &enc, 1));
    }
    if (!is_str(line.get()))
      return raise(exc::TypeError, "readline() returned a non-string object");
    std::string_view utf8 = TRY(str_utf8(line.get()));
    if (utf8.empty()) break;
    raw += utf8;
  }
  return raw;
}

// Normalises newlines to '\n', records line starts and original endings, and ends non-empty
// input with '\n' (an Implied ending).
Result<Source*> prepare(std::string_view raw) {
  std::string text;
  std::vector<size_t> starts;
  std::vector<LineEnd> endings;
  std::vector<bool> non_ascii;
  text.reserve(raw.size() + 1);
  for (size_t i = 0; i < raw.size(); ++i) {
    if (text.empty() || text.back() == '\n') {
      starts.push_back(text.size());
      non_ascii.push_back(false);
    }
    char c = raw[i];
    if (static_cast<unsigned char>(c) >= 0x80) non_ascii.back() = true;
    if (c == '\r') {
      bool crlf = i + 1 < raw.size() && raw[i + 1] == '\n';
      endings.push_back(crlf ? LineEnd::CRLF : LineEnd::CR);
      i += crlf;
      text.push_back('\n');
    } else {
      if (c == '\n') endings.push_back(LineEnd::LF);
      text.push_back(c);
    }
  }
  if (!text.empty() && text.back() != '\n') {
    text.push_back('\n');
    endings.push_back(LineEnd::Implied);
  }
  Source* s = new (std::nothrow)
      Source(std::move(text), std::move(starts), std::move(endings), std::move(non_ascii));
  if (!s) return raise_no_memory();
  return s;
}

// Raises `type(msg, ("<string>", lineno, offset, text, None, None))`.
Error raise_located(Type* type, std::string_view msg, int lineno, int offset, Object* text) {
  Ref<Object> m = TRY(str_from_utf8(msg));
  Ref<Object> fname = TRY(str_from_ascii("<string>"));
  Ref<Object> ln = TRY(int_from_i64(lineno));
  Ref<Object> off = TRY(int_from_i64(offset));
  Ref<Object> none = new_none();
  Ref<Object> details =
      TRY(tuple_pack({fname.get(), ln.get(), off.get(), text, none.get(), none.get()}));
  Object* args[2] = {m.get(), details.get()};
  Ref<Object> exc_obj = TRY(call(reinterpret_cast<Object*>(type), args, 2));
  set_exception(std::move(exc_obj));
  return Error{};
}

// The tokenizer's error as CPython's TokenizerIter reports it (see the file comment).
Error raise_tokenizer_error(const Source& s) {
  const compiler::SyntaxErrorInfo& info = s.tokenizer.error();
  if (info.is_memory_error) return raise_no_memory();
  Tokenizer::Failure failure = s.tokenizer.failure();
  if (failure == Tokenizer::Failure::EofInBrackets)  // the tokenizer gives CPython's position
    return raise_located(exc::SyntaxError, info.message, info.lineno, info.offset, &NoneObject);
  if (failure == Tokenizer::Failure::EofAfterContinuation)
    return raise_located(exc::SyntaxError, "unexpected EOF in multi-line statement",
                         info.lineno, int(s.body(info.lineno).size()) + 1, &NoneObject);
  if (failure == Tokenizer::Failure::LineContinuation ||
      info.kind != compiler::SyntaxErrorKind::SyntaxError) {
    Type* type = info.kind == compiler::SyntaxErrorKind::TabError ? exc::TabError
                 : info.kind == compiler::SyntaxErrorKind::IndentationError
                     ? exc::IndentationError
                     : exc::SyntaxError;
    std::string_view body = s.body(info.lineno);
    Ref<Object> text = TRY(str_from_utf8(body));
    return raise_located(type, info.message, info.lineno,
                         s.char_col(info.lineno, int(body.size())) + 1, text.get());
  }
  return compiler::raise_syntax_error(info, "<string>", s.text);
}

Result<Ref<Object>> pair(int a, int b) {
  Ref<Object> x = TRY(int_from_i64(a));
  Ref<Object> y = TRY(int_from_i64(b));
  return tuple_pack({x.get(), y.get()});
}

// The `line` of a token spanning lines first..last; consecutive tokens on the same lines share
// one str (as CPython's iterator caches its last line).
Result<Ref<Object>> token_line(TokenizerIterObject* it, int first, int last) {
  if (!it->line || it->line_first != first || it->line_last != last) {
    Ref<Object> line = TRY(str_from_utf8(it->source->physical_lines(first, last)));
    xdecref(it->line);
    it->line = line.release();
    it->line_first = first;
    it->line_last = last;
  }
  return Ref<Object>::borrow(it->line);
}

Result<Ref<Object>> token_tuple(TokenizerIterObject* it, const Token& t) {
  const Source& s = *it->source;
  std::string_view text = t.text;
  int lineno = t.lineno, end_lineno = t.end_lineno;
  int col = 0, end_col = 0;
  int line_first = lineno, line_last = lineno;  // the physical lines `line` holds
  switch (t.kind) {
    case TokenKind::Newline:
    case TokenKind::NL: {
      LineEnd e = lineno <= s.line_count() ? s.endings[size_t(lineno - 1)] : LineEnd::Implied;
      text = Source::ending_text(e);
      col = s.char_col(lineno, t.col_offset);
      end_col = col + (e == LineEnd::CRLF ? 2 : 1);
      break;
    }
    case TokenKind::Indent:
      text = s.body(lineno).substr(0, size_t(t.end_col_offset));
      end_col = s.char_col(lineno, t.end_col_offset);
      break;
    case TokenKind::Dedent:
    case TokenKind::EndMarker:
      text = {};
      col = end_col = s.char_col(lineno, t.col_offset);
      break;  // `line` is '' past the last line
    default:
      col = s.char_col(lineno, t.col_offset);
      end_col = s.char_col(end_lineno, t.end_col_offset);
      line_last = end_lineno;
      break;
  }
  Ref<Object> type = TRY(int_from_i64(token_type(t.kind)));
  Ref<Object> string = TRY(str_from_utf8(text));
  Ref<Object> start = TRY(pair(lineno, col));
  Ref<Object> end = TRY(pair(end_lineno, end_col));
  Ref<Object> line_obj = TRY(token_line(it, line_first, line_last));
  return tuple_pack({type.get(), string.get(), start.get(), end.get(), line_obj.get()});
}

Next tokenizeriter_next(Object* self) {
  auto* it = static_cast<TokenizerIterObject*>(self);
  sync::CriticalSection cs{self->ob_mutex};
  if (it->done) return Next::done();
  if (!it->source) {
    Result<std::string> raw = read_all(it);
    if (raw.is_error()) {
      it->done = true;
      return Error{};
    }
    Result<Source*> prepared = prepare(raw.value());
    if (prepared.is_error()) return Error{};
    it->source = prepared.value();
  }
  Token token;
  if (!it->source->tokenizer.next(&token)) {
    it->done = true;
    return raise_tokenizer_error(*it->source);
  }
  if (token.kind == TokenKind::EndMarker) it->done = true;
  Result<Ref<Object>> tuple = token_tuple(it, token);
  if (tuple.is_error()) return Error{};
  return Next(tuple.release_value());
}

Result<Ref<Object>> tokenizeriter_iter(Object* self) { return Ref<Object>::borrow(self); }

void tokenizeriter_dealloc(Object* self) {
  auto* it = static_cast<TokenizerIterObject*>(self);
  xdecref(it->readline);
  xdecref(it->encoding);
  xdecref(it->line);
  delete it->source;
  free_object(self);
}

void tokenizeriter_traverse(Object* self, VisitFn visit, void* arg) {
  auto* it = static_cast<TokenizerIterObject*>(self);
  if (it->readline) visit(it->readline, arg);
  if (it->encoding) visit(it->encoding, arg);
}

Status fill_tokenize_types() {
  Type& t = TokenizerIterType;
  t.name = "_tokenize.TokenizerIter";
  t.basicsize = static_cast<int64_t>(sizeof(TokenizerIterObject));
  t.flags = kTypeImmutable | kTypeHaveGc | kTypeBaseType;
  t.dealloc = tokenizeriter_dealloc;
  t.traverse = tokenizeriter_traverse;
  t.iter = tokenizeriter_iter;
  t.iternext = tokenizeriter_next;
  t.new_ = tokenizeriter_new;
  return ok();
}

Status ready_tokenize_types() { return type_ready(&TokenizerIterType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_tokenize_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_tokenize_types);

Result<Ref<Object>> create_tokenize_module() {
  Ref<Object> m = TRY(module_new("_tokenize"));
  TRY(dict_set_item_str(module_dict(m.get()), "TokenizerIter",
                        reinterpret_cast<Object*>(&TokenizerIterType)));
  return m;
}

WEFT_NATIVE_MODULE("_tokenize", create_tokenize_module);

}  // namespace
}  // namespace weft::tokenize_module
