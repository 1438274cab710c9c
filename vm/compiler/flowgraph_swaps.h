// vm/compiler/flowgraph_swaps.h — the flowgraph's SWAP optimisations (CPython's swaptimize and
// apply_static_swaps), used by flowgraph.cpp's per-block peephole pass.
//
// * swaptimize: a run of SWAPs (and NOPs) is replaced by the fewest SWAPs that permute the
//   stack the same way (cycle decomposition, emitted from the end of the run).
// * apply_static_swaps: a SWAP followed by stores/POP_TOPs (`a, b = b, a` compiles to
//   `SWAP 2; STORE_FAST a; STORE_FAST b`) is removed by exchanging the two consumers instead.
//   Never across a line change (a tracer would see different bindings), and never when the
//   reordered stores touch the same local.
// Templates over the block's instruction type (fields opcode, oparg, loc); single-threaded.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "vm/opcodes.h"

namespace weft::compiler {

namespace swaps_detail {
inline bool swappable(int op) {
  return op == vm::STORE_FAST || op == vm::STORE_FAST_MAYBE_NULL || op == vm::POP_TOP;
}
template <class I>
int stores_to(const I& in) {
  return in.opcode == vm::STORE_FAST || in.opcode == vm::STORE_FAST_MAYBE_NULL ? in.oparg : -1;
}
// Index of the next swappable instruction after i (skipping NOPs), or -1; with lineno >= 0,
// -1 as well when an instruction on another line comes first.
template <class I>
long next_swappable(const std::vector<I>& ins, long i, int lineno) {
  while (++i < static_cast<long>(ins.size())) {
    const I& in = ins[i];
    if (lineno >= 0 && in.loc.lineno != lineno) return -1;
    if (in.opcode == vm::NOP) continue;
    return swappable(in.opcode) ? i : -1;
  }
  return -1;
}
}  // namespace swaps_detail

// ins[*ix] is a SWAP. Rewrites the run of SWAPs/NOPs starting there and leaves *ix on its
// last instruction.
template <class I>
void swaptimize(std::vector<I>& ins, size_t* ix) {
  size_t start = *ix;
  int depth = ins[start].oparg;
  size_t len = 0;
  bool more = false;
  size_t limit = ins.size() - start;
  while (++len < limit) {
    int op = ins[start + len].opcode;
    if (op == vm::SWAP) {
      depth = std::max(depth, ins[start + len].oparg);
      more = true;
    } else if (op != vm::NOP) {
      break;
    }
  }
  if (!more) return;  // a single SWAP is already optimal
  constexpr int kVisited = -1;
  std::vector<int> stack(static_cast<size_t>(depth));
  for (int i = 0; i < depth; ++i) stack[i] = i;
  for (size_t i = 0; i < len; ++i) {
    if (ins[start + i].opcode != vm::SWAP) continue;
    int oparg = ins[start + i].oparg;
    std::swap(stack[0], stack[oparg - 1]);
  }
  // Walk each cycle of the permutation through slot 0, writing SWAPs from the end of the run.
  long current = static_cast<long>(len) - 1;
  for (int i = 0; i < depth; ++i) {
    if (stack[i] == kVisited || stack[i] == i) continue;
    int j = i;
    while (true) {
      if (j) {
        ins[start + current].opcode = vm::SWAP;
        ins[start + current].oparg = j + 1;
        --current;
      }
      if (stack[j] == kVisited) break;
      int next_j = stack[j];
      stack[j] = kVisited;
      j = next_j;
    }
  }
  while (current >= 0) {
    ins[start + current].opcode = vm::NOP;
    ins[start + current].oparg = 0;
    --current;
  }
  *ix = start + len - 1;
}

// Removes the SWAPs at or before index i whose effect can be had by reordering the
// instructions that consume the swapped values.
template <class I>
void apply_static_swaps(std::vector<I>& ins, long i) {
  using namespace swaps_detail;
  for (; i >= 0; --i) {
    I& swap = ins[i];
    if (swap.opcode != vm::SWAP) {
      if (swap.opcode == vm::NOP || swappable(swap.opcode)) continue;
      return;
    }
    long j = next_swappable(ins, i, -1);
    if (j < 0) return;
    long k = j;
    int lineno = ins[j].loc.lineno;
    for (int count = swap.oparg - 1; count > 0; --count) {
      k = next_swappable(ins, k, lineno);
      if (k < 0) return;
    }
    int store_j = stores_to(ins[j]);
    int store_k = stores_to(ins[k]);
    if (store_j >= 0 || store_k >= 0) {
      if (store_j == store_k) return;
      for (long idx = j + 1; idx < k; ++idx) {
        int store_idx = stores_to(ins[idx]);
        if (store_idx >= 0 && (store_idx == store_j || store_idx == store_k)) return;
      }
    }
    swap.opcode = vm::NOP;
    swap.oparg = 0;
    std::swap(ins[j], ins[k]);
  }
}

}  // namespace weft::compiler
