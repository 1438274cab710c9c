// stdlib/hashes/hash_object.cpp — the methods, attributes and constructor helpers every hash type
// shares (see hash_object.h): update, digest, hexdigest, copy, name, digest_size, block_size.
//
// Locking: `mutex` is held around each engine call and nothing else (no Python code runs under
// it); big updates detach while holding it, which is safe because sync::Mutex parks detached, so
// a second thread waiting for the same hash never blocks a stop-the-world.
#include "stdlib/hashes/hash_object.h"

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"

namespace weft::hashes {
namespace {

// SHAKE output lengths at or above this are refused, as CPython's _sha3 does.
constexpr int64_t kMaxXofLength = int64_t(1) << 29;

HashObject* as_hash(Object* o) { return static_cast<HashObject*>(o); }

void hash_dealloc(Object* self) {
  delete as_hash(self)->engine;
  free_object(self);
}

// Writes the current digest (`length` bytes) into `out` under the lock.
Status digest_into(Object* self, unsigned char* out, size_t length) {
  HashObject* h = as_hash(self);
  bool done;
  {
    sync::MutexLock lock(h->mutex);
    done = h->engine->digest(out, length);
  }
  if (!done) return raise_engine_failure();
  return ok();
}

size_t fixed_digest_size(Object* self) {
  HashObject* h = as_hash(self);
  sync::MutexLock lock(h->mutex);
  return h->engine->digest_size();
}

// digest(length)'s argument, parsed by `parser`: an index in [0, 2**29).
Result<size_t> xof_length(const ArgParser& parser, Object* const* args, size_t nargs,
                          Object* kwnames) {
  Object* a[1];
  TRY(parser.parse(args, nargs, kwnames, a));
  Ref<Object> n = TRY(number_index(a[0]));
  if (int_sign(n.get()) < 0) return raise(exc::ValueError, "Cannot convert negative int");
  int64_t length = TRY(index_as_i64(n.get()));
  if (length >= kMaxXofLength) return raise(exc::ValueError, "length is too large");
  return static_cast<size_t>(length);
}

Result<Ref<Object>> digest_bytes(Object* self, size_t length) {
  Ref<Object> out = TRY(bytes_new_uninitialized(static_cast<int64_t>(length)));
  if (length == 0) return out;
  TRY(digest_into(self, reinterpret_cast<unsigned char*>(bytes_mutable_data(out.get())), length));
  return out;
}

Result<Ref<Object>> digest_hex(Object* self, size_t length) {
  Ref<Object> raw = TRY(digest_bytes(self, length));
  return hex_str(reinterpret_cast<const unsigned char*>(bytes_view(raw.get()).data()), length);
}

// ---- methods ------------------------------------------------------------------------------------

Result<Ref<Object>> hash_update(Object* self, Object* const* args, size_t, Object*) {
  TRY(hash_object_update(self, args[0]));
  return new_none();
}

Result<Ref<Object>> hash_digest(Object* self, Object* const*, size_t, Object*) {
  return digest_bytes(self, fixed_digest_size(self));
}

Result<Ref<Object>> hash_hexdigest(Object* self, Object* const*, size_t, Object*) {
  return digest_hex(self, fixed_digest_size(self));
}

Result<Ref<Object>> xof_digest(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("digest", "length");
  return digest_bytes(self, TRY(xof_length(kParser, args, nargs, kwnames)));
}

Result<Ref<Object>> xof_hexdigest(Object* self, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  static const ArgParser kParser("hexdigest", "length");
  return digest_hex(self, TRY(xof_length(kParser, args, nargs, kwnames)));
}

Result<Ref<Object>> hash_copy(Object* self, Object* const*, size_t, Object*) {
  HashObject* h = as_hash(self);
  std::unique_ptr<HashEngine> engine;
  {
    sync::MutexLock lock(h->mutex);
    engine = h->engine->clone();
  }
  return hash_object_new(self->ob_type, std::move(engine));
}

#define WEFT_HASH_COMMON_METHODS                                                        \
  {"update", hash_update, kMethOneArg,                                                  \
   "Update this hash object's state with the provided string."},                        \
  {"copy", hash_copy, kMethNoArgs, "Return a copy of the hash object."}

const MethodDef kFixedMethods[] = {
    WEFT_HASH_COMMON_METHODS,
    {"digest", hash_digest, kMethNoArgs, "Return the digest value as a bytes object."},
    {"hexdigest", hash_hexdigest, kMethNoArgs,
     "Return the digest value as a string of hexadecimal digits."},
    {nullptr, nullptr, 0, nullptr},
};

const MethodDef kXofMethods[] = {
    WEFT_HASH_COMMON_METHODS,
    {"digest", xof_digest, kMethFastcall,
     "Return the digest value as a bytes object.\n\nThe digest is length bytes long."},
    {"hexdigest", xof_hexdigest, kMethFastcall,
     "Return the digest value as a string of hexadecimal digits."},
    {nullptr, nullptr, 0, nullptr},
};

#undef WEFT_HASH_COMMON_METHODS

}  // namespace

Error raise_engine_failure() {
  return raise(exc::ValueError, "{}", openssl_error_text("unknown reasons"));
}

// ---- attributes ---------------------------------------------------------------------------------

Result<Ref<Object>> hash_get_digest_size(Object* self) {
  return int_from_i64(static_cast<int64_t>(fixed_digest_size(self)));
}

size_t hash_block_size(Object* self) {
  HashObject* h = as_hash(self);
  sync::MutexLock lock(h->mutex);
  return h->engine->block_size();
}

Result<Ref<Object>> hash_get_block_size(Object* self) {
  return int_from_i64(static_cast<int64_t>(hash_block_size(self)));
}

Result<Ref<Object>> hash_get_name(Object* self) {
  HashObject* h = as_hash(self);
  std::string name;
  {
    sync::MutexLock lock(h->mutex);
    name = h->engine->name();
  }
  return str_from_utf8(name);
}

const GetSetDef kHashGetSets[] = {
    {"name", hash_get_name, nullptr, "algorithm name."},
    {"digest_size", hash_get_digest_size, nullptr, nullptr},
    {"block_size", hash_get_block_size, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

void fill_hash_type(Type* t, const char* name, const char* doc, DigestKind kind, NewFn new_fn,
                    const GetSetDef* getsets) {
  t->name = name;
  t->doc = doc;
  t->basicsize = sizeof(HashObject);
  t->flags = new_fn ? kTypeImmutable : kTypeImmutable | kTypeDisallowInstantiation;
  t->new_ = new_fn;
  t->dealloc = hash_dealloc;
  t->methods = kind == DigestKind::kXof ? kXofMethods : kFixedMethods;
  t->getsets = getsets ? getsets : kHashGetSets;
}

Result<Ref<Object>> hash_object_new(Type* type, std::unique_ptr<HashEngine> engine) {
  if (!engine) return raise_engine_failure();
  Ref<HashObject> h = TRY(new_object<HashObject>(type, static_cast<size_t>(type->basicsize)));
  h->engine = engine.release();
  return Ref<Object>(std::move(h));
}

Result<ByteView> hash_input(Object* data) {
  if (is_str(data)) return raise(exc::TypeError, "Strings must be encoded before hashing");
  if (!exports_buffer(data)) return raise(exc::TypeError, "object supporting the buffer API required");
  return byte_view(data);
}

Status hash_object_update(Object* self, Object* data) {
  ByteView view = TRY(hash_input(data));
  HashObject* h = as_hash(self);
  const auto* bytes = reinterpret_cast<const unsigned char*>(view.data());
  bool done;
  {
    sync::MutexLock lock(h->mutex);
    if (view.size() >= kDetachMinSize) {
      core::DetachGuard detached;
      done = h->engine->update(bytes, view.size());
    } else {
      done = h->engine->update(bytes, view.size());
    }
  }
  if (!done) return raise_engine_failure();
  return ok();
}

Result<Object*> constructor_data(Object* const* parsed) {
  Object* data = parsed[0];
  Object* string = parsed[2];
  if (parsed[1]) TRY(object_is_true(parsed[1]));
  if (data && string)
    return raise(exc::TypeError,
                 "'data' and 'string' are mutually exclusive and support for 'string' keyword "
                 "parameter is slated for removal in a future version.");
  return data ? data : string;
}

Result<Ref<Object>> hash_object_with_data(Type* type, std::unique_ptr<HashEngine> engine,
                                          Object* data) {
  Ref<Object> h = TRY(hash_object_new(type, std::move(engine)));
  if (data) TRY(hash_object_update(h.get(), data));
  return h;
}

Status add_gil_minsize(Object* module_dict) {
  Ref<Object> size = TRY(int_from_i64(static_cast<int64_t>(kDetachMinSize)));
  return dict_set_item_str(module_dict, "_GIL_MINSIZE", size.get());
}

Result<Ref<Object>> hex_str(const unsigned char* data, size_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string text(2 * n, '\0');
  for (size_t i = 0; i < n; ++i) {
    text[2 * i] = kDigits[data[i] >> 4];
    text[2 * i + 1] = kDigits[data[i] & 15];
  }
  return str_from_ascii(text);
}

}  // namespace weft::hashes
