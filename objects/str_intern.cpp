// objects/str_intern.cpp — the interned-string table (sys.intern, identifiers, attribute names).
//
// Design: one global open-addressing table of interned strs keyed by their (cached) hash, guarded
// by a sync::Mutex. Interned strings are immortal and never removed, so a pointer read from the
// table stays valid forever. In front of it, `str_intern(const char*)` keeps a lock-free,
// direct-mapped cache keyed by the literal's address: each slot holds an immutable node
// {address, interned str} published once with a release CAS. A hit re-checks the content
// (the caller's buffer might not be a literal), so the cache is only ever a shortcut.
//
// Locking: g_table_mutex guards g_table; no Python code runs under it (str hashing and equality
// are plain C++). The pointer cache needs no lock.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "gc/alloc.h"
#include "objects/str_layout.h"
#include "sync/mutex.h"

namespace weft {

using namespace strimpl;

namespace {

struct InternTable {
  Object** slots = nullptr;  // nullptr = empty
  size_t capacity = 0;       // power of two
  size_t count = 0;
};

sync::Mutex g_table_mutex;
InternTable g_table WEFT_GUARDED_BY(g_table_mutex);

// Finds the slot for `s` (an existing equal string or the empty slot where it belongs).
Object** table_find(InternTable& t, Object* s, int64_t hash) {
  size_t mask = t.capacity - 1;
  size_t i = size_t(hash) & mask;
  size_t perturb = size_t(hash);
  for (;;) {
    Object** slot = &t.slots[i];
    if (!*slot || str_equal(*slot, s)) return slot;
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

bool table_grow(InternTable& t) {
  size_t new_cap = t.capacity ? t.capacity * 2 : 1024;
  Object** fresh = static_cast<Object**>(gc::raw_calloc(new_cap, sizeof(Object*)));
  if (!fresh) return false;
  InternTable grown{fresh, new_cap, t.count};
  for (size_t i = 0; i < t.capacity; ++i) {
    if (Object* s = t.slots[i]) *table_find(grown, s, str_hash(s)) = s;
  }
  gc::raw_free(t.slots);
  t = grown;
  return true;
}

// Returns the canonical instance for `s` (an exact str), inserting and immortalising `s` if it is
// new. Returns nullptr only when the table cannot grow (out of memory).
Object* intern_locked_insert(Object* s) {
  int64_t hash = str_hash(s);
  sync::MutexLock lock(g_table_mutex);
  if ((g_table.count + 1) * 3 >= g_table.capacity * 2 && !table_grow(g_table)) return nullptr;
  Object** slot = table_find(g_table, s, hash);
  if (*slot) return *slot;
  gc::set_immortal(s);
  as_str(s)->interned.store(1, std::memory_order_relaxed);
  *slot = s;
  ++g_table.count;
  return s;
}

struct LiteralNode {
  const char* key;
  Object* value;
};
constexpr size_t kLiteralCacheSize = 4096;
std::atomic<LiteralNode*> g_literal_cache[kLiteralCacheSize];

bool literal_matches(const char* s, Object* str) {
  std::string_view utf8 = MUST(str_utf8(str));  // interned literals are valid UTF-8
  return std::strncmp(s, utf8.data(), utf8.size()) == 0 && s[utf8.size()] == '\0';
}

[[noreturn]] void fatal_intern(const char* s) {
  std::fprintf(stderr, "Fatal Python error: cannot intern string '%s'\n", s);
  std::abort();
}

}  // namespace

Result<Ref<Object>> str_intern_object(Ref<Object> s) {
  if (!is_str_exact(s.get())) return s;  // CPython does not intern str subclasses
  if (as_str(s.get())->interned.load(std::memory_order_relaxed)) return s;
  Object* canonical = intern_locked_insert(s.get());
  if (!canonical) return raise_no_memory();
  return Ref<Object>::borrow(canonical);
}

Object* str_intern(const char* s) {
  size_t slot = (reinterpret_cast<uintptr_t>(s) >> 3) % kLiteralCacheSize;
  // acquire: pairs with the release CAS below.
  LiteralNode* node = g_literal_cache[slot].load(std::memory_order_acquire);
  if (node && node->key == s && literal_matches(s, node->value)) return node->value;

  Result<Ref<Object>> fresh = str_from_utf8(s);
  if (!fresh) fatal_intern(s);
  Result<Ref<Object>> interned = str_intern_object(fresh.release_value());
  if (!interned) fatal_intern(s);
  Object* value = interned.value().get();  // immortal: the Ref's decref is a no-op

  if (!node) {
    auto* fresh_node = static_cast<LiteralNode*>(gc::raw_alloc(sizeof(LiteralNode)));
    if (fresh_node) {
      fresh_node->key = s;
      fresh_node->value = value;
      LiteralNode* expected = nullptr;
      // release: publishes the node's fields; pairs with the acquire load above.
      if (!g_literal_cache[slot].compare_exchange_strong(expected, fresh_node,
                                                         std::memory_order_release,
                                                         std::memory_order_relaxed))
        gc::raw_free(fresh_node);
    }
  }
  return value;
}

}  // namespace weft
