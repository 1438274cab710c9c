// objects/memoryview_methods.cpp — the memoryview methods that work on a whole view: tobytes,
// tolist, hex, toreadonly, cast, count, index, ==, hash, and the memoryview method table.
//
// Each of them copies the view's items out in C (or Fortran) order inside the view's critical
// section (copy_c_order) and converts the copy outside it, so no Python code runs while the
// lock is held and a concurrent release() cannot free memory under a reader.
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/bytes_ops.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/memoryview_internal.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "sync/critical_section.h"

namespace weft {

namespace memoryview_detail {

namespace {

// Appends every item of `m` to `out`, the last index varying fastest (C order) or the first
// (Fortran order). The caller holds the view's critical section and checked it is not released.
void append_items(MemoryViewObject* m, bool fortran, std::string& out) {
  auto size = static_cast<size_t>(m->itemsize);
  if (m->ndim == 0) {
    out.append(m->buf, size);
    return;
  }
  for (int d = 0; d < m->ndim; ++d) {
    if (m->shape()[d] == 0) return;
  }
  if (!fortran && is_c_contiguous(m)) {
    out.append(m->buf, static_cast<size_t>(m->nbytes));
    return;
  }
  std::vector<int64_t> index(static_cast<size_t>(m->ndim), 0);
  for (;;) {
    const char* p = m->buf;
    for (int d = 0; d < m->ndim; ++d) p += index[static_cast<size_t>(d)] * m->strides()[d];
    out.append(p, size);
    // Advance the odometer.
    int d = fortran ? 0 : m->ndim - 1;
    for (;;) {
      auto du = static_cast<size_t>(d);
      if (++index[du] < m->shape()[d]) break;
      index[du] = 0;
      d += fortran ? 1 : -1;
      if (d < 0 || d >= m->ndim) return;
    }
  }
}

Result<std::string> copy_items(MemoryViewObject* m, bool fortran) {
  std::string out;
  sync::CriticalSection cs{m->ob_mutex};
  TRY(check_released(m));
  out.reserve(static_cast<size_t>(m->nbytes));
  append_items(m, fortran, out);
  return out;
}

// tolist() of the items in `bytes` (C order) for dimensions [d, ndim).
Result<Ref<Object>> build_list(MemoryViewObject* m, const std::string& bytes, int d, size_t* pos) {
  if (d == m->ndim) {
    Ref<Object> item = TRY(unpack_item(m->format, bytes.data() + *pos));
    *pos += static_cast<size_t>(m->itemsize);
    return item;
  }
  Ref<Object> list = TRY(list_new(m->shape()[d]));
  for (int64_t i = 0; i < m->shape()[d]; ++i) {
    Ref<Object> sub = TRY(build_list(m, bytes, d + 1, pos));
    TRY(list_append(list.get(), sub.get()));
  }
  return list;
}

// --- methods ---------------------------------------------------------------------------------

Result<Ref<Object>> m_tobytes(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("tobytes", "| order");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  MemoryViewObject* m = as_mv(self);
  bool fortran = false;
  if (a[0] && !is_none(a[0])) {
    if (!is_str(a[0])) return raise(exc::TypeError, "tobytes() argument 'order' must be str or None, not {}", type_name_of(a[0]));
    if (str_equal_ascii(a[0], "F")) {
      fortran = true;
    } else if (str_equal_ascii(a[0], "A")) {
      fortran = is_f_contiguous(m) && !is_c_contiguous(m);
    } else if (!str_equal_ascii(a[0], "C")) {
      return raise(exc::ValueError, "order must be 'C', 'F' or 'A'");
    }
  }
  std::string bytes = TRY(copy_items(m, fortran));
  return bytes_from(bytes);
}

Result<Ref<Object>> m_tolist(Object* self, Object* const*, size_t, Object*) {
  MemoryViewObject* m = as_mv(self);
  std::string bytes = TRY(copy_items(m, false));
  size_t pos = 0;
  return build_list(m, bytes, 0, &pos);
}

Result<Ref<Object>> m_hex(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  std::string bytes = TRY(copy_items(as_mv(self), false));
  bytes_ops::Self view{self, bytes, false};
  return bytes_ops::hex(view, args, nargs, kwnames);
}

Result<Ref<Object>> m_toreadonly(Object* self, Object* const*, size_t, Object*) {
  MemoryViewObject* m = as_mv(self);
  sync::CriticalSection cs{m->ob_mutex};
  TRY(check_released(m));
  return new_view(m, m->buf, m->ndim, m->shape(), m->strides(), m->format, m->itemsize, true);
}

// cast(format[, shape]): the shape given as a list or tuple of positive ints, or nullptr.
Result<std::vector<int64_t>> cast_shape(Object* shape, int64_t itemsize, int64_t nbytes) {
  if (!is_list(shape) && !is_tuple(shape)) return raise(exc::TypeError, "shape must be a list or a tuple");
  Ref<Object> items = is_tuple(shape) ? new_ref(shape) : TRY(list_as_tuple(shape));
  int64_t n = tuple_size(items.get());
  if (n > kMaxDim)
    return raise(exc::ValueError, "memoryview: number of dimensions must not exceed {}", kMaxDim);
  std::vector<int64_t> dims;
  int64_t total = itemsize;
  for (int64_t i = 0; i < n; ++i) {
    Object* x = tuple_item(items.get(), i);
    int64_t v = is_int(x) ? TRY(int_as_i64(x)) : 0;
    if (!is_int(x) || v <= 0)
      return raise(exc::ValueError, "memoryview.cast(): elements of shape must be integers > 0");
    if (__builtin_mul_overflow(total, v, &total))
      return raise(exc::ValueError, "memoryview.cast(): product(shape) > SSIZE_MAX");
    dims.push_back(v);
  }
  if (total != nbytes) return raise(exc::TypeError, "memoryview: product(shape) * itemsize != buffer size");
  return dims;
}

Result<Ref<Object>> m_cast(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("cast", "format | shape");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  MemoryViewObject* m = as_mv(self);
  TRY(check_released(m));
  if (!is_str(a[0])) return raise(exc::TypeError, "cast() argument 'format' must be str, not {}", type_name_of(a[0]));
  if (!is_c_contiguous(m)) return raise(exc::TypeError, "memoryview: casts are restricted to C-contiguous views");
  bool has_zero = false;
  for (int d = 0; d < m->ndim; ++d) has_zero = has_zero || m->shape()[d] == 0;
  if ((a[1] || m->ndim != 1) && has_zero)
    return raise(exc::TypeError, "memoryview: cannot cast view with zeros in shape or strides");
  int64_t shape_len = !a[1] ? 0 : is_tuple(a[1]) ? tuple_size(a[1]) : is_list(a[1]) ? list_size(a[1]) : 1;
  if (a[1] && m->ndim != 1 && shape_len != 1)
    return raise(exc::TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
  std::string_view fmt = str_is_ascii(a[0]) ? TRY(str_utf8(a[0])) : std::string_view();
  char dest = parse_native_format(fmt);
  if (!dest)
    return raise(exc::ValueError,
                 "memoryview: destination format must be a native single character format prefixed with an optional '@'");
  if (!is_byte_format(m->format) && !is_byte_format(dest))
    return raise(exc::TypeError, "memoryview: cannot cast between two non-byte formats");
  int64_t itemsize = format_itemsize(dest);
  if (m->nbytes % itemsize) return raise(exc::TypeError, "memoryview: length is not a multiple of itemsize");
  std::vector<int64_t> shape{m->nbytes / itemsize};
  if (a[1]) shape = TRY(cast_shape(a[1], itemsize, m->nbytes));
  std::vector<int64_t> strides(shape.size());
  int64_t stride = itemsize;
  for (size_t d = shape.size(); d-- > 0;) {
    strides[d] = stride;
    stride *= shape[d];
  }
  bool at_prefix = fmt.size() == 2;  // "@i": m.format keeps the spelling it was given
  sync::CriticalSection cs{m->ob_mutex};
  TRY(check_released(m));
  Ref<Object> view = TRY(new_view(m, m->buf, static_cast<int>(shape.size()), shape.data(),
                                  strides.data(), dest, itemsize, m->readonly));
  as_mv(view.get())->format_at = at_prefix;
  return view;
}

// count() iterates over the view, so it fails as iteration does for 0-dim and multi-dimensional
// views; index() has messages of its own.
Status check_count(MemoryViewObject* m) {
  TRY(check_released(m));
  if (m->ndim == 0) return raise(exc::TypeError, "invalid indexing of 0-dim memory");
  if (m->ndim > 1) return raise(exc::NotImplementedError, "multi-dimensional sub-views are not implemented");
  return ok();
}

Status check_index(MemoryViewObject* m) {
  TRY(check_released(m));
  if (m->ndim == 0) return raise(exc::TypeError, "invalid lookup on 0-dim memory");
  if (m->ndim > 1) return raise(exc::NotImplementedError, "multi-dimensional lookup is not implemented");
  return ok();
}

Result<Ref<Object>> m_count(Object* self, Object* const* args, size_t, Object*) {
  MemoryViewObject* m = as_mv(self);
  TRY(check_count(m));
  std::string bytes = TRY(copy_items(m, false));
  int64_t n = 0;
  for (size_t pos = 0; pos < bytes.size(); pos += static_cast<size_t>(m->itemsize)) {
    Ref<Object> item = TRY(unpack_item(m->format, bytes.data() + pos));
    if (TRY(rich_compare_bool(item.get(), args[0], CompareOp::Eq))) ++n;
  }
  return int_from_i64(n);
}

Result<Ref<Object>> m_index(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("index", "value | start stop /");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  MemoryViewObject* m = as_mv(self);
  TRY(check_index(m));
  int64_t len = m->shape()[0];
  int64_t start = a[1] ? TRY(index_as_i64(a[1])) : 0;
  int64_t stop = a[2] ? TRY(index_as_i64(a[2])) : len;
  if (start < 0) start = std::max<int64_t>(start + len, 0);
  if (stop < 0) stop = std::max<int64_t>(stop + len, 0);
  stop = std::min(stop, len);
  std::string bytes = TRY(copy_items(m, false));
  for (int64_t i = start; i < stop; ++i) {
    Ref<Object> item = TRY(unpack_item(m->format, bytes.data() + i * m->itemsize));
    if (TRY(rich_compare_bool(item.get(), a[0], CompareOp::Eq))) return int_from_i64(i);
  }
  return raise(exc::ValueError, "memoryview.index(x): x not found");
}

}  // namespace

Result<std::string> copy_c_order(MemoryViewObject* m) { return copy_items(m, false); }

Result<bool> copy_buffer(Object* o, BufferCopy* out) {
  if (is_memoryview(o)) {
    MemoryViewObject* m = as_mv(o);
    out->bytes = TRY(copy_items(m, false));
    out->shape.assign(m->shape(), m->shape() + m->ndim);
    out->format = m->format;
    out->itemsize = m->itemsize;
    return true;
  }
  BufferInfo info;
  if (!TRY(buffer_acquire(o, &info))) return false;
  out->bytes.assign(info.buf, static_cast<size_t>(info.len));
  buffer_release(o);
  out->shape.assign(1, info.itemsize ? info.len / info.itemsize : 0);
  out->format = info.format;
  out->itemsize = info.itemsize;
  return true;
}

Result<Ref<Object>> mv_richcompare(Object* a, Object* b, CompareOp op) {
  if (op != CompareOp::Eq && op != CompareOp::Ne) return new_ref(not_implemented());
  MemoryViewObject* m = as_mv(a);
  bool equal;
  if (m->released || (is_memoryview(b) && as_mv(b)->released)) {
    equal = a == b;
  } else {
    BufferCopy x, y;
    if (!TRY(copy_buffer(b, &y))) return new_ref(not_implemented());
    TRY(copy_buffer(a, &x));
    equal = x.shape == y.shape;
    size_t n = x.itemsize ? x.bytes.size() / static_cast<size_t>(x.itemsize) : 0;
    for (size_t i = 0; equal && i < n; ++i) {
      equal = TRY(items_equal(x.format, x.bytes.data() + i * static_cast<size_t>(x.itemsize), y.format,
                              y.bytes.data() + i * static_cast<size_t>(y.itemsize)));
    }
  }
  return new_bool(equal == (op == CompareOp::Eq));
}

Result<int64_t> mv_hash(Object* self) {
  MemoryViewObject* m = as_mv(self);
  int64_t cached = m->hash.load(std::memory_order_relaxed);
  if (cached != -1) return cached;
  TRY(check_released(m));
  if (!m->readonly) return raise(exc::ValueError, "cannot hash writable memoryview object");
  if (!is_byte_format(m->format))
    return raise(exc::ValueError, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
  Ref<Object> exporter = TRY(exporter_of(m));
  TRY(object_hash(exporter.get()));  // an unhashable exporter's error wins, as in CPython
  std::string bytes = TRY(copy_items(m, false));
  int64_t h = hash_bytes(bytes.data(), bytes.size());
  m->hash.store(h, std::memory_order_relaxed);
  return h;
}

const MethodDef kMemoryViewMethods[] = {
    {"release", m_release, kMethNoArgs, "Release the underlying buffer exposed by the memoryview object."},
    {"tobytes", m_tobytes, kMethFastcall, "Return the data in the buffer as a byte string."},
    {"hex", m_hex, kMethFastcall, "Return the data in the buffer as a str of hexadecimal numbers."},
    {"tolist", m_tolist, kMethNoArgs, "Return the data in the buffer as a list of elements."},
    {"cast", m_cast, kMethFastcall, "Cast a memoryview to a new format or shape."},
    {"toreadonly", m_toreadonly, kMethNoArgs, "Return a readonly version of the memoryview."},
    {"count", m_count, kMethOneArg, "Count the number of occurrences of a value."},
    {"index", m_index, kMethFastcall, "Return the index of the first occurrence of a value."},
    {"__enter__", m_enter, kMethNoArgs, nullptr},
    {"__exit__", m_exit, kMethFastcall, nullptr},
    {"__buffer__", m_buffer, kMethOneArg,
     "Return a buffer object that exposes the underlying memory of the object."},
    {"__release_buffer__", m_release_buffer, kMethOneArg,
     "Release the buffer object that exposes the underlying memory of the object."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace memoryview_detail

Result<Ref<Object>> memoryview_tobytes(Object* mv) {
  std::string bytes = TRY(memoryview_detail::copy_c_order(memoryview_detail::as_mv(mv)));
  return bytes_from(bytes);
}

}  // namespace weft
