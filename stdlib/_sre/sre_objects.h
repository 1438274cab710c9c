// stdlib/_sre/sre_objects.h — the Python objects of the `_sre` module (re.Pattern, re.Match,
// _sre.SRE_Scanner, _sre.SRE_Template) and the helpers their files share.
//
// Thread safety: Pattern, Match and Template objects are immutable once created, so any number
// of threads use them at once (re's cache shares Patterns between threads); each match runs on a
// State of its own. A Scanner carries a State from call to call: one call at a time, enforced by
// its `executing` flag ("regular expression scanner already executing"), as in CPython 3.13t.
#pragma once

#include <atomic>
#include <cstdint>

#include "objects/bytes_like.h"
#include "objects/type.h"
#include "stdlib/_sre/sre_engine.h"

namespace weft::sre {

extern Type PatternType;   // re.Pattern
extern Type MatchType;     // re.Match
extern Type ScannerType;   // _sre.SRE_Scanner
extern Type TemplateType;  // _sre.SRE_Template

struct PatternObject : Object {
  Object* pattern;     // the source: str, bytes or None (owned)
  Object* groupindex;  // dict name -> group number (owned; a private copy, never mutated)
  Object* indexgroup;  // tuple group number -> name or None (owned)
  int64_t groups;      // number of capture groups
  uint32_t flags;
  int8_t isbytes;      // 1 bytes pattern, 0 str pattern, -1 unknown (pattern is None)
  int64_t codesize;
  uint32_t code[1];    // `codesize` words, validated at creation
};

struct MatchObject : Object {
  Object* string;      // the subject (owned)
  Object* pattern;     // the PatternObject (owned)
  int64_t pos, endpos;
  int64_t lastindex;   // -1 when no group closed
  int64_t groups;      // pattern groups + 1 (group 0 is the whole match)
  // Followed in the same allocation by 2 * groups positions (start, end of each group; -1 for a
  // group that did not take part): see match_marks().
};
inline int64_t* match_marks(MatchObject* m) { return reinterpret_cast<int64_t*>(m + 1); }

struct TemplateItem {
  int64_t index;       // group number
  Object* literal;     // text after the group (owned), or nullptr when empty
};
struct TemplateObject : Object {
  Object* literal;     // text before the first group (owned): str or bytes
  int64_t chunks;      // pieces when every group matched (for sizing)
  int64_t count;       // number of items
  TemplateItem items[1];
};

// The characters of a subject string: a str of any width, or the bytes of a bytes-like object
// (held by `view`, which keeps a bytearray from being resized while it is matched).
struct Subject {
  ByteView view;
  const void* data = nullptr;
  int charsize = 1;
  int64_t length = 0;
  bool isbytes = false;
};

// Reads `string` for matching with `pattern`: TypeError "expected string or bytes-like object,
// got 'int'" / "cannot use a string pattern on a bytes-like object" and the reverse.
Status subject_init(PatternObject* pattern, Object* string, Subject* out);
// string[begin:end) as CPython's getslice: an exact str for str, bytes for exact bytes, else
// the sequence's own slice (bytearray).
Result<Ref<Object>> subject_slice(Object* string, const Subject& subject, int64_t begin,
                                  int64_t end);
// Raises the exception for a negative engine status (kErrorInterrupted: already set).
Error raise_engine_error(int64_t status);

// A Match for the last successful match in `state`.
Result<Ref<Object>> match_new(PatternObject* pattern, Object* string, const State& state);
// A Match's group `index` (0..groups) as a slice of its subject, or `missing` (borrowed).
Result<Ref<Object>> match_group_slice(MatchObject* m, int64_t index, Object* missing);

// Template expansion for sub() and Match.expand(): `compiled` is an SRE_Template.
Result<Ref<Object>> template_expand(Object* compiled, MatchObject* m);
// re._compile_template(pattern, repl), checked to give an SRE_Template.
Result<Ref<Object>> compile_template(Object* pattern, Object* repl);
// _sre.template(pattern, list)
Result<Ref<Object>> template_new(Object* list);

// The scanner behind Pattern.scanner() and Pattern.finditer().
Result<Ref<Object>> scanner_new(PatternObject* pattern, Object* string, int64_t pos,
                                int64_t endpos);

// _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
Result<Ref<Object>> pattern_compile(Object* const* args, size_t nargs, Object* kwnames);

// Checks compiled code (RuntimeError "invalid SRE code" when it could misbehave).
Status validate_code(const uint32_t* code, int64_t size, int64_t groups);

}  // namespace weft::sre
