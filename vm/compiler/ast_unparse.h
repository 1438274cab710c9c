// vm/compiler/ast_unparse.h — an expression back to source text, as CPython's
// _PyAST_ExprAsUnicode (Python/ast_unparse.c): the strings `from __future__ import annotations`
// stores instead of evaluating annotations.
#pragma once

#include "core/result.h"
#include "objects/ref.h"
#include "vm/compiler/ast.h"

namespace weft::compiler {

// The str CPython 3.14 produces for annotation `e` (minimal parentheses, repr() of constants,
// `inf` spelled 1e309).
Result<Ref<Object>> unparse_annotation(const ast::Expr* e);

}  // namespace weft::compiler
