// vm/import.cpp — see import.h for what is found where and the locking rule.
#include "vm/import.h"

#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "sync/recursive_mutex.h"
#include "vm/compiler/compile.h"
#include "vm/import_specs.h"
#include "vm/interp_state.h"
#include "vm/module_table.h"
#include "vm/run.h"
#include "vm/zipimport.h"

namespace weft::vm {
namespace {

sync::RecursiveMutex g_import_lock;
// Levels held, over all threads: lock_held() must see another thread's hold, which the
// RecursiveMutex does not expose. Incremented after taking the lock, decremented before releasing.
std::atomic<int64_t> g_import_lock_levels{0};

class ImportLock {
 public:
  ImportLock() { import_lock_acquire(); }
  ~ImportLock() { import_lock_release(); }
};

bool is_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool is_directory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return raise(exc::OSError, "could not read '{}'", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// sys.modules[name], or a null Ref (no error) when absent.
Result<bool> lookup_loaded(Object* name, Ref<Object>* out) {
  return dict_get_item(sys_modules(), name, out);
}

Error module_not_found(std::string_view message, Object* name) {
  Ref<Object> msg_obj;
  Result<Ref<Object>> msg = str_from_utf8(message);
  if (msg.is_error()) return Error{};
  Object* argv[] = {msg.value().get(), name};
  Ref<Object> kw = MUST(tuple_pack({str_intern("name")}));
  Result<Ref<Object>> exc = call(reinterpret_cast<Object*>(exc::ModuleNotFoundError), argv, 1, kw.get());
  if (exc.is_error()) return Error{};
  if (std::string problem = stdlib_problem(); !problem.empty()) {
    Ref<Object> note = TRY(str_from_utf8(problem));
    Object* note_arg = note.get();
    TRY(call_method(exc.value().get(), "add_note", &note_arg, 1));
  }
  return raise_object(exc.value().get());
}

// __main__ gets the builtins module itself, other modules its dict (as CPython does).
Status set_module_builtins(Object* dict, Object* name) {
  Ref<Object> builtins;
  if (str_equal_ascii(name, "__main__")) {
    if (!TRY(dict_get_item(sys_modules(), str_intern("builtins"), &builtins)))
      return raise(exc::ImportError, "lost builtins module");
  } else {
    builtins = new_ref(builtins_dict());
  }
  return dict_set_item(dict, str_intern("__builtins__"), builtins.get());
}

// Executes `source` in `module`'s namespace, with the module registered in sys.modules under
// `name` for the duration (removed again if execution fails).
Status exec_module_source(Object* module, Object* name, const std::string& path,
                          std::string_view source) {
  Object* dict = module_dict(module);
  Ref<Object> filename = TRY(str_from_utf8(path));
  // Pseudo-files ("<string>" for -c) have no __file__.
  if (!path.empty() && path[0] != '<') TRY(dict_set_item(dict, str_intern("__file__"), filename.get()));
  TRY(set_module_builtins(dict, name));
  TRY(dict_set_item(sys_modules(), name, module));
  Result<Ref<Object>> code = compiler::compile_source(source, filename.get(), compiler::CompileMode::Exec, {});
  Result<Ref<Object>> result = code.is_error() ? Result<Ref<Object>>(Error{})
                                               : run_code(code.value().get(), dict, dict);
  if (result.is_error()) {
    Ref<Object> exc = take_exception();
    Result<bool> removed = dict_pop(sys_modules(), name, nullptr);
    if (removed.is_error()) clear_error();
    set_exception(std::move(exc));
    return Error{};
  }
  return ok();
}

// A module source found on the search path.
struct FoundModule {
  std::string file;     // __file__: "<dir>/x.py", or "<archive>/<prefix>x.py" inside a zip
  std::string pkg_dir;  // the package's __path__ entry (packages only)
  std::string source;
  bool is_package = false;
};

// Looks for `leaf` in one directory: `<dir>/<leaf>/__init__.py` (a package) before `<dir>/<leaf>.py`.
Result<bool> find_in_directory(const std::string& dir, std::string_view leaf, FoundModule* found) {
  std::string pkg_dir = dir + "/" + std::string(leaf);
  std::string init = pkg_dir + "/__init__.py";
  std::string file = pkg_dir + ".py";
  found->is_package = is_file(init);
  if (!found->is_package && !is_file(file)) return false;
  found->file = found->is_package ? init : file;
  found->source = TRY(read_file(found->file));
  if (found->is_package) found->pkg_dir = std::move(pkg_dir);
  return true;
}

// The same lookup inside a zip archive (vm/zipimport.h), for a path entry naming the archive or a
// directory within it.
Result<bool> find_in_zip(const std::string& entry, std::string_view leaf, FoundModule* found) {
  ZipLocation loc = TRY(zip_location_for(entry));
  if (!loc.archive) return false;
  std::string inner = loc.prefix + std::string(leaf);
  const ZipArchive::Entry* member = loc.archive->find(inner + "/__init__.py");
  found->is_package = member != nullptr;
  if (!member && !(member = loc.archive->find(inner + ".py"))) return false;
  const std::string& archive = loc.archive->path();
  found->file = archive + "/" + inner + (found->is_package ? "/__init__.py" : ".py");
  found->source = TRY(loc.archive->read(*member));
  if (found->is_package) found->pkg_dir = archive + "/" + inner;
  return true;
}

// Finds `leaf` (a single name) in the entries of `search_path` (a list of str: directories or zip
// archives) and loads it as module `full_name`. Returns false when nothing matches.
Result<bool> load_from_path(Object* full_name, std::string_view leaf, Object* search_path,
                            std::string_view package_of_module, Ref<Object>* out) {
  Ref<Object> snapshot = TRY(list_snapshot(search_path));
  for (int64_t i = 0; i < tuple_size(snapshot.get()); i++) {
    Object* entry = tuple_item(snapshot.get(), i);
    if (!is_str(entry)) continue;
    std::string dir = std::string(TRY(str_utf8(entry)));
    if (dir.empty()) dir = ".";
    FoundModule found;
    bool hit = is_directory(dir) ? TRY(find_in_directory(dir, leaf, &found))
                                 : TRY(find_in_zip(dir, leaf, &found));
    if (!hit) continue;
    Ref<Object> module = TRY(module_new(full_name));
    Object* dict = module_dict(module.get());
    if (found.is_package) {
      Ref<Object> pkg_path = TRY(list_new());
      Ref<Object> d = TRY(str_from_utf8(found.pkg_dir));
      TRY(list_append(pkg_path.get(), d.get()));
      TRY(dict_set_item(dict, str_intern("__path__"), pkg_path.get()));
      TRY(dict_set_item(dict, str_intern("__package__"), full_name));
    } else {
      Ref<Object> pkg = TRY(str_from_utf8(package_of_module));
      TRY(dict_set_item(dict, str_intern("__package__"), pkg.get()));
    }
    TRY(init_path_module_spec(module.get(), full_name, entry, found.file, found.is_package));
    TRY(exec_module_source(module.get(), full_name, found.file, found.source));
    // The module may have replaced itself in sys.modules.
    Ref<Object> final_module;
    if (!TRY(lookup_loaded(full_name, &final_module))) final_module = std::move(module);
    *out = std::move(final_module);
    return true;
  }
  return false;
}

// importlib._bootstrap._find_and_load for an absolute dotted name; the import lock is held.
Result<Ref<Object>> find_and_load(Object* name) {
  Ref<Object> loaded;
  if (TRY(lookup_loaded(name, &loaded))) {
    if (is_none(loaded.get())) {
      std::string msg = "import of " + str_to_std_string(name) + " halted; None in sys.modules";
      return module_not_found(msg, name);
    }
    return loaded;
  }
  std::string full = std::string(TRY(str_utf8(name)));
  size_t dot = full.rfind('.');
  std::string parent = dot == std::string::npos ? "" : full.substr(0, dot);
  std::string leaf = dot == std::string::npos ? full : full.substr(dot + 1);
  Ref<Object> via_importlib;
  if (TRY(meta_path_overridden()) && TRY(import_through_importlib(name, &via_importlib)))
    return via_importlib;

  Ref<Object> parent_module;
  Ref<Object> search_path;
  if (!parent.empty()) {
    Ref<Object> parent_name = TRY(str_from_utf8(parent));
    parent_module = TRY(find_and_load(parent_name.get()));
    // Importing the parent may have imported us.
    if (TRY(lookup_loaded(name, &loaded))) return loaded;
    if (!TRY(lookup_attr(parent_module.get(), str_intern("__path__"), &search_path))) {
      std::string msg = "No module named '" + full + "'; '" + parent + "' is not a package";
      return module_not_found(msg, name);
    }
  } else {
    if (const NativeModuleDef* def = find_native_module(full)) {
      Ref<Object> module = TRY(def->create());
      TRY(dict_set_item(sys_modules(), name, module.get()));
      TRY(init_builtin_module_spec(module.get(), name));
      return module;
    }
    Ref<Object> sys = TRY(find_and_load(str_intern("sys")));
    search_path = TRY(get_attr(sys.get(), str_intern("path")));
  }
  Ref<Object> module;
  if (!is_list(search_path.get()) ||
      !TRY(load_from_path(name, leaf, search_path.get(), parent, &module))) {
    // importlib's finders may know it (a namespace package, a _NamespacePath __path__).
    if (TRY(import_through_importlib(name, &module))) return module;
    return module_not_found("No module named '" + full + "'", name);
  }
  // Lib's importlib has just run its own set-up: connect it to this import system.
  if (full == "importlib" && !importlib_bridge_active()) TRY(install_importlib_bridge());
  if (parent_module) {
    Ref<Object> leaf_name = TRY(str_from_utf8(leaf));
    TRY(set_attr(parent_module.get(), leaf_name.get(), module.get()));
  }
  return module;
}

// The package a relative import is relative to (importlib._bootstrap._calc___package__).
Result<std::string> calc_package(Object* globals) {
  if (!globals || is_none(globals) || !is_dict(globals))
    return raise(exc::KeyError, "'__name__' not in globals");
  Ref<Object> package;
  if (TRY(dict_get_item(globals, str_intern("__package__"), &package)) && !is_none(package.get())) {
    if (!is_str(package.get())) return raise(exc::TypeError, "package must be a string");
    return std::string(TRY(str_utf8(package.get())));
  }
  Ref<Object> name;
  if (!TRY(dict_get_item(globals, str_intern("__name__"), &name)))
    return raise(exc::KeyError, "'__name__' not in globals");
  std::string n = std::string(TRY(str_utf8(name.get())));
  Ref<Object> path;
  if (TRY(dict_get_item(globals, str_intern("__path__"), &path))) return n;
  size_t dot = n.rfind('.');
  return dot == std::string::npos ? std::string() : n.substr(0, dot);
}

// from package import a, b: import submodules named in fromlist that are not attributes yet.
Status handle_fromlist(Object* module, Object* fromlist, bool recursive) {
  Ref<Object> items = TRY(tuple_from_iterable(fromlist));
  std::string module_name;
  for (int64_t i = 0; i < tuple_size(items.get()); i++) {
    Object* x = tuple_item(items.get(), i);
    if (!is_str(x)) {
      return raise(exc::TypeError, "Item in {}.__all__ must be str, not {}",
                   recursive ? "``from list''" : "module", type_name_of(x));
    }
    if (str_equal_ascii(x, "*")) {
      Ref<Object> all;
      if (!recursive && TRY(lookup_attr(module, str_intern("__all__"), &all)))
        TRY(handle_fromlist(module, all.get(), true));
      continue;
    }
    if (TRY(has_attr(module, x))) continue;
    Ref<Object> mname = TRY(get_attr(module, str_intern("__name__")));
    std::string sub = str_to_std_string(mname.get()) + "." + std::string(TRY(str_utf8(x)));
    Ref<Object> sub_name = TRY(str_from_utf8(sub));
    Result<Ref<Object>> r = find_and_load(sub_name.get());
    if (r.is_error()) {
      // A missing submodule is not an error here: IMPORT_FROM reports the missing name.
      if (!error_matches(exc::ModuleNotFoundError)) return Error{};
      Ref<Object> exc = take_exception();
      Ref<Object> missing;
      bool same = TRY(lookup_attr(exc.get(), str_intern("name"), &missing)) &&
                  is_str(missing.get()) && str_equal(missing.get(), sub_name.get());
      if (!same) {
        set_exception(std::move(exc));
        return Error{};
      }
    }
  }
  return ok();
}

}  // namespace

void import_lock_acquire() {
  g_import_lock.lock();
  g_import_lock_levels.fetch_add(1, std::memory_order_relaxed);
}

bool import_lock_release() {
  if (!g_import_lock.is_owned_by_current_thread()) return false;
  g_import_lock_levels.fetch_sub(1, std::memory_order_relaxed);
  return g_import_lock.unlock();
}

bool import_lock_held() { return g_import_lock_levels.load(std::memory_order_relaxed) > 0; }

Result<Ref<Object>> import_module(Object* name) {
  ImportLock lock;
  return find_and_load(name);
}

Result<Ref<Object>> import_module_level(Object* name, Object* globals, Object* fromlist, int level) {
  ImportLock lock;
  std::string given = std::string(TRY(str_utf8(name)));
  std::string absolute = given;
  if (level > 0) {
    std::string package = TRY(calc_package(globals));
    if (package.empty())
      return raise(exc::ImportError, "attempted relative import with no known parent package");
    std::string base = package;
    for (int i = 1; i < level; i++) {
      size_t dot = base.rfind('.');
      if (dot == std::string::npos)
        return raise(exc::ImportError, "attempted relative import beyond top-level package");
      base = base.substr(0, dot);
    }
    absolute = given.empty() ? base : base + "." + given;
  } else if (given.empty()) {
    return raise(exc::ValueError, "Empty module name");
  }
  Ref<Object> abs_name = TRY(str_from_utf8(absolute));
  Ref<Object> module = TRY(find_and_load(abs_name.get()));
  bool has_fromlist = fromlist && !is_none(fromlist) && TRY(object_is_true(fromlist));
  if (!has_fromlist) {
    if (level == 0) {
      size_t dot = given.find('.');
      if (dot == std::string::npos) return module;
      Ref<Object> top = TRY(str_from_utf8(given.substr(0, dot)));
      return find_and_load(top.get());
    }
    if (given.empty()) return module;
    // Return the module for the first component of `given`, relative to the package.
    size_t cut = given.size() - given.substr(0, given.find('.')).size();
    Ref<Object> top = TRY(str_from_utf8(absolute.substr(0, absolute.size() - cut)));
    return find_and_load(top.get());
  }
  Ref<Object> path;
  if (TRY(lookup_attr(module.get(), str_intern("__path__"), &path)))
    TRY(handle_fromlist(module.get(), fromlist, false));
  return module;
}

Result<Ref<Object>> new_main_module() {
  Object* name = str_intern("__main__");
  Ref<Object> module = TRY(module_new(name));
  TRY(set_module_builtins(module_dict(module.get()), name));
  TRY(dict_set_item(sys_modules(), name, module.get()));
  return module;
}

// The import lock is not held: __main__ runs for the whole program and may start threads that
// import.
Result<Ref<Object>> exec_source_as_module(Object* module_name, const char* path,
                                          std::string_view source) {
  Ref<Object> module = TRY(module_new(module_name));
  TRY(exec_module_source(module.get(), module_name, path, source));
  return module;
}

}  // namespace weft::vm
