// stdlib/_sre/sre_subject.cpp — what a Pattern matches against: reading a str (any PEP 393 width)
// or a bytes-like object as engine characters, slicing results out of it, and turning engine
// errors into Python exceptions (CPython's getstring/state_init/getslice/pattern_error).
#include <cstring>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/str_layout.h"
#include "stdlib/_sre/sre_objects.h"

namespace weft::sre {

Status subject_init(PatternObject* pattern, Object* string, Subject* out) {
  if (is_str(string)) {
    out->data = str_data(string);
    out->charsize = str_kind(string);
    out->length = str_length(string);
    out->isbytes = false;
  } else if (is_bytes_like(string)) {
    out->view = ByteView::of(string);
    out->data = out->view.data();
    out->charsize = 1;
    out->length = int64_t(out->view.size());
    out->isbytes = true;
  } else {
    return raise(exc::TypeError, "expected string or bytes-like object, got '{}'",
                 type_name_of(string));
  }
  if (pattern != nullptr) {
    if (out->isbytes && pattern->isbytes == 0)
      return raise(exc::TypeError, "cannot use a string pattern on a bytes-like object");
    if (!out->isbytes && pattern->isbytes > 0)
      return raise(exc::TypeError, "cannot use a bytes pattern on a string-like object");
  }
  return ok();
}

Result<Ref<Object>> subject_slice(Object* string, const Subject& subject, int64_t begin,
                                  int64_t end) {
  if (subject.isbytes) {
    if (is_bytes(string) && string->ob_type == &BytesType && begin == 0 &&
        end == subject.length)
      return new_ref(string);
    return bytes_from(subject.view.view().substr(size_t(begin), size_t(end - begin)));
  }
  return strimpl::str_substr(string, begin, end);
}

Error raise_engine_error(int64_t status) {
  switch (status) {
    case kErrorMemory: return raise_no_memory();
    case kErrorInterrupted:
      if (error_occurred()) return Error{};
      break;
    default: break;
  }
  return raise(exc::RuntimeError, "internal error in regular expression engine");
}

}  // namespace weft::sre
