// stdlib/_codecs/codecs_module.cpp — assembles the `_codecs` module (CPython's
// Modules/_codecsmodule.c) from the function tables of the other files in this folder:
// the registry (codecs_registry.cpp), the Unicode/charmap codecs (codecs_unicode.cpp) and the
// escape codecs (codecs_escape.cpp). The module object holds no state of its own.
#include "objects/descr.h"
#include "objects/module.h"
#include "objects/str.h"
#include "stdlib/_codecs/codecs_internal.h"
#include "vm/module_table.h"

namespace weft::codecs_module {
namespace {

Result<Ref<Object>> create_codecs_module() {
  Ref<Object> m = TRY(module_new("_codecs"));
  Ref<Object> name = TRY(str_from_ascii("_codecs"));
  for (const MethodDef* table : {kRegistryFunctions, kUnicodeCodecFunctions, kEscapeCodecFunctions})
    TRY(add_functions_to_dict(module_dict(m.get()), table, m.get(), name.get()));
  return m;
}

WEFT_NATIVE_MODULE("_codecs", create_codecs_module);

}  // namespace
}  // namespace weft::codecs_module
