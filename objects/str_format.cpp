// objects/str_format.cpp — str.format / str.format_map: the replacement-field language
// ("{0.attr[key]!r:>{width}}"), with CPython's messages (Objects/stringlib/unicode_format.h).
//
// The template is scanned once; literal runs are copied with StrBuilder::append_substr, each
// field is resolved (auto or manual numbering, attribute and item accessors), converted (!r !s !a)
// and formatted with object_format(). Nested fields inside a format spec are expanded first, to
// a depth of two as in CPython.
#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/str_layout.h"

namespace weft {

using namespace strimpl;

namespace {

struct FormatState {
  Object* const* args;
  size_t nargs;
  Object* kwargs;      // mapping or nullptr
  int auto_number = 0;  // 0 = undecided, 1 = automatic, 2 = manual
  int64_t next_index = 0;
};

inline uint32_t cp_at(Object* s, int64_t i) { return read_cp(data1(s), as_str(s)->kind, i); }

// Parses s[start:end) as a non-negative decimal, or returns -1 if it is not all digits.
Result<int64_t> parse_index(Object* s, int64_t start, int64_t end) {
  if (start == end) return int64_t(-1);
  int64_t v = 0;
  for (int64_t i = start; i < end; ++i) {
    uint32_t c = cp_at(s, i);
    if (c < '0' || c > '9') return int64_t(-1);
    if (v > (INT64_MAX - 9) / 10)
      return raise(exc::ValueError, "Too many decimal digits in format string");
    v = v * 10 + (c - '0');
  }
  return v;
}

// Resolves the field name s[start:end) to an object.
Result<Ref<Object>> resolve_field(FormatState& st, Object* s, int64_t start, int64_t end) {
  int64_t i = start;
  while (i < end && cp_at(s, i) != '.' && cp_at(s, i) != '[') ++i;
  int64_t index = TRY(parse_index(s, start, i));
  Ref<Object> obj;
  if (start == i || index >= 0) {
    if (start == i) {
      if (st.auto_number == 2)
        return raise(exc::ValueError, "cannot switch from manual field specification to automatic field numbering");
      st.auto_number = 1;
      index = st.next_index++;
    } else {
      if (st.auto_number == 1)
        return raise(exc::ValueError, "cannot switch from automatic field numbering to manual field specification");
      st.auto_number = 2;
    }
    if (index >= int64_t(st.nargs))
      return raise(exc::IndexError, "Replacement index {} out of range for positional args tuple", index);
    obj = Ref<Object>::borrow(st.args[index]);
  } else {
    Ref<Object> key = TRY(str_substr(s, start, i));
    if (!st.kwargs) return raise_with_value(exc::KeyError, key.get());
    obj = TRY(get_item(st.kwargs, key.get()));
  }
  // Accessors: .name and [key].
  while (i < end) {
    uint32_t c = cp_at(s, i);
    if (c == '.') {
      int64_t j = ++i;
      while (j < end && cp_at(s, j) != '.' && cp_at(s, j) != '[') ++j;
      if (j == i) return raise(exc::ValueError, "Empty attribute in format string");
      Ref<Object> name = TRY(str_substr(s, i, j));
      obj = TRY(get_attr(obj.get(), name.get()));
      i = j;
    } else if (c == '[') {
      int64_t j = ++i;
      while (j < end && cp_at(s, j) != ']') ++j;
      if (j >= end) return raise(exc::ValueError, "Missing ']' in format string");
      if (j == i) return raise(exc::ValueError, "Empty attribute in format string");
      int64_t k = TRY(parse_index(s, i, j));
      Ref<Object> key = k >= 0 ? TRY(int_from_i64(k)) : TRY(str_substr(s, i, j));
      obj = TRY(get_item(obj.get(), key.get()));
      i = j + 1;
      if (i < end && cp_at(s, i) != '.' && cp_at(s, i) != '[')
        return raise(exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    } else {
      return raise(exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    }
  }
  return obj;
}

Status format_into(StrBuilder& out, FormatState& st, Object* s, int64_t start, int64_t end,
                   int depth);

// Formats one replacement field whose text (between the braces) is s[start:end).
Status format_field(StrBuilder& out, FormatState& st, Object* s, int64_t start, int64_t end,
                    int depth) {
  // The field name ends at the first '!' or ':' outside brackets.
  int64_t i = start;
  bool in_bracket = false;
  for (; i < end; ++i) {
    uint32_t c = cp_at(s, i);
    if (c == '[') in_bracket = true;
    else if (c == ']') in_bracket = false;
    else if (!in_bracket && (c == '!' || c == ':')) break;
  }
  int64_t name_end = i;
  uint32_t conversion = 0;
  if (i < end && cp_at(s, i) == '!') {
    if (i + 1 >= end) return raise(exc::ValueError, "end of string while looking for conversion specifier");
    conversion = cp_at(s, i + 1);
    i += 2;
    if (i < end && cp_at(s, i) != ':') return raise(exc::ValueError, "expected ':' after conversion specifier");
  }
  int64_t spec_start = i < end ? i + 1 : end;
  Ref<Object> obj = TRY(resolve_field(st, s, start, name_end));
  switch (conversion) {
    case 0: break;
    case 'r': obj = TRY(object_repr(obj.get())); break;
    case 's': obj = TRY(object_str(obj.get())); break;
    case 'a': obj = TRY(object_ascii(obj.get())); break;
    default:
      if (conversion < 128) {
        char c[2] = {char(conversion), 0};
        return raise(exc::ValueError, "Unknown conversion specifier {}", c);
      }
      return raise(exc::ValueError, "Unknown conversion specifier \\x{}", int(conversion));
  }
  Ref<Object> spec;
  bool nested = false;
  for (int64_t k = spec_start; k < end; ++k)
    if (cp_at(s, k) == '{') nested = true;
  if (nested) {
    if (depth <= 0) return raise(exc::ValueError, "Max string recursion exceeded");
    StrBuilder sb;
    TRY(format_into(sb, st, s, spec_start, end, depth - 1));
    spec = TRY(sb.finish());
  } else {
    spec = TRY(str_substr(s, spec_start, end));
  }
  Ref<Object> text = TRY(object_format(obj.get(), spec.get()));
  out.append_str(text.get());
  return ok();
}

Status format_into(StrBuilder& out, FormatState& st, Object* s, int64_t start, int64_t end,
                   int depth) {
  int64_t i = start;
  int64_t literal = start;
  while (i < end) {
    uint32_t c = cp_at(s, i);
    if (c == '}') {
      out.append_substr(s, literal, i);
      if (i + 1 < end && cp_at(s, i + 1) == '}') {
        out.append_code_point('}');
        i += 2;
        literal = i;
        continue;
      }
      return raise(exc::ValueError, "Single '}' encountered in format string");
    }
    if (c != '{') {
      ++i;
      continue;
    }
    out.append_substr(s, literal, i);
    if (i + 1 < end && cp_at(s, i + 1) == '{') {
      out.append_code_point('{');
      i += 2;
      literal = i;
      continue;
    }
    if (i + 1 >= end) return raise(exc::ValueError, "Single '{' encountered in format string");
    // Find the matching '}' (format specs may nest braces).
    int64_t j = i + 1;
    int nesting = 1;
    for (; j < end; ++j) {
      uint32_t d = cp_at(s, j);
      if (d == '{') ++nesting;
      else if (d == '}' && --nesting == 0) break;
    }
    if (j >= end) return raise(exc::ValueError, "expected '}' before end of string");
    TRY(format_field(out, st, s, i + 1, j, depth));
    i = j + 1;
    literal = i;
  }
  out.append_substr(s, literal, end);
  return ok();
}

}  // namespace

namespace strimpl {

Result<Ref<Object>> str_format_impl(Object* format, Object* const* args, size_t nargs,
                                    Object* kwargs_mapping) {
  FormatState st{args, nargs, kwargs_mapping};
  StrBuilder out;
  TRY(format_into(out, st, format, 0, as_str(format)->length, 2));
  return out.finish();
}

}  // namespace strimpl
}  // namespace weft
