// stdlib/hashes/blake2.h — BLAKE2b and BLAKE2s (RFC 7693) with the whole parameter block that
// Python's blake2b()/blake2s() expose: digest size, key, salt, personalisation, fanout, depth,
// leaf size, node offset, node depth, inner size and the last-node flag for tree hashing.
// (OpenSSL 3.0 offers BLAKE2 only with the default parameters, so the algorithm lives here.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "stdlib/hashes/hash_engine.h"

namespace weft::hashes {

enum class Blake2Variant : uint8_t { kB, kS };

// Limits of each variant (Python publishes them as MAX_DIGEST_SIZE & co.).
struct Blake2Limits {
  size_t max_digest;  // 64 / 32 bytes
  size_t max_key;     // 64 / 32 bytes
  size_t salt_size;   // 16 / 8 bytes
  size_t person_size; // 16 / 8 bytes
  size_t block_size;  // 128 / 64 bytes
  uint64_t max_node_offset;  // 2**64-1 / 2**48-1
};
const Blake2Limits& blake2_limits(Blake2Variant v);

// The parameters, already checked against the limits by the caller (blake2_module.cpp).
struct Blake2Params {
  size_t digest_size;
  std::string_view key, salt, person;
  uint8_t fanout = 1, depth = 1;
  uint32_t leaf_size = 0;
  uint64_t node_offset = 0;
  uint8_t node_depth = 0, inner_size = 0;
  bool last_node = false;
};

// A BLAKE2 hash with those parameters (nullptr when out of memory).
std::unique_ptr<HashEngine> make_blake2_engine(Blake2Variant v, const Blake2Params& params);

}  // namespace weft::hashes
