// objects/type.h — Type: the type object and its slot tables (DESIGN §3).
//
// Every built-in type is a statically allocated, immortal `Type` (e.g. `IntType` in int.cpp)
// whose fields are filled by that file's init function at start-up (objects/type_registry.h),
// then completed by `type_ready()` (MRO, __dict__ with method descriptors, slot inheritance).
// A class statement creates a heap type whose slots are wrappers calling the Python dunders.
//
// Slot conventions (all fallible slots return Result / Status, see core/result.h):
//  - Binary number slots may return NotImplemented (the singleton) to let the reflected operand
//    try; abstract.cpp does CPython's dispatch (subclass first, then left, then right).
//  - richcompare receives a CompareOp and may return NotImplemented.
//  - setattro / ass_item / ass_subscript / descr_set receive value == nullptr for deletion.
//  - call slots use the vector convention: args[0..nargs) positional, then one value per name in
//    `kwnames` (a tuple of str, or nullptr when there are no keywords).
//  - iternext returns a Next: an item, the end of iteration (no exception), or an error.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "objects/ref.h"

namespace weft {

enum class CompareOp : int { Lt = 0, Le = 1, Eq = 2, Ne = 3, Gt = 4, Ge = 5 };

// Whether a three-way comparison result `c` (< 0, 0, > 0) satisfies `op`.
inline bool compare_holds(int c, CompareOp op) {
  switch (op) {
    case CompareOp::Lt: return c < 0;
    case CompareOp::Le: return c <= 0;
    case CompareOp::Eq: return c == 0;
    case CompareOp::Ne: return c != 0;
    case CompareOp::Gt: return c > 0;
    case CompareOp::Ge: return c >= 0;
  }
  return false;
}
// The three-way comparison of two sizes, for sequences that compare equal up to the shorter one.
inline int compare_sizes(int64_t a, int64_t b) { return (a > b) - (a < b); }

// The result of advancing an iterator: an item, exhaustion (null item, no error), or an error.
// TRY(next) yields the Ref<Object>, which is null at the end of iteration.
class [[nodiscard]] Next {
 public:
  Next(Ref<Object>&& item) : item_(std::move(item)) {}
  Next(Error) : error_(true) {}
  static Next done() { return Next(); }
  bool is_error() const { return error_; }
  bool is_done() const { return !error_ && !item_; }
  Ref<Object> release_value() { return std::move(item_); }

 private:
  Next() = default;
  Ref<Object> item_;
  bool error_ = false;
};

using UnaryFn = Result<Ref<Object>> (*)(Object* self);
using BinaryFn = Result<Ref<Object>> (*)(Object* a, Object* b);
using TernaryFn = Result<Ref<Object>> (*)(Object* a, Object* b, Object* c);
using InquiryFn = Result<bool> (*)(Object* self);
using LenFn = Result<int64_t> (*)(Object* self);
using HashFn = Result<int64_t> (*)(Object* self);  // never returns -1 as a valid hash
using RichCompareFn = Result<Ref<Object>> (*)(Object* a, Object* b, CompareOp op);
using GetAttrFn = Result<Ref<Object>> (*)(Object* self, Object* name);
using SetAttrFn = Status (*)(Object* self, Object* name, Object* value);
using VectorcallFn = Result<Ref<Object>> (*)(Object* callable, Object* const* args, size_t nargs,
                                            Object* kwnames);
using IterNextFn = Next (*)(Object* self);
using DescrGetFn = Result<Ref<Object>> (*)(Object* descr, Object* obj /*nullable*/, Object* type);
using DescrSetFn = Status (*)(Object* descr, Object* obj, Object* value);
using NewFn = Result<Ref<Object>> (*)(Type* type, Object* const* args, size_t nargs, Object* kwnames);
using InitFn = Status (*)(Object* self, Object* const* args, size_t nargs, Object* kwnames);
using DeallocFn = void (*)(Object* self);
using VisitFn = void (*)(Object* referent, void* arg);
using TraverseFn = void (*)(Object* self, VisitFn visit, void* arg);
using ClearFn = void (*)(Object* self);
using SsizeArgFn = Result<Ref<Object>> (*)(Object* self, int64_t i);
using SsizeObjArgFn = Status (*)(Object* self, int64_t i, Object* value);
using ObjObjArgFn = Status (*)(Object* self, Object* key, Object* value);
using ContainsFn = Result<bool> (*)(Object* self, Object* item);

struct NumberMethods {
  BinaryFn add, subtract, multiply, remainder, divmod;
  TernaryFn power;
  UnaryFn negative, positive, absolute;
  InquiryFn boolean;
  UnaryFn invert;
  BinaryFn lshift, rshift, and_, xor_, or_;
  UnaryFn int_, float_;
  BinaryFn inplace_add, inplace_subtract, inplace_multiply, inplace_remainder;
  TernaryFn inplace_power;
  BinaryFn inplace_lshift, inplace_rshift, inplace_and, inplace_xor, inplace_or;
  BinaryFn floor_divide, true_divide, inplace_floor_divide, inplace_true_divide;
  UnaryFn index;
  BinaryFn matrix_multiply, inplace_matrix_multiply;
};

struct SequenceMethods {
  LenFn length;
  BinaryFn concat;
  SsizeArgFn repeat;
  SsizeArgFn item;
  SsizeObjArgFn ass_item;
  ContainsFn contains;
  BinaryFn inplace_concat;
  SsizeArgFn inplace_repeat;
};

struct MappingMethods {
  LenFn length;
  BinaryFn subscript;
  ObjObjArgFn ass_subscript;
};

// A built-in function or method. `fn` receives `self` (the module for module functions, the
// instance for methods, the class for kMethClass) and vector-call arguments.
using CFunction = Result<Ref<Object>> (*)(Object* self, Object* const* args, size_t nargs,
                                          Object* kwnames);
enum MethodFlag : uint32_t {
  kMethFastcall = 0,      // (self, args, nargs, kwnames): the function checks its arguments
  kMethNoArgs = 1u << 0,  // the caller checked: no arguments at all
  kMethOneArg = 1u << 1,  // the caller checked: exactly one positional argument
  kMethNoKeywords = 1u << 2,  // the caller checked: kwnames is empty
  kMethClass = 1u << 4,   // classmethod: self is the type
  kMethStatic = 1u << 5,  // staticmethod: self is nullptr
};
struct MethodDef {
  const char* name;  // nullptr ends a table
  CFunction fn;
  uint32_t flags;
  const char* doc;
};

using Getter = Result<Ref<Object>> (*)(Object* self);
using Setter = Status (*)(Object* self, Object* value /*nullptr = delete*/);
struct GetSetDef {
  const char* name;  // nullptr ends a table
  Getter get;
  Setter set;  // nullptr: read-only
  const char* doc;
};

enum class MemberKind : uint8_t { Object, ObjectOrNone, Int64, Bool, Double };
struct MemberDef {
  const char* name;  // nullptr ends a table
  MemberKind kind;
  size_t offset;
  bool readonly;
  const char* doc;
};

enum TypeFlag : uint64_t {
  kTypeHeap = 1ull << 9,             // created by a class statement or type(); refcounted
  kTypeBaseType = 1ull << 10,        // may be subclassed
  kTypeHaveGc = 1ull << 14,          // instances are tracked by the cycle collector
  kTypeImmutable = 1ull << 8,        // attributes cannot be set (built-in types)
  kTypeDisallowInstantiation = 1ull << 7,
  kTypeIsAbstract = 1ull << 20,
  kTypeSequence = 1ull << 5,         // for `match` sequence patterns
  kTypeMapping = 1ull << 6,          // for `match` mapping patterns
  kTypeManagedDict = 1ull << 4,      // instances carry a __dict__ pointer at dictoffset
  kTypeMethodDescriptor = 1ull << 17,  // functions that bind like methods (LOAD_ATTR method)
  // Fast subclass checks, set by type_ready() from the MRO:
  kTypeLongSubclass = 1ull << 24,
  kTypeListSubclass = 1ull << 25,
  kTypeTupleSubclass = 1ull << 26,
  kTypeBytesSubclass = 1ull << 27,
  kTypeUnicodeSubclass = 1ull << 28,
  kTypeDictSubclass = 1ull << 29,
  kTypeBaseExcSubclass = 1ull << 30,
  kTypeTypeSubclass = 1ull << 31,
};

// One export of an object's bytes: the buffer protocol reduced to what weft's exporters need
// (C-contiguous, one dimension, a native single-character struct format). Types outside
// objects/ that own raw storage (array.array, BytesIO's getbuffer) export through
// Type::buffer; bytes, bytearray and memoryview are handled directly (objects/bytes_like.h).
struct BufferInfo {
  char* buf;
  int64_t len;       // in bytes, a multiple of itemsize
  int64_t itemsize;
  char format;       // a native struct code: 'B', 'i', 'd', ... ('u'/'w' for unicode arrays)
  bool readonly;
};
// Fills `view` and takes one export: until the matching release the storage neither moves nor
// changes size (resizes raise BufferError). Both run without the caller holding any lock.
using GetBufferFn = Status (*)(Object* self, BufferInfo* view);
using ReleaseBufferFn = void (*)(Object* self);
struct BufferProcs {
  GetBufferFn get;          // nullptr: the type exports no buffer
  ReleaseBufferFn release;
};

struct Type : VarObject {
  const char* name;            // tp_name: "int", "collections.OrderedDict"
  const char* doc;
  int64_t basicsize;           // instance size in bytes
  int64_t itemsize;            // per-item size for variable-size instances (0 otherwise)
  uint64_t flags;              // TypeFlag

  DeallocFn dealloc;
  UnaryFn repr;
  UnaryFn str;
  HashFn hash;                 // nullptr after type_ready() means "inherit"; unhashable types
                               //   get hash_not_implemented (abstract.h)
  RichCompareFn richcompare;
  GetAttrFn getattro;
  SetAttrFn setattro;
  VectorcallFn call;           // calling an instance
  UnaryFn iter;
  IterNextFn iternext;
  DescrGetFn descr_get;
  DescrSetFn descr_set;
  NewFn new_;
  InitFn init;
  TraverseFn traverse;
  ClearFn clear;
  NumberMethods number;
  SequenceMethods sequence;
  MappingMethods mapping;

  const MethodDef* methods;
  const MemberDef* members;
  const GetSetDef* getsets;

  Type* base;                  // the solid base (tp_base)
  Object* bases;               // tuple of bases (owned)
  Object* mro;                 // tuple, C3 linearisation (owned)
  Object* dict;                // the type's __dict__ (a dict, owned)
  Object* heap_name;           // heap types: __name__ (str); static types: nullptr
  Object* heap_qualname;       // heap types: __qualname__ (str)
  Object* subclasses;          // dict of weak refs to subclasses, or nullptr
  int64_t dictoffset;          // offset of the instance __dict__ pointer; 0 = none
  int64_t weaklistoffset;      // offset of the instance weakref list; 0 = none
  // Version tag for the attribute cache: 0 = not valid. Bumped (release) whenever the type's or
  // a base's __dict__ changes; readers load with acquire (DESIGN §5).
  std::atomic<uint32_t> version_tag;
  Object* weaklist;            // weak references to this type (objects/weakref.h)
  BufferProcs buffer;          // looked up along `base` (buffer_procs_of), so subclasses inherit it
};

extern Type TypeType;    // type
extern Type ObjectType;  // object

inline bool type_has_flag(const Type* t, uint64_t flag) { return (t->flags & flag) != 0; }

// The short type name for messages: "int", and for "collections.OrderedDict" "OrderedDict".
const char* type_short_name(const Type* t);
// tp_name as CPython prints it in "'%.200s' object is not callable" style messages.
inline const char* type_name(const Type* t) { return t->name; }
inline const char* type_name_of(const Object* o) { return o->ob_type->name; }

// Completes a static type after its init function filled the slots: sets the header to immortal,
// inherits slots from `base` (default: object), computes the MRO and builds __dict__ from
// methods/members/getsets. Implemented in type.cpp.
Status type_ready(Type* t);

// Initialises the header of a statically allocated object (type, immortal, static flag).
void init_static_object(Object* o, Type* type);

// True if `sub` is `base` or inherits from it (walks the MRO).
bool type_is_subtype(const Type* sub, const Type* base);
inline bool is_instance_exact(const Object* o, const Type* t) { return o->ob_type == t; }
inline bool is_instance_of(const Object* o, const Type* t) {
  return o->ob_type == t || type_is_subtype(o->ob_type, t);
}

// Looks `name` (an interned str) up along `t`'s MRO without invoking descriptors; borrowed
// result, or nullptr. Uses the type attribute cache.
Object* type_lookup(Type* t, Object* name);

// Invalidates the attribute cache for `t` and its subclasses (after a __dict__ change).
void type_modified(Type* t);

}  // namespace weft
