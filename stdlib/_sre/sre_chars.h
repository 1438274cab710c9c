// stdlib/_sre/sre_chars.h — character predicates and case mappings of the regular-expression
// engine: the CATEGORY_* tests, the three ignore-case flavours (ASCII, locale, Unicode) and the
// charset interpreter (IN's operand: LITERAL, RANGE, CHARSET bitmaps, BIGCHARSET blocks, CATEGORY,
// NEGATE), with CPython's Modules/_sre semantics.
//
// The ASCII tests are inline (they run per character in the matcher's inner loops); the Unicode
// and locale ones live in sre_chars.cpp over objects/unicode_props.h. "Locale" is the C library's
// current LC_CTYPE for code points below 256, as in CPython. Everything here is pure: safe from
// any thread.
#pragma once

#include <cstdint>

namespace weft::sre {

inline bool ascii_is_digit(uint32_t ch) { return ch >= '0' && ch <= '9'; }
inline bool ascii_is_alpha(uint32_t ch) { return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'; }
inline bool ascii_is_word(uint32_t ch) {
  return ch < 128 && (ascii_is_alpha(ch) || ascii_is_digit(ch) || ch == '_');
}
// Python's bytes.isspace set: \t \n \v \f \r and space.
inline bool ascii_is_space(uint32_t ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }
inline bool is_linebreak(uint32_t ch) { return ch == '\n'; }
inline uint32_t ascii_lower(uint32_t ch) { return ch < 128 && ch >= 'A' && ch <= 'Z' ? ch + 32 : ch; }
inline uint32_t ascii_upper(uint32_t ch) { return ch < 128 && ch >= 'a' && ch <= 'z' ? ch - 32 : ch; }
inline bool ascii_iscased(uint32_t ch) { return ch < 128 && ascii_is_alpha(ch); }

bool locale_is_word(uint32_t ch);
uint32_t locale_lower(uint32_t ch);
uint32_t locale_upper(uint32_t ch);

// The Unicode tests for code points >= 128 (sre_chars.cpp); the inline wrappers below answer
// ASCII without a call, since most subjects are mostly ASCII.
bool unicode_is_word_slow(uint32_t ch);
bool unicode_is_digit_slow(uint32_t ch);
bool unicode_is_space_slow(uint32_t ch);
bool unicode_is_linebreak_slow(uint32_t ch);
uint32_t unicode_lower_slow(uint32_t ch);
uint32_t unicode_upper_slow(uint32_t ch);

inline bool unicode_is_word(uint32_t ch) { return ch < 128 ? ascii_is_word(ch) : unicode_is_word_slow(ch); }
inline bool unicode_is_digit(uint32_t ch) {  // decimal digits (category Nd)
  return ch < 128 ? ascii_is_digit(ch) : unicode_is_digit_slow(ch);
}
inline bool unicode_is_space(uint32_t ch) {
  return ch < 128 ? (ascii_is_space(ch) || (ch >= 0x1c && ch <= 0x1f)) : unicode_is_space_slow(ch);
}
inline bool unicode_is_linebreak(uint32_t ch) {
  return ch < 128 ? (ch >= '\n' && ch <= '\r') || (ch >= 0x1c && ch <= 0x1e)
                  : unicode_is_linebreak_slow(ch);
}
// Simple (1:1) case mappings.
inline uint32_t unicode_lower(uint32_t ch) { return ch < 128 ? ascii_lower(ch) : unicode_lower_slow(ch); }
inline uint32_t unicode_upper(uint32_t ch) { return ch < 128 ? ascii_upper(ch) : unicode_upper_slow(ch); }
bool unicode_iscased(uint32_t ch);

// Whether `ch` is in CATEGORY_* `category`; false for an unknown category number.
inline bool in_category(uint32_t category, uint32_t ch) {
  switch (category) {
    case 0: return ascii_is_digit(ch);    // CATEGORY_DIGIT (numbers: sre_constants.h)
    case 1: return !ascii_is_digit(ch);
    case 2: return ascii_is_space(ch);
    case 3: return !ascii_is_space(ch);
    case 4: return ascii_is_word(ch);
    case 5: return !ascii_is_word(ch);
    case 6: return is_linebreak(ch);
    case 7: return !is_linebreak(ch);
    case 8: return locale_is_word(ch);
    case 9: return !locale_is_word(ch);
    case 10: return unicode_is_digit(ch);
    case 11: return !unicode_is_digit(ch);
    case 12: return unicode_is_space(ch);
    case 13: return !unicode_is_space(ch);
    case 14: return unicode_is_word(ch);
    case 15: return !unicode_is_word(ch);
    case 16: return unicode_is_linebreak(ch);
    case 17: return !unicode_is_linebreak(ch);
    default: return false;
  }
}

// Runs the charset program at `set` (ends with FAILURE) for `ch`.
bool in_charset(const uint32_t* set, uint32_t ch);
// IN_LOC_IGNORE: `ch`, its locale lower case or its locale upper case is in the set.
bool in_charset_loc_ignore(const uint32_t* set, uint32_t ch);
// LITERAL_LOC_IGNORE: `ch` equals `literal` up to locale case.
inline bool literal_loc_ignore(uint32_t literal, uint32_t ch) {
  return ch == literal || locale_lower(ch) == literal || locale_upper(ch) == literal;
}

// The one-character tests shared by the matcher's opcode loop and its repeat counter. `op` is
// one of the literal opcodes (LITERAL, NOT_LITERAL and their three ignore-case forms) or IN and
// its three ignore-case forms; the numbers are those of sre_constants.h (checked in sre_chars.cpp).
inline bool literal_matches(uint32_t op, uint32_t literal, uint32_t ch) {
  switch (op) {
    case 16: return ch == literal;                                  // LITERAL
    case 20: return ch != literal;                                  // NOT_LITERAL
    case 32: return ascii_lower(ch) == literal;                     // LITERAL_IGNORE
    case 33: return ascii_lower(ch) != literal;                     // NOT_LITERAL_IGNORE
    case 40: return unicode_lower(ch) == literal;                   // LITERAL_UNI_IGNORE
    case 41: return unicode_lower(ch) != literal;                   // NOT_LITERAL_UNI_IGNORE
    case 36: return literal_loc_ignore(literal, ch);                // LITERAL_LOC_IGNORE
    default: return !literal_loc_ignore(literal, ch);               // NOT_LITERAL_LOC_IGNORE
  }
}
inline bool set_matches(uint32_t op, const uint32_t* set, uint32_t ch) {
  switch (op) {
    case 13: return in_charset(set, ch);                            // IN
    case 31: return in_charset(set, ascii_lower(ch));               // IN_IGNORE
    case 39: return in_charset(set, unicode_lower(ch));             // IN_UNI_IGNORE
    default: return in_charset_loc_ignore(set, ch);                 // IN_LOC_IGNORE
  }
}

}  // namespace weft::sre
