// stdlib/marshal/marshal_module.cpp — the `marshal` module: dumps/loads/dump/load and `version`
// over the format code in marshal_write.cpp / marshal_read.cpp. Stateless: safe from any thread.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "stdlib/marshal/marshal_format.h"
#include "vm/module_table.h"

namespace weft::marshal {
namespace {

Result<int> version_argument(Object* v) {
  if (!v) return kVersion;
  int64_t version = TRY(int_as_i64(v));
  return static_cast<int>(version);
}

Result<bool> allow_code_argument(Object* v) { return v ? object_is_true(v) : Result<bool>(true); }

Result<Ref<Object>> dumps(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("dumps", "value | version / * | allow_code");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int version = TRY(version_argument(a[1]));
  std::string data = TRY(write_object(a[0], version, TRY(allow_code_argument(a[2]))));
  return bytes_from(data);
}

Result<Ref<Object>> dump(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("dump", "value file | version / * | allow_code");
  Object* a[4];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int version = TRY(version_argument(a[2]));
  std::string data = TRY(write_object(a[0], version, TRY(allow_code_argument(a[3]))));
  Ref<Object> bytes = TRY(bytes_from(data));
  Object* arg = bytes.get();
  TRY(call_method(a[1], "write", &arg, 1));
  return new_none();
}

Result<Ref<Object>> loads(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("loads", "bytes / * | allow_code");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  ByteView view = TRY(byte_view(a[0]));
  size_t consumed = 0;
  return read_object(view.view(), TRY(allow_code_argument(a[1])), &consumed);
}

// load(file): reads what is left of the file, then seeks it back to just after the value when
// the file can seek (CPython reads through the file's buffer the same way).
Result<Ref<Object>> load(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("load", "file / * | allow_code");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  bool allow_code = TRY(allow_code_argument(a[1]));
  Ref<Object> data = TRY(call_method(a[0], "read", nullptr, 0));
  if (!is_bytes(data.get()))
    return raise(exc::TypeError, "file.read() returned not bytes but {}", type_name_of(data.get()));
  std::string_view view = bytes_view(data.get());
  size_t consumed = 0;
  Ref<Object> value = TRY(read_object(view, allow_code, &consumed));
  if (consumed < view.size()) {
    Ref<Object> back = TRY(int_from_i64(-static_cast<int64_t>(view.size() - consumed)));
    Ref<Object> whence = TRY(int_from_i64(1));
    Object* seek_args[2] = {back.get(), whence.get()};
    TRY(call_method(a[0], "seek", seek_args, 2));
  }
  return value;
}

const MethodDef kMarshalFunctions[] = {
    {"dump", dump, kMethFastcall,
     "Write the value on the open file.\n\n"
     "  value\n    Must be a supported type.\n  file\n    Must be a writeable binary file.\n"
     "  version\n    Indicates the data format that dump should use.\n"
     "  allow_code\n    Allow to write code objects.\n\n"
     "If the value has (or contains an object that has) an unsupported type, a\n"
     "ValueError exception is raised - but garbage data will also be written\n"
     "to the file. The object will not be properly read back by load()."},
    {"load", load, kMethFastcall,
     "Read one value from the open file and return it.\n\n"
     "  file\n    Must be readable binary file.\n"
     "  allow_code\n    Allow to load code objects.\n\n"
     "If no valid value is read (e.g. because the data has a different Python\n"
     "version's incompatible marshal format), raise EOFError, ValueError or\n"
     "TypeError.\n\n"
     "Note: If an object containing an unsupported type was marshalled with\n"
     "dump(), load() will substitute None for the unmarshallable type."},
    {"dumps", dumps, kMethFastcall,
     "Return the bytes object that would be written to a file by dump(value, file).\n\n"
     "  value\n    Must be a supported type.\n"
     "  version\n    Indicates the data format that dumps should use.\n"
     "  allow_code\n    Allow to write code objects.\n\n"
     "Raise a ValueError exception if value has (or contains an object that has) an\n"
     "unsupported type."},
    {"loads", loads, kMethFastcall,
     "Convert the bytes-like object to a value.\n\n"
     "  allow_code\n    Allow to load code objects.\n\n"
     "If no valid value is found, raise EOFError, ValueError or TypeError.  Extra\n"
     "bytes in the input are ignored."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_marshal_module() {
  Ref<Object> m = TRY(module_new("marshal"));
  Object* dict = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("marshal"));
  TRY(add_functions_to_dict(dict, kMarshalFunctions, m.get(), name.get()));
  Ref<Object> version = TRY(int_from_i64(kVersion));
  TRY(dict_set_item_str(dict, "version", version.get()));
  return m;
}

WEFT_NATIVE_MODULE("marshal", create_marshal_module);

}  // namespace
}  // namespace weft::marshal
