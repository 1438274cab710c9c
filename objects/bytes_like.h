// objects/bytes_like.h — bytes-like objects seen through one byte view: the consumer side of the
// buffer protocol. Exporters are bytes, bytearray, memoryview, and any type that fills
// Type::buffer (objects/type.h BufferProcs: array.array, the views BytesIO.getbuffer returns).
//
//   ByteView sep = TRY(byte_view(arg));        // TypeError "a bytes-like object is required, ..."
//   use(sep.view());                           // stable until `sep` is destroyed
//
// A view of bytes borrows the immutable data. A view of any other exporter holds a reference and
// one export: the exporter cannot be resized or reallocated until the view is released, so the
// pointer stays valid even if Python code runs meanwhile. byte_view() also accepts a
// C-contiguous memoryview, which it exports the same way (the memoryview cannot be released
// while the ByteView lives). (As in CPython, bytes may still be overwritten in place by
// `ba[i] = x` from another thread; the length and storage never change.)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "objects/bytearray.h"
#include "objects/bytes.h"

namespace weft {

inline bool is_bytes_like(const Object* o) { return is_bytes(o) || is_bytearray(o); }

class ByteView {
 public:
  ByteView() = default;
  ByteView(ByteView&& other) noexcept
      : exporter_(std::exchange(other.exporter_, nullptr)), data_(other.data_), readonly_(other.readonly_) {}
  ByteView& operator=(ByteView&& other) noexcept {
    if (this != &other) {
      release();
      exporter_ = std::exchange(other.exporter_, nullptr);
      data_ = other.data_;
      readonly_ = other.readonly_;
    }
    return *this;
  }
  ByteView(const ByteView&) = delete;
  ByteView& operator=(const ByteView&) = delete;
  ~ByteView() { release(); }

  std::string_view view() const { return data_; }
  const char* data() const { return data_.data(); }
  size_t size() const { return data_.size(); }
  // Writable storage; only for a view that is not readonly() (writable_byte_view).
  char* mutable_data() const { return const_cast<char*>(data_.data()); }
  bool readonly() const { return readonly_; }
  // Ends the export early (idempotent).
  void release();

  // A view of `o`, which the caller has checked is bytes-like.
  static ByteView of(Object* o);

 private:
  friend Result<bool> acquire_byte_view(Object* o, ByteView* out);
  Object* exporter_ = nullptr;  // an owned exporter holding one export, or nullptr (bytes)
  std::string_view data_;
  bool readonly_ = true;
};

// A view of a bytes-like object or a memoryview; TypeError "a bytes-like object is required, not
// 'T'" otherwise (and the memoryview's BufferError/ValueError when it is not C-contiguous or was
// released).
Result<ByteView> byte_view(Object* o);

// A writable view (a bytearray, a writable memoryview or a writable exporter such as an array):
// nullopt, with no exception set, when `o` is not a read-write bytes-like object, so that the
// caller raises its own TypeError ("... must be read-write bytes-like object, not T").
Result<std::optional<ByteView>> writable_byte_view(Object* o);

// The exporter side, for exporters other than memoryview (memoryview.h has its own export):
// buffer_acquire fills `view` from bytes, bytearray or a type's BufferProcs and takes one export
// (false, with no exception, when `o` exports no buffer); each success is paired with one
// buffer_release(o).
Result<bool> buffer_acquire(Object* o, BufferInfo* view);
void buffer_release(Object* o);
// The buffer procs of `t` or its nearest base that has them, or nullptr.
const BufferProcs* buffer_procs_of(const Type* t);
// Whether `o` exports a buffer (bytes, bytearray, memoryview or Type::buffer procs): the check
// consumers with their own TypeError text make before byte_view().
bool exports_buffer(const Object* o);

// Appends the bytes of an iterable of ints to `out` (bytes(iterable), bytearray.extend), or the
// raw bytes of an exporter with Type::buffer procs (bytes(array) copies the items' bytes): false,
// with no exception set, when `x` is not iterable. An item outside range(256) raises ValueError
// `range_message` ("bytes must be in range(0, 256)" for bytes(), "byte must be ..." for bytearray).
Result<bool> append_iterable_of_ints(std::string& out, Object* x, const char* range_message);

// repr(b)'s text for the bytes `data`: b'...' with CPython's quote choice and escapes.
std::string bytes_repr_text(std::string_view data);

}  // namespace weft
