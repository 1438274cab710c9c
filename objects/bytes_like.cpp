// objects/bytes_like.cpp — ByteView: the byte view of bytes and bytearray (objects/bytes_like.h).
// A bytes view borrows immutable data; a bytearray view holds a reference and one export, which
// bytearray_export takes inside the bytearray's critical section so that it is ordered with every
// resize (resizes check the export count under the same lock). byte_view() exports a memoryview
// through memoryview_export, which pins the view against release() in the same way.
#include "objects/bytes_like.h"

#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/memoryview.h"

namespace weft {

ByteView ByteView::of(Object* o) {
  ByteView v;
  if (is_bytes(o)) {
    v.data_ = bytes_view(o);
  } else {
    v.data_ = bytearray_export(o);
    v.exporter_ = Ref<Object>::borrow(o).release();
  }
  return v;
}

void ByteView::release() {
  if (!exporter_) return;
  if (is_memoryview(exporter_)) {
    memoryview_unexport(exporter_);
  } else {
    bytearray_unexport(exporter_);
  }
  Ref<Object>::steal(std::exchange(exporter_, nullptr));  // drops the reference
  data_ = {};
}

Result<ByteView> byte_view(Object* o) {
  if (is_memoryview(o)) {
    ByteView v;
    v.data_ = TRY(memoryview_export(o));
    v.exporter_ = Ref<Object>::borrow(o).release();
    return v;
  }
  if (!is_bytes_like(o))
    return raise(exc::TypeError, "a bytes-like object is required, not '{}'", type_name_of(o));
  return ByteView::of(o);
}

}  // namespace weft
