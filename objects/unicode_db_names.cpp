// objects/unicode_db_names.cpp — Unicode character names (unicodedata.name/lookup, "\N{...}").
//
// Stored names live in objects/unicode_db_names.inc (generated): each is a phrase of words from
// a lexicon ordered by frequency (a word is one byte below 192, else two bytes), reached through
// a two-level index by code point; kCodePointsByName lists the named code points in name order
// so lookup is a binary search. Names that are the code point itself in hex ("CJK UNIFIED
// IDEOGRAPH-4E00", Tangut-style runs) are ranges, and Hangul syllable names are computed from
// their jamo (Unicode §3.12). Name aliases and named sequences are name-sorted tables of their
// own (lookup() accepts both, "\N{...}" only aliases). Matching follows CPython: stored names compare case-insensitively;
// the computed Hangul and CJK unified names must be written exactly (upper case). All data is
// immutable, so every function is thread-safe.
#include <algorithm>
#include <cstdio>
#include <iterator>

#include "objects/unicode_db.h"

namespace weft::unicode {

namespace {

using db::NameAlias;
using db::NamedSequence;
using db::NameRange;

#include "objects/unicode_db_names.inc"

constexpr const char* kJamoL[hangul::kLCount] = {"G", "GG", "N", "D", "DD", "R", "M",
                                                 "B", "BB", "S", "SS", "", "J", "JJ",
                                                 "C", "K", "T", "P", "H"};
constexpr const char* kJamoV[hangul::kVCount] = {"A",  "AE", "YA", "YAE", "EO", "E",  "YEO",
                                                 "YE", "O",  "WA", "WAE", "OE", "YO", "U",
                                                 "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
constexpr const char* kJamoT[hangul::kTCount] = {"",  "G",  "GG", "GS", "N",  "NJ", "NH",
                                                 "D", "L",  "LG", "LM", "LB", "LS", "LT",
                                                 "LP", "LH", "M", "B",  "BS", "S",  "SS",
                                                 "NG", "J", "C", "K",  "T",  "P",  "H"};
constexpr std::string_view kHangulPrefix = "HANGUL SYLLABLE ";
constexpr std::string_view kUnifiedPrefix = "CJK UNIFIED IDEOGRAPH-";

void append_word(std::string& out, uint32_t word) {
  out.append(kLexicon + kLexiconOffsets[word], kLexiconOffsets[word + 1] - kLexiconOffsets[word]);
}

// The stored name at phrasebook offset `at`.
void decode_name(uint32_t at, std::string& out) {
  int words = kPhrasebook[at++];
  for (int i = 0; i < words; ++i) {
    if (i) out.push_back(' ');
    uint32_t b = kPhrasebook[at++];
    if (b >= 192) b = 192 + ((b - 192) << 8) + kPhrasebook[at++];
    append_word(out, b);
  }
}

uint32_t stored_name_offset(uint32_t cp) {
  if (cp > kMaxCodePoint) return 0;
  uint32_t block = kName_INDEX1[cp >> kName_SHIFT];
  return kName_INDEX2[(block << kName_SHIFT) + (cp & ((1u << kName_SHIFT) - 1))];
}

const NameRange* find_range(uint32_t cp) {
  for (const NameRange& r : kNameRanges)
    if (cp >= r.first && cp <= r.last) return &r;
  return nullptr;
}

// Longest jamo short name of `table` that starts `s`; advances s. -1 when none matches.
template <size_t N>
int match_jamo(std::string_view& s, const char* const (&table)[N]) {
  int best = -1;
  size_t best_len = 0;
  for (size_t i = 0; i < N; ++i) {
    std::string_view j = table[i];
    if (s.substr(0, j.size()) == j && (best < 0 || j.size() > best_len)) {
      best = int(i);
      best_len = j.size();
    }
  }
  s.remove_prefix(best_len);
  return best;
}

std::optional<uint32_t> lookup_hangul(std::string_view s) {
  int l = match_jamo(s, kJamoL);
  int v = match_jamo(s, kJamoV);
  int t = match_jamo(s, kJamoT);
  if (l < 0 || v < 0 || t < 0 || !s.empty()) return std::nullopt;
  return hangul::kSBase + (uint32_t(l) * hangul::kVCount + uint32_t(v)) * hangul::kTCount + uint32_t(t);
}

// Parses 4 to 6 hex digits (upper case only when `upper_only`).
std::optional<uint32_t> parse_hex(std::string_view s, bool upper_only) {
  if (s.size() < 4 || s.size() > 6) return std::nullopt;
  uint32_t v = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else if (!upper_only && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else return std::nullopt;
    v = v * 16 + uint32_t(d);
  }
  return v;
}

char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? char(c - 32) : c; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_upper(x) == ascii_upper(y); });
}

// A name of a hex run ("EGYPTIAN HIEROGLYPH-13460"): stored names in CPython, so compared
// case-insensitively, hex digits written exactly as the name spells them.
std::optional<uint32_t> lookup_range_name(std::string_view name) {
  for (const NameRange& r : kNameRanges) {
    std::string_view prefix = r.prefix;
    if (prefix == kUnifiedPrefix || name.size() <= prefix.size() ||
        !equal_ignoring_case(name.substr(0, prefix.size()), prefix))
      continue;
    std::string_view digits = name.substr(prefix.size());
    std::optional<uint32_t> cp = parse_hex(digits, false);
    if (!cp || *cp < r.first || *cp > r.last) continue;
    char expect[8];
    std::snprintf(expect, sizeof expect, "%04X", unsigned(*cp));
    if (equal_ignoring_case(digits, expect)) return cp;
  }
  return std::nullopt;
}

std::optional<uint32_t> lookup_unified(std::string_view digits) {
  if (digits.size() != 4 && digits.size() != 5) return std::nullopt;
  std::optional<uint32_t> cp = parse_hex(digits, true);
  if (!cp) return std::nullopt;
  for (const NameRange& r : kNameRanges)
    if (r.prefix == kUnifiedPrefix && *cp >= r.first && *cp <= r.last) return cp;
  return std::nullopt;
}

// The entry of a name-sorted table whose name is `upper` (already upper case), or nullptr.
template <class Entry, size_t N>
const Entry* find_by_name(const Entry (&table)[N], int count, std::string_view upper) {
  const Entry* end = table + count;
  const Entry* it = std::lower_bound(table, end, upper, [](const Entry& e, std::string_view key) {
    return std::string_view(e.name) < key;
  });
  return it != end && std::string_view(it->name) == upper ? it : nullptr;
}

std::string upper_case(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = ascii_upper(c);
  return upper;
}

// Compares the stored name of `cp` with `upper` (already upper case), as strcmp.
int compare_name(uint32_t cp, std::string_view upper, std::string& scratch) {
  scratch.clear();
  decode_name(stored_name_offset(cp), scratch);
  return std::string_view(scratch).compare(upper);
}

// A stored, range, Hangul or (with_aliases) alias name, as in the current database.
std::optional<uint32_t> lookup_current_name(std::string_view name, bool with_aliases) {
  if (name.substr(0, kHangulPrefix.size()) == kHangulPrefix)
    return lookup_hangul(name.substr(kHangulPrefix.size()));
  if (name.substr(0, kUnifiedPrefix.size()) == kUnifiedPrefix)
    return lookup_unified(name.substr(kUnifiedPrefix.size()));
  if (name.empty() || name.size() > size_t(kLongestName)) return std::nullopt;
  if (std::optional<uint32_t> cp = lookup_range_name(name)) return cp;
  std::string upper = upper_case(name);
  std::string scratch;
  const uint32_t* it = std::lower_bound(
      std::begin(kCodePointsByName), std::end(kCodePointsByName), upper,
      [&](uint32_t cp, const std::string& key) { return compare_name(cp, key, scratch) < 0; });
  if (it != std::end(kCodePointsByName) && compare_name(*it, upper, scratch) == 0) return *it;
  if (!with_aliases) return std::nullopt;
  if (const NameAlias* alias = find_by_name(kAliases, kAliasCount, upper)) return alias->code_point;
  return std::nullopt;
}

}  // namespace

bool char_name(uint32_t cp, std::string& out, UcdVersion v) {
  out.clear();
  if (v == UcdVersion::k3_2_0 && unnamed_in_3_2_0(cp)) return false;
  if (hangul::is_syllable(cp)) {
    uint32_t s = cp - hangul::kSBase;
    out.append(kHangulPrefix);
    out.append(kJamoL[s / hangul::kNCount]);
    out.append(kJamoV[(s % hangul::kNCount) / hangul::kTCount]);
    out.append(kJamoT[s % hangul::kTCount]);
    return true;
  }
  if (const NameRange* r = find_range(cp)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04X", unsigned(cp));
    out.append(r->prefix);
    out.append(hex);
    return true;
  }
  uint32_t at = stored_name_offset(cp);
  if (at == 0) return false;
  decode_name(at, out);
  return true;
}

std::optional<uint32_t> lookup_name(std::string_view name, UcdVersion v) {
  // As CPython's ucd_3_2_0.lookup: current names (even of characters 3.2.0 lacked), no aliases.
  return lookup_current_name(name, v == UcdVersion::kCurrent);
}


const NamedSequence* lookup_named_sequence(std::string_view name) {
  if (name.size() > size_t(kLongestName)) return nullptr;
  return find_by_name(kNamedSequences, kNamedSequenceCount, upper_case(name));
}

}  // namespace weft::unicode

namespace weft::unicode {

const char* NamedEscape::reason() const {
  return kind == kMalformed ? "malformed \\N character escape" : "unknown Unicode character name";
}

NamedEscape parse_named_escape(std::string_view rest) {
  if (rest.empty()) return {NamedEscape::kMalformed, 0, 0, true};
  if (rest[0] != '{') return {NamedEscape::kMalformed, 0, 0, false};
  size_t close = rest.find('}', 1);
  if (close == std::string_view::npos) return {NamedEscape::kMalformed, 0, rest.size(), true};
  if (close == 1) return {NamedEscape::kMalformed, 0, 1, false};
  std::optional<uint32_t> cp = lookup_name(rest.substr(1, close - 1));
  if (!cp) return {NamedEscape::kUnknownName, 0, close + 1, false};
  return {NamedEscape::kOk, *cp, close + 1, false};
}

}  // namespace weft::unicode
