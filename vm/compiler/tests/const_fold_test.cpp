// vm/compiler/tests/const_fold_test.cpp — compile-time evaluation of operators on constants:
// the values, the CPython 3.14 size limits that stop folding, and "raises at run time" cases.
#include "vm/compiler/const_fold.h"

#include <gtest/gtest.h>

#include <string>

#include "objects/abstract.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/testing.h"

namespace weft::compiler {
namespace {

using weft::testing::RuntimeTest;

Ref<Object> num(int64_t v) { return MUST(int_from_i64(v)); }

// repr() of the folded value, or "not folded".
std::string fold(Object* left, BinaryOp op, Object* right) {
  Ref<Object> out;
  bool folded = MUST(fold_binary_constant(left, static_cast<int>(op), right, &out));
  if (!folded) return "not folded";
  return str_to_std_string(MUST(object_repr(out.get())).get());
}

TEST_F(RuntimeTest, FoldsArithmeticAndSubscripts) {
  EXPECT_EQ(fold(num(2).get(), BinaryOp::Power, num(10).get()), "1024");
  EXPECT_EQ(fold(num(7).get(), BinaryOp::Remainder, num(3).get()), "1");
  Ref<Object> abc = MUST(str_from_utf8("abc"));
  EXPECT_EQ(fold(abc.get(), BinaryOp::Subscr, num(1).get()), "'b'");
  EXPECT_EQ(fold(abc.get(), BinaryOp::Multiply, num(2).get()), "'abcabc'");
}

TEST_F(RuntimeTest, LimitsStopFolding) {
  // Ints: at most 128 bits through *, ** and <<.
  EXPECT_EQ(fold(num(2).get(), BinaryOp::Power, num(64).get()), "18446744073709551616");
  EXPECT_EQ(fold(num(2).get(), BinaryOp::Power, num(128).get()), "not folded");
  EXPECT_EQ(fold(num(1).get(), BinaryOp::Lshift, num(127).get()), "170141183460469231731687303715884105728");
  EXPECT_EQ(fold(num(1).get(), BinaryOp::Lshift, num(128).get()), "not folded");
  // Strings: at most 4096 characters by repetition; never str % x.
  Ref<Object> x = MUST(str_from_utf8("x"));
  EXPECT_NE(fold(x.get(), BinaryOp::Multiply, num(4096).get()), "not folded");
  EXPECT_EQ(fold(x.get(), BinaryOp::Multiply, num(4097).get()), "not folded");
  EXPECT_EQ(fold(x.get(), BinaryOp::Remainder, num(1).get()), "not folded");
  // Tuples: 256 items.
  Ref<Object> pair = MUST(tuple_pack({num(1).get(), num(2).get()}));
  EXPECT_NE(fold(pair.get(), BinaryOp::Multiply, num(128).get()), "not folded");
  EXPECT_EQ(fold(pair.get(), BinaryOp::Multiply, num(129).get()), "not folded");
  // In-place forms and @ are never folded.
  EXPECT_EQ(fold(num(1).get(), BinaryOp::InplaceAdd, num(2).get()), "not folded");
}

TEST_F(RuntimeTest, ErrorsAreLeftForRunTime) {
  EXPECT_EQ(fold(num(1).get(), BinaryOp::TrueDivide, num(0).get()), "not folded");
  Ref<Object> abc = MUST(str_from_utf8("abc"));
  EXPECT_EQ(fold(abc.get(), BinaryOp::Subscr, num(5).get()), "not folded");
  EXPECT_FALSE(error_occurred());
}

TEST_F(RuntimeTest, FoldsUnaryOperators) {
  Ref<Object> out;
  ASSERT_TRUE(MUST(fold_unary_constant(num(5).get(), FoldUnary::Negative, &out)));
  EXPECT_EQ(str_to_std_string(MUST(object_repr(out.get())).get()), "-5");
  ASSERT_TRUE(MUST(fold_unary_constant(num(5).get(), FoldUnary::Invert, &out)));
  EXPECT_EQ(str_to_std_string(MUST(object_repr(out.get())).get()), "-6");
  ASSERT_TRUE(MUST(fold_unary_constant(num(0).get(), FoldUnary::Not, &out)));
  EXPECT_EQ(out.get(), py_true());
  // ~True warns at run time (DeprecationWarning), so it is not folded.
  EXPECT_FALSE(MUST(fold_unary_constant(py_true(), FoldUnary::Invert, &out)));
  Ref<Object> s = MUST(str_from_utf8("a"));
  EXPECT_FALSE(MUST(fold_unary_constant(s.get(), FoldUnary::Positive, &out)));
  EXPECT_FALSE(error_occurred());
}

}  // namespace
}  // namespace weft::compiler
