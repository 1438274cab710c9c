// objects/args.cpp — argument checking and keyword parsing for native functions (objects/args.h).
//
// The messages and the order of the checks follow CPython 3.14's Python/getargs.c
// (_PyArg_UnpackKeywords, _PyArg_CheckPositional, _PyArg_NoKeywords) and the METH_NOARGS /
// METH_O checks of Objects/methodobject.c, because programs and tests compare the text.
//
// ArgParser parses its signature string once, at construction, into ranges of that string; a
// parse() call only compares the keyword names of the call against them (pointer-free string
// comparison, no allocation), so it is cheap enough for every call of a built-in. The parser is
// immutable after construction and needs no locking.
//
// suggest_closest() is CPython's "Did you mean" distance (Python/suggestions.c): Levenshtein with
// a cost of 2 per move and 1 per case flip, at most a third of the characters changed.
#include "objects/args.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft {

size_t kwnames_count(Object* kwnames) {
  return kwnames ? static_cast<size_t>(tuple_size(kwnames)) : 0;
}

Status args_no_keywords(const char* fname, Object* kwnames) {
  if (kwnames_count(kwnames) == 0) return ok();
  return raise(exc::TypeError, "{}() takes no keyword arguments", fname);
}

Status args_no_positional(const char* fname, size_t nargs) {
  if (nargs == 0) return ok();
  return raise(exc::TypeError, "{}() takes no positional arguments", fname);
}

Status args_none(const char* fname, size_t nargs) {
  if (nargs == 0) return ok();
  return raise(exc::TypeError, "{}() takes no arguments ({} given)", fname, nargs);
}

Status args_exactly_one(const char* fname, size_t nargs) {
  if (nargs == 1) return ok();
  return raise(exc::TypeError, "{}() takes exactly one argument ({} given)", fname, nargs);
}

Status args_check_positional(const char* name, size_t nargs, size_t min, size_t max) {
  if (nargs < min) {
    return raise(exc::TypeError, "{} expected {}{} argument{}, got {}", name,
                 min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
  }
  if (nargs > max) {
    return raise(exc::TypeError, "{} expected {}{} argument{}, got {}", name,
                 min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
  }
  return ok();
}

// --- ArgParser ----------------------------------------------------------------------------------

ArgParser::ArgParser(const char* fname, const char* signature) : fname_(fname) {
  // Markers: '/' ends the positional-only group, '|' starts the optional ones, '*' starts the
  // keyword-only ones. Until '|' is seen, parameters are required.
  bool optional = false;
  bool kwonly = false;
  bool saw_slash = false;
  const char* p = signature;
  auto bad = [&](const char* why) {
    std::fprintf(stderr, "weft: invalid ArgParser signature for %s(): %s: \"%s\"\n", fname, why,
                 signature);
    std::abort();
  };
  while (*p) {
    if (*p == ' ' || *p == ',') {
      ++p;
      continue;
    }
    if (*p == '/') {
      if (saw_slash || kwonly) bad("misplaced '/'");
      saw_slash = true;
      posonly_ = nparams_;
      ++p;
      continue;
    }
    if (*p == '|') {
      if (optional && !kwonly) bad("repeated '|'");
      optional = true;
      ++p;
      continue;
    }
    if (*p == '*') {
      if (kwonly) bad("repeated '*'");
      kwonly = true;
      optional = false;  // keyword-only parameters are required until a later '|'
      maxpos_ = nparams_;
      reqkw_end_ = nparams_;
      ++p;
      continue;
    }
    const char* start = p;
    while (*p && *p != ' ' && *p != ',' && *p != '/' && *p != '|' && *p != '*') ++p;
    if (nparams_ == kMaxParams) bad("too many parameters");
    if (p - start > 255) bad("name too long");
    names_[nparams_] = Name{start, static_cast<uint8_t>(p - start)};
    if (!kwonly) {
      if (!optional) {
        if (minpos_ != nparams_) bad("required positional parameter after an optional one");
        minpos_ = nparams_ + 1;
      }
    } else if (!optional) {
      if (reqkw_end_ != nparams_) bad("required keyword-only parameter after an optional one");
      reqkw_end_ = nparams_ + 1;
    }
    ++nparams_;
  }
  if (!kwonly) maxpos_ = reqkw_end_ = nparams_;
}

int ArgParser::find_keyword(Object* key) const {
  // Keyword-capable parameters start after the positional-only ones.
  for (int i = posonly_; i < nparams_; ++i) {
    if (str_equal_ascii(key, std::string_view(names_[i].text, names_[i].len))) return i;
  }
  return -1;
}

Error ArgParser::error_unexpected_keyword(Object* kwnames) const {
  // The first keyword that matches no keyword-capable parameter is the one reported.
  int64_t n = tuple_size(kwnames);
  for (int64_t k = 0; k < n; ++k) {
    Object* key = tuple_item(kwnames, k);
    if (!is_str(key)) return raise(exc::TypeError, "keywords must be strings");
    if (find_keyword(key) >= 0) continue;
    std::string_view candidates[kMaxParams];
    size_t ncand = 0;
    for (int i = posonly_; i < nparams_; ++i)
      candidates[ncand++] = std::string_view(names_[i].text, names_[i].len);
    std::string key_text = str_to_std_string(key);
    int64_t best = suggest_closest(key_text, candidates, ncand);
    if (best >= 0) {
      return raise(exc::TypeError, "{}() got an unexpected keyword argument '{}'. Did you mean '{}'?",
                   fname_, key_text, candidates[best]);
    }
    return raise(exc::TypeError, "{}() got an unexpected keyword argument '{}'", fname_, key_text);
  }
  return bad_internal_call("ArgParser: no unexpected keyword found");
}

Status ArgParser::parse(Object* const* args, size_t nargs, Object* kwnames, Object** out) const {
  size_t nkw = kwnames_count(kwnames);
  const int64_t given = static_cast<int64_t>(nargs);
  // Fast path: positional arguments only, within range, no required keyword-only parameter.
  if (nkw == 0 && reqkw_end_ == maxpos_ && given >= minpos_ && given <= maxpos_) {
    for (int i = 0; i < nparams_; ++i) out[i] = i < given ? args[i] : nullptr;
    return ok();
  }
  if (given + static_cast<int64_t>(nkw) > nparams_) {
    return raise(exc::TypeError, "{}() takes at most {} {}argument{} ({} given)", fname_,
                 nparams_, nargs == 0 ? "keyword " : "", nparams_ == 1 ? "" : "s",
                 nargs + nkw);
  }
  if (given > maxpos_) {
    if (maxpos_ == 0) return raise(exc::TypeError, "{}() takes no positional arguments", fname_);
    return raise(exc::TypeError, "{}() takes {} {} positional argument{} ({} given)", fname_,
                 minpos_ < maxpos_ ? "at most" : "exactly", maxpos_, maxpos_ == 1 ? "" : "s",
                 nargs);
  }
  int minposonly = std::min(posonly_, minpos_);
  if (given < minposonly) {
    return raise(exc::TypeError, "{}() takes {} {} positional argument{} ({} given)", fname_,
                 minposonly < maxpos_ ? "at least" : "exactly", minposonly,
                 minposonly == 1 ? "" : "s", nargs);
  }
  for (int i = 0; i < given; ++i) out[i] = args[i];
  for (int i = static_cast<int>(given); i < posonly_; ++i) out[i] = nullptr;  // optional ones
  Object* const* kwvalues = args + nargs;
  size_t kw_left = nkw;
  for (int i = std::max(static_cast<int>(given), posonly_); i < nparams_; ++i) {
    Object* value = nullptr;
    if (kw_left) {
      std::string_view name(names_[i].text, names_[i].len);
      for (size_t k = 0; k < nkw; ++k) {
        Object* key = tuple_item(kwnames, static_cast<int64_t>(k));
        if (is_str(key) && str_equal_ascii(key, name)) {
          value = kwvalues[k];
          break;
        }
      }
    }
    out[i] = value;
    if (value) {
      --kw_left;
    } else if (i < minpos_ || (i >= maxpos_ && i < reqkw_end_)) {
      return raise(exc::TypeError, "{}() missing required argument '{}' (pos {})", fname_,
                   std::string_view(names_[i].text, names_[i].len), i + 1);
    }
  }
  if (kw_left > 0) {
    // A keyword naming a parameter that was also given by position?
    for (int i = posonly_; i < static_cast<int>(given); ++i) {
      std::string_view name(names_[i].text, names_[i].len);
      for (size_t k = 0; k < nkw; ++k) {
        Object* key = tuple_item(kwnames, static_cast<int64_t>(k));
        if (is_str(key) && str_equal_ascii(key, name)) {
          return raise(exc::TypeError, "argument for {}() given by name ('{}') and position ({})",
                       fname_, name, i + 1);
        }
      }
    }
    return error_unexpected_keyword(kwnames);
  }
  return ok();
}

// --- suggestions --------------------------------------------------------------------------------

namespace {
constexpr int64_t kMoveCost = 2;
constexpr int64_t kCaseCost = 1;
constexpr size_t kMaxStringSize = 40;
constexpr size_t kMaxCandidates = 750;

int64_t substitution_cost(char a, char b) {
  if ((a & 31) != (b & 31)) return kMoveCost;
  if (a == b) return 0;
  if ('A' <= a && a <= 'Z') a = static_cast<char>(a + ('a' - 'A'));
  if ('A' <= b && b <= 'Z') b = static_cast<char>(b + ('a' - 'A'));
  return a == b ? kCaseCost : kMoveCost;
}
}  // namespace

int64_t suggestion_edit_distance(std::string_view a, std::string_view b, int64_t max_cost) {
  // Trim the common prefix and suffix; they cost nothing.
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return static_cast<int64_t>(a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxStringSize || b.size() > kMaxStringSize) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);  // the row buffer follows the shorter string
  if (static_cast<int64_t>(b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;

  int64_t row[kMaxStringSize];
  for (size_t i = 0; i < a.size(); ++i) row[i] = static_cast<int64_t>(i + 1) * kMoveCost;
  int64_t result = 0;
  for (size_t bi = 0; bi < b.size(); ++bi) {
    int64_t distance = result = static_cast<int64_t>(bi) * kMoveCost;
    int64_t minimum = INT64_MAX;
    for (size_t ai = 0; ai < a.size(); ++ai) {
      int64_t substitute = distance + substitution_cost(b[bi], a[ai]);
      distance = row[ai];
      int64_t insert_delete = std::min(result, distance) + kMoveCost;
      result = std::min(insert_delete, substitute);
      row[ai] = result;
      minimum = std::min(minimum, result);
    }
    if (minimum > max_cost) return max_cost + 1;  // the whole row is already too expensive
  }
  return result;
}

int64_t suggest_closest(std::string_view name, const std::string_view* candidates, size_t count) {
  if (count >= kMaxCandidates) return -1;
  int64_t best = -1;
  int64_t best_distance = INT64_MAX;
  for (size_t i = 0; i < count; ++i) {
    std::string_view item = candidates[i];
    if (item == name) continue;
    // No more than a third of the characters involved may change, and only improvements count.
    int64_t max_distance =
        static_cast<int64_t>(name.size() + item.size() + 3) * kMoveCost / 6;
    max_distance = std::min(max_distance, best_distance - 1);
    int64_t d = suggestion_edit_distance(name, item, max_distance);
    if (d > max_distance) continue;
    if (best < 0 || d < best_distance) {
      best = static_cast<int64_t>(i);
      best_distance = d;
    }
  }
  return best;
}

}  // namespace weft
