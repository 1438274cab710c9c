// vm/compiler/tests/assembler_test.cpp — byte-exact checks of the assembler's encodings
// against CPython 3.14.2 (expected bytes dumped from compile() under shared/tools/cpython314).
#include "vm/compiler/assembler.h"

#include <gtest/gtest.h>

#include <string>

namespace weft::compiler {
namespace {

using namespace weft::vm;

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

// def f(a, b):
//     return a + b
TEST(Assembler, SimpleFunctionMatchesCPython) {
  FinalCode fc;
  fc.instrs.push_back({RESUME, 0, {1, 1, 0, 0}});
  fc.instrs.push_back({LOAD_FAST_BORROW_LOAD_FAST_BORROW, 0x01, {2, 2, 11, 12}});
  fc.instrs.push_back({BINARY_OP, NB_ADD, {2, 2, 11, 16}});
  fc.instrs.push_back({RETURN_VALUE, 0, {2, 2, 4, 16}});
  AssembledCode out = assemble(fc, 1);
  EXPECT_EQ(hex(out.code), "800057012c00000000000000000000002300");
  EXPECT_EQ(hex(out.linetable), "8000d80b0c8d35804c");
  EXPECT_EQ(out.exceptiontable, "");
}

TEST(Assembler, ExceptionTableEntriesMatchCPython) {
  std::string table;
  write_exception_entry(&table, 2, 9, 11, 0, false);
  write_exception_entry(&table, 11, 22, 26, 1, true);
  write_exception_entry(&table, 25, 26, 26, 1, true);
  EXPECT_EQ(hex(table), "82070b008b0b1a0399011a03");
}

TEST(Assembler, LargeValuesUseSeveralVarintGroups) {
  std::string table;
  write_exception_entry(&table, 100, 200, 5000, 3, false);
  // 100 = 1*64 + 36 -> 0x80|0x40|1, 36; sizes and targets big-endian 6-bit groups.
  EXPECT_EQ(hex(table).substr(0, 4), "c124");
}

TEST(Assembler, LineTableForms) {
  int prev = 10;
  std::string t;
  write_linetable_entry(&t, kNoLocation, 1, &prev);            // no location
  write_linetable_entry(&t, {10, 10, -1, -1}, 2, &prev);       // no columns
  write_linetable_entry(&t, {300, 302, 5, 200}, 1, &prev);     // long form
  EXPECT_EQ(hex(t).substr(0, 2), "f8");  // 0x80 | 15 << 3 | 0
  EXPECT_EQ(hex(t).substr(2, 4), "e900");  // 0x80 | 13 << 3 | 1, delta 0
  EXPECT_EQ(prev, 300);
}

TEST(Assembler, ForwardAndBackwardJumpsAreRelativeToCacheEnd) {
  FinalCode fc;
  fc.instrs.push_back({NOP, 0, {1, 1, 0, 1}});                         // 0
  fc.instrs.push_back({POP_JUMP_IF_FALSE, 0, {1, 1, 0, 1}, 3});        // 1: 2 units
  fc.instrs.push_back({NOP, 0, {1, 1, 0, 1}});                         // 3
  fc.instrs.push_back({JUMP_BACKWARD, 0, {1, 1, 0, 1}, 0});            // 4: 2 units
  AssembledCode out = assemble(fc, 1);
  // POP_JUMP_IF_FALSE ends at unit 3 and targets unit 4 (oparg 1); JUMP_BACKWARD ends at
  // unit 6 and targets unit 0 (oparg 6).
  EXPECT_EQ(static_cast<unsigned char>(out.code[3]), 1);
  EXPECT_EQ(static_cast<unsigned char>(out.code[9]), 6);
}

TEST(Assembler, ExtendedArgPrefixesLargeOpargs) {
  FinalCode fc;
  fc.instrs.push_back({LOAD_CONST, 0x1234, {1, 1, 0, 1}});
  AssembledCode out = assemble(fc, 1);
  EXPECT_EQ(hex(out.code), "451252" "34");
}

}  // namespace
}  // namespace weft::compiler
