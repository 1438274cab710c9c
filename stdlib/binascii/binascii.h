// stdlib/binascii/binascii.h — what the files of the `binascii` module share.
#pragma once

#include <cstdint>
#include <string>

#include "objects/bytes_like.h"
#include "objects/type.h"

namespace weft::binascii_module {

// binascii.Error (a ValueError) and binascii.Incomplete, made at start-up; immutable afterwards.
extern Type* g_binascii_error;
extern Type* g_binascii_incomplete;

// The bytes of an a2b_* argument: a bytes-like object, or a str of ASCII characters only
// (ValueError "string argument should contain only ASCII characters"); TypeError otherwise.
Status ascii_data(Object* arg, std::string* out);

// A flag argument: its truth value, or `dflt` when not given (nullptr).
Result<int64_t> bool_argument(Object* arg, bool dflt);

// Quoted-printable (binascii_qp.cpp).
Result<Ref<Object>> a2b_qp(Object* module, Object* const* args, size_t nargs, Object* kwnames);
Result<Ref<Object>> b2a_qp(Object* module, Object* const* args, size_t nargs, Object* kwnames);

}  // namespace weft::binascii_module
