// vm/import_specs.h — the bridge between Weft's native import (vm/import.cpp) and CPython's
// Lib/importlib, which runs unmodified on top of it.
//
// Until Lib's `importlib` package is imported, the native import runs alone: modules get
// `__spec__ = None` and `__loader__ = None` and nothing Python-level is called. When `importlib`
// finishes executing for the first time, install_importlib_bridge() does what CPython's start-up
// does with its frozen importlib: aliases `_frozen_importlib` / `_frozen_importlib_external`, puts
// BuiltinImporter, FrozenImporter and PathFinder on sys.meta_path, zipimporter and FileFinder's
// hook on sys.path_hooks, and gives every module already loaded a real ModuleSpec. From then on
// the native import keeps finding and executing modules itself (fast), but builds each module's
// ModuleSpec — the one importlib's own finders would return — and sets the module's attributes
// from it (importlib._bootstrap._init_module_attrs) before the module's code runs. Names the
// native search cannot find (namespace packages, modules only a program's own finder knows) and
// every import while a program's finder precedes importlib's on sys.meta_path go through Lib's
// importlib._bootstrap._gcd_import instead.
//
// Thread safety: the bridge's Python objects are published once through an atomic pointer and
// never change; every call happens with the import lock held (vm/import.h).
#pragma once

#include <string>

#include "objects/ref.h"

namespace weft::vm {

// Whether install_importlib_bridge() has completed.
bool importlib_bridge_active();

// Called once `importlib` (the package) has executed; a no-op after the first success.
Status install_importlib_bridge();

// Sets __spec__/__loader__ (and importlib's other module attributes not yet set) on `module`,
// found by the native import in sys.path entry `path_entry` at `file`. No-op unless the bridge is
// active.
Status init_path_module_spec(Object* module, Object* name, Object* path_entry,
                             const std::string& file, bool is_package);

// The same for a native (built-in) module: BuiltinImporter's spec.
Status init_builtin_module_spec(Object* module, Object* name);

// Whether a program has put a finder of its own before importlib's on sys.meta_path (or emptied
// or replaced it): then every import goes through importlib, so that finder sees it first, as in
// CPython. False while the bridge is inactive.
Result<bool> meta_path_overridden();

// importlib._bootstrap._gcd_import(name): the full Lib import (sys.meta_path, namespace packages,
// custom finders and loaders). Returns false (nothing done) while the bridge is inactive.
Result<bool> import_through_importlib(Object* name, Ref<Object>* out);

}  // namespace weft::vm
