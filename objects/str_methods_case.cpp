// objects/str_methods_case.cpp — case conversion (upper, lower, capitalize, title, swapcase,
// casefold), the is*() predicates, and padding (center, ljust, rjust, zfill) (helper T).
//
// Case conversion uses the full mappings of unicode_props.h (one code point may become up to
// three) and CPython's final-sigma rule for lower()/swapcase(): a capital sigma becomes 'ς' when
// a cased letter precedes it and none follows it (case-ignorable characters skipped).
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/int.h"
#include "objects/str_layout.h"
#include "objects/unicode_props.h"

namespace weft {

using namespace strimpl;
namespace uc = unicode;

namespace {

inline uint32_t cp_at(Object* s, int64_t i) { return read_cp(data1(s), as_str(s)->kind, i); }

constexpr uint32_t kCapitalSigma = 0x3a3;

// The lowercase of the capital sigma at index i: final 'ς' or medial 'σ'.
uint32_t lower_sigma(Object* s, int64_t i) {
  int64_t len = as_str(s)->length;
  int64_t j = i - 1;
  while (j >= 0 && uc::is_case_ignorable(cp_at(s, j))) --j;
  bool cased_before = j >= 0 && uc::is_cased(cp_at(s, j));
  j = i + 1;
  while (j < len && uc::is_case_ignorable(cp_at(s, j))) ++j;
  bool cased_after = j < len && uc::is_cased(cp_at(s, j));
  return cased_before && !cased_after ? 0x3c2 : 0x3c3;
}

void append_mapped(StrBuilder& b, int (*map)(uint32_t, uint32_t*), uint32_t c) {
  uint32_t out[3];
  int n = map(c, out);
  for (int k = 0; k < n; ++k) b.append_code_point(out[k]);
}

void append_lower(StrBuilder& b, Object* s, int64_t i) {
  uint32_t c = cp_at(s, i);
  if (c == kCapitalSigma) b.append_code_point(lower_sigma(s, i));
  else append_mapped(b, uc::to_lower_full, c);
}

// ASCII-only fast path for upper()/lower(): a plain byte map.
Result<Ref<Object>> ascii_map(Object* self, bool to_upper) {
  int64_t len = as_str(self)->length;
  Ref<Object> r = TRY(str_alloc(len, 0x7f));
  const uint8_t* in = data1(self);
  uint8_t* out = mutable_data(r.get());
  for (int64_t i = 0; i < len; ++i) {
    uint8_t c = in[i];
    if (to_upper) out[i] = (c >= 'a' && c <= 'z') ? uint8_t(c - 32) : c;
    else out[i] = (c >= 'A' && c <= 'Z') ? uint8_t(c + 32) : c;
  }
  return r;
}

Status no_args(const char* name, size_t nargs, Object* kwnames) {
  return args_positional_only(name, nargs, kwnames, 0, 0);
}

template <class Pred>
Result<Ref<Object>> all_chars(Object* self, const char* name, size_t nargs, Object* kwnames,
                              bool empty_result, Pred pred) {
  TRY(no_args(name, nargs, kwnames));
  int64_t len = as_str(self)->length;
  if (len == 0) return new_bool(empty_result);
  for (int64_t i = 0; i < len; ++i)
    if (!pred(cp_at(self, i))) return new_bool(false);
  return new_bool(true);
}

// width[, fillchar] for center/ljust/rjust.
Status parse_pad_args(const char* name, Object* const* args, size_t nargs, Object* kwnames,
                      int64_t* width, uint32_t* fill) {
  TRY(args_positional_only(name, nargs, kwnames, 1, 2));
  *width = TRY(index_as_i64(args[0]));
  *fill = ' ';
  if (nargs > 1) {
    Object* f = args[1];
    if (!is_str(f))
      return raise(exc::TypeError, "The fill character must be a unicode character, not {}", type_name_of(f));
    if (as_str(f)->length != 1)
      return raise(exc::TypeError, "The fill character must be exactly one character long");
    *fill = cp_at(f, 0);
  }
  return ok();
}

Result<Ref<Object>> pad(Object* self, int64_t left, int64_t right, uint32_t fill) {
  if (left < 0) left = 0;
  if (right < 0) right = 0;
  int64_t len = as_str(self)->length;
  if (left == 0 && right == 0) return str_substr(self, 0, len);
  StrBuilder b;
  b.reserve(size_t(left + len + right), std::max<uint32_t>(fill, as_str(self)->ascii ? 0x7f : max_for_kind(as_str(self)->kind)));
  b.append_repeated(fill, left);
  b.append_str(self);
  b.append_repeated(fill, right);
  return b.finish();
}

}  // namespace

namespace strimpl {

Result<Ref<Object>> str_method_upper(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(no_args("upper", nargs, kw));
  if (as_str(self)->ascii) return ascii_map(self, true);
  StrBuilder b;
  for (int64_t i = 0; i < as_str(self)->length; ++i) append_mapped(b, uc::to_upper_full, cp_at(self, i));
  return b.finish();
}

Result<Ref<Object>> str_method_lower(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(no_args("lower", nargs, kw));
  if (as_str(self)->ascii) return ascii_map(self, false);
  StrBuilder b;
  for (int64_t i = 0; i < as_str(self)->length; ++i) append_lower(b, self, i);
  return b.finish();
}

Result<Ref<Object>> str_method_casefold(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(no_args("casefold", nargs, kw));
  if (as_str(self)->ascii) return ascii_map(self, false);
  StrBuilder b;
  for (int64_t i = 0; i < as_str(self)->length; ++i) append_mapped(b, uc::to_casefold_full, cp_at(self, i));
  return b.finish();
}

Result<Ref<Object>> str_method_swapcase(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(no_args("swapcase", nargs, kw));
  StrBuilder b;
  for (int64_t i = 0; i < as_str(self)->length; ++i) {
    uint32_t c = cp_at(self, i);
    if (uc::is_upper(c)) append_lower(b, self, i);
    else if (uc::is_lower(c)) append_mapped(b, uc::to_upper_full, c);
    else b.append_code_point(c);
  }
  return b.finish();
}

Result<Ref<Object>> str_method_capitalize(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(no_args("capitalize", nargs, kw));
  StrBuilder b;
  for (int64_t i = 0; i < as_str(self)->length; ++i) {
    if (i == 0) append_mapped(b, uc::to_title_full, cp_at(self, i));
    else append_lower(b, self, i);
  }
  return b.finish();
}

Result<Ref<Object>> str_method_title(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(no_args("title", nargs, kw));
  StrBuilder b;
  bool previous_cased = false;
  for (int64_t i = 0; i < as_str(self)->length; ++i) {
    uint32_t c = cp_at(self, i);
    if (previous_cased) append_lower(b, self, i);
    else append_mapped(b, uc::to_title_full, c);
    previous_cased = uc::is_cased(c);
  }
  return b.finish();
}

Result<Ref<Object>> str_method_isdigit(Object* self, Object* const*, size_t nargs, Object* kw) {
  return all_chars(self, "isdigit", nargs, kw, false, [](uint32_t c) { return uc::digit_value(c) >= 0; });
}
Result<Ref<Object>> str_method_isdecimal(Object* self, Object* const*, size_t nargs, Object* kw) {
  return all_chars(self, "isdecimal", nargs, kw, false, [](uint32_t c) { return uc::decimal_value(c) >= 0; });
}
Result<Ref<Object>> str_method_isnumeric(Object* self, Object* const*, size_t nargs, Object* kw) {
  return all_chars(self, "isnumeric", nargs, kw, false, uc::is_numeric);
}
Result<Ref<Object>> str_method_isalpha(Object* self, Object* const*, size_t nargs, Object* kw) {
  return all_chars(self, "isalpha", nargs, kw, false, uc::is_alpha);
}
Result<Ref<Object>> str_method_isalnum(Object* self, Object* const*, size_t nargs, Object* kw) {
  return all_chars(self, "isalnum", nargs, kw, false,
                   [](uint32_t c) { return uc::is_alpha(c) || uc::is_numeric(c); });
}
Result<Ref<Object>> str_method_isspace(Object* self, Object* const*, size_t nargs, Object* kw) {
  return all_chars(self, "isspace", nargs, kw, false, uc::is_space);
}
Result<Ref<Object>> str_method_isprintable(Object* self, Object* const*, size_t nargs, Object* kw) {
  return all_chars(self, "isprintable", nargs, kw, true, uc::is_printable);
}
Result<Ref<Object>> str_method_isascii(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(no_args("isascii", nargs, kw));
  return new_bool(as_str(self)->ascii);
}

Result<Ref<Object>> str_method_islower(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(no_args("islower", nargs, kw));
  bool cased = false;
  for (int64_t i = 0; i < as_str(self)->length; ++i) {
    uint32_t c = cp_at(self, i);
    if (uc::is_upper(c) || uc::is_title(c)) return new_bool(false);
    if (uc::is_lower(c)) cased = true;
  }
  return new_bool(cased);
}

Result<Ref<Object>> str_method_isupper(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(no_args("isupper", nargs, kw));
  bool cased = false;
  for (int64_t i = 0; i < as_str(self)->length; ++i) {
    uint32_t c = cp_at(self, i);
    if (uc::is_lower(c) || uc::is_title(c)) return new_bool(false);
    if (uc::is_upper(c)) cased = true;
  }
  return new_bool(cased);
}

Result<Ref<Object>> str_method_istitle(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(no_args("istitle", nargs, kw));
  bool cased = false, previous_cased = false;
  for (int64_t i = 0; i < as_str(self)->length; ++i) {
    uint32_t c = cp_at(self, i);
    if (uc::is_upper(c) || uc::is_title(c)) {
      if (previous_cased) return new_bool(false);
      previous_cased = cased = true;
    } else if (uc::is_lower(c)) {
      if (!previous_cased) return new_bool(false);
      previous_cased = cased = true;
    } else {
      previous_cased = false;
    }
  }
  return new_bool(cased);
}

Result<Ref<Object>> str_method_isidentifier(Object* self, Object* const*, size_t nargs, Object* kw) {
  TRY(no_args("isidentifier", nargs, kw));
  int64_t len = as_str(self)->length;
  if (len == 0) return new_bool(false);
  uint32_t first = cp_at(self, 0);
  if (first != '_' && !uc::is_xid_start(first)) return new_bool(false);
  for (int64_t i = 1; i < len; ++i)
    if (!uc::is_xid_continue(cp_at(self, i))) return new_bool(false);
  return new_bool(true);
}

Result<Ref<Object>> str_method_center(Object* self, Object* const* args, size_t nargs, Object* kw) {
  int64_t width;
  uint32_t fill;
  TRY(parse_pad_args("center", args, nargs, kw, &width, &fill));
  int64_t marg = width - as_str(self)->length;
  if (marg <= 0) return str_substr(self, 0, as_str(self)->length);
  int64_t left = marg / 2 + (marg & width & 1);
  return pad(self, left, marg - left, fill);
}

Result<Ref<Object>> str_method_ljust(Object* self, Object* const* args, size_t nargs, Object* kw) {
  int64_t width;
  uint32_t fill;
  TRY(parse_pad_args("ljust", args, nargs, kw, &width, &fill));
  return pad(self, 0, width - as_str(self)->length, fill);
}

Result<Ref<Object>> str_method_rjust(Object* self, Object* const* args, size_t nargs, Object* kw) {
  int64_t width;
  uint32_t fill;
  TRY(parse_pad_args("rjust", args, nargs, kw, &width, &fill));
  return pad(self, width - as_str(self)->length, 0, fill);
}

Result<Ref<Object>> str_method_zfill(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("zfill", nargs, kw, 1, 1));
  int64_t width = TRY(index_as_i64(args[0]));
  int64_t len = as_str(self)->length;
  if (width <= len) return str_substr(self, 0, len);
  StrBuilder b;
  int64_t start = 0;
  if (len > 0 && (cp_at(self, 0) == '+' || cp_at(self, 0) == '-')) {
    b.append_code_point(cp_at(self, 0));
    start = 1;
  }
  b.append_repeated('0', width - len);
  b.append_substr(self, start, len);
  return b.finish();
}

}  // namespace strimpl
}  // namespace weft
