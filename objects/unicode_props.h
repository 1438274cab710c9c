// objects/unicode_props.h — Unicode character properties and case mappings for str methods.
//
// Exact (CPython 3.14's answers) for: ASCII and Latin-1 everywhere; whitespace and line breaks
// for every code point; decimal digits (category Nd) for every code point.
// Approximate until the Unicode 16.0 tables are generated (DESIGN §10): above U+00FF, alphabetic,
// upper/lower case, printable and the simple case mappings come from glibc's C.UTF-8 locale
// (Unicode 15.0); digit/numeric beyond Nd cover the common superscripts, fractions and circled
// digits only; full case mappings (ß -> SS, İ -> i̇, ŉ, ǰ, ligatures ﬀ-ﬆ) and the final-sigma rule
// are special-cased.
#pragma once

#include <cstdint>

namespace weft::unicode {

bool is_space(uint32_t cp);       // str.isspace / split() separators
bool is_linebreak(uint32_t cp);   // str.splitlines boundaries
bool is_alpha(uint32_t cp);       // categories L*
bool is_lower(uint32_t cp);       // Lowercase property
bool is_upper(uint32_t cp);       // Uppercase property
bool is_title(uint32_t cp);       // category Lt
bool is_cased(uint32_t cp);       // lower, upper or title
bool is_case_ignorable(uint32_t cp);
int decimal_value(uint32_t cp);   // 0..9 for category Nd, else -1
int digit_value(uint32_t cp);     // the Unicode digit property, else -1
bool is_numeric(uint32_t cp);     // the Unicode numeric property
bool is_printable(uint32_t cp);   // str.isprintable / repr()
bool is_xid_start(uint32_t cp);
bool is_xid_continue(uint32_t cp);

// Full case mappings: writes 1..3 code points to out and returns how many.
int to_lower_full(uint32_t cp, uint32_t out[3]);
int to_upper_full(uint32_t cp, uint32_t out[3]);
int to_title_full(uint32_t cp, uint32_t out[3]);
int to_casefold_full(uint32_t cp, uint32_t out[3]);
// Simple (1:1) mappings.
uint32_t to_lower(uint32_t cp);
uint32_t to_upper(uint32_t cp);

}  // namespace weft::unicode
