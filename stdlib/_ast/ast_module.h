// stdlib/_ast/ast_module.h — what compile() needs from the `_ast` module.
#pragma once

#include "objects/ref.h"
#include "vm/compiler/ast_python.h"

namespace weft::ast_module {

// PyCF_* bits of compile()'s `flags` (CPython's values).
inline constexpr int kPyCFOnlyAst = 0x0400;
inline constexpr int kPyCFTypeComments = 0x1000;
inline constexpr int kPyCFAllowTopLevelAwait = 0x2000;
inline constexpr int kPyCFOptimizedAst = 0x8000 | kPyCFOnlyAst;

// The `_ast` classes, importing the module on first use.
Result<const ast::PythonAstClasses*> python_ast_classes();

// True if `o` is an instance of ast.AST (only possible once `_ast` exists).
bool is_ast_object(Object* o);

}  // namespace weft::ast_module
