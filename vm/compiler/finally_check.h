// vm/compiler/finally_check.h — PEP 765's SyntaxWarnings ("'return' in a 'finally' block"),
// issued before the symbol table is built, as CPython's AST preprocessing does.
#pragma once

#include <string_view>

#include "vm/compiler/ast.h"
#include "vm/compiler/syntax_error.h"

namespace weft::compiler {

// Warns for each `return`/`break`/`continue` of `mod` that would leave a finally block. An
// error means a filter turned a warning into an exception (a SyntaxError is then pending).
Status check_control_flow_in_finally(const ast::Mod* mod, Object* filename, std::string_view source);

}  // namespace weft::compiler
