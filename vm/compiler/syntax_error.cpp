// vm/compiler/syntax_error.cpp — building SyntaxError/IndentationError/TabError exceptions.
//
// CPython calls SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset)); the
// exception's __init__ unpacks the tuple into its attributes. We do the same by calling the
// class, so the instance is fully initialised by the exception type's own code.
#include "vm/compiler/syntax_error.h"

#include <atomic>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/warnings.h"

namespace weft::compiler {

std::string_view source_line(std::string_view source, int lineno) {
  size_t pos = 0;
  for (int line = 1; line < lineno; ++line) {
    size_t nl = source.find('\n', pos);
    if (nl == std::string_view::npos) return {};
    pos = nl + 1;
  }
  if (pos >= source.size()) return {};
  size_t nl = source.find('\n', pos);
  return source.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos + 1);
}

int byte_to_char_offset(std::string_view line, int byte_offset) {
  if (byte_offset <= 0) return byte_offset;
  int chars = 0;
  size_t limit = std::min(line.size(), size_t(byte_offset - 1));
  for (size_t i = 0; i < limit; ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++chars;
  return chars + 1 + (byte_offset - 1 - int(limit));
}

namespace {
// Set once by the builtins module before any code runs; read by every compiling thread.
std::atomic<Type*> g_incomplete_input_error{nullptr};
}  // namespace

void set_incomplete_input_error_type(Type* type) {
  g_incomplete_input_error.store(type, std::memory_order_release);
}

Error raise_syntax_error(const SyntaxErrorInfo& info, std::string_view filename,
                         std::string_view source) {
  Type* type = info.kind == SyntaxErrorKind::TabError           ? exc::TabError
               : info.kind == SyntaxErrorKind::IndentationError ? exc::IndentationError
                                                                : exc::SyntaxError;
  if (info.incomplete_input) {
    if (Type* incomplete = g_incomplete_input_error.load(std::memory_order_acquire)) type = incomplete;
  }
  std::string_view line = source_line(source, info.lineno);
  std::string_view end_line = info.end_lineno == info.lineno ? line : source_line(source, info.end_lineno);
  Ref<Object> msg = TRY(str_from_utf8(info.message));
  Ref<Object> fname = TRY(str_from_utf8(filename));
  Ref<Object> lineno = TRY(int_from_i64(info.lineno));
  Ref<Object> offset = TRY(int_from_i64(byte_to_char_offset(line, info.offset)));
  Ref<Object> text = line.empty() ? new_none() : TRY(str_from_utf8(line));
  Ref<Object> end_lineno = TRY(int_from_i64(info.end_lineno));
  Ref<Object> end_offset = TRY(int_from_i64(byte_to_char_offset(end_line, info.end_offset)));
  Ref<Object> details = TRY(tuple_pack({fname.get(), lineno.get(), offset.get(), text.get(),
                                        end_lineno.get(), end_offset.get()}));
  Object* args[2] = {msg.get(), details.get()};
  Ref<Object> exc_obj = TRY(call(reinterpret_cast<Object*>(type), args, 2));
  set_exception(std::move(exc_obj));
  return Error{};
}

Error raise_syntax_error_at(std::string_view message, std::string_view filename,
                            std::string_view source, int lineno, int col_offset, int end_lineno,
                            int end_col_offset) {
  SyntaxErrorInfo info;
  info.message = std::string(message);
  info.lineno = lineno;
  info.offset = col_offset + 1;
  info.end_lineno = end_lineno;
  info.end_offset = end_col_offset + 1;
  return raise_syntax_error(info, filename, source);
}

Status emit_syntax_warning(const SyntaxWarningInfo& w, Object* filename, std::string_view source) {
  if (warn_explicit(exc::SyntaxWarning, w.message, filename, w.lineno, nullptr)) return ok();
  if (!error_matches(exc::SyntaxWarning)) return Error{};
  clear_error();
  SyntaxErrorInfo info;
  info.message = w.error_message.empty() ? w.message : w.error_message;
  info.lineno = w.lineno;
  info.offset = w.offset;
  info.end_lineno = w.end_lineno;
  info.end_offset = w.end_offset;
  return raise_syntax_error(info, str_to_std_string(filename), source);
}

}  // namespace weft::compiler
