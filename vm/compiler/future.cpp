// vm/compiler/future.cpp — future statements, as CPython's future.c: only the module's leading
// `from __future__ import ...` statements (after an optional docstring) count; each name must be
// a known feature. Of the features only `annotations` changes compilation today (the others are
// always on in Python 3, and `barry_as_FLUFL` is an easter egg of the parser Weft does not
// implement: it is accepted and has no effect). Stateless.
#include "vm/compiler/future.h"

#include <string>

#include "objects/str.h"
#include "vm/compiler/syntax_error.h"

namespace weft::compiler {

namespace {

constexpr std::string_view kKnownFeatures[] = {
    "nested_scopes", "generators",     "division",       "absolute_import", "with_statement",
    "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop",  "annotations",
};

bool is_docstring(const ast::Stmt* s) {
  if (s->kind != ast::StmtKind::Expr) return false;
  const ast::Expr* v = s->as<ast::ExprStmt>()->value;
  return v->kind == ast::ExprKind::Constant && is_str(v->as<ast::Constant>()->value);
}

}  // namespace

bool is_future_import(const ast::Stmt* s) {
  if (s->kind != ast::StmtKind::ImportFrom) return false;
  const auto* i = s->as<ast::ImportFrom>();
  return i->level == 0 && i->module == "__future__";
}

Result<FutureFeatures> parse_future_features(const ast::Mod* mod, std::string_view filename,
                                             std::string_view source) {
  FutureFeatures features;
  const ast::Seq<ast::Stmt*>* body = nullptr;
  if (mod->kind == ast::ModKind::Module) body = &mod->as<ast::Module>()->body;
  else if (mod->kind == ast::ModKind::Interactive) body = &mod->as<ast::Interactive>()->body;
  if (!body) return features;
  size_t i = !body->empty() && is_docstring((*body)[0]) ? 1 : 0;
  for (; i < body->size() && is_future_import((*body)[i]); ++i) {
    const ast::Stmt* s = (*body)[i];
    for (const ast::Alias* a : s->as<ast::ImportFrom>()->names) {
      bool known = false;
      for (std::string_view f : kKnownFeatures) known |= a->name == f;
      if (a->name == "annotations") features.annotations = true;
      if (known) continue;
      std::string msg = a->name == "braces" ? std::string("not a chance")
                                            : "future feature " + std::string(a->name) + " is not defined";
      return raise_syntax_error_at(msg, filename, source, s->loc.lineno, s->loc.col_offset,
                                   s->loc.end_lineno, s->loc.end_col_offset);
    }
    features.last = s;
  }
  return features;
}

}  // namespace weft::compiler
