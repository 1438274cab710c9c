// objects/exception_group.h — what the VM needs from BaseExceptionGroup beyond its Python API
// (exception_group.cpp).
#pragma once

#include "objects/ref.h"

namespace weft {

// INTRINSIC_PREP_RERAISE_STAR (the end of a `try ... except*`): `orig` is the exception the
// handlers matched against, `excs` the list of what each clause raised or re-raised plus the
// unhandled rest (None entries are skipped). Returns what to raise: None, the re-raised part of
// `orig` (same nesting and metadata), a newly raised exception, or an ExceptionGroup("") of the
// raised ones and the re-raised part. CPython's _PyExc_PrepReraiseStar.
Result<Ref<Object>> exception_group_prep_reraise_star(Object* orig, Object* excs);

}  // namespace weft
