// objects/memoryview_internal.h — the memoryview layout and the helpers its three files share
// (memoryview.cpp: object, indexing, release; memoryview_format.cpp: struct item packing;
// memoryview_methods.cpp: tobytes, tolist, cast, comparison, ...).
//
// Invariants:
//  - `buf` points at the item whose indices are all 0; item (i0, ..., ik) lives at
//    buf + sum(i * strides[d]). Strides may be negative (m[::-1]).
//  - A live view holds a reference to `obj` and one export of it (buffer_acquire, bytes_like.h),
//    so the storage cannot move or shrink while the view exists. release() drops both, once.
//  - `released` changes, and `buf`/`obj` are used, only inside the view's critical section; code
//    that may run Python (packing values, building results) runs outside it on copied bytes.
//    Unlocked reads of `released` are early checks only (geometry fields are immutable).
//  - shape and strides live right after the struct (`ndim` of each); ndim <= kMaxDim.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "objects/memoryview.h"

namespace weft::memoryview_detail {

constexpr int kMaxDim = 64;

struct MemoryViewObject : Object {
  Object* obj;                   // the exporter (anything buffer_acquire accepts), owned; null when released
  char* buf;                     // see the file comment
  int64_t nbytes;                // product(shape) * itemsize
  int64_t itemsize;
  std::atomic<int64_t> exports;  // ByteViews of this view (memoryview_export)
  std::atomic<int64_t> hash;     // cached hash, -1 = not computed
  int32_t ndim;
  char format;                   // a native struct code: 'B', 'b', 'c', 'i', 'd', ...
  bool format_at;                // the format was spelled "@x" (cast("@i")); m.format shows it
  bool readonly;
  std::atomic<bool> released;    // written inside the critical section; read anywhere
  // shape[ndim] then strides[ndim] follow the struct in the same allocation.

  int64_t* shape() { return reinterpret_cast<int64_t*>(this + 1); }
  int64_t* strides() { return shape() + ndim; }
};

inline MemoryViewObject* as_mv(Object* o) { return static_cast<MemoryViewObject*>(o); }

// A new view on `base`'s exporter with the given geometry (`base` provides obj and the format's
// spelling; it must not be released). The new view takes its own export.
Result<Ref<Object>> new_view(MemoryViewObject* base, char* buf, int ndim, const int64_t* shape,
                             const int64_t* strides, char format, int64_t itemsize, bool readonly);

// ValueError "operation forbidden on released memoryview object" when released.
Status check_released(MemoryViewObject* m);
// A new reference to the exporter (m.obj), or the ValueError above.
Result<Ref<Object>> exporter_of(MemoryViewObject* m);

// Whether the view's items are laid out contiguously in C (row-major) order.
bool is_c_contiguous(MemoryViewObject* m);
bool is_f_contiguous(MemoryViewObject* m);

// The view's bytes in C order. Takes the critical section; fails when released.
Result<std::string> copy_c_order(MemoryViewObject* m);

// Geometry and a C-order copy of any buffer (a memoryview or any buffer_acquire exporter): false,
// with no exception, when `o` exports no buffer.
struct BufferCopy {
  std::string bytes;
  std::vector<int64_t> shape;
  char format = 'B';
  int64_t itemsize = 1;
};
Result<bool> copy_buffer(Object* o, BufferCopy* out);

// The methods and slots of memoryview_methods.cpp, and the methods memoryview.cpp defines for
// its table.
extern const MethodDef kMemoryViewMethods[];
Result<Ref<Object>> mv_richcompare(Object* a, Object* b, CompareOp op);
Result<int64_t> mv_hash(Object* self);
Result<Ref<Object>> m_release(Object* self, Object* const* args, size_t nargs, Object* kwnames);
Result<Ref<Object>> m_enter(Object* self, Object* const* args, size_t nargs, Object* kwnames);
Result<Ref<Object>> m_exit(Object* self, Object* const* args, size_t nargs, Object* kwnames);
Result<Ref<Object>> m_buffer(Object* self, Object* const* args, size_t nargs, Object* kwnames);
Result<Ref<Object>> m_release_buffer(Object* self, Object* const* args, size_t nargs, Object* kwnames);
// A new view with the same geometry as `m` (memoryview(m), m[...]).
Result<Ref<Object>> same_view(MemoryViewObject* m);

// --- struct items (memoryview_format.cpp) ----------------------------------------------------

// The item size of a native single-character format, or 0 when unsupported.
int64_t format_itemsize(char code);
// The format code of a format string as cast() accepts it ("i" or "@i"), or 0.
char parse_native_format(std::string_view fmt);
// The static format string for `code` (what m.format returns), "@x" when `at_prefix`.
const char* format_string(char code, bool at_prefix);
inline bool is_byte_format(char code) { return code == 'B' || code == 'b' || code == 'c'; }

// The Python value of the item at `p`.
Result<Ref<Object>> unpack_item(char code, const char* p);
// Stores `value` as one item of format `code` at `p` (itemsize bytes): TypeError "memoryview:
// invalid type for format 'x'" or ValueError "memoryview: invalid value for format 'x'".
Status pack_item(char code, Object* value, char* p);
// Whether two items are equal, compared as values (so NaN != NaN, as CPython).
Result<bool> items_equal(char code_a, const char* a, char code_b, const char* b);

}  // namespace weft::memoryview_detail
