// stdlib/hashes/hash_engine.cpp — the OpenSSL 3 engines of hash_engine.h: EVP message digests and
// HMAC (EVP_MAC), plus the mapping between Python's algorithm names and OpenSSL's.
//
// Why EVP and EVP_MAC: they are OpenSSL 3's supported interfaces (HMAC_CTX is deprecated), they
// reach every provider's digests, and contexts can be duplicated, which gives digest() without
// finalising the live state and copy() for free.
//
// Caches: EVP_MD_fetch / EVP_MAC_fetch look algorithms up through the provider store, which is
// slow, so fetched objects are kept for the life of the process: the well-known digests in one
// atomic slot each (a racing second fetch is freed), other names in a list guarded by a
// sync::Mutex. Engines themselves are unsynchronised; their owner locks (hash_object.h).
#include "stdlib/hashes/hash_engine.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/params.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <new>
#include <utility>

#include "sync/mutex.h"

namespace weft::hashes {
namespace {

// Python's spelling, the name OpenSSL fetches by, and OpenSSL's NID (for the reverse mapping).
struct NamedDigest {
  const char* python;
  const char* openssl;
  int nid;
};
constexpr NamedDigest kNamedDigests[] = {
    {"md5", "MD5", NID_md5},
    {"sha1", "SHA1", NID_sha1},
    {"sha224", "SHA224", NID_sha224},
    {"sha256", "SHA256", NID_sha256},
    {"sha384", "SHA384", NID_sha384},
    {"sha512", "SHA512", NID_sha512},
    {"sha512_224", "SHA512-224", NID_sha512_224},
    {"sha512_256", "SHA512-256", NID_sha512_256},
    {"sha3_224", "SHA3-224", NID_sha3_224},
    {"sha3_256", "SHA3-256", NID_sha3_256},
    {"sha3_384", "SHA3-384", NID_sha3_384},
    {"sha3_512", "SHA3-512", NID_sha3_512},
    {"shake_128", "SHAKE128", NID_shake128},
    {"shake_256", "SHAKE256", NID_shake256},
    {"blake2b", "BLAKE2B-512", NID_blake2b512},
    {"blake2s", "BLAKE2S-256", NID_blake2s256},
};
constexpr size_t kNumNamed = sizeof(kNamedDigests) / sizeof(kNamedDigests[0]);

std::atomic<EVP_MD*> g_named_cache[kNumNamed];

// Digests fetched by other names ("SHA256", "md5-sha1"): fetched once each, never freed.
sync::Mutex g_other_mutex;
std::vector<std::pair<std::string, EVP_MD*>>* g_other_cache WEFT_GUARDED_BY(g_other_mutex);

const EVP_MD* cached_named_digest(size_t i) {
  if (EVP_MD* md = g_named_cache[i].load(std::memory_order_acquire)) return md;
  EVP_MD* fetched = EVP_MD_fetch(nullptr, kNamedDigests[i].openssl, nullptr);
  if (!fetched) return nullptr;
  EVP_MD* expected = nullptr;
  if (!g_named_cache[i].compare_exchange_strong(expected, fetched, std::memory_order_acq_rel)) {
    EVP_MD_free(fetched);  // another thread won the race; use its copy
    return expected;
  }
  return fetched;
}

const EVP_MD* cached_other_digest(std::string_view name) {
  sync::MutexLock lock(g_other_mutex);
  if (!g_other_cache) {
    g_other_cache = new (std::nothrow) std::vector<std::pair<std::string, EVP_MD*>>();
    if (!g_other_cache) return nullptr;
  }
  for (const auto& [known, md] : *g_other_cache)
    if (known == name) return md;
  std::string key(name);
  EVP_MD* md = EVP_MD_fetch(nullptr, key.c_str(), nullptr);
  if (!md) return nullptr;
  g_other_cache->emplace_back(std::move(key), md);
  return md;
}

EVP_MAC* hmac_algorithm() {
  static std::atomic<EVP_MAC*> cache{nullptr};
  if (EVP_MAC* mac = cache.load(std::memory_order_acquire)) return mac;
  EVP_MAC* fetched = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
  if (!fetched) return nullptr;
  EVP_MAC* expected = nullptr;
  if (!cache.compare_exchange_strong(expected, fetched, std::memory_order_acq_rel)) {
    EVP_MAC_free(fetched);
    return expected;
  }
  return fetched;
}

class EvpEngine final : public HashEngine {
 public:
  explicit EvpEngine(EVP_MD_CTX* ctx) : ctx_(ctx) {}
  ~EvpEngine() override { EVP_MD_CTX_free(ctx_); }

  bool update(const unsigned char* data, size_t n) override {
    return EVP_DigestUpdate(ctx_, data, n) == 1;
  }

  bool digest(unsigned char* out, size_t length) const override {
    EVP_MD_CTX* temp = EVP_MD_CTX_new();
    if (!temp) return false;
    bool ok = EVP_MD_CTX_copy_ex(temp, ctx_) == 1;
    if (ok) {
      if (digest_is_xof(EVP_MD_CTX_get0_md(ctx_)))
        ok = length == 0 || EVP_DigestFinalXOF(temp, out, length) == 1;
      else
        ok = EVP_DigestFinal_ex(temp, out, nullptr) == 1;
    }
    EVP_MD_CTX_free(temp);
    return ok;
  }

  std::unique_ptr<HashEngine> clone() const override {
    EVP_MD_CTX* copy = EVP_MD_CTX_new();
    if (!copy) return nullptr;
    if (EVP_MD_CTX_copy_ex(copy, ctx_) != 1) {
      EVP_MD_CTX_free(copy);
      return nullptr;
    }
    std::unique_ptr<HashEngine> engine(new (std::nothrow) EvpEngine(copy));
    if (!engine) EVP_MD_CTX_free(copy);
    return engine;
  }

  std::string name() const override { return python_digest_name(EVP_MD_CTX_get0_md(ctx_)); }
  size_t digest_size() const override {
    const EVP_MD* md = EVP_MD_CTX_get0_md(ctx_);
    return digest_is_xof(md) ? 0 : static_cast<size_t>(EVP_MD_get_size(md));
  }
  size_t block_size() const override {
    return static_cast<size_t>(EVP_MD_get_block_size(EVP_MD_CTX_get0_md(ctx_)));
  }

 private:
  EVP_MD_CTX* ctx_;  // owned
};

class HmacEngine final : public HashEngine {
 public:
  HmacEngine(EVP_MAC_CTX* ctx, const EVP_MD* md) : ctx_(ctx), md_(md) {}
  ~HmacEngine() override { EVP_MAC_CTX_free(ctx_); }

  bool update(const unsigned char* data, size_t n) override {
    return EVP_MAC_update(ctx_, data, n) == 1;
  }

  bool digest(unsigned char* out, size_t length) const override {
    EVP_MAC_CTX* temp = EVP_MAC_CTX_dup(ctx_);
    if (!temp) return false;
    size_t written = 0;
    bool ok = EVP_MAC_final(temp, out, &written, length) == 1;
    EVP_MAC_CTX_free(temp);
    return ok;
  }

  std::unique_ptr<HashEngine> clone() const override {
    EVP_MAC_CTX* copy = EVP_MAC_CTX_dup(ctx_);
    if (!copy) return nullptr;
    std::unique_ptr<HashEngine> engine(new (std::nothrow) HmacEngine(copy, md_));
    if (!engine) EVP_MAC_CTX_free(copy);
    return engine;
  }

  std::string name() const override { return "hmac-" + python_digest_name(md_); }
  size_t digest_size() const override { return EVP_MAC_CTX_get_mac_size(ctx_); }
  size_t block_size() const override { return static_cast<size_t>(EVP_MD_get_block_size(md_)); }

 private:
  EVP_MAC_CTX* ctx_;  // owned
  const EVP_MD* md_;  // cached for the life of the process (digest_by_name)
};

std::string lower(const char* text) {
  std::string s(text);
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

const EVP_MD* digest_by_name(std::string_view name) {
  for (size_t i = 0; i < kNumNamed; ++i)
    if (name == kNamedDigests[i].python) return cached_named_digest(i);
  // OpenSSL names never contain NUL; one inside `name` can only fail to match.
  if (name.empty() || name.find('\0') != std::string_view::npos) return nullptr;
  return cached_other_digest(name);
}

std::string python_digest_name(const EVP_MD* md) {
  int nid = EVP_MD_get_type(md);
  for (const NamedDigest& d : kNamedDigests)
    if (d.nid == nid) return d.python;
  if (const char* long_name = OBJ_nid2ln(nid)) return lower(long_name);
  if (const char* own_name = EVP_MD_get0_name(md)) return lower(own_name);
  return "unknown";
}

bool digest_is_xof(const EVP_MD* md) {
  return (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0;
}

std::vector<std::string> all_digest_names() {
  std::vector<std::string> names;
  EVP_MD_do_all_provided(
      nullptr,
      [](EVP_MD* md, void* arg) {
        auto* out = static_cast<std::vector<std::string>*>(arg);
        std::string name = python_digest_name(md);
        if (std::find(out->begin(), out->end(), name) == out->end())
          out->push_back(std::move(name));
      },
      &names);
  return names;
}

std::unique_ptr<HashEngine> make_evp_engine(const EVP_MD* md) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (!ctx) return nullptr;
  if (EVP_DigestInit_ex(ctx, md, nullptr) != 1) {
    EVP_MD_CTX_free(ctx);
    return nullptr;
  }
  std::unique_ptr<HashEngine> engine(new (std::nothrow) EvpEngine(ctx));
  if (!engine) EVP_MD_CTX_free(ctx);
  return engine;
}

std::unique_ptr<HashEngine> make_hmac_engine(const EVP_MD* md, std::string_view key) {
  EVP_MAC* mac = hmac_algorithm();
  if (!mac) return nullptr;
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  if (!ctx) return nullptr;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                       const_cast<char*>(EVP_MD_get0_name(md)), 0),
      OSSL_PARAM_construct_end(),
  };
  // An empty key still needs a non-null pointer, or OpenSSL reports "no key set".
  static const unsigned char kEmpty[1] = {0};
  const auto* key_bytes =
      key.empty() ? kEmpty : reinterpret_cast<const unsigned char*>(key.data());
  if (EVP_MAC_init(ctx, key_bytes, key.size(), params) != 1) {
    EVP_MAC_CTX_free(ctx);
    return nullptr;
  }
  std::unique_ptr<HashEngine> engine(new (std::nothrow) HmacEngine(ctx, md));
  if (!engine) EVP_MAC_CTX_free(ctx);
  return engine;
}

std::string openssl_error_text(const char* fallback) {
  unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (!code) return fallback;
  const char* lib = ERR_lib_error_string(code);
  const char* reason = ERR_reason_error_string(code);
  if (!reason) return fallback;
  if (lib) return std::string("[") + lib + "] " + reason;
  return reason;
}

}  // namespace weft::hashes
