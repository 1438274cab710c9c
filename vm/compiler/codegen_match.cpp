// vm/compiler/codegen_match.cpp — PEP 634 structural pattern matching (`match` statements).
//
// Emits the instruction shapes CPython 3.14's codegen does, so the golden comparison holds:
// every pattern routine consumes the subject on top of the stack and, on failure, jumps to a
// "fail_pop" label that pops exactly what is still on the stack for that pattern. Captured
// values are not stored as they are found: each is rotated *underneath* the working items
// (PatternContext::on_top of them) and stored only when the whole case has matched, so a
// failing case never leaves a name half-bound.
//
// Invariants (PatternContext): `stores` lists the names captured so far, in stack order (first
// captured = deepest); `on_top` counts the working items above them; fail_pop[n] is the label
// that pops n items and then falls into fail_pop[n-1] ... fail_pop[0] (the "no match" exit).
// One Codegen per compilation, single-threaded: no locking.
#include <algorithm>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/compiler/codegen.h"

namespace weft::compiler {

using namespace weft::vm;

namespace {

bool is_wildcard(const ast::Pattern* p) {
  return p->kind == ast::PatternKind::MatchAs && !p->as<ast::MatchAs>()->pattern &&
         p->as<ast::MatchAs>()->name.empty();
}

bool is_wildcard_star(const ast::Pattern* p) {
  return p->kind == ast::PatternKind::MatchStar && p->as<ast::MatchStar>()->name.empty();
}

}  // namespace

// Literal patterns such as `-1` and `-1.5` reach codegen as UnaryOp/BinOp nodes; CPython's AST
// preprocessing folds them into constants first. Returns false (and leaves *out empty) when `e`
// is not such a literal.
Result<bool> Codegen::match_literal(const ast::Expr* e, Ref<Object>* out) {
  using K = ast::ExprKind;
  switch (e->kind) {
    case K::Constant:
      *out = Ref<Object>::borrow(e->as<ast::Constant>()->value);
      return true;
    case K::UnaryOp: {
      const auto* un = e->as<ast::UnaryOp>();
      Ref<Object> operand;
      if (un->op != ast::UnaryOpKind::USub || !TRY(match_literal(un->operand, &operand))) break;
      *out = TRY(number_negative(operand.get()));
      return true;
    }
    case K::BinOp: {
      const auto* b = e->as<ast::BinOp>();
      bool add = b->op == ast::OperatorKind::Add;
      if (!add && b->op != ast::OperatorKind::Sub) break;
      Ref<Object> left, right;
      if (!TRY(match_literal(b->left, &left)) || !TRY(match_literal(b->right, &right))) break;
      *out = TRY(binary_op(left.get(), right.get(), add ? BinaryOp::Add : BinaryOp::Subtract));
      return true;
    }
    default: break;
  }
  return false;
}

void Codegen::ensure_fail_pop(PatternContext& pc, int n) {
  while (static_cast<int>(pc.fail_pop.size()) < n + 1) pc.fail_pop.push_back(new_label());
}

void Codegen::jump_to_fail_pop(PatternContext& pc, int op, const SrcLoc& loc) {
  int pops = pc.on_top + static_cast<int>(pc.stores.size());
  ensure_fail_pop(pc, pops);
  emit_jump(op, pc.fail_pop[pops], loc);
}

void Codegen::emit_and_reset_fail_pop(PatternContext& pc, const SrcLoc& loc) {
  if (pc.fail_pop.empty()) return;
  for (size_t i = pc.fail_pop.size() - 1; i > 0; --i) {
    bind(pc.fail_pop[i]);
    emit(POP_TOP, loc);
  }
  bind(pc.fail_pop[0]);
  pc.fail_pop.clear();
}

// CPython 3.10's ROT_N, spelled with SWAPs: moves the top item `count - 1` places down.
void Codegen::pattern_rotate(int count, const SrcLoc& loc) {
  while (count > 1) emit(SWAP, count--, loc);
}

Status Codegen::pattern_store_name(std::string_view name, PatternContext& pc, const SrcLoc& loc) {
  if (name.empty()) {
    emit(POP_TOP, loc);
    return ok();
  }
  if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end())
    return syntax_error(loc, "multiple assignments to name '" + std::string(name) + "' in pattern");
  pattern_rotate(pc.on_top + static_cast<int>(pc.stores.size()) + 1, loc);
  pc.stores.emplace_back(name);
  return ok();
}

Status Codegen::pattern_subpattern(const ast::Pattern* p, PatternContext& pc) {
  bool allow = pc.allow_irrefutable;
  pc.allow_irrefutable = true;
  TRY(pattern(p, pc));
  pc.allow_irrefutable = allow;
  return ok();
}

Status Codegen::pattern_value(const ast::MatchValue* p, PatternContext& pc, const SrcLoc& loc) {
  const ast::Expr* value = p->value;
  Ref<Object> literal;
  if (TRY(match_literal(value, &literal))) {
    TRY(emit_const(literal.get(), loc_of(value->loc)));
  } else if (value->kind == ast::ExprKind::Attribute) {
    TRY(expr(value));
  } else {
    return syntax_error(loc, "patterns may only match literals and attribute lookups");
  }
  emit(COMPARE_OP, compare_op_oparg(kCmpEq, false), loc);
  emit(TO_BOOL, loc);
  jump_to_fail_pop(pc, POP_JUMP_IF_FALSE, loc);
  return ok();
}

Status Codegen::pattern_as(const ast::MatchAs* p, PatternContext& pc, const SrcLoc& loc) {
  if (!p->pattern) {
    if (!pc.allow_irrefutable) {
      if (!p->name.empty())
        return syntax_error(loc, "name capture '" + std::string(p->name) +
                                     "' makes remaining patterns unreachable");
      return syntax_error(loc, "wildcard makes remaining patterns unreachable");
    }
    return pattern_store_name(p->name, pc, loc);
  }
  // Keep a copy of the subject to bind once the inner pattern has matched.
  pc.on_top++;
  emit(COPY, 1, loc);
  TRY(pattern(p->pattern, pc));
  pc.on_top--;
  return pattern_store_name(p->name, pc, loc);
}

// UNPACK_SEQUENCE / UNPACK_EX the subject, then match each item in order.
Status Codegen::pattern_sequence_unpack(const ast::Seq<ast::Pattern*>& patterns,
                                        PatternContext& pc, const SrcLoc& loc) {
  size_t n = patterns.size();
  bool seen_star = false;
  for (size_t i = 0; i < n; ++i) {
    if (patterns[i]->kind != ast::PatternKind::MatchStar) continue;
    if (seen_star) return syntax_error(loc, "multiple starred expressions in sequence pattern");
    if (i >= (1u << 8) || n - i - 1 >= (1u << 23))
      return syntax_error(loc, "too many expressions in star-unpacking sequence pattern");
    emit(UNPACK_EX, static_cast<int>(i + ((n - i - 1) << 8)), loc);
    seen_star = true;
  }
  if (!seen_star) emit(UNPACK_SEQUENCE, static_cast<int>(n), loc);
  pc.on_top += static_cast<int>(n);
  for (const ast::Pattern* sub : patterns) {
    pc.on_top--;
    TRY(pattern_subpattern(sub, pc));
  }
  return ok();
}

// For a sequence pattern whose star is a wildcard (`[first, *_, last]`): index the subject
// instead of unpacking it all. Items after the star use len(subject) - k, since the subject
// need not support negative indices.
Status Codegen::pattern_sequence_subscr(const ast::Seq<ast::Pattern*>& patterns, size_t star,
                                        PatternContext& pc, const SrcLoc& loc) {
  pc.on_top++;
  size_t size = patterns.size();
  for (size_t i = 0; i < size; ++i) {
    const ast::Pattern* sub = patterns[i];
    if (is_wildcard(sub) || i == star) continue;
    emit(COPY, 1, loc);
    if (i < star) {
      Ref<Object> index = TRY(int_from_i64(static_cast<int64_t>(i)));
      TRY(emit_const(index.get(), loc));
    } else {
      emit(GET_LEN, loc);
      Ref<Object> back = TRY(int_from_i64(static_cast<int64_t>(size - i)));
      TRY(emit_const(back.get(), loc));
      emit(BINARY_OP, NB_SUBTRACT, loc);
    }
    emit(BINARY_OP, NB_SUBSCR, loc);
    TRY(pattern_subpattern(sub, pc));
  }
  pc.on_top--;
  emit(POP_TOP, loc);
  return ok();
}

Status Codegen::pattern_sequence(const ast::MatchSequence* p, PatternContext& pc,
                                 const SrcLoc& loc) {
  const ast::Seq<ast::Pattern*>& patterns = p->patterns;
  size_t size = patterns.size();
  int star = -1;
  bool only_wildcard = true, star_wildcard = false;
  for (size_t i = 0; i < size; ++i) {
    const ast::Pattern* sub = patterns[i];
    if (sub->kind == ast::PatternKind::MatchStar) {
      if (star >= 0) return syntax_error(loc, "multiple starred names in sequence pattern");
      star_wildcard = is_wildcard_star(sub);
      only_wildcard &= star_wildcard;
      star = static_cast<int>(i);
      continue;
    }
    only_wildcard &= is_wildcard(sub);
  }
  // The subject stays on top through the type and length checks.
  pc.on_top++;
  emit(MATCH_SEQUENCE, loc);
  jump_to_fail_pop(pc, POP_JUMP_IF_FALSE, loc);
  if (star < 0 || size > 1) {
    // Without a star: len(subject) == size; with one: len(subject) >= size - 1.
    emit(GET_LEN, loc);
    Ref<Object> n = TRY(int_from_i64(static_cast<int64_t>(star < 0 ? size : size - 1)));
    TRY(emit_const(n.get(), loc));
    emit(COMPARE_OP, compare_op_oparg(star < 0 ? kCmpEq : kCmpGe, false), loc);
    jump_to_fail_pop(pc, POP_JUMP_IF_FALSE, loc);
  }
  pc.on_top--;
  if (only_wildcard) {
    emit(POP_TOP, loc);  // [] / [_, _] / [*_] / [_, *_] ...
    return ok();
  }
  if (star_wildcard) return pattern_sequence_subscr(patterns, static_cast<size_t>(star), pc, loc);
  return pattern_sequence_unpack(patterns, pc, loc);
}

Status Codegen::pattern_mapping(const ast::MatchMapping* p, PatternContext& pc,
                                const SrcLoc& loc) {
  size_t size = p->keys.size();
  if (size != p->patterns.size())
    return syntax_error(loc, "keys / patterns length mismatch in mapping pattern");
  // The subject stays on top through the type and length checks.
  pc.on_top++;
  emit(MATCH_MAPPING, loc);
  jump_to_fail_pop(pc, POP_JUMP_IF_FALSE, loc);
  if (size == 0 && p->rest.empty()) {
    pc.on_top--;
    emit(POP_TOP, loc);  // `{}` matches any mapping
    return ok();
  }
  if (size > 0) {
    emit(GET_LEN, loc);
    Ref<Object> n = TRY(int_from_i64(static_cast<int64_t>(size)));
    TRY(emit_const(n.get(), loc));
    emit(COMPARE_OP, compare_op_oparg(kCmpGe, false), loc);
    jump_to_fail_pop(pc, POP_JUMP_IF_FALSE, loc);
  }
  // The keys: literals (checked for duplicates, as a set would) or attribute lookups.
  std::vector<Ref<Object>> seen;
  for (size_t i = 0; i < size; ++i) {
    const ast::Expr* key = p->keys[i];
    if (!key)
      return syntax_error(loc_of(p->patterns[i]->loc),
                          "can't use NULL keys in MatchMapping (set 'rest' parameter instead)");
    Ref<Object> literal;
    if (TRY(match_literal(key, &literal))) {
      for (const Ref<Object>& other : seen) {
        if (TRY(objects_equal(other.get(), literal.get()))) {
          Ref<Object> r = TRY(object_repr(literal.get()));
          return syntax_error(loc, "mapping pattern checks duplicate key (" +
                                       str_to_std_string(r.get()) + ")");
        }
      }
      TRY(emit_const(literal.get(), loc_of(key->loc)));
      seen.push_back(std::move(literal));
    } else if (key->kind == ast::ExprKind::Attribute) {
      TRY(expr(key));
    } else {
      return syntax_error(loc, "mapping pattern keys may only match literals and attribute lookups");
    }
  }
  emit(BUILD_TUPLE, static_cast<int>(size), loc);
  emit(MATCH_KEYS, loc);
  // Now: subject, keys tuple, values tuple (or None).
  pc.on_top += 2;
  emit(COPY, 1, loc);
  TRY(emit_none(loc));
  emit(IS_OP, 1, loc);
  jump_to_fail_pop(pc, POP_JUMP_IF_FALSE, loc);
  emit(UNPACK_SEQUENCE, static_cast<int>(size), loc);
  pc.on_top += static_cast<int>(size) - 1;
  for (const ast::Pattern* sub : p->patterns) {
    pc.on_top--;
    TRY(pattern_subpattern(sub, pc));
  }
  pc.on_top -= 2;
  if (p->rest.empty()) {
    emit(POP_TOP, loc);  // the keys tuple
    emit(POP_TOP, loc);  // the subject
    return ok();
  }
  // rest = dict(subject); del rest[key] for each matched key.
  emit(BUILD_MAP, 0, loc);
  emit(SWAP, 3, loc);
  emit(DICT_UPDATE, 2, loc);
  emit(UNPACK_SEQUENCE, static_cast<int>(size), loc);
  for (size_t left = size; left > 0; --left) {
    emit(COPY, static_cast<int>(1 + left), loc);
    emit(SWAP, 2, loc);
    emit(DELETE_SUBSCR, loc);
  }
  return pattern_store_name(p->rest, pc, loc);
}

Status Codegen::pattern_class(const ast::MatchClass* p, PatternContext& pc, const SrcLoc& loc) {
  size_t nargs = p->patterns.size();
  size_t nattrs = p->kwd_attrs.size();
  if (nattrs != p->kwd_patterns.size())
    return syntax_error(loc, "kwd_attrs / kwd_patterns length mismatch in class pattern");
  for (size_t i = 0; i < nattrs; ++i) {
    for (size_t j = i + 1; j < nattrs; ++j) {
      if (p->kwd_attrs[i] == p->kwd_attrs[j])
        return syntax_error(loc_of(p->kwd_patterns[j]->loc),
                            "attribute name repeated in class pattern: " +
                                std::string(p->kwd_attrs[i]));
    }
  }
  TRY(expr(p->cls));
  Ref<Object> names = TRY(tuple_new(static_cast<int64_t>(nattrs)));
  for (size_t i = 0; i < nattrs; ++i) {
    Ref<Object> name = TRY(str_from_utf8(p->kwd_attrs[i]));
    tuple_init_item(names.get(), static_cast<int64_t>(i), std::move(name));
  }
  TRY(emit_const(names.get(), loc));
  emit(MATCH_CLASS, static_cast<int>(nargs), loc);
  emit(COPY, 1, loc);
  TRY(emit_none(loc));
  emit(IS_OP, 1, loc);
  // On top: a tuple of nargs + nattrs attribute values, or None.
  pc.on_top++;
  jump_to_fail_pop(pc, POP_JUMP_IF_FALSE, loc);
  int total = static_cast<int>(nargs + nattrs);
  emit(UNPACK_SEQUENCE, total, loc);
  pc.on_top += total - 1;
  for (int i = 0; i < total; ++i) {
    pc.on_top--;
    const ast::Pattern* sub = static_cast<size_t>(i) < nargs ? p->patterns[i]
                                                             : p->kwd_patterns[i - nargs];
    if (is_wildcard(sub)) {
      emit(POP_TOP, loc);
      continue;
    }
    TRY(pattern_subpattern(sub, pc));
  }
  return ok();
}

// Each alternative matches against its own copy of the subject and must bind the same names;
// the names an alternative bound are rotated into the order of the first alternative's
// ("control") so that every path reaches `end` with the same stack layout.
Status Codegen::pattern_or(const ast::MatchOr* p, PatternContext& pc, const SrcLoc& loc) {
  int end = new_label();
  size_t size = p->patterns.size();
  PatternContext old_pc = pc;
  pc.fail_pop.clear();
  std::vector<std::string> control;
  for (size_t i = 0; i < size; ++i) {
    const ast::Pattern* alt = p->patterns[i];
    SrcLoc alt_loc = loc_of(alt->loc);
    pc.stores.clear();
    // An irrefutable alternative must come last, if it is allowed at all.
    pc.allow_irrefutable = i == size - 1 && old_pc.allow_irrefutable;
    pc.fail_pop.clear();
    pc.on_top = 0;
    emit(COPY, 1, alt_loc);
    TRY(pattern(alt, pc));
    size_t nstores = pc.stores.size();
    if (i == 0) {
      control = pc.stores;
    } else if (nstores != control.size()) {
      return syntax_error(loc, "alternative patterns bind different names");
    } else if (nstores > 0) {
      for (size_t ic = nstores; ic-- > 0;) {
        auto found = std::find(pc.stores.begin(), pc.stores.end(), control[ic]);
        if (found == pc.stores.end())
          return syntax_error(loc, "alternative patterns bind different names");
        size_t is = static_cast<size_t>(found - pc.stores.begin());
        if (ic == is) continue;
        // Move stores[0 .. is] to just below position ic (is < ic), on the stack as well.
        size_t rotations = is + 1;
        std::vector<std::string> moved(pc.stores.begin(), pc.stores.begin() + rotations);
        pc.stores.erase(pc.stores.begin(), pc.stores.begin() + rotations);
        pc.stores.insert(pc.stores.begin() + (ic - is), moved.begin(), moved.end());
        for (size_t r = 0; r < rotations; ++r) pattern_rotate(static_cast<int>(ic + 1), alt_loc);
      }
    }
    emit_jump(JUMP, end, alt_loc);
    emit_and_reset_fail_pop(pc, alt_loc);
  }
  pc = std::move(old_pc);
  // No alternative matched: pop the remaining copy of the subject and fail.
  emit(POP_TOP, loc);
  jump_to_fail_pop(pc, JUMP, loc);
  bind(end);
  // Rotate each new capture below the other captures, the subject copy, the working items
  // and the captures made before this or-pattern.
  int nrots = static_cast<int>(control.size()) + 1 + pc.on_top + static_cast<int>(pc.stores.size());
  for (const std::string& name : control) {
    pattern_rotate(nrots, loc);
    if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end())
      return syntax_error(loc, "multiple assignments to name '" + name + "' in pattern");
    pc.stores.push_back(name);
  }
  emit(POP_TOP, loc);  // the subject copy
  return ok();
}

Status Codegen::pattern(const ast::Pattern* p, PatternContext& pc) {
  SrcLoc loc = loc_of(p->loc);
  using K = ast::PatternKind;
  switch (p->kind) {
    case K::MatchValue: return pattern_value(p->as<ast::MatchValue>(), pc, loc);
    case K::MatchSingleton:
      TRY(emit_const(p->as<ast::MatchSingleton>()->value, loc));
      emit(IS_OP, 0, loc);
      jump_to_fail_pop(pc, POP_JUMP_IF_FALSE, loc);
      return ok();
    case K::MatchSequence: return pattern_sequence(p->as<ast::MatchSequence>(), pc, loc);
    case K::MatchMapping: return pattern_mapping(p->as<ast::MatchMapping>(), pc, loc);
    case K::MatchClass: return pattern_class(p->as<ast::MatchClass>(), pc, loc);
    case K::MatchStar: return pattern_store_name(p->as<ast::MatchStar>()->name, pc, loc);
    case K::MatchAs: return pattern_as(p->as<ast::MatchAs>(), pc, loc);
    case K::MatchOr: return pattern_or(p->as<ast::MatchOr>(), pc, loc);
  }
  return syntax_error(loc, "invalid match pattern node in AST");
}

Status Codegen::match_stmt(const ast::Match* m, const SrcLoc&) {
  TRY(expr(m->subject));
  int end = new_label();
  size_t cases = m->cases.size();
  // A trailing `case _:` needs neither a copy of the subject nor a pattern test.
  bool has_default = cases > 1 && is_wildcard(m->cases[cases - 1]->pattern);
  size_t tested = cases - (has_default ? 1 : 0);
  PatternContext pc;
  for (size_t i = 0; i < tested; ++i) {
    const ast::MatchCase* c = m->cases[i];
    SrcLoc ploc = loc_of(c->pattern->loc);
    bool last = i == tested - 1;
    if (!last) emit(COPY, 1, ploc);  // later cases need the subject again
    pc.stores.clear();
    pc.fail_pop.clear();
    pc.on_top = 0;
    // An irrefutable case must be guarded, last, or both.
    pc.allow_irrefutable = c->guard != nullptr || i == cases - 1;
    TRY(pattern(c->pattern, pc));
    for (const std::string& name : pc.stores)
      TRY(emit_name_op(name, ast::ExprContext::Store, ploc));
    if (c->guard) {
      ensure_fail_pop(pc, 0);
      TRY(jump_if(c->guard, pc.fail_pop[0], false));
    }
    if (!last) {
      // CPython gives this POP_TOP the location of the instruction after it (the body's
      // first), for better branch events.
      size_t pop_index = u().seq.instrs().size();
      emit(POP_TOP, ploc);
      TRY(stmts(c->body));
      std::vector<Instr>& instrs = u().seq.instrs();
      if (pop_index + 1 < instrs.size()) instrs[pop_index].loc = instrs[pop_index + 1].loc;
    } else {
      TRY(stmts(c->body));
    }
    emit_jump(JUMP, end, kNoLocation);
    // A failed pattern's clean-up belongs to the pattern's line, not the body's last.
    emit_and_reset_fail_pop(pc, ploc);
  }
  if (has_default) {
    const ast::MatchCase* c = m->cases[cases - 1];
    SrcLoc ploc = loc_of(c->pattern->loc);
    emit(NOP, ploc);  // line coverage for the default case
    if (c->guard) TRY(jump_if(c->guard, end, false));
    TRY(stmts(c->body));
  }
  bind(end);
  return ok();
}

}  // namespace weft::compiler
