// stdlib/hashes/sha3_module.cpp — `_sha3`: the types sha3_224, sha3_256, sha3_384, sha3_512,
// shake_128 and shake_256, which (unlike _md5's) are called directly as constructors:
// `sha3_256(data=b'', *, usedforsecurity=True, string=None)`. The Keccak sponge is OpenSSL's
// (hash_engine.h); the objects add CPython's `_capacity_bits`, `_rate_bits` and `_suffix`.
// Stateless apart from the static types (hash objects lock themselves, hash_object.h).
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/hashes/hash_object.h"
#include "vm/module_table.h"

namespace weft::hashes {
namespace {

constexpr int kKeccakWidthBits = 1600;

Type Sha3_224Type, Sha3_256Type, Sha3_384Type, Sha3_512Type, Shake128Type, Shake256Type;

struct Sha3Variant {
  const char* name;  // the algorithm's Python name, the type's and the module attribute's
  const char* type_name;
  const char* doc;
  Type* type;
  DigestKind kind;
};

const Sha3Variant kVariants[] = {
    {"sha3_224", "_sha3.sha3_224",
     "sha3_224([data], *, usedforsecurity=True) -> SHA3 object\n\nReturn a new SHA3 hash object "
     "with a hashbit length of 28 bytes.",
     &Sha3_224Type, DigestKind::kFixed},
    {"sha3_256", "_sha3.sha3_256",
     "sha3_256([data], *, usedforsecurity=True) -> SHA3 object\n\nReturn a new SHA3 hash object "
     "with a hashbit length of 32 bytes.",
     &Sha3_256Type, DigestKind::kFixed},
    {"sha3_384", "_sha3.sha3_384",
     "sha3_384([data], *, usedforsecurity=True) -> SHA3 object\n\nReturn a new SHA3 hash object "
     "with a hashbit length of 48 bytes.",
     &Sha3_384Type, DigestKind::kFixed},
    {"sha3_512", "_sha3.sha3_512",
     "sha3_512([data], *, usedforsecurity=True) -> SHA3 object\n\nReturn a new SHA3 hash object "
     "with a hashbit length of 64 bytes.",
     &Sha3_512Type, DigestKind::kFixed},
    {"shake_128", "_sha3.shake_128",
     "shake_128([data], *, usedforsecurity=True) -> SHAKE object\n\nReturn a new SHAKE hash "
     "object.",
     &Shake128Type, DigestKind::kXof},
    {"shake_256", "_sha3.shake_256",
     "shake_256([data], *, usedforsecurity=True) -> SHAKE object\n\nReturn a new SHAKE hash "
     "object.",
     &Shake256Type, DigestKind::kXof},
};

const Sha3Variant& variant_of(const Type* type) {
  for (const Sha3Variant& v : kVariants)
    if (type_is_subtype(type, v.type)) return v;
  return kVariants[0];  // unreachable: only these types (and no subclasses) have sha3_new
}

Result<Ref<Object>> sha3_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  const Sha3Variant& v = variant_of(type);
  static constexpr const char* kSignature = "| data * | usedforsecurity string";
  static const ArgParser kParsers[] = {
      {kVariants[0].name, kSignature}, {kVariants[1].name, kSignature},
      {kVariants[2].name, kSignature}, {kVariants[3].name, kSignature},
      {kVariants[4].name, kSignature}, {kVariants[5].name, kSignature},
  };
  Object* a[3];
  TRY(kParsers[&v - kVariants].parse(args, nargs, kwnames, a));
  Object* data = TRY(constructor_data(a));
  const EVP_MD* md = digest_by_name(v.name);
  if (!md) return raise(exc::ValueError, "{}", openssl_error_text("unsupported hash type"));
  return hash_object_with_data(type, make_evp_engine(md), data);
}

// The sponge's rate in bits: the block size.
int64_t rate_bits(Object* self) { return 8 * static_cast<int64_t>(hash_block_size(self)); }

Result<Ref<Object>> get_rate_bits(Object* self) { return int_from_i64(rate_bits(self)); }

Result<Ref<Object>> get_capacity_bits(Object* self) {
  return int_from_i64(kKeccakWidthBits - rate_bits(self));
}

// The domain-separation suffix: 0x06 for SHA-3, 0x1f for SHAKE.
Result<Ref<Object>> get_suffix(Object* self) {
  bool shake = variant_of(self->ob_type).kind == DigestKind::kXof;
  return bytes_from(shake ? std::string_view("\x1f", 1) : std::string_view("\x06", 1));
}

const GetSetDef kSha3GetSets[] = {
    {"name", hash_get_name, nullptr, nullptr},
    {"digest_size", hash_get_digest_size, nullptr, nullptr},
    {"block_size", hash_get_block_size, nullptr, nullptr},
    {"_capacity_bits", get_capacity_bits, nullptr, nullptr},
    {"_rate_bits", get_rate_bits, nullptr, nullptr},
    {"_suffix", get_suffix, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_sha3_types() {
  for (const Sha3Variant& v : kVariants)
    fill_hash_type(v.type, v.type_name, v.doc, v.kind, sha3_new, kSha3GetSets);
  return ok();
}

Status ready_sha3_types() {
  for (const Sha3Variant& v : kVariants) TRY(type_ready(v.type));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_sha3_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_sha3_types);

Result<Ref<Object>> create_sha3_module() {
  Ref<Object> m = TRY(module_new("_sha3"));
  Object* dict = module_dict(m.get());
  for (const Sha3Variant& v : kVariants)
    TRY(dict_set_item_str(dict, v.name, reinterpret_cast<Object*>(v.type)));
  // CPython names its Keccak provider; this one is OpenSSL's.
  Ref<Object> implementation = TRY(str_from_ascii("OpenSSL"));
  TRY(dict_set_item_str(dict, "implementation", implementation.get()));
  TRY(add_gil_minsize(dict));
  return m;
}

WEFT_NATIVE_MODULE("_sha3", create_sha3_module);

}  // namespace
}  // namespace weft::hashes
