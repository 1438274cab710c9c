// vm/compiler/flowgraph.h — control-flow graph optimisation and layout of one code unit.
//
// Input: codegen's InstrSequence (labels, pseudo instructions, LOAD_CONST of every constant).
// Output: the final instruction list in layout order, each jump naming the index of its target
// instruction and each instruction naming its exception handler; plus co_stacksize. The passes
// are CPython 3.14's that change visible bytecode (Python/flowgraph.c), in the same order, so
// Weft's co_code matches CPython's for ordinary code. One compilation owns the graph; no locking.
#pragma once

#include <vector>

#include "core/result.h"
#include "vm/compiler/consts.h"
#include "vm/compiler/instr.h"

namespace weft::compiler {

// What the flowgraph needs to know about the unit beyond its instructions.
struct UnitLayout {
  int nparams = 0;               // argument slots (initialised on entry; no LOAD_FAST_CHECK)
  int nlocals = 0;               // plain local slots (0..nlocals-1 are co_varnames)
  std::vector<int> cell_slots;   // localsplus index of each cell variable, for MAKE_CELL
  int nfree = 0;                 // COPY_FREE_VARS operand (0 = none)
  bool generator_like = false;   // generator, coroutine or async generator: RETURN_GENERATOR
  int firstlineno = 1;
  bool optimize_locals = true;   // function scope (LOAD_FAST_CHECK / borrow analysis apply)
};

struct FinalInstr {
  int opcode;
  int oparg;
  SrcLoc loc;
  int target = -1;         // index in the final list of the jump target, or -1
  int handler = -1;        // index of the exception handler's first instruction, or -1
  int handler_depth = 0;   // stack depth to unwind to (exception table "depth")
  bool handler_lasti = false;
};

struct FinalCode {
  std::vector<FinalInstr> instrs;
  int max_stackdepth = 0;
};

// Optimises and lays out `seq`. May add constants to (folding) and compact (dropping unused
// ones) `consts`. Fails only on memory exhaustion or an internal inconsistency (SystemError).
Status optimize_and_layout(InstrSequence& seq, ConstTable& consts, const UnitLayout& unit,
                           FinalCode* out);

}  // namespace weft::compiler
