// objects/import_hook.h — importing a Python module from objects/.
//
// objects/ may not include vm/ (DESIGN §2), yet a few built-in behaviours are defined by Python
// modules: object.__reduce_ex__ uses copyreg, Union[...] checks call typing. The VM installs its
// importer here at start-up (vm/vm_hooks.cpp, kPhaseFill: before any Python code runs).
#pragma once

#include "objects/ref.h"

namespace weft {

using ImportModuleFn = Result<Ref<Object>> (*)(Object* module_name);
void set_import_module_hook(ImportModuleFn fn);

// `import name` (absolute); ImportError if no importer is installed yet.
Result<Ref<Object>> import_module_for_objects(const char* name);

}  // namespace weft
