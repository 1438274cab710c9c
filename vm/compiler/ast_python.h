// vm/compiler/ast_python.h — converting between the internal AST (ast.h) and the Python
// objects of the `_ast` module (what ast.parse returns and compile() accepts).
//
// The classes live in stdlib/_ast (vm/ does not include stdlib/): the module hands them over
// in a PythonAstClasses. Positions travel unchanged (columns are UTF-8 byte offsets in both).
// Each call owns its state; the classes are immutable once the module exists, so conversions
// may run in several threads at once.
#pragma once

#include "objects/ref.h"
#include "vm/compiler/ast.h"
#include "vm/compiler/ast_schema.h"

namespace weft::ast {

struct PythonAstClasses {
  Object* classes[kAstClassCount];     // the `_ast` class of each AstClass (borrowed)
  Object* singletons[kAstClassCount];  // Load(), Add()...: shared instances; nullptr for others
  // A new instance of `cls` with an empty __dict__, without running __init__.
  Result<Ref<Object>> (*new_instance)(Object* cls);
};

// The Python tree of `mod` (an ast.Module, ast.Expression...).
Result<Ref<Object>> ast_to_python(const Mod* mod, const PythonAstClasses& py);

// The internal tree of a Python `mod` object, built in `arena`, or TypeError/ValueError with
// CPython 3.14's messages ("expected some sort of expr, but got 5", "required field \"lineno\"
// missing from stmt", "expression must have Load context but has Store instead"...).
// `expected` is the root class the compile mode asks for (Module, Expression, Interactive).
Result<Mod*> ast_from_python(Object* obj, AstClass expected, const PythonAstClasses& py,
                             Arena& arena);

}  // namespace weft::ast
