// vm/class_body.h — running the body of a class statement (for builtins.__build_class__).
#pragma once

#include "objects/ref.h"

namespace weft::vm {

// Runs the class-body function `func` (no arguments) with `ns` as its locals mapping, as
// CPython's __build_class__ does. Returns what the body returns: the __class__ cell when the
// body created one, else None.
Result<Ref<Object>> run_class_body(Object* func, Object* ns);

}  // namespace weft::vm
