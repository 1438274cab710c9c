// stdlib/itertools/groupby.cpp — groupby and its sub-iterator _grouper.
//
// CPython's algorithm, step for step (its observable order of key calls and comparisons is
// part of the behaviour): groupby keeps the current item and its key (currvalue, currkey) and the
// key of the group being produced (tgtkey). next(groupby) skips items until the key changes, then
// hands out (key, _grouper). A _grouper yields items while their key equals its target key; it
// is live only while it is the parent's current grouper (`currgrouper`, compared by address and
// never dereferenced), so advancing the outer iterator ends every earlier group.
// Locking: all state lives in the groupby object and changes inside its critical section; a
// _grouper takes its parent's section. The key function, comparisons and the underlying iterator
// run inside the section through references held by the caller, and the state is re-read after
// each call, so a key function that re-enters the groupby gets CPython's results, never a crash.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/itertools/itertools_internal.h"
#include "sync/critical_section.h"

namespace weft::itertools {

Type GroupbyType, GrouperType;

namespace {

struct GroupbyObject : Object {
  Object* it;            // owned
  Object* keyfunc;       // owned; nullptr = identity
  Object* tgtkey;        // owned; key of the current group, or nullptr
  Object* currkey;       // owned; key of currvalue, or nullptr
  Object* currvalue;     // owned; the item read ahead, or nullptr
  Object* currgrouper;   // NOT owned: identifies the live _grouper; compared, never used
};
using G = GroupbyObject;

struct GrouperObject : Object {
  Object* parent;  // owned groupby
  Object* tgtkey;  // owned
};
using Gr = GrouperObject;

// Reads the next item and its key into currvalue/currkey. False when the input is exhausted.
Result<bool> groupby_step(G* g, Ref<Object> dropped[2]) {
  Ref<Object> it = new_ref(g->it);
  Next next = iter_next(it.get());
  if (next.is_error()) return Error{};
  if (next.is_done()) return false;
  Ref<Object> value = next.release_value();
  Ref<Object> key;
  if (g->keyfunc) {
    Ref<Object> keyfunc = new_ref(g->keyfunc);
    key = TRY(call_one(keyfunc.get(), value.get()));
  } else {
    key = value.dup();
  }
  replace_field(&g->currvalue, value.release(), &dropped[0]);
  replace_field(&g->currkey, key.release(), &dropped[1]);
  return true;
}

Result<Ref<Object>> grouper_make(Object* parent, Object* tgtkey) {
  Ref<Gr> gr = TRY(new_object<Gr>(&GrouperType));
  gr->parent = new_ref(parent).release();
  gr->tgtkey = new_ref(tgtkey).release();
  static_cast<G*>(parent)->currgrouper = gr.get();
  return Ref<Object>(std::move(gr));
}

Result<Ref<Object>> groupby_vnew(Type* type, Object* const* args, size_t nargs,
                                 Object* kwnames) {
  static const ArgParser kParser("groupby", "iterable | key");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> it = TRY(get_iter(a[0]));
  Ref<G> g = TRY(alloc_instance<G>(type));
  g->it = it.release();
  if (a[1] && !is_none(a[1])) g->keyfunc = new_ref(a[1]).release();
  return Ref<Object>(std::move(g));
}

Next groupby_next(Object* self) {
  G* g = static_cast<G*>(self);
  Ref<Object> dropped[3];
  sync::CriticalSection cs{self->ob_mutex};
  g->currgrouper = nullptr;
  // Skip to the first item whose key differs from the current group's.
  for (;;) {
    if (g->currkey) {
      if (!g->tgtkey) break;
      Ref<Object> tgtkey = new_ref(g->tgtkey);
      Ref<Object> currkey = new_ref(g->currkey);
      Result<bool> same = rich_compare_bool(tgtkey.get(), currkey.get(), CompareOp::Eq);
      if (same.is_error()) return Error{};
      if (!same.value() && g->currkey) break;
    }
    Result<bool> more = groupby_step(g, dropped);
    if (more.is_error()) return Error{};
    if (!more.value()) return Next::done();
  }
  Ref<Object> key = new_ref(g->currkey);
  replace_field(&g->tgtkey, key.dup().release(), &dropped[2]);
  Result<Ref<Object>> grouper = grouper_make(self, key.get());
  if (grouper.is_error()) return Error{};
  Result<Ref<Object>> pair = tuple_pack({key.get(), grouper.value().get()});
  if (pair.is_error()) return Error{};
  return Next(pair.release_value());
}

// --- _grouper ------------------------------------------------------------------------------------

Result<Ref<Object>> grouper_vnew(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("_grouper", kwnames));
  TRY(args_check_positional("_grouper", nargs, 2, 2));
  if (!is_instance_of(args[0], &GroupbyType))
    return raise(exc::TypeError, "_grouper() argument 1 must be itertools.groupby, not {}",
                 type_name_of(args[0]));
  sync::CriticalSection cs{args[0]->ob_mutex};
  return grouper_make(args[0], args[1]);
}

Next grouper_next(Object* self) {
  Gr* gr = static_cast<Gr*>(self);
  G* g = static_cast<G*>(gr->parent);
  Ref<Object> dropped[3];
  sync::CriticalSection cs{g->ob_mutex};
  if (g->currgrouper != self) return Next::done();
  if (!g->currvalue) {
    Result<bool> more = groupby_step(g, dropped);
    if (more.is_error()) return Error{};
    if (!more.value()) return Next::done();
  }
  if (!g->currkey) return Next::done();
  Ref<Object> currkey = new_ref(g->currkey);
  Result<bool> same = rich_compare_bool(gr->tgtkey, currkey.get(), CompareOp::Eq);
  if (same.is_error()) return Error{};
  if (!same.value() || !g->currvalue) return Next::done();
  Ref<Object> value = Ref<Object>::steal(g->currvalue);
  g->currvalue = nullptr;
  replace_field(&g->currkey, nullptr, &dropped[2]);
  return Next(std::move(value));
}

Status fill_groupby_types() {
  fill_iterator_type(GroupbyType, "itertools.groupby",
                     "make an iterator that returns consecutive keys and groups from the "
                     "iterable\n\n"
                     "  iterable\n    Elements to divide into groups according to the key "
                     "function.\n"
                     "  key\n    A function for computing the group category for each element.\n"
                     "    If the key function is not specified or is None, the element itself\n"
                     "    is used for grouping.",
                     sizeof(G), dealloc_fields<G, &G::it, &G::keyfunc, &G::tgtkey, &G::currkey,
                                               &G::currvalue>,
                     traverse_fields<G, &G::it, &G::keyfunc, &G::tgtkey, &G::currkey,
                                     &G::currvalue>,
                     groupby_next, groupby_vnew);
  fill_iterator_type(GrouperType, "itertools._grouper", nullptr, sizeof(Gr),
                     dealloc_fields<Gr, &Gr::parent, &Gr::tgtkey>,
                     traverse_fields<Gr, &Gr::parent, &Gr::tgtkey>, grouper_next, grouper_vnew,
                     /*subclassable=*/false);
  return ok();
}

Status ready_groupby_types() {
  TRY(type_ready(&GroupbyType));
  TRY(type_ready(&GrouperType));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_groupby_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_groupby_types);

}  // namespace
}  // namespace weft::itertools
