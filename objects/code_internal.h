// objects/code_internal.h — what code.cpp (the type, location tables) and code_replace.cpp
// (replace, equality, hash) share. Other code uses objects/code.h.
#pragma once

#include "objects/code.h"

namespace weft::code_detail {

// The names of `c`'s localsplus entries whose kind has a bit of `mask` and none of `exclude`.
Result<Ref<Object>> names_of_kind(const CodeObject* c, uint8_t mask, uint8_t exclude = 0);

// code.replace(**changes) and code.__replace__ (copy.replace).
Result<Ref<Object>> code_replace(Object* self, Object* const* args, size_t nargs, Object* kwnames);
// code._varname_from_oparg(oparg): co_localsplusnames[oparg] (dis uses it).
Result<Ref<Object>> code_varname_from_oparg(Object* self, Object* const* args, size_t nargs,
                                            Object* kwnames);
// CPython's code_richcompare and code_hash.
Result<bool> codes_equal(Object* a, Object* b);
Result<Ref<Object>> code_richcompare(Object* a, Object* b, CompareOp op);
Result<int64_t> code_hash(Object* self);

}  // namespace weft::code_detail
