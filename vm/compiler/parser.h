// vm/compiler/parser.h — the public entry point of the front end: source text to an AST.
//
//   ast::Arena arena;
//   ast::Mod* mod = TRY(compiler::parse(source, "<string>", ParseMode::Exec, 0, arena));
//
// On failure the pending exception is SyntaxError (or IndentationError / TabError, or
// MemoryError) filled exactly like CPython 3.14's (see syntax_error.h).
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "vm/compiler/ast.h"
#include "vm/compiler/syntax_error.h"

namespace weft::compiler {

enum class ParseMode : unsigned char {
  Exec,      // a module: ast.Module
  Eval,      // one expression: ast.Expression
  Single,    // one interactive statement: ast.Interactive
  FuncType,  // "(int, str) -> bool": ast.FunctionType
};

// Flags (bit set).
inline constexpr int kParseSourceIsBytes = 1;  // honour a BOM / coding declaration
// PyCF_DONT_IMPLY_DEDENT, Single mode: input without a final newline that ends inside an
// indented block is unfinished (the interactive loop has not seen the blank line yet).
inline constexpr int kParseDontImplyDedent = 2;
// PyCF_ALLOW_INCOMPLETE_INPUT: input that fails only because it ended too early is reported as
// SyntaxErrorInfo::incomplete_input (_IncompleteInputError "incomplete input").
inline constexpr int kParseAllowIncomplete = 4;

// The deepest nesting of expressions and blocks the parser follows before it gives up with
// SyntaxError("too many nested parentheses"-style); keeps the C++ stack bounded on any input.
inline constexpr int kMaxNestingDepth = 3000;

// Parses `source` (UTF-8 unless kParseSourceIsBytes). The tree lives in `arena`.
Result<ast::Mod*> parse(std::string_view source, std::string_view filename, ParseMode mode,
                        int flags, ast::Arena& arena);

// The same without touching the pending exception for syntax errors: returns nullptr and fills
// `error` (constants are still created, so MemoryError/other runtime failures are reported
// through `error->is_memory_error` or a pending exception). `prepared` is set to the normalised
// source the positions refer to.
// `warnings`, when given, receives the SyntaxWarnings found (parse() issues them itself).
ast::Mod* parse_to_info(std::string_view source, ParseMode mode, int flags, ast::Arena& arena,
                        std::string* prepared, SyntaxErrorInfo* error,
                        std::vector<SyntaxWarningInfo>* warnings = nullptr);

}  // namespace weft::compiler
