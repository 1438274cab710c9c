// stdlib/_collections/collections.h — the types of the `_collections` module besides deque
// (deque.h): defaultdict (defaultdict.cpp) and _tuplegetter (tuplegetter.cpp).
#pragma once

#include "objects/type.h"

namespace weft::collections {

extern Type DefaultDictType;   // collections.defaultdict (a dict subclass)
extern Type TupleGetterType;   // collections._tuplegetter (namedtuple's field descriptor)

}  // namespace weft::collections
