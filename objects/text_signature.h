// objects/text_signature.h — __text_signature__ of built-in callables, which inspect.signature()
// reads: "($self, /, sep=None, maxsplit=-1)" for str.split, "($module, obj, /)" for len.
//
// The strings are CPython 3.14's own (objects/text_signature_table.inc, generated from CPython by
// objects/tools/dump_text_signatures.py), looked up by the owner's name and the callable's name;
// a callable CPython gives no signature has none here either (the attribute is None).
#pragma once

#include "objects/type.h"

namespace weft {

// The signature of function or method `name` of `owner` (a type name such as "str", or a module
// name such as "builtins"), or nullptr.
const char* builtin_text_signature(const char* owner, const char* name);
// The signature of the slot wrapper for dunder `name` (the same for every type), or nullptr.
const char* slot_text_signature(const char* name);
// type.__text_signature__ of a built-in type ("(iterable=(), /)" for list), or nullptr.
const char* type_text_signature(const Type* t);

// The attribute value: a str, or None when `signature` is nullptr.
Result<Ref<Object>> text_signature_object(const char* signature);

}  // namespace weft
