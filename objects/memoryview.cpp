// objects/memoryview.cpp — the memoryview object: construction, release (explicit, by `with`, or
// on deallocation), the geometry attributes, repr, len, indexing, item and slice assignment, and
// iteration. Methods that convert or compare whole views are in memoryview_methods.cpp, the
// struct item codecs in memoryview_format.cpp; the layout and invariants are in
// memoryview_internal.h.
//
// Locking: shape, strides, format, itemsize and readonly never change after construction and are
// read without locks. Whether the view is released (and so whether `buf` is valid) is checked
// and used inside the view's critical section, and only plain byte copies happen there: item
// conversions, which may run Python code, work on copies outside it.
#include "objects/memoryview.h"

#include <cstdio>
#include <cstring>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/memoryview_internal.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"

namespace weft {

Type MemoryViewType;
Type MemoryViewIteratorType;

namespace memoryview_detail {

namespace {

Result<Ref<MemoryViewObject>> alloc_view(int ndim) {
  size_t size = sizeof(MemoryViewObject) + 2 * static_cast<size_t>(ndim) * sizeof(int64_t);
  Ref<MemoryViewObject> m = TRY(new_object<MemoryViewObject>(&MemoryViewType, size));
  m->obj = nullptr;
  m->buf = nullptr;
  m->exports.store(0, std::memory_order_relaxed);
  m->hash.store(-1, std::memory_order_relaxed);
  m->ndim = ndim;
  m->format_at = false;
  m->released = true;  // until an export is attached
  return m;
}

// Attaches `exporter` (anything buffer_acquire accepts: a new reference and a new export) and
// fills `info` with its buffer, which stays put and keeps its size while the export lasts.
// TypeError "memoryview: a bytes-like object is required, not 'T'" when it exports none.
Status attach(MemoryViewObject* m, Object* exporter, BufferInfo* info) {
  if (!TRY(buffer_acquire(exporter, info)))
    return raise(exc::TypeError, "memoryview: a bytes-like object is required, not '{}'",
                 type_name_of(exporter));
  m->obj = new_ref(exporter).release();
  m->released = false;
  return ok();
}

// Drops the exporter of a view being released; the caller made `m->released` true.
void detach(Object* exporter) {
  buffer_release(exporter);
  decref(exporter);
}

void fill_geometry(MemoryViewObject* m, int ndim, const int64_t* shape, const int64_t* strides,
                   char format, int64_t itemsize, bool readonly) {
  m->format = format;
  m->itemsize = itemsize;
  m->readonly = readonly;
  int64_t n = itemsize;
  for (int d = 0; d < ndim; ++d) {
    m->shape()[d] = shape[d];
    m->strides()[d] = strides[d];
    n *= shape[d];
  }
  m->nbytes = n;
}

Error forbidden_released() {
  return raise(exc::ValueError, "operation forbidden on released memoryview object");
}

// A 1-d view of all of an exporter's buffer, with its format.
Result<Ref<Object>> view_of_exporter(Object* exporter) {
  Ref<MemoryViewObject> m = TRY(alloc_view(1));
  BufferInfo info;
  TRY(attach(m.get(), exporter, &info));
  m->buf = info.buf;
  int64_t count = info.itemsize ? info.len / info.itemsize : 0;
  fill_geometry(m.get(), 1, &count, &info.itemsize, info.format, info.itemsize, info.readonly);
  return Ref<Object>(std::move(m));
}

// --- release ---------------------------------------------------------------------------------

Status release_view(MemoryViewObject* m) {
  Object* exporter;
  {
    sync::CriticalSection cs{m->ob_mutex};
    if (m->released) return ok();
    int64_t n = m->exports.load(std::memory_order_acquire);
    if (n > 0) {
      return raise(exc::BufferError, "memoryview has {} exported buffer{}", n, n > 1 ? "s" : "");
    }
    m->released = true;
    m->buf = nullptr;
    exporter = std::exchange(m->obj, nullptr);
  }
  detach(exporter);
  return ok();
}

void mv_dealloc(Object* self) {
  MemoryViewObject* m = as_mv(self);
  if (!m->released && m->obj) detach(m->obj);
  free_object(self);
}

void mv_traverse(Object* self, VisitFn visit, void* arg) {
  if (Object* o = as_mv(self)->obj) visit(o, arg);
}

Result<Ref<Object>> mv_vnew(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("memoryview", "object");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return memoryview_from_object(a[0]);
}

Result<Ref<Object>> mv_repr(Object* self) {
  char text[64];
  std::snprintf(text, sizeof text, "<%smemory at %p>", as_mv(self)->released ? "released " : "",
                static_cast<void*>(self));
  return str_from_ascii(text);
}

Result<int64_t> mv_length(Object* self) {
  MemoryViewObject* m = as_mv(self);
  TRY(check_released(m));
  if (m->ndim == 0) return raise(exc::TypeError, "0-dim memory has no length");
  return m->shape()[0];
}

// --- indexing --------------------------------------------------------------------------------

Error zero_dim_indexing() { return raise(exc::TypeError, "invalid indexing of 0-dim memory"); }
Error invalid_key() { return raise(exc::TypeError, "memoryview: invalid slice key"); }

bool is_index_key(Object* key) { return type_of_obj(key)->number.index != nullptr; }

// Byte offset from `buf` of the item at `indices` (one per dimension, negative from the end).
Result<int64_t> item_offset(MemoryViewObject* m, Object* const* indices, int n) {
  int64_t offset = 0;
  for (int d = 0; d < n; ++d) {
    int64_t i = TRY(index_as_i64(indices[d], exc::IndexError));
    int64_t len = m->shape()[d];
    if (i < 0) i += len;
    if (i < 0 || i >= len) return raise(exc::IndexError, "index out of bounds on dimension {}", d + 1);
    offset += i * m->strides()[d];
  }
  return offset;
}

// The byte offset of the single item `key` selects, or -1 (no exception) when `key` is not an
// item key (a slice, Ellipsis or an unsupported key, which the caller handles).
Result<int64_t> item_key_offset(MemoryViewObject* m, Object* key, bool* is_item) {
  *is_item = false;
  if (m->ndim == 0) {
    if (is_tuple(key) && tuple_size(key) == 0) {
      *is_item = true;
      return 0;
    }
    if (key == &EllipsisObject) return -1;
    return zero_dim_indexing();
  }
  if (is_index_key(key)) {
    if (m->ndim > 1) return raise(exc::NotImplementedError, "multi-dimensional sub-views are not implemented");
    *is_item = true;
    return item_offset(m, &key, 1);
  }
  if (is_tuple(key)) {
    int64_t n = tuple_size(key);
    bool all_indices = true, any_slice = false;
    for (int64_t i = 0; i < n; ++i) {
      all_indices = all_indices && is_index_key(tuple_item(key, i));
      any_slice = any_slice || is_slice(tuple_item(key, i));
    }
    if (all_indices) {
      if (n < m->ndim) return raise(exc::NotImplementedError, "sub-views are not implemented");
      if (n > m->ndim)
        return raise(exc::TypeError, "cannot index {}-dimension view with {}-element tuple", m->ndim, n);
      *is_item = true;
      return item_offset(m, tuple_items(key), static_cast<int>(n));
    }
    if (any_slice) return raise(exc::NotImplementedError, "multi-dimensional slicing is not implemented");
  }
  return -1;
}

Result<Ref<Object>> read_item(MemoryViewObject* m, int64_t offset) {
  char item[16];
  {
    sync::CriticalSection cs{m->ob_mutex};
    if (m->released) return forbidden_released();
    std::memcpy(item, m->buf + offset, static_cast<size_t>(m->itemsize));
  }
  return unpack_item(m->format, item);
}

// m[start:stop:step] along the first dimension.
Result<Ref<Object>> slice_view(MemoryViewObject* m, Object* slice) {
  int64_t start, stop, step;
  TRY(slice_unpack(slice, &start, &stop, &step));
  int64_t count = slice_adjust_indices(m->shape()[0], &start, &stop, step);
  sync::CriticalSection cs{m->ob_mutex};
  if (m->released) return forbidden_released();
  std::vector<int64_t> shape(m->shape(), m->shape() + m->ndim);
  std::vector<int64_t> strides(m->strides(), m->strides() + m->ndim);
  shape[0] = count;
  strides[0] *= step;
  return new_view(m, m->buf + start * m->strides()[0], m->ndim, shape.data(), strides.data(),
                  m->format, m->itemsize, m->readonly);
}

}  // namespace

Result<Ref<Object>> same_view(MemoryViewObject* m) {
  sync::CriticalSection cs{m->ob_mutex};
  if (m->released) return forbidden_released();
  return new_view(m, m->buf, m->ndim, m->shape(), m->strides(), m->format, m->itemsize, m->readonly);
}

namespace {

Result<Ref<Object>> mv_subscript(Object* self, Object* key) {
  MemoryViewObject* m = as_mv(self);
  TRY(check_released(m));
  bool is_item;
  int64_t offset = TRY(item_key_offset(m, key, &is_item));
  if (is_item) return read_item(m, offset);
  if (m->ndim == 0) return new_ref(self);  // m[...] of a 0-dim view is the view itself
  if (is_slice(key)) return slice_view(m, key);
  return invalid_key();
}

// Copies `src` (C order, the rvalue's bytes) into the 1-d view m[start::step] of `count` items.
void store_strided(MemoryViewObject* m, int64_t start, int64_t step, int64_t count, const std::string& src) {
  int64_t stride = m->strides()[0] * step;
  char* p = m->buf + start * m->strides()[0];
  auto size = static_cast<size_t>(m->itemsize);
  for (int64_t i = 0; i < count; ++i) std::memcpy(p + i * stride, src.data() + i * m->itemsize, size);
}

Status assign_slice(MemoryViewObject* m, Object* slice, Object* value) {
  if (m->ndim != 1)
    return raise(exc::NotImplementedError, "memoryview slice assignments are currently restricted to ndim = 1");
  BufferCopy src;
  if (!TRY(copy_buffer(value, &src)))
    return raise(exc::TypeError, "a bytes-like object is required, not '{}'", type_name_of(value));
  int64_t start, stop, step;
  TRY(slice_unpack(slice, &start, &stop, &step));
  int64_t count = slice_adjust_indices(m->shape()[0], &start, &stop, step);
  if (src.format != m->format || src.itemsize != m->itemsize || src.shape.size() != 1 || src.shape[0] != count)
    return raise(exc::ValueError, "memoryview assignment: lvalue and rvalue have different structures");
  sync::CriticalSection cs{m->ob_mutex};
  if (m->released) return forbidden_released();
  store_strided(m, start, step, count, src.bytes);
  return ok();
}

Status mv_ass_subscript(Object* self, Object* key, Object* value) {
  MemoryViewObject* m = as_mv(self);
  TRY(check_released(m));
  if (m->readonly) return raise(exc::TypeError, "cannot modify read-only memory");
  if (!value) return raise(exc::TypeError, "cannot delete memory");
  bool is_item;
  Result<int64_t> offset = item_key_offset(m, key, &is_item);
  if (offset.is_error()) {
    if (m->ndim > 1 && is_tuple(key) && error_matches(exc::NotImplementedError)) {
      clear_error();
      return raise(exc::NotImplementedError, "memoryview slice assignments are currently restricted to ndim = 1");
    }
    return Error{};
  }
  if (is_item || (m->ndim == 0 && key == &EllipsisObject)) {
    char item[16];
    TRY(pack_item(m->format, value, item));
    sync::CriticalSection cs{m->ob_mutex};
    if (m->released) return forbidden_released();
    std::memcpy(m->buf + (is_item ? offset.value() : 0), item, static_cast<size_t>(m->itemsize));
    return ok();
  }
  if (is_slice(key)) return assign_slice(m, key, value);
  return invalid_key();
}

// --- iteration -------------------------------------------------------------------------------

struct MemoryViewIteratorObject : Object {
  Object* view;                 // owned
  std::atomic<int64_t> index;   // next position; claimed with fetch_add
};

Result<Ref<Object>> mv_iter(Object* self) {
  MemoryViewObject* m = as_mv(self);
  TRY(check_released(m));
  if (m->ndim == 0) return raise(exc::TypeError, "invalid indexing of 0-dim memory");
  if (m->ndim > 1) return raise(exc::NotImplementedError, "multi-dimensional sub-views are not implemented");
  Ref<MemoryViewIteratorObject> it = TRY(new_object<MemoryViewIteratorObject>(&MemoryViewIteratorType));
  it->view = new_ref(self).release();
  it->index.store(0, std::memory_order_relaxed);
  return Ref<Object>(std::move(it));
}

Next mv_iter_next(Object* self) {
  auto* it = static_cast<MemoryViewIteratorObject*>(self);
  MemoryViewObject* m = as_mv(it->view);
  if (check_released(m).is_error()) return Error{};
  int64_t i = it->index.fetch_add(1, std::memory_order_relaxed);
  if (i >= m->shape()[0]) {
    it->index.store(m->shape()[0], std::memory_order_relaxed);
    return Next::done();
  }
  Result<Ref<Object>> item = read_item(m, i * m->strides()[0]);
  if (item.is_error()) return Error{};
  return std::move(item).release_value();
}

void mv_iter_dealloc(Object* self) {
  decref(static_cast<MemoryViewIteratorObject*>(self)->view);
  free_object(self);
}

void mv_iter_traverse(Object* self, VisitFn visit, void* arg) {
  visit(static_cast<MemoryViewIteratorObject*>(self)->view, arg);
}

Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }

// --- attributes ------------------------------------------------------------------------------

Result<Ref<Object>> tuple_of_i64(const int64_t* v, int n) {
  Ref<Object> t = TRY(tuple_new(n));
  for (int i = 0; i < n; ++i) tuple_init_item(t.get(), i, TRY(int_from_i64(v[i])));
  return t;
}

#define WEFT_MV_GETTER(name, expr)                   \
  Result<Ref<Object>> name(Object* self) {           \
    MemoryViewObject* m = as_mv(self);               \
    TRY(check_released(m));                          \
    return expr;                                     \
  }
WEFT_MV_GETTER(get_obj, exporter_of(m))
WEFT_MV_GETTER(get_nbytes, int_from_i64(m->nbytes))
WEFT_MV_GETTER(get_readonly, new_bool(m->readonly))
WEFT_MV_GETTER(get_itemsize, int_from_i64(m->itemsize))
WEFT_MV_GETTER(get_format, new_ref(str_intern(format_string(m->format, m->format_at))))
WEFT_MV_GETTER(get_ndim, int_from_i64(m->ndim))
WEFT_MV_GETTER(get_shape, tuple_of_i64(m->shape(), m->ndim))
WEFT_MV_GETTER(get_strides, tuple_of_i64(m->strides(), m->ndim))
WEFT_MV_GETTER(get_suboffsets, tuple_new(0))
WEFT_MV_GETTER(get_c_contiguous, new_bool(is_c_contiguous(m)))
WEFT_MV_GETTER(get_f_contiguous, new_bool(is_f_contiguous(m)))
WEFT_MV_GETTER(get_contiguous, new_bool(is_c_contiguous(m) || is_f_contiguous(m)))
#undef WEFT_MV_GETTER

Result<Ref<Object>> get_released(Object* self) { return new_bool(as_mv(self)->released); }

const GetSetDef kMemoryViewGetSets[] = {
    {"obj", get_obj, nullptr, "The underlying object of the memoryview."},
    {"nbytes", get_nbytes, nullptr, "The amount of space in bytes that the array would use in a contiguous representation."},
    {"readonly", get_readonly, nullptr, "A bool indicating whether the memory is read only."},
    {"itemsize", get_itemsize, nullptr, "The size in bytes of each element of the memoryview."},
    {"format", get_format, nullptr, "A string containing the format (in struct module style) for each element in the view."},
    {"ndim", get_ndim, nullptr, "An integer indicating how many dimensions of a multi-dimensional array the memory represents."},
    {"shape", get_shape, nullptr, "A tuple of ndim integers giving the shape of the memory as an N-dimensional array."},
    {"strides", get_strides, nullptr, "A tuple of ndim integers giving the size in bytes to access each element for each dimension of the array."},
    {"suboffsets", get_suboffsets, nullptr, "A tuple of integers used internally for PIL-style arrays."},
    {"c_contiguous", get_c_contiguous, nullptr, "A bool indicating whether the memory is C contiguous."},
    {"f_contiguous", get_f_contiguous, nullptr, "A bool indicating whether the memory is Fortran contiguous."},
    {"contiguous", get_contiguous, nullptr, "A bool indicating whether the memory is contiguous."},
    {"released", get_released, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

// --- methods defined here --------------------------------------------------------------------

Result<Ref<Object>> m_release(Object* self, Object* const*, size_t, Object*) {
  TRY(release_view(as_mv(self)));
  return new_none();
}

Result<Ref<Object>> m_enter(Object* self, Object* const*, size_t, Object*) {
  TRY(check_released(as_mv(self)));
  return new_ref(self);
}

Result<Ref<Object>> m_exit(Object* self, Object* const*, size_t, Object*) {
  TRY(release_view(as_mv(self)));
  return new_none();
}

// PEP 688: __buffer__(flags) exports a new view; __release_buffer__(view) releases it.
Result<Ref<Object>> m_buffer(Object* self, Object* const* args, size_t, Object*) {
  TRY(index_as_i64(args[0], exc::OverflowError));
  return same_view(as_mv(self));
}

Result<Ref<Object>> m_release_buffer(Object*, Object* const* args, size_t, Object*) {
  if (!is_memoryview(args[0]))
    return raise(exc::TypeError, "__release_buffer__() argument must be memoryview, not {}", type_name_of(args[0]));
  TRY(release_view(as_mv(args[0])));
  return new_none();
}

Status check_released(MemoryViewObject* m) {
  if (m->released) return forbidden_released();
  return ok();
}

Result<Ref<Object>> exporter_of(MemoryViewObject* m) {
  sync::CriticalSection cs{m->ob_mutex};
  if (m->released) return forbidden_released();
  return new_ref(m->obj);
}

Result<Ref<Object>> new_view(MemoryViewObject* base, char* buf, int ndim, const int64_t* shape,
                             const int64_t* strides, char format, int64_t itemsize, bool readonly) {
  Ref<MemoryViewObject> m = TRY(alloc_view(ndim));
  BufferInfo info;  // `base` already pins the exporter, so `buf` stays valid
  TRY(attach(m.get(), base->obj, &info));
  m->buf = buf;
  fill_geometry(m.get(), ndim, shape, strides, format, itemsize, readonly);
  m->format_at = base->format_at && format == base->format;
  return Ref<Object>(std::move(m));
}

bool is_c_contiguous(MemoryViewObject* m) {
  int64_t expected = m->itemsize;
  for (int d = m->ndim - 1; d >= 0; --d) {
    if (m->shape()[d] == 0) return true;
    if (m->shape()[d] != 1 && m->strides()[d] != expected) return false;
    expected *= m->shape()[d];
  }
  return true;
}

bool is_f_contiguous(MemoryViewObject* m) {
  int64_t expected = m->itemsize;
  for (int d = 0; d < m->ndim; ++d) {
    if (m->shape()[d] == 0) return true;
    if (m->shape()[d] != 1 && m->strides()[d] != expected) return false;
    expected *= m->shape()[d];
  }
  return true;
}

}  // namespace memoryview_detail

using namespace memoryview_detail;

Result<Ref<Object>> memoryview_from_object(Object* obj) {
  if (is_memoryview(obj)) return same_view(as_mv(obj));
  return view_of_exporter(obj);
}

Result<std::string_view> memoryview_export(Object* mv) {
  MemoryViewObject* m = as_mv(mv);
  sync::CriticalSection cs{m->ob_mutex};
  if (m->released) return forbidden_released();
  if (!is_c_contiguous(m)) return raise(exc::BufferError, "memoryview: underlying buffer is not C-contiguous");
  m->exports.fetch_add(1, std::memory_order_relaxed);
  return std::string_view(m->buf, static_cast<size_t>(m->nbytes));
}

void memoryview_unexport(Object* mv) { as_mv(mv)->exports.fetch_sub(1, std::memory_order_release); }

namespace memoryview_detail {
namespace {

Status fill_memoryview_types() {
  Type& t = MemoryViewType;
  t.name = "memoryview";
  t.doc = "Create a new memoryview object which references the given object.";
  t.basicsize = sizeof(MemoryViewObject);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = mv_dealloc;
  t.traverse = mv_traverse;
  t.repr = mv_repr;
  t.new_ = mv_vnew;
  t.iter = mv_iter;
  t.sequence.length = mv_length;
  t.mapping.length = mv_length;
  t.mapping.subscript = mv_subscript;
  t.mapping.ass_subscript = mv_ass_subscript;
  t.hash = mv_hash;
  t.richcompare = mv_richcompare;
  t.methods = kMemoryViewMethods;
  t.getsets = kMemoryViewGetSets;

  Type& it = MemoryViewIteratorType;
  it.name = "memory_iterator";
  it.basicsize = sizeof(MemoryViewIteratorObject);
  it.flags = kTypeHaveGc | kTypeImmutable | kTypeDisallowInstantiation;
  it.dealloc = mv_iter_dealloc;
  it.traverse = mv_iter_traverse;
  it.iter = iter_self;
  it.iternext = mv_iter_next;
  return ok();
}
Status ready_memoryview_types() {
  TRY(type_ready(&MemoryViewType));
  return type_ready(&MemoryViewIteratorType);
}
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_memoryview_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_memoryview_types);

}  // namespace
}  // namespace memoryview_detail

}  // namespace weft
