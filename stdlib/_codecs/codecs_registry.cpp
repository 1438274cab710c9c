// stdlib/_codecs/codecs_registry.cpp — the codec search registry and the error-handler registry
// (CPython's Python/codecs.c): register, unregister, lookup, encode, decode,
// register_error, lookup_error, and the hook that lets str.encode/bytes.decode reach codecs that
// objects/unicode_codecs.cpp does not implement itself.
//
// Lookup follows CPython: the name is normalised (lower case; every run of characters other than
// letters, digits and '.' becomes one '_'; leading/trailing ones dropped), the cache is tried,
// then each search function in registration order; the first non-None answer must be a 4-tuple
// and is cached. The `encodings` package is imported on the first lookup or register, with the
// "initialised" flag set first, exactly as _PyCodecRegistry_Init does, so the package's own
// codecs.register() call does not recurse.
//
// Locking: the three registry containers are built-in list/dict objects (thread-safe on their
// own) created once in kPhaseObjects and immortal afterwards; the one-time import is guarded by
// an atomic flag (two threads racing on the first lookup may both import `encodings`, which the
// import lock makes harmless).
#include <atomic>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/unicode_codecs.h"
#include "stdlib/_codecs/codecs_internal.h"
#include "vm/import.h"

namespace weft::codecs_module {
namespace {

Object* g_search_path = nullptr;   // list of search functions
Object* g_search_cache = nullptr;  // dict: normalised name -> CodecInfo
Object* g_error_registry = nullptr;  // dict: handler name -> callable
std::atomic<bool> g_encodings_imported{false};

// Imports `encodings` once (it registers the standard search function).
Status ensure_registry_initialised() {
  if (g_encodings_imported.load(std::memory_order_acquire)) return ok();
  g_encodings_imported.store(true, std::memory_order_release);
  Ref<Object> name = TRY(str_from_ascii("encodings"));
  TRY(vm::import_module(name.get()));
  return ok();
}

// CPython's _Py_normalize_encoding: lower-cased, punctuation runs collapsed to one '_'.
Result<Ref<Object>> normalize_encoding_name(Object* encoding) {
  std::string_view text = TRY(str_utf8(encoding));
  std::string out;
  out.reserve(text.size());
  bool punct = false;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    bool alnum = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
    if (alnum || c == '.' || u >= 0x80) {
      if (punct && !out.empty()) out += '_';
      out += (u >= 'A' && u <= 'Z') ? char(u + 32) : c;
      punct = false;
    } else {
      punct = true;
    }
  }
  return str_from_utf8(out);
}

// Adds "<what> with '<encoding>' codec failed" to the pending exception, as
// _PyErr_FormatNote does, and re-raises it.
Error add_codec_note(const char* what, Object* encoding) {
  Ref<Object> e = take_exception();
  std::string note = std::string(what) + " with '" + str_to_std_string(encoding) + "' codec failed";
  if (Result<Ref<Object>> msg = str_from_utf8(note); !msg.is_error()) {
    Object* a[] = {msg.value().get()};
    if (call_method(e.get(), "add_note", a, 1).is_error()) clear_error();
  } else {
    clear_error();
  }
  return raise_object(e.get());
}

// Calls coder(obj[, errors]) and returns the first item of its (object, length) answer.
Result<Ref<Object>> run_coder(Object* coder, Object* obj, Object* errors, Object* encoding,
                              bool decode) {
  Object* a[] = {obj, errors};
  Result<Ref<Object>> r = call(coder, a, errors ? 2 : 1);
  if (r.is_error()) return add_codec_note(decode ? "decoding" : "encoding", encoding);
  Ref<Object> result = std::move(r).value();
  if (!is_tuple(result.get()) || tuple_size(result.get()) != 2)
    return raise(exc::TypeError, decode ? "decoder must return a tuple (object,integer)"
                                        : "encoder must return a tuple (object, integer)");
  return new_ref(tuple_item(result.get(), 0));
}

// The hook objects/unicode_codecs.cpp calls for encodings it does not implement.
Result<Ref<Object>> text_codec_hook(Object* obj, std::string_view encoding, std::string_view errors,
                                    bool decode) {
  Ref<Object> name = TRY(str_from_utf8(encoding));
  Ref<Object> info =
      TRY(lookup_text_codec(name.get(), decode ? "codecs.decode()" : "codecs.encode()"));
  Ref<Object> err;
  if (!errors.empty()) err = TRY(str_from_utf8(errors));
  Ref<Object> out =
      TRY(run_coder(tuple_item(info.get(), decode ? 1 : 0), obj, err.get(), name.get(), decode));
  if (decode && !is_str(out.get()))
    return raise(exc::TypeError,
                 "'{}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to "
                 "arbitrary types", encoding, type_name_of(out.get()));
  if (!decode && !is_bytes(out.get()))
    return raise(exc::TypeError,
                 "'{}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode "
                 "to arbitrary types", encoding, type_name_of(out.get()));
  return out;
}

// ---- module functions -----------------------------------------------------------------------

Result<Ref<Object>> codecs_register(Object*, Object* const* args, size_t, Object*) {
  TRY(ensure_registry_initialised());
  if (!is_callable(args[0])) return raise(exc::TypeError, "argument must be callable");
  TRY(list_append(g_search_path, args[0]));
  return new_none();
}

Result<Ref<Object>> codecs_unregister(Object*, Object* const* args, size_t, Object*) {
  Ref<Object> items = TRY(list_as_tuple(g_search_path));
  for (int64_t i = 0; i < tuple_size(items.get()); ++i) {
    if (tuple_item(items.get(), i) != args[0]) continue;
    dict_clear(g_search_cache);
    Ref<Object> remove = TRY(get_attr(g_search_path, "remove"));
    TRY(call_one(remove.get(), args[0]));
    break;
  }
  return new_none();
}

Result<Ref<Object>> codecs_lookup(Object*, Object* const* args, size_t, Object*) {
  if (!is_str(args[0]))
    return raise(exc::TypeError, "lookup() argument must be str, not {}", type_name_of(args[0]));
  return lookup_codec(args[0]);
}

// encode(obj, encoding='utf-8', errors='strict') / decode(...): any codec, any object types.
Result<Ref<Object>> encode_or_decode(const ArgParser& parser, Object* const* args, size_t nargs,
                                     Object* kwnames, bool decode) {
  Object* a[3];
  TRY(parser.parse(args, nargs, kwnames, a));
  const char* fname = decode ? "decode" : "encode";
  for (int i = 1; i < 3; ++i)
    if (a[i] && !is_str(a[i]))
      return raise(exc::TypeError, "{}() argument '{}' must be str, not {}", fname,
                   i == 1 ? "encoding" : "errors", type_name_of(a[i]));
  Ref<Object> encoding = a[1] ? new_ref(a[1]) : TRY(str_from_ascii("utf-8"));
  Ref<Object> info = TRY(lookup_codec(encoding.get()));
  return run_coder(tuple_item(info.get(), decode ? 1 : 0), a[0], a[2], encoding.get(), decode);
}

Result<Ref<Object>> codecs_encode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kEncode("encode", "obj | encoding errors");
  return encode_or_decode(kEncode, args, nargs, kwnames, false);
}

Result<Ref<Object>> codecs_decode(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kDecode("decode", "obj | encoding errors");
  return encode_or_decode(kDecode, args, nargs, kwnames, true);
}

Result<Ref<Object>> codecs_register_error(Object*, Object* const* args, size_t nargs,
                                          Object* kwnames) {
  TRY(args_positional_only("register_error", nargs, kwnames, 2, 2));
  if (!is_str(args[0]))
    return raise(exc::TypeError, "register_error() argument 1 must be str, not {}",
                 type_name_of(args[0]));
  if (!is_callable(args[1])) return raise(exc::TypeError, "handler must be callable");
  TRY(dict_set_item(g_error_registry, args[0], args[1]));
  return new_none();
}

Result<Ref<Object>> codecs_lookup_error(Object*, Object* const* args, size_t, Object*) {
  if (!is_str(args[0]))
    return raise(exc::TypeError, "lookup_error() argument must be str, not {}",
                 type_name_of(args[0]));
  std::string_view name = TRY(str_utf8(args[0]));
  return lookup_error_handler(name);
}

}  // namespace

Result<Ref<Object>> lookup_codec(Object* encoding) {
  TRY(ensure_registry_initialised());
  Ref<Object> key = TRY(normalize_encoding_name(encoding));
  key = TRY(str_intern_object(std::move(key)));
  Ref<Object> cached;
  if (TRY(dict_get_item(g_search_cache, key.get(), &cached))) return cached;
  Ref<Object> functions = TRY(list_as_tuple(g_search_path));
  if (tuple_size(functions.get()) == 0)
    return raise(exc::LookupError, "no codec search functions registered: can't find encoding");
  for (int64_t i = 0; i < tuple_size(functions.get()); ++i) {
    Ref<Object> result = TRY(call_one(tuple_item(functions.get(), i), key.get()));
    if (is_none(result.get())) continue;
    if (!is_tuple(result.get()) || tuple_size(result.get()) != 4)
      return raise(exc::TypeError, "codec search functions must return 4-tuples");
    TRY(dict_set_item(g_search_cache, key.get(), result.get()));
    return result;
  }
  return raise(exc::LookupError, "unknown encoding: {}", str_to_std_string(encoding));
}

// _PyCodec_LookupTextEncoding.
Result<Ref<Object>> lookup_text_codec(Object* encoding, const char* alternate) {
  Ref<Object> info = TRY(lookup_codec(encoding));
  if (!is_tuple_exact(info.get())) {
    Ref<Object> flag;
    Ref<Object> attr = TRY(str_from_ascii("_is_text_encoding"));
    if (TRY(lookup_attr(info.get(), attr.get(), &flag))) {
      if (!TRY(object_is_true(flag.get()))) {
        if (!alternate)
          return raise(exc::LookupError, "'{}' is not a text encoding", str_to_std_string(encoding));
        return raise(exc::LookupError, "'{}' is not a text encoding; use {} to handle arbitrary codecs",
                     str_to_std_string(encoding), alternate);
      }
    }
  }
  return info;
}

Result<Ref<Object>> lookup_error_handler(std::string_view name) {
  if (name.empty()) name = "strict";
  Ref<Object> key = TRY(str_from_utf8(name));
  Ref<Object> handler;
  if (TRY(dict_get_item(g_error_registry, key.get(), &handler))) return handler;
  return raise(exc::LookupError, "unknown error handler name '{}'", name);
}

namespace {

Status register_builtin_error_handler(const MethodDef* def) {
  Ref<Object> fn = TRY(builtin_function_new(def, nullptr, nullptr));
  // The registry key drops the "_errors" suffix of the function name where it has one.
  std::string_view fname = def->name;
  if (fname.ends_with("_errors")) fname.remove_suffix(sizeof("_errors") - 1);
  Ref<Object> key = TRY(str_from_utf8(fname));
  return dict_set_item(g_error_registry, key.get(), fn.get());
}

}  // namespace

const MethodDef kRegistryFunctions[] = {
    {"register", codecs_register, kMethOneArg,
     "Register a codec search function.\n\nSearch functions are expected to take one argument, "
     "the encoding name in\nall lower case letters, and either return None, or a tuple of "
     "functions\n(encoder, decoder, stream_reader, stream_writer) (or a CodecInfo object)."},
    {"unregister", codecs_unregister, kMethOneArg,
     "Unregister a codec search function and clear the registry's cache.\n\nIf the search "
     "function is not registered, do nothing."},
    {"lookup", codecs_lookup, kMethOneArg, "Looks up a codec tuple in the Python codec registry "
                                           "and returns a CodecInfo object."},
    {"encode", codecs_encode, kMethFastcall,
     "Encodes obj using the codec registered for encoding.\n\nThe default encoding is 'utf-8'.  "
     "errors may be given to set a\ndifferent error handling scheme.  Default is 'strict' "
     "meaning that encoding\nerrors raise a ValueError.  Other possible values are 'ignore', "
     "'replace'\nand 'backslashreplace' as well as any other name registered with\n"
     "codecs.register_error that can handle ValueErrors."},
    {"decode", codecs_decode, kMethFastcall,
     "Decodes obj using the codec registered for encoding.\n\nDefault encoding is 'utf-8'.  "
     "errors may be given to set a\ndifferent error handling scheme.  Default is 'strict' "
     "meaning that encoding\nerrors raise a ValueError.  Other possible values are 'ignore', "
     "'replace'\nand 'backslashreplace' as well as any other name registered with\n"
     "codecs.register_error that can handle ValueErrors."},
    {"register_error", codecs_register_error, kMethFastcall,
     "Register the specified error handler under the name errors.\n\nhandler must be a callable "
     "object, that will be called with an exception\ninstance containing information about the "
     "location of the encoding/decoding\nerror and must return a (replacement, new position) "
     "tuple."},
    {"lookup_error", codecs_lookup_error, kMethOneArg,
     "lookup_error(errors) -> handler\n\nReturn the error handler for the specified error "
     "handling name or raise a\nLookupError, if no handler exists under this name."},
    {nullptr, nullptr, 0, nullptr},
};

namespace {

Status create_registry() {
  Ref<Object> path = TRY(list_new());
  Ref<Object> cache = TRY(dict_new());
  Ref<Object> errors = TRY(dict_new());
  g_search_path = path.release();
  g_search_cache = cache.release();
  g_error_registry = errors.release();
  for (const MethodDef* def = kBuiltinErrorHandlers; def->name; ++def)
    TRY(register_builtin_error_handler(def));
  codec_set_hook(text_codec_hook);
  codec_set_error_hook(run_error_handler);
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseObjects, create_registry);

}  // namespace
}  // namespace weft::codecs_module
