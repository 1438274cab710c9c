// objects/unicode_props.cpp — character properties for str and unicodedata over the generated
// Unicode 16.0 tables (objects/unicode_db_tables.inc, from CPython 3.14's unicodedata).
//
// Every per-code-point table is a two-level index: record = RECORDS[INDEX2[(INDEX1[cp >> SHIFT]
// << SHIFT) + (cp & mask)]]. Two records exist: the "type" record (str predicates, numeric
// values, case mappings) and the "db" record (category, bidi class, combining class, mirrored,
// east asian width). Case mappings that are not one code point to one code point live in the
// extended-case data; the simple mapping is then the first code point of the full one (what
// CPython's _PyUnicode_ToLowercase answers too). A third index gives, for unicodedata.ucd_3_2_0,
// the code points whose Unicode 3.2.0 properties differ (an OldRecord of the 3.2.0 values).
// All data is immutable: no locking anywhere.
#include "objects/unicode_props.h"

#include <algorithm>

#include "objects/unicode_db.h"

namespace weft::unicode {

namespace {

using db::Composition;
using db::DbRecord;
using db::OldRecord;
using db::TypeRecord;

#include "objects/unicode_db_tables.inc"

template <int kShift, class Index1, size_t N1, class Index2, size_t N2>
inline uint32_t lookup(const Index1 (&index1)[N1], const Index2 (&index2)[N2], uint32_t cp) {
  if (cp > kMaxCodePoint) return 0;
  uint32_t block = index1[cp >> kShift];
  return index2[(block << kShift) + (cp & ((1u << kShift) - 1))];
}

inline const TypeRecord& type_of(uint32_t cp) {
  return kTypeRecords[lookup<kType_SHIFT>(kType_INDEX1, kType_INDEX2, cp)];
}
inline const DbRecord& db_of(uint32_t cp) {
  return kDbRecords[lookup<kDb_SHIFT>(kDb_INDEX1, kDb_INDEX2, cp)];
}
// The 3.2.0 differences of `cp` when `v` asks for 3.2.0 and there are any, else nullptr.
inline const OldRecord* old_of(uint32_t cp, UcdVersion v) {
  if (v != UcdVersion::k3_2_0) return nullptr;
  uint32_t at = lookup<kOld_SHIFT>(kOld_INDEX1, kOld_INDEX2, cp);
  return at ? &kOldRecords[at] : nullptr;
}
inline bool has(uint32_t cp, uint16_t flag) { return (type_of(cp).flags & flag) != 0; }

// One of the four case mappings of `cp` (`mapping` is a member of its type record).
int full_mapping(uint32_t cp, int32_t TypeRecord::*mapping, uint32_t out[3]) {
  const TypeRecord& t = type_of(cp);
  int32_t m = t.*mapping;
  if (!(t.flags & kExtendedCase)) {
    out[0] = uint32_t(int32_t(cp) + m);
    return 1;
  }
  int n = int(uint32_t(m) >> 24);
  const uint32_t* data = kExtendedCaseData + (m & 0xffffff);
  std::copy(data, data + n, out);
  return n;
}

uint32_t simple_mapping(uint32_t cp, int32_t TypeRecord::*mapping) {
  const TypeRecord& t = type_of(cp);
  int32_t m = t.*mapping;
  if (!(t.flags & kExtendedCase)) return uint32_t(int32_t(cp) + m);
  return kExtendedCaseData[m & 0xffffff];
}

}  // namespace

bool is_space(uint32_t cp) {
  if (cp < 128) return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
  return has(cp, kSpace);
}
bool is_linebreak(uint32_t cp) { return has(cp, kLinebreak); }
bool is_alpha(uint32_t cp) { return has(cp, kAlpha); }
bool is_lower(uint32_t cp) { return has(cp, kLower); }
bool is_upper(uint32_t cp) { return has(cp, kUpper); }
bool is_title(uint32_t cp) { return has(cp, kTitle); }
bool is_cased(uint32_t cp) { return has(cp, kCased); }
bool is_case_ignorable(uint32_t cp) { return has(cp, kCaseIgnorable); }
int decimal_value(uint32_t cp) {
  if (cp < 128) return (cp >= '0' && cp <= '9') ? int(cp - '0') : -1;
  return type_of(cp).decimal;
}
int digit_value(uint32_t cp) { return type_of(cp).digit; }
bool is_numeric(uint32_t cp) { return has(cp, kNumeric); }
bool is_printable(uint32_t cp) {
  if (cp < 128) return cp >= 0x20 && cp < 0x7f;
  return has(cp, kPrintable);
}
bool is_xid_start(uint32_t cp) { return has(cp, kXidStart); }
bool is_xid_continue(uint32_t cp) { return has(cp, kXidContinue); }

int to_lower_full(uint32_t cp, uint32_t out[3]) { return full_mapping(cp, &TypeRecord::lower, out); }
int to_upper_full(uint32_t cp, uint32_t out[3]) { return full_mapping(cp, &TypeRecord::upper, out); }
int to_title_full(uint32_t cp, uint32_t out[3]) { return full_mapping(cp, &TypeRecord::title, out); }
int to_casefold_full(uint32_t cp, uint32_t out[3]) {
  return full_mapping(cp, &TypeRecord::fold, out);
}
uint32_t to_lower(uint32_t cp) { return simple_mapping(cp, &TypeRecord::lower); }
uint32_t to_upper(uint32_t cp) { return simple_mapping(cp, &TypeRecord::upper); }

// --- unicodedata properties (objects/unicode_db.h) ---

const char* unidata_version(UcdVersion v) {
  return v == UcdVersion::k3_2_0 ? "3.2.0" : kUnidataVersion;
}
const char* category(uint32_t cp, UcdVersion v) {
  const OldRecord* o = old_of(cp, v);
  return kCategoryNames[o ? o->category : db_of(cp).category];
}
const char* bidirectional(uint32_t cp, UcdVersion v) {
  const OldRecord* o = old_of(cp, v);
  return kBidiNames[o ? o->bidirectional : db_of(cp).bidirectional];
}
int combining(uint32_t cp, UcdVersion v) {
  const OldRecord* o = old_of(cp, v);
  return o ? o->combining : db_of(cp).combining;
}
bool mirrored(uint32_t cp, UcdVersion v) {
  const OldRecord* o = old_of(cp, v);
  return (o ? o->mirrored : db_of(cp).mirrored) != 0;
}
const char* east_asian_width(uint32_t cp, UcdVersion v) {
  const OldRecord* o = old_of(cp, v);
  return kEastAsianWidthNames[o ? o->east_asian_width : db_of(cp).east_asian_width];
}
int decimal(uint32_t cp, UcdVersion v) {
  const OldRecord* o = old_of(cp, v);
  return o ? o->decimal : type_of(cp).decimal;
}
int digit(uint32_t cp, UcdVersion v) {
  const OldRecord* o = old_of(cp, v);
  return o ? o->digit : type_of(cp).digit;
}

std::optional<double> numeric_value(uint32_t cp, UcdVersion v) {
  const OldRecord* o = old_of(cp, v);
  uint16_t index = o ? o->numeric : type_of(cp).numeric;
  if (index == 0) return std::nullopt;
  return kNumericValues[index];
}

uint32_t normalization_3_2_0(uint32_t cp) {
  const OldRecord* o = old_of(cp, UcdVersion::k3_2_0);
  return o ? o->normalization : 0;
}

bool unnamed_in_3_2_0(uint32_t cp) {
  const OldRecord* o = old_of(cp, UcdVersion::k3_2_0);
  return o && (o->flags & db::kOldNoName);
}

std::optional<Decomposition> decomposition(uint32_t cp, UcdVersion v) {
  if (const OldRecord* o = old_of(cp, v); o && (o->flags & db::kOldNoDecomposition))
    return std::nullopt;
  uint32_t at = lookup<kDecomposition_SHIFT>(kDecomposition_INDEX1, kDecomposition_INDEX2, cp);
  if (at == 0) return std::nullopt;
  uint32_t header = kDecompositionData[at];
  return Decomposition{kDecompositionTags[header >> 8], kDecompositionData + at + 1,
                       int(header & 0xff)};
}

uint32_t compose_pair(uint32_t first, uint32_t second) {
  using namespace hangul;
  if (first - kLBase < kLCount && second - kVBase < kVCount)
    return kSBase + ((first - kLBase) * kVCount + (second - kVBase)) * kTCount;
  if (is_syllable(first) && (first - kSBase) % kTCount == 0 && second - kTBase - 1 < kTCount - 1)
    return first + (second - kTBase);
  auto key = [](const Composition& c) { return (uint64_t(c.first) << 21) | c.second; };
  uint64_t want = (uint64_t(first) << 21) | second;
  const Composition* it = std::lower_bound(
      std::begin(kCompositions), std::end(kCompositions), want,
      [&](const Composition& c, uint64_t k) { return key(c) < k; });
  if (it != std::end(kCompositions) && key(*it) == want) return it->composite;
  return 0;
}

}  // namespace weft::unicode
