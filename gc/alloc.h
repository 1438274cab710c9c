// gc/alloc.h — the allocator under every object and object-owned buffer.
//
// mimalloc in normal builds (DESIGN §4: fastest measured here), the system allocator under the
// sanitizer presets so ASan/TSan see every allocation. Returns nullptr on failure; callers turn
// that into MemoryError (objects/alloc.h). Never throws.
#pragma once

#include <cstddef>
#include <cstdlib>

#if defined(WEFT_MIMALLOC)
#include <mimalloc.h>
#endif

namespace weft::gc {

inline void* raw_alloc(size_t size) {
#if defined(WEFT_MIMALLOC)
  return mi_malloc(size);
#else
  return std::malloc(size);
#endif
}
inline void* raw_calloc(size_t count, size_t size) {
#if defined(WEFT_MIMALLOC)
  return mi_calloc(count, size);
#else
  return std::calloc(count, size);
#endif
}
inline void* raw_realloc(void* p, size_t size) {
#if defined(WEFT_MIMALLOC)
  return mi_realloc(p, size);
#else
  return std::realloc(p, size);
#endif
}
inline void raw_free(void* p) {
#if defined(WEFT_MIMALLOC)
  mi_free(p);
#else
  std::free(p);
#endif
}

// Frees `p` once every thread has passed a quiescent state (QSBR, gc/qsbr.h): for memory that
// lock-free readers may still be looking at (old list item arrays, old dict key tables).
void free_delayed(void* p);

}  // namespace weft::gc
