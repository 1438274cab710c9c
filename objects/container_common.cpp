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

Error rewrap_unhashable(Object* key, const char* what) {
  Ref<Object> error = take_exception();
  if (!error || type_of(error.get()) != exc::TypeError) {
    if (error) set_exception(std::move(error));
    return Error{};
  }
  return raise(exc::TypeError, "cannot use '{}' as a {} ({})", type_name_of(key), what,
               error.get());
}

bool is_plain_key(const Object* o) {
  return is_str_exact(o) || is_int_exact(o) || is_float_exact(o) || is_bool(o) || is_none(o);
}

}  // namespace weft::containers
