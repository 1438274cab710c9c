// objects/str_methods_split.cpp — split, rsplit, splitlines, join, strip, lstrip, rstrip,
// expandtabs (helper T).
//
// Results are built from slices of the input (str_substr), so no text is copied twice; join
// sizes nothing in advance but appends into a StrBuilder, which grows geometrically (linear
// time overall).
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str_layout.h"
#include "objects/tuple.h"
#include "objects/unicode_props.h"

namespace weft {

using namespace strimpl;

namespace {

inline uint32_t cp_at(Object* s, int64_t i) { return read_cp(data1(s), as_str(s)->kind, i); }

Status append_piece(Object* list, Object* s, int64_t start, int64_t end) {
  Ref<Object> piece = TRY(str_substr(s, start, end));
  return list_append(list, piece.get());
}

struct SplitArgs {
  Object* sep;  // nullptr = whitespace
  int64_t maxsplit;
};

Result<SplitArgs> parse_split_args(const ArgParser& parser, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  Object* a[2];
  TRY(parser.parse(args, nargs, kwnames, a));
  SplitArgs r{nullptr, -1};
  if (a[0] && !is_none(a[0])) {
    if (!is_str(a[0])) return raise(exc::TypeError, "must be str or None, not {}", type_name_of(a[0]));
    if (as_str(a[0])->length == 0) return raise(exc::ValueError, "empty separator");
    r.sep = a[0];
  }
  if (a[1]) r.maxsplit = TRY(index_as_i64(a[1]));
  if (r.maxsplit < 0) r.maxsplit = INT64_MAX;
  return r;
}

Result<Ref<Object>> whole_as_list(Object* self) {
  Ref<Object> list = TRY(list_new(1));
  Ref<Object> whole = TRY(str_substr(self, 0, as_str(self)->length));
  TRY(list_append(list.get(), whole.get()));
  return list;
}

Result<Ref<Object>> split_whitespace(Object* self, int64_t maxsplit) {
  int64_t len = as_str(self)->length;
  Ref<Object> list = TRY(list_new());
  int64_t i = 0;
  while (maxsplit-- > 0) {
    while (i < len && unicode::is_space(cp_at(self, i))) ++i;
    if (i == len) break;
    int64_t j = i;
    while (j < len && !unicode::is_space(cp_at(self, j))) ++j;
    if (i == 0 && j == len && is_str_exact(self)) {
      TRY(list_append(list.get(), self));
      return list;
    }
    TRY(append_piece(list.get(), self, i, j));
    i = j;
  }
  if (i < len) {
    while (i < len && unicode::is_space(cp_at(self, i))) ++i;
    if (i < len) TRY(append_piece(list.get(), self, i, len));
  }
  return list;
}

Result<Ref<Object>> rsplit_whitespace(Object* self, int64_t maxsplit) {
  int64_t len = as_str(self)->length;
  Ref<Object> list = TRY(list_new());
  int64_t i = len;
  while (maxsplit-- > 0) {
    while (i > 0 && unicode::is_space(cp_at(self, i - 1))) --i;
    if (i == 0) break;
    int64_t j = i;
    while (j > 0 && !unicode::is_space(cp_at(self, j - 1))) --j;
    TRY(append_piece(list.get(), self, j, i));
    i = j;
  }
  if (i > 0) {
    while (i > 0 && unicode::is_space(cp_at(self, i - 1))) --i;
    if (i > 0) TRY(append_piece(list.get(), self, 0, i));
  }
  TRY(list_reverse(list.get()));
  return list;
}

Result<Ref<Object>> strip_impl(const char* name, Object* self, Object* const* args, size_t nargs,
                               Object* kwnames, bool left, bool right) {
  TRY(args_positional_only(name, nargs, kwnames, 0, 1));
  Object* chars = nargs > 0 && !is_none(args[0]) ? args[0] : nullptr;
  if (chars && !is_str(chars)) return raise(exc::TypeError, "{} arg must be None or str", name);
  auto strip_this = [&](uint32_t c) {
    if (!chars) return unicode::is_space(c);
    const StrObject* cs = as_str(chars);
    for (int64_t k = 0; k < cs->length; ++k)
      if (read_cp(data1(chars), cs->kind, k) == c) return true;
    return false;
  };
  int64_t i = 0, j = as_str(self)->length;
  if (left) while (i < j && strip_this(cp_at(self, i))) ++i;
  if (right) while (j > i && strip_this(cp_at(self, j - 1))) --j;
  return str_substr(self, i, j);
}

}  // namespace

namespace strimpl {

Result<Ref<Object>> str_method_split(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("split", "| sep maxsplit");
  SplitArgs a = TRY(parse_split_args(kParser, args, nargs, kw));
  if (!a.sep) return split_whitespace(self, a.maxsplit);
  int64_t len = as_str(self)->length;
  int64_t seplen = as_str(a.sep)->length;
  Ref<Object> list = TRY(list_new());
  int64_t pos = 0;
  while (a.maxsplit-- > 0) {
    int64_t hit = find_sub(self, a.sep, pos, len, 1);
    if (hit < 0) break;
    TRY(append_piece(list.get(), self, pos, hit));
    pos = hit + seplen;
  }
  if (pos == 0 && is_str_exact(self)) {
    TRY(list_append(list.get(), self));
    return list;
  }
  TRY(append_piece(list.get(), self, pos, len));
  return list;
}

Result<Ref<Object>> str_method_rsplit(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("rsplit", "| sep maxsplit");
  SplitArgs a = TRY(parse_split_args(kParser, args, nargs, kw));
  if (!a.sep) return rsplit_whitespace(self, a.maxsplit);
  int64_t seplen = as_str(a.sep)->length;
  Ref<Object> list = TRY(list_new());
  int64_t end = as_str(self)->length;
  while (a.maxsplit-- > 0) {
    int64_t hit = find_sub(self, a.sep, 0, end, -1);
    if (hit < 0) break;
    TRY(append_piece(list.get(), self, hit + seplen, end));
    end = hit;
  }
  if (end == as_str(self)->length && list_size(list.get()) == 0) return whole_as_list(self);
  TRY(append_piece(list.get(), self, 0, end));
  TRY(list_reverse(list.get()));
  return list;
}

Result<Ref<Object>> str_method_splitlines(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("splitlines", "| keepends");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kw, a));
  bool keepends = a[0] ? TRY(object_is_true(a[0])) : false;
  int64_t len = as_str(self)->length;
  Ref<Object> list = TRY(list_new());
  int64_t i = 0;
  while (i < len) {
    int64_t j = i;
    while (j < len && !unicode::is_linebreak(cp_at(self, j))) ++j;
    int64_t eol = j;
    if (j < len) {
      if (cp_at(self, j) == '\r' && j + 1 < len && cp_at(self, j + 1) == '\n') j += 2;
      else ++j;
      if (keepends) eol = j;
    }
    if (i == 0 && j == len && eol == len && is_str_exact(self)) {
      TRY(list_append(list.get(), self));
      break;
    }
    TRY(append_piece(list.get(), self, i, eol));
    i = j;
  }
  return list;
}

Result<Ref<Object>> str_method_join(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("join", nargs, kw, 1, 1));
  Object* iterable = args[0];
  Ref<Object> seq;
  Object* const* items;
  int64_t n;
  if (is_tuple_exact(iterable)) {
    items = tuple_items(iterable);
    n = tuple_size(iterable);
  } else {
    Result<Ref<Object>> it = get_iter(iterable);
    if (!it) {
      if (error_matches(exc::TypeError)) {
        clear_error();
        return raise(exc::TypeError, "can only join an iterable");
      }
      return Error{};
    }
    seq = TRY(tuple_from_iterable(it.value().get()));
    items = tuple_items(seq.get());
    n = tuple_size(seq.get());
  }
  if (n == 1 && is_str_exact(items[0])) return Ref<Object>::borrow(items[0]);
  StrBuilder b;
  for (int64_t i = 0; i < n; ++i) {
    if (!is_str(items[i]))
      return raise(exc::TypeError, "sequence item {}: expected str instance, {} found", i,
                   type_name_of(items[i]));
    if (i > 0) b.append_str(self);
    b.append_str(items[i]);
  }
  return b.finish();
}

Result<Ref<Object>> str_method_strip(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return strip_impl("strip", self, args, nargs, kw, true, true);
}
Result<Ref<Object>> str_method_lstrip(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return strip_impl("lstrip", self, args, nargs, kw, true, false);
}
Result<Ref<Object>> str_method_rstrip(Object* self, Object* const* args, size_t nargs, Object* kw) {
  return strip_impl("rstrip", self, args, nargs, kw, false, true);
}

Result<Ref<Object>> str_method_expandtabs(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("expandtabs", "| tabsize");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kw, a));
  int64_t tabsize = 8;
  if (a[0]) tabsize = TRY(index_as_i64(a[0]));
  int64_t len = as_str(self)->length;
  StrBuilder b;
  int64_t column = 0;
  for (int64_t i = 0; i < len; ++i) {
    uint32_t c = cp_at(self, i);
    if (c == '\t') {
      if (tabsize > 0) {
        int64_t spaces = tabsize - column % tabsize;
        b.append_repeated(' ', spaces);
        column += spaces;
      }
    } else {
      b.append_code_point(c);
      ++column;
      if (c == '\n' || c == '\r') column = 0;
    }
  }
  return b.finish();
}

}  // namespace strimpl
}  // namespace weft
