// objects/args.h — checking and parsing the arguments of native functions, with CPython's
// messages (Python/getargs.c, Objects/methodobject.c).
//
// Native functions use the vector calling convention (objects/type.h): args[0..nargs) are the
// positional arguments, followed by one value per name in `kwnames` (a tuple of str or nullptr).
//
// Simple checks (every function returns Status; on failure a TypeError is set):
//
//   TRY(args_no_keywords("split", kwnames));          // "split() takes no keyword arguments"
//   TRY(args_check_positional("pop", nargs, 0, 1));   // "pop expected at most 1 argument, got 2"
//   TRY(args_exactly_one("len", nargs));              // "len() takes exactly one argument (2 given)"
//
// Keyword-capable parsing (CPython's Argument Clinic parser, _PyArg_UnpackKeywords). Declare the
// parser once, as a function-local or namespace-scope static; parsing allocates nothing:
//
//   // int.to_bytes(length=1, byteorder='big', *, signed=False)
//   static const ArgParser kToBytes("to_bytes", "|length byteorder * signed");
//   Object* a[3];                                      // borrowed; nullptr = not given
//   TRY(kToBytes.parse(args, nargs, kwnames, a));
//
// The signature string lists the parameter names in order, separated by spaces or commas, with
// three markers borrowed from Argument Clinic:
//   /   the parameters before it are positional-only
//   |   the parameters after it are optional (before it: required)
//   *   the parameters after it are keyword-only; a `|` may follow to make later ones optional
// e.g. "x | / base" is int(x=0, /, base=10) with x optional; "source filename mode | flags" etc.
// Messages match CPython 3.14: "to_bytes() takes at most 2 positional arguments (3 given)",
// "from_bytes() missing required argument 'bytes' (pos 1)", "argument for split() given by name
// ('sep') and position (1)", "split() got an unexpected keyword argument 'sepp'. Did you mean
// 'sep'?", "keywords must be strings".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "objects/type.h"

namespace weft {

// kwnames is nullptr or empty, else TypeError "<fname>() takes no keyword arguments".
// `fname` is the display name: "split" for a module function, "str.upper" for a method.
Status args_no_keywords(const char* fname, Object* kwnames);
// nargs == 0, else TypeError "<fname>() takes no positional arguments".
Status args_no_positional(const char* fname, size_t nargs);
// METH_NOARGS rule: "<fname>() takes no arguments (N given)".
Status args_none(const char* fname, size_t nargs);
// METH_O rule: "<fname>() takes exactly one argument (N given)".
Status args_exactly_one(const char* fname, size_t nargs);
// CPython's _PyArg_CheckPositional: min <= nargs <= max, else
// "<name> expected [at least |at most ]N argument[s], got M" (note: no "()" after name).
Status args_check_positional(const char* name, size_t nargs, size_t min, size_t max);
// Both at once, the common shape of a positional-only built-in: no keywords, count in range.
inline Status args_positional_only(const char* name, size_t nargs, Object* kwnames, size_t min,
                                   size_t max) {
  TRY(args_no_keywords(name, kwnames));
  return args_check_positional(name, nargs, min, max);
}

// Number of keyword arguments in a vector call (0 when kwnames is nullptr).
size_t kwnames_count(Object* kwnames);

// A parsed signature for keyword-capable native functions; see the file comment. Immutable after
// construction, so one instance is safely shared by every thread.
class ArgParser {
 public:
  static constexpr int kMaxParams = 24;

  // `fname` and `signature` must outlive the parser (string literals). An invalid signature is a
  // programming error and aborts at construction.
  ArgParser(const char* fname, const char* signature);

  // Fills out[0..num_params()) with borrowed references: the argument given for each parameter,
  // or nullptr when it was not given (only possible for optional parameters). On error sets
  // TypeError with CPython's message and leaves `out` unspecified.
  Status parse(Object* const* args, size_t nargs, Object* kwnames, Object** out) const;

  int num_params() const { return nparams_; }
  const char* fname() const { return fname_; }

 private:
  const char* fname_;
  // Names as [begin, end) ranges into the signature string (which is not NUL-split).
  struct Name {
    const char* text;
    uint8_t len;
  };
  Name names_[kMaxParams];
  int nparams_ = 0;
  int posonly_ = 0;     // parameters [0, posonly_) are positional-only
  int maxpos_ = 0;      // parameters [0, maxpos_) may be given by position
  int minpos_ = 0;      // parameters [0, minpos_) are required positional(-or-keyword)
  int reqkw_end_ = 0;   // keyword-only parameters [maxpos_, reqkw_end_) are required

  int find_keyword(Object* key) const;  // index of the parameter named `key`, or -1
  Error error_unexpected_keyword(Object* kwnames) const;
};

// CPython's "Did you mean" search (Python/suggestions.c): the candidate closest to `name` by
// case-aware Levenshtein distance: its index, or -1 when none is close enough (or there are
// 750 candidates or more). Candidates are UTF-8. Used by argument parsing, AttributeError /
// NameError suggestions and the `_suggestions` module.
int64_t suggest_closest(std::string_view name, const std::string_view* candidates, size_t count);
// The edit distance used above (MOVE_COST 2, CASE_COST 1); returns max_cost + 1 when exceeded.
int64_t suggestion_edit_distance(std::string_view a, std::string_view b, int64_t max_cost);

}  // namespace weft
