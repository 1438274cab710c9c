// stdlib/_sre/sre_chars.cpp — the Unicode/locale character tests and the charset interpreter of
// the regular-expression engine (see sre_chars.h). Charset layout (re._compiler._compile_charset):
//   LITERAL c | RANGE lo hi | RANGE_UNI_IGNORE lo hi | CATEGORY cat | NEGATE
//   | CHARSET <8 words: a 256-bit map> | BIGCHARSET n <64 words: 256 block numbers, one byte
//     each> <n blocks of 8 words> ... FAILURE
// The charset's code was checked by the Pattern's validator (sre_validate.cpp), so it is walked
// here without bounds checks.
#include "stdlib/_sre/sre_chars.h"

#include <cctype>
#include <cstring>

#include "objects/unicode_props.h"
#include "stdlib/_sre/sre_constants.h"

namespace weft::sre {

bool locale_is_word(uint32_t ch) { return ch < 256 && (std::isalnum(int(ch)) || ch == '_'); }
uint32_t locale_lower(uint32_t ch) { return ch < 256 ? uint32_t(std::tolower(int(ch))) : ch; }
uint32_t locale_upper(uint32_t ch) { return ch < 256 ? uint32_t(std::toupper(int(ch))) : ch; }

bool unicode_is_digit_slow(uint32_t ch) { return unicode::decimal_value(ch) >= 0; }
bool unicode_is_space_slow(uint32_t ch) { return unicode::is_space(ch); }
bool unicode_is_linebreak_slow(uint32_t ch) { return unicode::is_linebreak(ch); }
// str.isalnum()'s test for one code point (ASCII is answered inline, with '_').
bool unicode_is_word_slow(uint32_t ch) {
  return unicode::is_alpha(ch) || unicode::decimal_value(ch) >= 0 ||
         unicode::digit_value(ch) >= 0 || unicode::is_numeric(ch);
}
// CPython's _PyUnicode_ToLowercase/ToUppercase: for a character with a special (multi-character)
// mapping they answer the first character of it (upper('ß') is 'S'), which is what makes 'ß'
// cased and lets re._compiler pick the right opcodes.
uint32_t unicode_lower_slow(uint32_t ch) {
  uint32_t full[3];
  return unicode::to_lower_full(ch, full) > 0 ? full[0] : ch;
}
uint32_t unicode_upper_slow(uint32_t ch) {
  uint32_t full[3];
  return unicode::to_upper_full(ch, full) > 0 ? full[0] : ch;
}
bool unicode_iscased(uint32_t ch) { return ch != unicode_lower(ch) || ch != unicode_upper(ch); }

// The category numbers in_category() (sre_chars.h) switches on, checked against the generated
// constants (the header cannot include them without exposing every opcode name).
static_assert(kCategoryDigit == 0 && kCategoryLinebreak == 6 && kCategoryLocWord == 8 &&
              kCategoryUniDigit == 10 && kCategoryUniSpace == 12 && kCategoryUniWord == 14 &&
              kCategoryUniNotLinebreak == 17 && kCategoryCount == 18);
// ... and the opcode numbers literal_matches() and set_matches() switch on.
static_assert(kOpLiteral == 16 && kOpNotLiteral == 20 && kOpLiteralIgnore == 32 &&
              kOpNotLiteralIgnore == 33 && kOpLiteralUniIgnore == 40 &&
              kOpNotLiteralUniIgnore == 41 && kOpLiteralLocIgnore == 36 &&
              kOpNotLiteralLocIgnore == 37 && kOpIn == 13 && kOpInIgnore == 31 &&
              kOpInUniIgnore == 39 && kOpInLocIgnore == 35);

namespace {

constexpr int kBitmapWords = 256 / 32;     // a CHARSET bitmap or one BIGCHARSET block
constexpr int kBlockIndexWords = 256 / 4;  // BIGCHARSET's 256 one-byte block numbers

inline bool bit_set(const uint32_t* words, uint32_t bit) {
  return (words[bit >> 5] >> (bit & 31)) & 1;
}

}  // namespace

bool in_charset(const uint32_t* set, uint32_t ch) {
  bool ok = true;  // the answer when a member matches; NEGATE flips it
  for (;;) {
    switch (*set++) {
      case kOpFailure: return !ok;
      case kOpLiteral:
        if (ch == set[0]) return ok;
        set += 1;
        break;
      case kOpCategory:
        if (in_category(set[0], ch)) return ok;
        set += 1;
        break;
      case kOpCharset:
        if (ch < 256 && bit_set(set, ch)) return ok;
        set += kBitmapWords;
        break;
      case kOpRange:
        if (set[0] <= ch && ch <= set[1]) return ok;
        set += 2;
        break;
      case kOpRangeUniIgnore: {
        if (set[0] <= ch && ch <= set[1]) return ok;
        uint32_t upper = unicode_upper(ch);
        if (set[0] <= upper && upper <= set[1]) return ok;
        set += 2;
        break;
      }
      case kOpNegate: ok = !ok; break;
      case kOpBigcharset: {
        uint32_t blocks = *set++;
        if (ch < 65536) {
          uint8_t block;
          std::memcpy(&block, reinterpret_cast<const uint8_t*>(set) + (ch >> 8), 1);
          if (bit_set(set + kBlockIndexWords + block * kBitmapWords, ch & 255)) return ok;
        }
        set += kBlockIndexWords + blocks * kBitmapWords;
        break;
      }
      default: return false;  // unreachable for validated code
    }
  }
}

bool in_charset_loc_ignore(const uint32_t* set, uint32_t ch) {
  if (in_charset(set, ch)) return true;
  uint32_t lower = locale_lower(ch);
  if (in_charset(set, lower)) return true;
  uint32_t upper = locale_upper(ch);
  return upper != lower && in_charset(set, upper);
}

}  // namespace weft::sre
