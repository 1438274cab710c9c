// objects/unicode_props.cpp — character properties for str (see unicode_props.h for what is exact
// and what is approximate until the generated Unicode 16.0 tables land).
//
// Latin-1 answers are written out here from the Unicode database so the common case is exact and
// independent of the C library. Wider code points consult glibc's C.UTF-8 locale through a
// locale_t created once (newlocale is thread-safe; the *_l functions never touch the global
// locale), plus exact tables for whitespace, Nd digits and titlecase letters.
#include "objects/unicode_props.h"

#include <locale.h>
#include <wctype.h>

#include <algorithm>
#include <iterator>

namespace weft::unicode {

namespace {

locale_t utf8_locale() {
  static const locale_t loc = newlocale(LC_ALL_MASK, "C.UTF-8", locale_t(0));
  return loc;
}

// First code point of every run of ten Nd digits (Unicode 16.0).
constexpr uint32_t kDecimalZeros[] = {
    0x30,    0x660,   0x6f0,   0x7c0,   0x966,   0x9e6,   0xa66,   0xae6,   0xb66,   0xbe6,
    0xc66,   0xce6,   0xd66,   0xde6,   0xe50,   0xed0,   0xf20,   0x1040,  0x1090,  0x17e0,
    0x1810,  0x1946,  0x19d0,  0x1a80,  0x1a90,  0x1b50,  0x1bb0,  0x1c40,  0x1c50,  0xa620,
    0xa8d0,  0xa900,  0xa9d0,  0xa9f0,  0xaa50,  0xabf0,  0xff10,  0x104a0, 0x10d30, 0x10d40,
    0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x116d0,
    0x116da, 0x11730, 0x118e0, 0x11950, 0x11bf0, 0x11c50, 0x11d50, 0x11da0, 0x11f50, 0x16130,
    0x16a60, 0x16ac0, 0x16b50, 0x16d70, 0x1ccf0, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6,
    0x1e140, 0x1e2f0, 0x1e4f0, 0x1e5f1, 0x1e950, 0x1fbf0};

// Category Lt (Unicode 16.0): 0x1c5 0x1c8 0x1cb 0x1f2 and four Greek runs.
bool is_titlecase_letter(uint32_t cp) {
  return cp == 0x1c5 || cp == 0x1c8 || cp == 0x1cb || cp == 0x1f2 ||
         (cp >= 0x1f88 && cp <= 0x1f8f) || (cp >= 0x1f98 && cp <= 0x1f9f) ||
         (cp >= 0x1fa8 && cp <= 0x1faf) || cp == 0x1fbc || cp == 0x1fcc || cp == 0x1ffc;
}

// Format characters (category Cf) that glibc counts as printable.
bool is_format_char(uint32_t cp) {
  return cp == 0xad || (cp >= 0x600 && cp <= 0x605) || cp == 0x61c || cp == 0x6dd ||
         cp == 0x70f || cp == 0x890 || cp == 0x891 || cp == 0x8e2 || cp == 0x180e ||
         (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206f) || cp == 0xfeff ||
         (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0x110bd || cp == 0x110cd ||
         (cp >= 0x13430 && cp <= 0x1343f) || (cp >= 0x1bca0 && cp <= 0x1bca3) ||
         (cp >= 0x1d173 && cp <= 0x1d17a) || cp == 0xe0001 || (cp >= 0xe0020 && cp <= 0xe007f);
}

bool latin1_alpha(uint32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp == 0xaa || cp == 0xb5 ||
         cp == 0xba || (cp >= 0xc0 && cp <= 0xff && cp != 0xd7 && cp != 0xf7);
}
bool latin1_lower(uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || cp == 0xaa || cp == 0xb5 || cp == 0xba ||
         (cp >= 0xdf && cp <= 0xff && cp != 0xf7);
}
bool latin1_upper(uint32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde && cp != 0xd7);
}

struct SpecialCase {
  uint32_t cp;
  uint32_t lower[3], upper[3], title[3], fold[3];
};
// Full (one-to-many) mappings of SpecialCasing.txt / CaseFolding.txt that matter in practice.
constexpr SpecialCase kSpecial[] = {
    {0xdf, {0xdf}, {'S', 'S'}, {'S', 's'}, {'s', 's'}},
    {0x130, {'i', 0x307}, {0x130}, {0x130}, {'i', 0x307}},
    {0x149, {0x149}, {0x2bc, 'N'}, {0x2bc, 'N'}, {0x2bc, 'n'}},
    {0x1f0, {0x1f0}, {'J', 0x30c}, {'J', 0x30c}, {'j', 0x30c}},
    {0x390, {0x390}, {0x399, 0x308, 0x301}, {0x399, 0x308, 0x301}, {0x3b9, 0x308, 0x301}},
    {0x3b0, {0x3b0}, {0x3a5, 0x308, 0x301}, {0x3a5, 0x308, 0x301}, {0x3c5, 0x308, 0x301}},
    {0x587, {0x587}, {0x535, 0x552}, {0x535, 0x582}, {0x565, 0x582}},
    {0x1e9e, {0xdf}, {0x1e9e}, {0x1e9e}, {'s', 's'}},
    {0xfb00, {0xfb00}, {'F', 'F'}, {'F', 'f'}, {'f', 'f'}},
    {0xfb01, {0xfb01}, {'F', 'I'}, {'F', 'i'}, {'f', 'i'}},
    {0xfb02, {0xfb02}, {'F', 'L'}, {'F', 'l'}, {'f', 'l'}},
    {0xfb03, {0xfb03}, {'F', 'F', 'I'}, {'F', 'f', 'i'}, {'f', 'f', 'i'}},
    {0xfb04, {0xfb04}, {'F', 'F', 'L'}, {'F', 'f', 'l'}, {'f', 'f', 'l'}},
    {0xfb05, {0xfb05}, {'S', 'T'}, {'S', 't'}, {'s', 't'}},
    {0xfb06, {0xfb06}, {'S', 'T'}, {'S', 't'}, {'s', 't'}},
};

const SpecialCase* find_special(uint32_t cp) {
  if (cp != 0xdf && cp < 0x130) return nullptr;
  for (const SpecialCase& s : kSpecial)
    if (s.cp == cp) return &s;
  return nullptr;
}

int copy_mapping(const uint32_t (&m)[3], uint32_t out[3]) {
  int n = 0;
  while (n < 3 && m[n]) { out[n] = m[n]; ++n; }
  return n;
}

uint32_t glibc_title(uint32_t cp) {
  static const wctrans_t totitle = wctrans_l("totitle", utf8_locale());
  if (!utf8_locale() || !totitle) return to_upper(cp);
  return uint32_t(towctrans_l(wint_t(cp), totitle, utf8_locale()));
}

}  // namespace

bool is_space(uint32_t cp) {
  if (cp < 128) return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
  return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

bool is_linebreak(uint32_t cp) {
  return (cp >= 0x0a && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1e) || cp == 0x85 ||
         cp == 0x2028 || cp == 0x2029;
}

int decimal_value(uint32_t cp) {
  if (cp < 128) return (cp >= '0' && cp <= '9') ? int(cp - '0') : -1;
  const uint32_t* it = std::upper_bound(std::begin(kDecimalZeros), std::end(kDecimalZeros), cp);
  if (it == std::begin(kDecimalZeros)) return -1;
  uint32_t zero = *(it - 1);
  return cp - zero < 10 ? int(cp - zero) : -1;
}

int digit_value(uint32_t cp) {
  int d = decimal_value(cp);
  if (d >= 0) return d;
  if (cp == 0xb2 || cp == 0xb3) return int(cp - 0xb0);
  if (cp == 0xb9) return 1;
  if (cp == 0x2070) return 0;
  if (cp >= 0x2074 && cp <= 0x2079) return int(cp - 0x2070);
  if (cp >= 0x2080 && cp <= 0x2089) return int(cp - 0x2080);
  if (cp >= 0x2460 && cp <= 0x2468) return int(cp - 0x2460 + 1);
  if (cp >= 0x2474 && cp <= 0x247c) return int(cp - 0x2474 + 1);
  if (cp >= 0x2488 && cp <= 0x2490) return int(cp - 0x2488 + 1);
  if (cp == 0x24ea || cp == 0x24ff) return 0;
  if (cp >= 0x24f5 && cp <= 0x24fd) return int(cp - 0x24f5 + 1);
  if (cp >= 0x2776 && cp <= 0x277e) return int(cp - 0x2776 + 1);
  if (cp >= 0x2780 && cp <= 0x2788) return int(cp - 0x2780 + 1);
  if (cp >= 0x278a && cp <= 0x2792) return int(cp - 0x278a + 1);
  return -1;
}

bool is_numeric(uint32_t cp) {
  if (digit_value(cp) >= 0) return true;
  if (cp >= 0xbc && cp <= 0xbe) return true;
  if (cp < 0x2150) return false;
  return (cp >= 0x2150 && cp <= 0x2189) || (cp >= 0x2460 && cp <= 0x249b) ||
         (cp >= 0x24ea && cp <= 0x24ff) || (cp >= 0x2776 && cp <= 0x2793) || cp == 0x3007 ||
         (cp >= 0x3021 && cp <= 0x3029) || cp == 0x4e00 || cp == 0x4e8c || cp == 0x4e09 ||
         cp == 0x56db || cp == 0x4e94 || cp == 0x516d || cp == 0x4e03 || cp == 0x516b ||
         cp == 0x4e5d || cp == 0x5341 || cp == 0x767e || cp == 0x5343 || cp == 0x4e07 ||
         cp == 0x5104;
}

bool is_alpha(uint32_t cp) {
  if (cp < 256) return latin1_alpha(cp);
  if (decimal_value(cp) >= 0) return false;
  locale_t loc = utf8_locale();
  return loc && iswalpha_l(wint_t(cp), loc);
}

bool is_lower(uint32_t cp) {
  if (cp < 256) return latin1_lower(cp);
  locale_t loc = utf8_locale();
  return loc && iswlower_l(wint_t(cp), loc);
}

bool is_upper(uint32_t cp) {
  if (cp < 256) return latin1_upper(cp);
  if (is_titlecase_letter(cp)) return false;
  locale_t loc = utf8_locale();
  return loc && iswupper_l(wint_t(cp), loc);
}

bool is_title(uint32_t cp) { return is_titlecase_letter(cp); }

bool is_cased(uint32_t cp) { return is_lower(cp) || is_upper(cp) || is_title(cp); }

bool is_case_ignorable(uint32_t cp) {
  // Common members of Case_Ignorable: apostrophes, periods, colons, combining marks, modifiers.
  return cp == '\'' || cp == '.' || cp == ':' || cp == '^' || cp == '`' || cp == 0xa8 ||
         cp == 0xad || cp == 0xaf || cp == 0xb4 || cp == 0xb7 || cp == 0xb8 ||
         (cp >= 0x2b0 && cp <= 0x36f) || cp == 0x2019 || cp == 0x2018 || cp == 0x2024 ||
         (cp >= 0x200b && cp <= 0x200f);
}

bool is_printable(uint32_t cp) {
  if (cp < 128) return cp >= 0x20 && cp < 0x7f;
  if (cp < 256) return cp > 0xa0 && cp != 0xad;
  if (is_space(cp) || is_format_char(cp) || (cp >= 0xd800 && cp <= 0xf8ff) || cp >= 0xf0000)
    return false;
  locale_t loc = utf8_locale();
  return loc && iswprint_l(wint_t(cp), loc);
}

bool is_xid_start(uint32_t cp) {
  if (cp < 128) return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
  return is_alpha(cp) || (cp >= 0x2160 && cp <= 0x2188) || cp == 0x3007 ||
         (cp >= 0x3021 && cp <= 0x3029);
}

bool is_xid_continue(uint32_t cp) {
  if (cp < 128)
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
  return is_xid_start(cp) || decimal_value(cp) >= 0 || cp == 0xb7 ||
         (cp >= 0x300 && cp <= 0x36f) || cp == 0x387 || (cp >= 0x203f && cp <= 0x2040);
}

uint32_t to_lower(uint32_t cp) {
  if (cp < 128) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp < 256) return (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) ? cp + 32 : cp;
  if (cp == 0x130) return 'i';
  locale_t loc = utf8_locale();
  return loc ? uint32_t(towlower_l(wint_t(cp), loc)) : cp;
}

uint32_t to_upper(uint32_t cp) {
  if (cp < 128) return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
  if (cp < 256) {
    if (cp == 0xb5) return 0x39c;
    if (cp == 0xff) return 0x178;
    return (cp >= 0xe0 && cp <= 0xfe && cp != 0xf7) ? cp - 32 : cp;
  }
  locale_t loc = utf8_locale();
  return loc ? uint32_t(towupper_l(wint_t(cp), loc)) : cp;
}

int to_lower_full(uint32_t cp, uint32_t out[3]) {
  if (const SpecialCase* s = find_special(cp)) return copy_mapping(s->lower, out);
  out[0] = to_lower(cp);
  return 1;
}

int to_upper_full(uint32_t cp, uint32_t out[3]) {
  if (const SpecialCase* s = find_special(cp)) return copy_mapping(s->upper, out);
  out[0] = to_upper(cp);
  return 1;
}

int to_title_full(uint32_t cp, uint32_t out[3]) {
  if (const SpecialCase* s = find_special(cp)) return copy_mapping(s->title, out);
  out[0] = cp < 256 ? to_upper(cp) : glibc_title(cp);
  return 1;
}

int to_casefold_full(uint32_t cp, uint32_t out[3]) {
  if (const SpecialCase* s = find_special(cp)) return copy_mapping(s->fold, out);
  if (cp == 0xb5) { out[0] = 0x3bc; return 1; }
  if (cp == 0x3c2) { out[0] = 0x3c3; return 1; }  // final sigma folds to sigma
  out[0] = to_lower(cp);
  return 1;
}

}  // namespace weft::unicode
