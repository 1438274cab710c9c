// objects/mappingproxy.h — mappingproxy, the read-only view of a mapping (objects/mappingproxy.cpp).
#pragma once

#include "objects/type.h"

namespace weft {

extern Type MappingProxyType;

// mappingproxy(mapping); TypeError "mappingproxy() argument must be a mapping, not list".
Result<Ref<Object>> mappingproxy_new(Object* mapping);

}  // namespace weft
