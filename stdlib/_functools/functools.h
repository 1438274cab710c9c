// stdlib/_functools/functools.h — what the files of the `_functools` module share.
#pragma once

#include <initializer_list>

#include "objects/type.h"

namespace weft::functools {

extern Type PartialType;           // functools.partial
extern Type PlaceholderType;       // functools._PlaceholderType
extern Object PlaceholderObject;   // functools.Placeholder (the only instance)
extern Type KeyWrapperType;        // functools.KeyWrapper (cmp_to_key's result)
extern Type LruCacheWrapperType;   // functools._lru_cache_wrapper

inline Object* placeholder() { return &PlaceholderObject; }

// The `__dict__` getter and setter of the native types here that carry an instance dict at
// `dictoffset` (partial, _lru_cache_wrapper): the dict is created on first access and published
// with a compare-and-swap, so concurrent first accesses agree on one dict.
Result<Ref<Object>> instance_dict_get(Object* self);
Status instance_dict_set(Object* self, Object* value);

// The dealloc and traverse bodies of the objects here: each owned field may be null.
inline void release_fields(std::initializer_list<Object*> fields) {
  for (Object* f : fields) xdecref(f);
}
inline void visit_fields(std::initializer_list<Object*> fields, VisitFn visit, void* arg) {
  for (Object* f : fields)
    if (f) visit(f, arg);
}

}  // namespace weft::functools
