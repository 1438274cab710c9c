// stdlib/_imp/imp_module.cpp — `_imp`, the native half of importlib (Python/import.c's module):
// what Lib/importlib/_bootstrap.py and _bootstrap_external.py call to reach built-in modules, the
// import lock and the pyc helpers.
//
// Weft's built-in modules are its native modules (vm/module_table.h); there are no frozen modules
// (is_frozen is False and find_frozen None for every name, the frozen loaders' other entry points
// raise CPython's "No such frozen object" ImportError) and no extension modules
// (extension_suffixes() is empty; create_dynamic/exec_dynamic are absent). `sys` and `builtins`
// cannot be re-created, so is_builtin() answers -1 for them, as CPython does.
//
// The import lock is vm/import.h's: the same recursive lock the native import holds. The module
// holds no state of its own, so every function is safe to call from any thread.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/code.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/import.h"
#include "vm/interp_state.h"
#include "vm/module_table.h"

namespace weft::imp_module {
namespace {

// CPython 3.14's MAGIC_NUMBER (3627) followed by b'\r\n', read as a little-endian uint32: the
// first four bytes of every 3.14 .pyc file (importlib's MAGIC_NUMBER is derived from it).
constexpr int64_t kPycMagicNumberToken = 3627 | (int64_t{'\r'} << 16) | (int64_t{'\n'} << 24);

// Modules that exist only once and are set up by the runtime itself (CPython's inittab entries
// with no init function).
bool is_runtime_module(std::string_view name) { return name == "sys" || name == "builtins"; }

Result<std::string_view> name_argument(Object* name) {
  if (!is_str(name))
    return raise(exc::TypeError, "argument must be str, not {}", type_name_of(name));
  return str_utf8(name);
}

Result<Ref<Object>> is_builtin(Object*, Object* const* args, size_t, Object*) {
  std::string_view name = TRY(name_argument(args[0]));
  if (is_runtime_module(name)) return int_from_i64(-1);
  return int_from_i64(vm::find_native_module(name) ? 1 : 0);
}

// create_builtin(spec): a new module object for spec.name (sys and builtins: the one that
// exists); None for names that are not built in.
Result<Ref<Object>> create_builtin(Object*, Object* const* args, size_t, Object*) {
  Ref<Object> name = TRY(get_attr(args[0], str_intern("name")));
  if (!is_str(name.get()))
    return raise(exc::TypeError, "name must be string, not {}", type_name_of(name.get()));
  std::string_view text = TRY(str_utf8(name.get()));
  Ref<Object> existing;
  if (is_runtime_module(text) && TRY(dict_get_item(vm::sys_modules(), name.get(), &existing)))
    return existing;
  const vm::NativeModuleDef* def = vm::find_native_module(text);
  if (!def) return new_none();
  return def->create();
}

// Native modules are complete once created: there is no second (exec) phase.
Result<Ref<Object>> exec_builtin(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(0);
}

Result<Ref<Object>> is_frozen(Object*, Object* const* args, size_t, Object*) {
  TRY(name_argument(args[0]));
  return new_bool(false);
}

Result<Ref<Object>> find_frozen(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("find_frozen", "name / * | withdata");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  TRY(name_argument(a[0]));
  return new_none();
}

Error no_such_frozen_object(Object* name) {
  Ref<Object> r = TRY(object_repr(name));
  return raise(exc::ImportError, "No such frozen object named {}", str_to_std_string(r.get()));
}

// init_frozen: None, as for any name that is not frozen.
Result<Ref<Object>> init_frozen(Object*, Object* const* args, size_t, Object*) {
  TRY(name_argument(args[0]));
  return new_none();
}

// is_frozen_package: no name is frozen.
Result<Ref<Object>> frozen_lookup(Object*, Object* const* args, size_t, Object*) {
  TRY(name_argument(args[0]));
  return no_such_frozen_object(args[0]);
}

Result<Ref<Object>> get_frozen_object(Object*, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(args_positional_only("get_frozen_object", nargs, kwnames, 1, 2));
  TRY(name_argument(args[0]));
  return no_such_frozen_object(args[0]);
}

Result<Ref<Object>> frozen_module_names(Object*, Object* const*, size_t, Object*) {
  return tuple_pack({});
}

Result<Ref<Object>> override_frozen_modules_for_tests(Object*, Object* const* args, size_t,
                                                      Object*) {
  TRY(index_as_i64(args[0]));
  return new_none();
}

Result<Ref<Object>> override_multi_interp_extensions_check(Object*, Object* const* args, size_t,
                                                           Object*) {
  TRY(index_as_i64(args[0]));
  // Weft runs one interpreter per process: this is always the main one.
  return raise(exc::RuntimeError,
               "_imp._override_multi_interp_extensions_check() cannot be used in the main "
               "interpreter");
}

Result<Ref<Object>> acquire_lock(Object*, Object* const*, size_t, Object*) {
  vm::import_lock_acquire();
  return new_none();
}

Result<Ref<Object>> release_lock(Object*, Object* const*, size_t, Object*) {
  if (!vm::import_lock_release()) return raise(exc::RuntimeError, "not holding the import lock");
  return new_none();
}

Result<Ref<Object>> lock_held(Object*, Object* const*, size_t, Object*) {
  return new_bool(vm::import_lock_held());
}

Result<Ref<Object>> extension_suffixes(Object*, Object* const*, size_t, Object*) {
  return list_new();
}

// Sets co_filename of `code` and of every code object nested in its constants to `path`. Only
// used on code just read from a .pyc, which no other thread can see yet.
void set_filename_recursively(CodeObject* code, Object* path) {
  Object* old = code->filename;
  code->filename = new_ref(path).release();
  Ref<Object>::steal(old);  // drops the old name
  for (int64_t i = 0; i < tuple_size(code->consts); i++) {
    Object* c = tuple_item(code->consts, i);
    if (is_code(c)) set_filename_recursively(static_cast<CodeObject*>(c), path);
  }
}

Result<Ref<Object>> fix_co_filename(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("_fix_co_filename", nargs, kwnames, 2, 2));
  if (!is_code(args[0]))
    return raise(exc::TypeError, "_fix_co_filename() argument 1 must be code, not {}",
                 type_name_of(args[0]));
  if (!is_str(args[1]))
    return raise(exc::TypeError, "_fix_co_filename() argument 2 must be str, not {}",
                 type_name_of(args[1]));
  auto* code = static_cast<CodeObject*>(args[0]);
  if (!str_equal(code->filename, args[1])) set_filename_recursively(code, args[1]);
  return new_none();
}

// source_hash(key, source): SipHash-1-3 of the bytes keyed with (key, 0), as 8 little-endian
// bytes — the hash stored in hash-based .pyc files.
Result<Ref<Object>> source_hash(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("source_hash", "key source");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int64_t key = TRY(index_as_i64(a[0]));
  ByteView source = TRY(byte_view(a[1]));
  uint64_t h = siphash13(static_cast<uint64_t>(key), 0, source.data(), source.size());
  char out[8];
  for (int i = 0; i < 8; i++) out[i] = static_cast<char>((h >> (8 * i)) & 0xff);
  return bytes_from(std::string_view(out, 8));
}

const MethodDef kImpFunctions[] = {
    {"lock_held", lock_held, kMethNoArgs,
     "Return True if the import lock is currently held, else False.\n\n"
     "On platforms without threads, return False."},
    {"acquire_lock", acquire_lock, kMethNoArgs,
     "Acquires the interpreter's import lock for the current thread.\n\n"
     "This lock should be used by import hooks to ensure thread-safety when importing\n"
     "modules. On platforms without threads, this function does nothing."},
    {"release_lock", release_lock, kMethNoArgs,
     "Release the interpreter's import lock.\n\n"
     "On platforms without threads, this function does nothing."},
    {"find_frozen", find_frozen, kMethFastcall,
     "Return info about the corresponding frozen module (if there is one) or None."},
    {"get_frozen_object", get_frozen_object, kMethFastcall,
     "Create a code object for a frozen module."},
    {"is_frozen_package", frozen_lookup, kMethOneArg,
     "Returns True if the module name is of a frozen package."},
    {"create_builtin", create_builtin, kMethOneArg, "Create an extension module."},
    {"init_frozen", init_frozen, kMethOneArg, "Initializes a frozen module."},
    {"is_builtin", is_builtin, kMethOneArg,
     "Returns True if the module name corresponds to a built-in module."},
    {"is_frozen", is_frozen, kMethOneArg,
     "Returns True if the module name corresponds to a frozen module."},
    {"_frozen_module_names", frozen_module_names, kMethNoArgs,
     "Returns the list of available frozen modules."},
    {"_override_frozen_modules_for_tests", override_frozen_modules_for_tests, kMethOneArg,
     "(internal-only) Override PyConfig.use_frozen_modules.\n\n"
     "(-1: \"off\", 1: \"on\", 0: no override)\n"
     "See frozen_modules() in Lib/test/support/import_helper.py."},
    {"_override_multi_interp_extensions_check", override_multi_interp_extensions_check,
     kMethOneArg,
     "(internal-only) Override PyInterpreterConfig.check_multi_interp_extensions.\n\n"
     "(-1: \"never\", 1: \"always\", 0: no override)"},
    {"exec_builtin", exec_builtin, kMethOneArg, "Initialize a built-in module."},
    {"extension_suffixes", extension_suffixes, kMethNoArgs,
     "Returns the list of file suffixes used to identify extension modules."},
    {"_fix_co_filename", fix_co_filename, kMethFastcall,
     "Changes code.co_filename to specify the passed-in file path.\n\n"
     "  code\n    Code object to change.\n  path\n    File path to use."},
    {"source_hash", source_hash, kMethFastcall, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_imp_module() {
  Ref<Object> m = TRY(module_new("_imp"));
  Object* dict = module_dict(m.get());
  Ref<Object> doc = TRY(str_from_ascii("(Extremely) low-level import machinery bits as used by importlib."));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  Ref<Object> name = TRY(str_from_ascii("_imp"));
  TRY(add_functions_to_dict(dict, kImpFunctions, m.get(), name.get()));
  Ref<Object> magic = TRY(int_from_i64(kPycMagicNumberToken));
  TRY(dict_set_item_str(dict, "pyc_magic_number_token", magic.get()));
  Ref<Object> check = TRY(str_from_ascii("default"));
  TRY(dict_set_item_str(dict, "check_hash_based_pycs", check.get()));
  return m;
}

WEFT_NATIVE_MODULE("_imp", create_imp_module);

}  // namespace
}  // namespace weft::imp_module
