// vm/compiler/codegen_annotations.cpp — PEP 649/749 variable annotations of module and class
// bodies (`name: annotation [= value]`), as CPython 3.14's codegen.c does them.
//
//   * The assignment happens where the statement is; the annotation is not evaluated there. A
//     simple name in a module or class body is deferred: at the end of the body all deferred
//     annotations become one `__annotate__(format)` function (the symbol table's
//     Scope::annotation_block) building {mangled name: value}; a class stores it as
//     `__annotate_func__` (type.__annotate__ reads it), a module as `__annotate__`, created
//     right after the module's RESUME (CPython's ANNOTATIONS_PLACEHOLDER), so it exists even
//     when the body raises.
//   * An annotation under if/for/while/try/with/match — and every one in a module — gets an
//     index; executing the statement adds the index to the body's `__conditional_annotations__`
//     set (a cell in both module and class, as in CPython), and __annotate__ includes the entry
//     only when its index is in the set.
//   * Targets that are not simple names evaluate only the object (and subscript) parts when there
//     is no value, never the annotation (CPython's check_ann_expr).
//   * Under `from __future__ import annotations` (PEP 563) nothing is deferred: a body with
//     annotations starts with SETUP_ANNOTATIONS and each simple annotation stores its source
//     text (ast_unparse.cpp) into __annotations__ at once; function __annotate__ functions
//     return the strings too.
// Single-threaded: one Codegen per compilation.
#include "objects/int.h"
#include "objects/str.h"
#include "vm/compiler/ast_unparse.h"
#include "vm/compiler/codegen.h"

namespace weft::compiler {

using namespace weft::vm;

namespace {
constexpr const char* kConditionalAnnotations = "__conditional_annotations__";

bool is_conditional_stmt(ast::StmtKind k) {
  using K = ast::StmtKind;
  return k == K::If || k == K::For || k == K::AsyncFor || k == K::While || k == K::With ||
         k == K::AsyncWith || k == K::Match || k == K::Try || k == K::TryStar;
}
}  // namespace

// Every statement passes here: the conditional-block depth decides which annotations are tracked
// in __conditional_annotations__ (CPython's _PyCompile_EnterConditionalBlock).
Status Codegen::stmt(const ast::Stmt* s) {
  if (!is_conditional_stmt(s->kind)) return stmt_dispatch(s);
  ++u().in_conditional_block;
  Status st = stmt_dispatch(s);
  --u().in_conditional_block;
  return st;
}

// CPython's codegen_check_ann_expr: evaluates `e` for its side effects only.
Status Codegen::check_ann_expr(const ast::Expr* e) {
  // CPython's flowgraph deletes `LOAD_CONST; POP_TOP`, so a constant leaves nothing.
  if (e->kind == ast::ExprKind::Constant) return ok();
  TRY(expr(e));
  emit(POP_TOP, loc_of(e->loc));
  return ok();
}

// CPython's codegen_check_ann_subscr: slices and tuples of slices evaluate their parts.
Status Codegen::check_ann_subscr(const ast::Expr* e) {
  if (e->kind == ast::ExprKind::Slice) {
    const auto* s = e->as<ast::Slice>();
    for (const ast::Expr* part : {s->lower, s->upper, s->step})
      if (part) TRY(check_ann_expr(part));
    return ok();
  }
  if (e->kind == ast::ExprKind::Tuple) {
    for (const ast::Expr* elt : e->as<ast::Tuple>()->elts) TRY(check_ann_subscr(elt));
    return ok();
  }
  return check_ann_expr(e);
}

Status Codegen::ann_assign(const ast::AnnAssign* a, const SrcLoc& loc) {
  if (a->value) {
    TRY(expr(a->value));
    TRY(assign_target(a->target, loc));
  }
  ScopeKind kind = u().scope->kind;
  switch (a->target->kind) {
    case ast::ExprKind::Name: {
      if (!a->simple || (kind != ScopeKind::Module && kind != ScopeKind::Class)) return ok();
      if (symtable_.future_annotations()) {
        TRY(emit_annotation_string(a->annotation));
        emit(LOAD_NAME, TRY(name_index("__annotations__")), loc);
        Ref<Object> key = TRY(str_from_utf8(mangled(a->target->as<ast::Name>()->id)));
        TRY(emit_const(key.get(), loc));
        emit(STORE_SUBSCR, loc);
        return ok();
      }
      CodeUnit& unit = u();
      int index = -1;
      if (kind == ScopeKind::Module || unit.in_conditional_block > 0)
        index = unit.next_conditional_annotation++;
      unit.deferred_annotations.push_back({a, loc, index});
      if (index < 0) return ok();
      if (kind == ScopeKind::Class) {
        emit(LOAD_DEREF, deref_index(kConditionalAnnotations), loc);
      } else {
        emit(LOAD_NAME, TRY(name_index(kConditionalAnnotations)), loc);
      }
      Ref<Object> i = TRY(int_from_i64(index));
      TRY(emit_const(i.get(), loc));
      emit(SET_ADD, 1, loc);
      emit(POP_TOP, loc);
      return ok();
    }
    case ast::ExprKind::Attribute:
      if (!a->value) TRY(check_ann_expr(a->target->as<ast::Attribute>()->value));
      return ok();
    case ast::ExprKind::Subscript:
      if (!a->value) {
        const auto* s = a->target->as<ast::Subscript>();
        TRY(check_ann_expr(s->value));
        TRY(check_ann_subscr(s->slice));
      }
      return ok();
    default:
      return syntax_error(loc, "invalid node type for annotated assignment");
  }
}

// PEP 563: the annotation's source text as a constant.
Status Codegen::emit_annotation_string(const ast::Expr* annotation) {
  Ref<Object> text = TRY(unparse_annotation(annotation));
  return emit_const(text.get(), loc_of(annotation->loc));
}

// The body's prologue: __conditional_annotations__ = set() when some annotation is conditional
// (CPython does it even under the future import), then SETUP_ANNOTATIONS under the future
// import when the body has annotations.
Status Codegen::annotations_prologue(const SrcLoc& loc) {
  Scope* scope = u().scope;
  if (scope->has_conditional_annotations) {
    emit(BUILD_SET, 0, loc);
    if (scope->kind == ScopeKind::Class) {
      emit(STORE_DEREF, deref_index(kConditionalAnnotations), loc);
    } else {
      emit(STORE_NAME, TRY(name_index(kConditionalAnnotations)), loc);
    }
  }
  if (symtable_.future_annotations() && scope->annotation_block) emit(SETUP_ANNOTATIONS, loc);
  return ok();
}

// Builds the body's __annotate__ from the deferred annotations and stores it (CPython's
// codegen_process_deferred_annotations). A module's goes right after its RESUME.
Status Codegen::emit_deferred_annotations(const SrcLoc& loc) {
  CodeUnit& body = u();
  if (body.deferred_annotations.empty()) return ok();
  bool is_class = body.scope->kind == ScopeKind::Class;
  std::vector<DeferredAnnotation> deferred = std::move(body.deferred_annotations);
  size_t start = body.seq.instrs().size();

  TRY(enter_annotations_unit(body.scope->annotation_block, "__annotate__", loc));
  if (is_class && body.scope->has_conditional_annotations)
    u().freevars.push_back(kConditionalAnnotations);  // after the symbol table's, as CPython
  emit(BUILD_MAP, 0, loc);
  for (const DeferredAnnotation& d : deferred) {
    int not_set = new_label();
    if (d.conditional_index >= 0) {
      Ref<Object> i = TRY(int_from_i64(d.conditional_index));
      TRY(emit_const(i.get(), d.loc));
      if (is_class) {
        emit(LOAD_DEREF, deref_index(kConditionalAnnotations), d.loc);
      } else {
        emit(LOAD_GLOBAL, load_global_oparg(TRY(name_index(kConditionalAnnotations)), false), d.loc);
      }
      emit(CONTAINS_OP, 0, d.loc);
      emit_jump(POP_JUMP_IF_FALSE, not_set, d.loc);
    }
    TRY(expr(d.stmt->annotation));
    emit(COPY, 2, d.loc);
    Ref<Object> key = TRY(str_from_utf8(mangled(d.stmt->target->as<ast::Name>()->id)));
    TRY(emit_const(key.get(), d.loc));
    emit(STORE_SUBSCR, loc);
    bind(not_set);
  }
  emit(RETURN_VALUE, loc);
  Scope* scope = u().scope;
  Ref<Object> code = TRY(finish_unit());
  TRY(make_closure(std::move(code), scope, 0, loc));
  TRY(emit_name_op(is_class ? "__annotate_func__" : "__annotate__", ast::ExprContext::Store, loc));
  if (is_class) return ok();
  // Move the module's setup to just after RESUME. It holds no labels, and none of the body's
  // labels point past `start`, so moving instructions is enough.
  InstrSequence& seq = u().seq;
  std::vector<Instr> setup(seq.instrs().begin() + static_cast<std::ptrdiff_t>(start),
                           seq.instrs().end());
  seq.instrs().resize(start);
  for (size_t i = 0; i < setup.size(); ++i) seq.insert(1 + i, setup[i]);
  return ok();
}

}  // namespace weft::compiler
