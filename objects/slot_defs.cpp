// objects/slot_defs.cpp — the slot <-> dunder table (slot_defs.h) and the three things done with
// it: wrapper descriptors for a static type's own slots (add_slot_wrappers), a class's slots
// from the dunders along its MRO (fixup_slots), and the update when a class attribute named
// like a dunder changes (update_slots_for_name).
//
// Rule for one slot (CPython's update_one_slot): look up every dunder that feeds it. None found:
// the slot is empty. All found are wrapper descriptors with this row's wrapper (same signature
// and argument convention) wrapping one native function: install that function (a class that does not override __repr__ keeps object's
// native repr; no Python detour). Anything else: install the heap-side slot function, which
// calls the dunders. Two special cases: `__hash__ = None` installs hash_not_implemented, and a
// `__new__` that is some type's tp_new wrapper installs that type's native new.
//
// Locking: slot writes on a type that other threads may be using are relaxed atomic pointer
// stores (set_slot_at); each slot is read independently, as in CPython, so a reader sees either
// the old or the new function.
#include "objects/slot_defs.h"

#include <cstring>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/list.h"
#include "objects/object_impl.h"
#include "objects/str.h"


namespace weft {

namespace {

using namespace slotwrap;

template <class F>
constexpr AnySlotFn any(F f) {
  return reinterpret_cast<AnySlotFn>(f);
}

#define TP(name, field, heap, wrap, doc) \
  SlotDef { name, offsetof(Type, field), any(heap), wrap, 0, false, doc }
#define TPKW(name, field, heap, wrap, doc) \
  SlotDef { name, offsetof(Type, field), any(heap), wrap, 0, true, doc }
#define CMP(name, op, doc)                                                                \
  SlotDef { name, offsetof(Type, richcompare), any(&slotfn::richcompare), wrap_richcompare, \
            static_cast<int>(CompareOp::op), false, doc }
#define NOHEAP(name, field, wrap, doc) \
  SlotDef { name, offsetof(Type, field), nullptr, wrap, 0, false, doc }

#define BIN_ROWS(field, lname, rname, op)                                                \
  TP(lname, number.field, &slotfn::field, wrap_binary_l, "Return self" op "value."),     \
      TP(rname, number.field, &slotfn::field, wrap_binary_r, "Return value" op "self."),
#define INPLACE_ROW(field, name, op) \
  TP(name, number.field, &slotfn::field, wrap_binary, "Return self" op "value."),
#define UNARY_ROW(field, name, doc) TP(name, number.field, &slotfn::field, wrap_unary, doc),

// CPython's slotdefs order: type slots, number, mapping, sequence (see slot_defs.h).
const SlotDef kSlotDefs[] = {
    TP("__getattribute__", getattro, &slot_tp_getattr_hook, wrap_binary,
       "Return getattr(self, name)."),
    TP("__getattr__", getattro, &slot_tp_getattr_hook, nullptr, nullptr),
    TP("__setattr__", setattro, &slotfn::setattro, wrap_setattr,
       "Implement setattr(self, name, value)."),
    TP("__delattr__", setattro, &slotfn::setattro, wrap_delattr, "Implement delattr(self, name)."),
    TP("__repr__", repr, &slotfn::repr, wrap_unary, "Return repr(self)."),
    TP("__hash__", hash, &slotfn::hash, wrap_hash, "Return hash(self)."),
    TPKW("__call__", call, &slotfn::call, wrap_call, "Call self as a function."),
    TP("__str__", str, &slotfn::str, wrap_unary, "Return str(self)."),
    CMP("__lt__", Lt, "Return self<value."),
    CMP("__le__", Le, "Return self<=value."),
    CMP("__eq__", Eq, "Return self==value."),
    CMP("__ne__", Ne, "Return self!=value."),
    CMP("__gt__", Gt, "Return self>value."),
    CMP("__ge__", Ge, "Return self>=value."),
    TP("__iter__", iter, &slotfn::iter, wrap_unary, "Implement iter(self)."),
    TP("__next__", iternext, &slotfn::iternext, wrap_next, "Implement next(self)."),
    TP("__get__", descr_get, &slotfn::descr_get, wrap_descr_get,
       "Return an attribute of instance, which is of type owner."),
    TP("__set__", descr_set, &slotfn::descr_set, wrap_descr_set,
       "Set an attribute of instance to value."),
    TP("__delete__", descr_set, &slotfn::descr_set, wrap_descr_delete,
       "Delete an attribute of instance."),
    TPKW("__init__", init, &slot_tp_init, wrap_init,
         "Initialize self.  See help(type(self)) for accurate signature."),
    TP("__new__", new_, &slot_tp_new, nullptr,
       "Create and return new object.  See help(type) for accurate signature."),
    WEFT_BINARY_NUMBER_SLOTS(BIN_ROWS)
    TP("__pow__", number.power, &slotfn::power, wrap_ternary, "Return pow(self, value, mod)."),
    TP("__rpow__", number.power, &slotfn::power, wrap_ternary_r, "Return pow(value, self, mod)."),
    WEFT_UNARY_NUMBER_SLOTS(UNARY_ROW)
    TP("__bool__", number.boolean, &slotfn::boolean, wrap_inquiry, "True if self else False"),
    WEFT_INPLACE_NUMBER_SLOTS(INPLACE_ROW)
    TP("__ipow__", number.inplace_power, &slotfn::inplace_power, wrap_ternary,
       "Return self**=value."),
    TP("__len__", mapping.length, &slotfn::length, wrap_len, "Return len(self)."),
    TP("__getitem__", mapping.subscript, &slotfn::subscript, wrap_binary, "Return self[key]."),
    TP("__setitem__", mapping.ass_subscript, &slotfn::ass_subscript, wrap_objobjarg,
       "Set self[key] to value."),
    TP("__delitem__", mapping.ass_subscript, &slotfn::ass_subscript, wrap_delitem,
       "Delete self[key]."),
    TP("__len__", sequence.length, &slotfn::length, wrap_len, "Return len(self)."),
    NOHEAP("__add__", sequence.concat, wrap_binary, "Return self+value."),
    NOHEAP("__mul__", sequence.repeat, wrap_index_arg, "Return self*value."),
    NOHEAP("__rmul__", sequence.repeat, wrap_index_arg, "Return value*self."),
    TP("__getitem__", sequence.item, &slotfn::sq_item, wrap_sq_item, "Return self[key]."),
    TP("__setitem__", sequence.ass_item, &slotfn::sq_ass_item, wrap_sq_setitem,
       "Set self[key] to value."),
    TP("__delitem__", sequence.ass_item, &slotfn::sq_ass_item, wrap_sq_delitem,
       "Delete self[key]."),
    TP("__contains__", sequence.contains, &slotfn::contains, wrap_contains,
       "Return bool(key in self)."),
    NOHEAP("__iadd__", sequence.inplace_concat, wrap_binary, "Implement self+=value."),
    NOHEAP("__imul__", sequence.inplace_repeat, wrap_index_arg, "Implement self*=value."),
};

#undef TP
#undef TPKW
#undef CMP
#undef NOHEAP
#undef BIN_ROWS
#undef INPLACE_ROW
#undef UNARY_ROW

constexpr size_t kNumSlotDefs = sizeof(kSlotDefs) / sizeof(kSlotDefs[0]);

// The interned names of the rows, filled once (str_intern needs the runtime's str type).
Object* row_name(size_t i) {
  static Object** names = [] {
    Object** n = new Object*[kNumSlotDefs];
    for (size_t k = 0; k < kNumSlotDefs; ++k) n[k] = str_intern(kSlotDefs[k].name);
    return n;
  }();
  return names[i];
}

// Computes the slot at `offset` for heap type `t` from its MRO (see the file comment).
AnySlotFn compute_slot(Type* t, size_t offset) {
  AnySlotFn generic = nullptr;
  AnySlotFn specific = nullptr;
  bool use_generic = false;
  for (size_t i = 0; i < kNumSlotDefs; ++i) {
    const SlotDef& row = kSlotDefs[i];
    if (row.offset != offset) continue;
    if (row.heap_fn) generic = row.heap_fn;
    Object* descr = type_lookup(t, row_name(i));
    if (!descr) continue;
    if (type_of(descr) == &WrapperDescriptorType) {
      auto* w = static_cast<WrapperDescrObject*>(descr);
      AnySlotFn native = reinterpret_cast<AnySlotFn>(w->wrapped);
      // Rows match by wrapper (the C signature and argument convention), as in CPython: the
      // same native function may serve mapping.length and sequence.length.
      if (w->slot->wrapper == row.wrapper && (!specific || specific == native)) {
        specific = native;
        continue;
      }
      use_generic = true;
      continue;
    }
    if (is_none(descr) && offset == offsetof(Type, hash)) {
      specific = reinterpret_cast<AnySlotFn>(&hash_not_implemented);
      continue;
    }
    if (offset == offsetof(Type, new_)) {
      if (Type* owner = tp_new_wrapper_owner(descr)) {
        specific = reinterpret_cast<AnySlotFn>(owner->new_);
        continue;
      }
    }
    use_generic = true;
  }
  if (use_generic) return generic;
  return specific;
}

// Every distinct slot offset in the table, in table order.
template <class F>
void for_each_offset(F&& f) {
  for (size_t i = 0; i < kNumSlotDefs; ++i) {
    bool seen = false;
    for (size_t k = 0; k < i && !seen; ++k) seen = kSlotDefs[k].offset == kSlotDefs[i].offset;
    if (!seen) f(kSlotDefs[i].offset);
  }
}

void update_offset_recursive(Type* t, size_t offset) {
  if (type_has_flag(t, kTypeHeap)) set_slot_at(t, offset, compute_slot(t, offset));
  Result<Ref<Object>> subs = type_subclasses_list(t);
  if (subs.is_error()) {
    clear_error();  // out of memory while listing: nothing better to do than skip them
    return;
  }
  Object* list = subs.value().get();
  for (int64_t i = 0; i < list_size(list); ++i)
    update_offset_recursive(reinterpret_cast<Type*>(list_item_locked(list, i)), offset);
}

}  // namespace

std::span<const SlotDef> slot_defs() { return {kSlotDefs, kNumSlotDefs}; }

AnySlotFn slot_at(const Type* t, size_t offset) {
  AnySlotFn fn;
  std::memcpy(&fn, reinterpret_cast<const char*>(t) + offset, sizeof fn);
  return fn;
}

void set_slot_at(Type* t, size_t offset, AnySlotFn fn) {
  auto* field = reinterpret_cast<AnySlotFn*>(reinterpret_cast<char*>(t) + offset);
  __atomic_store_n(field, fn, __ATOMIC_RELAXED);
}

Status add_slot_wrappers(Type* t) {
  for (size_t i = 0; i < kNumSlotDefs; ++i) {
    const SlotDef& row = kSlotDefs[i];
    if (!row.wrapper) continue;
    AnySlotFn fn = slot_at(t, row.offset);
    if (!fn) continue;
    // An unhashable type's __hash__ is None (type_ready sets it), not a wrapper.
    if (row.offset == offsetof(Type, hash) &&
        fn == reinterpret_cast<AnySlotFn>(&hash_not_implemented))
      continue;
    Object* name = row_name(i);
    bool present = TRY(dict_contains(t->dict, name));
    if (present) continue;
    Ref<Object> w = TRY(wrapper_descriptor_new(t, &row, reinterpret_cast<void*>(fn)));
    TRY(dict_set_item(t->dict, name, w.get()));
  }
  return ok();
}

void fixup_slots(Type* t) {
  for_each_offset([t](size_t offset) { set_slot_at(t, offset, compute_slot(t, offset)); });
}

void update_slots_for_name(Type* t, Object* name) {
  if (!is_str(name)) return;
  for (size_t i = 0; i < kNumSlotDefs; ++i) {
    if (row_name(i) != name && !str_equal(row_name(i), name)) continue;
    size_t offset = kSlotDefs[i].offset;
    // Rows sharing an offset are recomputed together, once per offset is enough.
    bool done_before = false;
    for (size_t k = 0; k < i && !done_before; ++k)
      done_before = kSlotDefs[k].offset == offset &&
                    (row_name(k) == name || str_equal(row_name(k), name));
    if (!done_before) update_offset_recursive(t, offset);
  }
}

}  // namespace weft
