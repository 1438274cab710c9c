// objects/bytes_like.cpp — ByteView and the consumer side of the buffer protocol
// (objects/bytes_like.h). A bytes view borrows immutable data; every other view holds a
// reference and one export of its exporter:
//  - a bytearray export is taken by bytearray_export inside the bytearray's critical section, so
//    it is ordered with every resize (resizes check the export count under the same lock);
//  - a memoryview export (memoryview_export) pins the view against release() the same way;
//  - any other type exports through its Type::buffer procs, which own their locking.
// buffer_acquire/buffer_release are the single place that knows how each kind of exporter is
// pinned; memoryview (for its `obj`) and ByteView both go through them.
#include "objects/bytes_like.h"

#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/memoryview.h"
#include "objects/memoryview_internal.h"

namespace weft {

const BufferProcs* buffer_procs_of(const Type* t) {
  for (; t; t = t->base) {
    if (t->buffer.get) return &t->buffer;
  }
  return nullptr;
}

bool exports_buffer(const Object* o) {
  return is_bytes_like(o) || is_memoryview(o) || buffer_procs_of(o->ob_type);
}

Result<bool> buffer_acquire(Object* o, BufferInfo* view) {
  if (is_bytes(o) || is_bytearray(o)) {
    std::string_view data = is_bytes(o) ? bytes_view(o) : bytearray_export(o);
    *view = BufferInfo{const_cast<char*>(data.data()), static_cast<int64_t>(data.size()), 1, 'B',
                       is_bytes(o)};
    return true;
  }
  const BufferProcs* procs = buffer_procs_of(o->ob_type);
  if (!procs) return false;
  TRY(procs->get(o, view));
  return true;
}

void buffer_release(Object* o) {
  if (is_bytes(o)) return;
  if (is_bytearray(o)) {
    bytearray_unexport(o);
    return;
  }
  buffer_procs_of(o->ob_type)->release(o);
}

ByteView ByteView::of(Object* o) {
  ByteView v;
  if (is_bytes(o)) {
    v.data_ = bytes_view(o);
  } else {
    v.data_ = bytearray_export(o);
    v.exporter_ = Ref<Object>::borrow(o).release();
    v.readonly_ = false;
  }
  return v;
}

void ByteView::release() {
  if (!exporter_) return;
  if (is_memoryview(exporter_)) {
    memoryview_unexport(exporter_);
  } else {
    buffer_release(exporter_);
  }
  Ref<Object>::steal(std::exchange(exporter_, nullptr));  // drops the reference
  data_ = {};
}

// Fills `out` with a view of `o`; false, with no exception, when `o` exports no buffer.
Result<bool> acquire_byte_view(Object* o, ByteView* out) {
  if (is_bytes(o) || is_bytearray(o)) {
    *out = ByteView::of(o);
    return true;
  }
  if (is_memoryview(o)) {
    out->data_ = TRY(memoryview_export(o));
    out->exporter_ = Ref<Object>::borrow(o).release();
    out->readonly_ = memoryview_detail::as_mv(o)->readonly;
    return true;
  }
  BufferInfo info;
  if (!TRY(buffer_acquire(o, &info))) return false;
  out->data_ = std::string_view(info.buf, static_cast<size_t>(info.len));
  out->exporter_ = Ref<Object>::borrow(o).release();
  out->readonly_ = info.readonly;
  return true;
}

Result<ByteView> byte_view(Object* o) {
  ByteView v;
  if (!TRY(acquire_byte_view(o, &v)))
    return raise(exc::TypeError, "a bytes-like object is required, not '{}'", type_name_of(o));
  return v;
}

Result<std::optional<ByteView>> writable_byte_view(Object* o) {
  if (is_bytes(o) || (is_memoryview(o) && memoryview_detail::as_mv(o)->readonly))
    return std::optional<ByteView>();
  ByteView v;
  if (!TRY(acquire_byte_view(o, &v)) || v.readonly()) return std::optional<ByteView>();
  return std::optional<ByteView>(std::move(v));
}

}  // namespace weft
