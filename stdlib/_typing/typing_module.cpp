// stdlib/_typing/typing_module.cpp — the `_typing` module Lib/typing.py imports its core from:
// TypeVar, ParamSpec, TypeVarTuple, ParamSpecArgs, ParamSpecKwargs, TypeAliasType, Generic,
// Union (types.UnionType), NoDefault and _idfunc. The objects live in objects/typevar.h and
// objects/union.h (the compiler's PEP 695 intrinsics build the same types); this file only
// publishes them. The module is immutable after creation.
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/typevar.h"
#include "objects/union.h"
#include "vm/module_table.h"

namespace weft::typing_module {
namespace {

// _idfunc(x): returns x (typing.NewType's __call__).
Result<Ref<Object>> idfunc(Object*, Object* const* args, size_t, Object*) {
  return Ref<Object>::borrow(args[0]);
}

const MethodDef kTypingFunctions[] = {
    {"_idfunc", idfunc, kMethOneArg, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_typing_module() {
  Ref<Object> m = TRY(module_new("_typing"));
  Ref<Object> name = TRY(str_from_ascii("_typing"));
  Object* dict = module_dict(m.get());
  Ref<Object> doc = TRY(str_from_ascii("Primitives and accelerators for the typing module.\n"));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  TRY(add_functions_to_dict(dict, kTypingFunctions, m.get(), name.get()));
  struct Entry {
    const char* name;
    Object* value;
  };
  const Entry entries[] = {
      {"TypeVar", &TypeVarType},
      {"ParamSpec", &ParamSpecType},
      {"TypeVarTuple", &TypeVarTupleType},
      {"ParamSpecArgs", &ParamSpecArgsType},
      {"ParamSpecKwargs", &ParamSpecKwargsType},
      {"TypeAliasType", &TypeAliasTypeType},
      {"Generic", &GenericType},
      {"Union", &UnionType},
      {"NoDefault", no_default()},
  };
  for (const Entry& e : entries) TRY(dict_set_item_str(dict, e.name, e.value));
  return m;
}

WEFT_NATIVE_MODULE("_typing", create_typing_module);

}  // namespace
}  // namespace weft::typing_module
