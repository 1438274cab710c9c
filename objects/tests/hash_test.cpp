// objects/tests/hash_test.cpp — SipHash-1-3 and the PYTHONHASHSEED key derivation against values
// printed by CPython 3.13 on 64-bit Linux (3.13 and 3.14 agree). Needs no runtime.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>

#include "objects/hash.h"

namespace weft {
namespace {

int64_t hash_with_seed(uint32_t seed, const void* data, size_t len) {
  uint64_t k0 = 0, k1 = 0;
  if (seed != 0) hash_secret_for_seed(seed, &k0, &k1);
  return len == 0 ? 0 : int64_t(siphash13(k0, k1, data, len));
}

// PEP 393 data: CPython hashes 1/2/4 bytes per code point, not UTF-8.
const uint8_t kLatin1E[] = {0xe9};                       // "é"
const uint16_t kEuro[] = {0x20ac, 'u', 'r', 'o'};         // "€uro"
const uint32_t kEmoji[] = {0x1f600};                      // "😀"

TEST(HashTest, SeedZeroMatchesCPython) {
  EXPECT_EQ(hash_with_seed(0, "a", 1), 4644417185603328019LL);
  EXPECT_EQ(hash_with_seed(0, "hello world!", 12), 839851713330019024LL);
  EXPECT_EQ(hash_with_seed(0, kLatin1E, 1), 6047309291227476195LL);
  EXPECT_EQ(hash_with_seed(0, kEuro, 8), 7542247858446192590LL);
  EXPECT_EQ(hash_with_seed(0, kEmoji, 4), -3536540696076613844LL);
  EXPECT_EQ(hash_with_seed(0, "abc", 3), -4594863902769663758LL);        // b"abc"
  EXPECT_EQ(hash_with_seed(0, "12345678", 8), 3785724242978802311LL);    // b"12345678"
}

TEST(HashTest, Seed123MatchesCPython) {
  EXPECT_EQ(hash_with_seed(123, "a", 1), -4226623170815027173LL);
  EXPECT_EQ(hash_with_seed(123, "hello world!", 12), 6257909809596280424LL);
  EXPECT_EQ(hash_with_seed(123, kLatin1E, 1), 2030960749240960898LL);
  EXPECT_EQ(hash_with_seed(123, kEuro, 8), -5964589761673038683LL);
  EXPECT_EQ(hash_with_seed(123, kEmoji, 4), -8059949960423113297LL);
  EXPECT_EQ(hash_with_seed(123, "abc", 3), -6019719312852672851LL);
  EXPECT_EQ(hash_with_seed(123, "12345678", 8), -4871613040056487138LL);
}

TEST(HashTest, EmptyIsZero) { EXPECT_EQ(hash_with_seed(123, "", 0), 0); }

TEST(HashTest, ParseSeed) {
  std::optional<uint32_t> seed;
  EXPECT_TRUE(hash_parse_seed(nullptr, &seed));
  EXPECT_FALSE(seed.has_value());
  EXPECT_TRUE(hash_parse_seed("random", &seed));
  EXPECT_FALSE(seed.has_value());
  EXPECT_TRUE(hash_parse_seed("4294967295", &seed));
  EXPECT_EQ(*seed, 4294967295u);
  EXPECT_TRUE(hash_parse_seed("0", &seed));
  EXPECT_EQ(*seed, 0u);
  EXPECT_FALSE(hash_parse_seed("4294967296", &seed));
  EXPECT_FALSE(hash_parse_seed("12x", &seed));
  EXPECT_FALSE(hash_parse_seed("x", &seed));
}

}  // namespace
}  // namespace weft
