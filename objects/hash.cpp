// objects/hash.cpp — SipHash-1-3 and the hash key, bit-compatible with CPython (Python/pyhash.c,
// Python/bootstrap_hash.c).
//
// Why bit-compatible: programs (and tests) observe hash() values, set/dict iteration order of
// strs and the PYTHONHASHSEED contract; matching CPython makes those reproducible across runtimes.
//
// The key: CPython's secret is a 24-byte union whose first 16 bytes are SipHash's k0 and k1
// (little-endian on x86-64). A numeric seed fills all 24 bytes with the LCG
//   x = x * 214013 + 2531011 (mod 2**32); byte = (x >> 16) & 0xff
// and siphash reads the first 16. The key is written once at start-up, before any other thread
// exists and before any str is hashed, so reads need no synchronisation.
#include "objects/hash.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "core/thread_state.h"
#include "objects/type_registry.h"

namespace weft {

namespace {

inline uint64_t rotl64(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

// One SipRound, written as CPython's two half rounds.
inline void sip_round(uint64_t& v0, uint64_t& v1, uint64_t& v2, uint64_t& v3) {
  v0 += v1; v2 += v3;
  v1 = rotl64(v1, 13) ^ v0;
  v3 = rotl64(v3, 16) ^ v2;
  v0 = rotl64(v0, 32);
  v2 += v1; v0 += v3;
  v1 = rotl64(v1, 17) ^ v2;
  v3 = rotl64(v3, 21) ^ v0;
  v2 = rotl64(v2, 32);
}

inline uint64_t load_le64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

bool g_randomized = true;

// Fills `buf` from the OS entropy source; aborts if none works (as CPython's start-up does).
void fill_random(uint8_t* buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = getrandom(buf + got, n - got, GRND_NONBLOCK);
    if (r > 0) { got += size_t(r); continue; }
    if (r < 0 && errno == EINTR) continue;
    break;
  }
  if (got == n) return;
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  while (fd >= 0 && got < n) {
    ssize_t r = read(fd, buf + got, n - got);
    if (r > 0) { got += size_t(r); continue; }
    if (r < 0 && errno == EINTR) continue;
    break;
  }
  if (fd >= 0) close(fd);
  if (got != n) {
    std::fputs("Fatal Python error: _Py_HashRandomization_Init: failed to get random numbers "
               "to initialize Python\n", stderr);
    std::exit(1);
  }
}

Status init_hash_secret_from_env() {
  std::optional<uint32_t> seed;
  const char* text = std::getenv("PYTHONHASHSEED");
  if (!hash_parse_seed(text, &seed)) {
    std::fputs("Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be \"random\" or "
               "an integer in range [0; 4294967295]\nPython runtime state: preinitialized\n\n",
               stderr);
    std::exit(1);
  }
  hash_init_secret(seed);
  return ok();
}

}  // namespace

uint64_t siphash13(uint64_t k0, uint64_t k1, const void* data, size_t len) {
  const uint8_t* in = static_cast<const uint8_t*>(data);
  uint64_t b = uint64_t(len) << 56;
  uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
  uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
  uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
  uint64_t v3 = k1 ^ 0x7465646279746573ULL;
  while (len >= 8) {
    uint64_t m = load_le64(in);
    in += 8;
    len -= 8;
    v3 ^= m;
    sip_round(v0, v1, v2, v3);
    v0 ^= m;
  }
  uint64_t tail = 0;
  for (size_t i = 0; i < len; ++i) tail |= uint64_t(in[i]) << (8 * i);
  b |= tail;
  v3 ^= b;
  sip_round(v0, v1, v2, v3);
  v0 ^= b;
  v2 ^= 0xff;
  sip_round(v0, v1, v2, v3);
  sip_round(v0, v1, v2, v3);
  sip_round(v0, v1, v2, v3);
  return (v0 ^ v1) ^ (v2 ^ v3);  // CPython's variant: no final round count change
}

int64_t hash_bytes(const void* data, size_t len) {
  if (len == 0) return 0;
  const core::Interpreter& interp = core::interpreter();
  int64_t h = int64_t(siphash13(interp.hash_secret_k0, interp.hash_secret_k1, data, len));
  return h == -1 ? -2 : h;
}

void hash_secret_for_seed(uint32_t seed, uint64_t* k0, uint64_t* k1) {
  uint8_t secret[24];
  uint32_t x = seed;
  for (uint8_t& byte : secret) {
    x = x * 214013u + 2531011u;
    byte = uint8_t((x >> 16) & 0xff);
  }
  *k0 = load_le64(secret);
  *k1 = load_le64(secret + 8);
}

void hash_init_secret(std::optional<uint32_t> seed) {
  core::Interpreter& interp = core::interpreter();
  g_randomized = !(seed && *seed == 0);
  if (!seed) {
    uint8_t secret[16];
    fill_random(secret, sizeof secret);
    interp.hash_secret_k0 = load_le64(secret);
    interp.hash_secret_k1 = load_le64(secret + 8);
  } else if (*seed == 0) {
    interp.hash_secret_k0 = interp.hash_secret_k1 = 0;
  } else {
    hash_secret_for_seed(*seed, &interp.hash_secret_k0, &interp.hash_secret_k1);
  }
}

bool hash_randomization_enabled() { return g_randomized; }

bool hash_parse_seed(const char* text, std::optional<uint32_t>* seed) {
  if (!text || !*text || std::strcmp(text, "random") == 0) {
    seed->reset();
    return true;
  }
  // CPython uses strtoul: leading blanks and a sign are accepted, trailing text is not.
  errno = 0;
  char* end = nullptr;
  unsigned long v = std::strtoul(text, &end, 10);
  if (*end != '\0' || end == text || v > 4294967295UL || errno == ERANGE) return false;
  *seed = uint32_t(v);
  return true;
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, init_hash_secret_from_env);

}  // namespace weft
