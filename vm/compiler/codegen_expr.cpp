// vm/compiler/codegen_expr.cpp — expressions.
//
// Shapes are CPython 3.14's codegen.c: calls push [callable, self_or_null, args...] and use
// LOAD_ATTR's method bit / LOAD_GLOBAL's NULL bit where CPython does; conditions go through
// jump_if() (TO_BOOL before each conditional jump, fused later by the flowgraph); subscripts
// are BINARY_OP NB_SUBSCR; f-strings use CONVERT_VALUE/FORMAT_*/BUILD_STRING.
// Comprehensions are compiled as nested functions (PEP 709 inlining is not done yet).
#include "vm/compiler/codegen.h"

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft::compiler {

using namespace weft::vm;

namespace {

int binary_oparg(ast::OperatorKind op, bool inplace) {
  using O = ast::OperatorKind;
  int nb = NB_ADD;
  switch (op) {
    case O::Add: nb = NB_ADD; break;
    case O::Sub: nb = NB_SUBTRACT; break;
    case O::Mult: nb = NB_MULTIPLY; break;
    case O::MatMult: nb = NB_MATRIX_MULTIPLY; break;
    case O::Div: nb = NB_TRUE_DIVIDE; break;
    case O::Mod: nb = NB_REMAINDER; break;
    case O::Pow: nb = NB_POWER; break;
    case O::LShift: nb = NB_LSHIFT; break;
    case O::RShift: nb = NB_RSHIFT; break;
    case O::BitOr: nb = NB_OR; break;
    case O::BitXor: nb = NB_XOR; break;
    case O::BitAnd: nb = NB_AND; break;
    case O::FloorDiv: nb = NB_FLOOR_DIVIDE; break;
  }
  return inplace ? nb + kInplaceOffset : nb;
}

bool has_starred(const ast::Seq<ast::Expr*>& es) {
  for (const ast::Expr* e : es)
    if (e->kind == ast::ExprKind::Starred) return true;
  return false;
}

// Whether `pairs` key/value pairs are too many to push at once (CPython's subdict/subkwargs).
bool big_map(size_t pairs) { return pairs * 2 > static_cast<size_t>(kStackUseGuideline); }

}  // namespace

int aug_binary_oparg(ast::OperatorKind op) { return binary_oparg(op, true); }

Status Codegen::exprs(const ast::Seq<ast::Expr*>& es) {
  for (const ast::Expr* e : es) TRY(expr(e));
  return ok();
}

Status Codegen::emit_compare_op(ast::CmpOpKind op, const SrcLoc& loc) {
  using C = ast::CmpOpKind;
  switch (op) {
    case C::Eq: emit(COMPARE_OP, compare_op_oparg(kCmpEq, false), loc); break;
    case C::NotEq: emit(COMPARE_OP, compare_op_oparg(kCmpNe, false), loc); break;
    case C::Lt: emit(COMPARE_OP, compare_op_oparg(kCmpLt, false), loc); break;
    case C::LtE: emit(COMPARE_OP, compare_op_oparg(kCmpLe, false), loc); break;
    case C::Gt: emit(COMPARE_OP, compare_op_oparg(kCmpGt, false), loc); break;
    case C::GtE: emit(COMPARE_OP, compare_op_oparg(kCmpGe, false), loc); break;
    case C::Is: emit(IS_OP, 0, loc); break;
    case C::IsNot: emit(IS_OP, 1, loc); break;
    case C::In: emit(CONTAINS_OP, 0, loc); break;
    case C::NotIn: emit(CONTAINS_OP, 1, loc); break;
  }
  return ok();
}

Status Codegen::compare(const ast::Compare* c, const SrcLoc& loc) {
  TRY(check_compare(c, loc));
  TRY(expr(c->left));
  size_t n = c->ops.size();
  if (n == 1) {
    TRY(expr(c->comparators[0]));
    return emit_compare_op(c->ops[0], loc);
  }
  int cleanup = new_label();
  for (size_t i = 0; i + 1 < n; ++i) {
    TRY(expr(c->comparators[i]));
    emit(SWAP, 2, loc);
    emit(COPY, 2, loc);
    TRY(emit_compare_op(c->ops[i], loc));
    emit(COPY, 1, loc);
    emit(TO_BOOL, loc);
    emit_jump(POP_JUMP_IF_FALSE, cleanup, loc);
    emit(POP_TOP, loc);
  }
  TRY(expr(c->comparators[n - 1]));
  TRY(emit_compare_op(c->ops[n - 1], loc));
  int end = new_label();
  emit_jump(JUMP_NO_INTERRUPT, end, loc);
  bind(cleanup);
  emit(SWAP, 2, loc);
  emit(POP_TOP, loc);
  bind(end);
  return ok();
}

Status Codegen::jump_if(const ast::Expr* e, int label, bool cond) {
  SrcLoc loc = loc_of(e->loc);
  switch (e->kind) {
    case ast::ExprKind::UnaryOp:
      if (e->as<ast::UnaryOp>()->op == ast::UnaryOpKind::Not)
        return jump_if(e->as<ast::UnaryOp>()->operand, label, !cond);
      break;
    case ast::ExprKind::BoolOp: {
      const auto* b = e->as<ast::BoolOp>();
      bool is_or = b->op == ast::BoolOpKind::Or;
      int next2 = label;
      if (is_or != cond) next2 = new_label();
      size_t n = b->values.size();
      for (size_t i = 0; i + 1 < n; ++i) TRY(jump_if(b->values[i], next2, is_or));
      TRY(jump_if(b->values[n - 1], label, cond));
      if (next2 != label) bind(next2);
      return ok();
    }
    case ast::ExprKind::IfExp: {
      const auto* i = e->as<ast::IfExp>();
      int end = new_label(), next2 = new_label();
      TRY(jump_if(i->test, next2, false));
      TRY(jump_if(i->body, label, cond));
      emit_jump(JUMP_NO_INTERRUPT, end, kNoLocation);
      bind(next2);
      TRY(jump_if(i->orelse, label, cond));
      bind(end);
      return ok();
    }
    case ast::ExprKind::Compare: {
      const auto* c = e->as<ast::Compare>();
      size_t n = c->ops.size();
      if (n > 1) {
        TRY(check_compare(c, loc));
        TRY(expr(c->left));
        int cleanup = new_label();
        for (size_t i = 0; i + 1 < n; ++i) {
          TRY(expr(c->comparators[i]));
          emit(SWAP, 2, loc);
          emit(COPY, 2, loc);
          TRY(emit_compare_op(c->ops[i], loc));
          emit(TO_BOOL, loc);
          emit_jump(POP_JUMP_IF_FALSE, cleanup, loc);
        }
        TRY(expr(c->comparators[n - 1]));
        TRY(emit_compare_op(c->ops[n - 1], loc));
        emit(TO_BOOL, loc);
        emit_jump(cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, label, loc);
        int end = new_label();
        emit_jump(JUMP_NO_INTERRUPT, end, kNoLocation);
        bind(cleanup);
        emit(POP_TOP, kNoLocation);
        if (!cond) emit_jump(JUMP_NO_INTERRUPT, label, kNoLocation);
        bind(end);
        return ok();
      }
      break;
    }
    default:
      break;
  }
  TRY(expr(e));
  emit(TO_BOOL, loc);
  emit_jump(cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, label, loc);
  return ok();
}

Status Codegen::boolop(const ast::BoolOp* b, const SrcLoc& loc) {
  int end = new_label();
  int jump = b->op == ast::BoolOpKind::And ? POP_JUMP_IF_FALSE : POP_JUMP_IF_TRUE;
  size_t n = b->values.size();
  for (size_t i = 0; i + 1 < n; ++i) {
    TRY(expr(b->values[i]));
    emit(COPY, 1, loc);
    emit(TO_BOOL, loc);
    emit_jump(jump, end, loc);
    emit(POP_TOP, loc);
  }
  TRY(expr(b->values[n - 1]));
  bind(end);
  return ok();
}

// CPython's starunpack_helper: a list/set/tuple display (or a call's positional tuple after
// `pushed` items already on the stack). Without starred items and within the stack guideline it
// is one BUILD_x; otherwise BUILD_x then APPEND/EXTEND per item (a starred item starts the
// build if the display is not big), and LIST_TO_TUPLE for tuples.
Status Codegen::starred_collection(const ast::Seq<ast::Expr*>& elts, int build_op, int extend_op,
                                   int append_op, bool to_tuple, const SrcLoc& loc, int pushed,
                                   std::string_view injected) {
  int n = static_cast<int>(elts.size());
  bool big = n + pushed + (injected.empty() ? 0 : 1) > kStackUseGuideline;
  if (!big && !has_starred(elts)) {
    TRY(exprs(elts));
    int count = pushed + n;
    if (!injected.empty()) {
      TRY(emit_name_op(injected, ast::ExprContext::Load, loc));
      ++count;
    }
    emit(to_tuple ? BUILD_TUPLE : build_op, count, loc);
    return ok();
  }
  bool built = big;
  if (big) emit(build_op, pushed, loc);
  for (int i = 0; i < n; ++i) {
    const ast::Expr* e = elts[i];
    if (e->kind == ast::ExprKind::Starred) {
      if (!built) {
        emit(build_op, pushed + i, loc);
        built = true;
      }
      TRY(expr(e->as<ast::Starred>()->value));
      emit(extend_op, 1, loc);
    } else {
      TRY(expr(e));
      if (built) emit(append_op, 1, loc);
    }
  }
  if (!injected.empty()) {
    TRY(emit_name_op(injected, ast::ExprContext::Load, loc));
    emit(append_op, 1, loc);
  }
  if (to_tuple) emit(CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE, loc);
  return ok();
}

Status Codegen::call_args(const ast::Seq<ast::Expr*>& args, const ast::Seq<ast::Keyword*>& keywords,
                          int preloaded, const SrcLoc& loc, std::string_view injected) {
  bool kw_unpack = false;
  for (const ast::Keyword* k : keywords) kw_unpack |= k->arg.empty();
  bool big = args.size() + keywords.size() * 2 > static_cast<size_t>(kStackUseGuideline);
  if (!has_starred(args) && !kw_unpack && !big) {
    TRY(exprs(args));
    int n = preloaded + static_cast<int>(args.size() + keywords.size());
    if (!injected.empty()) {
      TRY(emit_name_op(injected, ast::ExprContext::Load, loc));
      ++n;
    }
    if (keywords.empty()) {
      emit(CALL, n, loc);
      return ok();
    }
    Ref<Object> names = TRY(tuple_new(static_cast<int64_t>(keywords.size())));
    for (size_t i = 0; i < keywords.size(); ++i) {
      TRY(expr(keywords[i]->value));
      Ref<Object> s = TRY(str_from_utf8(keywords[i]->arg));
      tuple_init_item(names.get(), static_cast<int64_t>(i), std::move(s));
    }
    TRY(emit_const(names.get(), loc));
    emit(CALL_KW, n, loc);
    return ok();
  }
  if (preloaded > 0 || !injected.empty()) {
    // Class bases after the body function and name: everything goes into the positional tuple.
    TRY(starred_collection(args, BUILD_LIST, LIST_EXTEND, LIST_APPEND, true, loc, preloaded,
                           injected));
  } else if (args.size() == 1 && args[0]->kind == ast::ExprKind::Starred) {
    TRY(expr(args[0]->as<ast::Starred>()->value));
  } else {
    TRY(starred_collection(args, BUILD_LIST, LIST_EXTEND, LIST_APPEND, true, loc));
  }
  if (keywords.empty()) {
    emit(PUSH_NULL, loc);
  } else {
    // Keyword arguments: groups of name=value become dicts merged with DICT_MERGE.
    bool have_dict = false;
    size_t i = 0;
    while (i < keywords.size()) {
      if (keywords[i]->arg.empty()) {
        if (!have_dict) {
          emit(BUILD_MAP, 0, loc);
          have_dict = true;
        }
        TRY(expr(keywords[i]->value));
        emit(DICT_MERGE, 1, loc);
        ++i;
        continue;
      }
      size_t j = i;
      while (j < keywords.size() && !keywords[j]->arg.empty()) ++j;
      bool big_run = big_map(j - i);
      if (big_run) emit(BUILD_MAP, 0, kNoLocation);
      for (size_t k = i; k < j; ++k) {
        Ref<Object> key = TRY(str_from_utf8(keywords[k]->arg));
        TRY(emit_const(key.get(), loc));
        TRY(expr(keywords[k]->value));
        if (big_run) emit(MAP_ADD, 1, kNoLocation);
      }
      if (!big_run) emit(BUILD_MAP, static_cast<int>(j - i), loc);
      if (have_dict) emit(DICT_MERGE, 1, loc);
      have_dict = true;
      i = j;
    }
  }
  emit(CALL_FUNCTION_EX, loc);
  return ok();
}

namespace {
int utf8_code_points(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

// CPython's is_import_originated: `mod.f()` where the module imports `mod` is a plain
// attribute load and call, not a method call.
bool Codegen::is_import_originated(const ast::Expr* e) const {
  if (e->kind != ast::ExprKind::Name) return false;
  const Symbol* sym = symtable_.top()->lookup(e->as<ast::Name>()->id);
  return sym && (sym->flags & kDefImport);
}

// CPython's update_start_location_to_match_attr: an attribute access spanning lines is
// located from the line of the attribute name.
SrcLoc Codegen::attr_location(const ast::Attribute* a, SrcLoc loc) {
  if (loc.lineno == a->loc.end_lineno) return loc;
  loc.lineno = a->loc.end_lineno;
  int len = utf8_code_points(a->attr);
  if (len <= a->loc.end_col_offset) {
    loc.col = a->loc.end_col_offset - len;
  } else {
    loc.col = -1;
    loc.end_col = -1;
  }
  loc.end_lineno = std::max(loc.lineno, loc.end_lineno);
  if (loc.lineno == loc.end_lineno) loc.end_col = std::max(loc.col, loc.end_col);
  return loc;
}

// CPython's can_optimize_super_call: `super().x` / `super(a, b).x` compile to LOAD_SUPER_ATTR
// when `super` is visibly the builtin (not bound anywhere in this scope or the module), the
// call has no keywords and either two plain arguments, or none in a function with a first
// argument and a __class__ cell.
bool Codegen::can_optimize_super_call(const ast::Attribute* attr) {
  const ast::Expr* e = attr->value;
  if (e->kind != ast::ExprKind::Call) return false;
  const auto* call = e->as<ast::Call>();
  if (call->func->kind != ast::ExprKind::Name || call->func->as<ast::Name>()->id != "super" ||
      attr->attr == "__class__" || !call->keywords.empty())
    return false;
  const Symbol* sym = lookup_symbol("super");
  if (sym && sym->scope != NameScope::GlobalImplicit) return false;
  if (symtable_.top()->lookup("super")) return false;
  if (call->args.size() == 2) {
    for (const ast::Expr* arg : call->args)
      if (arg->kind == ast::ExprKind::Starred) return false;
    return true;
  }
  if (!call->args.empty()) return false;
  if (u().argcount == 0 && u().posonlyargcount == 0) return false;
  const Symbol* cls = lookup_symbol("__class__");
  return cls && cls->scope == NameScope::Free;
}

// Pushes the global `super`, then the class and the instance: the two explicit arguments, or
// the __class__ cell and the first parameter.
Status Codegen::load_args_for_super(const ast::Call* call, const SrcLoc& loc) {
  TRY(emit_name_op(call->func->as<ast::Name>()->id, ast::ExprContext::Load, loc_of(call->func->loc)));
  if (call->args.size() == 2) {
    TRY(expr(call->args[0]));
    return expr(call->args[1]);
  }
  SrcLoc call_loc = loc_of(call->loc);
  TRY(emit_name_op("__class__", ast::ExprContext::Load, call_loc));
  return emit_name_op(u().varnames[0], ast::ExprContext::Load, call_loc);
}

Status Codegen::call(const ast::Call* c, const SrcLoc& loc) {
  const ast::Expr* f = c->func;
  TRY(check_caller(f));
  bool kw_unpack = false;
  for (const ast::Keyword* k : c->keywords) kw_unpack |= k->arg.empty();
  bool simple = !has_starred(c->args) && !kw_unpack;
  if (f->kind == ast::ExprKind::Attribute && f->as<ast::Attribute>()->ctx == ast::ExprContext::Load &&
      simple && !is_import_originated(f->as<ast::Attribute>()->value)) {
    const auto* a = f->as<ast::Attribute>();
    SrcLoc attr_loc = loc_of(f->loc);
    if (can_optimize_super_call(a)) {
      // super().method(...): LOAD_SUPER_ATTR with the method bit, no super object built.
      TRY(load_args_for_super(a->value->as<ast::Call>(), attr_loc));
      bool two_args = !a->value->as<ast::Call>()->args.empty();
      int index = TRY(name_index(mangled(a->attr)));
      emit(LOAD_SUPER_ATTR, (index << 2) | (two_args ? 2 : 0) | 1, attr_loc);
      attr_loc = attr_location(a, attr_loc);
      emit(NOP, attr_loc);
    } else {
      TRY(expr(a->value));
      int index = TRY(name_index(mangled(a->attr)));
      attr_loc = attr_location(a, attr_loc);
      emit(LOAD_ATTR, load_attr_oparg(index, true), attr_loc);
    }
    return call_args(c->args, c->keywords, 0, attr_location(a, loc));
  }
  TRY(expr(f));
  // A global name's LOAD_GLOBAL pushes the NULL itself.
  std::vector<Instr>& ins = u().seq.instrs();
  if (!ins.empty() && ins.back().opcode == LOAD_GLOBAL && f->kind == ast::ExprKind::Name)
    ins.back().oparg |= 1;
  else
    emit(PUSH_NULL, loc);
  return call_args(c->args, c->keywords, 0, loc);
}

// Pairs [begin, end) of a dict display as one dict: BUILD_MAP n, or for a big run BUILD_MAP 0
// and MAP_ADD per pair.
Status Codegen::subdict(const ast::Dict* d, size_t begin, size_t end, const SrcLoc& loc) {
  bool big = big_map(end - begin);
  if (big) emit(BUILD_MAP, 0, loc);
  for (size_t i = begin; i < end; ++i) {
    TRY(expr(d->keys[i]));
    TRY(expr(d->values[i]));
    if (big) emit(MAP_ADD, 1, loc);
  }
  if (!big) emit(BUILD_MAP, static_cast<int>(end - begin), loc);
  return ok();
}

// CPython's codegen_dict: runs of key: value pairs (cut after 16 pairs) become dicts merged
// with DICT_UPDATE, as does each `**mapping`.
Status Codegen::dict(const ast::Dict* d, const SrcLoc& loc) {
  size_t n = d->values.size();
  bool have_dict = false;
  size_t elements = 0;
  auto flush = [&](size_t begin, size_t end) -> Status {
    TRY(subdict(d, begin, end, loc));
    if (have_dict) emit(DICT_UPDATE, 1, loc);
    have_dict = true;
    elements = 0;
    return ok();
  };
  for (size_t i = 0; i < n; ++i) {
    if (!d->keys[i]) {
      if (elements) TRY(flush(i - elements, i));
      if (!have_dict) {
        emit(BUILD_MAP, 0, loc);
        have_dict = true;
      }
      TRY(expr(d->values[i]));
      emit(DICT_UPDATE, 1, loc);
    } else if (big_map(elements)) {
      TRY(flush(i - elements, i + 1));
    } else {
      ++elements;
    }
  }
  if (elements) TRY(flush(n - elements, n));
  if (!have_dict) emit(BUILD_MAP, 0, loc);
  return ok();
}

namespace {

// A slice whose bounds are all constants or absent is itself a constant (CPython 3.14).
bool is_constant_slice(const ast::Expr* e) {
  if (e->kind != ast::ExprKind::Slice) return false;
  const auto* s = e->as<ast::Slice>();
  auto constant_or_absent = [](const ast::Expr* x) { return !x || x->kind == ast::ExprKind::Constant; };
  return constant_or_absent(s->lower) && constant_or_absent(s->upper) && constant_or_absent(s->step);
}

Object* constant_or_none(const ast::Expr* x) {
  return x ? x->as<ast::Constant>()->value : none();
}

}  // namespace

bool is_two_part_slice(const ast::Expr* e) {
  return e->kind == ast::ExprKind::Slice && !e->as<ast::Slice>()->step && !is_constant_slice(e);
}

// The start and stop of `x[a:b]` for BINARY_SLICE / STORE_SLICE.
Status Codegen::slice_two_parts(const ast::Expr* e, const SrcLoc& loc) {
  const auto* s = e->as<ast::Slice>();
  if (s->lower) TRY(expr(s->lower)); else TRY(emit_none(loc));
  if (s->upper) TRY(expr(s->upper)); else TRY(emit_none(loc));
  return ok();
}

Status Codegen::slice(const ast::Slice* s, const SrcLoc& loc) {
  if (is_constant_slice(s)) {
    Ref<Object> value = TRY(slice_new(constant_or_none(s->lower), constant_or_none(s->upper),
                                      constant_or_none(s->step)));
    return emit_const(value.get(), loc);
  }
  int n = 2;
  if (s->lower) TRY(expr(s->lower)); else TRY(emit_none(loc));
  if (s->upper) TRY(expr(s->upper)); else TRY(emit_none(loc));
  if (s->step) {
    TRY(expr(s->step));
    n = 3;
  }
  emit(BUILD_SLICE, n, loc);
  return ok();
}

Status Codegen::subscript(const ast::Subscript* s, const SrcLoc& loc) {
  if (s->ctx == ast::ExprContext::Load) TRY(check_subscript(s->value, s->slice));
  TRY(expr(s->value));
  if (is_two_part_slice(s->slice) && s->ctx != ast::ExprContext::Del) {
    TRY(slice_two_parts(s->slice, loc));
    if (s->ctx == ast::ExprContext::Load) emit(BINARY_SLICE, loc);
    else emit(STORE_SLICE, loc);
    return ok();
  }
  TRY(expr(s->slice));
  switch (s->ctx) {
    case ast::ExprContext::Load: emit(BINARY_OP, NB_SUBSCR, loc); break;
    case ast::ExprContext::Store: emit(STORE_SUBSCR, loc); break;
    case ast::ExprContext::Del: emit(DELETE_SUBSCR, loc); break;
  }
  return ok();
}

Status Codegen::formatted_value(const ast::Expr* value, int conversion,
                                const ast::Expr* format_spec, const SrcLoc& loc) {
  TRY(expr(value));
  switch (conversion) {
    case 's': emit(CONVERT_VALUE, FVC_STR, loc); break;
    case 'r': emit(CONVERT_VALUE, FVC_REPR, loc); break;
    case 'a': emit(CONVERT_VALUE, FVC_ASCII, loc); break;
    default: break;
  }
  if (format_spec) {
    TRY(expr(format_spec));
    emit(FORMAT_WITH_SPEC, loc);
  } else {
    emit(FORMAT_SIMPLE, loc);
  }
  return ok();
}

// t"...": BUILD_TEMPLATE from the tuple of the literal parts (an empty string before, between
// and after adjacent interpolations, so there is always one more) and the tuple of
// interpolations (CPython's codegen_template_str).
Status Codegen::template_str(const ast::TemplateStr* t, const SrcLoc& loc) {
  Ref<Object> empty = TRY(str_from_ascii(""));
  bool last_was_interpolation = true;
  int nstrings = 0, ninterpolations = 0;
  for (const ast::Expr* v : t->values) {
    if (v->kind == ast::ExprKind::Interpolation) {
      if (last_was_interpolation) {
        TRY(emit_const(empty.get(), loc));
        ++nstrings;
      }
      last_was_interpolation = true;
    } else {
      TRY(expr(v));
      ++nstrings;
      last_was_interpolation = false;
    }
  }
  if (last_was_interpolation) {
    TRY(emit_const(empty.get(), loc));
    ++nstrings;
  }
  emit(BUILD_TUPLE, nstrings, loc);
  for (const ast::Expr* v : t->values) {
    if (v->kind != ast::ExprKind::Interpolation) continue;
    TRY(expr(v));
    ++ninterpolations;
  }
  emit(BUILD_TUPLE, ninterpolations, loc);
  emit(BUILD_TEMPLATE, loc);
  return ok();
}

// One `{value!c:spec}` of a t-string: BUILD_INTERPOLATION's oparg has bit 0 for a format spec
// and the conversion (FVC_*) from bit 2.
Status Codegen::interpolation(const ast::Interpolation* i, const SrcLoc& loc) {
  TRY(expr(i->value));
  TRY(emit_const(i->str, loc));
  int oparg = 2;
  if (i->format_spec) {
    ++oparg;
    TRY(expr(i->format_spec));
  }
  switch (i->conversion) {
    case 's': oparg |= FVC_STR << 2; break;
    case 'r': oparg |= FVC_REPR << 2; break;
    case 'a': oparg |= FVC_ASCII << 2; break;
    default: break;
  }
  emit(BUILD_INTERPOLATION, oparg, loc);
  return ok();
}

Status Codegen::yield_value(const SrcLoc& loc) {
  // An async generator's yields are wrapped so the awaiting machinery can tell them from the
  // values an `await` passes through (CPython's codegen_addop_yield).
  if (u().scope->is_generator && u().scope->is_coroutine)
    emit(CALL_INTRINSIC_1, INTRINSIC_ASYNC_GEN_WRAP, loc);
  emit(YIELD_VALUE, 0, loc);
  emit(RESUME, RESUME_AFTER_YIELD, loc);
  return ok();
}

void Codegen::yield_from_loop(const SrcLoc& loc, bool await, int exit) {
  int send = new_label(), fail = new_label();
  if (exit < 0) exit = new_label();
  bind(send);
  emit_jump(SEND, exit, loc);
  // A virtual try: close()/throw() ending the delegate with StopIteration lands in
  // CLEANUP_THROW, which turns it into the loop's result.
  emit_jump(SETUP_FINALLY, fail, loc);
  emit(YIELD_VALUE, 1, loc);
  emit(POP_BLOCK, kNoLocation);
  emit(RESUME, await ? RESUME_AFTER_AWAIT : RESUME_AFTER_YIELD_FROM, loc);
  emit_jump(JUMP_NO_INTERRUPT, send, loc);
  bind(fail);
  emit(CLEANUP_THROW, loc);
  bind(exit);
  emit(END_SEND, loc);
}

Status Codegen::emit_await(int where, const SrcLoc& loc) {
  emit(GET_AWAITABLE, where, loc);
  TRY(emit_none(loc));
  yield_from_loop(loc, true);
  return ok();
}

// ---- the dispatcher ---------------------------------------------------------------------------

Status Codegen::expr(const ast::Expr* e) {
  SrcLoc loc = loc_of(e->loc);
  using K = ast::ExprKind;
  switch (e->kind) {
    case K::BoolOp: return boolop(e->as<ast::BoolOp>(), loc);
    case K::NamedExpr: {
      const auto* n = e->as<ast::NamedExpr>();
      TRY(expr(n->value));
      emit(COPY, 1, loc);
      return assign_target(n->target, loc);
    }
    case K::BinOp: {
      const auto* b = e->as<ast::BinOp>();
      if (TRY(try_percent_format(b, loc))) return ok();
      TRY(expr(b->left));
      TRY(expr(b->right));
      emit(BINARY_OP, binary_oparg(b->op, false), loc);
      return ok();
    }
    case K::UnaryOp: {
      const auto* un = e->as<ast::UnaryOp>();
      TRY(expr(un->operand));
      switch (un->op) {
        case ast::UnaryOpKind::Not: emit(TO_BOOL, loc); emit(UNARY_NOT, loc); break;
        case ast::UnaryOpKind::USub: emit(UNARY_NEGATIVE, loc); break;
        case ast::UnaryOpKind::Invert: emit(UNARY_INVERT, loc); break;
        case ast::UnaryOpKind::UAdd: emit(CALL_INTRINSIC_1, INTRINSIC_UNARY_POSITIVE, loc); break;
      }
      return ok();
    }
    case K::Lambda: return lambda(e->as<ast::Lambda>(), loc);
    case K::IfExp: {
      const auto* i = e->as<ast::IfExp>();
      int end = new_label(), next = new_label();
      TRY(jump_if(i->test, next, false));
      TRY(expr(i->body));
      emit_jump(JUMP_NO_INTERRUPT, end, kNoLocation);
      bind(next);
      TRY(expr(i->orelse));
      bind(end);
      return ok();
    }
    case K::Dict: return dict(e->as<ast::Dict>(), loc);
    case K::Set: {
      const auto* s = e->as<ast::Set>();
      return starred_collection(s->elts, BUILD_SET, SET_UPDATE, SET_ADD, false, loc);
    }
    case K::ListComp:
    case K::SetComp:
    case K::DictComp:
    case K::GeneratorExp:
      return comprehension(e, loc);
    case K::Await:
      TRY(expr(e->as<ast::Await>()->value));
      return emit_await(0, loc);
    case K::Yield: {
      const auto* y = e->as<ast::Yield>();
      if (y->value) TRY(expr(y->value)); else TRY(emit_none(loc));
      return yield_value(loc);
    }
    case K::YieldFrom: {
      if (u().scope->is_async_def()) return syntax_error(loc, "'yield from' inside async function");
      TRY(expr(e->as<ast::YieldFrom>()->value));
      emit(GET_YIELD_FROM_ITER, loc);
      TRY(emit_none(loc));
      yield_from_loop(loc, false);
      return ok();
    }
    case K::Compare: return compare(e->as<ast::Compare>(), loc);
    case K::Call: return call(e->as<ast::Call>(), loc);
    case K::FormattedValue: {
      const auto* f = e->as<ast::FormattedValue>();
      return formatted_value(f->value, f->conversion, f->format_spec, loc);
    }
    case K::Interpolation: return interpolation(e->as<ast::Interpolation>(), loc);
    case K::TemplateStr: return template_str(e->as<ast::TemplateStr>(), loc);
    case K::JoinedStr: return fstring(e->as<ast::JoinedStr>(), loc);
    case K::Constant: return emit_const(e->as<ast::Constant>()->value, loc);
    case K::Attribute: {
      const auto* a = e->as<ast::Attribute>();
      if (a->ctx == ast::ExprContext::Load && can_optimize_super_call(a)) {
        TRY(load_args_for_super(a->value->as<ast::Call>(), loc));
        bool two_args = !a->value->as<ast::Call>()->args.empty();
        int index = TRY(name_index(mangled(a->attr)));
        emit(LOAD_SUPER_ATTR, (index << 2) | (two_args ? 2 : 0), loc);
        emit(NOP, attr_location(a, loc));
        return ok();
      }
      // The object first: co_names gets the attribute name after the names `value` uses.
      TRY(expr(a->value));
      int index = TRY(name_index(mangled(a->attr)));
      SrcLoc attr_loc = attr_location(a, loc);
      if (a->ctx == ast::ExprContext::Load) {
        emit(LOAD_ATTR, load_attr_oparg(index, false), attr_loc);
      } else if (a->ctx == ast::ExprContext::Store) {
        note_static_attribute(a);
        emit(STORE_ATTR, index, attr_loc);
      } else {
        emit(DELETE_ATTR, index, attr_loc);
      }
      return ok();
    }
    case K::Subscript: return subscript(e->as<ast::Subscript>(), loc);
    case K::Starred:
      return syntax_error(loc, "can't use starred expression here");
    case K::Name: return emit_name_op(e->as<ast::Name>()->id, e->as<ast::Name>()->ctx, loc);
    case K::List: {
      const auto* l = e->as<ast::List>();
      if (l->ctx == ast::ExprContext::Store) return unpack(l->elts, loc);
      return starred_collection(l->elts, BUILD_LIST, LIST_EXTEND, LIST_APPEND, false, loc);
    }
    case K::Tuple: {
      const auto* t = e->as<ast::Tuple>();
      if (t->ctx == ast::ExprContext::Store) return unpack(t->elts, loc);
      return starred_collection(t->elts, BUILD_LIST, LIST_EXTEND, LIST_APPEND, true, loc);
    }
    case K::Slice: return slice(e->as<ast::Slice>(), loc);
  }
  return ok();
}

}  // namespace weft::compiler
