// vm/compiler/ast_dump.h — the text of Python's `ast.dump(tree)` (default arguments) for a tree.
#pragma once

#include <string>

#include "core/result.h"
#include "vm/compiler/ast.h"

namespace weft::ast {

// Fails only if repr() of a constant fails.
Result<std::string> dump(const Mod* mod);
Result<std::string> dump(const Expr* expr);

}  // namespace weft::ast
