// vm/import_specs.cpp — see import_specs.h for the design.
//
// Specs are built the way importlib's finders build them, through the same functions:
// spec_from_file_location(name, file, loader=..., submodule_search_locations=[] for packages)
// with a SourceFileLoader for a directory entry and the entry's path-entry finder (Lib's
// zipimporter) for a zip archive, and BuiltinImporter.find_spec for native modules. The module
// attributes are then set by importlib._bootstrap._init_module_attrs(spec, module), which fills
// __spec__, __loader__ and __cached__ and leaves what the native import already set (__file__,
// __path__, __package__) alone.
//
// Invariant: every function runs with the import lock held; the Bridge is immutable once
// published and intentionally never freed (the interpreter keeps importlib for its lifetime).
#include "vm/import_specs.h"

#include <sys/stat.h>

#include <atomic>
#include <new>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/import.h"
#include "vm/interp_state.h"

namespace weft::vm {
namespace {

// Borrowed-forever references (each owned by the leaked Bridge).
struct Bridge {
  Object* spec_from_file_location;  // importlib._bootstrap_external.spec_from_file_location
  Object* init_module_attrs;        // importlib._bootstrap._init_module_attrs
  Object* source_file_loader;       // importlib._bootstrap_external.SourceFileLoader
  Object* path_importer_cache;      // importlib._bootstrap_external.PathFinder._path_importer_cache
  Object* builtin_importer;         // importlib._bootstrap.BuiltinImporter
  Object* gcd_import;               // importlib._bootstrap._gcd_import
};

std::atomic<Bridge*> g_bridge{nullptr};

Result<Ref<Object>> loaded_module(const char* name) {
  Ref<Object> m;
  if (!TRY(dict_get_item(sys_modules(), str_intern(name), &m)))
    return raise(exc::ImportError, "importlib bridge: {} is not loaded", name);
  return m;
}

// Whether sys.path entry `entry` names a directory ('' is the current one).
bool is_directory(Object* entry) {
  if (!is_str(entry)) return false;
  std::string path = str_to_std_string(entry);
  struct stat st;
  return ::stat(path.empty() ? "." : path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Status apply_spec(const Bridge& b, Object* module, Object* spec) {
  if (is_none(spec)) return ok();
  Object* args[2] = {spec, module};
  TRY(call(b.init_module_attrs, args, 2));
  return ok();
}

// The path entry a module found at `file` came from: the directory holding it, one level further
// up for a package's __init__.py.
std::string entry_of(const std::string& file, bool is_package) {
  std::string dir = file.substr(0, file.rfind('/') == std::string::npos ? 0 : file.rfind('/'));
  if (is_package) dir = dir.substr(0, dir.rfind('/') == std::string::npos ? 0 : dir.rfind('/'));
  return dir;
}

// Gives every module loaded before the bridge (by path) its spec. __main__ keeps None, as in
// CPython when a script runs.
Status init_loaded_modules() {
  Ref<Object> items = TRY(dict_items_list(sys_modules()));
  Ref<Object> snapshot = TRY(tuple_from_iterable(items.get()));
  for (int64_t i = 0; i < tuple_size(snapshot.get()); i++) {
    Object* pair = tuple_item(snapshot.get(), i);
    Object* name = tuple_item(pair, 0);
    Object* module = tuple_item(pair, 1);
    if (!is_str(name) || !is_module(module) || str_equal_ascii(name, "__main__")) continue;
    Ref<Object> spec, file, path;
    if (TRY(lookup_attr(module, str_intern("__spec__"), &spec)) && !is_none(spec.get())) continue;
    if (!TRY(lookup_attr(module, str_intern("__file__"), &file)) || !is_str(file.get())) continue;
    bool is_package = TRY(lookup_attr(module, str_intern("__path__"), &path));
    std::string file_text = str_to_std_string(file.get());
    Ref<Object> entry = TRY(str_from_utf8(entry_of(file_text, is_package)));
    TRY(init_path_module_spec(module, name, entry.get(), file_text, is_package));
  }
  return ok();
}

// sys.meta_path / sys.path_hooks as CPython's start-up fills them (init_importlib and
// init_importlib_external), unless a program has already put something there.
Status install_finders(Object* bootstrap, Object* external) {
  Ref<Object> sys = TRY(loaded_module("sys"));
  Ref<Object> meta_path = TRY(get_attr(sys.get(), "meta_path"));
  if (TRY(object_length(meta_path.get())) != 0) return ok();
  for (const char* importer : {"BuiltinImporter", "FrozenImporter"}) {
    Ref<Object> finder = TRY(get_attr(bootstrap, importer));
    Object* arg = finder.get();
    TRY(call_method(meta_path.get(), "append", &arg, 1));
  }
  TRY(call_method(external, "_install", &bootstrap, 1));
  // zipimport runs `from zlib import decompress` inside an unlocked "_importing_zlib" window in
  // which a concurrent decompression fails ("zlib not available"; a Lib race free-threaded
  // CPython shares): with zlib already loaded that window is only a sys.modules lookup.
  TRY(import_module(str_intern("zlib")));
  Ref<Object> zipimport = TRY(import_module(str_intern("zipimport")));
  Ref<Object> zipimporter = TRY(get_attr(zipimport.get(), "zipimporter"));
  Ref<Object> path_hooks = TRY(get_attr(sys.get(), "path_hooks"));
  return list_insert(path_hooks.get(), 0, zipimporter.get());
}

// sys.modules[name] = module unless the name is taken.
Status register_alias(const char* name, Object* module) {
  Ref<Object> existing;
  if (TRY(dict_get_item(sys_modules(), str_intern(name), &existing))) return ok();
  return dict_set_item(sys_modules(), str_intern(name), module);
}

}  // namespace

bool importlib_bridge_active() { return g_bridge.load(std::memory_order_acquire) != nullptr; }

Status install_importlib_bridge() {
  if (importlib_bridge_active()) return ok();
  Ref<Object> bootstrap = TRY(loaded_module("importlib._bootstrap"));
  Ref<Object> external = TRY(loaded_module("importlib._bootstrap_external"));
  // Lib modules (zipimport) import the frozen names, as under CPython.
  TRY(register_alias("_frozen_importlib", bootstrap.get()));
  TRY(register_alias("_frozen_importlib_external", external.get()));

  Ref<Object> path_finder = TRY(get_attr(external.get(), "PathFinder"));
  Ref<Object> fields[] = {
      TRY(get_attr(external.get(), "spec_from_file_location")),
      TRY(get_attr(bootstrap.get(), "_init_module_attrs")),
      TRY(get_attr(external.get(), "SourceFileLoader")),
      TRY(get_attr(path_finder.get(), "_path_importer_cache")),
      TRY(get_attr(bootstrap.get(), "BuiltinImporter")),
      TRY(get_attr(bootstrap.get(), "_gcd_import")),
  };
  // The finders first: zipimport, imported here, must find its hook in place when it gets its spec.
  TRY(install_finders(bootstrap.get(), external.get()));
  auto* bridge = new (std::nothrow) Bridge{fields[0].get(), fields[1].get(), fields[2].get(),
                                           fields[3].get(), fields[4].get(), fields[5].get()};
  if (!bridge) return raise_no_memory();
  for (Ref<Object>& f : fields) (void)f.release();  // now owned by the bridge
  g_bridge.store(bridge, std::memory_order_release);
  return init_loaded_modules();
}

Status init_path_module_spec(Object* module, Object* name, Object* path_entry,
                             const std::string& file, bool is_package) {
  const Bridge* b = g_bridge.load(std::memory_order_acquire);
  if (!b) return ok();
  Ref<Object> location = TRY(str_from_utf8(file));
  Ref<Object> loader;
  if (is_directory(path_entry)) {
    Object* args[2] = {name, location.get()};
    loader = TRY(call(b->source_file_loader, args, 2));
  } else {
    loader = TRY(call_one(b->path_importer_cache, path_entry));
    if (is_none(loader.get())) return ok();
  }
  Ref<Object> search = is_package ? TRY(list_new()) : new_none();
  Ref<Object> kwnames = TRY(tuple_pack({str_intern("loader"), str_intern("submodule_search_locations")}));
  Object* args[4] = {name, location.get(), loader.get(), search.get()};
  Ref<Object> spec = TRY(call(b->spec_from_file_location, args, 2, kwnames.get()));
  return apply_spec(*b, module, spec.get());
}

Status init_builtin_module_spec(Object* module, Object* name) {
  const Bridge* b = g_bridge.load(std::memory_order_acquire);
  if (!b) return ok();
  Ref<Object> spec = TRY(call_method(b->builtin_importer, "find_spec", &name, 1));
  return apply_spec(*b, module, spec.get());
}

}  // namespace weft::vm

namespace weft::vm {

Result<bool> meta_path_overridden() {
  const Bridge* b = g_bridge.load(std::memory_order_acquire);
  if (!b) return false;
  Ref<Object> sys, meta_path;
  if (!TRY(dict_get_item(sys_modules(), str_intern("sys"), &sys))) return false;
  if (!TRY(lookup_attr(sys.get(), str_intern("meta_path"), &meta_path))) return true;
  if (!is_list(meta_path.get()) || TRY(object_length(meta_path.get())) == 0) return true;
  Ref<Object> first = TRY(list_get_item(meta_path.get(), 0));
  return first.get() != b->builtin_importer;
}

Result<bool> import_through_importlib(Object* name, Ref<Object>* out) {
  const Bridge* b = g_bridge.load(std::memory_order_acquire);
  if (!b) return false;
  *out = TRY(call_one(b->gcd_import, name));
  return true;
}

}  // namespace weft::vm
