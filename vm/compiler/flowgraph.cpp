// vm/compiler/flowgraph.cpp — basic blocks, CPython 3.14's visible optimisations, layout.
//
// Pipeline (the order is CPython's Python/flowgraph.c, because each pass's output is what the
// next one pattern-matches):
//   build blocks -> mark handlers -> label exception targets (SETUP_*/POP_BLOCK become NOPs)
//   -> inline small exit blocks -> remove unreachable -> propagate line numbers
//   -> per-block peephole (constant folding, jump threading, TO_BOOL fusion) -> remove
//   redundant NOPs/jumps -> drop unused constants -> LOAD_FAST_CHECK for maybe-unbound locals
//   -> superinstructions -> cold blocks to the end -> stack depth -> prologue (MAKE_CELL, ...)
//   -> pseudo instructions to real ones -> jump directions and NOT_TAKEN -> LOAD_FAST_BORROW.
// Blocks are indices into one vector; `next` is the layout order. Nothing here is shared
// between threads.
#include "vm/compiler/flowgraph.h"

#include <algorithm>
#include <cstdint>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/tuple.h"
#include "vm/compiler/const_fold.h"
#include "vm/compiler/flowgraph_swaps.h"

namespace weft::compiler {

using namespace weft::vm;

namespace {

constexpr int kMaxCopySize = 4;         // exit blocks at most this long are duplicated
constexpr int kMaxTupleFoldSize = 30;   // CPython's STACK_USE_GUIDELINE for constant tuples
constexpr int kMinConstSequenceSize = 3;

struct CInstr {
  int opcode;
  int oparg;
  SrcLoc loc;
  int target = -1;  // block id
  int except = -1;  // handler block id
};

struct Block {
  std::vector<CInstr> instrs;
  int next = -1;
  bool except_handler = false;
  bool preserve_lasti = false;
  bool cold = false;
  bool visited = false;
  int predecessors = 0;
  int startdepth = -1;
  int except_stack_owner = -1;
};

bool is_jump(int op) { return opcode_has(op, HAS_JUMP); }
// END_ASYNC_FOR's "jump" only names the END_SEND of its loop's __anext__ await (for
// instrumentation's branch events): control never goes there, so the edge carries no stack
// depth or exception-handler state.
bool is_control_edge(const CInstr& i) { return i.target >= 0 && i.opcode != END_ASYNC_FOR; }
bool is_block_push(int op) { return op == SETUP_FINALLY || op == SETUP_CLEANUP || op == SETUP_WITH; }
bool ends_flow(int op) { return is_scope_exit(op) || is_unconditional_jump(op); }

class Cfg {
 public:
  Cfg(ConstTable& consts, const UnitLayout& unit) : consts_(consts), unit_(unit) {}

  Status run(InstrSequence& seq, FinalCode* out);

 private:
  std::vector<Block> blocks_;
  int entry_ = 0;
  ConstTable& consts_;
  const UnitLayout& unit_;

  int new_block() {
    blocks_.emplace_back();
    return static_cast<int>(blocks_.size()) - 1;
  }
  CInstr* last(int b) { return blocks_[b].instrs.empty() ? nullptr : &blocks_[b].instrs.back(); }
  bool has_fallthrough(int b) {
    const CInstr* l = last(b);
    return !l || !ends_flow(l->opcode);
  }
  bool exits_scope(int b) {
    const CInstr* l = last(b);
    return l && is_scope_exit(l->opcode);
  }
  bool has_no_lineno(int b) {
    for (const CInstr& i : blocks_[b].instrs)
      if (i.loc.has_line()) return false;
    return true;
  }
  // The first block at or after b in layout order that has instructions.
  int next_nonempty(int b) {
    while (b >= 0 && blocks_[b].instrs.empty()) b = blocks_[b].next;
    return b;
  }

  void build(InstrSequence& seq);
  void mark_except_handlers();
  Status label_exception_targets();
  void inline_small_exit_blocks();
  void remove_unreachable();
  void propagate_line_numbers();
  Status optimize_blocks();
  Status optimize_block(int b);
  Result<bool> constant_operands(const std::vector<CInstr>& ins, size_t i, int n,
                                 std::vector<Ref<Object>>* out);
  Status make_load_const(CInstr& in, Object* value);
  Status fold_tuple_of_constants(std::vector<CInstr>& ins, size_t i);
  Status fold_constant_sequence(std::vector<CInstr>& ins, size_t i, int next_opcode);
  Status fold_binary_op(std::vector<CInstr>& ins, size_t i);
  Status fold_unary_op(std::vector<CInstr>& ins, size_t i, FoldUnary op);
  Status fold_list_to_tuple(std::vector<CInstr>& ins, size_t i);
  void jump_thread(int b);
  void remove_redundant_nops();
  void remove_redundant_jumps();
  Status remove_unused_consts();
  void add_checks_for_uninitialized();
  void insert_superinstructions();
  void push_cold_blocks_to_end();
  Status compute_stackdepth(int* max_depth);
  void insert_prologue();
  void convert_pseudo_ops();
  void normalize_jumps();
  void optimize_load_fast();
  void flatten(FinalCode* out);

  bool is_const_load(const CInstr& i) { return i.opcode == LOAD_CONST || i.opcode == LOAD_SMALL_INT; }
  Result<Object*> const_value(const CInstr& i, Ref<Object>* holder);
};

// ---- construction ---------------------------------------------------------------------------

void Cfg::build(InstrSequence& seq) {
  const std::vector<Instr>& in = seq.instrs();
  std::vector<std::vector<int>> labels_at(in.size() + 1);
  for (int l = 0; l < seq.label_count(); ++l) {
    int pos = seq.label_position(l);
    if (pos >= 0) labels_at[pos].push_back(l);
  }
  std::vector<int> label_block(seq.label_count(), -1);
  int cur = new_block();
  entry_ = cur;
  auto start_block = [&]() {
    if (!blocks_[cur].instrs.empty()) {
      int b = new_block();
      blocks_[cur].next = b;
      cur = b;
    }
  };
  for (size_t pos = 0; pos <= in.size(); ++pos) {
    if (!labels_at[pos].empty()) {
      start_block();
      for (int l : labels_at[pos]) label_block[l] = cur;
    }
    if (pos == in.size()) break;
    const Instr& i = in[pos];
    blocks_[cur].instrs.push_back({i.opcode, i.oparg, i.loc, i.target, -1});
    if (is_jump(i.opcode) || ends_flow(i.opcode)) start_block();
  }
  for (Block& b : blocks_)
    for (CInstr& i : b.instrs)
      if (i.target >= 0) i.target = label_block[i.target];
}

void Cfg::mark_except_handlers() {
  for (Block& b : blocks_) {
    for (CInstr& i : b.instrs) {
      if (!is_block_push(i.opcode)) continue;
      Block& h = blocks_[i.target];
      h.except_handler = true;
      if (i.opcode != SETUP_FINALLY) h.preserve_lasti = true;
    }
  }
}

// Gives every instruction its handler (the innermost enclosing SETUP_* target), turns
// SETUP_*/POP_BLOCK into NOPs and sets RESUME's "exception depth 1" bit after a yield.
Status Cfg::label_exception_targets() {
  struct Work {
    int block;
    std::vector<int> stack;  // handler blocks, innermost last
  };
  std::vector<Work> todo;
  todo.push_back({entry_, {}});
  blocks_[entry_].visited = true;
  std::vector<std::pair<int, int>> setup_ops;  // (block, index) of SETUP_* to NOP afterwards
  while (!todo.empty()) {
    Work w = std::move(todo.back());
    todo.pop_back();
    std::vector<int>& stack = w.stack;
    int b = w.block;
    int last_yield_depth = -1;
    for (size_t k = 0; k < blocks_[b].instrs.size(); ++k) {
      CInstr& i = blocks_[b].instrs[k];
      int handler = stack.empty() ? -1 : stack.back();
      if (is_block_push(i.opcode)) {
        if (!blocks_[i.target].visited) {
          blocks_[i.target].visited = true;
          todo.push_back({i.target, stack});
        }
        stack.push_back(i.target);
        i.except = handler;
        setup_ops.emplace_back(b, static_cast<int>(k));
      } else if (i.opcode == POP_BLOCK) {
        if (!stack.empty()) stack.pop_back();
        i.opcode = NOP;
        i.oparg = 0;
      } else if (is_jump(i.opcode) && is_control_edge(i)) {
        i.except = handler;
        if (!blocks_[i.target].visited) {
          blocks_[i.target].visited = true;
          todo.push_back({i.target, stack});
        }
      } else {
        if (i.opcode == YIELD_VALUE) last_yield_depth = static_cast<int>(stack.size());
        if (i.opcode == RESUME && (i.oparg & kResumeOpargLocationMask) != RESUME_AT_FUNC_START) {
          if (last_yield_depth == 1) i.oparg |= kResumeOpargDepth1Mask;
          last_yield_depth = -1;
        }
        i.except = handler;
      }
    }
    int nxt = blocks_[b].next;
    if (has_fallthrough(b) && nxt >= 0 && !blocks_[nxt].visited) {
      blocks_[nxt].visited = true;
      todo.push_back({nxt, std::move(stack)});
    }
  }
  for (auto [b, k] : setup_ops) {
    // The handler edge is recorded in every protected instruction; keep the target only for
    // the stack-depth pass, which needs the handler's entry depth.
    blocks_[b].instrs[k].except = -1;
  }
  for (Block& b : blocks_) b.visited = false;
  return ok();
}

// ---- simplification -------------------------------------------------------------------------

void Cfg::inline_small_exit_blocks() {
  bool changed = true;
  while (changed) {
    changed = false;
    for (int b = entry_; b >= 0; b = blocks_[b].next) {
      CInstr* l = last(b);
      if (!l || !(l->opcode == JUMP || l->opcode == JUMP_NO_INTERRUPT)) continue;
      int target = l->target;
      bool small_exit = exits_scope(target) &&
                        static_cast<int>(blocks_[target].instrs.size()) <= kMaxCopySize;
      bool no_lineno_no_fallthrough = has_no_lineno(target) && !has_fallthrough(target);
      if (!small_exit && !no_lineno_no_fallthrough) continue;
      int removed = l->opcode;
      l->opcode = NOP;
      l->oparg = 0;
      l->target = -1;
      std::vector<CInstr> copy = blocks_[target].instrs;
      blocks_[b].instrs.insert(blocks_[b].instrs.end(), copy.begin(), copy.end());
      if (no_lineno_no_fallthrough) {
        CInstr* nl = last(b);
        if (is_unconditional_jump(nl->opcode) && removed == JUMP) nl->opcode = JUMP;
      }
      changed = true;
    }
  }
}

void Cfg::remove_unreachable() {
  for (Block& b : blocks_) {
    b.visited = false;
    b.predecessors = 0;
  }
  std::vector<int> todo{entry_};
  blocks_[entry_].visited = true;
  blocks_[entry_].predecessors = 1;
  while (!todo.empty()) {
    int b = todo.back();
    todo.pop_back();
    auto reach = [&](int t) {
      blocks_[t].predecessors++;
      if (!blocks_[t].visited) {
        blocks_[t].visited = true;
        todo.push_back(t);
      }
    };
    for (const CInstr& i : blocks_[b].instrs) {
      if (i.target >= 0) reach(i.target);
      if (i.except >= 0) reach(i.except);
    }
    if (has_fallthrough(b) && blocks_[b].next >= 0) reach(blocks_[b].next);
  }
  for (int b = entry_; b >= 0; b = blocks_[b].next)
    if (!blocks_[b].visited) blocks_[b].instrs.clear();
  for (Block& b : blocks_) b.visited = false;
}

// Instructions without a location take the previous one's; a block entered only by falling
// through or by one jump starts with its predecessor's last location.
void Cfg::propagate_line_numbers() {
  for (int b = entry_; b >= 0; b = blocks_[b].next) {
    if (blocks_[b].instrs.empty()) continue;
    SrcLoc prev = kNoLocation;
    for (CInstr& i : blocks_[b].instrs) {
      if (!i.loc.has_line())
        i.loc = prev;
      else
        prev = i.loc;
    }
    int nxt = next_nonempty(blocks_[b].next);
    if (has_fallthrough(b) && nxt >= 0 && blocks_[nxt].predecessors == 1 &&
        !blocks_[nxt].instrs[0].loc.has_line()) {
      blocks_[nxt].instrs[0].loc = prev;
    }
    CInstr* l = last(b);
    if (l && is_jump(l->opcode) && l->target >= 0) {
      int t = l->target;
      if (blocks_[t].predecessors == 1 && !blocks_[t].instrs.empty() &&
          !blocks_[t].instrs[0].loc.has_line())
        blocks_[t].instrs[0].loc = prev;
    }
  }
}

Result<Object*> Cfg::const_value(const CInstr& i, Ref<Object>* holder) {
  if (i.opcode == LOAD_CONST) return consts_.get(i.oparg);
  *holder = TRY(int_from_i64(i.oparg));
  return holder->get();
}

// The NOP-skipping walk back from ins[i-1] that CPython's get_constant_sequence and nop_out
// make: earlier folds leave NOPs between an operator and its constant operands.
namespace {

// Index of the n-th non-NOP instruction before i (n >= 1), or -1.
long nth_operand_before(const std::vector<CInstr>& ins, size_t i, int n) {
  for (long k = static_cast<long>(i) - 1; k >= 0; --k) {
    if (ins[k].opcode == NOP) continue;
    if (--n == 0) return k;
  }
  return -1;
}

// NOPs out the n non-NOP instructions before ins[i]. As in CPython 3.14's nop_out, they lose
// their location too, so they never survive as line markers.
void nop_out(CInstr& in) {
  in.opcode = NOP;
  in.oparg = 0;
  in.loc = kNoLocation;
}

void nop_out_operands(std::vector<CInstr>& ins, size_t i, int n) {
  for (long k = static_cast<long>(i) - 1; k >= 0 && n > 0; --k) {
    if (ins[k].opcode == NOP) continue;
    nop_out(ins[k]);
    --n;
  }
}

// A tuple of `items` (moved from).
Result<Ref<Object>> tuple_of(std::vector<Ref<Object>>& items) {
  Ref<Object> t = TRY(tuple_new(static_cast<int64_t>(items.size())));
  for (size_t k = 0; k < items.size(); ++k)
    tuple_init_item(t.get(), static_cast<int64_t>(k), std::move(items[k]));
  return t;
}

}  // namespace

// The values of the n constant loads just before ins[i] (NOPs skipped), in stack order; false
// if one of them is not a constant load.
Result<bool> Cfg::constant_operands(const std::vector<CInstr>& ins, size_t i, int n,
                                    std::vector<Ref<Object>>* out) {
  out->clear();
  out->resize(static_cast<size_t>(n));
  long k = static_cast<long>(i);
  for (int slot = n - 1; slot >= 0; --slot) {
    k = nth_operand_before(ins, static_cast<size_t>(k), 1);
    if (k < 0 || !is_const_load(ins[k])) return false;
    Ref<Object> holder;
    Object* v = TRY(const_value(ins[k], &holder));
    (*out)[slot] = holder ? std::move(holder) : new_ref(v);
  }
  return true;
}

// `in` becomes a load of `value`: LOAD_SMALL_INT for the small ints, as CPython's
// instr_make_load_const, LOAD_CONST otherwise.
Status Cfg::make_load_const(CInstr& in, Object* value) {
  int64_t small;
  if (is_int_exact(value) && int_to_i64(value, &small) && small >= 0 && small < 256) {
    in.opcode = LOAD_SMALL_INT;
    in.oparg = static_cast<int>(small);
    return ok();
  }
  in.opcode = LOAD_CONST;
  in.oparg = TRY(consts_.add(value));
  return ok();
}

// BUILD_TUPLE n preceded by n constant loads -> LOAD_CONST of the tuple.
Status Cfg::fold_tuple_of_constants(std::vector<CInstr>& ins, size_t i) {
  int n = ins[i].oparg;
  if (n > kMaxTupleFoldSize) return ok();
  std::vector<Ref<Object>> items;
  if (!TRY(constant_operands(ins, i, n, &items))) return ok();
  Ref<Object> t = TRY(tuple_of(items));
  nop_out_operands(ins, i, n);
  return make_load_const(ins[i], t.get());
}

// CPython's optimize_lists_and_sets: `x in [a, b]` / `for x in {a, b}` iterate a tuple (a
// frozenset constant when all items are constants); a list or set display of >= 3 constants is
// BUILD_LIST 0; LOAD_CONST tuple; LIST_EXTEND 1 (BUILD_SET 0; frozenset; SET_UPDATE 1).
Status Cfg::fold_constant_sequence(std::vector<CInstr>& ins, size_t i, int next_opcode) {
  int n = ins[i].oparg;
  bool is_list = ins[i].opcode == BUILD_LIST;
  bool contains_or_iter = next_opcode == GET_ITER || next_opcode == CONTAINS_OP;
  if (n > kMaxTupleFoldSize || (n < kMinConstSequenceSize && !contains_or_iter)) return ok();
  std::vector<Ref<Object>> items;
  if (!TRY(constant_operands(ins, i, n, &items))) {
    if (contains_or_iter && is_list) ins[i].opcode = BUILD_TUPLE;
    return ok();
  }
  Ref<Object> value = TRY(tuple_of(items));
  if (!is_list) value = TRY(frozenset_new(value.get()));
  int index = TRY(consts_.add(value.get()));
  nop_out_operands(ins, i, n);
  SrcLoc loc = ins[i].loc;
  if (contains_or_iter) {
    ins[i].opcode = LOAD_CONST;
    ins[i].oparg = index;
    return ok();
  }
  // n >= 3, so the two slots before ins[i] are NOPs now: reuse them.
  // (CPython moves only the first one to the display's location.)
  ins[i - 2] = {is_list ? BUILD_LIST : BUILD_SET, 0, loc, -1, ins[i - 2].except};
  ins[i - 1].opcode = LOAD_CONST;
  ins[i - 1].oparg = index;
  ins[i].opcode = is_list ? LIST_EXTEND : SET_UPDATE;
  ins[i].oparg = 1;
  return ok();
}

// BINARY_OP on two constants -> the constant result, within const_fold's limits.
Status Cfg::fold_binary_op(std::vector<CInstr>& ins, size_t i) {
  std::vector<Ref<Object>> operands;
  if (!TRY(constant_operands(ins, i, 2, &operands))) return ok();
  Ref<Object> result;
  if (!TRY(fold_binary_constant(operands[0].get(), ins[i].oparg, operands[1].get(), &result)))
    return ok();
  nop_out_operands(ins, i, 2);
  return make_load_const(ins[i], result.get());
}

// UNARY_NEGATIVE / UNARY_INVERT / UNARY_NOT / +x on a constant -> the constant result.
Status Cfg::fold_unary_op(std::vector<CInstr>& ins, size_t i, FoldUnary op) {
  std::vector<Ref<Object>> operand;
  if (!TRY(constant_operands(ins, i, 1, &operand))) return ok();
  Ref<Object> result;
  if (!TRY(fold_unary_constant(operand[0].get(), op, &result))) return ok();
  nop_out_operands(ins, i, 1);
  return make_load_const(ins[i], result.get());
}

// BUILD_LIST 0, (constant load, LIST_APPEND 1)*, CALL_INTRINSIC_1 LIST_TO_TUPLE -- how codegen
// builds a tuple display too long for the stack -- becomes one tuple constant.
Status Cfg::fold_list_to_tuple(std::vector<CInstr>& ins, size_t i) {
  int constants = 0;
  bool expect_append = true;
  for (long pos = static_cast<long>(i) - 1; pos >= 0; --pos) {
    const CInstr& in = ins[pos];
    if (in.opcode == NOP) continue;
    if (in.opcode == BUILD_LIST && in.oparg == 0) {
      if (!expect_append) return ok();
      std::vector<Ref<Object>> items;
      items.reserve(static_cast<size_t>(constants));
      for (long k = pos + 1; k < static_cast<long>(i); ++k) {
        if (!is_const_load(ins[k])) continue;
        Ref<Object> holder;
        Object* v = TRY(const_value(ins[k], &holder));
        items.push_back(holder ? std::move(holder) : new_ref(v));
      }
      Ref<Object> t = TRY(tuple_of(items));
      for (long k = pos; k < static_cast<long>(i); ++k)
        if (ins[k].opcode != NOP) nop_out(ins[k]);
      return make_load_const(ins[i], t.get());
    }
    if (expect_append) {
      if (in.opcode != LIST_APPEND || in.oparg != 1) return ok();
    } else {
      if (!is_const_load(in)) return ok();
      ++constants;
    }
    expect_append = !expect_append;
  }
  return ok();
}

// CPython's jump_thread: a jump whose target block starts with JUMP becomes a NOP (keeping its
// line) followed by a new jump straight to that JUMP's target. The new jump carries the target
// jump's location and, as in CPython (whose new instruction is added after exception labelling),
// no exception handler.
void Cfg::jump_thread(int b) {
  for (int guard = 0; guard < 100; ++guard) {
    CInstr* l = last(b);
    if (!l || l->target < 0) return;
    int op = l->opcode;
    bool unconditional = op == JUMP || op == JUMP_NO_INTERRUPT;
    bool conditional = op == POP_JUMP_IF_FALSE || op == POP_JUMP_IF_TRUE ||
                       op == POP_JUMP_IF_NONE || op == POP_JUMP_IF_NOT_NONE;
    if (!unconditional && !conditional) return;
    int t = next_nonempty(l->target);
    if (t < 0) return;
    const CInstr first = blocks_[t].instrs[0];
    int new_op;
    if (first.opcode == JUMP) {
      new_op = unconditional ? JUMP : op;
    } else if (first.opcode == JUMP_NO_INTERRUPT && unconditional) {
      new_op = op;
    } else {
      return;
    }
    if (first.target == l->target) return;
    l->opcode = NOP;
    l->oparg = 0;
    l->target = -1;
    blocks_[b].instrs.push_back({new_op, 0, first.loc, first.target, -1});
  }
}

Status Cfg::optimize_block(int b) {
  std::vector<CInstr>& ins = blocks_[b].instrs;
  for (size_t i = 0; i < ins.size(); ++i) {
    CInstr& in = ins[i];
    // LOAD_CONST of a small int is LOAD_SMALL_INT.
    if (in.opcode == LOAD_CONST) {
      Object* v = consts_.get(in.oparg);
      int64_t small;
      if (is_int_exact(v) && int_to_i64(v, &small) && small >= 0 && small < 256) {
        in.opcode = LOAD_SMALL_INT;
        in.oparg = static_cast<int>(small);
      }
    }
    CInstr* nx = i + 1 < ins.size() ? &ins[i + 1] : nullptr;
    switch (in.opcode) {
      case BUILD_TUPLE:
        if (nx && nx->opcode == UNPACK_SEQUENCE && nx->oparg == in.oparg) {
          if (in.oparg == 1) {
            in.opcode = NOP;
            nx->opcode = NOP;
          } else if (in.oparg == 2 || in.oparg == 3) {
            in.opcode = NOP;
            nx->opcode = SWAP;
          }
          break;
        }
        TRY(fold_tuple_of_constants(ins, i));
        break;
      case BUILD_LIST:
      case BUILD_SET:
        TRY(fold_constant_sequence(ins, i, nx ? nx->opcode : 0));
        break;
      case BINARY_OP:
        TRY(fold_binary_op(ins, i));
        break;
      case UNARY_NEGATIVE:
        TRY(fold_unary_op(ins, i, FoldUnary::Negative));
        break;
      case UNARY_INVERT:
        TRY(fold_unary_op(ins, i, FoldUnary::Invert));
        break;
      case CALL_INTRINSIC_1:
        if (in.oparg == INTRINSIC_UNARY_POSITIVE) {
          TRY(fold_unary_op(ins, i, FoldUnary::Positive));
        } else if (in.oparg == INTRINSIC_LIST_TO_TUPLE) {
          if (nx && nx->opcode == GET_ITER) {
            in.opcode = NOP;  // iterating the list is as good as iterating the tuple
            in.oparg = 0;
          } else {
            TRY(fold_list_to_tuple(ins, i));
          }
        }
        break;
      case LOAD_CONST:
      case LOAD_SMALL_INT:
        if (nx && nx->opcode == TO_BOOL) {
          Ref<Object> holder;
          Object* v = TRY(const_value(in, &holder));
          bool truth = TRY(object_is_true(v));
          int index = TRY(consts_.add(py_bool(truth)));
          in.opcode = NOP;
          *nx = {LOAD_CONST, index, nx->loc, -1, nx->except};
        } else if (nx && (nx->opcode == POP_JUMP_IF_FALSE || nx->opcode == POP_JUMP_IF_TRUE)) {
          Ref<Object> holder;
          Object* v = TRY(const_value(in, &holder));
          bool truth = TRY(object_is_true(v));
          in.opcode = NOP;
          bool jumps = (nx->opcode == POP_JUMP_IF_TRUE) == truth;
          if (jumps) {
            nx->opcode = JUMP;
          } else {
            nx->opcode = NOP;
            nx->target = -1;
          }
        } else if (nx && (nx->opcode == IS_OP) && in.opcode == LOAD_CONST &&
                   is_none(consts_.get(in.oparg)) && i + 2 < ins.size()) {
          CInstr& jmp = ins[i + 2];
          if (jmp.opcode == POP_JUMP_IF_FALSE || jmp.opcode == POP_JUMP_IF_TRUE) {
            bool invert = nx->oparg != 0;
            bool jump_if_true = jmp.opcode == POP_JUMP_IF_TRUE;
            in.opcode = NOP;
            nx->opcode = NOP;
            jmp.opcode = (jump_if_true != invert) ? POP_JUMP_IF_NONE : POP_JUMP_IF_NOT_NONE;
          }
        }
        break;
      case TO_BOOL:
        if (nx && nx->opcode == TO_BOOL) in.opcode = NOP;
        break;
      case COMPARE_OP:
        if (nx && nx->opcode == TO_BOOL) {
          nx->opcode = NOP;
          in.oparg |= kCompareOpToBoolBit;
        }
        break;
      case CONTAINS_OP:
      case IS_OP:
        if (nx && nx->opcode == TO_BOOL) nx->opcode = NOP;
        if (nx && nx->opcode == UNARY_NOT) {
          nx->opcode = NOP;
          in.oparg ^= 1;
        }
        break;
      case UNARY_NOT:
        if (nx && nx->opcode == TO_BOOL) {
          nx->opcode = NOP;
        } else if (nx && nx->opcode == UNARY_NOT) {
          in.opcode = NOP;
          nx->opcode = NOP;
        } else if (nx && (nx->opcode == POP_JUMP_IF_FALSE || nx->opcode == POP_JUMP_IF_TRUE)) {
          in.opcode = NOP;
          nx->opcode = nx->opcode == POP_JUMP_IF_FALSE ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE;
        } else {
          TRY(fold_unary_op(ins, i, FoldUnary::Not));
        }
        break;
      case SWAP:
        if (in.oparg == 1) {
          in.opcode = NOP;
          break;
        }
        swaptimize(ins, &i);
        apply_static_swaps(ins, static_cast<long>(i));
        break;
      case STORE_FAST:
        // `x = x = v`: the first of two stores to one local on one line is a POP_TOP.
        if (nx && nx->opcode == STORE_FAST && nx->oparg == in.oparg && nx->loc.lineno == in.loc.lineno) {
          in.opcode = POP_TOP;
          in.oparg = 0;
        }
        break;
      case COPY:
        if (in.oparg == 1 && nx && nx->opcode == POP_TOP) {
          in.opcode = NOP;
          nx->opcode = NOP;
        }
        break;
      default:
        break;
    }
  }
  jump_thread(b);
  return ok();
}

Status Cfg::optimize_blocks() {
  for (int b = entry_; b >= 0; b = blocks_[b].next) TRY(optimize_block(b));
  return ok();
}

// A NOP survives only if it is the one instruction carrying its line (a line event).
void Cfg::remove_redundant_nops() {
  for (int b = entry_; b >= 0; b = blocks_[b].next) {
    std::vector<CInstr>& ins = blocks_[b].instrs;
    std::vector<CInstr> kept;
    kept.reserve(ins.size());
    int prev_line = -1;
    for (size_t i = 0; i < ins.size(); ++i) {
      CInstr& in = ins[i];
      if (in.opcode == NOP) {
        int line = in.loc.lineno;
        if (line < 0 || line == prev_line) continue;
        if (i + 1 < ins.size()) {
          CInstr& nx = ins[i + 1];
          if (!nx.loc.has_line()) {
            nx.loc = in.loc;
            continue;
          }
          if (nx.loc.lineno == line) continue;
        } else {
          int nb = next_nonempty(blocks_[b].next);
          if (has_fallthrough(b) && nb >= 0 && blocks_[nb].instrs[0].loc.lineno == line) continue;
        }
      }
      prev_line = in.loc.lineno;
      kept.push_back(in);
    }
    ins = std::move(kept);
  }
}

void Cfg::remove_redundant_jumps() {
  for (int b = entry_; b >= 0; b = blocks_[b].next) {
    CInstr* l = last(b);
    if (!l || !is_unconditional_jump(l->opcode)) continue;
    if (next_nonempty(l->target) == next_nonempty(blocks_[b].next)) {
      l->opcode = NOP;
      l->target = -1;
    }
  }
}

Status Cfg::remove_unused_consts() {
  std::vector<bool> used(consts_.size(), false);
  if (!used.empty()) used[0] = true;  // may be the docstring: CPython always keeps index 0
  for (int b = entry_; b >= 0; b = blocks_[b].next)
    for (const CInstr& i : blocks_[b].instrs)
      if (i.opcode == LOAD_CONST) used[i.oparg] = true;
  std::vector<int> remap = consts_.compact(used);
  for (int b = entry_; b >= 0; b = blocks_[b].next)
    for (CInstr& i : blocks_[b].instrs)
      if (i.opcode == LOAD_CONST) i.oparg = remap[i.oparg];
  return ok();
}

// LOAD_FAST of a local that may be unbound on some path becomes LOAD_FAST_CHECK.
void Cfg::add_checks_for_uninitialized() {
  if (!unit_.optimize_locals) return;
  int n = unit_.nlocals;
  if (n == 0) return;
  // maybe_unbound[b][k]: local k may be unbound on entry to block b.
  std::vector<std::vector<char>> in_state(blocks_.size());
  std::vector<int> todo;
  std::vector<char> start(n, 1);
  for (int k = 0; k < std::min(n, unit_.nparams); ++k) start[k] = 0;
  in_state[entry_] = start;
  todo.push_back(entry_);
  auto merge = [&](int target, const std::vector<char>& st) {
    std::vector<char>& dst = in_state[target];
    if (dst.empty()) {
      dst = st;
      todo.push_back(target);
      return;
    }
    bool changed = false;
    for (int k = 0; k < n; ++k)
      if (st[k] && !dst[k]) dst[k] = 1, changed = true;
    if (changed) todo.push_back(target);
  };
  while (!todo.empty()) {
    int b = todo.back();
    todo.pop_back();
    std::vector<char> st = in_state[b];
    for (const CInstr& i : blocks_[b].instrs) {
      if (i.except >= 0) merge(i.except, st);
      switch (i.opcode) {
        case DELETE_FAST:
        case LOAD_FAST_AND_CLEAR:
          if (i.oparg < n) st[i.oparg] = 1;
          break;
        case STORE_FAST:
        case STORE_FAST_MAYBE_NULL:
        case LOAD_FAST_CHECK:
          if (i.oparg < n) st[i.oparg] = 0;
          break;
        default:
          break;
      }
      if (i.target >= 0) merge(i.target, st);
    }
    if (has_fallthrough(b) && blocks_[b].next >= 0) merge(blocks_[b].next, st);
  }
  for (int b = entry_; b >= 0; b = blocks_[b].next) {
    if (in_state[b].empty()) continue;
    std::vector<char> st = in_state[b];
    for (CInstr& i : blocks_[b].instrs) {
      switch (i.opcode) {
        case LOAD_FAST:
          if (i.oparg < n && st[i.oparg]) {
            i.opcode = LOAD_FAST_CHECK;
            st[i.oparg] = 0;
          }
          break;
        case DELETE_FAST:
        case LOAD_FAST_AND_CLEAR:
          if (i.oparg < n) st[i.oparg] = 1;
          break;
        case STORE_FAST:
        case STORE_FAST_MAYBE_NULL:
        case LOAD_FAST_CHECK:
          if (i.oparg < n) st[i.oparg] = 0;
          break;
        default:
          break;
      }
    }
  }
}

void Cfg::insert_superinstructions() {
  for (int b = entry_; b >= 0; b = blocks_[b].next) {
    std::vector<CInstr>& ins = blocks_[b].instrs;
    for (size_t i = 0; i + 1 < ins.size(); ++i) {
      CInstr& a = ins[i];
      CInstr& c = ins[i + 1];
      int super = -1;
      if (a.opcode == LOAD_FAST && c.opcode == LOAD_FAST) super = LOAD_FAST_LOAD_FAST;
      else if (a.opcode == STORE_FAST && c.opcode == LOAD_FAST) super = STORE_FAST_LOAD_FAST;
      else if (a.opcode == STORE_FAST && c.opcode == STORE_FAST) super = STORE_FAST_STORE_FAST;
      if (super < 0 || a.oparg >= 16 || c.oparg >= 16) continue;
      if (a.loc.has_line() && c.loc.has_line() && a.loc.lineno != c.loc.lineno) continue;
      a.opcode = super;
      a.oparg = pack_two_locals(a.oparg, c.oparg);
      c.opcode = NOP;
      c.oparg = 0;
    }
  }
  remove_redundant_nops();
}

// Blocks reachable from the entry only through exception edges (handlers) move to the end.
void Cfg::push_cold_blocks_to_end() {
  for (Block& b : blocks_) b.cold = true, b.visited = false;
  std::vector<int> todo{entry_};
  blocks_[entry_].visited = true;
  while (!todo.empty()) {
    int b = todo.back();
    todo.pop_back();
    blocks_[b].cold = false;
    auto go = [&](int t) {
      if (t >= 0 && !blocks_[t].visited && !blocks_[t].except_handler) {
        blocks_[t].visited = true;
        todo.push_back(t);
      }
    };
    for (const CInstr& i : blocks_[b].instrs)
      if (i.target >= 0 && !is_block_push(i.opcode)) go(i.target);
    if (has_fallthrough(b)) go(blocks_[b].next);
  }
  for (Block& b : blocks_) b.visited = false;
  // Reordering breaks fall-through edges between warm and cold blocks, so each such edge becomes
  // an explicit jump in a new block of the same temperature as its source: a warm block falling
  // into a cold one, and a cold block falling into a warm one (e.g. yield from's CLEANUP_THROW
  // handler, which continues at END_SEND), as CPython's push_cold_blocks_to_end does.
  for (int b = entry_; b >= 0; b = blocks_[b].next) {
    int nxt = blocks_[b].next;
    if (nxt < 0 || blocks_[b].cold == blocks_[nxt].cold || !has_fallthrough(b) ||
        blocks_[b].instrs.empty())
      continue;
    int jb = new_block();
    blocks_[jb].instrs.push_back({JUMP_NO_INTERRUPT, 0, kNoLocation, nxt, -1});
    blocks_[jb].cold = blocks_[b].cold;
    blocks_[jb].next = nxt;
    blocks_[b].next = jb;
    b = jb;  // the new block's successor is `nxt`, checked next
  }
  std::vector<int> warm, cold;
  for (int b = entry_; b >= 0; b = blocks_[b].next) (blocks_[b].cold ? cold : warm).push_back(b);
  std::vector<int> order = warm;
  order.insert(order.end(), cold.begin(), cold.end());
  for (size_t k = 0; k < order.size(); ++k)
    blocks_[order[k]].next = k + 1 < order.size() ? order[k + 1] : -1;
}

Status Cfg::compute_stackdepth(int* max_depth) {
  for (Block& b : blocks_) b.startdepth = -1;
  std::vector<int> todo;
  int maxd = 0;
  auto reach = [&](int t, int depth) -> bool {
    if (blocks_[t].startdepth < 0) {
      blocks_[t].startdepth = depth;
      todo.push_back(t);
    } else if (blocks_[t].startdepth != depth) {
      return false;
    }
    return true;
  };
  reach(entry_, 0);
  while (!todo.empty()) {
    int b = todo.back();
    todo.pop_back();
    int depth = blocks_[b].startdepth;
    bool falls = true;
    for (const CInstr& i : blocks_[b].instrs) {
      int effect = stack_effect(i.opcode, i.oparg, false);
      if (is_control_edge(i)) {
        int jdepth = depth + stack_effect(i.opcode, i.oparg, true);
        maxd = std::max(maxd, jdepth);
        if (!reach(i.target, jdepth)) return raise(exc::SystemError, "compiler: inconsistent stack depth");
      }
      depth += effect;
      if (depth < 0) return raise(exc::SystemError, "compiler: stack underflow");
      maxd = std::max(maxd, depth);
      if (ends_flow(i.opcode)) {
        falls = false;
        break;
      }
    }
    if (falls && blocks_[b].next >= 0 && !reach(blocks_[b].next, depth))
      return raise(exc::SystemError, "compiler: inconsistent stack depth");
  }
  *max_depth = maxd;
  return ok();
}

void Cfg::insert_prologue() {
  // CPython's order: COPY_FREE_VARS, the MAKE_CELLs, then the generator prefix.
  std::vector<CInstr> pre;
  if (unit_.nfree > 0) pre.push_back({COPY_FREE_VARS, unit_.nfree, kNoLocation});
  for (int slot : unit_.cell_slots) pre.push_back({MAKE_CELL, slot, kNoLocation});
  if (unit_.generator_like) {
    SrcLoc loc{unit_.firstlineno, unit_.firstlineno, -1, -1};
    pre.push_back({RETURN_GENERATOR, 0, loc});
    pre.push_back({POP_TOP, 0, loc});
  }
  std::vector<CInstr>& ins = blocks_[entry_].instrs;
  ins.insert(ins.begin(), pre.begin(), pre.end());
}

void Cfg::convert_pseudo_ops() {
  for (int b = entry_; b >= 0; b = blocks_[b].next) {
    for (CInstr& i : blocks_[b].instrs) {
      switch (i.opcode) {
        case SETUP_FINALLY:
        case SETUP_CLEANUP:
        case SETUP_WITH:
        case POP_BLOCK:
        case ANNOTATIONS_PLACEHOLDER:
          i.opcode = NOP;
          i.target = -1;
          break;
        case LOAD_CLOSURE:
          i.opcode = LOAD_FAST;
          break;
        case STORE_FAST_MAYBE_NULL:
          i.opcode = STORE_FAST;
          break;
        default:
          break;
      }
    }
  }
  // SETUP_* NOPs carry no line of their own.
  for (int b = entry_; b >= 0; b = blocks_[b].next) {
    std::vector<CInstr>& ins = blocks_[b].instrs;
    ins.erase(std::remove_if(ins.begin(), ins.end(),
                             [](const CInstr& i) { return i.opcode == NOP && !i.loc.has_line(); }),
              ins.end());
  }
}

// Gives every jump its direction (JUMP_FORWARD / JUMP_BACKWARD), turns backward conditional
// jumps into a forward jump around a JUMP_BACKWARD, and adds NOT_TAKEN on the fall-through
// path of every conditional jump (3.14's branch monitoring).
void Cfg::normalize_jumps() {
  std::vector<int> position(blocks_.size(), -1);
  int pos = 0;
  for (int b = entry_; b >= 0; b = blocks_[b].next) position[b] = pos++;
  for (int b = entry_; b >= 0; b = blocks_[b].next) {
    CInstr* l = last(b);
    if (!l || l->target < 0) continue;
    bool backward = position[l->target] <= position[b];
    switch (l->opcode) {
      case JUMP:
        l->opcode = backward ? JUMP_BACKWARD : JUMP_FORWARD;
        break;
      case JUMP_NO_INTERRUPT:
        l->opcode = backward ? JUMP_BACKWARD_NO_INTERRUPT : JUMP_FORWARD;
        break;
      case POP_JUMP_IF_FALSE:
      case POP_JUMP_IF_TRUE:
      case POP_JUMP_IF_NONE:
      case POP_JUMP_IF_NOT_NONE: {
        if (backward) {
          int reversed = l->opcode == POP_JUMP_IF_FALSE  ? POP_JUMP_IF_TRUE
                         : l->opcode == POP_JUMP_IF_TRUE ? POP_JUMP_IF_FALSE
                         : l->opcode == POP_JUMP_IF_NONE ? POP_JUMP_IF_NOT_NONE
                                                         : POP_JUMP_IF_NONE;
          int back_target = l->target;
          SrcLoc loc = l->loc;
          // CPython builds this block after exception labelling, so its two instructions
          // have no handler (a gap in co_exceptiontable).
          int jb = new_block();
          position.push_back(-1);
          blocks_[jb].instrs.push_back({NOT_TAKEN, 0, loc, -1, -1});
          blocks_[jb].instrs.push_back({JUMP_BACKWARD, 0, loc, back_target, -1});
          blocks_[jb].next = blocks_[b].next;
          CInstr* lj = last(b);
          lj->opcode = reversed;
          lj->target = blocks_[b].next;
          blocks_[b].next = jb;
          b = jb;  // skip the block just made
        } else {
          int nb = new_block();
          position.push_back(-1);
          blocks_[nb].instrs.push_back({NOT_TAKEN, 0, l->loc, -1, l->except});
          blocks_[nb].next = blocks_[b].next;
          blocks_[b].next = nb;
          b = nb;
        }
        break;
      }
      default:
        break;
    }
  }
}

// LOAD_FAST whose value is certainly consumed within the block while the local still holds
// it (not overwritten, deleted, stored elsewhere or left on the stack at the block's end)
// becomes LOAD_FAST_BORROW: the VM may push it without a new reference (CPython 3.14's
// optimize_load_fast).
void Cfg::optimize_load_fast() {
  constexpr int kNotLocal = -1;
  constexpr uint8_t kSupportKilled = 1, kStoredAsLocal = 2, kRefUnconsumed = 4;
  struct StackRef {
    int instr;  // index in the block of the loading instruction, or -1
    int local;
  };
  // As CPython, only blocks reached by ordinary control flow (jumps and fall-through, not
  // exception edges) are optimised: exception handlers keep their strong LOAD_FASTs.
  std::vector<char> reached(blocks_.size(), 0);
  std::vector<int> todo{entry_};
  reached[entry_] = 1;
  while (!todo.empty()) {
    int b = todo.back();
    todo.pop_back();
    auto reach = [&](int t) {
      if (t >= 0 && !reached[t]) {
        reached[t] = 1;
        todo.push_back(t);
      }
    };
    for (const CInstr& i : blocks_[b].instrs) reach(i.target);
    if (has_fallthrough(b)) reach(blocks_[b].next);
  }
  for (int b = entry_; b >= 0; b = blocks_[b].next) {
    if (!reached[b]) continue;
    std::vector<CInstr>& ins = blocks_[b].instrs;
    std::vector<uint8_t> flags(ins.size(), 0);
    std::vector<StackRef> stack;
    int startdepth = blocks_[b].startdepth < 0 ? 0 : blocks_[b].startdepth;
    for (int k = 0; k < startdepth; ++k) stack.push_back({-1, kNotLocal});
    auto kill_local = [&](int local) {
      for (const StackRef& r : stack)
        if (r.local == local && r.instr >= 0) flags[r.instr] |= kSupportKilled;
    };
    auto store_local = [&](const StackRef& r) {
      if (r.instr >= 0) flags[r.instr] |= kStoredAsLocal;
    };
    auto pop = [&]() {
      StackRef r = stack.empty() ? StackRef{-1, kNotLocal} : stack.back();
      if (!stack.empty()) stack.pop_back();
      return r;
    };
    for (size_t k = 0; k < ins.size(); ++k) {
      CInstr& i = ins[k];
      int idx = static_cast<int>(k);
      switch (i.opcode) {
        case DELETE_FAST:
          kill_local(i.oparg);
          break;
        case LOAD_FAST:
          stack.push_back({idx, i.oparg});
          break;
        case LOAD_FAST_AND_CLEAR:
          kill_local(i.oparg);
          stack.push_back({idx, i.oparg});
          break;
        case LOAD_FAST_LOAD_FAST:
          stack.push_back({idx, i.oparg >> 4});
          stack.push_back({idx, i.oparg & 15});
          break;
        case STORE_FAST: {
          StackRef r = pop();
          store_local(r);
          kill_local(i.oparg);
          break;
        }
        case STORE_FAST_LOAD_FAST: {
          StackRef r = pop();
          store_local(r);
          kill_local(i.oparg >> 4);
          stack.push_back({idx, i.oparg & 15});
          break;
        }
        case STORE_FAST_STORE_FAST: {
          StackRef r1 = pop();
          store_local(r1);
          kill_local(i.oparg >> 4);
          StackRef r2 = pop();
          store_local(r2);
          kill_local(i.oparg & 15);
          break;
        }
        case COPY: {
          int depth = static_cast<int>(stack.size()) - i.oparg;
          StackRef r = depth >= 0 ? stack[depth] : StackRef{-1, kNotLocal};
          stack.push_back(r);
          break;
        }
        case SWAP: {
          int n = static_cast<int>(stack.size());
          if (i.oparg >= 2 && i.oparg <= n) std::swap(stack[n - 1], stack[n - i.oparg]);
          break;
        }
        // Instructions that leave their inputs on the stack beneath new values.
        case FORMAT_SIMPLE:
        case GET_ANEXT:
        case GET_LEN:
        case GET_YIELD_FROM_ITER:
        case IMPORT_FROM:
        case MATCH_KEYS:
        case MATCH_MAPPING:
        case MATCH_SEQUENCE:
        case WITH_EXCEPT_START: {
          int pops = stack_pops(i.opcode, i.oparg);
          int pushes = stack_pushes(i.opcode, i.oparg);
          int net = pushes - pops;
          if (i.opcode == FORMAT_SIMPLE || i.opcode == GET_YIELD_FROM_ITER) {
            // Replaces its input with a new object, which may be the input itself: the
            // input's reference lives on in the result.
            StackRef r = pop();
            stack.push_back(r);
            break;
          }
          for (int n = 0; n < net; ++n) stack.push_back({-1, kNotLocal});
          break;
        }
        case LOAD_ATTR:
        case LOAD_SPECIAL:
        case LOAD_SUPER_ATTR:
        case SEND:
        case END_SEND:
        case SET_FUNCTION_ATTRIBUTE:
        default: {
          int pops = stack_pops(i.opcode, i.oparg);
          int pushes = stack_pushes(i.opcode, i.oparg);
          if (i.opcode == END_SEND || i.opcode == SET_FUNCTION_ATTRIBUTE) {
            // The top value survives in place of the one beneath it.
            StackRef top = pop();
            pop();
            stack.push_back(top);
            break;
          }
          if (i.opcode == LOAD_ATTR && (i.oparg & 1) == 0) {
            // A plain attribute load consumes its owner.
            pop();
            stack.push_back({-1, kNotLocal});
            break;
          }
          for (int n = 0; n < pops; ++n) pop();
          for (int n = 0; n < pushes; ++n) stack.push_back({-1, kNotLocal});
          break;
        }
      }
    }
    // Whatever is left for the successors must be a strong reference.
    for (const StackRef& r : stack)
      if (r.instr >= 0) flags[r.instr] |= kRefUnconsumed;
    for (size_t k = 0; k < ins.size(); ++k) {
      if (flags[k]) continue;
      if (ins[k].opcode == LOAD_FAST) ins[k].opcode = LOAD_FAST_BORROW;
      else if (ins[k].opcode == LOAD_FAST_LOAD_FAST) ins[k].opcode = LOAD_FAST_BORROW_LOAD_FAST_BORROW;
    }
  }
}

void Cfg::flatten(FinalCode* out) {
  std::vector<int> first_index(blocks_.size(), -1);
  int n = 0;
  for (int b = entry_; b >= 0; b = blocks_[b].next) {
    first_index[b] = n;
    n += static_cast<int>(blocks_[b].instrs.size());
  }
  // Empty blocks resolve to the next instruction in layout.
  int following = n;
  std::vector<int> order;
  for (int b = entry_; b >= 0; b = blocks_[b].next) order.push_back(b);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (blocks_[*it].instrs.empty()) first_index[*it] = following;
    else following = first_index[*it];
  }
  out->instrs.clear();
  for (int b : order) {
    for (const CInstr& i : blocks_[b].instrs) {
      FinalInstr f{i.opcode, i.oparg, i.loc};
      if (i.target >= 0) f.target = first_index[i.target];
      if (i.except >= 0) {
        const Block& h = blocks_[i.except];
        f.handler = first_index[i.except];
        f.handler_lasti = h.preserve_lasti;
        f.handler_depth = h.startdepth - 1 - (h.preserve_lasti ? 1 : 0);
      }
      out->instrs.push_back(f);
    }
  }
}

Status Cfg::run(InstrSequence& seq, FinalCode* out) {
  build(seq);
  mark_except_handlers();
  TRY(label_exception_targets());
  inline_small_exit_blocks();
  remove_unreachable();
  propagate_line_numbers();
  TRY(optimize_blocks());
  remove_redundant_nops();
  remove_unreachable();
  remove_redundant_jumps();
  remove_redundant_nops();
  TRY(remove_unused_consts());
  add_checks_for_uninitialized();
  insert_superinstructions();
  push_cold_blocks_to_end();
  propagate_line_numbers();
  int max_depth = 0;
  TRY(compute_stackdepth(&max_depth));
  insert_prologue();
  convert_pseudo_ops();
  remove_redundant_jumps();
  normalize_jumps();
  if (unit_.optimize_locals || true) optimize_load_fast();
  remove_redundant_nops();
  flatten(out);
  out->max_stackdepth = max_depth;
  return ok();
}

}  // namespace

Status optimize_and_layout(InstrSequence& seq, ConstTable& consts, const UnitLayout& unit,
                           FinalCode* out) {
  Cfg cfg(consts, unit);
  return cfg.run(seq, out);
}

}  // namespace weft::compiler
