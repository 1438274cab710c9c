// objects/bytes_ops_split.cpp — the shared bytes/bytearray methods that cut the receiver into
// pieces or glue pieces together: split, rsplit, splitlines, join, strip, lstrip, rstrip.
// Pieces have the receiver's kind (bytes or bytearray, see bytes_ops.h). Whitespace is ASCII
// whitespace (space, \t, \n, \v, \f, \r), as in CPython.
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes_like.h"
#include "objects/bytes_ops.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/memoryview.h"
#include "objects/tuple.h"

namespace weft::bytes_ops {

namespace {

struct SplitArgs {
  ByteView sep;
  bool whitespace = true;  // sep is None or not given
  int64_t maxsplit = INT64_MAX;
};

Result<SplitArgs> parse_split(const ArgParser& parser, Object* const* args, size_t nargs,
                              Object* kwnames) {
  Object* a[2];
  TRY(parser.parse(args, nargs, kwnames, a));
  SplitArgs out;
  if (a[1]) {
    out.maxsplit = TRY(index_as_i64(a[1]));
    if (out.maxsplit < 0) out.maxsplit = INT64_MAX;
  }
  if (a[0] && !is_none(a[0])) {
    out.sep = TRY(byte_view(a[0]));
    out.whitespace = false;
    if (out.sep.size() == 0) return raise(exc::ValueError, "empty separator");
  }
  return out;
}

class PieceList {
 public:
  explicit PieceList(const Self& self) : self_(self) {}
  Status init() {
    list_ = TRY(list_new());
    return ok();
  }
  Status add(std::string_view piece) {
    Ref<Object> b = TRY(self_.make(piece));
    return list_append(list_.get(), b.get());
  }
  Ref<Object> take() { return std::move(list_); }

 private:
  const Self& self_;
  Ref<Object> list_;
};

Result<Ref<Object>> strip_impl(const Self& self, Object* const* args, size_t nargs, bool left,
                               bool right) {
  TRY(args_check_positional(left ? (right ? "strip" : "lstrip") : "rstrip", nargs, 0, 1));
  ByteView chars_view;
  std::string_view chars = " \t\n\r\x0b\x0c";
  if (nargs > 0 && !is_none(args[0])) {
    chars_view = TRY(byte_view(args[0]));
    chars = chars_view.view();
  }
  std::string_view v = self.data;
  size_t i = 0, j = v.size();
  if (left)
    while (i < j && chars.find(v[i]) != std::string_view::npos) ++i;
  if (right)
    while (j > i && chars.find(v[j - 1]) != std::string_view::npos) --j;
  if (i == 0 && j == v.size()) return self.same();
  return self.make(v.substr(i, j - i));
}

}  // namespace

Result<Ref<Object>> split(const Self& self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("split", "| sep maxsplit");
  SplitArgs sa = TRY(parse_split(kParser, args, nargs, kwnames));
  std::string_view v = self.data;
  PieceList out(self);
  TRY(out.init());
  int64_t left = sa.maxsplit;
  if (sa.whitespace) {
    size_t i = 0;
    for (;;) {
      while (i < v.size() && is_space(uint8_t(v[i]))) ++i;
      if (i == v.size()) break;
      if (left-- == 0) {
        TRY(out.add(v.substr(i)));
        break;
      }
      size_t j = i;
      while (j < v.size() && !is_space(uint8_t(v[j]))) ++j;
      TRY(out.add(v.substr(i, j - i)));
      i = j;
    }
    return out.take();
  }
  std::string_view sep = sa.sep.view();
  size_t pos = 0;
  for (; left > 0; --left) {
    size_t hit = v.find(sep, pos);
    if (hit == std::string_view::npos) break;
    TRY(out.add(v.substr(pos, hit - pos)));
    pos = hit + sep.size();
  }
  TRY(out.add(v.substr(pos)));
  return out.take();
}

Result<Ref<Object>> rsplit(const Self& self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("rsplit", "| sep maxsplit");
  SplitArgs sa = TRY(parse_split(kParser, args, nargs, kwnames));
  std::string_view v = self.data;
  // Pieces are found right to left, then the list is reversed.
  PieceList out(self);
  TRY(out.init());
  int64_t left = sa.maxsplit;
  if (sa.whitespace) {
    size_t j = v.size();
    for (;;) {
      while (j > 0 && is_space(uint8_t(v[j - 1]))) --j;
      if (j == 0) break;
      if (left-- == 0) {
        TRY(out.add(v.substr(0, j)));
        break;
      }
      size_t i = j;
      while (i > 0 && !is_space(uint8_t(v[i - 1]))) --i;
      TRY(out.add(v.substr(i, j - i)));
      j = i;
    }
  } else {
    std::string_view sep = sa.sep.view();
    size_t end = v.size();
    for (; left > 0; --left) {
      if (end < sep.size()) break;
      size_t hit = v.substr(0, end).rfind(sep);
      if (hit == std::string_view::npos) break;
      TRY(out.add(v.substr(hit + sep.size(), end - hit - sep.size())));
      end = hit;
    }
    TRY(out.add(v.substr(0, end)));
  }
  Ref<Object> list = out.take();
  TRY(list_reverse(list.get()));
  return list;
}

Result<Ref<Object>> splitlines(const Self& self, Object* const* args, size_t nargs,
                               Object* kwnames) {
  static const ArgParser kParser("splitlines", "| keepends");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  bool keepends = a[0] ? TRY(object_is_true(a[0])) : false;
  std::string_view v = self.data;
  PieceList out(self);
  TRY(out.init());
  size_t i = 0;
  while (i < v.size()) {
    size_t j = i;
    while (j < v.size() && v[j] != '\n' && v[j] != '\r') ++j;
    size_t eol = j;
    if (j < v.size()) {
      j += (v[j] == '\r' && j + 1 < v.size() && v[j + 1] == '\n') ? 2 : 1;
      if (keepends) eol = j;
    }
    TRY(out.add(v.substr(i, eol - i)));
    i = j;
  }
  return out.take();
}

Result<Ref<Object>> join(const Self& self, Object* const* args, size_t, Object*) {
  Object* iterable = args[0];
  Ref<Object> seq;
  if (is_tuple_exact(iterable)) {
    seq = Ref<Object>::borrow(iterable);
  } else {
    Result<Ref<Object>> it = get_iter(iterable);
    if (!it) {
      if (!error_matches(exc::TypeError)) return Error{};
      clear_error();
      return raise(exc::TypeError, "can only join an iterable");
    }
    seq = TRY(tuple_from_iterable(it.value().get()));
  }
  int64_t n = tuple_size(seq.get());
  // Every piece stays exported until the result is built, so bytearray pieces cannot change size
  // between measuring and copying.
  std::vector<ByteView> pieces;
  pieces.reserve(size_t(n));
  int64_t total = 0;
  for (int64_t i = 0; i < n; ++i) {
    Object* item = tuple_item(seq.get(), i);
    // A memoryview that cannot export (released, not C-contiguous) is reported like a non-buffer.
    Result<ByteView> piece = (is_bytes_like(item) || is_memoryview(item)) ? byte_view(item) : Error{};
    if (piece.is_error()) {
      clear_error();
      return raise(exc::TypeError, "sequence item {}: expected a bytes-like object, {} found", i,
                   type_name_of(item));
    }
    pieces.push_back(std::move(piece).release_value());
    total += int64_t(pieces.back().size());
    if (i) total += int64_t(self.data.size());
  }
  if (n == 1 && !self.mutable_result && tuple_item(seq.get(), 0)->ob_type == &BytesType)
    return Ref<Object>::borrow(tuple_item(seq.get(), 0));
  char* out = nullptr;
  Ref<Object> r = TRY(self.alloc(total, &out));
  for (int64_t i = 0; i < n; ++i) {
    if (i) {
      std::memcpy(out, self.data.data(), self.data.size());
      out += self.data.size();
    }
    std::memcpy(out, pieces[size_t(i)].data(), pieces[size_t(i)].size());
    out += pieces[size_t(i)].size();
  }
  return r;
}

Result<Ref<Object>> strip(const Self& self, Object* const* args, size_t nargs, Object*) {
  return strip_impl(self, args, nargs, true, true);
}
Result<Ref<Object>> lstrip(const Self& self, Object* const* args, size_t nargs, Object*) {
  return strip_impl(self, args, nargs, true, false);
}
Result<Ref<Object>> rstrip(const Self& self, Object* const* args, size_t nargs, Object*) {
  return strip_impl(self, args, nargs, false, true);
}

}  // namespace weft::bytes_ops
