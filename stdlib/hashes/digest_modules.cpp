// stdlib/hashes/digest_modules.cpp — the "builtin" digest modules `_md5`, `_sha1` and `_sha2`
// that hashlib falls back to (and random.seed(str) uses directly: `from _sha2 import sha512`).
// CPython builds them on HACL*; here they run on the same OpenSSL EVP engine as `_hashlib`, with
// CPython's own type names (`_md5.md5`, `_sha2.SHA256Type`...), which cannot be instantiated
// directly: the module functions md5(), sha256()... make the objects.
//
// One table describes every constructor; modules pick their rows. Stateless apart from the
// static types (hash objects lock themselves, hash_object.h).
#include "objects/args.h"
#include "objects/descr.h"
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

struct BuiltinDigest {
  const char* module;     // "_sha2"
  const char* function;   // "sha256": the constructor, and the OpenSSL algorithm's Python name
  const char* type_attr;  // "SHA256Type": the module attribute naming the type
  const char* type_name;  // "_sha2.SHA256Type"
  const char* doc;        // the constructor's docstring
  Type* type;
};

Type Md5Type, Sha1Type, Sha224Type, Sha256Type, Sha384Type, Sha512Type;

const BuiltinDigest kDigests[] = {
    {"_md5", "md5", "MD5Type", "_md5.md5",
     "Return a new MD5 hash object; optionally initialized with a string.", &Md5Type},
    {"_sha1", "sha1", "SHA1Type", "_sha1.sha1",
     "Return a new SHA1 hash object; optionally initialized with a string.", &Sha1Type},
    {"_sha2", "sha224", "SHA224Type", "_sha2.SHA224Type",
     "Return a new SHA-224 hash object; optionally initialized with a string.", &Sha224Type},
    {"_sha2", "sha256", "SHA256Type", "_sha2.SHA256Type",
     "Return a new SHA-256 hash object; optionally initialized with a string.", &Sha256Type},
    {"_sha2", "sha384", "SHA384Type", "_sha2.SHA384Type",
     "Return a new SHA-384 hash object; optionally initialized with a string.", &Sha384Type},
    {"_sha2", "sha512", "SHA512Type", "_sha2.SHA512Type",
     "Return a new SHA-512 hash object; optionally initialized with a string.", &Sha512Type},
};
constexpr size_t kNumDigests = sizeof(kDigests) / sizeof(kDigests[0]);

// <function>(data=b'', *, usedforsecurity=True, string=None)
template <size_t I>
Result<Ref<Object>> construct(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser(kDigests[I].function, "| data * | usedforsecurity string");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Object* data = TRY(constructor_data(a));
  const EVP_MD* md = digest_by_name(kDigests[I].function);
  if (!md) return raise(exc::ValueError, "{}", openssl_error_text("unsupported hash type"));
  return hash_object_with_data(kDigests[I].type, make_evp_engine(md), data);
}

constexpr CFunction kConstructors[kNumDigests] = {construct<0>, construct<1>, construct<2>,
                                                  construct<3>, construct<4>, construct<5>};

// Each constructor as a one-function table for add_functions_to_dict; filled at start-up
// (kPhaseFill runs before any thread exists), read-only afterwards.
MethodDef g_constructor_defs[kNumDigests][2];

Status fill_digest_types() {
  for (size_t i = 0; i < kNumDigests; ++i) {
    const BuiltinDigest& d = kDigests[i];
    fill_hash_type(d.type, d.type_name, nullptr, DigestKind::kFixed);
    g_constructor_defs[i][0] = {d.function, kConstructors[i], kMethFastcall, d.doc};
    g_constructor_defs[i][1] = {nullptr, nullptr, 0, nullptr};
  }
  return ok();
}

Status ready_digest_types() {
  for (const BuiltinDigest& d : kDigests) TRY(type_ready(d.type));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_digest_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_digest_types);

// Builds module `name` from the rows of kDigests that belong to it.
Result<Ref<Object>> create_digest_module(const char* name) {
  Ref<Object> m = TRY(module_new(name));
  Object* dict = module_dict(m.get());
  Ref<Object> module_name = TRY(str_from_ascii(name));
  for (size_t i = 0; i < kNumDigests; ++i) {
    const BuiltinDigest& d = kDigests[i];
    if (std::string_view(d.module) != name) continue;
    TRY(add_functions_to_dict(dict, g_constructor_defs[i], m.get(), module_name.get()));
    TRY(dict_set_item_str(dict, d.type_attr, reinterpret_cast<Object*>(d.type)));
  }
  TRY(add_gil_minsize(dict));
  return m;
}

Result<Ref<Object>> create_md5_module() { return create_digest_module("_md5"); }
Result<Ref<Object>> create_sha1_module() { return create_digest_module("_sha1"); }
Result<Ref<Object>> create_sha2_module() { return create_digest_module("_sha2"); }

WEFT_NATIVE_MODULE("_md5", create_md5_module);
WEFT_NATIVE_MODULE("_sha1", create_sha1_module);
WEFT_NATIVE_MODULE("_sha2", create_sha2_module);

}  // namespace
}  // namespace weft::hashes
