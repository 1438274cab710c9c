// stdlib/hashes/hash_object.h — the one Python hash object shared by `_hashlib` (HASH, HASHXOF,
// HMAC), `_md5`, `_sha1`, `_sha2`, `_sha3` and `_blake2`: an object owning a HashEngine
// (hash_engine.h) with CPython's update / digest / hexdigest / copy methods and the name /
// digest_size / block_size attributes. Each module only declares its types (names, docs, how they
// are constructed) and fills them with fill_hash_type().
//
// Thread safety: every engine call runs under the object's sync::Mutex, so two threads updating
// one hash never corrupt it (the result is some interleaving of whole update() calls). Inputs of
// kDetachMinSize bytes or more are hashed detached from the runtime (stop-the-world and other
// threads proceed); the input stays valid because a ByteView pins it.
#pragma once

#include <memory>

#include "objects/bytes_like.h"
#include "objects/type.h"
#include "stdlib/hashes/hash_engine.h"
#include "sync/mutex.h"

namespace weft::hashes {

// CPython's HASHLIB_GIL_MINSIZE, published by each module as `_GIL_MINSIZE`.
constexpr size_t kDetachMinSize = 2048;

struct HashObject : Object {
  sync::Mutex mutex;   // serialises every use of the engine's state
  HashEngine* engine;  // owned, never null; the pointer itself never changes
};

enum class DigestKind : uint8_t {
  kFixed,  // digest() / hexdigest() take no arguments
  kXof,    // digest(length) / hexdigest(length) (SHAKE)
};

// Fills a static hash type: slots, the methods of `kind`, the constructor `new_fn` (nullptr: the
// type cannot be instantiated from Python, "cannot create '_md5.md5' instances") and `getsets`
// (default kHashGetSets: name, digest_size, block_size; a type with more lists the three getters
// below first).
void fill_hash_type(Type* t, const char* name, const char* doc, DigestKind kind,
                    NewFn new_fn = nullptr, const GetSetDef* getsets = nullptr);
extern const GetSetDef kHashGetSets[];

// A new object of `type` owning `engine`; a null engine (OpenSSL or memory failure) raises
// ValueError with OpenSSL's reason.
Result<Ref<Object>> hash_object_new(Type* type, std::unique_ptr<HashEngine> engine);

// ValueError with OpenSSL's reason for the last failure ("unknown reasons" when it gave none).
Error raise_engine_failure();

// A bytes-like view of data to hash, with CPython's messages: TypeError "Strings must be encoded
// before hashing" for str, "object supporting the buffer API required" for other non-buffers.
Result<ByteView> hash_input(Object* data);

// Feeds `data` to the hash object (its update() method).
Status hash_object_update(Object* self, Object* data);

// The constructor arguments `data`, `usedforsecurity` and `string` as an ArgParser filled them
// (parsed[0..3), nullptr = not given): the data to hash first, or nullptr for none. Both data and
// string: TypeError "'data' and 'string' are mutually exclusive and support for 'string' keyword
// parameter is slated for removal in a future version.". usedforsecurity's truth is evaluated
// (its __bool__ may raise) but selects nothing: there is no FIPS mode here.
Result<Object*> constructor_data(Object* const* parsed);

// A new object of `type` owning `engine` (hash_object_new) with `data` (nullable) fed to it.
Result<Ref<Object>> hash_object_with_data(Type* type, std::unique_ptr<HashEngine> engine,
                                          Object* data);

// Sets the module attribute `_GIL_MINSIZE` (kDetachMinSize) in `module_dict`.
Status add_gil_minsize(Object* module_dict);

// hexdigest's text: two lower-case hex digits per byte.
Result<Ref<Object>> hex_str(const unsigned char* data, size_t n);

// The attribute getters, for types that list more getsets with them.
Result<Ref<Object>> hash_get_name(Object* self);
Result<Ref<Object>> hash_get_digest_size(Object* self);
Result<Ref<Object>> hash_get_block_size(Object* self);
// The block size of a hash object, as a number.
size_t hash_block_size(Object* self);

}  // namespace weft::hashes
