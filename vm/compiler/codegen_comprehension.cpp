// vm/compiler/codegen_comprehension.cpp — list/set/dict comprehensions and generator
// expressions.
//
// Generator expressions are nested functions (a code unit taking the outermost iterator as its
// `.0` argument). List, set and dict comprehensions are inlined into the enclosing unit
// (PEP 709), with CPython 3.14's exact instruction shape:
//
//     <outermost iterable> GET_ITER
//     LOAD_FAST_AND_CLEAR x... [MAKE_CELL x]  SWAP n+1      save the names the comprehension binds
//     SETUP_FINALLY cleanup                                 (only when some name was saved)
//     BUILD_LIST 0  SWAP 2  FOR_ITER ... LIST_APPEND ...  END_FOR POP_ITER
//     POP_BLOCK  JUMP_NO_INTERRUPT end
//   cleanup: SWAP 2 POP_TOP  SWAP n+1 STORE_FAST_MAYBE_NULL x...  RERAISE 0
//   end:     SWAP n+1 STORE_FAST_MAYBE_NULL x...               restore them, result on top
//
// While the body is emitted, the comprehension's own symbols shadow the unit's where they
// differ (CPython's temp_symbols), and in a module or class body the names it binds use fast
// locals (CPython's u_fasthidden; their localsplus kind gets CO_FAST_HIDDEN). The symbol table
// has already spliced the comprehension's names into the enclosing scope (symtable.cpp).
#include "vm/compiler/codegen.h"

namespace weft::compiler {

using namespace weft::vm;

namespace {
enum CompKind { kListComp, kSetComp, kDictComp, kGenExp };
}

const Symbol* Codegen::lookup_symbol(const std::string& name) {
  CodeUnit& unit = u();
  if (!unit.temp_symbols.empty()) {
    auto it = unit.temp_symbols.find(name);
    if (it != unit.temp_symbols.end()) return &it->second;
  }
  return unit.scope->lookup(name);
}

Status Codegen::comprehension_generator(const ast::Seq<ast::Comprehension*>& gens, size_t index,
                                        int depth, const ast::Expr* elt, const ast::Expr* value,
                                        int kind, bool iter_on_stack, const SrcLoc& loc) {
  const ast::Comprehension* g = gens[index];
  if (g->is_async)
    return async_comprehension_generator(gens, index, depth, elt, value, kind, iter_on_stack, loc);
  int start = new_label(), if_cleanup = new_label(), anchor = new_label();
  bool looping = true;
  SrcLoc iter_loc = loc_of(g->iter->loc);
  if (!iter_on_stack) {
    if (index == 0) {
      emit(LOAD_FAST, 0, loc);  // the `.0` iterator argument
    } else {
      // `for y in [f(x)]` binds y without a loop (the temporary-variable idiom).
      const ast::Seq<ast::Expr*>* elts = nullptr;
      if (g->iter->kind == ast::ExprKind::List) elts = &g->iter->as<ast::List>()->elts;
      if (g->iter->kind == ast::ExprKind::Tuple) elts = &g->iter->as<ast::Tuple>()->elts;
      if (elts && elts->size() == 1 && (*elts)[0]->kind != ast::ExprKind::Starred) {
        TRY(expr((*elts)[0]));
        looping = false;
      } else {
        TRY(expr(g->iter));
        emit(GET_ITER, iter_loc);
      }
    }
  }
  if (looping) {
    ++depth;
    bind(start);
    emit_jump(FOR_ITER, anchor, iter_loc);
  }
  TRY(assign_target(g->target, loc_of(g->target->loc)));
  for (const ast::Expr* cond : g->ifs) TRY(jump_if(cond, if_cleanup, false));
  if (index + 1 < gens.size()) {
    TRY(comprehension_generator(gens, index + 1, depth, elt, value, kind, false, loc));
  }
  SrcLoc elt_loc = loc_of(elt->loc);
  if (index + 1 >= gens.size()) TRY(comprehension_element(elt, value, kind, depth, &elt_loc));
  bind(if_cleanup);
  if (looping) {
    emit_jump(JUMP, start, elt_loc);
    bind(anchor);
    // END_FOR first: instrumentation relies on it (CPython's comment).
    emit(END_FOR, kNoLocation);
    emit(POP_ITER, kNoLocation);
  }
  return ok();
}

// Adds the innermost element to the result (or yields it, in a generator expression); `depth`
// counts the iterators beneath the result. Sets *elt_loc to the adding instruction's location.
Status Codegen::comprehension_element(const ast::Expr* elt, const ast::Expr* value, int kind,
                                      int depth, SrcLoc* elt_loc) {
  switch (kind) {
    case kGenExp:
      TRY(expr(elt));
      TRY(yield_value(*elt_loc));
      emit(POP_TOP, *elt_loc);
      break;
    case kListComp:
      TRY(expr(elt));
      emit(LIST_APPEND, depth + 1, *elt_loc);
      break;
    case kSetComp:
      TRY(expr(elt));
      emit(SET_ADD, depth + 1, *elt_loc);
      break;
    case kDictComp:
      TRY(expr(elt));
      TRY(expr(value));
      *elt_loc = SrcLoc{elt->loc.lineno, value->loc.end_lineno, elt->loc.col_offset,
                       value->loc.end_col_offset};
      emit(MAP_ADD, depth + 1, *elt_loc);
      break;
  }
  return ok();
}

// One `async for` clause: like comprehension_generator, but each step awaits __anext__()
// inside a virtual try whose handler, END_ASYNC_FOR, ends the loop on StopAsyncIteration.
Status Codegen::async_comprehension_generator(const ast::Seq<ast::Comprehension*>& gens,
                                              size_t index, int depth, const ast::Expr* elt,
                                              const ast::Expr* value, int kind,
                                              bool iter_on_stack, const SrcLoc& loc) {
  const ast::Comprehension* g = gens[index];
  int start = new_label(), end_send = new_label(), except = new_label(), if_cleanup = new_label();
  if (!iter_on_stack) {
    if (index == 0) {
      emit(LOAD_FAST, 0, loc);  // the `.0` async iterator argument
    } else {
      TRY(expr(g->iter));
      emit(GET_AITER, loc_of(g->iter->loc));
    }
  }
  bind(start);
  u().fblocks.push_back({FBlockKind::AsyncComprehensionGenerator, start, -1, nullptr, loc});
  emit_jump(SETUP_FINALLY, except, loc);
  emit(GET_ANEXT, loc);
  TRY(emit_none(loc));
  yield_from_loop(loc, true, end_send);
  emit(POP_BLOCK, loc);
  TRY(assign_target(g->target, loc_of(g->target->loc)));
  for (const ast::Expr* cond : g->ifs) TRY(jump_if(cond, if_cleanup, false));
  ++depth;
  SrcLoc elt_loc = loc_of(elt->loc);
  if (index + 1 < gens.size()) {
    TRY(comprehension_generator(gens, index + 1, depth, elt, value, kind, false, loc));
  } else {
    TRY(comprehension_element(elt, value, kind, depth, &elt_loc));
  }
  bind(if_cleanup);
  emit_jump(JUMP, start, elt_loc);
  u().fblocks.pop_back();
  bind(except);
  emit_jump(END_ASYNC_FOR, end_send, loc);
  return ok();
}

Status Codegen::push_inlined_comprehension(Scope* comp, const SrcLoc& loc,
                                           InlinedCompState* state) {
  CodeUnit& unit = u();
  Scope* outer = unit.scope;
  bool in_class_block = outer->kind == ScopeKind::Class && unit.in_inlined_comp == 0;
  ++unit.in_inlined_comp;
  for (const std::string& name : comp->symbol_order) {
    const Symbol& sym = comp->symbols.at(name);
    const Symbol* out = lookup_symbol(name);
    NameScope outsc = out ? out->scope : NameScope::GlobalImplicit;
    NameScope sc = sym.scope;
    // Shadow the unit's symbol with the comprehension's where they differ (a name free in the
    // comprehension behaves as outside; a cell inside that is free outside stays *_DEREF).
    if ((sc != outsc && sc != NameScope::Free && !(sc == NameScope::Cell && outsc == NameScope::Free)) ||
        in_class_block) {
      auto it = unit.temp_symbols.find(name);
      if (it == unit.temp_symbols.end()) {
        state->saved_symbols.emplace_back(name, std::nullopt);
        unit.temp_symbols.emplace(name, sym);
      } else {
        state->saved_symbols.emplace_back(name, it->second);
        it->second = sym;
      }
    }
    bool bound_here = ((sym.flags & kDefLocal) && !(sym.flags & kDefNonlocal)) || in_class_block;
    if (bound_here && !outer->is_function_like()) {
      auto [it, inserted] = unit.fast_hidden.try_emplace(name, true);
      if (inserted || !it->second) {
        it->second = true;
        state->fast_hidden.push_back(name);
      }
    }
  }
  // Save the names the comprehension binds (LOAD_FAST_AND_CLEAR leaves NULL when unbound).
  for (const std::string& name : comp->symbol_order) {
    const Symbol& sym = comp->symbols.at(name);
    if (sym.flags & kDefParam) continue;
    bool bound_here = ((sym.flags & kDefLocal) && !(sym.flags & kDefNonlocal)) || in_class_block;
    if (!bound_here) continue;
    emit(LOAD_FAST_AND_CLEAR, varname_slot(name), loc);
    // A cell: the old cell object was saved; give the comprehension a fresh one.
    if (sym.scope == NameScope::Cell) emit(MAKE_CELL, deref_index(name), loc);
    state->pushed_locals.push_back(name);
  }
  if (!state->pushed_locals.empty()) {
    // Bring the iterator back to the top; the saved values stay beneath it.
    emit(SWAP, static_cast<int>(state->pushed_locals.size()) + 1, loc);
    // A virtual try/finally restores the saved names if the comprehension raises (no fblock:
    // a comprehension cannot contain break/continue/return).
    state->cleanup = new_label();
    emit_jump(SETUP_FINALLY, state->cleanup, loc);
  }
  return ok();
}

void Codegen::restore_inlined_locals(const SrcLoc& loc, const InlinedCompState& state) {
  // The result (or the exception) stays on top; undo the SWAP of push_inlined_comprehension.
  emit(SWAP, static_cast<int>(state.pushed_locals.size()) + 1, loc);
  for (size_t i = state.pushed_locals.size(); i-- > 0;)
    emit(STORE_FAST_MAYBE_NULL, varname_slot(state.pushed_locals[i]), loc);
}

Status Codegen::pop_inlined_comprehension(const SrcLoc& loc, InlinedCompState* state) {
  if (!state->pushed_locals.empty()) {
    emit(POP_BLOCK, kNoLocation);
    int end = new_label();
    emit_jump(JUMP_NO_INTERRUPT, end, kNoLocation);
    bind(state->cleanup);
    // Drop the unfinished result beneath the exception, restore, re-raise.
    emit(SWAP, 2, kNoLocation);
    emit(POP_TOP, kNoLocation);
    restore_inlined_locals(loc, *state);
    emit(RERAISE, 0, kNoLocation);
    bind(end);
    restore_inlined_locals(loc, *state);
  }
  CodeUnit& unit = u();
  --unit.in_inlined_comp;
  for (size_t i = state->saved_symbols.size(); i-- > 0;) {
    auto& [name, saved] = state->saved_symbols[i];
    if (saved) unit.temp_symbols[name] = *saved;
    else unit.temp_symbols.erase(name);
  }
  // Names made fast stay recorded (false) so their localsplus kind says CO_FAST_HIDDEN.
  for (const std::string& name : state->fast_hidden) unit.fast_hidden[name] = false;
  return ok();
}

Status Codegen::comprehension(const ast::Expr* e, const SrcLoc& loc) {
  const ast::Seq<ast::Comprehension*>* gens = nullptr;
  const ast::Expr* elt = nullptr;
  const ast::Expr* value = nullptr;
  int kind = kGenExp;
  const char* name = "<genexpr>";
  switch (e->kind) {
    case ast::ExprKind::ListComp:
      gens = &e->as<ast::ListComp>()->generators; elt = e->as<ast::ListComp>()->elt;
      kind = kListComp; name = "<listcomp>";
      break;
    case ast::ExprKind::SetComp:
      gens = &e->as<ast::SetComp>()->generators; elt = e->as<ast::SetComp>()->elt;
      kind = kSetComp; name = "<setcomp>";
      break;
    case ast::ExprKind::DictComp:
      gens = &e->as<ast::DictComp>()->generators; elt = e->as<ast::DictComp>()->key;
      value = e->as<ast::DictComp>()->value; kind = kDictComp; name = "<dictcomp>";
      break;
    default:
      gens = &e->as<ast::GeneratorExp>()->generators; elt = e->as<ast::GeneratorExp>()->elt;
      break;
  }
  Scope* scope = symtable_.scope_for(e);
  const ast::Expr* outermost = (*gens)[0]->iter;
  SrcLoc iter_loc = loc_of(outermost->loc);
  int get_iter = (*gens)[0]->is_async ? GET_AITER : GET_ITER;
  // A comprehension that awaits is evaluated eagerly, so it needs an async context (a
  // generator expression just becomes an async generator).
  bool awaits = scope->is_coroutine && kind != kGenExp;
  if (awaits && u().scope->kind != ScopeKind::Comprehension)
    TRY(require_async_context(loc, "asynchronous comprehension outside of an asynchronous function"));
  InlinedCompState state;
  if (scope->comp_inlined) {
    TRY(expr(outermost));
    emit(get_iter, iter_loc);
    TRY(push_inlined_comprehension(scope, loc, &state));
  } else {
    TRY(enter_unit(scope, name, loc.lineno, nullptr));
    u().argcount = 1;
  }
  if (kind != kGenExp) {
    emit(kind == kListComp ? BUILD_LIST : kind == kSetComp ? BUILD_SET : BUILD_MAP, 0, loc);
    if (scope->comp_inlined) emit(SWAP, 2, loc);
  }
  TRY(comprehension_generator(*gens, 0, 0, elt, value, kind, scope->comp_inlined, loc));
  if (scope->comp_inlined) return pop_inlined_comprehension(loc, &state);
  if (kind != kGenExp) emit(RETURN_VALUE, loc);
  else TRY(wrap_in_stopiteration_handler());
  Ref<Object> code = TRY(finish_unit());
  TRY(make_closure(std::move(code), scope, 0, loc));
  TRY(expr(outermost));
  emit(get_iter, iter_loc);
  emit(CALL, 0, loc);
  if (awaits) TRY(emit_await(0, loc));
  return ok();
}

}  // namespace weft::compiler
