// objects/warnings.h — issuing warnings from native code (CPython's PyErr_WarnEx and
// PyErr_WarnExplicit).
//
// Weft has no native `_warnings` yet: a warning is issued by calling Lib's `warnings.warn` /
// `warnings.warn_explicit`, so the filters, the once/default registries and
// `warnings.showwarning` are exactly the ones Python code configures. When `warnings` cannot be
// imported (very early start-up), the warning is written to stderr in the default format.
//
// Contract: an error return means a filter turned the warning into an exception (or issuing it
// failed); the caller propagates it like any other error.
#pragma once

#include <string_view>

#include "objects/type.h"

namespace weft {

// warnings.warn(message, category, stacklevel): stacklevel 1 names the Python code that called
// the native function issuing the warning.
Status warn(Type* category, std::string_view message, int stacklevel = 1);

// warnings.warn_explicit(message, category, filename, lineno, module): for the compiler, whose
// warnings name a source position rather than a running frame.
Status warn_explicit(Type* category, std::string_view message, Object* filename, int lineno,
                     Object* module /*nullable*/);

}  // namespace weft
