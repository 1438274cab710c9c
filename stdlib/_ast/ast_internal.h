// stdlib/_ast/ast_internal.h — shared between the files of the `_ast` module.
#pragma once

#include "objects/type.h"
#include "stdlib/_ast/ast_module.h"

namespace weft::ast_module {

extern Type AstType;  // ast.AST

// A node of class `cls` (a subclass of AST) with an empty __dict__; __init__ is not run.
Result<Ref<Object>> new_ast_instance(Object* cls);

// The Load() singleton when `type` is the expr_context class, else nullptr (borrowed).
Object* expr_context_default(Object* type);

}  // namespace weft::ast_module
