// vm/compiler/instr.h — the instruction stream between codegen and the flowgraph.
//
// Codegen appends Instr values and labels to an InstrSequence; jumps name labels. The
// flowgraph (flowgraph.h) cuts the sequence into basic blocks, optimises, and hands a laid-out
// instruction list to the assembler (assembler.h). Opcodes are vm/opcodes.h's, pseudo
// instructions included. Plain data; one compilation (one thread) owns it.
#pragma once

#include <cstdint>
#include <vector>

#include "vm/opcodes.h"

namespace weft::compiler {

// A source range in CPython's convention: 1-based lines, 0-based UTF-8 byte columns, exclusive
// end. lineno < 0 means "no location" (CPython's NO_LOCATION); a negative column means "line
// only".
struct SrcLoc {
  int lineno = -1;
  int end_lineno = -1;
  int col = -1;
  int end_col = -1;

  bool has_line() const { return lineno >= 0; }
  bool operator==(const SrcLoc&) const = default;
};
inline constexpr SrcLoc kNoLocation{};

struct Instr {
  int opcode = vm::NOP;
  int oparg = 0;
  SrcLoc loc;
  int target = -1;  // label id of a jump / SETUP_* target (HAS_JUMP or HAS_EXC), else -1
};

// Codegen's output: instructions plus label positions. A label marks the position before the
// instruction at its index; it may be bound once.
class InstrSequence {
 public:
  int new_label() {
    label_pos_.push_back(-1);
    return static_cast<int>(label_pos_.size()) - 1;
  }
  void bind(int label) { label_pos_[label] = static_cast<int>(instrs_.size()); }
  void add(int opcode, int oparg, const SrcLoc& loc) { instrs_.push_back({opcode, oparg, loc, -1}); }
  void add_jump(int opcode, int label, const SrcLoc& loc) {
    instrs_.push_back({opcode, 0, loc, label});
  }

  // Inserts an instruction at `pos`; labels bound at or after it move with what they named.
  void insert(size_t pos, const Instr& instr) {
    instrs_.insert(instrs_.begin() + static_cast<std::ptrdiff_t>(pos), instr);
    for (int& at : label_pos_)
      if (at >= static_cast<int>(pos)) ++at;
  }

  std::vector<Instr>& instrs() { return instrs_; }
  const std::vector<Instr>& instrs() const { return instrs_; }
  int label_position(int label) const { return label_pos_[label]; }
  int label_count() const { return static_cast<int>(label_pos_.size()); }

 private:
  std::vector<Instr> instrs_;
  std::vector<int> label_pos_;
};

}  // namespace weft::compiler
