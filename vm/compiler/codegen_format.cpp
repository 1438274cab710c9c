// vm/compiler/codegen_format.cpp — string building: f-strings (JoinedStr) and CPython 3.14's
// rewrite of `"..." % (a, b)` into the same code.
//
// CPython's AST preprocessing (optimize_format in Python/ast_preprocess.c) turns a constant
// format string applied with `%` to a tuple display into a JoinedStr when every conversion is
// %s, %r or %a with at most a width (two digits), a precision (two digits) and flags, the counts
// match and no item is starred; anything else is left to run time. Weft does the rewrite while
// generating code, emitting exactly what CPython's codegen_joined_str emits for that JoinedStr:
// the literal pieces have no location, each conversion has its argument's, the join has the
// `%` expression's. Compile-time only; no shared state.
#include <functional>
#include <string>
#include <vector>

#include "objects/str.h"
#include "vm/compiler/codegen.h"

namespace weft::compiler {

using namespace weft::vm;

namespace {

// One piece of a rewritten %-format: literal text, or argument `arg` with a conversion.
struct FormatPiece {
  std::u32string literal;   // when arg < 0
  int arg = -1;
  int conversion = 0;       // 's', 'r' or 'a'
  std::string spec;         // the format spec ("" for none)
};

constexpr int kMaxSpecDigits = 3;  // CPython's MAXDIGITS: widths and precisions below 100

// Parses CPython's supported subset of %-formatting in `fmt` for `nargs` arguments; false when
// the expression must stay a run-time `%`.
bool parse_percent_format(const std::u32string& fmt, size_t nargs, std::vector<FormatPiece>* out) {
  size_t pos = 0, n = fmt.size(), used = 0;
  for (;;) {
    FormatPiece lit;
    while (pos < n && (fmt[pos] != '%' || (pos + 1 < n && fmt[pos + 1] == '%'))) {
      lit.literal.push_back(fmt[pos]);
      pos += fmt[pos] == '%' ? 2 : 1;
    }
    if (!lit.literal.empty()) out->push_back(std::move(lit));
    if (pos >= n) break;
    if (used >= nargs) return false;  // more format units than items
    ++pos;                            // the '%'
    bool left_justify = false;
    int width = -1, precision = -1;
    auto next = [&](char32_t* c) {
      if (pos >= n) return false;
      *c = fmt[pos++];
      return true;
    };
    char32_t c;
    if (!next(&c)) return false;
    while (c == '-' || c == '+' || c == ' ' || c == '#' || c == '0') {
      left_justify |= c == '-';
      if (!next(&c)) return false;
    }
    auto number = [&](int* value) {
      *value = 0;
      int digits = 0;
      while (c >= '0' && c <= '9') {
        *value = *value * 10 + static_cast<int>(c - '0');
        if (!next(&c) || ++digits >= kMaxSpecDigits) return false;
      }
      return true;
    };
    if (c >= '0' && c <= '9' && !number(&width)) return false;
    if (c == '.') {
      if (!next(&c)) return false;
      if (!number(&precision)) return false;
    }
    if (c != 's' && c != 'r' && c != 'a') return false;
    FormatPiece piece;
    piece.arg = static_cast<int>(used++);
    piece.conversion = static_cast<int>(c);
    if (!left_justify && width > 0) piece.spec += '>';
    if (width >= 0) piece.spec += std::to_string(width);
    if (precision >= 0) piece.spec += "." + std::to_string(precision);
    out->push_back(std::move(piece));
  }
  return used == nargs;  // more items than format units: left to run time
}

}  // namespace

// CPython's codegen_joined_str over `n` pieces: BUILD_STRING (nothing for one piece, '' for
// none), or for more than the stack guideline ''.join([...]).
Status Codegen::joined_string(size_t n, const SrcLoc& loc, const std::function<Status(size_t)>& piece) {
  if (n > static_cast<size_t>(kStackUseGuideline)) {
    Ref<Object> empty = TRY(str_from_ascii(""));
    TRY(emit_const(empty.get(), loc));
    int join = TRY(name_index("join"));
    emit(LOAD_ATTR, load_attr_oparg(join, true), loc);
    emit(BUILD_LIST, 0, loc);
    for (size_t i = 0; i < n; ++i) {
      TRY(piece(i));
      emit(LIST_APPEND, 1, loc);
    }
    emit(CALL, 1, loc);
    return ok();
  }
  for (size_t i = 0; i < n; ++i) TRY(piece(i));
  if (n > 1) {
    emit(BUILD_STRING, static_cast<int>(n), loc);
  } else if (n == 0) {
    Ref<Object> empty = TRY(str_from_ascii(""));
    TRY(emit_const(empty.get(), loc));
  }
  return ok();
}

Status Codegen::fstring(const ast::JoinedStr* j, const SrcLoc& loc) {
  return joined_string(j->values.size(), loc, [&](size_t i) -> Status {
    const ast::Expr* v = j->values[i];
    // A replacement field nested in a t-string's format spec is formatted, as in an f-string.
    if (v->kind == ast::ExprKind::Interpolation) {
      const auto* in = v->as<ast::Interpolation>();
      return formatted_value(in->value, in->conversion, in->format_spec, loc_of(v->loc));
    }
    return expr(v);
  });
}

Result<bool> Codegen::try_percent_format(const ast::BinOp* b, const SrcLoc& loc) {
  if (b->op != ast::OperatorKind::Mod || b->left->kind != ast::ExprKind::Constant ||
      b->right->kind != ast::ExprKind::Tuple)
    return false;
  Object* fmt = b->left->as<ast::Constant>()->value;
  if (!is_str(fmt)) return false;
  const auto& args = b->right->as<ast::Tuple>()->elts;
  for (const ast::Expr* a : args)
    if (a->kind == ast::ExprKind::Starred) return false;
  std::u32string text;
  for (int64_t i = 0; i < str_length(fmt); ++i) text.push_back(str_char_at(fmt, i));
  std::vector<FormatPiece> pieces;
  if (!parse_percent_format(text, args.size(), &pieces)) return false;
  TRY(joined_string(pieces.size(), loc, [&](size_t i) -> Status {
    const FormatPiece& p = pieces[i];
    if (p.arg < 0) {
      Ref<Object> s = TRY(str_from_code_points(reinterpret_cast<const uint32_t*>(p.literal.data()),
                                               p.literal.size()));
      return emit_const(s.get(), kNoLocation);
    }
    const ast::Expr* arg = args[static_cast<size_t>(p.arg)];
    SrcLoc arg_loc = loc_of(arg->loc);
    TRY(expr(arg));
    emit(CONVERT_VALUE, p.conversion == 's' ? FVC_STR : p.conversion == 'r' ? FVC_REPR : FVC_ASCII, arg_loc);
    if (p.spec.empty()) {
      emit(FORMAT_SIMPLE, arg_loc);
    } else {
      Ref<Object> spec = TRY(str_from_utf8(p.spec));
      TRY(emit_const(spec.get(), kNoLocation));
      emit(FORMAT_WITH_SPEC, arg_loc);
    }
    return ok();
  }));
  return true;
}

}  // namespace weft::compiler
