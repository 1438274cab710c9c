// objects/type_bases.cpp — assigning a class's __bases__, and the instance-layout check that
// __bases__ and __class__ assignment share (CPython's compatible_for_assignment).
//
// `C.__bases__ = (...)` checks the value (a non-empty tuple of classes, no inheritance cycle),
// picks the new best base and requires its instance layout to match the old one, then installs
// the bases, recomputes the MRO of C and of every subclass (a custom metaclass mro() may run),
// moves C in the subclass registry, recomputes the slots of C and its subclasses and invalidates
// their attribute caches. A failure while recomputing MROs restores every MRO already replaced
// and the old bases, as CPython's type_set_bases does.
//
// Thread safety: Type::bases, Type::base, Type::mro and the slots are read without locks
// everywhere (MRO walks, subtype checks, the attribute cache, type_call). They are therefore only
// replaced while the world is stopped (core::StoppedWorld): no other thread runs Python code or walks an MRO at that
// moment, and the replaced tuples are released only after the swap, so no reader can hold a
// pointer to them. MROs are computed outside the stopped world because a metaclass's mro() is
// Python code. Assignments are rare (typing.NamedTuple, a few Lib modules), so the cost of
// stopping the world does not matter.
#include <string_view>
#include <utility>
#include <vector>

#include "core/stop_the_world.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/heap_type.h"
#include "objects/list.h"
#include "objects/object_impl.h"
#include "objects/slot_defs.h"
#include "objects/tuple.h"

namespace weft {

namespace {

Type* as_type(Object* o) { return reinterpret_cast<Type*>(o); }

// CPython's compatible_with_tp_base: `child` lays out its instances exactly as its base does.
bool same_layout_as_base(const Type* child) {
  const Type* parent = child->base;
  return parent && child->basicsize == parent->basicsize && child->itemsize == parent->itemsize &&
         child->dictoffset == parent->dictoffset &&
         child->weaklistoffset == parent->weaklistoffset &&
         type_has_flag(child, kTypeHaveGc) == type_has_flag(parent, kTypeHaveGc) &&
         (type_has_flag(child, kTypeHeap) || child->dealloc == parent->dealloc);
}

// The __slots__ names a class added (its member table), in order.
bool same_slot_names(const Type* a, const Type* b) {
  const MemberDef* ma = a->members;
  const MemberDef* mb = b->members;
  for (; ma && ma->name && mb && mb->name; ++ma, ++mb)
    if (std::string_view(ma->name) != mb->name) return false;
  return !(ma && ma->name) && !(mb && mb->name);
}

// CPython's same_slots_added: two classes with the same base add the same fields.
bool same_fields_added(const Type* a, const Type* b) {
  if (!type_has_flag(a, kTypeHeap) || !type_has_flag(b, kTypeHeap)) return false;
  return a->basicsize == b->basicsize && a->itemsize == b->itemsize &&
         a->dictoffset == b->dictoffset && a->weaklistoffset == b->weaklistoffset &&
         same_slot_names(a, b);
}

// True when `base`'s chain of solid bases reaches `t` (a cycle not yet visible in the MROs).
bool base_chain_reaches(const Type* base, const Type* t) {
  for (const Type* b = base; b; b = b->base)
    if (b == t) return true;
  return false;
}

// Replaces one of a type's lock-free-read fields with the world stopped and returns the value it
// replaced (read inside the stop, so two racing assignments each release what they took out).
template <class T>
T exchange_stopped(T* field, T value) {
  core::StoppedWorld stopped;
  return std::exchange(*field, value);
}

// The old MROs replaced so far, to restore on failure and release on success.
struct ReplacedMro {
  Type* type;
  Object* new_mro;  // borrowed: owned by the type while it is installed
  Ref<Object> old_mro;
};

// Recomputes the MRO of `t` and of all its subclasses (pre-order: a subclass's C3 merge reads
// its bases' new MROs). CPython's mro_hierarchy.
Status recompute_mro_hierarchy(Type* t, std::vector<ReplacedMro>* replaced) {
  Ref<Object> mro = TRY(type_compute_mro(t));
  Object* installed = mro.get();
  Object* old = exchange_stopped(&t->mro, mro.release());
  replaced->push_back({t, installed, Ref<Object>::steal(old)});
  Ref<Object> subs = TRY(type_subclasses_list(t));
  for (int64_t i = 0; i < list_size(subs.get()); ++i)
    TRY(recompute_mro_hierarchy(as_type(list_item_locked(subs.get(), i)), replaced));
  return ok();
}

// Puts back the MROs replaced so far, newest first, unless a reentrant assignment replaced one
// again meanwhile.
void restore_mros(std::vector<ReplacedMro>* replaced) {
  for (auto it = replaced->rbegin(); it != replaced->rend(); ++it) {
    bool restored = false;
    {
      core::StoppedWorld stopped;
      if (it->type->mro == it->new_mro) {
        it->type->mro = it->old_mro.release();
        restored = true;
      }
    }
    if (restored) decref(it->new_mro);
  }
}

// `t` and all its subclasses, transitively (each with a reference).
void collect_hierarchy(Type* t, std::vector<Ref<Object>>* out) {
  out->push_back(Ref<Object>::borrow(reinterpret_cast<Object*>(t)));
  Result<Ref<Object>> subs = type_subclasses_list(t);
  if (subs.is_error()) {
    clear_error();  // out of memory while listing: those subclasses keep their slots
    return;
  }
  Object* list = subs.value().get();
  for (int64_t i = 0; i < list_size(list); ++i)
    collect_hierarchy(as_type(list_item_locked(list, i)), out);
}

// After a class's bases changed: every slot of it and of its subclasses from the new MROs.
// Slots are read without locks (type_call, set_attr...), so they are rewritten with the world
// stopped; computing them only reads class dicts (no Python code runs).
void fix_slots_of_hierarchy(Type* t) {
  std::vector<Ref<Object>> types;
  collect_hierarchy(t, &types);
  core::StoppedWorld stopped;
  for (const Ref<Object>& type : types) fixup_slots(as_type(type.get()));
}

Status check_new_bases(Type* t, Object* value) {
  if (!type_has_flag(t, kTypeHeap) || type_has_flag(t, kTypeImmutable)) {
    return raise(exc::TypeError, "cannot set '__bases__' attribute of immutable type '{}'",
                 t->name);
  }
  if (!value) {
    return raise(exc::TypeError, "cannot delete '__bases__' attribute of immutable type '{}'",
                 t->name);
  }
  if (!is_tuple(value)) {
    return raise(exc::TypeError, "can only assign tuple to {}.__bases__, not {}", t->name,
                 type_name_of(value));
  }
  if (tuple_size(value) == 0) {
    return raise(exc::TypeError, "can only assign non-empty tuple to {}.__bases__, not ()",
                 t->name);
  }
  for (int64_t i = 0; i < tuple_size(value); ++i) {
    Object* item = tuple_item(value, i);
    if (!is_instance_of(item, &TypeType)) {
      return raise(exc::TypeError, "{}.__bases__ must be tuple of classes, not '{}'", t->name,
                   type_name_of(item));
    }
    Type* base = as_type(item);
    if (type_is_subtype(base, t) || base_chain_reaches(base, t)) {
      return raise(exc::TypeError, "a __bases__ item causes an inheritance cycle");
    }
  }
  return ok();
}

}  // namespace

Status compatible_for_assignment(Type* oldto, Type* newto, const char* attr) {
  if (type_has_flag(newto, kTypeHaveGc) != type_has_flag(oldto, kTypeHaveGc)) {
    return raise(exc::TypeError, "{} assignment: '{}' deallocator differs from '{}'", attr,
                 newto->name, oldto->name);
  }
  Type* newbase = newto;
  while (same_layout_as_base(newbase)) newbase = newbase->base;
  Type* oldbase = oldto;
  while (same_layout_as_base(oldbase)) oldbase = oldbase->base;
  if (newbase != oldbase &&
      (newbase->base != oldbase->base || !same_fields_added(newbase, oldbase))) {
    return raise(exc::TypeError, "{} assignment: '{}' object layout differs from '{}'", attr,
                 newto->name, oldto->name);
  }
  return ok();
}

Status type_set_bases(Object* self, Object* value) {
  Type* t = as_type(self);
  TRY(check_new_bases(t, value));
  Type* new_base = TRY(type_best_base(value));
  TRY(compatible_for_assignment(t->base, new_base, "__bases__"));

  Object* taken_bases;
  Type* old_base;
  {
    core::StoppedWorld stopped;
    taken_bases = std::exchange(t->bases, new_ref(value).release());
    old_base = std::exchange(t->base, new_base);
  }
  Ref<Object> old_bases = Ref<Object>::steal(taken_bases);
  std::vector<ReplacedMro> replaced;
  if (recompute_mro_hierarchy(t, &replaced).is_error()) {
    restore_mros(&replaced);
    Object* mine = nullptr;
    {
      core::StoppedWorld stopped;
      if (t->bases == value) {  // unless a reentrant assignment replaced them again
        mine = std::exchange(t->bases, old_bases.release());
        t->base = old_base;
      }
    }
    xdecref(mine);
    return Error{};
  }
  // A reentrant assignment (from a metaclass's mro()) may have installed other bases already;
  // it then did the registry and slot work itself.
  if (t->bases == value) {
    for (int64_t i = 0; i < tuple_size(old_bases.get()); ++i)
      unregister_subclass(as_type(tuple_item(old_bases.get(), i)), t);
    for (int64_t i = 0; i < tuple_size(value); ++i)
      register_subclass(as_type(tuple_item(value, i)), t);
    fix_slots_of_hierarchy(t);
  }
  type_modified(t);
  return ok();
}

}  // namespace weft
