// objects/bytes_ops_search.cpp — the shared bytes/bytearray methods that search the receiver:
// find, rfind, index, rindex, count, startswith, endswith, partition, rpartition, removeprefix,
// removesuffix, replace. Semantics and messages follow CPython 3.14 (Objects/bytes_methods.c,
// Objects/stringlib/). Arguments may be any bytes-like object; a bytearray argument is held by a
// ByteView for the whole call, so its storage cannot move even if __index__ runs Python code.
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes_like.h"
#include "objects/bytes_ops.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/str_layout.h"
#include "objects/tuple.h"

namespace weft::bytes_ops {

namespace {

// The needle of find/count/index: a bytes-like object, or an int in range(256).
struct Needle {
  ByteView view;
  char byte = 0;
  bool single = false;
  std::string_view bytes() const { return single ? std::string_view(&byte, 1) : view.view(); }
};

Result<Needle> needle_arg(Object* o) {
  Needle n;
  if (is_bytes_like(o)) {
    n.view = ByteView::of(o);
    return n;
  }
  if (!is_int(o) && !o->ob_type->number.index)
    return raise(exc::TypeError, "argument should be integer or bytes-like object, not '{}'",
                 type_name_of(o));
  int64_t v = TRY(index_as_i64(o, exc::ValueError));
  if (v < 0 || v > 255) return raise(exc::ValueError, "byte must be in range(0, 256)");
  n.byte = char(v);
  n.single = true;
  return n;
}

// The [start:end] window of find-like methods (None or an index; CPython's clamping). Returns
// false when the window starts past the end, where nothing (not even b'') is found.
Result<bool> window(Object* const* args, size_t nargs, size_t first, std::string_view data,
                    std::string_view* out, int64_t* offset) {
  int64_t start = 0, end = INT64_MAX;
  if (nargs > first) TRY(slice_index_from_object(args[first], &start));
  if (nargs > first + 1) TRY(slice_index_from_object(args[first + 1], &end));
  int64_t len = int64_t(data.size());
  strimpl::adjust_indices(len, &start, &end);
  if (start > len) return false;
  *offset = start;
  *out = end > start ? data.substr(size_t(start), size_t(end - start)) : std::string_view();
  return true;
}

enum class Direction { Forward, Backward };

Result<int64_t> find_impl(const char* name, const Self& self, Object* const* args, size_t nargs,
                          Direction dir) {
  TRY(args_check_positional(name, nargs, 1, 3));
  Needle needle = TRY(needle_arg(args[0]));
  std::string_view hay;
  int64_t offset = 0;
  if (!TRY(window(args, nargs, 1, self.data, &hay, &offset))) return int64_t{-1};
  std::string_view sub = needle.bytes();
  size_t pos = dir == Direction::Forward ? hay.find(sub) : hay.rfind(sub);
  return pos == std::string_view::npos ? int64_t{-1} : offset + int64_t(pos);
}

Result<Ref<Object>> index_impl(const char* name, const Self& self, Object* const* args,
                               size_t nargs, Direction dir) {
  int64_t pos = TRY(find_impl(name, self, args, nargs, dir));
  if (pos < 0) return raise(exc::ValueError, "subsection not found");
  return int_from_i64(pos);
}

// startswith / endswith: `what` is bytes-like or a tuple of bytes-like objects.
Result<Ref<Object>> affix_impl(const char* name, const Self& self, Object* const* args,
                               size_t nargs, bool at_end) {
  TRY(args_check_positional(name, nargs, 1, 3));
  std::string_view hay;
  int64_t offset = 0;
  bool in_range = TRY(window(args, nargs, 1, self.data, &hay, &offset));
  auto matches = [&](Object* o) -> Result<bool> {
    ByteView v = TRY(byte_view(o));
    if (!in_range || v.size() > hay.size()) return false;
    return at_end ? hay.substr(hay.size() - v.size()) == v.view() : hay.substr(0, v.size()) == v.view();
  };
  Object* what = args[0];
  if (is_tuple(what)) {
    for (int64_t i = 0; i < tuple_size(what); ++i)
      if (TRY(matches(tuple_item(what, i)))) return new_bool(true);
    return new_bool(false);
  }
  if (!is_bytes_like(what))
    return raise(exc::TypeError, "{} first arg must be bytes or a tuple of bytes, not {}", name,
                 type_name_of(what));
  return new_bool(TRY(matches(what)));
}

// The separator returned by partition: bytes methods return the argument itself, bytearray
// methods a new bytearray copy (as CPython does).
Result<Ref<Object>> separator_result(const Self& self, Object* sep_obj, std::string_view sep) {
  if (self.mutable_result) return bytearray_from(sep);
  return Ref<Object>::borrow(sep_obj);
}

Result<Ref<Object>> partition_impl(const Self& self, Object* sep_obj, Direction dir) {
  ByteView sep = TRY(byte_view(sep_obj));
  if (sep.size() == 0) return raise(exc::ValueError, "empty separator");
  size_t pos = dir == Direction::Forward ? self.data.find(sep.view()) : self.data.rfind(sep.view());
  if (pos == std::string_view::npos) {
    Ref<Object> whole = TRY(self.same());
    Ref<Object> empty1 = TRY(self.make({}));
    Ref<Object> empty2 = TRY(self.make({}));
    if (dir == Direction::Forward) return tuple_pack({whole.get(), empty1.get(), empty2.get()});
    return tuple_pack({empty1.get(), empty2.get(), whole.get()});
  }
  Ref<Object> head = TRY(self.make(self.data.substr(0, pos)));
  Ref<Object> mid = TRY(separator_result(self, sep_obj, sep.view()));
  Ref<Object> tail = TRY(self.make(self.data.substr(pos + sep.size())));
  return tuple_pack({head.get(), mid.get(), tail.get()});
}

}  // namespace

Result<Ref<Object>> find(const Self& self, Object* const* args, size_t nargs, Object*) {
  return int_from_i64(TRY(find_impl("find", self, args, nargs, Direction::Forward)));
}
Result<Ref<Object>> rfind(const Self& self, Object* const* args, size_t nargs, Object*) {
  return int_from_i64(TRY(find_impl("rfind", self, args, nargs, Direction::Backward)));
}
Result<Ref<Object>> index(const Self& self, Object* const* args, size_t nargs, Object*) {
  return index_impl("index", self, args, nargs, Direction::Forward);
}
Result<Ref<Object>> rindex(const Self& self, Object* const* args, size_t nargs, Object*) {
  return index_impl("rindex", self, args, nargs, Direction::Backward);
}

Result<Ref<Object>> count(const Self& self, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("count", nargs, 1, 3));
  Needle needle = TRY(needle_arg(args[0]));
  std::string_view hay;
  int64_t offset = 0;
  if (!TRY(window(args, nargs, 1, self.data, &hay, &offset))) return int_from_i64(0);
  std::string_view sub = needle.bytes();
  if (sub.empty()) return int_from_i64(int64_t(hay.size()) + 1);
  int64_t n = 0;
  for (size_t pos = hay.find(sub); pos != std::string_view::npos; pos = hay.find(sub, pos + sub.size()))
    ++n;
  return int_from_i64(n);
}

Result<Ref<Object>> startswith(const Self& self, Object* const* args, size_t nargs, Object*) {
  return affix_impl("startswith", self, args, nargs, false);
}
Result<Ref<Object>> endswith(const Self& self, Object* const* args, size_t nargs, Object*) {
  return affix_impl("endswith", self, args, nargs, true);
}

Result<Ref<Object>> partition(const Self& self, Object* const* args, size_t, Object*) {
  return partition_impl(self, args[0], Direction::Forward);
}
Result<Ref<Object>> rpartition(const Self& self, Object* const* args, size_t, Object*) {
  return partition_impl(self, args[0], Direction::Backward);
}

Result<Ref<Object>> removeprefix(const Self& self, Object* const* args, size_t, Object*) {
  ByteView prefix = TRY(byte_view(args[0]));
  if (prefix.size() == 0 || !self.data.starts_with(prefix.view())) return self.same();
  return self.make(self.data.substr(prefix.size()));
}

Result<Ref<Object>> removesuffix(const Self& self, Object* const* args, size_t, Object*) {
  ByteView suffix = TRY(byte_view(args[0]));
  if (suffix.size() == 0 || !self.data.ends_with(suffix.view())) return self.same();
  return self.make(self.data.substr(0, self.data.size() - suffix.size()));
}

Result<Ref<Object>> replace(const Self& self, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional("replace", nargs, 2, 3));
  ByteView old_view = TRY(byte_view(args[0]));
  ByteView new_view = TRY(byte_view(args[1]));
  int64_t maxcount = nargs > 2 ? TRY(index_as_i64(args[2])) : -1;
  if (maxcount < 0) maxcount = INT64_MAX;
  std::string_view v = self.data, from = old_view.view(), to = new_view.view();
  std::string out;
  int64_t done = 0;
  if (from.empty()) {
    // b'ab'.replace(b'', b'-') == b'-a-b-': the replacement goes before each byte and at the end.
    if (maxcount == 0) return self.same();
    for (size_t i = 0; i <= v.size(); ++i) {
      if (done < maxcount) {
        out += to;
        ++done;
      }
      if (i < v.size()) out += v[i];
    }
    return self.make(out);
  }
  size_t pos = 0;
  while (done < maxcount) {
    size_t hit = v.find(from, pos);
    if (hit == std::string_view::npos) break;
    out.append(v.substr(pos, hit - pos));
    out += to;
    pos = hit + from.size();
    ++done;
  }
  if (done == 0) return self.same();
  out.append(v.substr(pos));
  return self.make(out);
}

}  // namespace weft::bytes_ops
