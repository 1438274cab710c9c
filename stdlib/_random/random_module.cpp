// stdlib/_random/random_module.cpp — `_random.Random`, the Mersenne Twister (MT19937) that
// Lib/random.py's Random class derives from, with CPython 3.14's seeding, state format and
// messages, so `random.Random(42).random()` yields CPython's exact numbers.
//
// Seeding: an int seeds init_by_array with the 32-bit words of abs(n), least significant first
// ([0] for 0); None seeds from 624 words of getrandom() (time and pid if that fails); any other
// object seeds from its hash, as CPython does (random.py turns str/bytes into ints itself).
// random() takes 53 bits from two outputs; getrandbits(k) assembles k bits from 32-bit outputs,
// least significant word first, keeping the top bits of the last one.
//
// Thread safety: each generator's 624-word state and index change only inside the object's
// critical section, so a Random shared by threads never tears or repeats an output; Python
// objects (ints for getstate/getrandbits) are built after the section ends.
#include <sys/random.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <vector>

#include <gmp.h>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"
#include "vm/module_table.h"

namespace weft::random_module {
namespace {

constexpr int kN = 624;
constexpr int kM = 397;
constexpr uint32_t kMatrixA = 0x9908b0dfU;
constexpr uint32_t kUpperMask = 0x80000000U;
constexpr uint32_t kLowerMask = 0x7fffffffU;

// The generator proper: plain data, always used under the owning object's critical section.
struct Twister {
  uint32_t state[kN];
  int index;  // next word of `state` to temper; kN forces a regeneration

  void init_genrand(uint32_t s) {
    state[0] = s;
    for (int i = 1; i < kN; ++i)
      state[i] = 1812433253U * (state[i - 1] ^ (state[i - 1] >> 30)) + static_cast<uint32_t>(i);
    index = kN;
  }

  void init_by_array(const uint32_t* key, size_t key_length) {
    init_genrand(19650218U);
    size_t i = 1, j = 0;
    for (size_t k = std::max<size_t>(kN, key_length); k; --k) {
      state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1664525U)) + key[j] +
                 static_cast<uint32_t>(j);
      ++i;
      ++j;
      if (i >= kN) {
        state[0] = state[kN - 1];
        i = 1;
      }
      if (j >= key_length) j = 0;
    }
    for (size_t k = kN - 1; k; --k) {
      state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1566083941U)) -
                 static_cast<uint32_t>(i);
      ++i;
      if (i >= kN) {
        state[0] = state[kN - 1];
        i = 1;
      }
    }
    state[0] = 0x80000000U;  // the initial array is non-zero
  }

  void regenerate() {
    auto twist = [](uint32_t upper, uint32_t lower, uint32_t far) {
      uint32_t y = (upper & kUpperMask) | (lower & kLowerMask);
      return far ^ (y >> 1) ^ ((y & 1U) ? kMatrixA : 0U);
    };
    int k = 0;
    for (; k < kN - kM; ++k) state[k] = twist(state[k], state[k + 1], state[k + kM]);
    for (; k < kN - 1; ++k) state[k] = twist(state[k], state[k + 1], state[k + (kM - kN)]);
    state[kN - 1] = twist(state[kN - 1], state[0], state[kM - 1]);
    index = 0;
  }

  uint32_t next() {
    if (index >= kN) regenerate();
    uint32_t y = state[index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
  }
};

struct RandomObject : Object {
  Twister mt;
};

RandomObject* as_random(Object* o) { return static_cast<RandomObject*>(o); }

Type RandomType;

// ---- seeding ---------------------------------------------------------------------------------

void seed_from_words(Object* self, const uint32_t* key, size_t n) {
  sync::CriticalSection cs{self->ob_mutex};
  as_random(self)->mt.init_by_array(key, n);
}

// 624 words from the OS; the time and pid when the OS has no entropy to give.
void seed_from_entropy(Object* self) {
  std::array<uint32_t, kN> key;
  auto* bytes = reinterpret_cast<unsigned char*>(key.data());
  size_t want = sizeof(key), got = 0;
  while (got < want) {
    ssize_t r = getrandom(bytes + got, want - got, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      break;
    }
    got += static_cast<size_t>(r);
  }
  if (got == want) return seed_from_words(self, key.data(), key.size());
  using std::chrono::nanoseconds;
  auto ns = [](auto since_epoch) {
    return static_cast<uint64_t>(std::chrono::duration_cast<nanoseconds>(since_epoch).count());
  };
  uint64_t t = ns(std::chrono::system_clock::now().time_since_epoch());
  uint64_t m = ns(std::chrono::steady_clock::now().time_since_epoch());
  uint32_t fallback[5] = {static_cast<uint32_t>(t), static_cast<uint32_t>(t >> 32),
                          static_cast<uint32_t>(getpid()), static_cast<uint32_t>(m),
                          static_cast<uint32_t>(m >> 32)};
  seed_from_words(self, fallback, 5);
}

// Seeds from the 32-bit words of abs(n), least significant first.
void seed_from_int(Object* self, Object* n) {
  mpz_t z;
  mpz_init(z);
  int_to_mpz(n, z);
  mpz_abs(z, z);
  size_t count = 0;
  std::vector<uint32_t> key((mpz_sizeinbase(z, 2) + 31) / 32 + 1);
  mpz_export(key.data(), &count, -1, sizeof(uint32_t), 0, 0, z);
  mpz_clear(z);
  if (count == 0) key[0] = 0, count = 1;  // seed(0) uses the key [0]
  seed_from_words(self, key.data(), count);
}

Status seed(Object* self, Object* arg) {
  if (!arg || is_none(arg)) {
    seed_from_entropy(self);
    return ok();
  }
  if (is_int(arg)) {
    seed_from_int(self, arg);
    return ok();
  }
  // Anything else seeds from its hash, taken as an unsigned machine word.
  int64_t h = TRY(object_hash(arg));
  Ref<Object> n = TRY(int_from_u64(static_cast<uint64_t>(h)));
  seed_from_int(self, n.get());
  return ok();
}

// ---- methods ---------------------------------------------------------------------------------

Result<Ref<Object>> random_seed(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("seed", nargs, kwnames, 0, 1));
  TRY(seed(self, nargs ? args[0] : nullptr));
  return new_none();
}

Result<Ref<Object>> random_random(Object* self, Object* const*, size_t, Object*) {
  uint32_t a, b;
  {
    sync::CriticalSection cs{self->ob_mutex};
    a = as_random(self)->mt.next() >> 5;
    b = as_random(self)->mt.next() >> 6;
  }
  return float_from_double((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

Result<Ref<Object>> random_getrandbits(Object* self, Object* const* args, size_t, Object*) {
  // CPython reads k with its uint64 converter.
  Ref<Object> k_obj = TRY(number_index(args[0]));
  if (int_sign(k_obj.get()) < 0) return raise(exc::ValueError, "Cannot convert negative int");
  int64_t k = TRY(int_as_i64(k_obj.get()));
  if (k == 0) return int_from_i64(0);
  if (k <= 32) {
    uint32_t word;
    {
      sync::CriticalSection cs{self->ob_mutex};
      word = as_random(self)->mt.next();
    }
    return int_from_u64(word >> (32 - k));
  }
  size_t words = static_cast<size_t>((k - 1) / 32 + 1);
  std::vector<uint32_t> out;
  out.reserve(words);
  {
    sync::CriticalSection cs{self->ob_mutex};
    int64_t remaining = k;
    for (size_t i = 0; i < words; ++i, remaining -= 32) {
      uint32_t word = as_random(self)->mt.next();
      if (remaining < 32) word >>= 32 - remaining;  // drop the least significant bits
      out.push_back(word);
    }
  }
  mpz_t z;
  mpz_init(z);
  mpz_import(z, words, -1, sizeof(uint32_t), 0, 0, out.data());
  Result<Ref<Object>> result = int_from_mpz_take(z);
  mpz_clear(z);
  return result;
}

Result<Ref<Object>> random_getstate(Object* self, Object* const*, size_t, Object*) {
  Twister copy;
  {
    sync::CriticalSection cs{self->ob_mutex};
    copy = as_random(self)->mt;
  }
  Ref<Object> state = TRY(tuple_new(kN + 1));
  for (int i = 0; i < kN; ++i) tuple_init_item(state.get(), i, TRY(int_from_u64(copy.state[i])));
  tuple_init_item(state.get(), kN, TRY(int_from_i64(copy.index)));
  return state;
}

// A state word: an int in [0, 2**32); CPython reads it as a C unsigned long.
Result<uint32_t> state_word(Object* o) {
  if (!is_int(o)) return raise(exc::TypeError, "an integer is required");
  if (int_sign(o) < 0)
    return raise(exc::OverflowError, "can't convert negative value to unsigned int");
  int64_t v;
  if (!int_to_i64(o, &v) || v > 0xffffffffLL)
    return raise(exc::OverflowError, "Python int too large to convert to C unsigned long");
  return static_cast<uint32_t>(v);
}

Result<Ref<Object>> random_setstate(Object* self, Object* const* args, size_t, Object*) {
  Object* state = args[0];
  if (!is_tuple(state)) return raise(exc::TypeError, "state vector must be a tuple");
  if (tuple_size(state) != kN + 1) return raise(exc::ValueError, "state vector is the wrong size");
  Twister fresh;
  for (int i = 0; i < kN; ++i) fresh.state[i] = TRY(state_word(tuple_item(state, i)));
  int64_t index = TRY(int_as_i64(TRY(number_index(tuple_item(state, kN))).get()));
  if (index < 0 || index > kN) return raise(exc::ValueError, "invalid state");
  fresh.index = static_cast<int>(index);
  {
    sync::CriticalSection cs{self->ob_mutex};
    as_random(self)->mt = fresh;
  }
  return new_none();
}

// Random(x=None): the exact type rejects keywords; subclasses may take their own.
Status random_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  if ((self->ob_type == &RandomType || self->ob_type->init == RandomType.init))
    TRY(args_no_keywords("Random", kwnames));
  if (nargs > 1) return raise(exc::TypeError, "Random() requires 0 or 1 argument");
  return seed(self, nargs ? args[0] : nullptr);
}

Result<Ref<Object>> random_new(Type* type, Object* const*, size_t, Object*) {
  Ref<RandomObject> r = TRY(new_object<RandomObject>(type, static_cast<size_t>(type->basicsize)));
  r->mt.init_genrand(19650218U);  // a valid state until __init__ seeds it
  return Ref<Object>(std::move(r));
}

void random_dealloc(Object* self) { free_object(self); }

const MethodDef kRandomMethods[] = {
    {"random", random_random, kMethNoArgs, "random() -> x in the interval [0, 1)."},
    {"seed", random_seed, kMethFastcall, "seed([n]) -> None.\n\nDefaults to use urandom and "
                                         "falls back to a combination\nof the current time and "
                                         "the process identifier."},
    {"getstate", random_getstate, kMethNoArgs, "getstate() -> tuple containing the current state."},
    {"setstate", random_setstate, kMethOneArg,
     "setstate(state) -> None.  Restores generator state."},
    {"getrandbits", random_getrandbits, kMethOneArg, "getrandbits(k) -> x.  Generates an int "
                                                     "with k random bits."},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_random_type() {
  Type& t = RandomType;
  t.name = "_random.Random";
  t.doc = "Random() -> create a random number generator with its own internal state.";
  t.basicsize = sizeof(RandomObject);
  t.flags = kTypeBaseType;
  t.dealloc = random_dealloc;
  t.new_ = random_new;
  t.init = random_init;
  t.methods = kRandomMethods;
  return ok();
}

Status ready_random_type() { return type_ready(&RandomType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_random_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_random_type);

Result<Ref<Object>> create_random_module() {
  Ref<Object> m = TRY(module_new("_random"));
  Object* dict = module_dict(m.get());
  Ref<Object> doc =
      TRY(str_from_ascii("Module implements the Mersenne Twister random number generator."));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  TRY(dict_set_item_str(dict, "Random", reinterpret_cast<Object*>(&RandomType)));
  return m;
}

WEFT_NATIVE_MODULE("_random", create_random_module);

}  // namespace
}  // namespace weft::random_module
