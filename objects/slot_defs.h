// objects/slot_defs.h — the table that ties every type slot to its Python dunder(s), and the two
// directions of that tie (internal to objects/; helper Y's files):
//
//   heap side     a class defining `__add__` gets `number.add = slot function` that calls the
//                 Python method (slot_functions.cpp);
//   native side   a built-in type with a native slot gets a wrapper_descriptor in its __dict__
//                 (`int.__add__`) that calls the slot with Python arguments (slot_wrappers.cpp).
//
// One row per (dunder, slot) pair, in CPython's slotdefs order: several dunders can feed one slot
// (__add__ and __radd__ -> number.add; the six comparisons -> richcompare), and one dunder can
// name several slots (__len__ -> mapping.length and sequence.length). When a type's __dict__
// gains a wrapper for a name, the first row naming it wins, which is why number rows precede
// mapping rows precede sequence rows.
#pragma once

#include <cstddef>
#include <span>

#include "objects/type.h"

namespace weft {

// Type-erased slot function pointer (every slot field of Type is one function pointer).
using AnySlotFn = void (*)();

struct SlotDef;

// Calls the native slot function `fn` of row `def` for a wrapper descriptor: `self` is the
// instance, args/nargs/kwnames the Python arguments after self (kwnames is non-null only for
// rows with `keywords`).
using SlotWrapperFn = Result<Ref<Object>> (*)(const SlotDef& def, AnySlotFn fn, Object* self,
                                             Object* const* args, size_t nargs, Object* kwnames);

struct SlotDef {
  const char* name;       // the dunder, e.g. "__add__"
  size_t offset;          // byte offset of the slot field in Type
  AnySlotFn heap_fn;      // the slot function a class defining `name` gets (nullptr: none)
  SlotWrapperFn wrapper;  // how int.__add__ calls a native slot (nullptr: no wrapper)
  int op;                 // CompareOp for the comparison rows; unused elsewhere
  bool keywords;          // the wrapper accepts keyword arguments (__call__, __init__)
  const char* doc;
};

// Every row, in table order.
std::span<const SlotDef> slot_defs();

// Reads / writes the slot at `offset` of `t`. Writes to a type other threads already use are
// relaxed atomic stores (a slot is one pointer; readers see the old or the new function).
AnySlotFn slot_at(const Type* t, size_t offset);
void set_slot_at(Type* t, size_t offset, AnySlotFn fn);

// type_ready() of a static type: adds a wrapper_descriptor to t->dict for every slot t fills
// itself (before inheritance), unless the name is already there.
Status add_slot_wrappers(Type* t);

// Class creation: sets every slot of heap type `t` from what its MRO defines. A dunder found as
// the wrapper of a native slot reinstalls that native function (no Python-level detour); a
// Python-level dunder installs the slot function; no dunder at all leaves the slot empty.
void fixup_slots(Type* t);

// After `name` was assigned or deleted in heap type t's __dict__: recomputes the slots fed by
// `name` in t and in every subclass (so `C.__add__ = f` takes effect at once).
void update_slots_for_name(Type* t, Object* name);

// The number slots with a reflected form: X(field, dunder, reflected dunder, operator text).
#define WEFT_BINARY_NUMBER_SLOTS(X)                                   \
  X(add, "__add__", "__radd__", "+")                                  \
  X(subtract, "__sub__", "__rsub__", "-")                             \
  X(multiply, "__mul__", "__rmul__", "*")                             \
  X(remainder, "__mod__", "__rmod__", "%")                            \
  X(divmod, "__divmod__", "__rdivmod__", "divmod")                    \
  X(lshift, "__lshift__", "__rlshift__", "<<")                        \
  X(rshift, "__rshift__", "__rrshift__", ">>")                        \
  X(and_, "__and__", "__rand__", "&")                                 \
  X(xor_, "__xor__", "__rxor__", "^")                                 \
  X(or_, "__or__", "__ror__", "|")                                    \
  X(floor_divide, "__floordiv__", "__rfloordiv__", "//")              \
  X(true_divide, "__truediv__", "__rtruediv__", "/")                  \
  X(matrix_multiply, "__matmul__", "__rmatmul__", "@")
// In-place number slots (binary): X(field, dunder, operator text).
#define WEFT_INPLACE_NUMBER_SLOTS(X)                                  \
  X(inplace_add, "__iadd__", "+=")                                    \
  X(inplace_subtract, "__isub__", "-=")                               \
  X(inplace_multiply, "__imul__", "*=")                               \
  X(inplace_remainder, "__imod__", "%=")                              \
  X(inplace_lshift, "__ilshift__", "<<=")                             \
  X(inplace_rshift, "__irshift__", ">>=")                             \
  X(inplace_and, "__iand__", "&=")                                    \
  X(inplace_xor, "__ixor__", "^=")                                    \
  X(inplace_or, "__ior__", "|=")                                      \
  X(inplace_floor_divide, "__ifloordiv__", "//=")                     \
  X(inplace_true_divide, "__itruediv__", "/=")                        \
  X(inplace_matrix_multiply, "__imatmul__", "@=")
// Unary number slots returning an object: X(field, dunder, doc).
#define WEFT_UNARY_NUMBER_SLOTS(X)                                    \
  X(negative, "__neg__", "-self")                                     \
  X(positive, "__pos__", "+self")                                     \
  X(absolute, "__abs__", "abs(self)")                                 \
  X(invert, "__invert__", "~self")                                    \
  X(int_, "__int__", "int(self)")                                     \
  X(float_, "__float__", "float(self)")                               \
  X(index, "__index__",                                               \
    "Return self converted to an integer, if self is suitable for use as an index into a list.")

// Heap-side slot functions (slot_functions.cpp).
namespace slotfn {
#define WEFT_DECLARE_BINARY(field, name, rname, op) \
  Result<Ref<Object>> field(Object* self, Object* other);
WEFT_BINARY_NUMBER_SLOTS(WEFT_DECLARE_BINARY)
#undef WEFT_DECLARE_BINARY
#define WEFT_DECLARE_INPLACE(field, name, op) \
  Result<Ref<Object>> field(Object* self, Object* other);
WEFT_INPLACE_NUMBER_SLOTS(WEFT_DECLARE_INPLACE)
#undef WEFT_DECLARE_INPLACE
#define WEFT_DECLARE_UNARY(field, name, doc) Result<Ref<Object>> field(Object* self);
WEFT_UNARY_NUMBER_SLOTS(WEFT_DECLARE_UNARY)
#undef WEFT_DECLARE_UNARY
Result<Ref<Object>> power(Object* self, Object* other, Object* mod);
Result<Ref<Object>> inplace_power(Object* self, Object* other, Object* mod);
Result<bool> boolean(Object* self);
Result<Ref<Object>> repr(Object* self);
Result<Ref<Object>> str(Object* self);
Result<int64_t> hash(Object* self);
Result<Ref<Object>> richcompare(Object* self, Object* other, CompareOp op);
Status setattro(Object* self, Object* name, Object* value);
Result<Ref<Object>> call(Object* self, Object* const* args, size_t nargs, Object* kwnames);
Result<Ref<Object>> iter(Object* self);
Next iternext(Object* self);
Result<Ref<Object>> descr_get(Object* self, Object* obj, Object* type);
Status descr_set(Object* self, Object* obj, Object* value);
Result<int64_t> length(Object* self);
Result<Ref<Object>> subscript(Object* self, Object* key);
Status ass_subscript(Object* self, Object* key, Object* value);
Result<Ref<Object>> sq_item(Object* self, int64_t i);
Status sq_ass_item(Object* self, int64_t i, Object* value);
Result<bool> contains(Object* self, Object* item);
}  // namespace slotfn

// How wrapper descriptors call native slots, one per slot signature (slot_wrappers.cpp).
namespace slotwrap {
#define WEFT_DECLARE_WRAP(name)                                                             \
  Result<Ref<Object>> name(const SlotDef& def, AnySlotFn fn, Object* self, Object* const* args, \
                           size_t nargs, Object* kwnames);
WEFT_DECLARE_WRAP(wrap_unary) WEFT_DECLARE_WRAP(wrap_binary) WEFT_DECLARE_WRAP(wrap_binary_l)
WEFT_DECLARE_WRAP(wrap_binary_r)
WEFT_DECLARE_WRAP(wrap_ternary) WEFT_DECLARE_WRAP(wrap_ternary_r) WEFT_DECLARE_WRAP(wrap_inquiry)
WEFT_DECLARE_WRAP(wrap_len) WEFT_DECLARE_WRAP(wrap_hash) WEFT_DECLARE_WRAP(wrap_richcompare)
WEFT_DECLARE_WRAP(wrap_next) WEFT_DECLARE_WRAP(wrap_descr_get) WEFT_DECLARE_WRAP(wrap_descr_set)
WEFT_DECLARE_WRAP(wrap_descr_delete) WEFT_DECLARE_WRAP(wrap_setattr)
WEFT_DECLARE_WRAP(wrap_delattr) WEFT_DECLARE_WRAP(wrap_objobjarg) WEFT_DECLARE_WRAP(wrap_delitem)
WEFT_DECLARE_WRAP(wrap_sq_item) WEFT_DECLARE_WRAP(wrap_sq_setitem)
WEFT_DECLARE_WRAP(wrap_sq_delitem) WEFT_DECLARE_WRAP(wrap_index_arg)
WEFT_DECLARE_WRAP(wrap_contains) WEFT_DECLARE_WRAP(wrap_call) WEFT_DECLARE_WRAP(wrap_init)
#undef WEFT_DECLARE_WRAP
}  // namespace slotwrap

// The heap-side slot functions that need special treatment by fixup_slots.
Result<Ref<Object>> slot_tp_new(Type* type, Object* const* args, size_t nargs, Object* kwnames);
Status slot_tp_init(Object* self, Object* const* args, size_t nargs, Object* kwnames);
Result<Ref<Object>> slot_tp_getattr_hook(Object* self, Object* name);

}  // namespace weft
