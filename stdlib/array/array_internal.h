// stdlib/array/array_internal.h — what the files of the `array` module share: the array layout,
// the typecode table with its item converters, and the helpers the methods and slots use.
//
// Invariants:
//  - `items` holds `size` items of `desc->itemsize` bytes (raw_alloc'd, `allocated` items of
//    room); `desc` never changes after construction.
//  - `items`, `size` and `allocated` are read and written only inside the array's critical
//    section. Converting Python values to items (which may run __index__ / __float__) happens
//    before entering it; building Python objects from items happens on copied bytes or while
//    holding it (item constructors never run Python code).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "objects/type.h"

namespace weft::array_module {

// One item converted from a Python value, ready to be copied into an array (up to 8 bytes).
struct ItemBytes {
  alignas(8) char bytes[8];
};

struct TypeDesc {
  char code;
  int itemsize;
  bool is_integer;
  bool is_signed;
  bool is_unicode;  // 'u' and 'w': items are code points
  // The item at `p` as a Python object (an int, float or one-character str).
  Result<Ref<Object>> (*get)(const char* p);
  // Converts `v` with CPython's checks and messages.
  Status (*set)(Object* v, ItemBytes* out);
};

struct ArrayObject : Object {
  char* items;
  int64_t size;
  int64_t allocated;
  const TypeDesc* desc;
  Object* weakreflist;
  // Live buffer exports (memoryviews, ByteViews); while > 0 the size is fixed. Taken inside the
  // critical section (so ordered with every resize), dropped without it (release order).
  std::atomic<int64_t> exports;
};

inline ArrayObject* as_array(Object* o) { return static_cast<ArrayObject*>(o); }

extern Type ArrayType;          // array.array
extern Type ArrayIteratorType;  // array.arrayiterator

inline bool is_array(const Object* o) { return is_instance_of(o, &ArrayType); }

// The descriptor of typecode `c`, or nullptr.
const TypeDesc* find_typecode(uint32_t c);
// "bBuwhHiIlLqQfd"
extern const char kTypecodes[];

// CPython's machine format code for a typecode (the pickle format of _array_reconstructor), and
// the conversion of bytes in machine format `mformat` into a list of items (or a str for the
// UTF-16/32 formats); `typecode` may be replaced by the integer typecode that fits the format.
int machine_format_of(const TypeDesc* d);
Result<Ref<Object>> decode_machine_format(int mformat, const std::string& data, char* typecode);

// A new, empty array of type `type` and typecode `desc` with room for `capacity` items.
Result<Ref<Object>> array_new_empty(Type* type, const TypeDesc* desc, int64_t capacity);
// array(typecode, initializer) for `type` (array.array or a subclass): what
// _array_reconstructor and __reduce_ex__'s round trip build arrays with.
Result<Ref<Object>> array_construct(Type* type, Object* typecode, Object* initializer);
// Resizes to `n` items (keeping the first min(n, size)); the caller holds the critical section.
// BufferError "cannot resize an array that is exporting buffers" while exports are alive.
Status array_resize_locked(ArrayObject* a, int64_t n);
// That BufferError when a resize to `n` items would fail for the exports: callers that move
// items before resizing check first, so a refused resize leaves the array unchanged.
Status check_resizable(const ArrayObject* a, int64_t n);
// The array's bytes (a snapshot, taken in the critical section).
std::string array_bytes(Object* a);
// Appends raw item bytes (a multiple of the item size) to the array.
Status array_append_bytes(Object* a, const char* data, size_t n);
// Appends each item of `iterable` (converted before any is added, as CPython's extend does for
// lists; items of a generic iterable are appended one by one).
Status array_extend(Object* a, Object* iterable);
// Appends the items of any iterable one by one (an array of another typecode included).
Status extend_from_iterable(Object* a, Object* iterable);
// Sets *out to the item at i (0 <= i) and returns true, or returns false when i is past the end
// (the array may shrink concurrently while a caller walks it).
Result<bool> array_item_at(Object* a, int64_t i, Ref<Object>* out);
// The contents as a str (unicode arrays only).
Result<Ref<Object>> array_to_str(Object* a);

// The methods (array_methods.cpp) and getters of the type.
extern const MethodDef kArrayMethods[];
extern const GetSetDef kArrayGetSets[];

}  // namespace weft::array_module
