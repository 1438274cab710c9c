// stdlib/hashes/hashlib_module.cpp — `_hashlib`, the OpenSSL half of hashlib and hmac: new(),
// the openssl_<algorithm> constructors, HASH / HASHXOF / HMAC objects, hmac_new, hmac_digest,
// pbkdf2_hmac, scrypt, compare_digest, get_fips_mode, openssl_md_meth_names, `_constructors`
// (which hmac uses to map a constructor such as hashlib.sha256 back to its name) and
// UnsupportedDigestmodError (a ValueError).
//
// State: the exception class and the `_constructors` dict are made once, with the first module,
// and never change afterwards (published through atomics). Objects lock themselves
// (hash_object.h); pbkdf2_hmac runs detached (it is deliberately slow).
#include <openssl/err.h>
#include <openssl/evp.h>

#include <atomic>
#include <climits>
#include <string>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/mappingproxy.h"
#include "objects/module.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/exception_class.h"
#include "stdlib/hashes/hash_object.h"
#include "vm/import.h"
#include "vm/module_table.h"

namespace weft::hashes {
namespace {

Type HashType;     // _hashlib.HASH
Type HashXofType;  // _hashlib.HASHXOF (a HASH whose digest takes a length)
Type HmacType;     // _hashlib.HMAC

std::atomic<Type*> g_unsupported{nullptr};    // UnsupportedDigestmodError
std::atomic<Object*> g_constructors{nullptr};  // {openssl_md5: 'md5', ...}, never mutated

Error raise_unsupported(std::string_view message) {
  return raise(g_unsupported.load(std::memory_order_acquire), "{}", message);
}

// The digest Python calls `name`, or UnsupportedDigestmodError.
Result<const EVP_MD*> digest_named(Object* name) {
  std::string_view text = TRY(str_utf8(name));
  const EVP_MD* md = digest_by_name(text);
  if (!md) return raise_unsupported("unsupported hash type " + std::string(text));
  return md;
}

Result<Ref<Object>> new_digest_object(const EVP_MD* md, Object* data) {
  Type* type = digest_is_xof(md) ? &HashXofType : &HashType;
  return hash_object_with_data(type, make_evp_engine(md), data);
}

// "<sha256 _hashlib.HASH object @ 0x...>"; HMAC: "<sha256 HMAC object @ 0x...>".
Result<Ref<Object>> repr_with(Object* self, std::string_view name, const char* what) {
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(self));
  return str_from_utf8("<" + std::string(name) + " " + what + " object @ " + addr + ">");
}

Result<Ref<Object>> hash_repr(Object* self) {
  Ref<Object> name = TRY(hash_get_name(self));
  return repr_with(self, TRY(str_utf8(name.get())), self->ob_type->name);
}

Result<Ref<Object>> hmac_repr(Object* self) {
  Ref<Object> name = TRY(hash_get_name(self));
  std::string_view text = TRY(str_utf8(name.get()));
  if (text.substr(0, 5) == "hmac-") text.remove_prefix(5);
  return repr_with(self, text, "HMAC");
}

// ---- constructors -------------------------------------------------------------------------------

// new(name, data=b'', *, usedforsecurity=True, string=None)
Result<Ref<Object>> hashlib_new(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("new", "name | data * | usedforsecurity string");
  Object* a[4];
  TRY(kParser.parse(args, nargs, kwnames, a));
  if (!is_str(a[0])) return raise(exc::TypeError, "name must be a string");
  Object* data = TRY(constructor_data(a + 1));
  const EVP_MD* md = TRY(digest_named(a[0]));
  return new_digest_object(md, data);
}

// The openssl_<algorithm> constructors (table below); each one's name is its algorithm's name
// after the "openssl_" prefix.
extern const MethodDef kConstructorTable[];
constexpr size_t kNumConstructors = 12;
constexpr size_t kPrefixLength = sizeof("openssl_") - 1;

// openssl_<algorithm>(data=b'', *, usedforsecurity=True, string=None)
template <size_t I>
Result<Ref<Object>> openssl_constructor(Object*, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  static const ArgParser kParser(kConstructorTable[I].name, "| data * | usedforsecurity string");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Object* data = TRY(constructor_data(a));
  const EVP_MD* md = digest_by_name(kConstructorTable[I].name + kPrefixLength);
  if (!md) return raise_unsupported(openssl_error_text("unsupported hash type"));
  return new_digest_object(md, data);
}

#define WEFT_OPENSSL_CONSTRUCTOR(index, algorithm)                          \
  {"openssl_" algorithm, openssl_constructor<index>, kMethFastcall,        \
   "Returns a " algorithm " hash object; optionally initialized with a string"}

const MethodDef kConstructorTable[kNumConstructors + 1] = {
    WEFT_OPENSSL_CONSTRUCTOR(0, "md5"),        WEFT_OPENSSL_CONSTRUCTOR(1, "sha1"),
    WEFT_OPENSSL_CONSTRUCTOR(2, "sha224"),     WEFT_OPENSSL_CONSTRUCTOR(3, "sha256"),
    WEFT_OPENSSL_CONSTRUCTOR(4, "sha384"),     WEFT_OPENSSL_CONSTRUCTOR(5, "sha512"),
    WEFT_OPENSSL_CONSTRUCTOR(6, "sha3_224"),   WEFT_OPENSSL_CONSTRUCTOR(7, "sha3_256"),
    WEFT_OPENSSL_CONSTRUCTOR(8, "sha3_384"),   WEFT_OPENSSL_CONSTRUCTOR(9, "sha3_512"),
    WEFT_OPENSSL_CONSTRUCTOR(10, "shake_128"), WEFT_OPENSSL_CONSTRUCTOR(11, "shake_256"),
    {nullptr, nullptr, 0, nullptr},
};

#undef WEFT_OPENSSL_CONSTRUCTOR

// ---- HMAC ---------------------------------------------------------------------------------------

// hmac's `digestmod`: a name, or one of this module's constructors (looked up in _constructors).
Result<const EVP_MD*> hmac_digest_for(Object* digestmod) {
  if (is_str(digestmod)) return digest_named(digestmod);
  Ref<Object> name;
  Object* constructors = g_constructors.load(std::memory_order_acquire);
  bool found = constructors && TRY(dict_get_item(constructors, digestmod, &name));
  if (!found) {
    Ref<Object> repr = TRY(object_repr(digestmod));
    return raise_unsupported("Unsupported digestmod " + std::string(TRY(str_utf8(repr.get()))));
  }
  return digest_named(name.get());
}

// hmac_new(key, msg=b'', digestmod=None)
Result<Ref<Object>> hmac_new(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("hmac_new", "key | msg digestmod");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  ByteView key = TRY(byte_view(a[0]));
  if (!a[2] || is_none(a[2]))
    return raise(exc::TypeError, "Missing required parameter 'digestmod'.");
  const EVP_MD* md = TRY(hmac_digest_for(a[2]));
  if (key.size() > INT_MAX) return raise(exc::OverflowError, "key is too long.");
  Object* msg = a[1] && !is_none(a[1]) ? a[1] : nullptr;  // hmac.py passes None for "no message"
  return hash_object_with_data(&HmacType, make_hmac_engine(md, key.view()), msg);
}

// hmac_digest(key, msg, digest): one-shot HMAC.
Result<Ref<Object>> hmac_digest(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("hmac_digest", "key msg digest");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  ByteView key = TRY(byte_view(a[0]));
  ByteView msg = TRY(byte_view(a[1]));
  const EVP_MD* md = TRY(hmac_digest_for(a[2]));
  std::unique_ptr<HashEngine> engine = make_hmac_engine(md, key.view());
  unsigned char out[EVP_MAX_MD_SIZE];
  bool done = engine != nullptr;
  if (done) {
    // The engine is private to this call, so a long message may be hashed detached.
    core::DetachGuard detached;
    done = engine->update(reinterpret_cast<const unsigned char*>(msg.data()), msg.size()) &&
           engine->digest(out, engine->digest_size());
  }
  if (!done) return raise_engine_failure();
  return bytes_from(std::string_view(reinterpret_cast<const char*>(out), engine->digest_size()));
}

// ---- key derivation -----------------------------------------------------------------------------

// A new bytes of `length` bytes filled by `derive(out)` (an OpenSSL key derivation returning 1 on
// success), run detached: the bytes object is fresh and private to this call until returned.
template <class Derive>
Result<Ref<Object>> derive_key(int64_t length, Derive&& derive) {
  Ref<Object> key = TRY(bytes_new_uninitialized(length));
  auto* out = reinterpret_cast<unsigned char*>(bytes_mutable_data(key.get()));
  int done;
  {
    core::DetachGuard detached;
    done = derive(out);
  }
  if (done != 1) return raise_engine_failure();
  return key;
}

// pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None)
Result<Ref<Object>> pbkdf2_hmac(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("pbkdf2_hmac", "hash_name password salt iterations | dklen");
  Object* a[5];
  TRY(kParser.parse(args, nargs, kwnames, a));
  if (!is_str(a[0]))
    return raise(exc::TypeError, "pbkdf2_hmac() argument 'hash_name' must be str, not {}",
                 type_name_of(a[0]));
  ByteView password = TRY(byte_view(a[1]));
  ByteView salt = TRY(byte_view(a[2]));
  int64_t iterations = TRY(index_as_i64(a[3]));
  if (iterations < 1) return raise(exc::ValueError, "iteration value must be greater than 0.");
  if (iterations > INT_MAX) return raise(exc::OverflowError, "iteration value is too great.");
  const EVP_MD* md = TRY(digest_named(a[0]));
  int64_t dklen = EVP_MD_get_size(md);
  if (a[4] && !is_none(a[4])) {
    dklen = TRY(index_as_i64(a[4]));
    if (dklen < 1) return raise(exc::ValueError, "key length must be greater than 0.");
    if (dklen > INT_MAX) return raise(exc::OverflowError, "key length is too great.");
  }
  if (password.size() > INT_MAX || salt.size() > INT_MAX)
    return raise(exc::OverflowError, "password or salt is too long.");
  return derive_key(dklen, [&](unsigned char* out) {
    return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                             reinterpret_cast<const unsigned char*>(salt.data()),
                             static_cast<int>(salt.size()), static_cast<int>(iterations), md,
                             static_cast<int>(dklen), out);
  });
}

// scrypt(password, *, salt, n, r, p, maxmem=0, dklen=64)
Result<Ref<Object>> scrypt(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("scrypt", "password * salt n r p | maxmem dklen");
  Object* a[7];
  TRY(kParser.parse(args, nargs, kwnames, a));
  ByteView password = TRY(byte_view(a[0]));
  ByteView salt = TRY(byte_view(a[1]));
  int64_t n = TRY(index_as_i64(a[2]));
  int64_t r = TRY(index_as_i64(a[3]));
  int64_t p = TRY(index_as_i64(a[4]));
  int64_t maxmem = a[5] ? TRY(index_as_i64(a[5])) : 0;
  int64_t dklen = a[6] ? TRY(index_as_i64(a[6])) : 64;
  if (n < 2 || (n & (n - 1)) != 0) return raise(exc::ValueError, "n must be a power of 2.");
  if (maxmem < 0 || maxmem > INT_MAX)
    return raise(exc::ValueError, "maxmem must be positive and smaller than {}", INT_MAX);
  if (dklen < 1 || dklen > INT_MAX)
    return raise(exc::ValueError, "dklen must be greater than 0 and smaller than {}", INT_MAX);
  // A call without output only checks the parameters.
  if (r < 0 || p < 0 ||
      !EVP_PBE_scrypt(nullptr, 0, nullptr, 0, static_cast<uint64_t>(n), static_cast<uint64_t>(r),
                      static_cast<uint64_t>(p), static_cast<uint64_t>(maxmem), nullptr, 0)) {
    ERR_clear_error();  // CPython reports its own message, not OpenSSL's reason
    return raise(exc::ValueError, "Invalid parameter combination for n, r, p, maxmem.");
  }
  return derive_key(dklen, [&](unsigned char* out) {
    return EVP_PBE_scrypt(password.data(), password.size(),
                          reinterpret_cast<const unsigned char*>(salt.data()), salt.size(),
                          static_cast<uint64_t>(n), static_cast<uint64_t>(r),
                          static_cast<uint64_t>(p), static_cast<uint64_t>(maxmem), out,
                          static_cast<size_t>(dklen));
  });
}

// ---- misc ---------------------------------------------------------------------------------------

// compare_digest(a, b, /): the same comparison as operator._compare_digest, which it calls.
Result<Ref<Object>> compare_digest(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("compare_digest", nargs, kwnames, 2, 2));
  Ref<Object> name = TRY(str_from_ascii("_operator"));
  Ref<Object> op = TRY(vm::import_module(name.get()));
  Ref<Object> fn = TRY(get_attr(op.get(), "_compare_digest"));
  return call(fn.get(), args, 2);
}

Result<Ref<Object>> get_fips_mode(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(EVP_default_properties_is_fips_enabled(nullptr) ? 1 : 0);
}

const MethodDef kHashlibFunctions[] = {
    {"new", hashlib_new, kMethFastcall,
     "Return a new hash object using the named algorithm.\n\nAn optional string argument may be "
     "provided and will be\nautomatically hashed.\n\nThe MD5 and SHA1 algorithms are always "
     "supported."},
    {"hmac_new", hmac_new, kMethFastcall, "Return a new hmac object."},
    {"hmac_digest", hmac_digest, kMethFastcall, "Single-shot HMAC."},
    {"pbkdf2_hmac", pbkdf2_hmac, kMethFastcall,
     "Password based key derivation function 2 (PKCS #5 v2.0) with HMAC as pseudorandom "
     "function."},
    {"scrypt", scrypt, kMethFastcall, "scrypt password-based key derivation function."},
    {"compare_digest", compare_digest, kMethFastcall,
     "Return 'a == b'.\n\nThis function uses an approach designed to prevent\ntiming analysis, "
     "making it appropriate for cryptography.\n\na and b must both be of the same type: either "
     "str (ASCII only),\nor any bytes-like object.\n\nNote: If a and b are of different lengths, "
     "or if an error occurs,\na timing attack could theoretically reveal information about the\n"
     "types and lengths of a and b--but not their values."},
    {"get_fips_mode", get_fips_mode, kMethNoArgs,
     "Determine the OpenSSL FIPS mode of operation.\n\nFor OpenSSL 3.0.0 and newer it returns "
     "the state of the default provider\nin the default OSSL context. It's not quite the same as "
     "FIPS_mode() but good\nenough for unittests.\n\nEffectively any non-zero return value "
     "indicates FIPS mode;\nvalues other than 1 may have additional significance."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- types and module ---------------------------------------------------------------------------

Status fill_hashlib_types() {
  fill_hash_type(&HashType, "_hashlib.HASH",
                 "A hash is an object used to calculate a checksum of a string of information.",
                 DigestKind::kFixed);
  HashType.repr = hash_repr;
  fill_hash_type(&HashXofType, "_hashlib.HASHXOF",
                 "A hash is an object used to calculate a checksum of a string of information.",
                 DigestKind::kXof);
  HashXofType.repr = hash_repr;
  HashXofType.base = &HashType;
  fill_hash_type(&HmacType, "_hashlib.HMAC",
                 "The object used to calculate HMAC of a message.", DigestKind::kFixed);
  HmacType.repr = hmac_repr;
  return ok();
}

Status ready_hashlib_types() {
  TRY(type_ready(&HashType));
  TRY(type_ready(&HashXofType));
  return type_ready(&HmacType);
}

Status make_hashlib_objects() {
  Type* cls = TRY(new_exception_class("_hashlib", "UnsupportedDigestmodError", exc::ValueError));
  g_unsupported.store(cls, std::memory_order_release);
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_hashlib_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_hashlib_types);
WEFT_REGISTER_TYPE_INIT(kPhaseObjects, make_hashlib_objects);

// {openssl_md5: 'md5', ...} over the module's own function objects.
Result<Ref<Object>> constructors_dict(Object* dict) {
  Ref<Object> constructors = TRY(dict_new());
  for (size_t i = 0; i < kNumConstructors; ++i) {
    Ref<Object> fn;
    const char* function_name = kConstructorTable[i].name;
    Ref<Object> key = TRY(str_from_ascii(function_name));
    TRY(dict_get_item(dict, key.get(), &fn));
    Ref<Object> name = TRY(str_from_ascii(function_name + kPrefixLength));
    TRY(dict_set_item(constructors.get(), fn.get(), name.get()));
  }
  return constructors;
}

Result<Ref<Object>> md_meth_names() {
  Ref<Object> names = TRY(set_new(nullptr));
  for (const std::string& name : all_digest_names()) {
    Ref<Object> s = TRY(str_from_utf8(name));
    TRY(set_add(names.get(), s.get()));
  }
  return frozenset_new(names.get());
}

Result<Ref<Object>> create_hashlib_module() {
  Ref<Object> m = TRY(module_new("_hashlib"));
  Object* dict = module_dict(m.get());
  Ref<Object> module_name = TRY(str_from_ascii("_hashlib"));
  TRY(add_functions_to_dict(dict, kHashlibFunctions, m.get(), module_name.get()));
  TRY(add_functions_to_dict(dict, kConstructorTable, m.get(), module_name.get()));
  Ref<Object> constructors = TRY(constructors_dict(dict));
  Object* expected = nullptr;
  if (g_constructors.compare_exchange_strong(expected, constructors.get(),
                                             std::memory_order_acq_rel))
    (void)constructors.dup().release();  // owned by g_constructors for the life of the process
  else
    constructors = Ref<Object>::borrow(expected);  // hmac looks names up in the first one
  Ref<Object> proxy = TRY(mappingproxy_new(constructors.get()));
  TRY(dict_set_item_str(dict, "_constructors", proxy.get()));
  Ref<Object> names = TRY(md_meth_names());
  TRY(dict_set_item_str(dict, "openssl_md_meth_names", names.get()));
  TRY(dict_set_item_str(dict, "HASH", reinterpret_cast<Object*>(&HashType)));
  TRY(dict_set_item_str(dict, "HASHXOF", reinterpret_cast<Object*>(&HashXofType)));
  TRY(dict_set_item_str(dict, "HMAC", reinterpret_cast<Object*>(&HmacType)));
  TRY(dict_set_item_str(dict, "UnsupportedDigestmodError",
                        reinterpret_cast<Object*>(g_unsupported.load(std::memory_order_acquire))));
  TRY(add_gil_minsize(dict));
  return m;
}

WEFT_NATIVE_MODULE("_hashlib", create_hashlib_module);

}  // namespace
}  // namespace weft::hashes
