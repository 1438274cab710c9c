// objects/unicode_db_normalize.cpp — Unicode normalization (UAX #15): NFC, NFD, NFKC, NFKD.
//
// Decomposition expands each code point recursively through the canonical (and, for the K
// forms, compatibility) mappings of unicode_db.h, Hangul syllables arithmetically, then puts
// every run of non-starters in canonical order (a stable sort by combining class). Composition
// walks the result once, joining each character to the last starter when nothing between them
// blocks it (a starter, or a character of equal or higher combining class) and the pair has a
// primary composite. For Unicode 3.2.0 (CPython's ucd_3_2_0) only decomposition differs:
// characters unassigned in 3.2.0 stay whole and the 3.2.0 corrections apply; combining classes
// and compositions are the current ones, as in CPython. Works on the caller's buffers only:
// thread-safe.
#include <algorithm>

#include "objects/unicode_db.h"

namespace weft::unicode {

namespace {

void decompose_into(uint32_t cp, bool compat, UcdVersion v, std::vector<uint32_t>& out) {
  if (hangul::is_syllable(cp)) {
    using namespace hangul;
    uint32_t s = cp - kSBase;
    out.push_back(kLBase + s / kNCount);
    out.push_back(kVBase + (s % kNCount) / kTCount);
    if (s % kTCount) out.push_back(kTBase + s % kTCount);
    return;
  }
  if (v == UcdVersion::k3_2_0) {
    if (uint32_t corrected = normalization_3_2_0(cp)) return decompose_into(corrected, compat, v, out);
  }
  std::optional<Decomposition> d = decomposition(cp, v);
  if (!d || (!compat && d->tag[0] != '\0')) {
    out.push_back(cp);
    return;
  }
  for (int i = 0; i < d->count; ++i) decompose_into(d->code_points[i], compat, v, out);
}

// Stable sort of every run of non-starters by combining class.
void canonical_order(std::vector<uint32_t>& cps) {
  size_t i = 0;
  while (i < cps.size()) {
    if (combining(cps[i]) == 0) { ++i; continue; }
    size_t j = i;
    while (j < cps.size() && combining(cps[j]) != 0) ++j;
    if (j - i > 1)
      std::stable_sort(cps.begin() + long(i), cps.begin() + long(j),
                       [](uint32_t a, uint32_t b) { return combining(a) < combining(b); });
    i = j;
  }
}

void compose(std::vector<uint32_t>& cps) {
  size_t starter = SIZE_MAX;  // index in the output of the last starter
  int last_class = -1;        // class of the last character kept after it; -1: none
  size_t kept = 0;
  for (size_t i = 0; i < cps.size(); ++i) {
    uint32_t cp = cps[i];
    int cls = combining(cp);
    if (starter != SIZE_MAX && (last_class == -1 || (last_class != 0 && last_class < cls))) {
      if (uint32_t composite = compose_pair(cps[starter], cp)) {
        cps[starter] = composite;
        continue;
      }
    }
    if (cls == 0) {
      starter = kept;
      last_class = -1;
    } else {
      last_class = cls;
    }
    cps[kept++] = cp;
  }
  cps.resize(kept);
}

bool is_compat(NormalForm f) { return f == NormalForm::kNFKC || f == NormalForm::kNFKD; }
bool is_composed(NormalForm f) { return f == NormalForm::kNFC || f == NormalForm::kNFKC; }

}  // namespace

void normalize(NormalForm form, const uint32_t* cps, size_t n, UcdVersion v,
               std::vector<uint32_t>& out) {
  out.clear();
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) decompose_into(cps[i], is_compat(form), v, out);
  canonical_order(out);
  if (is_composed(form)) compose(out);
}

}  // namespace weft::unicode
