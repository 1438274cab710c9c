// objects/tests/unicode_db_test.cpp — the generated Unicode 16.0 tables (objects/unicode_db.h,
// objects/unicode_props.h): spot checks of every kind of entry against CPython 3.14's answers.
// Needs no runtime: the database is plain immutable data.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "objects/unicode_db.h"
#include "objects/unicode_props.h"

namespace weft::unicode {
namespace {

TEST(UnicodeDb, Properties) {
  EXPECT_STREQ(unidata_version(), "16.0.0");
  EXPECT_STREQ(category('A'), "Lu");
  EXPECT_STREQ(category(0x378), "Cn");
  EXPECT_STREQ(category(0x1f600), "So");
  EXPECT_STREQ(category(0x10ffff), "Cn");
  EXPECT_STREQ(bidirectional(0x5d0), "R");
  EXPECT_STREQ(bidirectional(0x378), "");
  EXPECT_EQ(combining(0x301), 230);
  EXPECT_TRUE(mirrored('('));
  EXPECT_STREQ(east_asian_width(0x3000), "F");
  EXPECT_EQ(decimal(0x663, kCurrentUcd), 3);
  EXPECT_EQ(digit(0xb2, kCurrentUcd), 2);
  EXPECT_EQ(numeric_value(0x2155).value_or(-1), 0.2);
  EXPECT_FALSE(numeric_value('a').has_value());
}

TEST(UnicodeDb, StrPredicatesAndCase) {
  EXPECT_TRUE(is_alpha(0x4e00));
  EXPECT_FALSE(is_alpha(0x660));
  EXPECT_TRUE(is_title(0x1c5));
  EXPECT_FALSE(is_upper(0x1c5));
  EXPECT_TRUE(is_space(0x3000));
  EXPECT_FALSE(is_printable(0xad));
  EXPECT_TRUE(is_xid_continue(0xb7));
  EXPECT_FALSE(is_xid_start(0xb7));
  uint32_t out[3];
  ASSERT_EQ(to_upper_full(0xdf, out), 2);
  EXPECT_EQ(out[0], uint32_t('S'));
  ASSERT_EQ(to_casefold_full(0xfb03, out), 3);
  EXPECT_EQ(out[2], uint32_t('i'));
  EXPECT_EQ(to_lower(0x130), uint32_t('i'));
  EXPECT_EQ(to_upper(0x10428), 0x10400u);
}

TEST(UnicodeDb, DecompositionAndComposition) {
  auto d = decomposition(0xe9);
  ASSERT_TRUE(d.has_value());
  EXPECT_STREQ(d->tag, "");
  ASSERT_EQ(d->count, 2);
  EXPECT_EQ(d->code_points[1], 0x301u);
  d = decomposition(0xfb01);
  ASSERT_TRUE(d.has_value());
  EXPECT_STREQ(d->tag, "<compat>");
  EXPECT_EQ(compose_pair('e', 0x301), 0xe9u);
  EXPECT_EQ(compose_pair(0x915, 0x93c), 0u);  // U+0958 is a composition exclusion
  EXPECT_EQ(compose_pair(0x1100, 0x1161), 0xac00u);
  EXPECT_EQ(compose_pair(0xac00, 0x11a8), 0xac01u);
}

TEST(UnicodeDb, Names) {
  std::string name;
  ASSERT_TRUE(char_name(0x2603, name));
  EXPECT_EQ(name, "SNOWMAN");
  ASSERT_TRUE(char_name(0xd7a3, name));
  EXPECT_EQ(name, "HANGUL SYLLABLE HIH");
  ASSERT_TRUE(char_name(0x20000, name));
  EXPECT_EQ(name, "CJK UNIFIED IDEOGRAPH-20000");
  EXPECT_FALSE(char_name(0xe000, name));
  EXPECT_EQ(lookup_name("latin small letter a").value_or(0), uint32_t('a'));
  EXPECT_EQ(lookup_name("BOM").value_or(0), 0xfeffu);  // an alias
  EXPECT_FALSE(lookup_name("BOM", UcdVersion::k3_2_0).has_value());
  EXPECT_EQ(lookup_name("HANGUL SYLLABLE GAG").value_or(0), 0xac01u);
  EXPECT_FALSE(lookup_name("hangul syllable gag").has_value());
  EXPECT_FALSE(lookup_name("NO SUCH NAME").has_value());
  const db::NamedSequence* seq = lookup_named_sequence("keycap digit one");
  ASSERT_NE(seq, nullptr);
  EXPECT_EQ(seq->count, 3);
  NamedEscape e = parse_named_escape("{SNOWMAN}x");
  EXPECT_EQ(e.kind, NamedEscape::kOk);
  EXPECT_EQ(e.consumed, 9u);
  EXPECT_EQ(parse_named_escape("{SNOW").kind, NamedEscape::kMalformed);
  EXPECT_TRUE(parse_named_escape("{SNOW").incomplete);
  EXPECT_EQ(parse_named_escape("{NOPE}").kind, NamedEscape::kUnknownName);
}

TEST(UnicodeDb, Version320) {
  const UcdVersion v = UcdVersion::k3_2_0;
  EXPECT_STREQ(unidata_version(v), "3.2.0");
  EXPECT_STREQ(category(0x221, v), "Cn");  // assigned in Unicode 4.0
  EXPECT_STREQ(category(0x221), "Ll");
  EXPECT_EQ(normalization_3_2_0(0x2f868), 0x2136au);  // NormalizationCorrections.txt
  EXPECT_EQ(normalization_3_2_0(0x2f869), 0u);
  EXPECT_FALSE(decomposition(0x1e9e, v).has_value());  // U+1E9E is new in Unicode 5.1
  EXPECT_TRUE(decomposition(0xe9, v).has_value());
  EXPECT_TRUE(unnamed_in_3_2_0(0x1f600));
  EXPECT_FALSE(unnamed_in_3_2_0('a'));
}

}  // namespace
}  // namespace weft::unicode

namespace weft::unicode {
namespace {

std::vector<uint32_t> normal(NormalForm f, std::vector<uint32_t> in, UcdVersion v = kCurrentUcd) {
  std::vector<uint32_t> out;
  normalize(f, in.data(), in.size(), v, out);
  return out;
}

TEST(UnicodeDb, Normalize) {
  using V = std::vector<uint32_t>;
  EXPECT_EQ(normal(NormalForm::kNFC, {'e', 0x301}), V{0xe9});
  EXPECT_EQ(normal(NormalForm::kNFD, {0xac01}), (V{0x1100, 0x1161, 0x11a8}));
  EXPECT_EQ(normal(NormalForm::kNFKC, {0xfb01}), (V{'f', 'i'}));
  EXPECT_EQ(normal(NormalForm::kNFC, {0x958}), (V{0x915, 0x93c}));  // composition exclusion
  // canonical reordering: dot below (220) before dot above (230)
  EXPECT_EQ(normal(NormalForm::kNFD, {'q', 0x307, 0x323}), (V{'q', 0x323, 0x307}));
  EXPECT_EQ(normal(NormalForm::kNFD, {0x2f868}, UcdVersion::k3_2_0), V{0x2136a});
  EXPECT_EQ(normal(NormalForm::kNFD, {0x2f868}), V{0x36fc});
}

}  // namespace
}  // namespace weft::unicode
