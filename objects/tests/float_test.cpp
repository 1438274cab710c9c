// objects/tests/float_test.cpp — float repr/parsing, arithmetic rules, exact int comparison,
// rounding, hex, and format() of floats. Expected values come from CPython 3.14.
#include <cmath>
#include <string>

#include "objects/abstract.h"
#include "objects/complex.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"
#include "vm/testing.h"

namespace weft {
namespace {

using testing::RuntimeTest;

Ref<Object> F(double v) { return MUST(float_from_double(v)); }
Ref<Object> S(const char* utf8) { return MUST(str_from_utf8(utf8)); }
std::string Repr(Object* o) { return str_to_std_string(MUST(object_repr(o)).get()); }
std::string Fmt(double v, const char* spec) {
  Result<Ref<Object>> r = object_format(F(v).get(), S(spec).get());
  if (!r) {
    Ref<Object> e = take_exception();
    return "!" + str_to_std_string(MUST(object_str(e.get())).get());
  }
  return str_to_std_string(r.value().get());
}
std::string Call(Object* self, const char* name, std::initializer_list<Object*> args) {
  return Repr(MUST(call_method(self, name, args.begin(), args.size())).get());
}

TEST_F(RuntimeTest, FloatReprIsShortestAndCPythonShaped) {
  EXPECT_EQ(float_repr_string(1e16), "1e+16");
  EXPECT_EQ(float_repr_string(1e-5), "1e-05");
  EXPECT_EQ(float_repr_string(0.0001), "0.0001");
  EXPECT_EQ(float_repr_string(0.1), "0.1");
  EXPECT_EQ(float_repr_string(-0.0), "-0.0");
  EXPECT_EQ(float_repr_string(123456789.0), "123456789.0");
  EXPECT_EQ(float_repr_string(1e22), "1e+22");
  EXPECT_EQ(float_repr_string(5e-324), "5e-324");
  EXPECT_EQ(float_repr_string(INFINITY), "inf");
  EXPECT_EQ(float_repr_string(NAN), "nan");
}

TEST_F(RuntimeTest, FloatParsing) {
  EXPECT_EQ(Repr(MUST(float_from_string(" 1_0.5 ")).get()), "10.5");
  EXPECT_EQ(Repr(MUST(float_from_string("-InFinity")).get()), "-inf");
  EXPECT_EQ(Repr(MUST(float_from_string("1e400")).get()), "inf");
  EXPECT_EQ(Repr(MUST(float_from_string("1e-400")).get()), "0.0");
  EXPECT_TRUE(float_from_string("1__0").is_error());
  Ref<Object> e = take_exception();
  EXPECT_EQ(str_to_std_string(MUST(object_str(e.get())).get()),
            "could not convert string to float: '1__0'");
}

TEST_F(RuntimeTest, FloatArithmeticRules) {
  EXPECT_EQ(Repr(MUST(binary_op(F(-7.5).get(), F(2).get(), BinaryOp::Remainder)).get()), "0.5");
  EXPECT_EQ(Repr(MUST(binary_op(F(0.0).get(), F(-1).get(), BinaryOp::Remainder)).get()), "-0.0");
  EXPECT_EQ(Repr(MUST(binary_op(F(1.0).get(), F(0.1).get(), BinaryOp::FloorDivide)).get()), "9.0");
  EXPECT_EQ(Repr(MUST(number_divmod(F(-7.5).get(), F(2).get())).get()), "(-4.0, 0.5)");
  EXPECT_TRUE(binary_op(F(5).get(), F(0).get(), BinaryOp::TrueDivide).is_error());
  EXPECT_TRUE(error_matches(exc::ZeroDivisionError));
  clear_error();
  EXPECT_TRUE(number_power(F(0.0).get(), F(-1).get(), nullptr).is_error());
  EXPECT_TRUE(error_matches(exc::ZeroDivisionError));
  clear_error();
  EXPECT_EQ(Repr(MUST(number_power(F(-8).get(), MUST(float_from_double(1.0 / 3)).get(), nullptr)).get()),
            "(1.0000000000000002+1.7320508075688772j)");
}

TEST_F(RuntimeTest, FloatComparesExactlyWithInts) {
  Ref<Object> big = MUST(int_from_string("9007199254740993", 10));  // 2**53 + 1
  Ref<Object> f = F(9007199254740992.0);
  EXPECT_FALSE(MUST(rich_compare_bool(f.get(), big.get(), CompareOp::Eq)));
  EXPECT_TRUE(MUST(rich_compare_bool(f.get(), big.get(), CompareOp::Lt)));
  EXPECT_TRUE(MUST(rich_compare_bool(big.get(), f.get(), CompareOp::Gt)));
  Ref<Object> huge = MUST(int_from_string(std::string(400, '9'), 10));
  EXPECT_TRUE(MUST(rich_compare_bool(F(1e308).get(), huge.get(), CompareOp::Lt)));
  EXPECT_FALSE(MUST(rich_compare_bool(F(NAN).get(), huge.get(), CompareOp::Eq)));
}

TEST_F(RuntimeTest, FloatRoundingAndHex) {
  Ref<Object> two = MUST(int_from_i64(2));
  EXPECT_EQ(Call(F(2.675).get(), "__round__", {two.get()}), "2.67");
  EXPECT_EQ(Call(F(2.5).get(), "__round__", {}), "2");
  EXPECT_EQ(Call(F(-0.5).get(), "__round__", {}), "0");
  Ref<Object> minus2 = MUST(int_from_i64(-2));
  EXPECT_EQ(Call(F(1234.5678).get(), "__round__", {minus2.get()}), "1200.0");
  EXPECT_EQ(Call(F(1.5).get(), "hex", {}), "'0x1.8000000000000p+0'");
  EXPECT_EQ(Call(F(5e-324).get(), "hex", {}), "'0x0.0000000000001p-1022'");
  EXPECT_EQ(Call(F(0.75).get(), "as_integer_ratio", {}), "(3, 4)");
}

TEST_F(RuntimeTest, FloatFormat) {
  EXPECT_EQ(Fmt(1234567.891234, ".,f"), "1234567.891,234");
  EXPECT_EQ(Fmt(1234567.891234, ",._f"), "1,234,567.891_234");
  EXPECT_EQ(Fmt(-0.0001, "z.2f"), "0.00");
  EXPECT_EQ(Fmt(1.5, "._e"), "1.500_000e+00");
  EXPECT_EQ(Fmt(123.0, ".3"), "1.23e+02");
  EXPECT_EQ(Fmt(12.0, ".3"), "12.0");
  EXPECT_EQ(Fmt(0.1, "#g"), "0.100000");
  EXPECT_EQ(Fmt(1e-5, "g"), "1e-05");
  EXPECT_EQ(Fmt(3.14159, "*^12.3f"), "***3.142****");
  EXPECT_EQ(Fmt(1.0, "#.0e"), "1.e+00");
  EXPECT_EQ(Fmt(2.5, ".0f"), "2");
  EXPECT_EQ(Fmt(-1.5, "=+012,.3f"), "-000,001.500");
  EXPECT_EQ(Fmt(1.5, "%"), "150.000000%");
  EXPECT_EQ(Fmt(1.5, "d"), "!Unknown format code 'd' for object of type 'float'");
}

TEST_F(RuntimeTest, ComplexBasics) {
  Ref<Object> c = MUST(complex_from_doubles(1, 2));
  EXPECT_EQ(Repr(c.get()), "(1+2j)");
  EXPECT_EQ(Repr(MUST(complex_from_doubles(0, -0.0)).get()), "-0j");
  EXPECT_EQ(Repr(MUST(binary_op(c.get(), c.get(), BinaryOp::Multiply)).get()), "(-3+4j)");
  EXPECT_EQ(Repr(MUST(number_absolute(MUST(complex_from_doubles(3, 4)).get())).get()), "5.0");
}

}  // namespace
}  // namespace weft
