// objects/tests/int_test.cpp — int and bool: arithmetic on both representations, parsing,
// str()/repr(), hashing, format() and the number-protocol dispatch (abstract_number.cpp).
// Expected values come from CPython 3.14 (../shared/tools/cpython314; 64-bit hashes from 3.13).
#include <string>

#include "objects/abstract.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/testing.h"

namespace weft {
namespace {

using testing::RuntimeTest;

Ref<Object> I(int64_t v) { return MUST(int_from_i64(v)); }
Ref<Object> P(const char* text) { return MUST(int_from_string(text, 10)); }
Ref<Object> S(const char* utf8) { return MUST(str_from_utf8(utf8)); }
std::string Repr(Object* o) { return str_to_std_string(MUST(object_repr(o)).get()); }
std::string Op(Object* a, Object* b, BinaryOp op) { return Repr(MUST(binary_op(a, b, op)).get()); }
// The message of the pending exception (which must be of type `type`), cleared afterwards.
std::string ErrorText(Type* type) {
  EXPECT_TRUE(error_matches(type));
  Ref<Object> e = take_exception();
  return str_to_std_string(MUST(object_str(e.get())).get());
}
std::string Fmt(Object* o, const char* spec) {
  Result<Ref<Object>> r = object_format(o, S(spec).get());
  if (!r) {
    Ref<Object> e = take_exception();
    return "!" + std::string(type_name_of(e.get())) + ": " +
           str_to_std_string(MUST(object_str(e.get())).get());
  }
  return str_to_std_string(r.value().get());
}

TEST_F(RuntimeTest, SmallIntsAreCachedAndImmortal) {
  EXPECT_EQ(I(7).get(), I(7).get());
  EXPECT_EQ(I(-5).get(), I(-5).get());
  EXPECT_EQ(I(1024).get(), I(1024).get());
  EXPECT_NE(I(1025).get(), I(1025).get());
  EXPECT_TRUE(is_immortal(I(100).get()));
}

TEST_F(RuntimeTest, ArithmeticCrossesIntoBigInts) {
  Ref<Object> max = I(INT64_MAX);
  EXPECT_EQ(Op(max.get(), I(1).get(), BinaryOp::Add), "9223372036854775808");
  EXPECT_EQ(Op(I(INT64_MIN).get(), I(-1).get(), BinaryOp::FloorDivide), "9223372036854775808");
  EXPECT_EQ(Op(max.get(), max.get(), BinaryOp::Multiply), "85070591730234615847396907784232501249");
  Ref<Object> big = P("123456789012345678901234567890");
  EXPECT_EQ(Op(big.get(), big.get(), BinaryOp::Subtract), "0");
  EXPECT_TRUE(int_is_small(MUST(binary_op(big.get(), big.get(), BinaryOp::Subtract)).get()));
  EXPECT_EQ(Op(I(2).get(), I(100).get(), BinaryOp::Power), "1267650600228229401496703205376");
  EXPECT_EQ(Op(I(1).get(), I(70).get(), BinaryOp::Lshift), "1180591620717411303424");
  EXPECT_EQ(Op(P("-1180591620717411303424").get(), I(69).get(), BinaryOp::Rshift), "-2");
  EXPECT_EQ(Op(I(-1).get(), P("100000000000000000000000").get(), BinaryOp::Rshift), "-1");
}

TEST_F(RuntimeTest, FloorDivisionAndModuloFollowPython) {
  EXPECT_EQ(Op(I(3).get(), I(-2).get(), BinaryOp::FloorDivide), "-2");
  EXPECT_EQ(Op(I(-7).get(), I(3).get(), BinaryOp::Remainder), "2");
  EXPECT_EQ(Op(I(7).get(), I(-3).get(), BinaryOp::Remainder), "-2");
  EXPECT_EQ(Repr(MUST(number_divmod(I(-7).get(), I(2).get())).get()), "(-4, 1)");
  EXPECT_EQ(Repr(MUST(number_divmod(P("-100000000000000000000").get(), I(7).get())).get()),
            "(-14285714285714285715, 5)");
  EXPECT_TRUE(binary_op(I(5).get(), I(0).get(), BinaryOp::Remainder).is_error());
  EXPECT_EQ(ErrorText(exc::ZeroDivisionError), "division by zero");
}

TEST_F(RuntimeTest, TrueDivisionIsCorrectlyRounded) {
  EXPECT_EQ(Op(I(1).get(), I(3).get(), BinaryOp::TrueDivide), "0.3333333333333333");
  EXPECT_EQ(Op(P(("1" + std::string(400, '0')).c_str()).get(),
               P(("1" + std::string(399, '0')).c_str()).get(), BinaryOp::TrueDivide), "10.0");
  EXPECT_EQ(Op(I(1).get(), P(("1" + std::string(400, '0')).c_str()).get(), BinaryOp::TrueDivide), "0.0");
  EXPECT_EQ(Op(P("9007199254740993").get(), I(1).get(), BinaryOp::TrueDivide), "9007199254740992.0");
  EXPECT_EQ(Op(P("9007199254740995").get(), I(1).get(), BinaryOp::TrueDivide), "9007199254740996.0");
  EXPECT_TRUE(binary_op(P(("1" + std::string(400, '0')).c_str()).get(), I(1).get(),
                        BinaryOp::TrueDivide).is_error());
  EXPECT_EQ(ErrorText(exc::OverflowError), "integer division result too large for a float");
}

TEST_F(RuntimeTest, PowerRules) {
  EXPECT_EQ(Repr(MUST(number_power(I(10).get(), I(-2).get(), nullptr)).get()), "0.01");
  EXPECT_EQ(Repr(MUST(number_power(I(2).get(), I(-1).get(), I(5).get())).get()), "3");
  EXPECT_EQ(Repr(MUST(number_power(I(3).get(), I(4).get(), I(-5).get())).get()), "-4");
  EXPECT_TRUE(number_power(I(2).get(), I(-1).get(), I(4).get()).is_error());
  EXPECT_EQ(ErrorText(exc::ValueError), "base is not invertible for the given modulus");
  EXPECT_TRUE(number_power(I(2).get(), I(3).get(), I(0).get()).is_error());
  EXPECT_EQ(ErrorText(exc::ValueError), "pow() 3rd argument cannot be 0");
  EXPECT_TRUE(number_power(I(0).get(), I(-1).get(), nullptr).is_error());
  EXPECT_EQ(ErrorText(exc::ZeroDivisionError), "zero to a negative power");
  EXPECT_TRUE(number_power(I(1).get(), I(2).get(), S("a").get()).is_error());
  EXPECT_EQ(ErrorText(exc::TypeError),
            "unsupported operand type(s) for ** or pow(): 'int', 'int', 'str'");
  EXPECT_EQ(Repr(MUST(number_power(I(-1).get(), P("100000000000000000001").get(), nullptr)).get()), "-1");
}

TEST_F(RuntimeTest, BitwiseUsesTwosComplement) {
  EXPECT_EQ(Op(I(-12).get(), I(10).get(), BinaryOp::And), "0");
  EXPECT_EQ(Op(P("-36893488147419103232").get(), P("36893488147419103231").get(), BinaryOp::Xor), "-1");
  EXPECT_EQ(Repr(MUST(number_invert(I(5).get())).get()), "-6");
  EXPECT_TRUE(binary_op(I(1).get(), I(-1).get(), BinaryOp::Lshift).is_error());
  EXPECT_EQ(ErrorText(exc::ValueError), "negative shift count");
}

TEST_F(RuntimeTest, ParsingFollowsLiteralRules) {
  EXPECT_EQ(Repr(MUST(int_from_string("1_000", 10)).get()), "1000");
  EXPECT_EQ(Repr(MUST(int_from_string("0x_1f", 0)).get()), "31");
  EXPECT_EQ(Repr(MUST(int_from_string(" -0b101 ", 0)).get()), "-5");
  EXPECT_EQ(Repr(MUST(int_from_string("00", 0)).get()), "0");
  EXPECT_EQ(Repr(MUST(int_from_string("z", 36)).get()), "35");
  EXPECT_EQ(Repr(MUST(int_from_text_object(S("\xd9\xa1\xd9\xa2").get(), 10)).get()), "12");
  for (const char* bad : {"1__0", "_1", "1_", "", "0x", "12a"}) {
    EXPECT_TRUE(int_from_string(bad, 10).is_error()) << bad;
    EXPECT_TRUE(error_matches(exc::ValueError));
    clear_error();
  }
  EXPECT_TRUE(int_from_string("010", 0).is_error());
  EXPECT_EQ(ErrorText(exc::ValueError), "invalid literal for int() with base 0: '010'");
  EXPECT_TRUE(int_from_string(std::string(5000, '9'), 10).is_error());
  EXPECT_EQ(ErrorText(exc::ValueError),
            "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 "
            "digits; use sys.set_int_max_str_digits() to increase the limit");
}

TEST_F(RuntimeTest, StrRespectsDigitLimit) {
  Ref<Object> big = MUST(number_power(I(10).get(), I(5000).get(), nullptr));
  EXPECT_TRUE(int_to_str(big.get()).is_error());
  EXPECT_EQ(ErrorText(exc::ValueError),
            "Exceeds the limit (4300 digits) for integer string conversion; use "
            "sys.set_int_max_str_digits() to increase the limit");
  EXPECT_EQ(int_to_decimal(big.get()).size(), 5001u);
  EXPECT_EQ(Repr(MUST(int_to_base_string(I(-255).get(), 16)).get()), "'-0xff'");
}

TEST_F(RuntimeTest, HashMatchesCPython64) {
  EXPECT_EQ(int_hash(I(-1).get()), -2);
  EXPECT_EQ(int_hash(I(-2).get()), -2);
  EXPECT_EQ(int_hash(P("2305843009213693951").get()), 0);            // 2**61 - 1
  EXPECT_EQ(int_hash(P("2305843009213693952").get()), 1);            // 2**61
  EXPECT_EQ(int_hash(P("-2305843009213693952").get()), -2);          // -(2**61): -1 -> -2
  EXPECT_EQ(int_hash(P("123456789012345678901234567890").get()), 248789772095949448);
  EXPECT_EQ(float_hash(1.5), 1152921504606846977);
  EXPECT_EQ(float_hash(-0.5), -1152921504606846976);
  EXPECT_EQ(float_hash(1e100), int_hash(MUST(int_from_double(1e100)).get()));
}

TEST_F(RuntimeTest, IntFormat) {
  EXPECT_EQ(Fmt(I(1234567).get(), ","), "1,234,567");
  EXPECT_EQ(Fmt(I(1234).get(), "010,"), "00,001,234");
  EXPECT_EQ(Fmt(I(1234).get(), "09,"), "0,001,234");
  EXPECT_EQ(Fmt(I(255).get(), "#_b"), "0b1111_1111");
  EXPECT_EQ(Fmt(I(255).get(), "#010x"), "0x000000ff");
  EXPECT_EQ(Fmt(I(-255).get(), "=+10X"), "-       FF");
  EXPECT_EQ(Fmt(I(42).get(), "*^9"), "***42****");
  EXPECT_EQ(Fmt(I(65).get(), "c"), "A");
  EXPECT_EQ(Fmt(I(12).get(), "e"), "1.200000e+01");
  EXPECT_EQ(Fmt(I(12).get(), ".1%"), "1200.0%");
  EXPECT_EQ(Fmt(I(12).get(), "x<010"), "12xxxxxxxx");
  EXPECT_EQ(Fmt(I(12).get(), ".0"), "!ValueError: Precision not allowed in integer format specifier");
  EXPECT_EQ(Fmt(I(12).get(), "z"), "!ValueError: Negative zero coercion (z) not allowed in integer format specifier");
  EXPECT_EQ(Fmt(I(12).get(), "abc"), "!ValueError: Invalid format specifier 'abc' for object of type 'int'");
  EXPECT_EQ(Fmt(I(12).get(), ",x"), "!ValueError: Cannot specify ',' with 'x'.");
  EXPECT_EQ(Fmt(I(12).get(), "_c"), "!ValueError: Cannot specify '_' with 'c'.");
  EXPECT_EQ(Fmt(I(12).get(), "q"), "!ValueError: Unknown format code 'q' for object of type 'int'");
  EXPECT_EQ(Fmt(I(3).get(), "+c"), "!ValueError: Sign not allowed with integer format specifier 'c'");
  EXPECT_EQ(Fmt(py_true(), "d"), "1");
  EXPECT_EQ(Fmt(py_true(), ""), "True");
}

TEST_F(RuntimeTest, BoolOperators) {
  EXPECT_EQ(Repr(py_true()), "True");
  EXPECT_EQ(Op(py_true(), py_false(), BinaryOp::And), "False");
  EXPECT_EQ(Op(py_true(), py_false(), BinaryOp::Xor), "True");
  EXPECT_EQ(Op(py_true(), I(1).get(), BinaryOp::Or), "1");
  EXPECT_EQ(Op(py_true(), py_true(), BinaryOp::Add), "2");
  EXPECT_EQ(Repr(MUST(number_negative(py_true())).get()), "-1");
}

TEST_F(RuntimeTest, DispatchErrors) {
  EXPECT_TRUE(binary_op(I(1).get(), S("a").get(), BinaryOp::Add).is_error());
  EXPECT_EQ(ErrorText(exc::TypeError), "unsupported operand type(s) for +: 'int' and 'str'");
  EXPECT_TRUE(binary_op(I(1).get(), S("a").get(), BinaryOp::InplaceSubtract).is_error());
  EXPECT_EQ(ErrorText(exc::TypeError), "unsupported operand type(s) for -=: 'int' and 'str'");
  EXPECT_TRUE(number_negative(S("a").get()).is_error());
  EXPECT_EQ(ErrorText(exc::TypeError), "bad operand type for unary -: 'str'");
  EXPECT_EQ(Op(S("ab").get(), I(3).get(), BinaryOp::Multiply), "'ababab'");
  EXPECT_EQ(Op(I(2).get(), S("ab").get(), BinaryOp::Multiply), "'abab'");
  Ref<Object> f = MUST(float_from_double(2.0));
  EXPECT_TRUE(binary_op(S("ab").get(), f.get(), BinaryOp::Multiply).is_error());
  EXPECT_EQ(ErrorText(exc::TypeError), "can't multiply sequence by non-int of type 'float'");
  EXPECT_EQ(Op(I(1).get(), f.get(), BinaryOp::Add), "3.0");
  EXPECT_EQ(Repr(MUST(number_long(S(" 42 ").get())).get()), "42");
  EXPECT_EQ(Repr(MUST(number_long(f.get())).get()), "2");
  EXPECT_EQ(MUST(index_as_i64(I(-9).get())), -9);
  EXPECT_TRUE(number_index(f.get()).is_error());
  EXPECT_EQ(ErrorText(exc::TypeError), "'float' object cannot be interpreted as an integer");
}

TEST_F(RuntimeTest, MethodsThroughAttributes) {
  auto call = [](Object* self, const char* name, std::initializer_list<Object*> args) {
    return Repr(MUST(call_method(self, name, args.begin(), args.size())).get());
  };
  EXPECT_EQ(call(I(255).get(), "bit_length", {}), "8");
  EXPECT_EQ(call(I(-255).get(), "bit_count", {}), "8");
  EXPECT_EQ(call(I(1024).get(), "to_bytes", {I(2).get(), S("little").get()}), "b'\\x00\\x04'");
  EXPECT_EQ(call(I(0).get(), "to_bytes", {I(0).get(), S("big").get()}), "b''");
  EXPECT_TRUE(call_method(I(-1).get(), "to_bytes", nullptr, 0).is_error());
  EXPECT_EQ(ErrorText(exc::OverflowError), "can't convert negative int to unsigned");
  EXPECT_EQ(call(I(7).get(), "__round__", {I(-1).get()}), "10");
  EXPECT_EQ(call(I(25).get(), "__round__", {I(-1).get()}), "20");
  EXPECT_EQ(call(I(35).get(), "__round__", {I(-1).get()}), "40");
  EXPECT_EQ(call(I(6).get(), "as_integer_ratio", {}), "(6, 1)");
  EXPECT_EQ(Repr(MUST(get_attr(I(6).get(), "denominator")).get()), "1");
}

}  // namespace
}  // namespace weft
