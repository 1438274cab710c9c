// objects/unicode_db.h — the Unicode 16.0 character database behind the unicodedata module and
// the "\N{NAME}" escapes: per-code-point properties, decompositions, canonical compositions and
// character names.
//
// The data is generated from CPython 3.14's own unicodedata by objects/tools/gen_unicode_db.py
// into objects/unicode_db_tables.inc and objects/unicode_db_names.inc (read-only tables, so
// every function here is thread-safe; the name lookup index is built once, on first use).
// The str predicates and case mappings over the same tables are in objects/unicode_props.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>


namespace weft::unicode {

// Record layouts of the generated tables.
namespace db {
struct DbRecord {
  uint8_t category, bidirectional, combining, mirrored, east_asian_width;
};
struct TypeRecord {
  uint16_t flags;
  int8_t decimal, digit;  // -1 when the code point has no such value
  uint16_t numeric;       // index into the numeric values; 0 = not numeric
  // Case mappings (lower, upper, title, casefold): deltas from the code point, or, when
  // flags has kExtendedCase, (length << 24) | offset into the extended-case data.
  int32_t lower, upper, title, fold;
};
struct Composition {
  uint32_t first, second, composite;
};
struct NameRange {  // code points first..last are named prefix + "%04X"
  uint32_t first, last;
  const char* prefix;
};
// How a code point differed in Unicode 3.2.0 (unicodedata.ucd_3_2_0): every field holds the
// 3.2.0 value (indexes into the same name tables as DbRecord/TypeRecord).
struct OldRecord {
  uint8_t category, bidirectional, combining, mirrored, east_asian_width, flags;
  int8_t decimal, digit;
  uint16_t numeric;
  uint32_t normalization;  // NormalizationCorrections.txt: what 3.2.0 normalization used, or 0
};
constexpr uint8_t kOldNoDecomposition = 1;  // unassigned in 3.2.0: no decomposition
constexpr uint8_t kOldNoName = 2;           // unassigned in 3.2.0: no name
struct NameAlias {  // NameAliases.txt: corrections, control names, abbreviations...
  const char* name;
  uint32_t code_point;
};
struct NamedSequence {  // NamedSequences.txt
  const char* name;
  uint8_t count;
  uint32_t code_points[4];
};
}  // namespace db

constexpr uint32_t kMaxCodePoint = 0x10ffff;

// Which database answers: the current one, or Unicode 3.2.0 as CPython's ucd_3_2_0 sees it (the
// current data with the recorded 3.2.0 differences; IDNA and stringprep use it).
enum class UcdVersion : uint8_t { kCurrent, k3_2_0 };
constexpr UcdVersion kCurrentUcd = UcdVersion::kCurrent;

const char* unidata_version(UcdVersion v = kCurrentUcd);  // "16.0.0" or "3.2.0"

const char* category(uint32_t cp, UcdVersion v = kCurrentUcd);       // "Lu", "Cn", ...
const char* bidirectional(uint32_t cp, UcdVersion v = kCurrentUcd);  // "L", ... "" if unassigned
int combining(uint32_t cp, UcdVersion v = kCurrentUcd);  // canonical combining class, 0..254
bool mirrored(uint32_t cp, UcdVersion v = kCurrentUcd);
const char* east_asian_width(uint32_t cp, UcdVersion v = kCurrentUcd);  // "N", "Na", "W"...
int decimal(uint32_t cp, UcdVersion v);  // unicodedata.decimal; -1 when none
int digit(uint32_t cp, UcdVersion v);    // unicodedata.digit; -1 when none
std::optional<double> numeric_value(uint32_t cp, UcdVersion v = kCurrentUcd);
// The code point 3.2.0 normalization used instead of `cp` (NormalizationCorrections.txt), or 0.
uint32_t normalization_3_2_0(uint32_t cp);
// Whether `cp` had no name in 3.2.0 although it has one now.
bool unnamed_in_3_2_0(uint32_t cp);

// A character's decomposition mapping: tag is "" for canonical mappings, else "<compat>" etc.
struct Decomposition {
  const char* tag;
  const uint32_t* code_points;
  int count;
};
std::optional<Decomposition> decomposition(uint32_t cp, UcdVersion v = kCurrentUcd);

// The primary composite of a canonical pair, or 0 (Hangul syllables included).
uint32_t compose_pair(uint32_t first, uint32_t second);

// Unicode normalization (UAX #15, objects/unicode_db_normalize.cpp): writes the normal form
// `form` of cps[0..n) to `out` (replacing its contents). Python identifiers are NFKC (PEP 3131).
enum class NormalForm : uint8_t { kNFC, kNFD, kNFKC, kNFKD };
void normalize(NormalForm form, const uint32_t* cps, size_t n, UcdVersion v,
               std::vector<uint32_t>& out);

// Hangul syllable arithmetic (Unicode §3.12), shared by names and normalization.
namespace hangul {
constexpr uint32_t kSBase = 0xac00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11a7;
constexpr uint32_t kLCount = 19, kVCount = 21, kTCount = 28;
constexpr uint32_t kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;
inline bool is_syllable(uint32_t cp) { return cp - kSBase < kSCount; }
}  // namespace hangul

// The character's name ("LATIN SMALL LETTER A"), or false when it has none.
bool char_name(uint32_t cp, std::string& out, UcdVersion v = kCurrentUcd);
// The code point named `name` or having it as an alias (case-insensitive, as CPython), or nullopt.
// For 3.2.0: no aliases, but (as CPython) current names of characters 3.2.0 did not have.
std::optional<uint32_t> lookup_name(std::string_view name, UcdVersion v = kCurrentUcd);
// The named sequence `name` ("KEYCAP NUMBER SIGN"; case-insensitive), or nullptr.
const db::NamedSequence* lookup_named_sequence(std::string_view name);

}  // namespace weft::unicode

namespace weft::unicode {

// The "{NAME}" part of a "\N{NAME}" escape, as the unicode_escape codec and string literals read
// it (CPython's rules: aliases but no named sequences, looked up as by lookup_name()).
struct NamedEscape {
  enum Kind { kOk, kMalformed, kUnknownName } kind;
  uint32_t code_point;  // for kOk
  size_t consumed;      // bytes of `rest` consumed: through '}', or up to where the error ends
  bool incomplete;      // kMalformed because `rest` ended before the closing '}'
  // CPython's decode-error reason: "malformed \N character escape" or "unknown Unicode
  // character name".
  const char* reason() const;
};
// `rest` is the text right after the "\N".
NamedEscape parse_named_escape(std::string_view rest);

}  // namespace weft::unicode
