// objects/str_builder.cpp — StrBuilder: amortised O(1) appends into a width-adaptive buffer.
//
// Why: join, format, repr of containers and f-strings (BUILD_STRING) build strs piece by piece;
// appending to a Python str would be quadratic. The buffer holds code points at the narrowest
// width seen so far (1, 2 or 4 bytes) and is widened in place when a wider code point arrives,
// so its final width is the canonical kind of the result and finish() is a single memcpy.
// A builder is used by one thread (it lives on the C stack).
#include <algorithm>
#include <cstring>

#include "gc/alloc.h"
#include "objects/str_layout.h"
#include "objects/unicode_codecs.h"

namespace weft {

using namespace strimpl;

StrBuilder::StrBuilder() : buf_(inline_), capacity_(sizeof(inline_)) {}

StrBuilder::~StrBuilder() {
  if (buf_ != inline_) gc::raw_free(buf_);
}

size_t StrBuilder::length() const { return length_; }

bool StrBuilder::ensure(size_t extra, uint32_t maxchar) {
  if (failed_) return false;
  int new_kind = std::max<int>(kind_, kind_for_max(maxchar));
  size_t needed = length_ + extra;
  if (new_kind == kind_ && needed <= capacity_) return true;
  size_t new_cap = std::max(needed, capacity_ + capacity_ / 2 + 16);
  if (new_cap > (SIZE_MAX / 8) || extra > (SIZE_MAX / 8)) {
    failed_ = true;
    return false;
  }
  uint8_t* fresh = static_cast<uint8_t*>(gc::raw_alloc(new_cap * size_t(new_kind)));
  if (!fresh) {
    failed_ = true;
    return false;
  }
  if (new_kind == kind_) {
    std::memcpy(fresh, buf_, length_ * kind_);
  } else {
    for (size_t i = 0; i < length_; ++i) write_cp(fresh, new_kind, int64_t(i), read_cp(buf_, kind_, int64_t(i)));
  }
  if (buf_ != inline_) gc::raw_free(buf_);
  buf_ = fresh;
  capacity_ = new_cap;
  kind_ = uint8_t(new_kind);
  return true;
}

void StrBuilder::reserve(size_t extra, uint32_t maxchar) { (void)ensure(extra, maxchar); }

void StrBuilder::append_ascii(std::string_view s) {
  if (s.empty()) return;  // also keeps memcpy away from a null data() pointer
  if (!ensure(s.size(), 0x7f)) return;
  if (kind_ == 1) {
    std::memcpy(buf_ + length_, s.data(), s.size());
  } else {
    for (size_t i = 0; i < s.size(); ++i) write_cp(buf_, kind_, int64_t(length_ + i), uint8_t(s[i]));
  }
  length_ += s.size();
  if (maxchar_ < 0x7f) {
    for (unsigned char c : s) maxchar_ = std::max<uint32_t>(maxchar_, c);
  }
}

Status StrBuilder::append_utf8(std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return (unsigned char)c < 0x80; });
  if (ascii) {
    append_ascii(s);
    return ok();
  }
  Ref<Object> decoded = TRY(decode_utf8(s));
  append_str(decoded.get());
  return ok();
}

void StrBuilder::append_code_point(uint32_t cp) {
  if (!ensure(1, cp)) return;
  write_cp(buf_, kind_, int64_t(length_), cp);
  ++length_;
  if (cp > maxchar_) maxchar_ = cp;
}

void StrBuilder::append_substr(Object* s, int64_t start, int64_t end) {
  const StrObject* so = as_str(s);
  int64_t n = end - start;
  if (n <= 0) return;
  uint32_t smax = so->ascii ? 0x7f : max_for_kind(so->kind);
  if (!so->ascii && so->kind > 1 && (start != 0 || end != so->length)) {
    // A slice of a wide string may be narrower; avoid widening the buffer needlessly.
    smax = max_char_in(data1(s), so->kind, start, end);
  }
  if (!ensure(size_t(n), smax)) return;
  const uint8_t* src = data1(s) + start * so->kind;
  if (so->kind == kind_) {
    std::memcpy(buf_ + length_ * kind_, src, size_t(n) * kind_);
  } else {
    for (int64_t i = 0; i < n; ++i) write_cp(buf_, kind_, int64_t(length_) + i, read_cp(src, so->kind, i));
  }
  length_ += size_t(n);
  if (!so->ascii) {
    uint32_t m = so->kind == 1 ? max_char_in(src, 1, 0, n) : smax;
    maxchar_ = std::max(maxchar_, m);
  }
}

void StrBuilder::append_str(Object* s) { append_substr(s, 0, as_str(s)->length); }

void StrBuilder::append_repeated(uint32_t cp, int64_t count) {
  if (count <= 0 || !ensure(size_t(count), cp)) return;
  if (kind_ == 1) {
    std::memset(buf_ + length_, int(cp), size_t(count));
  } else {
    for (int64_t i = 0; i < count; ++i) write_cp(buf_, kind_, int64_t(length_) + i, cp);
  }
  length_ += size_t(count);
  if (cp > maxchar_) maxchar_ = cp;
}

Result<Ref<Object>> StrBuilder::finish() {
  if (failed_) return raise_no_memory();
  if (length_ <= 1) return str_from_kind_data(buf_, kind_, int64_t(length_));
  // The buffer's kind may be wider than needed when a wide slice contributed only narrow code
  // points (append_substr of a whole wide string never does); str_from_kind_data narrows.
  if (kind_for_max(maxchar_) != kind_) return str_from_kind_data(buf_, kind_, int64_t(length_));
  Ref<Object> s = TRY(str_alloc(int64_t(length_), maxchar_));
  std::memcpy(mutable_data(s.get()), buf_, length_ * kind_);
  return s;
}

}  // namespace weft
