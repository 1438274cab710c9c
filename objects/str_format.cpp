// objects/str_format.cpp — str.format / str.format_map: the replacement-field language
// ("{0.attr[key]!r:>{width}}"), with CPython's messages (Objects/stringlib/unicode_format.h).
//
// The template is scanned once by strfmt::MarkupScanner (str_format.h, shared with the `_string`
// module); literal runs are copied with StrBuilder::append_substr, each field is resolved (auto or manual numbering, attribute and item accessors), converted (!r !s !a)
// and formatted with object_format(). Nested fields inside a format spec are expanded first, to
// a depth of two as in CPython.
#include <cstdio>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/str_format.h"
#include "objects/str_layout.h"
#include "objects/unicode_props.h"

namespace weft {

using namespace strimpl;

namespace {

inline uint32_t cp_at(Object* s, int64_t i) { return read_cp(data1(s), as_str(s)->kind, i); }

}  // namespace

// --- the scanners (str_format.h) ---------------------------------------------------------------

namespace strfmt {

Result<int64_t> parse_field_index(Object* s, int64_t start, int64_t end) {
  if (start >= end) return int64_t(-1);
  int64_t v = 0;
  for (int64_t i = start; i < end; ++i) {
    int digit = unicode::decimal_value(cp_at(s, i));
    if (digit < 0) return int64_t(-1);
    if (v > (INT64_MAX - digit) / 10)
      return raise(exc::ValueError, "Too many decimal digits in format string");
    v = v * 10 + digit;
  }
  return v;
}

int64_t field_first_end(Object* s, int64_t start, int64_t end) {
  int64_t i = start;
  while (i < end && cp_at(s, i) != '.' && cp_at(s, i) != '[') ++i;
  return i;
}

Result<bool> FieldNameScanner::next(FieldAccessor* acc) {
  if (pos_ >= end_) return false;
  uint32_t c = cp_at(s_, pos_++);
  acc->name_start = pos_;
  if (c == '.') {
    acc->is_attribute = true;
    acc->index = -1;
    while (pos_ < end_ && cp_at(s_, pos_) != '.' && cp_at(s_, pos_) != '[') ++pos_;
    acc->name_end = pos_;
  } else if (c == '[') {
    acc->is_attribute = false;
    while (pos_ < end_ && cp_at(s_, pos_) != ']') ++pos_;
    if (pos_ >= end_) return raise(exc::ValueError, "Missing ']' in format string");
    acc->name_end = pos_++;
    acc->index = TRY(parse_field_index(s_, acc->name_start, acc->name_end));
  } else {
    return raise(exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
  }
  if (acc->name_start == acc->name_end)
    return raise(exc::ValueError, "Empty attribute in format string");
  return true;
}

// Reads "name!c:spec}" from pos_ (just past the opening brace) through its closing brace.
Status MarkupScanner::parse_field(MarkupChunk* chunk) {
  chunk->name_start = pos_;
  uint32_t c = 0;
  while (pos_ < end_) {
    c = cp_at(s_, pos_++);
    if (c == '{') return raise(exc::ValueError, "unexpected '{' in field name");
    if (c == '[') {
      while (pos_ < end_ && cp_at(s_, pos_) != ']') ++pos_;
      c = 0;
      continue;
    }
    if (c == '}' || c == ':' || c == '!') break;
  }
  chunk->name_end = pos_ - 1;
  if (c != '!' && c != ':') {
    if (c != '}') return raise(exc::ValueError, "expected '}' before end of string");
    return ok();
  }
  if (c == '!') {
    if (pos_ >= end_)
      return raise(exc::ValueError, "end of string while looking for conversion specifier");
    chunk->conversion = cp_at(s_, pos_++);
    if (pos_ < end_) {
      uint32_t after = cp_at(s_, pos_++);
      if (after == '}') {
        chunk->spec_start = chunk->spec_end = pos_ - 1;
        return ok();
      }
      if (after != ':') return raise(exc::ValueError, "expected ':' after conversion specifier");
    }
  }
  chunk->spec_start = pos_;
  int depth = 1;
  while (pos_ < end_) {
    c = cp_at(s_, pos_++);
    if (c == '{') {
      chunk->spec_needs_expanding = true;
      ++depth;
    } else if (c == '}' && --depth == 0) {
      chunk->spec_end = pos_ - 1;
      return ok();
    }
  }
  return raise(exc::ValueError, "unmatched '{' in format spec");
}

Result<bool> MarkupScanner::next(MarkupChunk* chunk) {
  *chunk = MarkupChunk{};
  if (pos_ >= end_) return false;
  int64_t start = pos_;
  uint32_t c = 0;
  bool markup_follows = false;
  while (pos_ < end_) {
    c = cp_at(s_, pos_++);
    if (c == '{' || c == '}') {
      markup_follows = true;
      break;
    }
  }
  bool at_end = pos_ >= end_;
  int64_t literal_end = pos_;
  if (c == '}' && (at_end || cp_at(s_, pos_) != '}'))
    return raise(exc::ValueError, "Single '}' encountered in format string");
  if (at_end && c == '{') return raise(exc::ValueError, "Single '{' encountered in format string");
  if (!at_end) {
    if (cp_at(s_, pos_) == c) {
      ++pos_;  // an escaped brace: the literal keeps the first one
      markup_follows = false;
    } else {
      --literal_end;
    }
  }
  chunk->literal_start = start;
  chunk->literal_end = literal_end;
  if (!markup_follows) return true;
  chunk->field_present = true;
  TRY(parse_field(chunk));
  return true;
}

}  // namespace strfmt

// --- str.format ----------------------------------------------------------------------------------

namespace {

struct FormatState {
  Object* const* args;
  size_t nargs;
  Object* kwargs;       // mapping or nullptr
  int auto_number = 0;  // 0 = undecided, 1 = automatic, 2 = manual
  int64_t next_index = 0;
};

// Resolves the field name s[start:end) to an object.
Result<Ref<Object>> resolve_field(FormatState& st, Object* s, int64_t start, int64_t end) {
  int64_t first_end = strfmt::field_first_end(s, start, end);
  int64_t index = TRY(strfmt::parse_field_index(s, start, first_end));
  Ref<Object> obj;
  if (start == first_end || index >= 0) {
    if (start == first_end) {
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
    Ref<Object> key = TRY(str_substr(s, start, first_end));
    if (!st.kwargs) return raise_with_value(exc::KeyError, key.get());
    obj = TRY(get_item(st.kwargs, key.get()));
  }
  strfmt::FieldNameScanner rest(s, first_end, end);
  strfmt::FieldAccessor acc;
  while (TRY(rest.next(&acc))) {
    if (acc.is_attribute) {
      Ref<Object> name = TRY(str_substr(s, acc.name_start, acc.name_end));
      obj = TRY(get_attr(obj.get(), name.get()));
    } else {
      Ref<Object> key = acc.index >= 0 ? TRY(int_from_i64(acc.index))
                                       : TRY(str_substr(s, acc.name_start, acc.name_end));
      obj = TRY(get_item(obj.get(), key.get()));
    }
  }
  return obj;
}

Status format_into(StrBuilder& out, FormatState& st, Object* s, int64_t start, int64_t end,
                   int depth);

// Formats one replacement field found by the scanner.
Status format_field(StrBuilder& out, FormatState& st, Object* s, const strfmt::MarkupChunk& f,
                    int depth) {
  Ref<Object> obj = TRY(resolve_field(st, s, f.name_start, f.name_end));
  switch (f.conversion) {
    case 0: break;
    case 'r': obj = TRY(object_repr(obj.get())); break;
    case 's': obj = TRY(object_str(obj.get())); break;
    case 'a': obj = TRY(object_ascii(obj.get())); break;
    default:
      if (f.conversion > 32 && f.conversion < 127) {
        char c[2] = {char(f.conversion), 0};
        return raise(exc::ValueError, "Unknown conversion specifier {}", c);
      }
      char hex[16];
      std::snprintf(hex, sizeof hex, "%x", static_cast<unsigned>(f.conversion));
      return raise(exc::ValueError, "Unknown conversion specifier \\x{}", hex);
  }
  Ref<Object> spec;
  if (f.spec_needs_expanding) {
    StrBuilder sb;
    TRY(format_into(sb, st, s, f.spec_start, f.spec_end, depth - 1));
    spec = TRY(sb.finish());
  } else {
    spec = TRY(str_substr(s, f.spec_start, f.spec_end));
  }
  Ref<Object> text = TRY(object_format(obj.get(), spec.get()));
  out.append_str(text.get());
  return ok();
}

Status format_into(StrBuilder& out, FormatState& st, Object* s, int64_t start, int64_t end,
                   int depth) {
  if (depth <= 0) return raise(exc::ValueError, "Max string recursion exceeded");
  strfmt::MarkupScanner scanner(s, start, end);
  strfmt::MarkupChunk chunk;
  while (TRY(scanner.next(&chunk))) {
    out.append_substr(s, chunk.literal_start, chunk.literal_end);
    if (chunk.field_present) TRY(format_field(out, st, s, chunk, depth));
  }
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
