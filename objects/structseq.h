// objects/structseq.h — struct sequences (CPython's PyStructSequence): tuple subclasses whose
// items also have names, e.g. os.stat_result, time.struct_time, sys.flags, sys.version_info.
//
// An instance stores `n_fields` items inline (like a tuple); only the first `n_in_sequence` are
// visible to the tuple protocol (len, indexing, iteration, hash, comparison); the rest are
// reachable by name only. Fields named kStructSeqUnnamed have an index but no attribute.
//
// Declaring a type (a static StructSeqType filled and readied at start-up by structseq.cpp):
//
//   const StructSeqField kTimesFields[] = {{"user", "user time"}, ..., {nullptr, nullptr}};
//   const StructSeqDesc kTimesDesc = {"posix.times_result", "times_result: ...", kTimesFields, 5};
//   StructSeqType TimesResultType;
//   WEFT_REGISTER_STRUCTSEQ(TimesResultType, kTimesDesc);
//
// Creating an instance: structseq_new(&TimesResultType), then tuple_init_item() every field
// (0 .. n_fields) before anyone else sees it; instances are immutable afterwards (no locking).
#pragma once

#include <cstdint>

#include "objects/type.h"

namespace weft {

// The name marking a field that has an index but no attribute (PyStructSequence_UnnamedField).
extern const char kStructSeqUnnamed[];

struct StructSeqField {
  const char* name;  // nullptr ends the table; kStructSeqUnnamed for an unnamed field
  const char* doc;
};

struct StructSeqDesc {
  const char* name;  // tp_name, "os.stat_result"
  const char* doc;
  const StructSeqField* fields;
  int n_in_sequence;        // the visible (tuple) length
  bool instantiable = true;  // false: "cannot create 'sys.flags' instances"
  // A type-specific __new__ (e.g. os.stat_result fills its float times from the int ones); it
  // builds on structseq_vnew. nullptr: structseq_vnew itself.
  NewFn new_fn = nullptr;
};

struct StructSeqType : Type {
  static constexpr int kMaxFields = 24;
  const StructSeqDesc* desc;
  int n_fields;    // every field, visible or not
  int n_unnamed;   // fields named kStructSeqUnnamed (all among the visible ones)
  // The attributes: one read-only Object member per named field, then the terminator.
  MemberDef member_table[kMaxFields + 1];
};

// A new instance with every item null: the caller fills all n_fields items with tuple_init_item
// before the object escapes.
Result<Ref<Object>> structseq_new(StructSeqType* type);
// A new instance from `n_fields` owned items (steals them).
Result<Ref<Object>> structseq_from_items(StructSeqType* type, Ref<Object>* items);

// The generic constructor: T(sequence, dict): the visible fields (and possibly some hidden ones)
// from the sequence, further hidden fields from the dict by name, the rest None.
Result<Ref<Object>> structseq_vnew(Type* type, Object* const* args, size_t nargs,
                                   Object* kwnames);

// Registers `type` to be filled from `desc` and readied with the built-in types (kPhaseFill /
// kPhaseReady / kPhaseObjects). Called from static initializers through the macro.
bool register_structseq(StructSeqType* type, const StructSeqDesc* desc);

}  // namespace weft

#define WEFT_STRUCTSEQ_CONCAT2(a, b) a##b
#define WEFT_STRUCTSEQ_CONCAT(a, b) WEFT_STRUCTSEQ_CONCAT2(a, b)
#define WEFT_REGISTER_STRUCTSEQ(type, desc)                                             \
  [[maybe_unused]] static const bool WEFT_STRUCTSEQ_CONCAT(weft_structseq_, __LINE__) = \
      ::weft::register_structseq(&(type), &(desc))
