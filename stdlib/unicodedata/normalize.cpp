// stdlib/unicodedata/normalize.cpp — unicodedata.normalize / is_normalized on str objects: the
// form name, an ASCII fast path (ASCII text is its own normal form in all four forms, returned
// at once), and the input itself returned when already normal. The algorithm is
// objects/unicode_db_normalize.cpp. Works on private buffers only: thread-safe.
#include "stdlib/unicodedata/normalize.h"

#include <vector>

#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"

namespace weft::unicodedata_module {

namespace uc = unicode;

namespace {

std::vector<uint32_t> code_points_of(Object* s) {
  std::vector<uint32_t> cps(size_t(str_length(s)));
  for (size_t i = 0; i < cps.size(); ++i) cps[i] = str_char_at(s, int64_t(i));
  return cps;
}

}  // namespace

Result<NormalForm> parse_form(Object* name) {
  if (str_equal_ascii(name, "NFC")) return NormalForm::kNFC;
  if (str_equal_ascii(name, "NFD")) return NormalForm::kNFD;
  if (str_equal_ascii(name, "NFKC")) return NormalForm::kNFKC;
  if (str_equal_ascii(name, "NFKD")) return NormalForm::kNFKD;
  return raise(exc::ValueError, "invalid normalization form");
}

Result<Ref<Object>> normalize(NormalForm form, Object* s, uc::UcdVersion v) {
  if (str_is_ascii(s)) return Ref<Object>::borrow(s);
  std::vector<uint32_t> in = code_points_of(s), out;
  uc::normalize(form, in.data(), in.size(), v, out);
  if (out == in) return Ref<Object>::borrow(s);
  return str_from_code_points(out.data(), out.size());
}

Result<bool> is_normalized(NormalForm form, Object* s, uc::UcdVersion v) {
  if (str_is_ascii(s)) return true;
  std::vector<uint32_t> in = code_points_of(s), out;
  uc::normalize(form, in.data(), in.size(), v, out);
  return out == in;
}

}  // namespace weft::unicodedata_module
