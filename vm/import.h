// vm/import.h — the import system behind `import` statements and builtins.__import__.
//
// Finders, in CPython's meta-path order: modules already in sys.modules; native modules
// (vm/module_table.h, top-level names only); then source files along the search path (sys.path for
// top-level names, the parent package's __path__ for submodules): `<dir>/<name>/__init__.py`
// (a package) or `<dir>/<name>.py`; a path entry that is a zip archive, or a directory inside one
// (a zipped package's __path__), is searched the same way through vm/zipimport.h — that is how
// the stdlib zip is imported. Bytecode caches, namespace packages, sys.meta_path/path_hooks
// objects, __spec__/__loader__ and importlib's loaders are not there yet.
//
// Thread safety: one process-wide recursive import lock serialises finding and executing
// modules, so two threads never execute the same module body twice. (CPython uses per-module
// locks with deadlock detection; a module body that waits for another thread's import would
// deadlock here — documented in docs/differences.md until per-module locks land.)
#pragma once

#include "objects/ref.h"

namespace weft::vm {

// __import__(name, globals, locals, fromlist, level) semantics (importlib._bootstrap.__import__):
// returns the top-level package when `fromlist` is empty, else the named module itself.
// `globals` (may be nullptr/None) is used for relative imports (level > 0).
Result<Ref<Object>> import_module_level(Object* name, Object* globals, Object* fromlist, int level);

// Imports the absolute dotted name and returns that module (importlib.import_module).
Result<Ref<Object>> import_module(Object* name);

// An empty `__main__` module (with __builtins__) registered in sys.modules, as CPython's start-up
// makes it; `-m` creates it before runpy replaces its contents.
Result<Ref<Object>> new_main_module();

// The import lock (_imp.acquire_lock / release_lock / lock_held): one process-wide recursive lock,
// the same one every native import holds while it finds and loads a module, so Python code that
// takes it (importlib._bootstrap) excludes native imports too. Waiting detaches the thread state.
void import_lock_acquire();
// Releases one level; false (nothing changed) when the calling thread does not hold the lock.
bool import_lock_release();
// Whether any thread holds the lock.
bool import_lock_held();

// Runs a source file as module `module_name` (a new module object registered in sys.modules):
// the `weft FILE` and `-m` paths use it with "__main__". `path` is the file's path as shown in
// tracebacks; returns the module.
Result<Ref<Object>> exec_source_as_module(Object* module_name, const char* path,
                                          std::string_view source);

}  // namespace weft::vm
