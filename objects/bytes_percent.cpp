// objects/bytes_percent.cpp — printf-style formatting of bytes and bytearray (PEP 461):
// b'%d: %s' % (1, b'x'), with CPython 3.14's conversions and messages.
//
//   %[(key)][flags][width][.precision][length]type   flags: - + space # 0; width/precision: N or *
//   types: s b (bytes-like or __bytes__), r a (ascii()), c (int or one byte), d i u o x X
//   e E f F g G (numbers), %%.
// Numbers are rendered by str's % formatting with the same flags, width and precision (the two
// share every rule; the digits are ASCII), so there is one implementation of number layout.
#include <cstdio>
#include <string>

#include "objects/abstract.h"
#include "objects/bytes_like.h"
#include "objects/bytes_ops.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/str_layout.h"
#include "objects/tuple.h"

namespace weft::bytes_ops {

namespace {

struct Spec {
  bool left = false;
  std::string flags;        // the flag characters as written, for number conversions
  int64_t width = -1, precision = -1;
};

class ArgCursor {
 public:
  explicit ArgCursor(Object* args) : args_(args) {
    if (is_tuple(args)) {
      items_ = tuple_items(args);
      count_ = tuple_size(args);
    } else {
      items_ = &args_;
      count_ = 1;
    }
    // A mapping argument enables %(key)s; bytes-likes and tuples are never mappings here.
    if (args->ob_type->mapping.subscript && !is_tuple(args) && !is_bytes(args)) mapping_ = args;
  }
  Result<Object*> take() {
    if (next_ >= count_) return raise(exc::TypeError, "not enough arguments for format string");
    return items_[next_++];
  }
  Result<int64_t> take_star() {
    Object* v = TRY(take());
    if (!is_int(v)) return raise(exc::TypeError, "* wants int");
    return int_as_i64(v);
  }
  Object* mapping() const { return mapping_; }
  bool all_used() const { return next_ >= count_; }

 private:
  Object* args_;
  Object* const* items_ = nullptr;
  int64_t count_ = 0;
  int64_t next_ = 0;
  Object* mapping_ = nullptr;
};

void append_padded(std::string& out, const Spec& spec, std::string_view body) {
  int64_t pad = spec.width > int64_t(body.size()) ? spec.width - int64_t(body.size()) : 0;
  if (!spec.left) out.append(size_t(pad), ' ');
  out += body;
  if (spec.left) out.append(size_t(pad), ' ');
}

// %s / %b: a bytes-like object or one with __bytes__.
Status format_bytes(std::string& out, const Spec& spec, Object* v) {
  Ref<Object> converted;
  if (!is_bytes_like(v)) {
    Ref<Object> method;
    if (!TRY(lookup_special(v, str_intern("__bytes__"), &method)))
      return raise(exc::TypeError,
                   "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                   type_name_of(v));
    converted = TRY(call_noargs(method.get()));
    if (!is_bytes(converted.get()))
      return raise(exc::TypeError, "__bytes__ returned non-bytes (type {})", type_name_of(converted.get()));
    v = converted.get();
  }
  ByteView view = ByteView::of(v);
  std::string_view body = view.view();
  if (spec.precision >= 0 && int64_t(body.size()) > spec.precision) body = body.substr(0, size_t(spec.precision));
  append_padded(out, spec, body);
  return ok();
}

// %r / %a: ascii(v), which is pure ASCII.
Status format_ascii(std::string& out, const Spec& spec, Object* v) {
  Ref<Object> text = TRY(object_ascii(v));
  std::string_view body = TRY(str_utf8(text.get()));
  if (spec.precision >= 0 && int64_t(body.size()) > spec.precision) body = body.substr(0, size_t(spec.precision));
  append_padded(out, spec, body);
  return ok();
}

Status format_char(std::string& out, const Spec& spec, Object* v) {
  char byte = 0;
  if (is_bytes_like(v) && ByteView::of(v).size() == 1) {
    byte = ByteView::of(v).data()[0];
  } else if (is_int(v) || v->ob_type->number.index) {
    int64_t n = TRY(index_as_i64(v, exc::OverflowError));
    if (n < 0 || n > 255) return raise(exc::OverflowError, "%c arg not in range(256)");
    byte = char(n);
  } else {
    return raise(exc::TypeError, "%c requires an integer in range(256) or a single byte, not {}",
                 type_name_of(v));
  }
  append_padded(out, spec, std::string_view(&byte, 1));
  return ok();
}

// Numbers: str's % formatting with the same spec renders the ASCII digits.
Status format_number(std::string& out, const Spec& spec, char type, Object* v) {
  std::string fmt = "%" + spec.flags;
  if (spec.width >= 0) fmt += std::to_string(spec.width);
  if (spec.precision >= 0) fmt += "." + std::to_string(spec.precision);
  fmt += type;
  Ref<Object> fmt_str = TRY(str_from_ascii(fmt));
  Ref<Object> one = TRY(tuple_pack({v}));
  Ref<Object> text = TRY(strimpl::str_percent_format(fmt_str.get(), one.get()));
  out += TRY(str_utf8(text.get()));
  return ok();
}

}  // namespace

Result<Ref<Object>> percent_format(const Self& self, Object* args) {
  ArgCursor cur(args);
  bool used_key = false;
  std::string_view f = self.data;
  std::string out;
  out.reserve(f.size());
  size_t i = 0;
  while (i < f.size()) {
    size_t pct = f.find('%', i);
    if (pct == std::string_view::npos) {
      out += f.substr(i);
      break;
    }
    out += f.substr(i, pct - i);
    i = pct + 1;
    if (i >= f.size()) return raise(exc::ValueError, "incomplete format");
    Object* value = nullptr;
    Ref<Object> keyed;
    if (f[i] == '(') {
      int depth = 1;
      size_t key_start = ++i;
      for (; i < f.size() && depth > 0; ++i) {
        if (f[i] == '(') ++depth;
        else if (f[i] == ')') --depth;
      }
      if (depth > 0) return raise(exc::ValueError, "incomplete format key");
      if (!cur.mapping()) return raise(exc::TypeError, "format requires a mapping");
      Ref<Object> key = TRY(bytes_from(f.substr(key_start, i - 1 - key_start)));
      keyed = TRY(get_item(cur.mapping(), key.get()));
      value = keyed.get();
      used_key = true;
    }
    Spec spec;
    for (; i < f.size(); ++i) {
      char c = f[i];
      if (c != '-' && c != '+' && c != ' ' && c != '#' && c != '0') break;
      if (c == '-') spec.left = true;
      spec.flags += c;
    }
    if (i < f.size() && f[i] == '*') {
      spec.width = TRY(cur.take_star());
      if (spec.width < 0) {
        spec.left = true;
        spec.flags += '-';
        spec.width = -spec.width;
      }
      ++i;
    } else {
      for (; i < f.size() && is_digit(uint8_t(f[i])); ++i) {
        spec.width = (spec.width < 0 ? 0 : spec.width) * 10 + (f[i] - '0');
        if (spec.width > INT32_MAX) return raise(exc::ValueError, "width too big");
      }
    }
    if (i < f.size() && f[i] == '.') {
      ++i;
      spec.precision = 0;
      if (i < f.size() && f[i] == '*') {
        spec.precision = TRY(cur.take_star());
        if (spec.precision < 0) spec.precision = 0;
        ++i;
      } else {
        for (; i < f.size() && is_digit(uint8_t(f[i])); ++i) {
          spec.precision = spec.precision * 10 + (f[i] - '0');
          if (spec.precision > INT32_MAX) return raise(exc::ValueError, "precision too big");
        }
      }
    }
    while (i < f.size() && (f[i] == 'h' || f[i] == 'l' || f[i] == 'L')) ++i;
    if (i >= f.size()) return raise(exc::ValueError, "incomplete format");
    char type = f[i++];
    if (type == '%') {
      out += '%';
      continue;
    }
    if (!value) value = TRY(cur.take());
    switch (type) {
      case 's': case 'b': TRY(format_bytes(out, spec, value)); break;
      case 'r': case 'a': TRY(format_ascii(out, spec, value)); break;
      case 'c': TRY(format_char(out, spec, value)); break;
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        TRY(format_number(out, spec, type, value));
        break;
      default: {
        unsigned char t = uint8_t(type);
        std::string shown = t >= 32 && t < 127 ? std::string(1, type) : "?";
        char hex[8];
        std::snprintf(hex, sizeof hex, "%x", unsigned(t));
        return raise(exc::ValueError, "unsupported format character '{}' (0x{}) at index {}", shown,
                     hex, i - 1);
      }
    }
  }
  if (!cur.all_used() && !cur.mapping() && !used_key)
    return raise(exc::TypeError, "not all arguments converted during bytes formatting");
  return self.make(out);
}

}  // namespace weft::bytes_ops
