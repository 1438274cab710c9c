// stdlib/unicodedata/normalize.h — normalize() and is_normalized() on str objects, over the
// algorithm of objects/unicode_db_normalize.cpp.
#pragma once

#include "core/result.h"
#include "objects/ref.h"
#include "objects/unicode_db.h"

namespace weft::unicodedata_module {

using unicode::NormalForm;

// The form named "NFC", "NFD", "NFKC" or "NFKD", else ValueError "invalid normalization form".
Result<NormalForm> parse_form(Object* name);
// normalize(form, s) for a str `s`; returns `s` itself when it is already normalized. With
// UcdVersion::k3_2_0, characters unassigned in Unicode 3.2.0 do not decompose and the 3.2.0
// normalization corrections apply (CPython's ucd_3_2_0.normalize).
Result<Ref<Object>> normalize(NormalForm form, Object* s, unicode::UcdVersion v);
Result<bool> is_normalized(NormalForm form, Object* s, unicode::UcdVersion v);

}  // namespace weft::unicodedata_module
