// stdlib/tests/decimal_test.cpp — unit tests of the `_decimal` arithmetic core
// (stdlib/_decimal/decimal_number.h): parsing and printing, finalize's rounding, overflow and
// subnormal handling, exact division and square roots, the correctly rounded exp/ln/log10, and
// the digit-wise operations. Pure functions: no runtime needed.
#include <gtest/gtest.h>

#include <string>

#include "stdlib/_decimal/decimal_number.h"

namespace weft::decimal {
namespace {

Dec parse(const char* text) {
  Dec d;
  EXPECT_TRUE(dec_parse(text, d)) << text;
  return d;
}

std::string str(const Dec& d) { return dec_to_string(d, false, true); }

Ctx context(int64_t prec, Rounding round = Rounding::HalfEven) {
  Ctx c;
  c.prec = prec;
  c.round = round;
  return c;
}

TEST(DecimalNumber, ParsesAndPrints) {
  EXPECT_EQ(str(parse("1.50")), "1.50");
  EXPECT_EQ(str(parse("-0.0000001")), "-1E-7");
  EXPECT_EQ(str(parse("123e5")), "1.23E+7");
  EXPECT_EQ(str(parse(".5")), "0.5");
  EXPECT_EQ(str(parse("-inf")), "-Infinity");
  EXPECT_EQ(str(parse("sNaN0042")), "sNaN42");
  EXPECT_EQ(dec_to_string(parse("0E+1"), true, true), "0.00E+3");
  EXPECT_EQ(dec_to_string(parse("12.3E+7"), true, false), "123e+6");
  Dec d;
  EXPECT_FALSE(dec_parse("1e", d));
  EXPECT_FALSE(dec_parse(".", d));
  EXPECT_FALSE(dec_parse("1.2.3", d));
  EXPECT_FALSE(dec_parse("nan1x", d));
}

TEST(DecimalNumber, FinalizeRoundsEachMode) {
  struct Case {
    Rounding mode;
    const char* positive;
    const char* negative;
  };
  // 2.345 and -2.345 to three digits.
  const Case cases[] = {
      {Rounding::Up, "2.35", "-2.35"},       {Rounding::Down, "2.34", "-2.34"},
      {Rounding::Ceiling, "2.35", "-2.34"},  {Rounding::Floor, "2.34", "-2.35"},
      {Rounding::HalfUp, "2.35", "-2.35"},   {Rounding::HalfDown, "2.34", "-2.34"},
      {Rounding::HalfEven, "2.34", "-2.34"}, {Rounding::ZeroFiveUp, "2.34", "-2.34"},
  };
  for (const Case& c : cases) {
    uint32_t status = 0;
    Dec p = parse("2.345"), n = parse("-2.345");
    finalize(p, context(3, c.mode), status);
    finalize(n, context(3, c.mode), status);
    EXPECT_EQ(str(p), c.positive);
    EXPECT_EQ(str(n), c.negative);
    EXPECT_EQ(status, kInexact | kRounded);
  }
}

TEST(DecimalNumber, OverflowAndSubnormals) {
  Ctx c = context(4);
  c.emax = 5;
  c.emin = -5;
  uint32_t status = 0;
  Dec big = parse("9.9999E+5");
  finalize(big, c, status);
  EXPECT_TRUE(big.is_inf());
  EXPECT_EQ(status, kOverflow | kInexact | kRounded);

  status = 0;
  Dec tiny = parse("1.234E-7");
  finalize(tiny, c, status);
  EXPECT_EQ(str(tiny), "1.2E-7");
  EXPECT_EQ(status, kSubnormal | kUnderflow | kInexact | kRounded);

  status = 0;
  c.clamp = true;
  Dec folded = parse("1E+5");
  finalize(folded, c, status);
  EXPECT_EQ(str(folded), "1.000E+5");
  EXPECT_EQ(status, kClamped);
}

TEST(DecimalNumber, DivisionKeepsIdealExponent) {
  uint32_t status = 0;
  Dec q;
  dec_div(q, parse("1.00"), parse("4"), context(28), status);
  EXPECT_EQ(str(q), "0.25");
  EXPECT_EQ(status, 0u);
  dec_div(q, parse("1"), parse("3"), context(5), status);
  EXPECT_EQ(str(q), "0.33333");
  EXPECT_EQ(status, kInexact | kRounded);
  status = 0;
  dec_div(q, parse("0"), parse("0"), context(5), status);
  EXPECT_TRUE(q.is_nan());
  EXPECT_EQ(status, kDivisionUndefined);
  Dec r;
  status = 0;
  dec_rem_near(r, parse("10"), parse("6"), context(9), status);
  EXPECT_EQ(str(r), "-2");
}

TEST(DecimalNumber, SquareRootsAreExactWhenPossible) {
  uint32_t status = 0;
  Dec r;
  dec_sqrt(r, parse("0.0400"), context(10), status);
  EXPECT_EQ(str(r), "0.20");
  EXPECT_EQ(status, 0u);
  dec_sqrt(r, parse("2"), context(20), status);
  EXPECT_EQ(str(r), "1.4142135623730950488");
  EXPECT_EQ(status, kInexact | kRounded);
}

TEST(DecimalNumber, TranscendentalsAreCorrectlyRounded) {
  uint32_t status = 0;
  Dec r;
  dec_exp(r, parse("1"), context(30), status);
  EXPECT_EQ(str(r), "2.71828182845904523536028747135");
  dec_ln(r, parse("10"), context(30), status);
  EXPECT_EQ(str(r), "2.30258509299404568401799145468");
  dec_log10(r, parse("2"), context(25), status);
  EXPECT_EQ(str(r), "0.3010299956639811952137389");
  // Near 1 the logarithm loses no digits to cancellation.
  dec_ln(r, parse("0.9999999"), context(10), status);
  EXPECT_EQ(str(r), "-1.000000050E-7");
  status = 0;
  dec_log10(r, parse("1000"), context(5), status);
  EXPECT_EQ(str(r), "3");
  EXPECT_EQ(status, 0u);
}

TEST(DecimalNumber, TotalOrderAndDigitOperations) {
  EXPECT_LT(dec_cmp_total(parse("1.0"), parse("1")), 0);
  EXPECT_LT(dec_cmp_total(parse("-NaN"), parse("-1")), 0);
  EXPECT_LT(dec_cmp_total(parse("sNaN"), parse("NaN")), 0);
  EXPECT_EQ(dec_cmp(parse("1E+1"), parse("10.0")), 0);
  uint32_t status = 0;
  Dec r;
  dec_logical(r, parse("1100"), parse("1010"), '^', context(9), status);
  EXPECT_EQ(str(r), "110");
  dec_rotate(r, parse("34"), parse("-1"), context(9), status);
  EXPECT_EQ(str(r), "400000003");
  dec_shift(r, parse("123456789"), parse("3"), context(9), status);
  EXPECT_EQ(str(r), "456789000");
  EXPECT_EQ(status, 0u);
  dec_logical_invert(r, parse("2"), context(9), status);
  EXPECT_EQ(status, kInvalidOperation);
}

}  // namespace
}  // namespace weft::decimal
