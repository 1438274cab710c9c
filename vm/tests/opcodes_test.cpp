// vm/tests/opcodes_test.cpp — vm/opcodes.h against values read from CPython 3.14.2
// (dis.opmap, dis._inline_cache_entries, dis.stack_effect, the COMPARE_OP encoding).
#include "vm/opcodes.h"

#include <gtest/gtest.h>

#include <string_view>

namespace weft::vm {
namespace {

TEST(Opcodes, NumbersNamesAndCaches) {
  EXPECT_EQ(LOAD_CONST, 82);
  EXPECT_EQ(RESUME, 128);
  EXPECT_EQ(HAVE_ARGUMENT, 43);
  EXPECT_EQ(std::string_view(opcode_name(LOAD_FAST_BORROW)), "LOAD_FAST_BORROW");
  EXPECT_EQ(opcode_name(121), nullptr);  // unused number
  EXPECT_EQ(cache_entries(LOAD_ATTR), 9);
  EXPECT_EQ(cache_entries(LOAD_GLOBAL), 4);
  EXPECT_EQ(cache_entries(BINARY_OP), 5);
  EXPECT_EQ(cache_entries(CALL_PY_EXACT_ARGS), 3);  // inherits CALL's layout
  EXPECT_EQ(cache_entries(SETUP_FINALLY), 0);
}

TEST(Opcodes, Flags) {
  EXPECT_TRUE(opcode_has(LOAD_CONST, HAS_CONST));
  EXPECT_TRUE(opcode_has(LOAD_ATTR, HAS_NAME));
  EXPECT_TRUE(opcode_has(FOR_ITER, HAS_JUMP));
  EXPECT_TRUE(opcode_has(STORE_DEREF, HAS_FREE));
  EXPECT_FALSE(opcode_has(WITH_EXCEPT_START, HAS_ARG));
  EXPECT_TRUE(opcode_has(BINARY_OP, HAS_ARG));
  EXPECT_TRUE(opcode_has(CALL_LEN, SPECIALIZED));
  EXPECT_EQ(opcode_family(CALL_LEN), CALL);
  EXPECT_TRUE(is_pseudo(SETUP_WITH));
  EXPECT_FALSE(opcode_has(LOAD_FAST, ESCAPES));
  EXPECT_TRUE(opcode_has(CALL, ESCAPES));
}

TEST(Opcodes, StackEffectsMatchDisStackEffect) {
  EXPECT_EQ(stack_effect(CALL, 3), -4);
  EXPECT_EQ(stack_effect(CALL_KW, 0), -2);
  EXPECT_EQ(stack_effect(LOAD_ATTR, 7), 1);
  EXPECT_EQ(stack_effect(LOAD_ATTR, 6), 0);
  EXPECT_EQ(stack_effect(UNPACK_EX, 259), 4);
  EXPECT_EQ(stack_effect(BUILD_MAP, 3), -5);
  EXPECT_EQ(stack_effect(SETUP_CLEANUP, 0, true), 2);
  EXPECT_EQ(stack_effect(SETUP_CLEANUP, 0, false), 0);
  EXPECT_EQ(stack_effect(BUILD_INTERPOLATION, 1), -2);
  EXPECT_EQ(stack_pops(WITH_EXCEPT_START, 0), 5);
}

TEST(Opcodes, OpargEncodings) {
  EXPECT_EQ(compare_op_oparg(kCmpLt, true), 18);
  EXPECT_EQ(compare_op_oparg(kCmpEq, false), 72);
  EXPECT_EQ(compare_op_oparg(kCmpLe, false), 42);
  EXPECT_EQ(compare_op_oparg(kCmpNe, false), 103);
  EXPECT_EQ(load_super_attr_oparg(1, true, false), 5);
  EXPECT_EQ(load_super_attr_oparg(2, false, true), 10);
  EXPECT_EQ(NB_INPLACE_SUBTRACT, 23);
  EXPECT_EQ(NB_SUBSCR, 26);
  EXPECT_EQ(std::string_view(kIntrinsic1Names[INTRINSIC_LIST_TO_TUPLE]), "INTRINSIC_LIST_TO_TUPLE");
}

}  // namespace
}  // namespace weft::vm
