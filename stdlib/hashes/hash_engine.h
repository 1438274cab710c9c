// stdlib/hashes/hash_engine.h — the hash computations behind every hash object of `_hashlib`,
// `_md5`, `_sha1`, `_sha2`, `_sha3` and `_blake2`: one small interface (update / digest of a copy
// / clone) with three implementations: an OpenSSL EVP message digest (MD5, SHA-1, SHA-2, SHA-3,
// SHAKE and whatever else the provider offers), an OpenSSL HMAC, and BLAKE2 with its full
// parameter block (blake2.h; OpenSSL 3.0 cannot set fanout/depth/leaf sizes).
//
// Engines are plain C++ state with no locking of their own: the hash object that owns one
// (hash_object.h) serialises every call with its mutex. Engines never raise Python exceptions;
// a false / nullptr result means OpenSSL (or memory) failed, and the caller raises.
#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace weft::hashes {

class HashEngine {
 public:
  virtual ~HashEngine() = default;

  // Feeds `n` bytes. May run detached from the runtime (touches no Python object).
  virtual bool update(const unsigned char* data, size_t n) = 0;
  // Writes the digest of everything fed so far without disturbing the state: `length` bytes,
  // which is digest_size() except for extendable-output functions (SHAKE).
  virtual bool digest(unsigned char* out, size_t length) const = 0;
  // An independent copy of the state, or nullptr when memory or OpenSSL fails.
  virtual std::unique_ptr<HashEngine> clone() const = 0;

  // Python's name of the algorithm ("sha256", "shake_128", "blake2b", "hmac-sha256").
  virtual std::string name() const = 0;
  virtual size_t digest_size() const = 0;  // 0 for SHAKE
  virtual size_t block_size() const = 0;
};

// ---- OpenSSL message digests --------------------------------------------------------------------

// The EVP_MD Python calls `name`: Python's spellings first ("sha3_256", "shake_128", "blake2b",
// "sha512_224"), then any name the OpenSSL providers know ("SHA256", "md5-sha1"); nullptr when
// none. Fetched digests are cached for the life of the process (thread-safe).
const EVP_MD* digest_by_name(std::string_view name);
// Python's name of an OpenSSL digest (OpenSSL's long name, lower-cased, for the rest).
std::string python_digest_name(const EVP_MD* md);
// Whether `md` is an extendable-output function (SHAKE).
bool digest_is_xof(const EVP_MD* md);
// Python's names of every digest the providers offer (for openssl_md_meth_names).
std::vector<std::string> all_digest_names();

// A hash over `md`, or nullptr when OpenSSL refuses to initialise it.
std::unique_ptr<HashEngine> make_evp_engine(const EVP_MD* md);
// An HMAC keyed with `key` over `md`, or nullptr when OpenSSL refuses.
std::unique_ptr<HashEngine> make_hmac_engine(const EVP_MD* md, std::string_view key);

// OpenSSL's reason for the last failure ("[digital envelope routines] unsupported"), clearing
// OpenSSL's error queue; `fallback` when the queue is empty.
std::string openssl_error_text(const char* fallback);

}  // namespace weft::hashes
