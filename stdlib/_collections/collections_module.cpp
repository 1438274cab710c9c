// stdlib/_collections/collections_module.cpp — the `_collections` module: deque (deque.cpp),
// defaultdict (defaultdict.cpp), _tuplegetter (tuplegetter.cpp), the deque iterator types, and
// _count_elements, Counter's counting loop.
//
// OrderedDict is not provided: collections/__init__.py falls back to its pure-Python class.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "stdlib/_collections/collections.h"
#include "stdlib/_collections/deque.h"
#include "vm/module_table.h"

namespace weft::collections {

namespace {

// True when `mapping`'s class uses dict's own get and __setitem__, so the counting loop may use
// the dict API directly (CPython checks the same two methods).
bool uses_dict_methods(Object* mapping) {
  if (!is_dict(mapping)) return false;
  Type* t = mapping->ob_type;
  if (t == &DictType) return true;
  Object* get = str_intern("get");
  Object* setitem = str_intern("__setitem__");
  return type_lookup(t, get) == type_lookup(&DictType, get) &&
         type_lookup(t, setitem) == type_lookup(&DictType, setitem);
}

// _count_elements(mapping, iterable, /): mapping[elem] = mapping.get(elem, 0) + 1 for each elem.
Result<Ref<Object>> count_elements(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("_count_elements", nargs, kwnames, 2, 2));
  Object* mapping = args[0];
  Ref<Object> it = TRY(get_iter(args[1]));
  Ref<Object> one = TRY(int_from_i64(1));
  Ref<Object> zero = TRY(int_from_i64(0));
  bool fast = uses_dict_methods(mapping);
  Ref<Object> bound_get;
  if (!fast) bound_get = TRY(get_attr(mapping, "get"));
  for (;;) {
    Next n = iter_next(it.get());
    if (n.is_error()) return Error{};
    if (n.is_done()) return new_none();
    Ref<Object> key = n.release_value();
    Ref<Object> old;
    if (fast) {
      if (!TRY(dict_get_item(mapping, key.get(), &old))) old = zero.dup();
    } else {
      Object* get_args[2] = {key.get(), zero.get()};
      old = TRY(call(bound_get.get(), get_args, 2));
    }
    Ref<Object> updated = TRY(binary_op(old.get(), one.get(), BinaryOp::Add));
    if (fast) {
      TRY(dict_set_item(mapping, key.get(), updated.get()));
    } else {
      TRY(set_item(mapping, key.get(), updated.get()));
    }
  }
}

const MethodDef kCollectionsFunctions[] = {
    {"_count_elements", count_elements, kMethFastcall, "Count elements in the iterable, updating the mapping"},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_collections_module() {
  Ref<Object> m = TRY(module_new("_collections"));
  Ref<Object> name = TRY(str_from_ascii("_collections"));
  TRY(add_functions_to_dict(module_dict(m.get()), kCollectionsFunctions, m.get(), name.get()));
  const std::pair<const char*, Type*> types[] = {
      {"deque", &DequeType},
      {"defaultdict", &DefaultDictType},
      {"_tuplegetter", &TupleGetterType},
      {"_deque_iterator", &DequeIterType},
      {"_deque_reverse_iterator", &DequeReverseIterType},
  };
  for (const auto& [type_name, type] : types)
    TRY(module_add_object(m.get(), type_name, reinterpret_cast<Object*>(type)));
  return m;
}

WEFT_NATIVE_MODULE("_collections", create_collections_module);

}  // namespace

}  // namespace weft::collections
