// vm/compiler/assembler.cpp — code units, location table and exception table.
//
// Instruction sizes depend on EXTENDED_ARG prefixes, which depend on jump distances, which
// depend on sizes: offsets are recomputed until they stop changing (sizes only grow, so this
// terminates). Encodings are CPython 3.14's (InternalDocs/code_objects.md,
// InternalDocs/exception_handling.md); objects/code.cpp decodes the same location format.
#include "vm/compiler/assembler.h"

#include <cstdint>

namespace weft::compiler {

using namespace weft::vm;

namespace {

// END_ASYNC_FOR's oparg counts back to its loop's END_SEND, like a backward jump.
bool jumps_backward(int opcode) { return is_backward_jump(opcode) || opcode == END_ASYNC_FOR; }

int extended_arg_count(int oparg) {
  uint32_t v = static_cast<uint32_t>(oparg);
  return v > 0xFFFFFF ? 3 : v > 0xFFFF ? 2 : v > 0xFF ? 1 : 0;
}

int instr_size(int opcode, int oparg) {
  return 1 + extended_arg_count(oparg) + cache_entries(opcode);
}

// Location-table varints: 6-bit groups, least significant first, bit 6 = more follows.
void write_varint(std::string* out, uint32_t v) {
  while (v >= 64) {
    out->push_back(static_cast<char>(64 | (v & 63)));
    v >>= 6;
  }
  out->push_back(static_cast<char>(v));
}

void write_signed_varint(std::string* out, int v) {
  uint32_t u = v < 0 ? ((static_cast<uint32_t>(-v) << 1) | 1) : (static_cast<uint32_t>(v) << 1);
  write_varint(out, u);
}

void write_first_byte(std::string* out, int code, int length) {
  out->push_back(static_cast<char>(0x80 | (code << 3) | (length - 1)));
}

enum LocationCode {
  kShort0 = 0, kOneLine0 = 10, kNoColumns = 13, kLong = 14, kNone = 15,
};

// Exception-table varints: 6-bit groups, most significant first, bit 6 = more follows; the
// first byte of an entry also has bit 7 set.
void write_except_varint(std::string* out, uint32_t v, bool entry_start) {
  int shift = 0;
  while ((v >> shift) >= 64) shift += 6;
  bool first = true;
  for (; shift >= 0; shift -= 6) {
    uint8_t byte = (v >> shift) & 63;
    if (shift > 0) byte |= 64;
    if (first && entry_start) byte |= 128;
    first = false;
    out->push_back(static_cast<char>(byte));
  }
}

}  // namespace

void write_linetable_entry(std::string* out, const SrcLoc& loc, int length, int* prev_line) {
  while (length > 8) {
    write_linetable_entry(out, loc, 8, prev_line);
    length -= 8;
  }
  if (!loc.has_line()) {
    write_first_byte(out, kNone, length);
    return;
  }
  int line_delta = loc.lineno - *prev_line;
  int col = loc.col, end_col = loc.end_col;
  if (col < 0 || end_col < 0) {
    if (loc.end_lineno == loc.lineno || loc.end_lineno < 0) {
      write_first_byte(out, kNoColumns, length);
      write_signed_varint(out, line_delta);
      *prev_line = loc.lineno;
      return;
    }
  } else if (loc.end_lineno == loc.lineno) {
    if (line_delta == 0 && col < 80 && end_col - col < 16 && end_col >= col) {
      int column_group = col >> 3;
      int column_low = col & 7;
      write_first_byte(out, kShort0 + column_group, length);
      out->push_back(static_cast<char>((column_low << 4) | (end_col - col)));
      return;
    }
    if (line_delta >= 0 && line_delta < 3 && col < 128 && end_col < 128) {
      write_first_byte(out, kOneLine0 + line_delta, length);
      out->push_back(static_cast<char>(col));
      out->push_back(static_cast<char>(end_col));
      *prev_line = loc.lineno;
      return;
    }
  }
  write_first_byte(out, kLong, length);
  write_signed_varint(out, line_delta);
  write_varint(out, static_cast<uint32_t>(loc.end_lineno - loc.lineno));
  write_varint(out, static_cast<uint32_t>(col + 1));
  write_varint(out, static_cast<uint32_t>(end_col + 1));
  *prev_line = loc.lineno;
}

void write_exception_entry(std::string* out, int start, int end, int handler, int depth,
                           bool lasti) {
  write_except_varint(out, static_cast<uint32_t>(start), true);
  write_except_varint(out, static_cast<uint32_t>(end - start), false);
  write_except_varint(out, static_cast<uint32_t>(handler), false);
  write_except_varint(out, static_cast<uint32_t>((depth << 1) | (lasti ? 1 : 0)), false);
}

AssembledCode assemble(const FinalCode& fc, int firstlineno) {
  const std::vector<FinalInstr>& ins = fc.instrs;
  size_t n = ins.size();
  std::vector<int> offset(n + 1, 0);
  std::vector<int> oparg(n);
  for (size_t i = 0; i < n; ++i) oparg[i] = ins[i].oparg;
  // Resolve jump opargs until the layout is stable.
  for (bool changed = true; changed;) {
    changed = false;
    int off = 0;
    for (size_t i = 0; i < n; ++i) {
      offset[i] = off;
      off += instr_size(ins[i].opcode, oparg[i]);
    }
    offset[n] = off;
    for (size_t i = 0; i < n; ++i) {
      if (ins[i].target < 0 || !opcode_has(ins[i].opcode, HAS_JUMP)) continue;
      int end = offset[i] + instr_size(ins[i].opcode, oparg[i]);
      int target = offset[ins[i].target];
      int arg = jumps_backward(ins[i].opcode) ? end - target : target - end;
      if (arg != oparg[i]) {
        if (extended_arg_count(arg) != extended_arg_count(oparg[i])) changed = true;
        oparg[i] = arg;
      }
    }
  }
  // A second pass in case a size change moved targets without changing any prefix count.
  for (size_t i = 0; i < n; ++i) {
    if (ins[i].target < 0 || !opcode_has(ins[i].opcode, HAS_JUMP)) continue;
    int end = offset[i] + instr_size(ins[i].opcode, oparg[i]);
    int target = offset[ins[i].target];
    oparg[i] = jumps_backward(ins[i].opcode) ? end - target : target - end;
  }

  AssembledCode out;
  int prev_line = firstlineno;
  // Consecutive instructions with the same location share one location entry.
  SrcLoc run_loc;
  int run_size = 0;
  for (size_t i = 0; i < n; ++i) {
    int op = ins[i].opcode;
    uint32_t arg = static_cast<uint32_t>(oparg[i]);
    int ext = extended_arg_count(oparg[i]);
    for (int k = ext; k > 0; --k) {
      out.code.push_back(static_cast<char>(EXTENDED_ARG));
      out.code.push_back(static_cast<char>((arg >> (8 * k)) & 0xFF));
    }
    out.code.push_back(static_cast<char>(op));
    out.code.push_back(static_cast<char>(arg & 0xFF));
    for (int k = 0; k < cache_entries(op); ++k) {
      out.code.push_back(0);
      out.code.push_back(0);
    }
    if (run_size > 0 && !(ins[i].loc == run_loc)) {
      write_linetable_entry(&out.linetable, run_loc, run_size, &prev_line);
      run_size = 0;
    }
    run_loc = ins[i].loc;
    run_size += instr_size(op, oparg[i]);
  }
  if (run_size > 0) write_linetable_entry(&out.linetable, run_loc, run_size, &prev_line);
  // Exception table: maximal runs of consecutive instructions with the same handler.
  size_t i = 0;
  while (i < n) {
    if (ins[i].handler < 0) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < n && ins[j].handler == ins[i].handler && ins[j].handler_depth == ins[i].handler_depth &&
           ins[j].handler_lasti == ins[i].handler_lasti)
      ++j;
    write_exception_entry(&out.exceptiontable, offset[i], offset[j], offset[ins[i].handler],
                          ins[i].handler_depth, ins[i].handler_lasti);
    i = j;
  }
  return out;
}

}  // namespace weft::compiler
