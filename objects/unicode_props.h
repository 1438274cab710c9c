// objects/unicode_props.h — Unicode character properties and case mappings for str methods.
//
// Exact for every code point: the answers of CPython 3.14 (Unicode 16.0.0), read from tables
// generated from CPython's own unicodedata (objects/unicode_db_tables.inc, see objects/README.md).
// Full case mappings include SpecialCasing.txt's unconditional entries (ß -> SS, İ -> i̇, ŉ, ǰ,
// ligatures); the context-dependent final-sigma rule is the caller's (str_methods_case.cpp), as
// in CPython. The unicodedata-level properties are in objects/unicode_db.h. Thread-safe
// (immutable data).
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
