// objects/bytes_like.cpp — ByteView: the byte view of bytes and bytearray (objects/bytes_like.h).
// A bytes view borrows immutable data; a bytearray view holds a reference and one export, which
// bytearray_export takes inside the bytearray's critical section so that it is ordered with every
// resize (resizes check the export count under the same lock).
#include "objects/bytes_like.h"

#include "objects/errors.h"
#include "objects/exceptions.h"

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
  bytearray_unexport(exporter_);
  Ref<Object>::steal(std::exchange(exporter_, nullptr));  // drops the reference
  data_ = {};
}

Result<ByteView> byte_view(Object* o) {
  if (!is_bytes_like(o))
    return raise(exc::TypeError, "a bytes-like object is required, not '{}'", type_name_of(o));
  return ByteView::of(o);
}

}  // namespace weft
