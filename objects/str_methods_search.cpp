// objects/str_methods_search.cpp — substring search and the str methods built on it: find,
// rfind, index, rindex, count, startswith, endswith, replace, partition, rpartition,
// removeprefix, removesuffix (helper T).
//
// Search converts the needle to the haystack's width once and then uses the standard library's
// string_view search (memchr/memcmp for 1-byte data). By the canonical-form invariant a needle
// wider than the haystack cannot occur in it.
#include <string>
#include <string_view>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/str_layout.h"
#include "objects/tuple.h"

namespace weft {

using namespace strimpl;

namespace {

template <class CharT>
int64_t find_in(const Object* hay, const Object* needle, int64_t start, int64_t end, int direction) {
  std::basic_string_view<CharT> h(reinterpret_cast<const CharT*>(data1(hay)) + start, size_t(end - start));
  const StrObject* n = as_str(needle);
  std::basic_string<CharT> widened;
  std::basic_string_view<CharT> nv;
  if (n->kind == sizeof(CharT)) {
    nv = std::basic_string_view<CharT>(reinterpret_cast<const CharT*>(data1(needle)), size_t(n->length));
  } else {
    widened.resize(size_t(n->length));
    for (int64_t i = 0; i < n->length; ++i) widened[size_t(i)] = CharT(read_cp(data1(needle), n->kind, i));
    nv = widened;
  }
  size_t pos = direction > 0 ? h.find(nv) : h.rfind(nv);
  return pos == std::basic_string_view<CharT>::npos ? -1 : start + int64_t(pos);
}

// Parses "sub[, start[, end]]" for find-like methods; returns false through Result on errors.
struct SubArgs {
  Object* sub;
  int64_t start, end;
};

Result<SubArgs> parse_sub_args(const char* name, Object* self, Object* const* args, size_t nargs,
                               Object* kwnames) {
  TRY(args_positional_only(name, nargs, kwnames, 1, 3));
  SubArgs r{args[0], 0, as_str(self)->length};
  TRY(parse_start_end(nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr,
                      as_str(self)->length, &r.start, &r.end));
  return r;
}

Result<int64_t> find_common(const char* name, Object* self, Object* const* args, size_t nargs,
                            Object* kwnames, int direction) {
  SubArgs a = TRY(parse_sub_args(name, self, args, nargs, kwnames));
  if (!is_str(a.sub))
    return raise(exc::TypeError, "{}() argument 1 must be str, not {}", name, type_name_of(a.sub));
  return find_sub(self, a.sub, a.start, a.end, direction);
}

// startswith/endswith for one candidate at [start, end).
bool tail_match(Object* self, Object* sub, int64_t start, int64_t end, bool at_end) {
  const StrObject* s = as_str(self);
  const StrObject* t = as_str(sub);
  adjust_indices(s->length, &start, &end);
  if (start > s->length) return false;
  if (end - start < t->length) return false;
  if (t->length == 0) return true;
  int64_t off = at_end ? end - t->length : start;
  if (t->kind == s->kind)
    return std::memcmp(data1(self) + off * s->kind, data1(sub), size_t(t->length) * t->kind) == 0;
  for (int64_t i = 0; i < t->length; ++i)
    if (read_cp(data1(self), s->kind, off + i) != read_cp(data1(sub), t->kind, i)) return false;
  return true;
}

Result<Ref<Object>> xswith(const char* name, Object* self, Object* const* args, size_t nargs,
                           Object* kwnames, bool at_end) {
  TRY(args_positional_only(name, nargs, kwnames, 1, 3));
  int64_t start = 0, end = INT64_MAX;
  if (nargs > 1) TRY(slice_index_from_object(args[1], &start));
  if (nargs > 2) TRY(slice_index_from_object(args[2], &end));
  Object* what = args[0];
  if (is_tuple(what)) {
    for (int64_t i = 0; i < tuple_size(what); ++i) {
      Object* item = tuple_item(what, i);
      if (!is_str(item))
        return raise(exc::TypeError, "tuple for {} must only contain str, not {}", name, type_name_of(item));
      if (tail_match(self, item, start, end, at_end)) return new_bool(true);
    }
    return new_bool(false);
  }
  if (!is_str(what))
    return raise(exc::TypeError, "{} first arg must be str or a tuple of str, not {}", name, type_name_of(what));
  return new_bool(tail_match(self, what, start, end, at_end));
}

Result<Ref<Object>> partition_impl(Object* self, Object* sep, bool from_right) {
  if (!is_str(sep)) return raise_expected_str(sep);
  if (as_str(sep)->length == 0) return raise(exc::ValueError, "empty separator");
  int64_t len = as_str(self)->length;
  int64_t pos = find_sub(self, sep, 0, len, from_right ? -1 : 1);
  Object* empty = str_empty();
  if (pos < 0) {
    if (from_right) return tuple_pack({empty, empty, self});
    return tuple_pack({self, empty, empty});
  }
  Ref<Object> head = TRY(str_substr(self, 0, pos));
  Ref<Object> tail = TRY(str_substr(self, pos + as_str(sep)->length, len));
  return tuple_pack({head.get(), sep, tail.get()});
}

}  // namespace

namespace strimpl {

int64_t find_sub(Object* hay, Object* needle, int64_t start, int64_t end, int direction) {
  const StrObject* h = as_str(hay);
  const StrObject* n = as_str(needle);
  adjust_indices(h->length, &start, &end);
  if (start > h->length || end - start < n->length) return -1;
  if (n->length == 0) return direction > 0 ? start : end;
  if (n->kind > h->kind) return -1;
  switch (h->kind) {
    case 1: return find_in<char>(hay, needle, start, end, direction);
    case 2: return find_in<char16_t>(hay, needle, start, end, direction);
    default: return find_in<char32_t>(hay, needle, start, end, direction);
  }
}

int64_t count_sub(Object* hay, Object* needle, int64_t start, int64_t end, int64_t maxcount) {
  const StrObject* h = as_str(hay);
  int64_t nlen = as_str(needle)->length;
  adjust_indices(h->length, &start, &end);
  if (start > h->length || end - start < nlen) return 0;
  if (nlen == 0) return std::min(end - start + 1, maxcount);
  int64_t count = 0;
  while (count < maxcount) {
    int64_t pos = find_sub(hay, needle, start, end, 1);
    if (pos < 0) break;
    ++count;
    start = pos + nlen;
  }
  return count;
}

Status parse_start_end(Object* start_obj, Object* end_obj, int64_t len, int64_t* start,
                       int64_t* end) {
  *start = 0;
  *end = INT64_MAX;
  if (start_obj) TRY(slice_index_from_object(start_obj, start));
  if (end_obj) TRY(slice_index_from_object(end_obj, end));
  (void)len;  // clamping happens in find_sub/count_sub (adjust_indices)
  return ok();
}

Result<Ref<Object>> str_method_find(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return int_from_i64(TRY(find_common("find", self, args, nargs, kw, 1)));
}

Result<Ref<Object>> str_method_rfind(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return int_from_i64(TRY(find_common("rfind", self, args, nargs, kw, -1)));
}

Result<Ref<Object>> str_method_index(Object* self, Object* const* args, size_t nargs, Object* kw) {
  int64_t pos = TRY(find_common("index", self, args, nargs, kw, 1));
  if (pos < 0) return raise(exc::ValueError, "substring not found");
  return int_from_i64(pos);
}

Result<Ref<Object>> str_method_rindex(Object* self, Object* const* args, size_t nargs, Object* kw) {
  int64_t pos = TRY(find_common("rindex", self, args, nargs, kw, -1));
  if (pos < 0) return raise(exc::ValueError, "substring not found");
  return int_from_i64(pos);
}

Result<Ref<Object>> str_method_count(Object* self, Object* const* args, size_t nargs, Object* kw) {
  SubArgs a = TRY(parse_sub_args("count", self, args, nargs, kw));
  if (!is_str(a.sub))
    return raise(exc::TypeError, "count() argument 1 must be str, not {}", type_name_of(a.sub));
  return int_from_i64(count_sub(self, a.sub, a.start, a.end, INT64_MAX));
}

Result<Ref<Object>> str_method_startswith(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return xswith("startswith", self, args, nargs, kw, false);
}

Result<Ref<Object>> str_method_endswith(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return xswith("endswith", self, args, nargs, kw, true);
}

// replace(old, new, /, count=-1)
Result<Ref<Object>> str_method_replace(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("replace", "old new / | count");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kw, a));
  if (!is_str(a[0])) return raise(exc::TypeError, "replace() argument 1 must be str, not {}", type_name_of(a[0]));
  if (!is_str(a[1])) return raise(exc::TypeError, "replace() argument 2 must be str, not {}", type_name_of(a[1]));
  int64_t maxcount = -1;
  if (a[2]) maxcount = TRY(index_as_i64(a[2]));
  if (maxcount < 0) maxcount = INT64_MAX;
  Object* old_s = a[0];
  Object* new_s = a[1];
  int64_t len = as_str(self)->length;
  int64_t old_len = as_str(old_s)->length;
  auto unchanged = [&]() -> Result<Ref<Object>> {
    if (is_str_exact(self)) return Ref<Object>::borrow(self);
    return str_from_kind_data(data1(self), as_str(self)->kind, len);
  };
  if (maxcount == 0) return unchanged();
  StrBuilder b;
  if (old_len == 0) {
    // Insert `new` before every character and at the end, up to maxcount times.
    int64_t done = 0;
    for (int64_t i = 0; i <= len; ++i) {
      if (done < maxcount) { b.append_str(new_s); ++done; }
      if (i < len) b.append_substr(self, i, i + 1);
    }
    return b.finish();
  }
  int64_t pos = 0, done = 0;
  while (done < maxcount) {
    int64_t hit = find_sub(self, old_s, pos, len, 1);
    if (hit < 0) break;
    b.append_substr(self, pos, hit);
    b.append_str(new_s);
    pos = hit + old_len;
    ++done;
  }
  if (done == 0) return unchanged();
  b.append_substr(self, pos, len);
  return b.finish();
}

Result<Ref<Object>> str_method_partition(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("partition", nargs, kw, 1, 1));
  return partition_impl(self, args[0], false);
}

Result<Ref<Object>> str_method_rpartition(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("rpartition", nargs, kw, 1, 1));
  return partition_impl(self, args[0], true);
}

Result<Ref<Object>> str_method_removeprefix(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("removeprefix", nargs, kw, 1, 1));
  if (!is_str(args[0]))
    return raise(exc::TypeError, "removeprefix() argument must be str, not {}", type_name_of(args[0]));
  int64_t len = as_str(self)->length;
  if (tail_match(self, args[0], 0, len, false))
    return str_substr(self, as_str(args[0])->length, len);
  return str_substr(self, 0, len);
}

Result<Ref<Object>> str_method_removesuffix(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("removesuffix", nargs, kw, 1, 1));
  if (!is_str(args[0]))
    return raise(exc::TypeError, "removesuffix() argument must be str, not {}", type_name_of(args[0]));
  int64_t len = as_str(self)->length;
  int64_t n = as_str(args[0])->length;
  if (n > 0 && tail_match(self, args[0], 0, len, true)) return str_substr(self, 0, len - n);
  return str_substr(self, 0, len);
}

}  // namespace strimpl
}  // namespace weft
