// objects/str_percent.cpp — printf-style formatting: str % args (Objects/unicodeobject.c's
// PyUnicode_Format), with CPython's messages.
//
//   %[(key)][flags][width][.precision][length]type   flags: - + space # 0; width/precision: N or *
//   types: s r a (text), d i u (decimal), o x X (octal/hex), e E f F g G (float), c, %%.
// Integers and text are laid out here; floats are rendered by float's __format__ with an
// equivalent spec (same digits and exponent rules), then padded here.
#include <cmath>
#include <cstdio>
#include <string>

#include "objects/abstract.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str_layout.h"
#include "objects/tuple.h"

namespace weft {

using namespace strimpl;

namespace {

inline uint32_t cp_at(Object* s, int64_t i) { return read_cp(data1(s), as_str(s)->kind, i); }

struct Conversion {
  bool left = false, plus = false, space = false, alt = false, zero = false;
  int64_t width = -1, precision = -1;
};

struct ArgCursor {
  Object* args;
  Object* const* items;
  int64_t count;
  int64_t next = 0;
  Object* mapping = nullptr;

  Result<Object*> take() {
    if (next >= count) return raise(exc::TypeError, "not enough arguments for format string");
    return items[next++];
  }
};

bool is_mapping_arg(Object* o) {
  return o->ob_type->mapping.subscript && !is_tuple(o) && !is_str(o);
}

// Writes sign, prefix and body with the width/flag rules shared by numbers.
void emit_number(StrBuilder& out, const Conversion& c, bool negative, std::string_view prefix,
                 Object* body_str, std::string_view body_ascii) {
  std::string sign = negative ? "-" : c.plus ? "+" : c.space ? " " : "";
  int64_t body_len = body_str ? str_length(body_str) : int64_t(body_ascii.size());
  int64_t len = int64_t(sign.size() + prefix.size()) + body_len;
  int64_t pad = c.width > len ? c.width - len : 0;
  if (!c.left && !c.zero) out.append_repeated(' ', pad);
  out.append_ascii(sign);
  out.append_ascii(prefix);
  if (!c.left && c.zero) out.append_repeated('0', pad);
  if (body_str) out.append_str(body_str);
  else out.append_ascii(body_ascii);
  if (c.left) out.append_repeated(' ', pad);
}

Status format_integer(StrBuilder& out, const Conversion& c, uint32_t type, Object* v) {
  Ref<Object> n;
  if (type == 'x' || type == 'X' || type == 'o') {
    if (!is_int(v) && !v->ob_type->number.index)
      return raise(exc::TypeError, "%{} format: an integer is required, not {}",
                   std::string(1, char(type)), type_name_of(v));
    n = TRY(number_index(v));
  } else {
    if (!is_int(v) && !is_float(v) && !v->ob_type->number.index && !v->ob_type->number.int_ &&
        !v->ob_type->number.float_)
      return raise(exc::TypeError, "%{} format: a real number is required, not {}",
                   std::string(1, char(type)), type_name_of(v));
    n = is_int(v) ? TRY(number_index(v)) : TRY(number_long(v));
  }
  bool negative = int_sign(n.get()) < 0;
  Ref<Object> magnitude = negative ? TRY(number_negative(n.get())) : n.dup();
  std::string digits;
  if (type == 'd' || type == 'i' || type == 'u') {
    digits = int_to_decimal(magnitude.get());
  } else {
    Ref<Object> spec = TRY(str_from_ascii(type == 'o' ? "o" : type == 'x' ? "x" : "X"));
    Ref<Object> text = TRY(object_format(magnitude.get(), spec.get()));
    digits = str_to_std_string(text.get());
  }
  if (c.precision > int64_t(digits.size())) digits.insert(0, size_t(c.precision) - digits.size(), '0');
  std::string_view prefix;
  if (c.alt) prefix = type == 'o' ? "0o" : type == 'x' ? "0x" : type == 'X' ? "0X" : "";
  emit_number(out, c, negative, prefix, nullptr, digits);
  return ok();
}

Status format_float(StrBuilder& out, const Conversion& c, uint32_t type, Object* v) {
  if (!is_float(v) && !is_int(v) && !v->ob_type->number.float_ && !v->ob_type->number.index)
    return raise(exc::TypeError, "%{} format: a real number is required, not {}",
                 std::string(1, char(type)), type_name_of(v));
  Ref<Object> f = TRY(number_float(v));
  double d = float_value(f.get());
  bool negative = std::signbit(d) && !std::isnan(d);
  Ref<Object> magnitude = negative ? TRY(float_from_double(-d)) : f.dup();
  std::string spec = c.alt ? "#." : ".";
  spec += std::to_string(c.precision < 0 ? 6 : c.precision);
  spec += char(type);
  Ref<Object> spec_obj = TRY(str_from_ascii(spec));
  Ref<Object> text = TRY(object_format(magnitude.get(), spec_obj.get()));
  Conversion cc = c;
  if (!std::isfinite(d)) cc.zero = false;
  emit_number(out, cc, negative, "", text.get(), {});
  return ok();
}

Status format_text(StrBuilder& out, const Conversion& c, Object* text) {
  int64_t len = str_length(text);
  if (c.precision >= 0 && c.precision < len) len = c.precision;
  int64_t pad = c.width > len ? c.width - len : 0;
  if (!c.left) out.append_repeated(' ', pad);
  out.append_substr(text, 0, len);
  if (c.left) out.append_repeated(' ', pad);
  return ok();
}

Status format_char(StrBuilder& out, const Conversion& c, Object* v) {
  uint32_t cp;
  if (is_str(v)) {
    if (str_length(v) != 1)
      return raise(exc::TypeError, "%c requires an int or a unicode character, not a string of length {}", str_length(v));
    cp = str_char_at(v, 0);
  } else if (is_int(v) || v->ob_type->number.index) {
    Ref<Object> n = TRY(number_index(v));
    int64_t x;
    if (!int_to_i64(n.get(), &x) || x < 0 || x > 0x10ffff)
      return raise(exc::OverflowError, "%c arg not in range(0x110000)");
    cp = uint32_t(x);
  } else {
    return raise(exc::TypeError, "%c requires an int or a unicode character, not {}", type_name_of(v));
  }
  Ref<Object> s = TRY(str_from_code_point(cp));
  Conversion cc = c;
  cc.precision = -1;
  return format_text(out, cc, s.get());
}

Result<int64_t> star_arg(ArgCursor& cur) {
  Object* v = TRY(cur.take());
  if (!is_int(v)) return raise(exc::TypeError, "* wants int");
  return int_as_i64(v);
}

}  // namespace

namespace strimpl {

Result<Ref<Object>> str_percent_format(Object* format, Object* args) {
  ArgCursor cur{args, nullptr, 1};
  if (is_tuple(args)) {
    cur.items = tuple_items(args);
    cur.count = tuple_size(args);
  } else {
    cur.items = &cur.args;
  }
  if (is_mapping_arg(args)) cur.mapping = args;
  bool used_mapping_key = false;

  int64_t len = as_str(format)->length;
  StrBuilder out;
  int64_t i = 0, literal = 0;
  while (i < len) {
    if (cp_at(format, i) != '%') { ++i; continue; }
    out.append_substr(format, literal, i);
    int64_t start = i++;
    if (i >= len) return raise(exc::ValueError, "incomplete format");
    Object* value = nullptr;
    Ref<Object> keyed;
    if (cp_at(format, i) == '(') {
      int depth = 1;
      int64_t k = ++i;
      while (i < len && depth > 0) {
        if (cp_at(format, i) == '(') ++depth;
        else if (cp_at(format, i) == ')') --depth;
        ++i;
      }
      if (depth > 0) return raise(exc::ValueError, "incomplete format key");
      if (!cur.mapping) return raise(exc::TypeError, "format requires a mapping");
      Ref<Object> key = TRY(str_substr(format, k, i - 1));
      keyed = TRY(get_item(cur.mapping, key.get()));
      value = keyed.get();
      used_mapping_key = true;
    }
    Conversion c;
    for (; i < len; ++i) {
      uint32_t f = cp_at(format, i);
      if (f == '-') c.left = true;
      else if (f == '+') c.plus = true;
      else if (f == ' ') c.space = true;
      else if (f == '#') c.alt = true;
      else if (f == '0') c.zero = true;
      else break;
    }
    if (i < len && cp_at(format, i) == '*') {
      c.width = TRY(star_arg(cur));
      if (c.width < 0) { c.left = true; c.width = -c.width; }
      ++i;
    } else {
      while (i < len && cp_at(format, i) >= '0' && cp_at(format, i) <= '9') {
        c.width = (c.width < 0 ? 0 : c.width) * 10 + (cp_at(format, i) - '0');
        if (c.width > INT32_MAX) return raise(exc::ValueError, "width too big");
        ++i;
      }
    }
    if (i < len && cp_at(format, i) == '.') {
      ++i;
      c.precision = 0;
      if (i < len && cp_at(format, i) == '*') {
        c.precision = TRY(star_arg(cur));
        if (c.precision < 0) c.precision = 0;
        ++i;
      } else {
        while (i < len && cp_at(format, i) >= '0' && cp_at(format, i) <= '9') {
          c.precision = c.precision * 10 + (cp_at(format, i) - '0');
          if (c.precision > INT32_MAX) return raise(exc::ValueError, "precision too big");
          ++i;
        }
      }
    }
    while (i < len && (cp_at(format, i) == 'h' || cp_at(format, i) == 'l' || cp_at(format, i) == 'L')) ++i;
    if (i >= len) return raise(exc::ValueError, "incomplete format");
    uint32_t type = cp_at(format, i++);
    literal = i;
    if (type == '%') {
      out.append_code_point('%');
      continue;
    }
    (void)start;
    if (!value) value = TRY(cur.take());
    switch (type) {
      case 's': { Ref<Object> t = TRY(object_str(value)); TRY(format_text(out, c, t.get())); break; }
      case 'r': { Ref<Object> t = TRY(object_repr(value)); TRY(format_text(out, c, t.get())); break; }
      case 'a': { Ref<Object> t = TRY(object_ascii(value)); TRY(format_text(out, c, t.get())); break; }
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
        TRY(format_integer(out, c, type, value));
        break;
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        TRY(format_float(out, c, type, value));
        break;
      case 'c': TRY(format_char(out, c, value)); break;
      default: {
        std::string shown = type >= 32 && type < 127 ? std::string(1, char(type)) : "?";
        char hex[16];
        std::snprintf(hex, sizeof hex, "%x", type);
        return raise(exc::ValueError, "unsupported format character '{}' (0x{}) at index {}", shown,
                     hex, i - 1);
      }
    }
  }
  out.append_substr(format, literal, len);
  if (cur.next < cur.count && !cur.mapping && !used_mapping_key)
    return raise(exc::TypeError, "not all arguments converted during string formatting");
  return out.finish();
}

}  // namespace strimpl
}  // namespace weft
