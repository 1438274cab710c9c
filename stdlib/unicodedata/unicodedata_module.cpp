// stdlib/unicodedata/unicodedata_module.cpp — `unicodedata`: the Unicode 16.0 character database
// (CPython 3.14's Modules/unicodedata.c behaviour and messages) over objects/unicode_db.h.
//
// Every function is positional-only and stateless; the database is immutable generated data, so
// all of them are safe from any thread. Character arguments must be str of length 1 ("argument
// 1 must be a unicode character"); lookup() also accepts bytes-like names, as CPython.
// Normalization is normalize.cpp. `ucd_3_2_0` (Unicode 3.2.0, for encodings.idna and stringprep)
// is the one instance of unicodedata.UCD, whose methods are these same functions: `self` tells
// which database answers.
#include <cstdio>
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytearray.h"
#include "objects/bytes_like.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "objects/unicode_db.h"
#include "stdlib/unicodedata/normalize.h"
#include "vm/module_table.h"

namespace weft::unicodedata_module {

namespace uc = unicode;

namespace {

constexpr size_t kNameMaxLength = 256;  // longer lookup() names fail with "name too long"

// unicodedata.UCD: the type of ucd_3_2_0, the one instance (made with the module; not
// instantiable from Python). Its methods are the module's functions answering from 3.2.0.
Type UcdType;

// Module functions receive the module as `self`, UCD methods the ucd_3_2_0 object.
uc::UcdVersion version_of(Object* self) {
  return self && self->ob_type == &UcdType ? uc::UcdVersion::k3_2_0 : uc::UcdVersion::kCurrent;
}

// The code point of a one-character str argument. `two_args` picks CPython's message variant:
// functions with a default argument number their arguments.
Result<uint32_t> char_argument(const char* fname, Object* arg, bool two_args) {
  const char* which = two_args ? "argument 1" : "argument";
  if (!is_str(arg))
    return raise(exc::TypeError, "{}() {} must be a unicode character, not {}", fname, which,
                 type_name_of(arg));
  if (str_length(arg) != 1)
    return raise(exc::TypeError, "{}(): {} must be a unicode character, not a string of length {}",
                 fname, which, str_length(arg));
  return str_char_at(arg, 0);
}

// For kMethOneArg functions: the caller checked the argument count.
Result<uint32_t> one_char(const char* fname, Object* const* args, size_t, Object*) {
  return char_argument(fname, args[0], false);
}

// For kMethNoKeywords functions taking (chr, default=<raise>, /).
Result<uint32_t> char_with_default(const char* fname, Object* const* args, size_t nargs, Object*) {
  TRY(args_check_positional(fname, nargs, 1, 2));
  return char_argument(fname, args[0], true);
}

// Returns args[1] when given, else raises ValueError(message).
Result<Ref<Object>> default_or_raise(Object* const* args, size_t nargs, const char* message) {
  if (nargs > 1) return Ref<Object>::borrow(args[1]);
  return raise(exc::ValueError, "{}", message);
}

Result<Ref<Object>> ucd_decimal(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  uint32_t cp = TRY(char_with_default("decimal", args, nargs, kwnames));
  int value = uc::decimal(cp, version_of(self));
  if (value < 0) return default_or_raise(args, nargs, "not a decimal");
  return int_from_i64(value);
}

Result<Ref<Object>> ucd_digit(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  uint32_t cp = TRY(char_with_default("digit", args, nargs, kwnames));
  int value = uc::digit(cp, version_of(self));
  if (value < 0) return default_or_raise(args, nargs, "not a digit");
  return int_from_i64(value);
}

Result<Ref<Object>> ucd_numeric(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  uint32_t cp = TRY(char_with_default("numeric", args, nargs, kwnames));
  std::optional<double> value = uc::numeric_value(cp, version_of(self));
  if (!value) return default_or_raise(args, nargs, "not a numeric character");
  return float_from_double(*value);
}

Result<Ref<Object>> ucd_name(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  uint32_t cp = TRY(char_with_default("name", args, nargs, kwnames));
  std::string name;
  if (!uc::char_name(cp, name, version_of(self))) return default_or_raise(args, nargs, "no such name");
  return str_from_ascii(name);
}

Result<Ref<Object>> ucd_category(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  uint32_t cp = TRY(one_char("category", args, nargs, kwnames));
  return Ref<Object>::borrow(str_intern(uc::category(cp, version_of(self))));
}

Result<Ref<Object>> ucd_bidirectional(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  uint32_t cp = TRY(one_char("bidirectional", args, nargs, kwnames));
  return Ref<Object>::borrow(str_intern(uc::bidirectional(cp, version_of(self))));
}

Result<Ref<Object>> ucd_combining(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  uint32_t cp = TRY(one_char("combining", args, nargs, kwnames));
  return int_from_i64(uc::combining(cp, version_of(self)));
}

Result<Ref<Object>> ucd_mirrored(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  uint32_t cp = TRY(one_char("mirrored", args, nargs, kwnames));
  return int_from_i64(uc::mirrored(cp, version_of(self)) ? 1 : 0);
}

Result<Ref<Object>> ucd_east_asian_width(Object* self, Object* const* args, size_t nargs,
                                         Object* kwnames) {
  uint32_t cp = TRY(one_char("east_asian_width", args, nargs, kwnames));
  return Ref<Object>::borrow(str_intern(uc::east_asian_width(cp, version_of(self))));
}

Result<Ref<Object>> ucd_decomposition(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  uint32_t cp = TRY(one_char("decomposition", args, nargs, kwnames));
  std::optional<uc::Decomposition> d = uc::decomposition(cp, version_of(self));
  if (!d) return Ref<Object>::borrow(str_intern(""));
  std::string text = d->tag;
  for (int i = 0; i < d->count; ++i) {
    if (!text.empty()) text.push_back(' ');
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04X", unsigned(d->code_points[i]));
    text += hex;
  }
  return str_from_ascii(text);
}

Result<Ref<Object>> ucd_lookup(Object* self, Object* const* args, size_t, Object*) {
  std::string name;
  if (is_str(args[0])) {
    name = std::string(TRY(str_utf8(args[0])));
  } else {
    if (is_bytearray(args[0]))
      return raise(exc::TypeError, "lookup() argument must be read-only bytes-like object, not {}",
                   type_name_of(args[0]));
    ByteView view = TRY(byte_view(args[0]));
    name.assign(view.data(), view.size());
  }
  if (name.size() > kNameMaxLength) return raise(exc::KeyError, "name too long");
  uc::UcdVersion v = version_of(self);
  if (std::optional<uint32_t> cp = uc::lookup_name(name, v)) return str_from_code_point(*cp);
  if (v == uc::UcdVersion::kCurrent) {  // 3.2.0 had no named sequences
    if (const uc::db::NamedSequence* seq = uc::lookup_named_sequence(name))
      return str_from_code_points(seq->code_points, seq->count);
  }
  return raise(exc::KeyError, "undefined character name '{}'", name);
}

Result<NormalForm> form_and_text(const char* fname, Object* const* args, size_t nargs,
                                 Object*) {
  TRY(args_check_positional(fname, nargs, 2, 2));
  for (int i = 0; i < 2; ++i)
    if (!is_str(args[i]))
      return raise(exc::TypeError, "{}() argument {} must be str, not {}", fname, i + 1,
                   type_name_of(args[i]));
  return parse_form(args[0]);
}

Result<Ref<Object>> ucd_normalize(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  NormalForm form = TRY(form_and_text("normalize", args, nargs, kwnames));
  return normalize(form, args[1], version_of(self));
}

Result<Ref<Object>> ucd_is_normalized(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  NormalForm form = TRY(form_and_text("is_normalized", args, nargs, kwnames));
  return new_bool(TRY(is_normalized(form, args[1], version_of(self))));
}

const MethodDef kUnicodedataFunctions[] = {
    {"decimal", ucd_decimal, kMethNoKeywords,
     "Converts a Unicode character into its equivalent decimal value.\n\nReturns the decimal "
     "value assigned to the character chr as integer.\nIf no such value is defined, default is "
     "returned, or, if not given,\nValueError is raised."},
    {"digit", ucd_digit, kMethNoKeywords,
     "Converts a Unicode character into its equivalent digit value.\n\nReturns the digit value "
     "assigned to the character chr as integer.\nIf no such value is defined, default is "
     "returned, or, if not given,\nValueError is raised."},
    {"numeric", ucd_numeric, kMethNoKeywords,
     "Converts a Unicode character into its equivalent numeric value.\n\nReturns the numeric "
     "value assigned to the character chr as float.\nIf no such value is defined, default is "
     "returned, or, if not given,\nValueError is raised."},
    {"category", ucd_category, kMethOneArg,
     "Returns the general category assigned to the character chr as string."},
    {"bidirectional", ucd_bidirectional, kMethOneArg,
     "Returns the bidirectional class assigned to the character chr as string.\n\nIf no such "
     "value is defined, an empty string is returned."},
    {"combining", ucd_combining, kMethOneArg,
     "Returns the canonical combining class assigned to the character chr as integer.\n\n"
     "Returns 0 if no combining class is defined."},
    {"mirrored", ucd_mirrored, kMethOneArg,
     "Returns the mirrored property assigned to the character chr as integer.\n\nReturns 1 if "
     "the character has been identified as a \"mirrored\"\ncharacter in bidirectional text, 0 "
     "otherwise."},
    {"east_asian_width", ucd_east_asian_width, kMethOneArg,
     "Returns the east asian width assigned to the character chr as string."},
    {"decomposition", ucd_decomposition, kMethOneArg,
     "Returns the character decomposition mapping assigned to the character chr as string.\n\n"
     "An empty string is returned in case no such mapping is defined."},
    {"is_normalized", ucd_is_normalized, kMethNoKeywords,
     "Return whether the Unicode string unistr is in the normal form 'form'.\n\nValid values "
     "for form are 'NFC', 'NFKC', 'NFD', and 'NFKD'."},
    {"normalize", ucd_normalize, kMethNoKeywords,
     "Return the normal form 'form' for the Unicode string unistr.\n\nValid values for form are "
     "'NFC', 'NFKC', 'NFD', and 'NFKD'."},
    {"name", ucd_name, kMethNoKeywords,
     "Returns the name assigned to the character chr as a string.\n\nIf no name is defined, "
     "default is returned, or, if not given,\nValueError is raised."},
    {"lookup", ucd_lookup, kMethOneArg,
     "Look up character by name.\n\nIf a character with the given name is found, return the\n"
     "corresponding character.  If not found, KeyError is raised."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> ucd_unidata_version(Object* self) {
  return str_from_ascii(uc::unidata_version(version_of(self)));
}

const GetSetDef kUcdGetSets[] = {
    {"unidata_version", ucd_unidata_version, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

void ucd_dealloc(Object* self) { free_object(self); }

Status fill_ucd_type() {
  Type& t = UcdType;
  t.name = "unicodedata.UCD";
  t.basicsize = sizeof(Object);
  t.dealloc = ucd_dealloc;
  t.methods = kUnicodedataFunctions;
  t.getsets = kUcdGetSets;
  return ok();
}

Status ready_ucd_type() { return type_ready(&UcdType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_ucd_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_ucd_type);

Result<Ref<Object>> create_unicodedata_module() {
  Ref<Object> m = TRY(module_new("unicodedata"));
  Object* dict = module_dict(m.get());
  Ref<Object> doc = TRY(str_from_ascii(
      "This module provides access to the Unicode Character Database which\ndefines character "
      "properties for all Unicode characters. The data in\nthis database is based on the "
      "UnicodeData.txt file version\n16.0.0 which is publicly available from "
      "ftp://ftp.unicode.org/.\n\nThe module uses the same names and symbols as defined by the\n"
      "UnicodeData File Format 16.0.0."));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  Ref<Object> name = TRY(str_from_ascii("unicodedata"));
  TRY(add_functions_to_dict(dict, kUnicodedataFunctions, m.get(), name.get()));
  Ref<Object> version = TRY(str_from_ascii(uc::unidata_version()));
  TRY(dict_set_item_str(dict, "unidata_version", version.get()));
  TRY(dict_set_item_str(dict, "UCD", reinterpret_cast<Object*>(&UcdType)));
  Ref<Object> ucd_3_2_0 = TRY(new_object<Object>(&UcdType));
  TRY(dict_set_item_str(dict, "ucd_3_2_0", ucd_3_2_0.get()));
  return m;
}

WEFT_NATIVE_MODULE("unicodedata", create_unicodedata_module);

}  // namespace
}  // namespace weft::unicodedata_module
