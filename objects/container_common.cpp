// objects/container_common.cpp — out-of-line helpers of objects/container_common.h.
#include "objects/container_common.h"

#include "objects/abstract.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"

namespace weft::containers {

Result<bool> subscript_index(Object* key, int64_t* out) {
  if (is_int(key) && int_to_i64(key, out)) return true;
  if (!is_int(key) && !key->ob_type->number.index) return false;
  *out = TRY(index_as_i64(key, exc::IndexError));
  return true;
}

bool is_plain_key(const Object* o) {
  return is_str_exact(o) || is_int_exact(o) || is_float_exact(o) || is_bool(o) || is_none(o);
}

}  // namespace weft::containers

namespace weft::containers {

namespace {
// The innermost active guard of this thread. A repr does not switch fibers midway through a
// guard's lifetime in practice; if it did, the chain would still be per OS thread and only the
// "[...]" detection (not memory safety) could be affected.
thread_local ReprRecursionGuard* repr_chain = nullptr;
}  // namespace

ReprRecursionGuard::ReprRecursionGuard(Object* o) : obj_(o), prev_(repr_chain), recursive_(false) {
  for (ReprRecursionGuard* g = prev_; g; g = g->prev_) {
    if (g->obj_ == o) {
      recursive_ = true;
      break;
    }
  }
  repr_chain = this;
}

ReprRecursionGuard::~ReprRecursionGuard() { repr_chain = prev_; }

}  // namespace weft::containers
