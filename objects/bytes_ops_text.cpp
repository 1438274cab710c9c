// objects/bytes_ops_text.cpp — the shared bytes/bytearray methods that look at bytes as ASCII
// text: case mapping (lower, upper, capitalize, swapcase, title), the is* predicates, padding
// (center, ljust, rjust, zfill) and expandtabs. Bytes >= 0x80 are never letters, digits or
// spaces (CPython's C-locale pyctype tables).
//
// Every function reads only `self.data` (stable for the call, see bytes_ops.h) and writes into a
// fresh result object before publishing it, so no locking is needed here.
#include <cstring>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes_like.h"
#include "objects/bytes_ops.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"

namespace weft::bytes_ops {

Result<Ref<Object>> Self::alloc(int64_t n, char** out) const {
  if (mutable_result) return bytearray_new_uninitialized(n, out);
  Ref<Object> r = TRY(bytes_new_uninitialized(n));
  *out = bytes_mutable_data(r.get());
  return r;
}

Result<Ref<Object>> Self::make(std::string_view bytes) const {
  return mutable_result ? bytearray_from(bytes) : bytes_from(bytes);
}

Result<Ref<Object>> Self::same() const {
  if (!mutable_result && obj->ob_type == &BytesType) return Ref<Object>::borrow(obj);
  return make(data);
}

namespace {

// A copy of the receiver with every byte passed through `map(byte, index, previous_byte)`.
template <class Map>
Result<Ref<Object>> map_bytes(const Self& self, Map map) {
  char* out = nullptr;
  Ref<Object> r = TRY(self.alloc(int64_t(self.data.size()), &out));
  unsigned char prev = 0;
  for (size_t i = 0; i < self.data.size(); ++i) {
    unsigned char c = uint8_t(self.data[i]);
    out[i] = map(c, i, prev);
    prev = c;
  }
  return r;
}

inline bool is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }

template <bool (*Pred)(unsigned char)>
Result<Ref<Object>> all_of_nonempty(const Self& self) {
  if (self.data.empty()) return new_bool(false);
  for (unsigned char c : self.data)
    if (!Pred(c)) return new_bool(false);
  return new_bool(true);
}

// islower / isupper: at least one cased byte, and none of the opposite case.
Result<Ref<Object>> cased_only(const Self& self, bool (*want)(unsigned char),
                               bool (*reject)(unsigned char)) {
  bool cased = false;
  for (unsigned char c : self.data) {
    if (reject(c)) return new_bool(false);
    cased = cased || want(c);
  }
  return new_bool(cased);
}

// The fill byte of center/ljust/rjust: a bytes or bytearray of length 1 (CPython's `char`
// argument converter and its two messages).
Result<char> fill_byte(const char* fname, Object* arg) {
  if (!is_bytes_like(arg))
    return raise(exc::TypeError, "{}() argument 2 must be a byte string of length 1, not {}", fname,
                 type_name_of(arg));
  ByteView v = ByteView::of(arg);
  if (v.size() != 1)
    return raise(exc::TypeError,
                 "{}(): argument 2 must be a byte string of length 1, not a {} object of length {}",
                 fname, type_name_of(arg), v.size());
  return v.data()[0];
}

// Pads the receiver to `width` with `left` fill bytes before it and the rest after it.
Result<Ref<Object>> pad(const Self& self, int64_t width, int64_t left, char fill) {
  int64_t len = int64_t(self.data.size());
  if (width <= len) return self.same();
  char* out = nullptr;
  Ref<Object> r = TRY(self.alloc(width, &out));
  std::memset(out, fill, size_t(left));
  std::memcpy(out + left, self.data.data(), size_t(len));
  std::memset(out + left + len, fill, size_t(width - len - left));
  return r;
}

enum class Align { Left, Right, Center };

Result<Ref<Object>> justify(const char* fname, Align align, const Self& self, Object* const* args,
                            size_t nargs) {
  TRY(args_check_positional(fname, nargs, 1, 2));
  int64_t width = TRY(index_as_i64(args[0]));
  char fill = nargs > 1 ? TRY(fill_byte(fname, args[1])) : ' ';
  int64_t margin = width - int64_t(self.data.size());
  int64_t left = 0;
  switch (align) {
    case Align::Left: left = 0; break;
    case Align::Right: left = margin; break;
    // CPython's rounding: the odd byte goes left only when both margin and width are odd.
    case Align::Center: left = margin / 2 + (margin & width & 1); break;
  }
  return pad(self, width, left, fill);
}

}  // namespace

Result<Ref<Object>> lower(const Self& self, Object* const*, size_t, Object*) {
  return map_bytes(self, [](unsigned char c, size_t, unsigned char) { return to_lower(c); });
}

Result<Ref<Object>> upper(const Self& self, Object* const*, size_t, Object*) {
  return map_bytes(self, [](unsigned char c, size_t, unsigned char) { return to_upper(c); });
}

Result<Ref<Object>> swapcase(const Self& self, Object* const*, size_t, Object*) {
  return map_bytes(self, [](unsigned char c, size_t, unsigned char) {
    return is_upper(c) ? to_lower(c) : to_upper(c);
  });
}

Result<Ref<Object>> capitalize(const Self& self, Object* const*, size_t, Object*) {
  return map_bytes(self, [](unsigned char c, size_t i, unsigned char) {
    return i == 0 ? to_upper(c) : to_lower(c);
  });
}

Result<Ref<Object>> title(const Self& self, Object* const*, size_t, Object*) {
  // A letter is upper-cased when the byte before it is not a letter, lower-cased otherwise.
  return map_bytes(self, [](unsigned char c, size_t, unsigned char prev) {
    return is_alpha(prev) ? to_lower(c) : to_upper(c);
  });
}

Result<Ref<Object>> isalnum(const Self& self, Object* const*, size_t, Object*) {
  return all_of_nonempty<is_alnum>(self);
}
Result<Ref<Object>> isalpha(const Self& self, Object* const*, size_t, Object*) {
  return all_of_nonempty<is_alpha>(self);
}
Result<Ref<Object>> isdigit(const Self& self, Object* const*, size_t, Object*) {
  return all_of_nonempty<is_digit>(self);
}
Result<Ref<Object>> isspace(const Self& self, Object* const*, size_t, Object*) {
  return all_of_nonempty<is_space>(self);
}
Result<Ref<Object>> isascii(const Self& self, Object* const*, size_t, Object*) {
  for (unsigned char c : self.data)
    if (c >= 0x80) return new_bool(false);
  return new_bool(true);
}
Result<Ref<Object>> islower(const Self& self, Object* const*, size_t, Object*) {
  return cased_only(self, is_lower, is_upper);
}
Result<Ref<Object>> isupper(const Self& self, Object* const*, size_t, Object*) {
  return cased_only(self, is_upper, is_lower);
}

Result<Ref<Object>> istitle(const Self& self, Object* const*, size_t, Object*) {
  // Upper-case letters only after uncased bytes, lower-case only after cased ones, and at
  // least one cased byte.
  bool cased = false, previous_cased = false;
  for (unsigned char c : self.data) {
    if (is_upper(c)) {
      if (previous_cased) return new_bool(false);
      previous_cased = cased = true;
    } else if (is_lower(c)) {
      if (!previous_cased) return new_bool(false);
      previous_cased = cased = true;
    } else {
      previous_cased = false;
    }
  }
  return new_bool(cased);
}

Result<Ref<Object>> center(const Self& self, Object* const* args, size_t nargs, Object*) {
  return justify("center", Align::Center, self, args, nargs);
}
Result<Ref<Object>> ljust(const Self& self, Object* const* args, size_t nargs, Object*) {
  return justify("ljust", Align::Left, self, args, nargs);
}
Result<Ref<Object>> rjust(const Self& self, Object* const* args, size_t nargs, Object*) {
  return justify("rjust", Align::Right, self, args, nargs);
}

Result<Ref<Object>> zfill(const Self& self, Object* const* args, size_t, Object*) {
  int64_t width = TRY(index_as_i64(args[0]));
  int64_t len = int64_t(self.data.size());
  if (width <= len) return self.same();
  char* out = nullptr;
  Ref<Object> r = TRY(self.alloc(width, &out));
  int64_t fill = width - len;
  std::memset(out, '0', size_t(fill));
  std::memcpy(out + fill, self.data.data(), size_t(len));
  // A leading sign moves in front of the zeros.
  if (len > 0 && (self.data[0] == '+' || self.data[0] == '-')) {
    out[0] = self.data[0];
    out[fill] = '0';
  }
  return r;
}

Result<Ref<Object>> expandtabs(const Self& self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("expandtabs", "| tabsize");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int64_t tabsize = a[0] ? TRY(index_as_i64(a[0], exc::OverflowError)) : 8;
  // First pass: the result length (with CPython's overflow check), second pass: the bytes.
  int64_t total = 0, column = 0;
  for (unsigned char c : self.data) {
    if (c == '\t') {
      if (tabsize > 0) {
        int64_t incr = tabsize - column % tabsize;
        if (column > INT64_MAX - incr || total > INT64_MAX - incr)
          return raise(exc::OverflowError, "result too long");
        column += incr;
        total += incr;
      }
    } else {
      if (total == INT64_MAX) return raise(exc::OverflowError, "result too long");
      ++total;
      column = (c == '\n' || c == '\r') ? 0 : column + 1;
    }
  }
  char* out = nullptr;
  Ref<Object> r = TRY(self.alloc(total, &out));
  column = 0;
  for (unsigned char c : self.data) {
    if (c == '\t') {
      if (tabsize > 0) {
        int64_t incr = tabsize - column % tabsize;
        std::memset(out, ' ', size_t(incr));
        out += incr;
        column += incr;
      }
    } else {
      *out++ = char(c);
      column = (c == '\n' || c == '\r') ? 0 : column + 1;
    }
  }
  return r;
}

}  // namespace weft::bytes_ops
