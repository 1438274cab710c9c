// stdlib/hashes/blake2_module.cpp — `_blake2`: the types blake2b and blake2s, constructors with
// BLAKE2's whole parameter block (`blake2b(data=b'', *, digest_size=64, key=b'', salt=b'',
// person=b'', fanout=1, depth=1, leaf_size=0, node_offset=0, node_depth=0, inner_size=0,
// last_node=False, usedforsecurity=True, string=None)`), checked with CPython 3.14's messages,
// over the engine of blake2.h. The size limits are published on the types (SALT_SIZE...) and as
// module constants (BLAKE2B_SALT_SIZE...). Stateless apart from the static types.
#include <gmp.h>

#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes_like.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/hashes/blake2.h"
#include "stdlib/hashes/hash_object.h"
#include "vm/module_table.h"

namespace weft::hashes {
namespace {

Type Blake2bType, Blake2sType;

Blake2Variant variant_of(const Type* type) {
  return type_is_subtype(type, &Blake2bType) ? Blake2Variant::kB : Blake2Variant::kS;
}

// Parameter indices in the constructor's signature.
enum Param {
  kData, kDigestSize, kKey, kSalt, kPerson, kFanout, kDepth, kLeafSize, kNodeOffset, kNodeDepth,
  kInnerSize, kLastNode, kUsedForSecurity, kString, kNumParams
};
constexpr const char* kSignature =
    "| data * | digest_size key salt person fanout depth leaf_size node_offset node_depth "
    "inner_size last_node usedforsecurity string";

// An integer parameter (default when not given).
Result<int64_t> int_param(Object* value, int64_t default_value) {
  return value ? index_as_i64(value) : Result<int64_t>(default_value);
}

// An unsigned parameter (leaf_size, node_offset): CPython reads them as C unsigned longs.
Result<uint64_t> unsigned_param(Object* value) {
  if (!value) return uint64_t(0);
  Ref<Object> n = TRY(number_index(value));
  if (int_sign(n.get()) < 0) return raise(exc::ValueError, "Cannot convert negative int");
  if (int_bit_length(n.get()) > 64)
    return raise(exc::OverflowError, "Python int too large to convert to C unsigned long");
  int64_t small;
  if (int_to_i64(n.get(), &small)) return static_cast<uint64_t>(small);
  mpz_t z;  // 2**63 <= n < 2**64
  mpz_init(z);
  int_to_mpz(n.get(), z);
  uint64_t v = mpz_get_ui(z);
  mpz_clear(z);
  return v;
}

// A bytes parameter of at most `limit` bytes: "maximum <what> length is <limit> bytes".
Result<ByteView> bytes_param(Object* value, const char* what, size_t limit) {
  if (!value) return ByteView();
  ByteView view = TRY(byte_view(value));
  if (view.size() > limit)
    return raise(exc::ValueError, "maximum {} length is {} bytes", what, limit);
  return view;
}

Result<uint8_t> byte_param(Object* value, int64_t default_value, int64_t low, const char* what) {
  int64_t v = TRY(int_param(value, default_value));
  if (v < low || v > 255)
    return raise(exc::ValueError, "{} must be between {} and 255", what, low);
  return static_cast<uint8_t>(v);
}

Result<Ref<Object>> blake2_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  Blake2Variant variant = variant_of(type);
  bool is_b = variant == Blake2Variant::kB;
  static const ArgParser kParserB("blake2b", kSignature);
  static const ArgParser kParserS("blake2s", kSignature);
  Object* a[kNumParams];
  TRY((is_b ? kParserB : kParserS).parse(args, nargs, kwnames, a));
  const Blake2Limits& limits = blake2_limits(variant);
  Blake2Params p;
  int64_t digest_size = TRY(int_param(a[kDigestSize], static_cast<int64_t>(limits.max_digest)));
  if (digest_size < 1 || digest_size > static_cast<int64_t>(limits.max_digest))
    return raise(exc::ValueError,
                 "digest_size for Blake2{} must be between 1 and {} bytes, here it is {}",
                 is_b ? "b" : "s", limits.max_digest, digest_size);
  p.digest_size = static_cast<size_t>(digest_size);
  ByteView salt = TRY(bytes_param(a[kSalt], "salt", limits.salt_size));
  ByteView person = TRY(bytes_param(a[kPerson], "person", limits.person_size));
  p.fanout = TRY(byte_param(a[kFanout], 1, 0, "fanout"));
  p.depth = TRY(byte_param(a[kDepth], 1, 1, "depth"));
  uint64_t leaf_size = TRY(unsigned_param(a[kLeafSize]));
  if (leaf_size > 0xffffffffULL) return raise(exc::OverflowError, "leaf_size is too large");
  p.leaf_size = static_cast<uint32_t>(leaf_size);
  p.node_offset = TRY(unsigned_param(a[kNodeOffset]));
  if (p.node_offset > limits.max_node_offset)
    return raise(exc::OverflowError, "node_offset is too large");
  p.node_depth = TRY(byte_param(a[kNodeDepth], 0, 0, "node_depth"));
  int64_t inner_size = TRY(int_param(a[kInnerSize], 0));
  if (inner_size < 0 || inner_size > static_cast<int64_t>(limits.max_digest))
    return raise(exc::ValueError, "inner_size must be between 0 and is {}", limits.max_digest);
  p.inner_size = static_cast<uint8_t>(inner_size);
  ByteView key = TRY(bytes_param(a[kKey], "key", limits.max_key));
  p.last_node = a[kLastNode] ? TRY(object_is_true(a[kLastNode])) : false;
  p.key = key.view();
  p.salt = salt.view();
  p.person = person.view();
  Object* ctor_args[3] = {a[kData], a[kUsedForSecurity], a[kString]};
  Object* data = TRY(constructor_data(ctor_args));
  return hash_object_with_data(type, make_blake2_engine(variant, p), data);
}

Status fill_blake2_types() {
  fill_hash_type(&Blake2bType, "_blake2.blake2b", "Return a new BLAKE2b hash object.",
                 DigestKind::kFixed, blake2_new);
  fill_hash_type(&Blake2sType, "_blake2.blake2s", "Return a new BLAKE2s hash object.",
                 DigestKind::kFixed, blake2_new);
  return ok();
}

Status ready_blake2_types() {
  TRY(type_ready(&Blake2bType));
  return type_ready(&Blake2sType);
}

// The limits as `prefix` + SALT_SIZE, PERSON_SIZE, MAX_KEY_SIZE, MAX_DIGEST_SIZE in `dict`.
Status add_limits(Object* dict, const std::string& prefix, const Blake2Limits& limits) {
  const std::pair<const char*, size_t> values[] = {
      {"SALT_SIZE", limits.salt_size},
      {"PERSON_SIZE", limits.person_size},
      {"MAX_KEY_SIZE", limits.max_key},
      {"MAX_DIGEST_SIZE", limits.max_digest},
  };
  for (const auto& [name, value] : values) {
    Ref<Object> v = TRY(int_from_i64(static_cast<int64_t>(value)));
    TRY(dict_set_item_str(dict, (prefix + name).c_str(), v.get()));
  }
  return ok();
}

// Class attributes need ints, which exist from kPhaseObjects on.
Status add_blake2_type_constants() {
  TRY(add_limits(Blake2bType.dict, "", blake2_limits(Blake2Variant::kB)));
  TRY(add_limits(Blake2sType.dict, "", blake2_limits(Blake2Variant::kS)));
  type_modified(&Blake2bType);
  type_modified(&Blake2sType);
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_blake2_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_blake2_types);
WEFT_REGISTER_TYPE_INIT(kPhaseObjects, add_blake2_type_constants);

Result<Ref<Object>> create_blake2_module() {
  Ref<Object> m = TRY(module_new("_blake2"));
  Object* dict = module_dict(m.get());
  TRY(dict_set_item_str(dict, "blake2b", reinterpret_cast<Object*>(&Blake2bType)));
  TRY(dict_set_item_str(dict, "blake2s", reinterpret_cast<Object*>(&Blake2sType)));
  TRY(add_limits(dict, "BLAKE2B_", blake2_limits(Blake2Variant::kB)));
  TRY(add_limits(dict, "BLAKE2S_", blake2_limits(Blake2Variant::kS)));
  TRY(add_gil_minsize(dict));
  return m;
}

WEFT_NATIVE_MODULE("_blake2", create_blake2_module);

}  // namespace
}  // namespace weft::hashes
