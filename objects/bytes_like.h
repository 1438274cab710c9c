// objects/bytes_like.h — bytes-like objects (bytes and bytearray) seen through one byte view: the
// part of CPython's buffer protocol that bytes and bytearray need (memoryview is not built yet).
//
//   ByteView sep = TRY(byte_view(arg));        // TypeError "a bytes-like object is required, ..."
//   use(sep.view());                           // stable until `sep` is destroyed
//
// A view of bytes borrows the immutable data. A view of a bytearray holds a reference and one
// export: the bytearray cannot be resized or reallocated until the view is released, so the
// pointer stays valid even if Python code runs meanwhile. byte_view() also accepts a
// C-contiguous memoryview, which it exports the same way (the memoryview cannot be released
// while the ByteView lives). (As in CPython, bytes may still be
// overwritten in place by `ba[i] = x` from another thread; the length and storage never change.)
#pragma once

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
      : exporter_(std::exchange(other.exporter_, nullptr)), data_(other.data_) {}
  ByteView& operator=(ByteView&& other) noexcept {
    if (this != &other) {
      release();
      exporter_ = std::exchange(other.exporter_, nullptr);
      data_ = other.data_;
    }
    return *this;
  }
  ByteView(const ByteView&) = delete;
  ByteView& operator=(const ByteView&) = delete;
  ~ByteView() { release(); }

  std::string_view view() const { return data_; }
  const char* data() const { return data_.data(); }
  size_t size() const { return data_.size(); }
  // Ends the export early (idempotent).
  void release();

  // A view of `o`, which the caller has checked is bytes-like.
  static ByteView of(Object* o);

 private:
  friend Result<ByteView> byte_view(Object* o);
  Object* exporter_ = nullptr;  // an owned bytearray or memoryview holding one export, or nullptr
  std::string_view data_;
};

// A view of a bytes-like object or a memoryview; TypeError "a bytes-like object is required, not
// 'T'" otherwise (and the memoryview's BufferError/ValueError when it is not C-contiguous or was
// released).
Result<ByteView> byte_view(Object* o);

// Appends the bytes of an iterable of ints to `out` (bytes(iterable), bytearray.extend): false,
// with no exception set, when `x` is not iterable. An item outside range(256) raises ValueError
// `range_message` ("bytes must be in range(0, 256)" for bytes(), "byte must be ..." for bytearray).
Result<bool> append_iterable_of_ints(std::string& out, Object* x, const char* range_message);

// repr(b)'s text for the bytes `data`: b'...' with CPython's quote choice and escapes.
std::string bytes_repr_text(std::string_view data);

}  // namespace weft
