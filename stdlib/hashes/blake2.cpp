// stdlib/hashes/blake2.cpp — BLAKE2b / BLAKE2s after RFC 7693 and the BLAKE2 paper's parameter
// block (tree hashing fields included), as one template over the two word sizes.
//
// State invariant: the last block fed is always kept in `buf_` (1..block bytes once anything was
// fed), because BLAKE2 must compress the final block with the finalisation flag set; digest()
// finalises a copy, so a hash can keep growing after a digest was taken. Unsynchronised: the
// owning hash object locks around every call (hash_object.h).
#include "stdlib/hashes/blake2.h"

#include <cstring>
#include <new>

namespace weft::hashes {
namespace {

constexpr uint8_t kSigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

// The variant-specific constants: word type, rounds, G's rotations, IV and parameter-block layout.
struct TraitsB {
  using Word = uint64_t;
  static constexpr int kRounds = 12;
  static constexpr int kR1 = 32, kR2 = 24, kR3 = 16, kR4 = 63;
  static constexpr Word kIV[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL,
                                  0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
                                  0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
                                  0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
  static constexpr size_t kNodeOffsetBytes = 8, kNodeDepthAt = 16, kInnerSizeAt = 17,
                          kSaltAt = 32, kPersonAt = 48;
  static constexpr Blake2Variant kVariant = Blake2Variant::kB;
};
struct TraitsS {
  using Word = uint32_t;
  static constexpr int kRounds = 10;
  static constexpr int kR1 = 16, kR2 = 12, kR3 = 8, kR4 = 7;
  static constexpr Word kIV[8] = {0x6A09E667U, 0xBB67AE85U, 0x3C6EF372U, 0xA54FF53AU,
                                  0x510E527FU, 0x9B05688CU, 0x1F83D9ABU, 0x5BE0CD19U};
  static constexpr size_t kNodeOffsetBytes = 6, kNodeDepthAt = 14, kInnerSizeAt = 15,
                          kSaltAt = 16, kPersonAt = 24;
  static constexpr Blake2Variant kVariant = Blake2Variant::kS;
};

template <class Word>
Word load_le(const uint8_t* p) {
  Word w = 0;
  for (size_t i = 0; i < sizeof(Word); ++i) w |= static_cast<Word>(p[i]) << (8 * i);
  return w;
}

template <class Word>
void store_le(uint8_t* p, Word w, size_t bytes = sizeof(Word)) {
  for (size_t i = 0; i < bytes; ++i) p[i] = static_cast<uint8_t>(w >> (8 * i));
}

template <class Word>
constexpr Word rotr(Word x, int n) {
  return static_cast<Word>((x >> n) | (x << (8 * sizeof(Word) - n)));
}

template <class T>
class Blake2Engine final : public HashEngine {
  using Word = typename T::Word;
  static constexpr size_t kBlock = 16 * sizeof(Word);

 public:
  explicit Blake2Engine(const Blake2Params& p) : outlen_(p.digest_size), last_node_(p.last_node) {
    uint8_t block[8 * sizeof(Word)] = {};
    block[0] = static_cast<uint8_t>(p.digest_size);
    block[1] = static_cast<uint8_t>(p.key.size());
    block[2] = p.fanout;
    block[3] = p.depth;
    store_le<uint32_t>(block + 4, p.leaf_size);
    store_le<uint64_t>(block + 8, p.node_offset, T::kNodeOffsetBytes);
    block[T::kNodeDepthAt] = p.node_depth;
    block[T::kInnerSizeAt] = p.inner_size;
    // Zero-padded; an empty salt or person may have a null data(), which memcpy must not see.
    if (!p.salt.empty()) std::memcpy(block + T::kSaltAt, p.salt.data(), p.salt.size());
    if (!p.person.empty()) std::memcpy(block + T::kPersonAt, p.person.data(), p.person.size());
    for (int i = 0; i < 8; ++i) h_[i] = T::kIV[i] ^ load_le<Word>(block + i * sizeof(Word));
    if (!p.key.empty()) {
      uint8_t key_block[kBlock] = {};
      std::memcpy(key_block, p.key.data(), p.key.size());
      update(key_block, kBlock);
      volatile uint8_t* wipe = key_block;
      for (size_t i = 0; i < kBlock; ++i) wipe[i] = 0;
    }
  }

  bool update(const unsigned char* in, size_t n) override {
    if (n == 0) return true;
    size_t fill = kBlock - buflen_;
    if (n > fill) {
      std::memcpy(buf_ + buflen_, in, fill);
      buflen_ = 0;
      count(kBlock);
      compress(buf_, 0, 0);
      in += fill;
      n -= fill;
      while (n > kBlock) {
        count(kBlock);
        compress(in, 0, 0);
        in += kBlock;
        n -= kBlock;
      }
    }
    std::memcpy(buf_ + buflen_, in, n);
    buflen_ += n;
    return true;
  }

  bool digest(unsigned char* out, size_t length) const override {
    Blake2Engine copy(*this);
    copy.count(copy.buflen_);
    std::memset(copy.buf_ + copy.buflen_, 0, kBlock - copy.buflen_);
    copy.compress(copy.buf_, ~Word(0), last_node_ ? ~Word(0) : Word(0));
    uint8_t full[8 * sizeof(Word)];
    for (int i = 0; i < 8; ++i) store_le<Word>(full + i * sizeof(Word), copy.h_[i]);
    std::memcpy(out, full, length < outlen_ ? length : outlen_);
    return true;
  }

  std::unique_ptr<HashEngine> clone() const override {
    return std::unique_ptr<HashEngine>(new (std::nothrow) Blake2Engine(*this));
  }

  std::string name() const override {
    return T::kVariant == Blake2Variant::kB ? "blake2b" : "blake2s";
  }
  size_t digest_size() const override { return outlen_; }
  size_t block_size() const override { return kBlock; }

 private:
  Blake2Engine(const Blake2Engine&) = default;

  void count(size_t n) {
    t_[0] += static_cast<Word>(n);
    if (t_[0] < static_cast<Word>(n)) ++t_[1];
  }

  static void mix(Word* v, int a, int b, int c, int d, Word x, Word y) {
    v[a] = v[a] + v[b] + x;
    v[d] = rotr<Word>(v[d] ^ v[a], T::kR1);
    v[c] = v[c] + v[d];
    v[b] = rotr<Word>(v[b] ^ v[c], T::kR2);
    v[a] = v[a] + v[b] + y;
    v[d] = rotr<Word>(v[d] ^ v[a], T::kR3);
    v[c] = v[c] + v[d];
    v[b] = rotr<Word>(v[b] ^ v[c], T::kR4);
  }

  void compress(const uint8_t* block, Word f0, Word f1) {
    Word m[16], v[16];
    for (int i = 0; i < 16; ++i) m[i] = load_le<Word>(block + i * sizeof(Word));
    for (int i = 0; i < 8; ++i) {
      v[i] = h_[i];
      v[i + 8] = T::kIV[i];
    }
    v[12] ^= t_[0];
    v[13] ^= t_[1];
    v[14] ^= f0;
    v[15] ^= f1;
    for (int r = 0; r < T::kRounds; ++r) {
      const uint8_t* s = kSigma[r];
      mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
      mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
      mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
      mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
      mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
      mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
      mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
      mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (int i = 0; i < 8; ++i) h_[i] ^= v[i] ^ v[i + 8];
  }

  Word h_[8];
  Word t_[2] = {0, 0};  // bytes compressed so far (a double word)
  uint8_t buf_[kBlock] = {};
  size_t buflen_ = 0;
  size_t outlen_;
  bool last_node_;
};

constexpr Blake2Limits kLimitsB = {64, 64, 16, 16, 128, ~uint64_t(0)};
constexpr Blake2Limits kLimitsS = {32, 32, 8, 8, 64, (uint64_t(1) << 48) - 1};

}  // namespace

const Blake2Limits& blake2_limits(Blake2Variant v) {
  return v == Blake2Variant::kB ? kLimitsB : kLimitsS;
}

std::unique_ptr<HashEngine> make_blake2_engine(Blake2Variant v, const Blake2Params& params) {
  if (v == Blake2Variant::kB)
    return std::unique_ptr<HashEngine>(new (std::nothrow) Blake2Engine<TraitsB>(params));
  return std::unique_ptr<HashEngine>(new (std::nothrow) Blake2Engine<TraitsS>(params));
}

}  // namespace weft::hashes
