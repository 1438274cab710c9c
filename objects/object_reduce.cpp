// objects/object_reduce.cpp — object.__reduce__, object.__reduce_ex__ and object.__getstate__:
// the default pickling protocol that copy, pickle and copyreg build on (CPython 3.14's
// Objects/typeobject.c behaviour and messages).
//
//   __reduce_ex__(protocol): a class that overrides __reduce__ gets it called; otherwise
//     protocol >= 2 builds (copyreg.__newobj__, (cls, *args), state, listitems, dictitems) (or
//     __newobj_ex__ with keyword arguments from __getnewargs_ex__), and protocols 0 and 1 defer
//     to copyreg._reduce_ex.
//   __getstate__(): None, or the instance __dict__ (the dict itself, not a copy), paired with a
//     dict of the filled __slots__ as (dict_or_None, slots) when there are any. When the state
//     is "required" (no __getnewargs__ and not a list/dict), an instance whose C-level layout
//     holds more than its dict, weakref list and slots cannot be pickled.
// No shared state: everything is computed from the object at call time.
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/import_hook.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft {
namespace {

Result<Ref<Object>> copyreg_attr(const char* name) {
  Ref<Object> copyreg = TRY(import_module_for_objects("copyreg"));
  return get_attr(copyreg.get(), name);
}

// copyreg._slotnames(cls), cached by copyreg in cls.__slotnames__: a list, or None.
Result<Ref<Object>> slot_names(Type* cls) {
  Ref<Object> cached;
  if (TRY(dict_get_item_str(cls->dict, str_intern("__slotnames__"), &cached)) &&
      (is_list(cached.get()) || is_none(cached.get())))
    return cached;
  Ref<Object> fn = TRY(copyreg_attr("_slotnames"));
  Ref<Object> names = TRY(call_one(fn.get(), reinterpret_cast<Object*>(cls)));
  if (!is_list(names.get()) && !is_none(names.get()))
    return raise(exc::TypeError, "copyreg._slotnames didn't return a list or None");
  return names;
}

bool instance_dict_is_empty(Object* o) {
  Object** slot = instance_dict_slot(o);
  return !slot || !*slot || dict_size(*slot) == 0;
}

Result<Ref<Object>> default_state(Object* obj, bool required) {
  Type* t = type_of(obj);
  if (required && t->itemsize)
    return raise(exc::TypeError, "cannot pickle {} objects", type_name(t));
  Ref<Object> state;
  if (instance_dict_is_empty(obj)) {
    state = new_none();
  } else {
    state = new_ref(*instance_dict_slot(obj));
  }
  Ref<Object> names = TRY(slot_names(t));
  int64_t nslots = is_list(names.get()) ? list_size(names.get()) : 0;
  if (required) {
    // Anything beyond object's header, the __dict__ and weakref pointers and the named slots is
    // native state that pickling by __dict__ would lose.
    int64_t accounted = ObjectType.basicsize;
    if (t->dictoffset > 0) accounted += static_cast<int64_t>(sizeof(Object*));
    if (t->weaklistoffset > 0) accounted += static_cast<int64_t>(sizeof(Object*));
    accounted += nslots * static_cast<int64_t>(sizeof(Object*));
    if (t->basicsize > accounted)
      return raise(exc::TypeError, "cannot pickle '{}' object", type_name(t));
  }
  if (nslots > 0) {
    Ref<Object> slots = TRY(dict_new());
    for (int64_t i = 0; i < nslots; ++i) {
      Ref<Object> name = TRY(list_get_item(names.get(), i));
      Ref<Object> value;
      if (TRY(lookup_attr(obj, name.get(), &value)))
        TRY(dict_set_item(slots.get(), name.get(), value.get()));
    }
    if (dict_size(slots.get()) > 0) state = TRY(tuple_pack({state.get(), slots.get()}));
  }
  return state;
}

// True when `name` resolves on type(obj) to object's own entry (not overridden).
bool inherits_object_attr(Object* obj, const char* name) {
  Object* key = str_intern(name);
  return type_lookup(type_of(obj), key) == type_lookup(&ObjectType, key);
}

// obj.__getstate__(), passing `required` through when it is object's own.
Result<Ref<Object>> get_state(Object* obj, bool required) {
  Object** dict = instance_dict_slot(obj);
  Ref<Object> in_instance;
  bool instance_override =
      dict && *dict && TRY(dict_get_item_str(*dict, str_intern("__getstate__"), &in_instance));
  if (!instance_override && inherits_object_attr(obj, "__getstate__"))
    return default_state(obj, required);
  Ref<Object> getstate = TRY(get_attr(obj, "__getstate__"));
  return call(getstate.get(), nullptr, 0);
}

// __getnewargs_ex__ / __getnewargs__: sets *args (nullptr: neither exists) and *kwargs.
Status new_arguments(Object* obj, Ref<Object>* args, Ref<Object>* kwargs) {
  Ref<Object> method;
  if (TRY(lookup_special(obj, str_intern("__getnewargs_ex__"), &method))) {
    Ref<Object> pair = TRY(call(method.get(), nullptr, 0));
    if (!is_tuple(pair.get()))
      return raise(exc::TypeError, "__getnewargs_ex__ should return a tuple, not '{}'",
                   type_name_of(pair.get()));
    if (tuple_size(pair.get()) != 2)
      return raise(exc::ValueError, "__getnewargs_ex__ should return a tuple of length 2, not {}",
                   tuple_size(pair.get()));
    Object* a = tuple_item(pair.get(), 0);
    Object* k = tuple_item(pair.get(), 1);
    if (!is_tuple(a))
      return raise(exc::TypeError,
                   "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'",
                   type_name_of(a));
    if (!is_dict(k))
      return raise(exc::TypeError,
                   "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                   type_name_of(k));
    *args = new_ref(a);
    *kwargs = new_ref(k);
    return ok();
  }
  if (TRY(lookup_special(obj, str_intern("__getnewargs__"), &method))) {
    Ref<Object> a = TRY(call(method.get(), nullptr, 0));
    if (!is_tuple(a.get()))
      return raise(exc::TypeError, "__getnewargs__ should return a tuple, not '{}'",
                   type_name_of(a.get()));
    *args = std::move(a);
  }
  return ok();
}

Result<Ref<Object>> reduce_newobj(Object* obj) {
  Type* t = type_of(obj);
  if (!t->new_) return raise(exc::TypeError, "cannot pickle '{}' object", type_name(t));
  Ref<Object> args, kwargs;
  TRY(new_arguments(obj, &args, &kwargs));
  Ref<Object> newobj, newargs;
  Object* cls = reinterpret_cast<Object*>(t);
  if (!kwargs || dict_size(kwargs.get()) == 0) {
    newobj = TRY(copyreg_attr("__newobj__"));
    int64_t n = args ? tuple_size(args.get()) : 0;
    newargs = TRY(tuple_new(n + 1));
    tuple_init_item(newargs.get(), 0, new_ref(cls));
    for (int64_t i = 0; i < n; ++i)
      tuple_init_item(newargs.get(), i + 1, new_ref(tuple_item(args.get(), i)));
  } else {
    newobj = TRY(copyreg_attr("__newobj_ex__"));
    newargs = TRY(tuple_pack({cls, args.get(), kwargs.get()}));
  }
  bool required = !(args || is_list(obj) || is_dict(obj));
  Ref<Object> state = TRY(get_state(obj, required));
  Ref<Object> listitems = is_list(obj) ? TRY(get_iter(obj)) : new_none();
  Ref<Object> dictitems = new_none();
  if (is_dict(obj)) {
    Ref<Object> items = TRY(call_method(obj, "items", nullptr, 0));
    dictitems = TRY(get_iter(items.get()));
  }
  return tuple_pack({newobj.get(), newargs.get(), state.get(), listitems.get(), dictitems.get()});
}

Result<Ref<Object>> common_reduce(Object* obj, int64_t protocol) {
  if (protocol >= 2) return reduce_newobj(obj);
  Ref<Object> reduce_ex = TRY(copyreg_attr("_reduce_ex"));
  Ref<Object> proto = TRY(int_from_i64(protocol));
  Object* args[2] = {obj, proto.get()};
  return call(reduce_ex.get(), args, 2);
}

}  // namespace

Result<Ref<Object>> object_reduce_method(Object* self, Object* const*, size_t, Object*) {
  return common_reduce(self, 0);
}

Result<Ref<Object>> object_reduce_ex_method(Object* self, Object* const* args, size_t, Object*) {
  int64_t protocol = TRY(index_as_i64(args[0]));
  if (!inherits_object_attr(self, "__reduce__")) {
    Ref<Object> reduce = TRY(get_attr(self, "__reduce__"));
    return call(reduce.get(), nullptr, 0);
  }
  return common_reduce(self, protocol);
}

Result<Ref<Object>> object_getstate_method(Object* self, Object* const*, size_t, Object*) {
  return default_state(self, /*required=*/false);
}

}  // namespace weft
