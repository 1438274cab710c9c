// stdlib/pyexpat/pyexpat_module.cpp — the `pyexpat` module (what xml.parsers.expat re-exports):
// ParserCreate, ErrorString, ExpatError (also `error`), XMLParserType, version information,
// the XML_PARAM_ENTITY_PARSING_* constants and the `errors` and `model` submodules. It lets
// xml.etree.ElementTree (whose pure-Python XMLParser drives pyexpat, as _elementtree is absent),
// xml.dom.minidom, xml.sax and plistlib parse.
//
// Module state is the ExpatError class, made once under the import lock and never changed.
#include <expat.h>

#include <atomic>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/exception_class.h"
#include "stdlib/pyexpat/pyexpat_internal.h"
#include "vm/module_table.h"

namespace weft::pyexpat_module {

namespace {

std::atomic<Type*> g_error{nullptr};

Result<Ref<Object>> parser_create(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("ParserCreate", "| encoding namespace_separator intern");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  std::string encoding, separator;
  bool have_encoding = a[0] && !is_none(a[0]), have_separator = a[1] && !is_none(a[1]);
  if (have_encoding) {
    if (!is_str(a[0]))
      return raise(exc::TypeError, "ParserCreate() argument 'encoding' must be str or None, not {}",
                   type_name_of(a[0]));
    encoding = TRY(str_utf8(a[0]));
  }
  if (have_separator) {
    if (!is_str(a[1]))
      return raise(exc::TypeError,
                   "ParserCreate() argument 'namespace_separator' must be str or None, not {}",
                   type_name_of(a[1]));
    if (str_length(a[1]) > 1)
      return raise(exc::ValueError,
                   "namespace_separator must be at most one character, omitted, or None");
    separator = TRY(str_utf8(a[1]));
  }
  Ref<Object> intern;
  if (!a[2]) {
    intern = TRY(dict_new());
  } else if (!is_none(a[2])) {
    if (!is_dict(a[2])) return raise(exc::TypeError, "intern must be a dictionary");
    intern = Ref<Object>::borrow(a[2]);
  }
  return parser_new(have_encoding ? encoding.c_str() : nullptr,
                    have_separator ? separator.c_str() : nullptr, intern.get());
}

Result<Ref<Object>> error_string(Object*, Object* const* args, size_t, Object*) {
  int64_t code = TRY(index_as_i64(args[0]));
  const XML_LChar* message = XML_ErrorString(static_cast<XML_Error>(code));
  if (!message) return new_none();
  return str_from_utf8(message);
}

const MethodDef kFunctions[] = {
    {"ParserCreate", parser_create, kMethFastcall,
     "Return a new XML parser object."},
    {"ErrorString", error_string, kMethOneArg,
     "Returns string error for given number."},
    {nullptr, nullptr, 0, nullptr},
};

// XML_ERROR_* in expat's enum order, starting at code 1.
constexpr const char* kErrorNames[] = {
    "XML_ERROR_NO_MEMORY", "XML_ERROR_SYNTAX", "XML_ERROR_NO_ELEMENTS",
    "XML_ERROR_INVALID_TOKEN", "XML_ERROR_UNCLOSED_TOKEN", "XML_ERROR_PARTIAL_CHAR",
    "XML_ERROR_TAG_MISMATCH", "XML_ERROR_DUPLICATE_ATTRIBUTE", "XML_ERROR_JUNK_AFTER_DOC_ELEMENT",
    "XML_ERROR_PARAM_ENTITY_REF", "XML_ERROR_UNDEFINED_ENTITY", "XML_ERROR_RECURSIVE_ENTITY_REF",
    "XML_ERROR_ASYNC_ENTITY", "XML_ERROR_BAD_CHAR_REF", "XML_ERROR_BINARY_ENTITY_REF",
    "XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF", "XML_ERROR_MISPLACED_XML_PI",
    "XML_ERROR_UNKNOWN_ENCODING", "XML_ERROR_INCORRECT_ENCODING",
    "XML_ERROR_UNCLOSED_CDATA_SECTION", "XML_ERROR_EXTERNAL_ENTITY_HANDLING",
    "XML_ERROR_NOT_STANDALONE", "XML_ERROR_UNEXPECTED_STATE", "XML_ERROR_ENTITY_DECLARED_IN_PE",
    "XML_ERROR_FEATURE_REQUIRES_XML_DTD", "XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING",
    "XML_ERROR_UNBOUND_PREFIX", "XML_ERROR_UNDECLARING_PREFIX", "XML_ERROR_INCOMPLETE_PE",
    "XML_ERROR_XML_DECL", "XML_ERROR_TEXT_DECL", "XML_ERROR_PUBLICID", "XML_ERROR_SUSPENDED",
    "XML_ERROR_NOT_SUSPENDED", "XML_ERROR_ABORTED", "XML_ERROR_FINISHED",
    "XML_ERROR_SUSPEND_PE", "XML_ERROR_RESERVED_PREFIX_XML", "XML_ERROR_RESERVED_PREFIX_XMLNS",
    "XML_ERROR_RESERVED_NAMESPACE_URI", "XML_ERROR_INVALID_ARGUMENT", "XML_ERROR_NO_BUFFER",
    "XML_ERROR_AMPLIFICATION_LIMIT_BREACH",
};

Status set_int(Object* dict, const char* name, int64_t value) {
  Ref<Object> v = TRY(int_from_i64(value));
  return dict_set_item_str(dict, name, v.get());
}

Status set_str(Object* dict, const char* name, const char* value) {
  Ref<Object> v = TRY(str_from_utf8(value));
  return dict_set_item_str(dict, name, v.get());
}

// pyexpat.errors: XML_ERROR_* = message, `codes` (message -> code), `messages` (code -> message).
Result<Ref<Object>> make_errors_module() {
  Ref<Object> m = TRY(module_new("pyexpat.errors"));
  Object* dict = module_dict(m.get());
  TRY(set_str(dict, "__doc__", "Constants used to describe error conditions."));
  Ref<Object> codes = TRY(dict_new());
  Ref<Object> messages = TRY(dict_new());
  int code = 1;
  for (const char* name : kErrorNames) {
    const XML_LChar* text = XML_ErrorString(static_cast<XML_Error>(code));
    Ref<Object> message = TRY(str_from_utf8(text ? text : ""));
    Ref<Object> number = TRY(int_from_i64(code));
    TRY(dict_set_item_str(dict, name, message.get()));
    TRY(dict_set_item(codes.get(), message.get(), number.get()));
    TRY(dict_set_item(messages.get(), number.get(), message.get()));
    ++code;
  }
  TRY(dict_set_item_str(dict, "codes", codes.get()));
  TRY(dict_set_item_str(dict, "messages", messages.get()));
  return m;
}

// pyexpat.model: the content-model constants ElementDeclHandler's tuples use.
Result<Ref<Object>> make_model_module() {
  Ref<Object> m = TRY(module_new("pyexpat.model"));
  Object* dict = module_dict(m.get());
  TRY(set_str(dict, "__doc__", "Constants used to interpret content model information."));
  const std::pair<const char*, int64_t> constants[] = {
      {"XML_CTYPE_EMPTY", XML_CTYPE_EMPTY}, {"XML_CTYPE_ANY", XML_CTYPE_ANY},
      {"XML_CTYPE_MIXED", XML_CTYPE_MIXED}, {"XML_CTYPE_NAME", XML_CTYPE_NAME},
      {"XML_CTYPE_CHOICE", XML_CTYPE_CHOICE}, {"XML_CTYPE_SEQ", XML_CTYPE_SEQ},
      {"XML_CQUANT_NONE", XML_CQUANT_NONE}, {"XML_CQUANT_OPT", XML_CQUANT_OPT},
      {"XML_CQUANT_REP", XML_CQUANT_REP}, {"XML_CQUANT_PLUS", XML_CQUANT_PLUS},
  };
  for (const auto& [name, value] : constants) TRY(set_int(dict, name, value));
  return m;
}

// [(name, value)] for expat's compile-time features, as pyexpat.features.
Result<Ref<Object>> features_list() {
  Ref<Object> list = TRY(list_new());
  for (const XML_Feature* f = XML_GetFeatureList(); f && f->feature != XML_FEATURE_END; ++f) {
    Ref<Object> name = TRY(str_from_utf8(f->name));
    Ref<Object> value = TRY(int_from_i64(f->value));
    Ref<Object> pair = TRY(tuple_pack({name.get(), value.get()}));
    TRY(list_append(list.get(), pair.get()));
  }
  return list;
}

Result<Ref<Object>> create_pyexpat_module() {
  Ref<Object> m = TRY(module_new("pyexpat"));
  Object* dict = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("pyexpat"));
  TRY(add_functions_to_dict(dict, kFunctions, m.get(), name.get()));
  TRY(set_str(dict, "__doc__", "Python wrapper for Expat parser."));
  if (!g_error.load(std::memory_order_acquire))
    g_error.store(TRY(new_exception_class("xml.parsers.expat", "ExpatError", exc::Exception)),
                  std::memory_order_release);
  Object* error = reinterpret_cast<Object*>(expat_error());
  TRY(dict_set_item_str(dict, "ExpatError", error));
  TRY(dict_set_item_str(dict, "error", error));
  TRY(dict_set_item_str(dict, "XMLParserType", reinterpret_cast<Object*>(&ParserType)));
  TRY(set_str(dict, "EXPAT_VERSION", XML_ExpatVersion()));
  XML_Expat_Version v = XML_ExpatVersionInfo();
  Ref<Object> major = TRY(int_from_i64(v.major)), minor = TRY(int_from_i64(v.minor)),
              micro = TRY(int_from_i64(v.micro));
  Ref<Object> version = TRY(tuple_pack({major.get(), minor.get(), micro.get()}));
  TRY(dict_set_item_str(dict, "version_info", version.get()));
  TRY(set_str(dict, "native_encoding", "UTF-8"));
  Ref<Object> features = TRY(features_list());
  TRY(dict_set_item_str(dict, "features", features.get()));
  TRY(set_int(dict, "XML_PARAM_ENTITY_PARSING_NEVER", XML_PARAM_ENTITY_PARSING_NEVER));
  TRY(set_int(dict, "XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE",
              XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE));
  TRY(set_int(dict, "XML_PARAM_ENTITY_PARSING_ALWAYS", XML_PARAM_ENTITY_PARSING_ALWAYS));
  Ref<Object> errors = TRY(make_errors_module());
  TRY(dict_set_item_str(dict, "errors", errors.get()));
  Ref<Object> model = TRY(make_model_module());
  TRY(dict_set_item_str(dict, "model", model.get()));
  return m;
}

WEFT_NATIVE_MODULE("pyexpat", create_pyexpat_module);

}  // namespace

Type* expat_error() { return g_error.load(std::memory_order_acquire); }

}  // namespace weft::pyexpat_module
