// objects/hash.h — CPython's string/bytes hash: SipHash-1-3 keyed from PYTHONHASHSEED.
//
// hash(str) and hash(bytes) equal CPython's on 64-bit Linux for the same PYTHONHASHSEED:
//   - the key is 16 bytes (k0, k1) taken from CPython's 24-byte _Py_HashSecret;
//   - PYTHONHASHSEED unset or "random": the secret comes from getrandom()/urandom;
//   - PYTHONHASHSEED=0: the secret is all zeros (randomisation disabled);
//   - PYTHONHASHSEED=N (1..4294967295): the secret is filled by CPython's LCG seeded with N.
// CPython hashes str by its PEP 393 code-point array (1, 2 or 4 bytes per code point), not UTF-8;
// the empty buffer hashes to 0 and a result of -1 becomes -2. There is no small-string special
// case (Py_HASH_CUTOFF is 0 in CPython's default build).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace weft {

// SipHash-1-3 of `data` with the key (k0, k1), exactly CPython's siphash13().
uint64_t siphash13(uint64_t k0, uint64_t k1, const void* data, size_t len);

// CPython's Py_HashBuffer with the interpreter's key: 0 for an empty buffer, never -1.
int64_t hash_bytes(const void* data, size_t len);

// Fills core::interpreter().hash_secret_k0/k1. `seed` empty: random; 0: zeros; else the LCG.
// Called once at start-up (kPhaseFill) from the PYTHONHASHSEED environment variable; the runtime
// may call it again before any str is hashed (e.g. with -E, which ignores the environment).
void hash_init_secret(std::optional<uint32_t> seed);

// The two 64-bit key halves CPython derives for a seed (exposed for tests).
void hash_secret_for_seed(uint32_t seed, uint64_t* k0, uint64_t* k1);

// sys.flags.hash_randomization: false only when PYTHONHASHSEED=0.
bool hash_randomization_enabled();

// Parses a PYTHONHASHSEED value: "random" -> empty optional (random), "N" -> N. Returns false for
// anything else (CPython then stops with a fatal error).
bool hash_parse_seed(const char* text, std::optional<uint32_t>* seed);

}  // namespace weft
