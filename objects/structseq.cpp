// objects/structseq.cpp — struct sequence types (CPython's Objects/structseq.c).
//
// Layout: a TupleObject whose items array holds all n_fields items, with ob_size set to the
// visible length, so every tuple slot (len, indexing, hash, comparison, iteration) sees only the
// visible items, while dealloc/traverse and the named attributes (read-only Object members at
// the item offsets) cover them all. The type's basicsize counts the hidden items, its itemsize the
// visible ones, as CPython's does.
//
// Struct sequence types are not subclassable (3.14: "type 'time.struct_time' is not an
// acceptable base type"), so an instance's type is always the StructSeqType itself and reads its
// field counts directly. Types are registered from static initializers into a fixed table, then
// filled, readied and given their class attributes (n_sequence_fields, n_fields,
// n_unnamed_fields, __match_args__) during the built-in type phases, before any thread starts;
// instances are immutable once built, so nothing here locks.
#include "objects/structseq.h"

#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"

namespace weft {

const char kStructSeqUnnamed[] = "unnamed field";

namespace {

StructSeqType* as_structseq_type(Type* t) { return static_cast<StructSeqType*>(t); }
StructSeqType* structseq_type_of(Object* o) { return as_structseq_type(o->ob_type); }
bool is_unnamed(const StructSeqField& f) { return f.name == kStructSeqUnnamed; }

constexpr size_t kItemsOffset = offsetof(TupleObject, items);

// --- instances -----------------------------------------------------------------------------------

void structseq_dealloc(Object* self) {
  int n = structseq_type_of(self)->n_fields;
  TupleObject* t = static_cast<TupleObject*>(self);
  for (int i = 0; i < n; ++i) xdecref(t->items[i]);
  free_object(self);
}

void structseq_traverse(Object* self, VisitFn visit, void* arg) {
  int n = structseq_type_of(self)->n_fields;
  TupleObject* t = static_cast<TupleObject*>(self);
  for (int i = 0; i < n; ++i)
    if (t->items[i]) visit(t->items[i], arg);
}

// The name repr() gives visible item i: the i-th *named* field (so unnamed visible fields borrow
// the name of a later field, as CPython's tp_members indexing does: os.stat_result shows its
// integer st_atime under the name of the float one).
const char* visible_name(const StructSeqType* t, int i) { return t->member_table[i].name; }
// The name of hidden item i (every hidden field is named).
const char* hidden_name(const StructSeqType* t, int i) {
  return t->member_table[i - t->n_unnamed].name;
}

// os.stat_result(st_mode=16877, st_ino=..., ...)
Result<Ref<Object>> structseq_repr(Object* self) {
  StructSeqType* t = structseq_type_of(self);
  StrBuilder out;
  out.append_ascii(t->name);
  out.append_ascii("(");
  int64_t n = tuple_size(self);
  for (int64_t i = 0; i < n; ++i) {
    if (i) out.append_ascii(", ");
    out.append_ascii(visible_name(t, static_cast<int>(i)));
    out.append_ascii("=");
    Ref<Object> r = TRY(object_repr(tuple_item(self, i)));
    out.append_str(r.get());
  }
  out.append_ascii(")");
  return out.finish();
}

// The items of `arg` as a list or tuple (PySequence_Fast), with CPython's message for others.
Result<Ref<Object>> fast_sequence(Object* arg) {
  if (is_tuple(arg) || type_has_flag(arg->ob_type, kTypeListSubclass)) return new_ref(arg);
  Result<Ref<Object>> items = tuple_from_iterable(arg);
  if (items.is_error() && error_matches(exc::TypeError)) {
    clear_error();
    return raise(exc::TypeError, "constructor requires a sequence");
  }
  return items;
}

}  // namespace

// struct_time(sequence, dict=None): the visible fields from the sequence (which may also supply
// hidden ones, up to n_fields), the remaining hidden fields from `dict` by name, else None.
Result<Ref<Object>> structseq_vnew(Type* type, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  static const ArgParser kNew("structseq", "sequence | dict");
  Object* a[2];
  TRY(kNew.parse(args, nargs, kwnames, a));
  StructSeqType* t = as_structseq_type(type);
  Ref<Object> seq = TRY(fast_sequence(a[0]));
  Object* dict = a[1];
  if (dict && !type_has_flag(dict->ob_type, kTypeDictSubclass))
    return raise(exc::TypeError, "{}() takes a dict as second arg, if any", t->name);

  Ref<Object> snapshot = is_tuple(seq.get()) ? std::move(seq) : TRY(list_as_tuple(seq.get()));
  int64_t len = tuple_size(snapshot.get());
  int64_t min_len = t->desc->n_in_sequence, max_len = t->n_fields;
  if (min_len != max_len) {
    if (len < min_len)
      return raise(exc::TypeError, "{}() takes an at least {}-sequence ({}-sequence given)",
                   t->name, min_len, len);
    if (len > max_len)
      return raise(exc::TypeError, "{}() takes an at most {}-sequence ({}-sequence given)",
                   t->name, max_len, len);
  } else if (len != min_len) {
    return raise(exc::TypeError, "{}() takes a {}-sequence ({}-sequence given)", t->name,
                 min_len, len);
  }
  Ref<Object> res = TRY(structseq_new(t));
  int64_t i = 0;
  for (; i < len; ++i) tuple_init_item(res.get(), i, new_ref(tuple_item(snapshot.get(), i)));
  int64_t found = 0;
  for (; i < max_len; ++i) {
    Ref<Object> value;
    if (dict) {
      Ref<Object> key = TRY(str_from_ascii(hidden_name(t, static_cast<int>(i))));
      if (TRY(dict_get_item(dict, key.get(), &value))) ++found;
    }
    tuple_init_item(res.get(), i, value ? std::move(value) : new_none());
  }
  // Every key must name a hidden field the sequence did not already supply (3.14).
  if (dict && dict_size(dict) > found)
    return raise(exc::TypeError, "{}() got duplicate or unexpected field name(s)", t->name);
  return res;
}

namespace {

// __reduce__: (type, (visible items, {hidden name: value})).
Result<Ref<Object>> structseq_reduce(Object* self, Object* const*, size_t, Object*) {
  StructSeqType* t = structseq_type_of(self);
  int64_t visible = tuple_size(self);
  Ref<Object> items = TRY(tuple_from_array(tuple_items(self), visible));
  Ref<Object> hidden = TRY(dict_new());
  for (int i = static_cast<int>(visible); i < t->n_fields; ++i)
    TRY(dict_set_item_str(hidden.get(), hidden_name(t, i), tuple_items(self)[i]));
  Ref<Object> args = TRY(tuple_pack({items.get(), hidden.get()}));
  return tuple_pack({t, args.get()});
}

// __replace__(**changes) (copy.replace): a copy with the named fields changed.
Result<Ref<Object>> structseq_replace(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(args_no_positional("__replace__", nargs));
  StructSeqType* t = structseq_type_of(self);
  if (t->n_unnamed > 0)
    return raise(exc::TypeError,
                 "__replace__() is not supported for {} because it has unnamed field(s)", t->name);
  int n = t->n_fields;
  size_t nkw = kwnames_count(kwnames);
  Ref<Object> res = TRY(structseq_new(t));
  for (int i = 0; i < n; ++i) tuple_init_item(res.get(), i, new_ref(tuple_items(self)[i]));
  Ref<Object> unexpected;
  for (size_t k = 0; k < nkw; ++k) {
    Object* key = tuple_item(kwnames, static_cast<int64_t>(k));
    int field = -1;
    for (int i = 0; i < n && field < 0; ++i)
      if (str_equal_ascii(key, t->member_table[i].name)) field = i;
    if (field < 0) {
      if (!unexpected) unexpected = TRY(list_new());
      TRY(list_append(unexpected.get(), key));
      continue;
    }
    // `res` is still private to this call, so replacing an item in place is safe.
    Object** slot = &static_cast<TupleObject*>(res.get())->items[field];
    Object* old = *slot;
    *slot = new_ref(args[k]).release();
    decref(old);
  }
  if (unexpected) return raise(exc::TypeError, "Got unexpected field name(s): {}",
                               fmt_repr(unexpected.get()));
  return res;
}

const MethodDef kStructSeqMethods[] = {
    {"__reduce__", structseq_reduce, kMethNoArgs, nullptr},
    {"__replace__", structseq_replace, kMethFastcall,
     "__replace__($self, /, **changes)\n--\n\nReturn a copy of the structure with new values "
     "for the specified fields."},
    {nullptr, nullptr, 0, nullptr},
};

// --- type registration ---------------------------------------------------------------------------

struct Registration {
  StructSeqType* type;
  const StructSeqDesc* desc;
};
constexpr int kMaxTypes = 32;
struct Registry {
  Registration entries[kMaxTypes];
  int count = 0;
};
// Filled by static initializers (single-threaded), read by the init phases.
Registry& registry() {
  static Registry r;
  return r;
}

Status fill_structseq_type(StructSeqType* t, const StructSeqDesc* desc) {
  int n = 0, unnamed = 0, k = 0;
  for (; desc->fields[n].name; ++n) {
    if (n >= StructSeqType::kMaxFields) std::abort();  // a programming error in the table
    if (is_unnamed(desc->fields[n])) {
      ++unnamed;
      continue;
    }
    t->member_table[k++] = MemberDef{desc->fields[n].name, MemberKind::Object,
                                kItemsOffset + static_cast<size_t>(n) * sizeof(Object*), true,
                                desc->fields[n].doc};
  }
  t->member_table[k] = MemberDef{nullptr, MemberKind::Object, 0, true, nullptr};
  t->desc = desc;
  t->n_fields = n;
  t->n_unnamed = unnamed;
  t->name = desc->name;
  t->doc = desc->doc;
  t->base = &TupleType;
  int hidden = n - desc->n_in_sequence;
  t->basicsize = static_cast<int64_t>(kItemsOffset + static_cast<size_t>(hidden) * sizeof(Object*));
  t->itemsize = sizeof(Object*);
  t->flags = kTypeImmutable | kTypeHaveGc | kTypeTupleSubclass | kTypeSequence |
             (desc->instantiable ? uint64_t{0} : uint64_t{kTypeDisallowInstantiation});
  t->dealloc = structseq_dealloc;
  t->traverse = structseq_traverse;
  t->repr = structseq_repr;
  t->new_ = desc->new_fn ? desc->new_fn : structseq_vnew;
  t->methods = kStructSeqMethods;
  t->members = t->member_table;
  return ok();
}

Status fill_structseq_types() {
  Registry& r = registry();
  for (int i = 0; i < r.count; ++i) TRY(fill_structseq_type(r.entries[i].type, r.entries[i].desc));
  return ok();
}

Status ready_structseq_types() {
  Registry& r = registry();
  for (int i = 0; i < r.count; ++i) TRY(type_ready(r.entries[i].type));
  return ok();
}

// n_sequence_fields, n_fields, n_unnamed_fields and __match_args__ (the visible named fields).
Status add_structseq_class_attributes() {
  Registry& r = registry();
  for (int e = 0; e < r.count; ++e) {
    StructSeqType* t = r.entries[e].type;
    Object* dict = t->dict;
    auto set_int = [dict](const char* key, int64_t v) -> Status {
      Ref<Object> value = TRY(int_from_i64(v));
      return dict_set_item_str(dict, key, value.get());
    };
    TRY(set_int("n_sequence_fields", t->desc->n_in_sequence));
    TRY(set_int("n_fields", t->n_fields));
    TRY(set_int("n_unnamed_fields", t->n_unnamed));
    int visible_named = t->desc->n_in_sequence - t->n_unnamed;
    Ref<Object> match_args = TRY(tuple_new(visible_named));
    for (int i = 0; i < visible_named; ++i)
      tuple_init_item(match_args.get(), i, TRY(str_from_ascii(t->member_table[i].name)));
    TRY(dict_set_item_str(dict, "__match_args__", match_args.get()));
    type_modified(t);
  }
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_structseq_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_structseq_types);
WEFT_REGISTER_TYPE_INIT(kPhaseObjects, add_structseq_class_attributes);

}  // namespace

bool register_structseq(StructSeqType* type, const StructSeqDesc* desc) {
  Registry& r = registry();
  if (r.count == kMaxTypes) std::abort();  // raise kMaxTypes
  r.entries[r.count++] = Registration{type, desc};
  return true;
}

Result<Ref<Object>> structseq_new(StructSeqType* type) {
  int64_t visible = type->desc->n_in_sequence;
  size_t size = static_cast<size_t>(type->basicsize + visible * type->itemsize);
  Ref<TupleObject> t = TRY(new_object<TupleObject>(type, size));
  t->ob_size.store(visible, std::memory_order_relaxed);
  return Ref<Object>(std::move(t));
}

Result<Ref<Object>> structseq_from_items(StructSeqType* type, Ref<Object>* items) {
  Ref<Object> res = TRY(structseq_new(type));
  for (int i = 0; i < type->n_fields; ++i) tuple_init_item(res.get(), i, std::move(items[i]));
  return res;
}

}  // namespace weft
