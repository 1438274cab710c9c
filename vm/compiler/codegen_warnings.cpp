// vm/compiler/codegen_warnings.cpp — the SyntaxWarnings CPython 3.14's code generator issues
// for code that is valid but almost certainly wrong: `x is 1`, `"a" ()` (a missing comma),
// `"abc"[1.0]`, `assert (x, "message")`.
//
// Each check looks only at the AST node kinds (literals, displays, comprehensions), exactly as
// CPython's check_compare/check_caller/check_subscripter/check_index/codegen_assert do, so the
// same programs warn. Warnings go through emit_syntax_warning (warnings.warn_explicit; an error
// under `-W error`). Compiler state only; nothing shared between threads.
#include "vm/compiler/codegen.h"

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/complex.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/compiler/syntax_error.h"

namespace weft::compiler {

namespace {

using K = ast::ExprKind;

// The type an expression certainly evaluates to, by its node kind (CPython's infer_type), or
// nullptr when that depends on run time.
const char* inferred_type_name(const ast::Expr* e) {
  switch (e->kind) {
    case K::Tuple: return "tuple";
    case K::List: case K::ListComp: return "list";
    case K::Dict: case K::DictComp: return "dict";
    case K::Set: case K::SetComp: return "set";
    case K::GeneratorExp: return "generator";
    case K::Lambda: return "function";
    case K::TemplateStr: case K::Interpolation: return "string.templatelib.Template";
    case K::JoinedStr: case K::FormattedValue: return "str";
    case K::Constant: return type_name_of(e->as<ast::Constant>()->value);
    default: return nullptr;
  }
}

bool is_constant_tuple(const ast::Expr* e) {
  if (e->kind != K::Tuple) return false;
  for (const ast::Expr* item : e->as<ast::Tuple>()->elts)
    if (item->kind != K::Constant && !is_constant_tuple(item)) return false;
  return true;
}

// An operand `is` may sensibly compare with: anything but a literal other than None, True,
// False and Ellipsis.
bool allowed_is_operand(const ast::Expr* e) {
  if (is_constant_tuple(e)) return false;
  if (e->kind != K::Constant) return true;
  Object* v = e->as<ast::Constant>()->value;
  return is_none(v) || v == py_true() || v == py_false() || v == &EllipsisObject;
}

}  // namespace

Status Codegen::warn(const SrcLoc& loc, std::string message) {
  SyntaxWarningInfo w;
  w.message = std::move(message);
  w.lineno = loc.lineno;
  w.offset = loc.col + 1;
  w.end_lineno = loc.end_lineno;
  w.end_offset = loc.end_col + 1;
  return emit_syntax_warning(w, filename_obj_, source_);
}

Status Codegen::check_compare(const ast::Compare* c, const SrcLoc& loc) {
  const ast::Expr* left = c->left;
  bool left_ok = allowed_is_operand(left);
  for (size_t i = 0; i < c->ops.size(); ++i) {
    const ast::Expr* right = c->comparators[i];
    bool right_ok = allowed_is_operand(right);
    ast::CmpOpKind op = c->ops[i];
    if ((op == ast::CmpOpKind::Is || op == ast::CmpOpKind::IsNot) && !(left_ok && right_ok)) {
      const char* type = inferred_type_name(left_ok ? right : left);
      bool is = op == ast::CmpOpKind::Is;
      return warn(loc, std::string(is ? "\"is\"" : "\"is not\"") + " with '" + type +
                           "' literal. Did you mean \"" + (is ? "==" : "!=") + "\"?");
    }
    left = right;
    left_ok = right_ok;
  }
  return ok();
}

Status Codegen::check_caller(const ast::Expr* func) {
  switch (func->kind) {
    case K::Constant: case K::Tuple: case K::List: case K::ListComp: case K::Dict:
    case K::DictComp: case K::Set: case K::SetComp: case K::GeneratorExp: case K::JoinedStr:
    case K::TemplateStr: case K::FormattedValue: case K::Interpolation:
      return warn(loc_of(func->loc), std::string("'") + inferred_type_name(func) +
                                         "' object is not callable; perhaps you missed a comma?");
    default:
      return ok();
  }
}

Status Codegen::check_subscript(const ast::Expr* value, const ast::Expr* index) {
  // Subscripting something that has no __getitem__ at all.
  bool not_subscriptable = false;
  switch (value->kind) {
    case K::Constant: {
      Object* v = value->as<ast::Constant>()->value;
      not_subscriptable = is_none(v) || v == &EllipsisObject || is_int(v) || is_float(v) ||
                          is_complex(v) || is_anyset(v);
      break;
    }
    case K::Set: case K::SetComp: case K::GeneratorExp: case K::TemplateStr: case K::Lambda:
      not_subscriptable = true;
      break;
    default: break;
  }
  if (not_subscriptable)
    return warn(loc_of(value->loc), std::string("'") + inferred_type_name(value) +
                                        "' object is not subscriptable; perhaps you missed a comma?");
  // A sequence indexed by something that is certainly neither an int nor a slice.
  const char* index_type = inferred_type_name(index);
  if (!index_type) return ok();
  if (index->kind == K::Constant && is_int(index->as<ast::Constant>()->value)) return ok();
  if (index->kind == K::Slice) return ok();
  switch (value->kind) {
    case K::Constant: {
      Object* v = value->as<ast::Constant>()->value;
      if (!is_str(v) && !is_bytes(v) && !is_tuple(v)) return ok();
      break;
    }
    case K::Tuple: case K::List: case K::ListComp: case K::JoinedStr: case K::FormattedValue:
    case K::TemplateStr: case K::Interpolation:
      break;
    default:
      return ok();
  }
  return warn(loc_of(value->loc), std::string(inferred_type_name(value)) +
                                      " indices must be integers or slices, not " + index_type +
                                      "; perhaps you missed a comma?");
}

Status Codegen::check_assert(const ast::Assert* a, const SrcLoc& loc) {
  const ast::Expr* test = a->test;
  bool nonempty_tuple =
      (test->kind == K::Tuple && !test->as<ast::Tuple>()->elts.empty()) ||
      (test->kind == K::Constant && is_tuple(test->as<ast::Constant>()->value) &&
       tuple_size(test->as<ast::Constant>()->value) > 0);
  if (!nonempty_tuple) return ok();
  return warn(loc, "assertion is always true, perhaps remove parentheses?");
}

}  // namespace weft::compiler
