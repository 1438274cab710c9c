// objects/cell.cpp — cell objects (see objects/cell.h).
//
// Locking: `ref` is read and written only inside the cell's critical section; a reader takes its
// new reference before leaving it. Values being replaced are released after the lock is dropped.
#include "objects/cell.h"

#include <cstdio>
#include <string>
#include <utility>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"

namespace weft {

Type CellType;

namespace {

CellObject* as_cell(Object* o) { return static_cast<CellObject*>(o); }

void cell_dealloc(Object* self) {
  xdecref(as_cell(self)->ref);
  free_object(self);
}

void cell_traverse(Object* self, VisitFn visit, void* arg) {
  if (as_cell(self)->ref) visit(as_cell(self)->ref, arg);
}

// The collector's `clear`: empties the cell (closures are how functions form cycles).
void cell_clear(Object* self) {
  Object* old;
  {
    sync::CriticalSection cs{self->ob_mutex};
    old = std::exchange(as_cell(self)->ref, nullptr);
  }
  xdecref(old);
}

std::string address_of(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", p);
  return buf;
}

Result<Ref<Object>> cell_repr(Object* self) {
  Ref<Object> value = cell_get(self);
  std::string text = "<cell at " + address_of(self) + ": ";
  if (!value) {
    text += "empty>";
  } else {
    text += std::string(type_name_of(value.get())) + " object at " + address_of(value.get()) + ">";
  }
  return str_from_utf8(text);
}

// Cells compare by contents; an empty cell sorts before any full one (CPython's cell_richcompare).
Result<Ref<Object>> cell_richcompare(Object* a, Object* b, CompareOp op) {
  if (!is_cell(a) || !is_cell(b)) return new_ref(not_implemented());
  Ref<Object> va = cell_get(a);
  Ref<Object> vb = cell_get(b);
  if (va && vb) return rich_compare(va.get(), vb.get(), op);
  int cmp = (va ? 1 : 0) - (vb ? 1 : 0);
  return new_bool(compare_holds(cmp, op));
}

Result<Ref<Object>> get_contents(Object* self) {
  Ref<Object> value = cell_get(self);
  if (!value) return raise(exc::ValueError, "Cell is empty");
  return value;
}
Status set_contents(Object* self, Object* value) {
  cell_set(self, value);
  return ok();
}

// types.CellType([contents])
Result<Ref<Object>> cell_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) {
    return raise(exc::TypeError, "cell() takes no keyword arguments");
  }
  if (nargs > 1) return raise(exc::TypeError, "cell expected at most 1 argument, got {}", nargs);
  return cell_new(nargs == 1 ? args[0] : nullptr);
}

const GetSetDef kCellGetSets[] = {
    {"cell_contents", get_contents, set_contents, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_cell_type() {
  Type& t = CellType;
  t.name = "cell";
  t.doc = "Create a new cell object.\n\n  contents\n    the contents of the cell. If not specified, "
          "the cell will be empty,\n    and \n further attempts to access its cell_contents "
          "attribute will\n    raise a ValueError.";
  t.basicsize = sizeof(CellObject);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = cell_dealloc;
  t.traverse = cell_traverse;
  t.clear = cell_clear;
  t.repr = cell_repr;
  t.richcompare = cell_richcompare;
  t.new_ = cell_vnew;
  t.hash = hash_not_implemented;
  t.getsets = kCellGetSets;
  return ok();
}
Status ready_cell_type() { return type_ready(&CellType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_cell_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_cell_type);

}  // namespace

Result<Ref<Object>> cell_new(Object* value) {
  Ref<CellObject> c = TRY(new_object<CellObject>(&CellType));
  c->ref = value ? new_ref(value).release() : nullptr;
  return Ref<Object>(std::move(c));
}

Ref<Object> cell_get(Object* cell) {
  sync::CriticalSection cs{cell->ob_mutex};
  Object* v = as_cell(cell)->ref;
  return v ? new_ref(v) : Ref<Object>();
}

void cell_set(Object* cell, Object* value) {
  Object* old;
  {
    sync::CriticalSection cs{cell->ob_mutex};
    if (value) incref(value);
    old = as_cell(cell)->ref;
    as_cell(cell)->ref = value;
  }
  xdecref(old);
}

}  // namespace weft
