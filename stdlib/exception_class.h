// stdlib/exception_class.h — the exception classes native modules define (struct.error,
// binascii.Error...): heap classes made as `type(name, bases, {'__module__': module})`, like
// CPython's PyErr_NewException, so they pickle, subclass and print like Python-defined ones.
// Modules make them once at start-up (kPhaseObjects) and never change them afterwards.
#pragma once

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft {

// A new exception class `module.name` deriving from `base`; the caller keeps the reference.
inline Result<Type*> new_exception_class(const char* module, const char* name, Type* base) {
  Ref<Object> name_obj = TRY(str_from_ascii(name));
  Ref<Object> bases = TRY(tuple_pack({reinterpret_cast<Object*>(base)}));
  Ref<Object> ns = TRY(dict_new());
  Ref<Object> module_obj = TRY(str_from_ascii(module));
  TRY(dict_set_item_str(ns.get(), "__module__", module_obj.get()));
  Object* args[] = {name_obj.get(), bases.get(), ns.get()};
  Ref<Object> cls = TRY(call(reinterpret_cast<Object*>(&TypeType), args, 3));
  return reinterpret_cast<Type*>(cls.release());
}

}  // namespace weft
