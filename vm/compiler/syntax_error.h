// vm/compiler/syntax_error.h — SyntaxError / IndentationError / TabError as CPython fills them.
//
// The front end (tokenizer, parser) and the back end (symtable, codegen) describe a compile
// error as a SyntaxErrorInfo and turn it into the pending Python exception with
// raise_syntax_error(). The exception's args are exactly CPython's:
//     (msg, (filename, lineno, offset, text, end_lineno, end_offset))
// where offset/end_offset are 1-based *character* columns in `text`, the source line (with its
// newline when the source has one). Info carries 1-based UTF-8 *byte* offsets (CPython's
// col_offset + 1); the conversion to characters happens here. Offsets <= 0 pass through
// unchanged (CPython reports 0 or -1 for a few tokenizer errors).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "objects/ref.h"

namespace weft::compiler {

enum class SyntaxErrorKind : unsigned char { SyntaxError, IndentationError, TabError };

struct SyntaxErrorInfo {
  SyntaxErrorKind kind = SyntaxErrorKind::SyntaxError;
  std::string message;
  int lineno = 0;
  int offset = 0;      // 1-based UTF-8 byte column in line `lineno` (col_offset + 1)
  int end_lineno = 0;
  int end_offset = 0;  // 1-based UTF-8 byte column in line `end_lineno`, exclusive end + 1
  bool is_memory_error = false;  // the "error" is exhaustion: raise MemoryError instead
  // The input ended before the code did (PyCF_ALLOW_INCOMPLETE_INPUT): raise
  // _IncompleteInputError("incomplete input") instead, which codeop takes as "read more".
  bool incomplete_input = false;
};

// builtins._IncompleteInputError (a SyntaxError subclass CPython 3.13+ keeps in builtins for
// codeop). The builtins module creates the class and registers it here once, at start-up;
// until then incomplete input raises plain SyntaxError.
void set_incomplete_input_error_type(Type* type);

// A SyntaxWarning found while compiling (invalid escapes, `is` with a literal, PEP 765...),
// positioned like SyntaxErrorInfo. `error_message`, when not empty, is the text of the
// SyntaxError raised instead when a filter turns the warning into an error (CPython shortens
// the escape-sequence messages then).
struct SyntaxWarningInfo {
  std::string message;
  std::string error_message;
  int lineno = 0;
  int offset = 0;
  int end_lineno = 0;
  int end_offset = 0;
};

// Issues `w` through warnings.warn_explicit(message, SyntaxWarning, filename, lineno), as
// CPython's _PyErr_EmitSyntaxWarning. When a filter makes it an exception, that SyntaxWarning
// is replaced by a SyntaxError at the warning's position (other errors propagate as they are).
Status emit_syntax_warning(const SyntaxWarningInfo& w, Object* filename, std::string_view source);

// Sets the pending exception described by `info` for `source` (the whole source text, UTF-8,
// used to fetch the line text) and returns Error{}.
Error raise_syntax_error(const SyntaxErrorInfo& info, std::string_view filename,
                         std::string_view source);

// A convenience for the back end: a SyntaxError at an AST node's location (0-based byte
// col_offset/end_col_offset, as stored in ast::Location).
Error raise_syntax_error_at(std::string_view message, std::string_view filename,
                            std::string_view source, int lineno, int col_offset, int end_lineno,
                            int end_col_offset);

// The text of line `lineno` (1-based) of `source`, including its '\n' if present; empty if the
// line does not exist.
std::string_view source_line(std::string_view source, int lineno);

// The 1-based character column for 1-based byte column `byte_offset` in `line` (UTF-8).
int byte_to_char_offset(std::string_view line, int byte_offset);

}  // namespace weft::compiler
