// vm/compiler/codegen_stmt.cpp — statements: assignment, control flow, try/except/finally,
// with, imports, raise/assert.
//
// break/continue/return leave enclosing try/with/loop constructs through unwind_fblock(),
// which emits the same clean-up code CPython's codegen_unwind_fblock does (POP_BLOCK, the
// finally body, __exit__(None, None, None), POP_EXCEPT, ...). Handlers use the exception-table
// pseudo instructions SETUP_FINALLY / SETUP_CLEANUP / SETUP_WITH / POP_BLOCK that the
// flowgraph turns into table entries.
#include "vm/compiler/codegen.h"

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft::compiler {

using namespace weft::vm;

int aug_binary_oparg(ast::OperatorKind op);  // codegen_expr.cpp
// `x[a:b]` with a non-constant slice uses BINARY_SLICE/STORE_SLICE (codegen_expr.cpp).
bool is_two_part_slice(const ast::Expr* slice);

Status Codegen::stmts(const ast::Seq<ast::Stmt*>& body) {
  for (const ast::Stmt* s : body) TRY(stmt(s));
  return ok();
}

Status Codegen::unpack(const ast::Seq<ast::Expr*>& elts, const SrcLoc& loc) {
  size_t n = elts.size();
  int star = -1;
  for (size_t i = 0; i < n; ++i) {
    if (elts[i]->kind == ast::ExprKind::Starred) {
      if (star >= 0) return syntax_error(loc, "multiple starred expressions in assignment");
      star = static_cast<int>(i);
    }
  }
  if (star >= 0) {
    int after = static_cast<int>(n) - star - 1;
    if (star >= 256 || after >= (1 << 23))
      return syntax_error(loc, "too many expressions in star-unpacking assignment");
    emit(UNPACK_EX, star | (after << 8), loc);
  } else {
    emit(UNPACK_SEQUENCE, static_cast<int>(n), loc);
  }
  for (const ast::Expr* e : elts) {
    const ast::Expr* t = e->kind == ast::ExprKind::Starred ? e->as<ast::Starred>()->value : e;
    TRY(assign_target(t, loc));
  }
  return ok();
}

// Stores the value on top of the stack into `target`.
Status Codegen::assign_target(const ast::Expr* target, const SrcLoc& loc) {
  SrcLoc tloc = loc_of(target->loc);
  switch (target->kind) {
    case ast::ExprKind::Name:
      return emit_name_op(target->as<ast::Name>()->id, ast::ExprContext::Store, tloc);
    case ast::ExprKind::Attribute: {
      const auto* a = target->as<ast::Attribute>();
      TRY(expr(a->value));
      note_static_attribute(a);
      int index = TRY(name_index(mangled(a->attr)));
      emit(STORE_ATTR, index, tloc);
      return ok();
    }
    case ast::ExprKind::Subscript: {
      const auto* s = target->as<ast::Subscript>();
      TRY(expr(s->value));
      if (is_two_part_slice(s->slice)) {
        TRY(slice_two_parts(s->slice, tloc));
        emit(STORE_SLICE, tloc);
        return ok();
      }
      TRY(expr(s->slice));
      emit(STORE_SUBSCR, tloc);
      return ok();
    }
    case ast::ExprKind::Tuple: return unpack(target->as<ast::Tuple>()->elts, tloc);
    case ast::ExprKind::List: return unpack(target->as<ast::List>()->elts, tloc);
    case ast::ExprKind::Starred:
      return syntax_error(tloc, "starred assignment target must be in a list or tuple");
    default:
      return syntax_error(tloc, "cannot assign to expression");
  }
}

Status Codegen::aug_assign(const ast::AugAssign* a, const SrcLoc& loc) {
  const ast::Expr* t = a->target;
  SrcLoc tloc = loc_of(t->loc);
  int op = aug_binary_oparg(a->op);
  switch (t->kind) {
    case ast::ExprKind::Name: {
      const auto* n = t->as<ast::Name>();
      TRY(emit_name_op(n->id, ast::ExprContext::Load, tloc));
      TRY(expr(a->value));
      emit(BINARY_OP, op, loc);
      return emit_name_op(n->id, ast::ExprContext::Store, tloc);
    }
    case ast::ExprKind::Attribute: {
      const auto* at = t->as<ast::Attribute>();
      int index = TRY(name_index(mangled(at->attr)));
      TRY(expr(at->value));
      emit(COPY, 1, tloc);
      emit(LOAD_ATTR, load_attr_oparg(index, false), tloc);
      TRY(expr(a->value));
      emit(BINARY_OP, op, loc);
      emit(SWAP, 2, tloc);
      emit(STORE_ATTR, index, tloc);
      return ok();
    }
    case ast::ExprKind::Subscript: {
      const auto* s = t->as<ast::Subscript>();
      TRY(expr(s->value));
      bool two_parts = is_two_part_slice(s->slice);
      if (two_parts) {
        TRY(slice_two_parts(s->slice, tloc));
        for (int k = 0; k < 3; ++k) emit(COPY, 3, tloc);
        emit(BINARY_SLICE, tloc);
      } else {
        TRY(expr(s->slice));
        emit(COPY, 2, tloc);
        emit(COPY, 2, tloc);
        emit(BINARY_OP, NB_SUBSCR, tloc);
      }
      TRY(expr(a->value));
      emit(BINARY_OP, op, loc);
      if (two_parts) {
        emit(SWAP, 4, tloc);
        emit(SWAP, 3, tloc);
        emit(SWAP, 2, tloc);
        emit(STORE_SLICE, tloc);
      } else {
        emit(SWAP, 3, tloc);
        emit(SWAP, 2, tloc);
        emit(STORE_SUBSCR, tloc);
      }
      return ok();
    }
    default:
      return syntax_error(tloc, "'expression' is an illegal expression for augmented assignment");
  }
}

Status Codegen::delete_target(const ast::Expr* t) {
  SrcLoc loc = loc_of(t->loc);
  switch (t->kind) {
    case ast::ExprKind::Name: return emit_name_op(t->as<ast::Name>()->id, ast::ExprContext::Del, loc);
    case ast::ExprKind::Attribute:
    case ast::ExprKind::Subscript: return expr(t);
    case ast::ExprKind::Tuple:
      for (const ast::Expr* e : t->as<ast::Tuple>()->elts) TRY(delete_target(e));
      return ok();
    case ast::ExprKind::List:
      for (const ast::Expr* e : t->as<ast::List>()->elts) TRY(delete_target(e));
      return ok();
    default:
      return syntax_error(loc, "cannot delete expression");
  }
}

Status Codegen::if_stmt(const ast::If* s, const SrcLoc& loc) {
  int end = new_label();
  int next = s->orelse.empty() ? end : new_label();
  TRY(jump_if(s->test, next, false));
  TRY(stmts(s->body));
  if (!s->orelse.empty()) {
    emit_jump(JUMP_NO_INTERRUPT, end, kNoLocation);
    bind(next);
    TRY(stmts(s->orelse));
  }
  bind(end);
  return ok();
}

Status Codegen::while_stmt(const ast::While* s, const SrcLoc& loc) {
  int loop = new_label(), body = new_label(), anchor = new_label(), end = new_label();
  bind(loop);
  u().fblocks.push_back({FBlockKind::WhileLoop, loop, end, nullptr, loc});
  TRY(jump_if(s->test, anchor, false));
  bind(body);
  TRY(stmts(s->body));
  emit_jump(JUMP, loop, kNoLocation);
  u().fblocks.pop_back();
  bind(anchor);
  TRY(stmts(s->orelse));
  bind(end);
  return ok();
}

Status Codegen::for_stmt(const ast::For* s, const SrcLoc& loc) {
  if (s->kind == ast::StmtKind::AsyncFor) return async_for_stmt(s, loc);
  int start = new_label(), cleanup = new_label(), end = new_label();
  SrcLoc iter_loc = loc_of(s->iter->loc);
  TRY(expr(s->iter));
  emit(GET_ITER, iter_loc);
  bind(start);
  u().fblocks.push_back({FBlockKind::ForLoop, start, end, nullptr, loc});
  emit_jump(FOR_ITER, cleanup, iter_loc);
  TRY(assign_target(s->target, loc));
  TRY(stmts(s->body));
  emit_jump(JUMP, start, kNoLocation);
  u().fblocks.pop_back();
  bind(cleanup);
  // END_FOR and POP_ITER carry the iterator's location (CPython: LOC(s->iter)).
  emit(END_FOR, iter_loc);
  emit(POP_ITER, iter_loc);
  TRY(stmts(s->orelse));
  bind(end);
  return ok();
}

// async for: each step awaits __anext__() inside a virtual try whose handler, END_ASYNC_FOR,
// ends the loop on StopAsyncIteration (re-raising anything else).
Status Codegen::async_for_stmt(const ast::For* s, const SrcLoc& loc) {
  TRY(require_async_context(loc, "'async for' outside async function"));
  int start = new_label(), end_send = new_label(), except = new_label(), end = new_label();
  SrcLoc iter_loc = loc_of(s->iter->loc);
  TRY(expr(s->iter));
  emit(GET_AITER, iter_loc);
  bind(start);
  u().fblocks.push_back({FBlockKind::AsyncForLoop, start, end, nullptr, loc});
  emit_jump(SETUP_FINALLY, except, loc);
  emit(GET_ANEXT, loc);
  TRY(emit_none(loc));
  yield_from_loop(loc, true, end_send);
  emit(POP_BLOCK, loc);
  emit(NOT_TAKEN, loc);
  TRY(assign_target(s->target, loc));
  TRY(stmts(s->body));
  emit_jump(JUMP, start, kNoLocation);
  u().fblocks.pop_back();
  bind(except);
  // END_ASYNC_FOR belongs to the `for` line (the iterator's location), not the body's.
  emit_jump(END_ASYNC_FOR, end_send, iter_loc);
  TRY(stmts(s->orelse));
  bind(end);
  return ok();
}

Status Codegen::call_exit_with_nones(const SrcLoc& loc) {
  TRY(emit_none(loc));
  TRY(emit_none(loc));
  TRY(emit_none(loc));
  emit(CALL, 3, loc);
  return ok();
}

Status Codegen::unwind_fblock(const FBlock& fb, bool preserve_tos, SrcLoc* loc) {
  switch (fb.kind) {
    case FBlockKind::WhileLoop:
    case FBlockKind::ExceptionHandler:
    case FBlockKind::ExceptionGroupHandler:
      return ok();
    case FBlockKind::ForLoop:
      if (preserve_tos) emit(SWAP, 2, *loc);
      emit(POP_ITER, *loc);
      return ok();
    case FBlockKind::AsyncForLoop:
      if (preserve_tos) emit(SWAP, 2, *loc);
      emit(POP_TOP, *loc);
      return ok();
    case FBlockKind::AsyncComprehensionGenerator:
      return ok();
    case FBlockKind::TryExcept:
      emit(POP_BLOCK, *loc);
      return ok();
    case FBlockKind::FinallyTry: {
      emit(POP_BLOCK, *loc);
      if (preserve_tos) u().fblocks.push_back({FBlockKind::PopValue, -1, -1, nullptr, *loc});
      TRY(stmts(*static_cast<const ast::Seq<ast::Stmt*>*>(fb.datum)));
      if (preserve_tos) u().fblocks.pop_back();
      *loc = kNoLocation;
      return ok();
    }
    case FBlockKind::FinallyEnd:
      if (preserve_tos) emit(SWAP, 2, *loc);
      emit(POP_TOP, *loc);  // exc_value
      if (preserve_tos) emit(SWAP, 2, *loc);
      emit(POP_BLOCK, *loc);
      emit(POP_EXCEPT, *loc);
      return ok();
    case FBlockKind::With:
    case FBlockKind::AsyncWith:
      *loc = fb.loc;
      emit(POP_BLOCK, *loc);
      if (preserve_tos) {
        emit(SWAP, 3, *loc);
        emit(SWAP, 2, *loc);
      }
      TRY(call_exit_with_nones(*loc));
      if (fb.kind == FBlockKind::AsyncWith) TRY(emit_await(2, *loc));
      emit(POP_TOP, *loc);
      *loc = kNoLocation;
      return ok();
    case FBlockKind::HandlerCleanup: {
      if (fb.datum) emit(POP_BLOCK, *loc);
      if (preserve_tos) emit(SWAP, 2, *loc);
      emit(POP_BLOCK, *loc);
      emit(POP_EXCEPT, *loc);
      if (fb.datum) {
        std::string_view name = *static_cast<const std::string_view*>(fb.datum);
        TRY(emit_none(*loc));
        TRY(emit_name_op(name, ast::ExprContext::Store, *loc));
        TRY(emit_name_op(name, ast::ExprContext::Del, *loc));
      }
      return ok();
    }
    case FBlockKind::PopValue:
      if (preserve_tos) emit(SWAP, 2, *loc);
      emit(POP_TOP, *loc);
      return ok();
  }
  return ok();
}

// Unwinds up to (not including) the innermost loop when `loop` is non-null, else everything.
Status Codegen::unwind_fblock_stack(bool preserve_tos, const FBlock** loop, SrcLoc* loc) {
  std::vector<FBlock>& stack = u().fblocks;
  std::vector<FBlock> popped;
  Status status = ok();
  while (!stack.empty()) {
    FBlock top = stack.back();
    if (top.kind == FBlockKind::ExceptionGroupHandler) {
      status = syntax_error(*loc, "'break', 'continue' and 'return' cannot appear in an except* block");
      break;
    }
    if (loop && (top.kind == FBlockKind::WhileLoop || top.kind == FBlockKind::ForLoop ||
                 top.kind == FBlockKind::AsyncForLoop)) {
      *loop = &stack.back();
      break;
    }
    stack.pop_back();
    popped.push_back(top);
    if (unwind_fblock(top, preserve_tos, loc).is_error()) {
      status = Error{};
      break;
    }
  }
  for (auto it = popped.rbegin(); it != popped.rend(); ++it) stack.push_back(*it);
  if (loop && *loop) *loop = &stack[static_cast<size_t>(*loop - stack.data())];
  return status;
}

Status Codegen::return_stmt(const ast::Return* r, const SrcLoc& stmt_loc) {
  Scope* scope = u().scope;
  if (!scope->is_function_like()) return syntax_error(stmt_loc, "'return' outside function");
  if (r->value && scope->is_generator && scope->is_coroutine)
    return syntax_error(stmt_loc, "'return' with value in async generator");
  bool preserve_tos = r->value && r->value->kind != ast::ExprKind::Constant;
  SrcLoc loc = stmt_loc;
  if (preserve_tos) {
    TRY(expr(r->value));
  } else if (r->value) {
    // A constant return value keeps a NOP (and gives the return its location) for its line.
    loc = loc_of(r->value->loc);
    emit(NOP, loc);
  }
  if (!r->value || r->value->loc.lineno != r->loc.lineno) {
    loc = stmt_loc;
    emit(NOP, loc);
  }
  TRY(unwind_fblock_stack(preserve_tos, nullptr, &loc));
  if (!r->value) TRY(emit_none(loc));
  else if (!preserve_tos) TRY(emit_const(r->value->as<ast::Constant>()->value, loc));
  emit(RETURN_VALUE, loc);
  return ok();
}

Status Codegen::break_continue(bool is_break, const SrcLoc& loc) {
  const FBlock* loop = nullptr;
  SrcLoc uloc = loc;
  TRY(unwind_fblock_stack(false, &loop, &uloc));
  if (!loop) return syntax_error(loc, is_break ? "'break' outside loop" : "'continue' not properly in loop");
  if (is_break) {
    SrcLoc l2 = loc;
    TRY(unwind_fblock(*loop, false, &l2));
    emit_jump(JUMP, loop->exit_label, loc);
  } else {
    emit_jump(JUMP, loop->block_label, loc);
  }
  return ok();
}

Status Codegen::raise_stmt(const ast::Raise* r, const SrcLoc& loc) {
  int n = 0;
  if (r->exc) {
    TRY(expr(r->exc));
    n = 1;
    if (r->cause) {
      TRY(expr(r->cause));
      n = 2;
    }
  }
  emit(RAISE_VARARGS, n, loc);
  return ok();
}

Status Codegen::assert_stmt(const ast::Assert* a, const SrcLoc& loc) {
  TRY(check_assert(a, loc));
  if (optimize_ > 0) return ok();
  int end = new_label();
  TRY(jump_if(a->test, end, true));
  emit(LOAD_COMMON_CONSTANT, CONSTANT_ASSERTIONERROR, loc);
  if (a->msg) {
    TRY(expr(a->msg));
    emit(CALL, 0, loc);
  }
  emit(RAISE_VARARGS, 1, loc);
  bind(end);
  return ok();
}

Status Codegen::import_stmt(const ast::Import* im, const SrcLoc& loc) {
  for (const ast::Alias* a : im->names) {
    SrcLoc aloc = loc_of(a->loc);
    Ref<Object> zero = TRY(int_from_i64(0));
    TRY(emit_const(zero.get(), aloc));
    TRY(emit_none(aloc));
    int index = TRY(name_index(a->name));
    emit(IMPORT_NAME, index, aloc);
    if (!a->asname.empty()) {
      std::string_view dotted = a->name;
      size_t dot = dotted.find('.');
      if (dot != std::string_view::npos) {
        // import a.b.c as d: walk the attributes with IMPORT_FROM.
        size_t pos = dot + 1;
        while (true) {
          size_t next = dotted.find('.', pos);
          std::string_view part = dotted.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
          int pi = TRY(name_index(part));
          emit(IMPORT_FROM, pi, aloc);
          if (next == std::string_view::npos) break;
          emit(SWAP, 2, aloc);
          emit(POP_TOP, aloc);
          pos = next + 1;
        }
        TRY(emit_name_op(a->asname, ast::ExprContext::Store, aloc));
        emit(POP_TOP, aloc);
      } else {
        TRY(emit_name_op(a->asname, ast::ExprContext::Store, aloc));
      }
    } else {
      std::string_view first = a->name.substr(0, a->name.find('.'));
      TRY(emit_name_op(first, ast::ExprContext::Store, aloc));
    }
  }
  return ok();
}

Status Codegen::import_from(const ast::ImportFrom* im, const SrcLoc& loc) {
  Ref<Object> level = TRY(int_from_i64(im->level));
  TRY(emit_const(level.get(), loc));
  Ref<Object> names = TRY(tuple_new(static_cast<int64_t>(im->names.size())));
  for (size_t i = 0; i < im->names.size(); ++i) {
    Ref<Object> s = TRY(str_from_utf8(im->names[i]->name));
    tuple_init_item(names.get(), static_cast<int64_t>(i), std::move(s));
  }
  TRY(emit_const(names.get(), loc));
  int index = TRY(name_index(im->module));
  emit(IMPORT_NAME, index, loc);
  for (const ast::Alias* a : im->names) {
    SrcLoc aloc = loc_of(a->loc);
    if (a->name == "*") {
      emit(CALL_INTRINSIC_1, INTRINSIC_IMPORT_STAR, aloc);
      emit(POP_TOP, aloc);
      return ok();
    }
    int ni = TRY(name_index(a->name));
    emit(IMPORT_FROM, ni, aloc);
    TRY(emit_name_op(a->asname.empty() ? a->name : a->asname, ast::ExprContext::Store, aloc));
  }
  emit(POP_TOP, loc);
  return ok();
}

// COPY 3; POP_EXCEPT; RERAISE 1: restore the previous exception and re-raise with lasti.
static void pop_except_and_reraise(Codegen*, InstrSequence& seq) {
  seq.add(COPY, 3, kNoLocation);
  seq.add(POP_EXCEPT, 0, kNoLocation);
  seq.add(RERAISE, 1, kNoLocation);
}

// `name = None; del name` (artificial) when leaving `except E as name`.
Status Codegen::clear_handler_name(std::string_view name) {
  TRY(emit_none(kNoLocation));
  TRY(emit_name_op(name, ast::ExprContext::Store, kNoLocation));
  return emit_name_op(name, ast::ExprContext::Del, kNoLocation);
}

Status Codegen::try_except(const ast::Try* t, const SrcLoc& loc) {
  int body = new_label(), except = new_label(), end = new_label(), cleanup = new_label();
  (void)body;
  emit_jump(SETUP_FINALLY, except, loc);
  u().fblocks.push_back({FBlockKind::TryExcept, -1, -1, nullptr, loc});
  TRY(stmts(t->body));
  u().fblocks.pop_back();
  emit(POP_BLOCK, kNoLocation);
  TRY(stmts(t->orelse));
  emit_jump(JUMP_NO_INTERRUPT, end, kNoLocation);

  bind(except);
  emit_jump(SETUP_CLEANUP, cleanup, kNoLocation);
  emit(PUSH_EXC_INFO, kNoLocation);
  u().fblocks.push_back({FBlockKind::ExceptionHandler, -1, -1, nullptr, loc});
  size_t n = t->handlers.size();
  for (size_t i = 0; i < n; ++i) {
    const ast::ExceptHandler* h = t->handlers[i];
    SrcLoc hloc = loc_of(h->loc);
    if (!h->type && i + 1 < n) return syntax_error(hloc, "default 'except:' must be last");
    int next = new_label();
    if (h->type) {
      TRY(expr(h->type));
      emit(CHECK_EXC_MATCH, hloc);
      emit_jump(POP_JUMP_IF_FALSE, next, hloc);
    }
    if (!h->name.empty()) {
      int cleanup_end = new_label(), cleanup_body = new_label();
      TRY(emit_name_op(h->name, ast::ExprContext::Store, hloc));
      emit_jump(SETUP_CLEANUP, cleanup_end, hloc);
      bind(cleanup_body);
      u().fblocks.push_back({FBlockKind::HandlerCleanup, cleanup_body, -1, &h->name, hloc});
      TRY(stmts(h->body));
      u().fblocks.pop_back();
      emit(POP_BLOCK, kNoLocation);
      emit(POP_BLOCK, kNoLocation);
      emit(POP_EXCEPT, kNoLocation);
      TRY(clear_handler_name(h->name));
      emit_jump(JUMP_NO_INTERRUPT, end, kNoLocation);
      bind(cleanup_end);
      TRY(clear_handler_name(h->name));
      emit(RERAISE, 1, kNoLocation);
    } else {
      int cleanup_body = new_label();
      emit(POP_TOP, hloc);
      bind(cleanup_body);
      u().fblocks.push_back({FBlockKind::HandlerCleanup, cleanup_body, -1, nullptr, hloc});
      TRY(stmts(h->body));
      u().fblocks.pop_back();
      emit(POP_BLOCK, kNoLocation);
      emit(POP_EXCEPT, kNoLocation);
      emit_jump(JUMP_NO_INTERRUPT, end, kNoLocation);
    }
    bind(next);
  }
  u().fblocks.pop_back();
  emit(RERAISE, 0, kNoLocation);
  bind(cleanup);
  pop_except_and_reraise(this, u().seq);
  bind(end);
  return ok();
}

Status Codegen::try_finally(const ast::Try* t, const SrcLoc& loc) {
  int end = new_label(), exit = new_label(), cleanup = new_label();
  emit_jump(SETUP_FINALLY, end, loc);
  u().fblocks.push_back({FBlockKind::FinallyTry, -1, -1, &t->finalbody, loc});
  if (!t->handlers.empty()) {
    TRY(t->kind == ast::StmtKind::TryStar ? try_star_except(t, loc) : try_except(t, loc));
  } else {
    TRY(stmts(t->body));
  }
  emit(POP_BLOCK, kNoLocation);
  u().fblocks.pop_back();
  TRY(stmts(t->finalbody));
  emit_jump(JUMP_NO_INTERRUPT, exit, kNoLocation);

  bind(end);
  emit_jump(SETUP_CLEANUP, cleanup, kNoLocation);
  emit(PUSH_EXC_INFO, kNoLocation);
  u().fblocks.push_back({FBlockKind::FinallyEnd, -1, -1, nullptr, loc});
  TRY(stmts(t->finalbody));
  u().fblocks.pop_back();
  emit(RERAISE, 0, kNoLocation);
  bind(cleanup);
  pop_except_and_reraise(this, u().seq);
  bind(exit);
  return ok();
}

Status Codegen::try_stmt(const ast::Try* t, const SrcLoc& loc) {
  if (!t->finalbody.empty()) return try_finally(t, loc);
  if (t->kind == ast::StmtKind::TryStar) return try_star_except(t, loc);
  return try_except(t, loc);
}

// `try: ... except* E as e: ...` (CPython's codegen_try_star_except). The handler keeps
// [orig, results, rest] on the stack: each clause splits `rest` with CHECK_EG_MATCH, runs its
// body with the matching part, and collects whatever the body raises in `results`; at the end
// the unhandled rest joins them and INTRINSIC_PREP_RERAISE_STAR builds what to re-raise (or
// None).
Status Codegen::try_star_except(const ast::Try* t, const SrcLoc& loc) {
  int except = new_label(), orelse = new_label(), end = new_label(), cleanup = new_label();
  int reraise_star = new_label(), reraise = new_label();
  emit_jump(SETUP_FINALLY, except, loc);
  u().fblocks.push_back({FBlockKind::TryExcept, -1, -1, nullptr, loc});
  TRY(stmts(t->body));
  u().fblocks.pop_back();
  emit(POP_BLOCK, kNoLocation);
  emit_jump(JUMP_NO_INTERRUPT, orelse, kNoLocation);

  bind(except);
  emit_jump(SETUP_CLEANUP, cleanup, kNoLocation);
  emit(PUSH_EXC_INFO, kNoLocation);
  u().fblocks.push_back({FBlockKind::ExceptionGroupHandler, -1, -1, nullptr, loc});
  size_t n = t->handlers.size();
  for (size_t i = 0; i < n; ++i) {
    const ast::ExceptHandler* h = t->handlers[i];
    SrcLoc hloc = loc_of(h->loc);
    int next_except = new_label(), except_with_error = new_label(), no_match = new_label();
    if (i == 0) {
      emit(BUILD_LIST, 0, hloc);  // exceptions raised or re-raised by the handlers
      emit(COPY, 2, hloc);        // the group left to match
    }
    if (h->type) {
      TRY(expr(h->type));
      emit(CHECK_EG_MATCH, hloc);
      emit(COPY, 1, hloc);
      emit_jump(POP_JUMP_IF_NONE, no_match, hloc);
    }
    int cleanup_end = new_label(), cleanup_body = new_label();
    if (!h->name.empty()) TRY(emit_name_op(h->name, ast::ExprContext::Store, hloc));
    else emit(POP_TOP, hloc);
    emit_jump(SETUP_CLEANUP, cleanup_end, hloc);
    bind(cleanup_body);
    u().fblocks.push_back({FBlockKind::HandlerCleanup, cleanup_body, -1,
                           h->name.empty() ? nullptr : &h->name, hloc});
    TRY(stmts(h->body));
    u().fblocks.pop_back();
    emit(POP_BLOCK, kNoLocation);
    if (!h->name.empty()) {
      TRY(clear_handler_name(h->name));
    }
    emit_jump(JUMP_NO_INTERRUPT, next_except, kNoLocation);

    bind(cleanup_end);
    if (!h->name.empty()) {
      TRY(clear_handler_name(h->name));
    }
    emit(LIST_APPEND, 3, kNoLocation);  // what the body raised joins the results
    emit(POP_TOP, kNoLocation);         // lasti
    emit_jump(JUMP_NO_INTERRUPT, except_with_error, kNoLocation);

    bind(next_except);
    emit(NOP, kNoLocation);  // holds a propagated location
    emit_jump(JUMP_NO_INTERRUPT, except_with_error, kNoLocation);

    bind(no_match);
    emit(POP_TOP, hloc);  // the match (None)

    bind(except_with_error);
    if (i + 1 == n) {
      emit(LIST_APPEND, 1, kNoLocation);  // the unhandled rest (or None)
      emit_jump(JUMP_NO_INTERRUPT, reraise_star, kNoLocation);
    }
  }
  u().fblocks.pop_back();

  bind(reraise_star);
  emit(CALL_INTRINSIC_2, INTRINSIC_PREP_RERAISE_STAR, kNoLocation);
  emit(COPY, 1, kNoLocation);
  emit_jump(POP_JUMP_IF_NOT_NONE, reraise, kNoLocation);
  emit(POP_TOP, kNoLocation);  // nothing to re-raise
  emit(POP_BLOCK, kNoLocation);
  emit(POP_EXCEPT, kNoLocation);
  emit_jump(JUMP_NO_INTERRUPT, end, kNoLocation);

  bind(reraise);
  emit(POP_BLOCK, kNoLocation);
  emit(SWAP, 2, kNoLocation);
  emit(POP_EXCEPT, kNoLocation);
  emit(RERAISE, 0, kNoLocation);

  bind(cleanup);
  pop_except_and_reraise(this, u().seq);

  bind(orelse);
  TRY(stmts(t->orelse));

  bind(end);
  return ok();
}

Status Codegen::with_except_finish(int cleanup, const SrcLoc& loc) {
  int suppress = new_label(), exit = new_label();
  emit(TO_BOOL, kNoLocation);
  emit_jump(POP_JUMP_IF_TRUE, suppress, kNoLocation);
  emit(RERAISE, 2, kNoLocation);
  bind(suppress);
  emit(POP_TOP, kNoLocation);
  emit(POP_BLOCK, kNoLocation);
  emit(POP_EXCEPT, kNoLocation);
  emit(POP_TOP, kNoLocation);
  emit(POP_TOP, kNoLocation);
  emit(POP_TOP, kNoLocation);
  emit_jump(JUMP_NO_INTERRUPT, exit, kNoLocation);
  bind(cleanup);
  pop_except_and_reraise(this, u().seq);
  bind(exit);
  (void)loc;
  return ok();
}

Status Codegen::with_stmt(const ast::With* w, size_t item, const SrcLoc& loc) {
  if (w->kind == ast::StmtKind::AsyncWith) return async_with_stmt(w, item, loc);
  const ast::WithItem* wi = w->items[item];
  int block = new_label(), final_label = new_label(), exit = new_label(), cleanup = new_label();
  TRY(expr(wi->context_expr));
  emit(COPY, 1, loc);
  emit(LOAD_SPECIAL, SPECIAL___EXIT__, loc);
  emit(SWAP, 2, loc);
  emit(SWAP, 3, loc);
  emit(LOAD_SPECIAL, SPECIAL___ENTER__, loc);
  emit(CALL, 0, loc);
  emit_jump(SETUP_WITH, final_label, loc);
  bind(block);
  u().fblocks.push_back({FBlockKind::With, block, -1, nullptr, loc});
  if (wi->optional_vars) TRY(assign_target(wi->optional_vars, loc));
  else emit(POP_TOP, loc);
  if (item + 1 < w->items.size()) TRY(with_stmt(w, item + 1, loc));
  else TRY(stmts(w->body));
  u().fblocks.pop_back();
  emit(POP_BLOCK, kNoLocation);
  TRY(call_exit_with_nones(loc));
  emit(POP_TOP, loc);
  emit_jump(JUMP, exit, loc);

  bind(final_label);
  emit_jump(SETUP_CLEANUP, cleanup, loc);
  emit(PUSH_EXC_INFO, loc);
  emit(WITH_EXCEPT_START, loc);
  TRY(with_except_finish(cleanup, loc));
  bind(exit);
  return ok();
}

// async with: with_stmt's shape with __aenter__/__aexit__, each call's result awaited
// (GET_AWAITABLE 1 after __aenter__, 2 after __aexit__, for the error messages).
Status Codegen::async_with_stmt(const ast::With* w, size_t item, const SrcLoc& loc) {
  TRY(require_async_context(loc, "'async with' outside async function"));
  const ast::WithItem* wi = w->items[item];
  int block = new_label(), final_label = new_label(), exit = new_label(), cleanup = new_label();
  TRY(expr(wi->context_expr));
  SrcLoc ctx_loc = loc_of(wi->context_expr->loc);
  emit(COPY, 1, ctx_loc);
  emit(LOAD_SPECIAL, SPECIAL___AEXIT__, ctx_loc);
  emit(SWAP, 2, ctx_loc);
  emit(SWAP, 3, ctx_loc);
  emit(LOAD_SPECIAL, SPECIAL___AENTER__, ctx_loc);
  emit(CALL, 0, ctx_loc);
  TRY(emit_await(1, ctx_loc));
  emit_jump(SETUP_WITH, final_label, ctx_loc);
  bind(block);
  u().fblocks.push_back({FBlockKind::AsyncWith, block, -1, nullptr, loc});
  if (wi->optional_vars) TRY(assign_target(wi->optional_vars, ctx_loc));
  else emit(POP_TOP, ctx_loc);
  if (item + 1 < w->items.size()) TRY(async_with_stmt(w, item + 1, loc));
  else TRY(stmts(w->body));
  u().fblocks.pop_back();
  emit(POP_BLOCK, ctx_loc);
  TRY(call_exit_with_nones(ctx_loc));
  TRY(emit_await(2, ctx_loc));
  emit(POP_TOP, ctx_loc);
  emit_jump(JUMP, exit, ctx_loc);

  bind(final_label);
  emit_jump(SETUP_CLEANUP, cleanup, ctx_loc);
  emit(PUSH_EXC_INFO, ctx_loc);
  emit(WITH_EXCEPT_START, ctx_loc);
  TRY(emit_await(2, ctx_loc));
  TRY(with_except_finish(cleanup, ctx_loc));
  bind(exit);
  return ok();
}

Status Codegen::stmt_dispatch(const ast::Stmt* s) {
  SrcLoc loc = loc_of(s->loc);
  using K = ast::StmtKind;
  switch (s->kind) {
    case K::FunctionDef:
    case K::AsyncFunctionDef: return function_def(s->as<ast::FunctionDef>(), loc);
    case K::ClassDef: return class_def(s->as<ast::ClassDef>(), loc);
    case K::Return: return return_stmt(s->as<ast::Return>(), loc);
    case K::Delete:
      for (const ast::Expr* t : s->as<ast::Delete>()->targets) TRY(delete_target(t));
      return ok();
    case K::Assign: {
      const auto* a = s->as<ast::Assign>();
      TRY(expr(a->value));
      for (size_t i = 0; i < a->targets.size(); ++i) {
        if (i + 1 < a->targets.size()) emit(COPY, 1, loc);
        TRY(assign_target(a->targets[i], loc));
      }
      return ok();
    }
    case K::TypeAlias: return type_alias(s->as<ast::TypeAlias>(), loc);
    case K::AugAssign: return aug_assign(s->as<ast::AugAssign>(), loc);
    case K::AnnAssign: return ann_assign(s->as<ast::AnnAssign>(), loc);
    case K::For:
    case K::AsyncFor: return for_stmt(s->as<ast::For>(), loc);
    case K::While: return while_stmt(s->as<ast::While>(), loc);
    case K::If: return if_stmt(s->as<ast::If>(), loc);
    case K::With:
    case K::AsyncWith: return with_stmt(s->as<ast::With>(), 0, loc);
    case K::Match: return match_stmt(s->as<ast::Match>(), loc);
    case K::Raise: return raise_stmt(s->as<ast::Raise>(), loc);
    case K::Try:
    case K::TryStar: return try_stmt(s->as<ast::Try>(), loc);
    case K::Assert: return assert_stmt(s->as<ast::Assert>(), loc);
    case K::Import: return import_stmt(s->as<ast::Import>(), loc);
    case K::ImportFrom: return import_from(s->as<ast::ImportFrom>(), loc);
    case K::Global:
    case K::Nonlocal: return ok();
    case K::Expr: {
      const ast::Expr* v = s->as<ast::ExprStmt>()->value;
      if (interactive_ && u().scope->kind == ScopeKind::Module) {
        TRY(expr(v));
        emit(CALL_INTRINSIC_1, INTRINSIC_PRINT, loc);
        emit(POP_TOP, loc);
        return ok();
      }
      if (v->kind == ast::ExprKind::Constant) {
        emit(NOP, loc);  // a constant statement only marks its line
        return ok();
      }
      TRY(expr(v));
      emit(POP_TOP, loc);
      return ok();
    }
    case K::Pass:
      emit(NOP, loc);
      return ok();
    case K::Break: return break_continue(true, loc);
    case K::Continue: return break_continue(false, loc);
  }
  return ok();
}

}  // namespace weft::compiler
