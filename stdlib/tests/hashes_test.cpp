// stdlib/tests/hashes_test.cpp — unit tests of the hash engines (stdlib/hashes/): the BLAKE2
// implementation against RFC 7693's vectors and against OpenSSL's own BLAKE2 (default parameters)
// over many lengths and update splits, the effect of each BLAKE2 parameter, and digest() /
// clone() leaving the state untouched for the EVP and HMAC engines.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stdlib/hashes/blake2.h"
#include "stdlib/hashes/hash_engine.h"

namespace weft::hashes {
namespace {

std::string hex(const std::vector<unsigned char>& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

std::vector<unsigned char> digest_of(const HashEngine& e, size_t length = 0) {
  std::vector<unsigned char> out(length ? length : e.digest_size());
  EXPECT_TRUE(e.digest(out.data(), out.size()));
  return out;
}

void feed(HashEngine& e, const std::string& data) {
  ASSERT_TRUE(e.update(reinterpret_cast<const unsigned char*>(data.data()), data.size()));
}

Blake2Params default_params(Blake2Variant v) {
  Blake2Params p;
  p.digest_size = blake2_limits(v).max_digest;
  return p;
}

TEST(Blake2Test, Rfc7693Vectors) {
  auto b = make_blake2_engine(Blake2Variant::kB, default_params(Blake2Variant::kB));
  feed(*b, "abc");
  EXPECT_EQ(hex(digest_of(*b)),
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252"
            "d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
  auto s = make_blake2_engine(Blake2Variant::kS, default_params(Blake2Variant::kS));
  feed(*s, "abc");
  EXPECT_EQ(hex(digest_of(*s)), "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982");
}

// Every length from 0 to 300 bytes (crossing several block boundaries, which is where BLAKE2's
// "keep the last block" rule matters), fed whole and in uneven pieces, agrees with OpenSSL.
TEST(Blake2Test, MatchesOpenSslAcrossLengthsAndSplits) {
  for (auto [variant, name] : {std::pair{Blake2Variant::kB, "blake2b"},
                               std::pair{Blake2Variant::kS, "blake2s"}}) {
    const EVP_MD* md = digest_by_name(name);
    ASSERT_NE(md, nullptr);
    std::string data;
    for (size_t n = 0; n <= 300; ++n) {
      auto reference = make_evp_engine(md);
      feed(*reference, data);
      auto whole = make_blake2_engine(variant, default_params(variant));
      feed(*whole, data);
      auto pieces = make_blake2_engine(variant, default_params(variant));
      for (size_t i = 0; i < data.size(); i += 7) feed(*pieces, data.substr(i, 7));
      std::string expected = hex(digest_of(*reference));
      EXPECT_EQ(hex(digest_of(*whole)), expected) << name << " length " << n;
      EXPECT_EQ(hex(digest_of(*pieces)), expected) << name << " length " << n;
      data += static_cast<char>(n * 31 + 7);
    }
  }
}

// Each parameter changes the digest; digest() does not disturb the state; clones diverge.
TEST(Blake2Test, ParametersAndState) {
  Blake2Params base = default_params(Blake2Variant::kB);
  auto digest_with = [](const Blake2Params& p) {
    auto e = make_blake2_engine(Blake2Variant::kB, p);
    feed(*e, "message");
    return hex(digest_of(*e));
  };
  std::string plain = digest_with(base);
  std::vector<Blake2Params> variants(9, base);
  variants[0].key = "key";
  variants[1].salt = "salt";
  variants[2].person = "person";
  variants[3].fanout = 2;
  variants[4].depth = 2;
  variants[5].leaf_size = 1;
  variants[6].node_offset = 1;
  variants[7].node_depth = 1;
  variants[8].last_node = true;
  for (const Blake2Params& p : variants) EXPECT_NE(digest_with(p), plain);
  Blake2Params short_digest = base;
  short_digest.digest_size = 20;
  EXPECT_EQ(digest_with(short_digest).size(), 40u);
  EXPECT_NE(digest_with(short_digest), plain.substr(0, 40));  // the size is a parameter too

  auto e = make_blake2_engine(Blake2Variant::kB, base);
  feed(*e, "mess");
  auto first = digest_of(*e);
  EXPECT_EQ(digest_of(*e), first);
  auto copy = e->clone();
  feed(*e, "age");
  EXPECT_EQ(hex(digest_of(*e)), plain);
  EXPECT_EQ(digest_of(*copy), first);
}

TEST(EvpEngineTest, DigestCloneAndXof) {
  auto sha = make_evp_engine(digest_by_name("sha256"));
  ASSERT_NE(sha, nullptr);
  EXPECT_EQ(sha->name(), "sha256");
  EXPECT_EQ(sha->digest_size(), 32u);
  EXPECT_EQ(sha->block_size(), 64u);
  feed(*sha, "ab");
  auto copy = sha->clone();
  feed(*sha, "c");
  EXPECT_EQ(hex(digest_of(*sha)),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex(digest_of(*sha)),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  feed(*copy, "c");
  EXPECT_EQ(digest_of(*copy), digest_of(*sha));

  const EVP_MD* shake = digest_by_name("shake_128");
  ASSERT_NE(shake, nullptr);
  EXPECT_TRUE(digest_is_xof(shake));
  auto x = make_evp_engine(shake);
  EXPECT_EQ(x->digest_size(), 0u);
  auto long_out = digest_of(*x, 100);
  auto short_out = digest_of(*x, 10);
  EXPECT_TRUE(std::equal(short_out.begin(), short_out.end(), long_out.begin()));
  EXPECT_EQ(digest_by_name("no-such-digest"), nullptr);
  EXPECT_EQ(digest_by_name(std::string_view("sha256\0x", 8)), nullptr);
}

TEST(HmacEngineTest, Rfc4231Case2) {
  auto h = make_hmac_engine(digest_by_name("sha256"), "Jefe");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->name(), "hmac-sha256");
  feed(*h, "what do ya want ");
  auto copy = h->clone();
  feed(*h, "for nothing?");
  EXPECT_EQ(hex(digest_of(*h)),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  feed(*copy, "for nothing?");
  EXPECT_EQ(digest_of(*copy), digest_of(*h));
}

}  // namespace
}  // namespace weft::hashes
