// objects/dict_views.h — dict.keys(), dict.values(), dict.items() views and dict iterators.
#pragma once

#include "objects/type.h"

namespace weft {

extern Type DictKeysType, DictValuesType, DictItemsType;
extern Type DictKeyIterType, DictValueIterType, DictItemIterType;
extern Type DictRevKeyIterType, DictRevValueIterType, DictRevItemIterType;

struct DictViewObject : Object {
  Object* dict;  // owned
};

inline bool is_dict_keys_view(const Object* o) { return o->ob_type == &DictKeysType; }
inline bool is_dict_items_view(const Object* o) { return o->ob_type == &DictItemsType; }

// A view of `type` (one of the three view types) on dict `d`.
Result<Ref<Object>> dict_view_new(Type* type, Object* d);

// An iterator over `d`: kind 0 = keys, 1 = values, 2 = (key, value) items; reverse = reversed().
// Raises RuntimeError "dictionary changed size during iteration" when `d` changes size.
Result<Ref<Object>> dict_iter_new(Object* d, int kind, bool reverse);

}  // namespace weft
