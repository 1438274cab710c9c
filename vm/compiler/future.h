// vm/compiler/future.h — `from __future__ import ...` statements (CPython's future.c).
#pragma once

#include <string_view>

#include "core/result.h"
#include "vm/compiler/ast.h"

namespace weft::compiler {

struct FutureFeatures {
  bool annotations = false;  // PEP 563: annotations stored as strings (CO_FUTURE_ANNOTATIONS)
  // The last future statement of the module's leading run (docstring, then future imports), or
  // null: a `from __future__` import anywhere else is a SyntaxError.
  const ast::Stmt* last = nullptr;
};

// Reads the module's leading future statements; raises CPython's SyntaxError for an unknown
// feature ("future feature X is not defined") or `braces` ("not a chance").
Result<FutureFeatures> parse_future_features(const ast::Mod* mod, std::string_view filename,
                                             std::string_view source);

// True for `from __future__ import ...` (absolute import of the __future__ module).
bool is_future_import(const ast::Stmt* s);

}  // namespace weft::compiler
