// stdlib/builtins/module.cpp — assembles the `builtins` module: the function tables of this
// folder, the built-in types, the constants and every built-in exception class.
#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/set.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/builtins/builtins.h"
#include "stdlib/exception_class.h"
#include "vm/compiler/syntax_error.h"
#include "vm/interp_state.h"
#include "vm/module_table.h"

namespace weft::builtins {
namespace {

struct NamedType {
  const char* name;
  Type* type;
};

// The built-in types visible as names in builtins (CPython's _PyBuiltin_Init order).
const NamedType kTypes[] = {
    {"bool", &BoolType},
    {"classmethod", &ClassMethodType},
    {"dict", &DictType},
    {"float", &FloatType},
    {"frozenset", &FrozenSetType},
    {"property", &PropertyType},
    {"int", &IntType},
    {"list", &ListType},
    {"object", &ObjectType},
    {"set", &SetType},
    {"slice", &SliceType},
    {"staticmethod", &StaticMethodType},
    {"str", &StrType},
    {"tuple", &TupleType},
    {"type", &TypeType},
    {"bytes", &BytesType},
};

Result<Ref<Object>> create_builtins_module() {
  Ref<Object> m = TRY(module_new("builtins"));
  Object* d = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("builtins"));
  Ref<Object> doc = TRY(str_from_ascii(
      "Built-in functions, types, exceptions, and other objects.\n\nThis module provides "
      "direct access to all 'built-in' identifiers of Python; for example, builtins.len is\n"
      "the full name for the built-in function len().\n\nThis module is not normally accessed "
      "explicitly by most applications, but can be\nuseful in modules that provide objects with "
      "the same name as a built-in value,\nbut in which the built-in of that name is also needed."));
  TRY(dict_set_item(d, str_intern("__doc__"), doc.get()));
  for (const MethodDef* table :
       {kCoreFunctions, kAttributeFunctions, kIoFunctions, kCodeFunctions, kAsyncIterFunctions})
    TRY(add_functions_to_dict(d, table, m.get(), name.get()));
  for (const NamedType& t : kTypes)
    TRY(dict_set_item_str(d, t.name, reinterpret_cast<Object*>(t.type)));
  for (Type* t : extra_builtin_types()) {
    Ref<Object> type_name_obj = TRY(str_from_utf8(type_short_name(t)));
    TRY(dict_set_item(d, type_name_obj.get(), reinterpret_cast<Object*>(t)));
  }
#define WEFT_ADD_EXC(name) TRY(dict_set_item_str(d, #name, reinterpret_cast<Object*>(exc::name)));
  WEFT_EXCEPTION_LIST(WEFT_ADD_EXC)
#undef WEFT_ADD_EXC
  // codeop's "read more input" signal (vm/compiler/syntax_error.h).
  Type* incomplete = TRY(new_exception_class("builtins", "_IncompleteInputError", exc::SyntaxError));
  compiler::set_incomplete_input_error_type(incomplete);
  TRY(dict_set_item_str(d, "_IncompleteInputError", reinterpret_cast<Object*>(incomplete)));
  // EnvironmentError and IOError are aliases of OSError.
  TRY(dict_set_item_str(d, "EnvironmentError", reinterpret_cast<Object*>(exc::OSError)));
  TRY(dict_set_item_str(d, "IOError", reinterpret_cast<Object*>(exc::OSError)));
  TRY(dict_set_item_str(d, "None", none()));
  TRY(dict_set_item_str(d, "Ellipsis", &EllipsisObject));
  TRY(dict_set_item_str(d, "NotImplemented", not_implemented()));
  TRY(dict_set_item_str(d, "True", py_true()));
  TRY(dict_set_item_str(d, "False", py_false()));
  TRY(dict_set_item_str(d, "__debug__", py_true()));
  vm::set_builtins_dict(d);
  return m;
}

WEFT_NATIVE_MODULE("builtins", create_builtins_module);

}  // namespace
}  // namespace weft::builtins
