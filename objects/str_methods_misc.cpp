// objects/str_methods_misc.cpp — encode, format, format_map, __format__, maketrans, translate
// (helper T). The format machinery itself is in str_format.cpp; codecs in unicode_codecs.cpp.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/format_spec.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str_layout.h"
#include "objects/tuple.h"
#include "objects/unicode_codecs.h"

namespace weft {

using namespace strimpl;

namespace {

inline uint32_t cp_at(Object* s, int64_t i) { return read_cp(data1(s), as_str(s)->kind, i); }

Result<std::string_view> str_arg(const char* fname, const char* argname, Object* o) {
  if (!is_str(o))
    return raise(exc::TypeError, "{}() argument '{}' must be str, not {}", fname, argname, type_name_of(o));
  return str_utf8(o);
}

}  // namespace

namespace strimpl {

Result<Ref<Object>> str_method_encode(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("encode", "| encoding errors");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kw, a));
  std::string_view encoding = "utf-8", errors = "strict";
  if (a[0]) encoding = TRY(str_arg("encode", "encoding", a[0]));
  if (a[1]) errors = TRY(str_arg("encode", "errors", a[1]));
  return codec_encode(self, encoding, errors);
}

Result<Ref<Object>> str_method_format(Object* self, Object* const* args, size_t nargs, Object* kw) {
  size_t nkw = kwnames_count(kw);
  if (nkw == 0) return str_format_impl(self, args, nargs, nullptr);
  Ref<Object> kwargs = TRY(dict_new());
  for (size_t i = 0; i < nkw; ++i) TRY(dict_set_item(kwargs.get(), tuple_item(kw, int64_t(i)), args[nargs + i]));
  return str_format_impl(self, args, nargs, kwargs.get());
}

Result<Ref<Object>> str_method_format_map(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("format_map", nargs, kw, 1, 1));
  return str_format_impl(self, nullptr, 0, args[0]);
}

Result<Ref<Object>> str_method___format__(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("__format__", nargs, kw, 1, 1));
  if (!is_str(args[0]))
    return raise(exc::TypeError, "__format__() argument must be str, not {}", type_name_of(args[0]));
  if (as_str(args[0])->length == 0) return str_substr(self, 0, as_str(self)->length);
  return format_str_with_spec(self, args[0]);
}

// str.maketrans(x[, y[, z]]) — a static method: `self` is unused.
Result<Ref<Object>> str_method_maketrans(Object*, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("maketrans", nargs, kw, 1, 3));
  Ref<Object> table = TRY(dict_new());
  if (nargs == 1) {
    Object* x = args[0];
    if (!is_dict(x))
      return raise(exc::TypeError, "if you give only one argument to maketrans it must be a dict");
    Ref<Object> items = TRY(dict_items_list(x));
    for (int64_t i = 0; i < list_size(items.get()); ++i) {
      Ref<Object> pair = TRY(list_get_item(items.get(), i));
      Object* key = tuple_item(pair.get(), 0);
      Object* value = tuple_item(pair.get(), 1);
      if (is_str(key)) {
        if (as_str(key)->length != 1)
          return raise(exc::ValueError, "string keys in translate table must be of length 1");
        Ref<Object> code = TRY(int_from_i64(cp_at(key, 0)));
        TRY(dict_set_item(table.get(), code.get(), value));
      } else if (is_int(key)) {
        TRY(dict_set_item(table.get(), key, value));
      } else {
        return raise(exc::TypeError, "keys in translate table must be strings or integers");
      }
    }
    return table;
  }
  if (!is_str(args[0]))
    return raise(exc::TypeError, "first maketrans argument must be a string if there is a second argument");
  if (!is_str(args[1]))
    return raise(exc::TypeError, "maketrans() argument 2 must be str, not {}", type_name_of(args[1]));
  if (nargs == 3 && !is_str(args[2]))
    return raise(exc::TypeError, "maketrans() argument 3 must be str, not {}", type_name_of(args[2]));
  Object* x = args[0];
  Object* y = args[1];
  if (as_str(x)->length != as_str(y)->length)
    return raise(exc::ValueError, "the first two maketrans arguments must have equal length");
  for (int64_t i = 0; i < as_str(x)->length; ++i) {
    Ref<Object> k = TRY(int_from_i64(cp_at(x, i)));
    Ref<Object> v = TRY(int_from_i64(cp_at(y, i)));
    TRY(dict_set_item(table.get(), k.get(), v.get()));
  }
  if (nargs == 3) {
    Object* z = args[2];
    for (int64_t i = 0; i < as_str(z)->length; ++i) {
      Ref<Object> k = TRY(int_from_i64(cp_at(z, i)));
      TRY(dict_set_item(table.get(), k.get(), none()));
    }
  }
  return table;
}

Result<Ref<Object>> str_method_translate(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("translate", nargs, kw, 1, 1));
  Object* table = args[0];
  StrBuilder b;
  for (int64_t i = 0; i < as_str(self)->length; ++i) {
    uint32_t c = cp_at(self, i);
    Ref<Object> key = TRY(int_from_i64(c));
    Result<Ref<Object>> mapped = get_item(table, key.get());
    if (!mapped) {
      if (!error_matches(exc::LookupError)) return Error{};
      clear_error();
      b.append_code_point(c);
      continue;
    }
    Object* m = mapped.value().get();
    if (is_none(m)) continue;
    if (is_int(m)) {
      int64_t v;
      if (!int_to_i64(m, &v) || v < 0 || v > 0x10ffff)
        return raise(exc::ValueError, "character mapping must be in range(0x110000)");
      b.append_code_point(uint32_t(v));
    } else if (is_str(m)) {
      b.append_str(m);
    } else {
      return raise(exc::TypeError, "character mapping must return integer, None or str");
    }
  }
  return b.finish();
}

}  // namespace strimpl
}  // namespace weft
