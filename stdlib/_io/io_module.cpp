// stdlib/_io/io_module.cpp — the `_io` module (CPython's Modules/_io/_iomodule.c): open(),
// open_code(), text_encoding(), DEFAULT_BUFFER_SIZE, UnsupportedOperation, BlockingIOError and
// the classes; readies every _io type in base-first order; and binds builtins.open to _io.open
// when the module is created (the runtime imports _io at start-up, as CPython imports io).
//
// UnsupportedOperation is a heap class deriving from OSError and ValueError, made once in
// kPhaseObjects and immortal afterwards (read without locking).
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_io/io_internal.h"
#include "vm/interp_state.h"
#include "vm/module_table.h"

namespace weft::io {
namespace {

Type* g_unsupported_operation = nullptr;

struct OpenMode {
  bool creating = false, reading = false, writing = false, appending = false, updating = false;
  bool text = false, binary = false;
};

Result<OpenMode> parse_open_mode(std::string_view mode) {
  OpenMode m;
  std::string seen;
  for (char c : mode) {
    if (std::string_view("xrwa+tb").find(c) == std::string_view::npos || seen.find(c) != std::string::npos)
      return raise(exc::ValueError, "invalid mode: '{}'", mode);
    seen += c;
    switch (c) {
      case 'x': m.creating = true; break;
      case 'r': m.reading = true; break;
      case 'w': m.writing = true; break;
      case 'a': m.appending = true; break;
      case '+': m.updating = true; break;
      case 't': m.text = true; break;
      case 'b': m.binary = true; break;
    }
  }
  if (m.text && m.binary) return raise(exc::ValueError, "can't have text and binary mode at once");
  // None of them is left to FileIO, whose message covers it.
  if (int(m.creating) + int(m.reading) + int(m.writing) + int(m.appending) > 1)
    return raise(exc::ValueError, "must have exactly one of create/read/write/append mode");
  return m;
}

Result<Ref<Object>> io_open(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kOpen(
      "open", "file | mode buffering encoding errors newline closefd opener");
  Object* a[8];
  TRY(kOpen.parse(args, nargs, kwnames, a));
  Ref<Object> mode_obj = a[1] ? new_ref(a[1]) : TRY(str_from_ascii("r"));
  if (!is_str(mode_obj.get()))
    return raise(exc::TypeError, "open() argument 'mode' must be str, not {}",
                 type_name_of(mode_obj.get()));
  int64_t buffering = a[2] ? TRY(index_as_i64(a[2])) : -1;
  for (int i : {3, 4, 5})
    if (a[i] && !is_none(a[i]) && !is_str(a[i]))
      return raise(exc::TypeError, "open() argument '{}' must be str or None, not {}",
                   i == 3 ? "encoding" : i == 4 ? "errors" : "newline", type_name_of(a[i]));
  bool has_encoding = a[3] && !is_none(a[3]);
  bool has_errors = a[4] && !is_none(a[4]);
  bool has_newline = a[5] && !is_none(a[5]);
  std::string_view mode = TRY(str_utf8(mode_obj.get()));
  OpenMode m = TRY(parse_open_mode(mode));
  if (m.binary && has_encoding)
    return raise(exc::ValueError, "binary mode doesn't take an encoding argument");
  if (m.binary && has_errors)
    return raise(exc::ValueError, "binary mode doesn't take an errors argument");
  if (m.binary && has_newline)
    return raise(exc::ValueError, "binary mode doesn't take a newline argument");

  std::string rawmode = m.creating ? "x" : m.reading ? "r" : m.writing ? "w" : m.appending ? "a" : "";
  if (m.updating) rawmode += '+';
  Ref<Object> rawmode_obj = TRY(str_from_ascii(rawmode));
  Object* closefd = a[6] ? a[6] : py_true();
  Ref<Object> none = new_none();
  Object* raw_args[] = {a[0], rawmode_obj.get(), closefd, a[7] ? a[7] : none.get()};
  Ref<Object> raw = TRY(call(reinterpret_cast<Object*>(&FileIOType), raw_args, 4));
  Ref<Object> result = new_ref(raw.get());

  // From here on, a failure closes the raw file (CPython's open does the same).
  auto build = [&]() -> Result<Ref<Object>> {
    bool line_buffering = false;
    Ref<Object> isatty = TRY(call_method(raw.get(), "isatty", nullptr, 0));
    if (buffering == 1 || (buffering < 0 && isatty.get() == py_true())) {
      buffering = -1;
      line_buffering = true;
    }
    if (buffering < 0) {
      Ref<Object> blksize = TRY(get_attr(raw.get(), "_blksize"));
      int64_t bs = TRY(index_as_i64(blksize.get()));
      buffering = std::max(std::min<int64_t>(bs, 8 * 1024 * 1024), kDefaultBufferSize);
    }
    if (buffering == 0) {
      if (m.binary) return new_ref(raw.get());
      return raise(exc::ValueError, "can't have unbuffered text I/O");
    }
    Type* buffer_type = m.updating ? &BufferedRandomType
                        : (m.creating || m.writing || m.appending) ? &BufferedWriterType
                                                                   : &BufferedReaderType;
    Ref<Object> size = TRY(int_from_i64(buffering));
    Object* bargs[] = {raw.get(), size.get()};
    Ref<Object> buffer = TRY(call(reinterpret_cast<Object*>(buffer_type), bargs, 2));
    if (m.binary) return buffer;
    Object* targs[] = {buffer.get(), a[3] ? a[3] : none.get(), a[4] ? a[4] : none.get(),
                       a[5] ? a[5] : none.get(), py_bool(line_buffering)};
    Ref<Object> wrapper = TRY(call(reinterpret_cast<Object*>(&TextIOWrapperType), targs, 5));
    TRY(set_attr(wrapper.get(), str_intern("mode"), mode_obj.get()));
    return wrapper;
  };
  Result<Ref<Object>> built = build();
  if (built.is_error()) {
    Ref<Object> saved = take_exception();
    if (call_method(raw.get(), "close", nullptr, 0).is_error()) clear_error();
    set_exception(std::move(saved));
    return Error{};
  }
  return built;
}

Result<Ref<Object>> io_open_code(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kOpenCode("open_code", "path");
  Object* a[1];
  TRY(kOpenCode.parse(args, nargs, kwnames, a));
  if (!is_str(a[0]))
    return raise(exc::TypeError, "open_code() argument 'path' must be str, not {}",
                 type_name_of(a[0]));
  Ref<Object> mode = TRY(str_from_ascii("rb"));
  Object* oa[] = {a[0], mode.get()};
  return io_open(nullptr, oa, 2, nullptr);
}

// text_encoding(encoding, stacklevel=2): the encoding, or "locale" when None (UTF-8 mode is
// not implemented; EncodingWarning is not emitted).
Result<Ref<Object>> io_text_encoding(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("text_encoding", nargs, kwnames, 1, 2));
  if (!is_none(args[0])) return new_ref(args[0]);
  return str_from_ascii("locale");
}

const MethodDef kIOFunctions[] = {
    {"open", io_open, kMethFastcall, "Open file and return a stream.  Raise OSError upon failure."},
    {"open_code", io_open_code, kMethFastcall,
     "Opens the provided file with the intent to import the contents."},
    {"text_encoding", io_text_encoding, kMethFastcall,
     "A helper function to choose the text encoding."},
    {nullptr, nullptr, 0, nullptr},
};

Status ready_io_types() {
  for (Type* t : {&IOBaseType, &RawIOBaseType, &BufferedIOBaseType, &TextIOBaseType, &FileIOType,
                  &BytesIOType, &StringIOType, &BufferedReaderType, &BufferedWriterType,
                  &BufferedRandomType, &BufferedRWPairType, &TextIOWrapperType,
                  &IncrementalNewlineDecoderType})
    TRY(type_ready(t));
  return ok();
}

Status create_unsupported_operation() {
  Ref<Object> name = TRY(str_from_ascii("UnsupportedOperation"));
  Ref<Object> bases = TRY(tuple_pack({reinterpret_cast<Object*>(exc::OSError),
                                      reinterpret_cast<Object*>(exc::ValueError)}));
  Ref<Object> ns = TRY(dict_new());
  Ref<Object> module = TRY(str_from_ascii("io"));
  TRY(dict_set_item_str(ns.get(), "__module__", module.get()));
  Object* a[] = {name.get(), bases.get(), ns.get()};
  Ref<Object> cls = TRY(call(reinterpret_cast<Object*>(&TypeType), a, 3));
  g_unsupported_operation = reinterpret_cast<Type*>(cls.release());
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_io_types);
WEFT_REGISTER_TYPE_INIT(kPhaseObjects, create_unsupported_operation);

Result<Ref<Object>> create_io_module() {
  Ref<Object> m = TRY(module_new("_io"));
  Ref<Object> name = TRY(str_from_ascii("_io"));
  Object* dict = module_dict(m.get());
  TRY(add_functions_to_dict(dict, kIOFunctions, m.get(), name.get()));
  Ref<Object> size = TRY(int_from_i64(kDefaultBufferSize));
  TRY(dict_set_item_str(dict, "DEFAULT_BUFFER_SIZE", size.get()));
  TRY(dict_set_item_str(dict, "UnsupportedOperation", reinterpret_cast<Object*>(g_unsupported_operation)));
  TRY(dict_set_item_str(dict, "BlockingIOError", reinterpret_cast<Object*>(exc::BlockingIOError)));
  const std::pair<const char*, Type*> classes[] = {
      {"_IOBase", &IOBaseType}, {"_RawIOBase", &RawIOBaseType},
      {"_BufferedIOBase", &BufferedIOBaseType}, {"_TextIOBase", &TextIOBaseType},
      {"FileIO", &FileIOType}, {"BytesIO", &BytesIOType}, {"StringIO", &StringIOType},
      {"BufferedReader", &BufferedReaderType}, {"BufferedWriter", &BufferedWriterType},
      {"BufferedRandom", &BufferedRandomType}, {"BufferedRWPair", &BufferedRWPairType},
      {"TextIOWrapper", &TextIOWrapperType},
      {"IncrementalNewlineDecoder", &IncrementalNewlineDecoderType}};
  for (const auto& [cname, type] : classes)
    TRY(dict_set_item_str(dict, cname, reinterpret_cast<Object*>(type)));
  // builtins.open is io.open, as CPython's start-up sets it.
  Ref<Object> open;
  if (TRY(dict_get_item_str(dict, str_intern("open"), &open)))
    TRY(dict_set_item_str(vm::builtins_dict(), "open", open.get()));
  TRY(install_std_streams());
  return m;
}

WEFT_NATIVE_MODULE("_io", create_io_module);

}  // namespace

Type* unsupported_operation() { return g_unsupported_operation; }

Result<Ref<Object>> open_positional(Object* const* args, size_t nargs) {
  return io_open(nullptr, args, nargs, nullptr);
}

}  // namespace weft::io
