// objects/namespace.h — types.SimpleNamespace: an object whose attributes live in its __dict__,
// with a readable repr and equality by attributes. sys.implementation is one.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type SimpleNamespaceType;

// A new namespace whose attributes are the items of `attrs` (a dict with str keys; borrowed,
// copied).
Result<Ref<Object>> namespace_new(Object* attrs);

}  // namespace weft
