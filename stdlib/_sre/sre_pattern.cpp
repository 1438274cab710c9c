// stdlib/_sre/sre_pattern.cpp — re.Pattern: the compiled pattern object and its matching methods
// (match, fullmatch, search, findall, finditer, scanner, split, sub, subn), repr, equality, hash
// and attributes, with CPython 3.14's behaviour and messages (Modules/_sre/sre.c).
//
// A Pattern is immutable after _sre.compile() built and validated it, so threads share it freely;
// every method runs the engine on a State of its own (StateLease: the calling thread's cached
// State, whose stacks keep their memory between calls, or a fresh one when that is busy).
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/mappingproxy.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_sre/sre_constants.h"
#include "stdlib/_sre/sre_objects.h"

namespace weft::sre {

Type PatternType;

namespace {

PatternObject* as_pattern(Object* o) { return static_cast<PatternObject*>(o); }

// (string, pos=0, endpos=sys.maxsize), shared by match, fullmatch, search, findall, finditer
// and scanner.
struct Span {
  Object* string;
  int64_t pos = 0;
  int64_t endpos = INT64_MAX;
};
Result<Span> parse_span(const ArgParser& parser, Object* const* args, size_t nargs,
                        Object* kwnames) {
  Object* a[3];
  TRY(parser.parse(args, nargs, kwnames, a));
  Span span;
  span.string = a[0];
  if (a[1]) span.pos = TRY(index_as_i64(a[1], exc::OverflowError));
  if (a[2]) span.endpos = TRY(index_as_i64(a[2], exc::OverflowError));
  return span;
}

// The State of one call: the calling thread's cached State when it is free, so repeated matches
// reuse its stacks' memory instead of allocating; a fresh one when the cached State is busy (a
// signal handler running inside a match may use re again on the same thread). Stacks that grew
// large are released afterwards, so a cached State never pins much memory.
class StateLease {
 public:
  StateLease() : cached_(!cache_.busy) {
    if (cached_) cache_.busy = true;
  }
  ~StateLease() {
    if (!cached_) return;
    trim(cache_.state);
    cache_.busy = false;
  }
  StateLease(const StateLease&) = delete;
  StateLease& operator=(const StateLease&) = delete;
  State& get() { return cached_ ? cache_.state : own_; }

 private:
  struct Cache {
    State state;
    bool busy = false;
  };
  static void trim(State& st) {
    constexpr size_t kKeep = 1024;
    if (st.frames.size() > kKeep) std::vector<Frame>().swap(st.frames);
    if (st.saved.capacity() > kKeep) std::vector<int64_t>().swap(st.saved);
    if (st.marks.capacity() > kKeep) std::vector<int64_t>().swap(st.marks);
    if (st.repeats.capacity() > kKeep) std::vector<Repeat>().swap(st.repeats);
  }
  static thread_local Cache cache_;
  bool cached_;
  State own_;
};
thread_local StateLease::Cache StateLease::cache_;

// A State over `subject` ready for the pattern's code.
void state_init(State& state, PatternObject* p, const Subject& subject, int64_t pos,
                int64_t endpos) {
  state.init(subject.data, subject.charsize, subject.length, pos, endpos, p->groups);
}

enum class Mode { Match, FullMatch, Search };

Result<Ref<Object>> run_once(Object* self, const Span& span, Mode mode) {
  PatternObject* p = as_pattern(self);
  Subject subject;
  TRY(subject_init(p, span.string, &subject));
  StateLease lease;
  State& state = lease.get();
  state_init(state, p, subject, span.pos, span.endpos);
  state.match_all = mode == Mode::FullMatch;
  int64_t status = mode == Mode::Search ? engine_search(state, p->code)
                                         : engine_match(state, p->code);
  if (status < 0) return raise_engine_error(status);
  if (status == 0) return new_none();
  return match_new(p, span.string, state);
}

Result<Ref<Object>> pattern_match(Object* self, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  static const ArgParser kParser("match", "string | pos endpos");
  return run_once(self, TRY(parse_span(kParser, args, nargs, kwnames)), Mode::Match);
}
Result<Ref<Object>> pattern_fullmatch(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  static const ArgParser kParser("fullmatch", "string | pos endpos");
  return run_once(self, TRY(parse_span(kParser, args, nargs, kwnames)), Mode::FullMatch);
}
Result<Ref<Object>> pattern_search(Object* self, Object* const* args, size_t nargs,
                                   Object* kwnames) {
  static const ArgParser kParser("search", "string | pos endpos");
  return run_once(self, TRY(parse_span(kParser, args, nargs, kwnames)), Mode::Search);
}

// Group `g` of the last match in `state`, or `missing` (new reference) when it did not take part.
Result<Ref<Object>> state_group(const State& state, Object* string, const Subject& subject,
                                int64_t g, bool empty_if_missing) {
  int64_t begin, end;
  if (!state.group_span(g, &begin, &end)) {
    if (!empty_if_missing) return new_none();
    begin = end = 0;
  }
  if (begin > end)
    return raise(exc::SystemError,
                 "The span of capturing group is wrong, please report a bug for the re module.");
  return subject_slice(string, subject, begin, end);
}

Result<Ref<Object>> pattern_findall(Object* self, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  static const ArgParser kParser("findall", "string | pos endpos");
  Span span = TRY(parse_span(kParser, args, nargs, kwnames));
  PatternObject* p = as_pattern(self);
  Subject subject;
  TRY(subject_init(p, span.string, &subject));
  StateLease lease;
  State& state = lease.get();
  state_init(state, p, subject, span.pos, span.endpos);
  Ref<Object> list = TRY(list_new());
  while (state.start <= state.end) {
    state.reset();
    state.ptr = state.start;
    int64_t status = engine_search(state, p->code);
    if (status < 0) return raise_engine_error(status);
    if (status == 0) break;
    Ref<Object> item;
    if (p->groups == 0) {
      item = TRY(subject_slice(span.string, subject, state.start, state.ptr));
    } else if (p->groups == 1) {
      item = TRY(state_group(state, span.string, subject, 1, true));
    } else {
      item = TRY(tuple_new(p->groups));
      for (int64_t g = 0; g < p->groups; g++) {
        tuple_init_item(item.get(), g, TRY(state_group(state, span.string, subject, g + 1, true)));
      }
    }
    TRY(list_append(list.get(), item.get()));
    state.must_advance = state.ptr == state.start;
    state.start = state.ptr;
  }
  return list;
}

Result<Ref<Object>> pattern_scanner(Object* self, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  static const ArgParser kParser("scanner", "string | pos endpos");
  Span span = TRY(parse_span(kParser, args, nargs, kwnames));
  return scanner_new(as_pattern(self), span.string, span.pos, span.endpos);
}

Result<Ref<Object>> pattern_finditer(Object* self, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  static const ArgParser kParser("finditer", "string | pos endpos");
  Span span = TRY(parse_span(kParser, args, nargs, kwnames));
  Ref<Object> scanner = TRY(scanner_new(as_pattern(self), span.string, span.pos, span.endpos));
  Ref<Object> search = TRY(get_attr(scanner.get(), "search"));
  return callable_iter_new(search.get(), none());
}

Result<Ref<Object>> pattern_split(Object* self, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  static const ArgParser kParser("split", "string | maxsplit");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Object* string = a[0];
  int64_t maxsplit = a[1] ? TRY(index_as_i64(a[1], exc::OverflowError)) : 0;
  PatternObject* p = as_pattern(self);
  Subject subject;
  TRY(subject_init(p, string, &subject));
  StateLease lease;
  State& state = lease.get();
  state_init(state, p, subject, 0, INT64_MAX);
  Ref<Object> list = TRY(list_new());
  int64_t n = 0;
  int64_t last = state.start;
  while (maxsplit == 0 || n < maxsplit) {
    state.reset();
    state.ptr = state.start;
    int64_t status = engine_search(state, p->code);
    if (status < 0) return raise_engine_error(status);
    if (status == 0) break;
    TRY(list_append(list.get(), TRY(subject_slice(string, subject, last, state.start)).get()));
    for (int64_t g = 1; g <= p->groups; g++) {
      TRY(list_append(list.get(), TRY(state_group(state, string, subject, g, false)).get()));
    }
    n++;
    state.must_advance = state.ptr == state.start;
    last = state.start = state.ptr;
  }
  TRY(list_append(list.get(), TRY(subject_slice(string, subject, last, state.endpos)).get()));
  return list;
}

// Whether a replacement is plain text (no backslash), so sub() can insert it as is.
bool is_literal_replacement(Object* repl) {
  if (is_str(repl)) {
    const void* data = str_data(repl);
    int kind = str_kind(repl);
    int64_t n = str_length(repl);
    for (int64_t i = 0; i < n; i++) {
      uint32_t c = kind == 1 ? static_cast<const uint8_t*>(data)[i]
                 : kind == 2 ? static_cast<const uint16_t*>(data)[i]
                             : static_cast<const uint32_t*>(data)[i];
      if (c == '\\') return false;
    }
    return true;
  }
  if (is_bytes_like(repl)) {
    ByteView view = ByteView::of(repl);
    return std::memchr(view.data(), '\\', view.size()) == nullptr;
  }
  return false;
}

Result<Ref<Object>> substitute(PatternObject* p, Object* repl, Object* string, int64_t count,
                               bool subn) {
  enum class Filter { Literal, Callable, Template } kind;
  Ref<Object> filter;
  if (is_callable(repl)) {
    filter = new_ref(repl);
    kind = Filter::Callable;
  } else if (is_literal_replacement(repl)) {
    filter = new_ref(repl);
    kind = Filter::Literal;
  } else {
    filter = TRY(compile_template(p, repl));
    TemplateObject* t = static_cast<TemplateObject*>(filter.get());
    if (t->count == 0) {
      filter = new_ref(t->literal);
      kind = Filter::Literal;
    } else {
      kind = Filter::Template;
    }
  }

  Subject subject;
  TRY(subject_init(p, string, &subject));
  StateLease lease;
  State& state = lease.get();
  state_init(state, p, subject, 0, INT64_MAX);
  Ref<Object> list = TRY(list_new());
  int64_t n = 0, i = 0;
  while (count == 0 || n < count) {
    state.reset();
    state.ptr = state.start;
    int64_t status = engine_search(state, p->code);
    if (status < 0) return raise_engine_error(status);
    if (status == 0) break;
    int64_t b = state.start, e = state.ptr;
    if (i < b) TRY(list_append(list.get(), TRY(subject_slice(string, subject, i, b)).get()));
    if (kind == Filter::Literal) {
      TRY(list_append(list.get(), filter.get()));
    } else {
      Ref<Object> m = TRY(match_new(p, string, state));
      Ref<Object> item = kind == Filter::Template
                             ? TRY(template_expand(filter.get(), static_cast<MatchObject*>(m.get())))
                             : TRY(call_one(filter.get(), m.get()));
      if (!is_none(item.get())) TRY(list_append(list.get(), item.get()));
    }
    i = e;
    n++;
    state.must_advance = state.ptr == state.start;
    state.start = state.ptr;
  }
  if (i < state.endpos)
    TRY(list_append(list.get(), TRY(subject_slice(string, subject, i, state.endpos)).get()));
  Ref<Object> joiner = TRY(subject_slice(string, subject, 0, 0));
  Ref<Object> result;
  if (list_size(list.get()) == 0) {
    result = std::move(joiner);
  } else {
    Object* arg = list.get();
    result = TRY(call_method(joiner.get(), "join", &arg, 1));
  }
  if (!subn) return result;
  Ref<Object> count_obj = TRY(int_from_i64(n));
  return tuple_pack({result.get(), count_obj.get()});
}

Result<Ref<Object>> parse_sub(Object* self, const ArgParser& parser, Object* const* args,
                              size_t nargs, Object* kwnames, bool subn) {
  Object* a[3];
  TRY(parser.parse(args, nargs, kwnames, a));
  int64_t count = a[2] ? TRY(index_as_i64(a[2], exc::OverflowError)) : 0;
  return substitute(as_pattern(self), a[0], a[1], count, subn);
}
Result<Ref<Object>> pattern_sub(Object* self, Object* const* args, size_t nargs,
                                Object* kwnames) {
  static const ArgParser kParser("sub", "repl string | count");
  return parse_sub(self, kParser, args, nargs, kwnames, false);
}
Result<Ref<Object>> pattern_subn(Object* self, Object* const* args, size_t nargs,
                                 Object* kwnames) {
  static const ArgParser kParser("subn", "repl string | count");
  return parse_sub(self, kParser, args, nargs, kwnames, true);
}

Result<Ref<Object>> pattern_copy(Object* self, Object* const*, size_t, Object*) {
  return new_ref(self);
}

// ---- attributes, repr, equality --------------------------------------------------------------

Result<Ref<Object>> get_pattern(Object* self) { return new_ref(as_pattern(self)->pattern); }
Result<Ref<Object>> get_flags(Object* self) { return int_from_i64(as_pattern(self)->flags); }
Result<Ref<Object>> get_groups(Object* self) { return int_from_i64(as_pattern(self)->groups); }
Result<Ref<Object>> get_groupindex(Object* self) {
  return mappingproxy_new(as_pattern(self)->groupindex);
}

// Appends the first `limit` code points of repr(o) (CPython's "%.200R").
Status append_repr_truncated(StrBuilder& out, Object* o, int64_t limit) {
  Ref<Object> r = TRY(object_repr(o));
  int64_t n = str_length(r.get());
  out.append_substr(r.get(), 0, n < limit ? n : limit);
  return ok();
}

Result<Ref<Object>> pattern_repr(Object* self) {
  static const struct {
    const char* name;
    uint32_t value;
  } kFlagNames[] = {
      {"re.IGNORECASE", kFlagIgnorecase}, {"re.LOCALE", kFlagLocale},
      {"re.MULTILINE", kFlagMultiline},   {"re.DOTALL", kFlagDotall},
      {"re.UNICODE", kFlagUnicode},       {"re.VERBOSE", kFlagVerbose},
      {"re.DEBUG", kFlagDebug},           {"re.ASCII", kFlagAscii},
  };
  PatternObject* p = as_pattern(self);
  uint32_t flags = p->flags;
  // re.UNICODE is implied for str patterns: not shown.
  if (p->isbytes == 0 && (flags & (kFlagLocale | kFlagUnicode | kFlagAscii)) == kFlagUnicode)
    flags &= ~uint32_t(kFlagUnicode);
  std::string names;
  for (const auto& f : kFlagNames) {
    if (flags & f.value) {
      if (!names.empty()) names += '|';
      names += f.name;
      flags &= ~f.value;
    }
  }
  if (flags) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%x", flags);
    if (!names.empty()) names += '|';
    names += hex;
  }
  StrBuilder out;
  out.append_ascii("re.compile(");
  TRY(append_repr_truncated(out, p->pattern, 200));
  if (!names.empty()) {
    out.append_ascii(", ");
    out.append_ascii(names);
  }
  out.append_ascii(")");
  return out.finish();
}

Result<Ref<Object>> pattern_richcompare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::Eq && op != CompareOp::Ne) || !is_instance_exact(b, &PatternType))
    return new_ref(not_implemented());
  bool equal = a == b;
  if (!equal) {
    PatternObject* x = as_pattern(a);
    PatternObject* y = as_pattern(b);
    equal = x->flags == y->flags && x->isbytes == y->isbytes && x->codesize == y->codesize &&
            std::memcmp(x->code, y->code, size_t(x->codesize) * sizeof(uint32_t)) == 0;
    if (equal) equal = TRY(objects_equal(x->pattern, y->pattern));
  }
  return new_bool(equal == (op == CompareOp::Eq));
}

Result<int64_t> pattern_hash(Object* self) {
  PatternObject* p = as_pattern(self);
  int64_t h = TRY(object_hash(p->pattern));
  // FNV-1a over the code words: patterns that compare equal hash equally.
  uint64_t code_hash = 1469598103934665603ull;
  for (int64_t i = 0; i < p->codesize; i++) {
    code_hash = (code_hash ^ p->code[i]) * 1099511628211ull;
  }
  h ^= int64_t(code_hash);
  h ^= p->flags;
  h ^= p->isbytes;
  h ^= p->codesize;
  return h == -1 ? -2 : h;
}

void pattern_dealloc(Object* self) {
  PatternObject* p = as_pattern(self);
  decref(p->pattern);
  decref(p->groupindex);
  decref(p->indexgroup);
  free_object(self);
}

const MethodDef kPatternMethods[] = {
    {"match", pattern_match, kMethFastcall,
     "Matches zero or more characters at the beginning of the string."},
    {"fullmatch", pattern_fullmatch, kMethFastcall,
     "Matches against all of the string."},
    {"search", pattern_search, kMethFastcall,
     "Scan through string looking for a match, and return a corresponding match object "
     "instance.\n\nReturn None if no position in the string matches."},
    {"sub", pattern_sub, kMethFastcall,
     "Return the string obtained by replacing the leftmost non-overlapping occurrences of "
     "pattern in string by the replacement repl."},
    {"subn", pattern_subn, kMethFastcall,
     "Return the tuple (new_string, number_of_subs_made) found by replacing the leftmost "
     "non-overlapping occurrences of pattern with the replacement repl."},
    {"findall", pattern_findall, kMethFastcall,
     "Return a list of all non-overlapping matches of pattern in string."},
    {"split", pattern_split, kMethFastcall,
     "Split string by the occurrences of pattern."},
    {"finditer", pattern_finditer, kMethFastcall,
     "Return an iterator over all non-overlapping matches for the RE pattern in string.\n\n"
     "For each match, the iterator returns a match object."},
    {"scanner", pattern_scanner, kMethFastcall, nullptr},
    {"__copy__", pattern_copy, kMethNoArgs, nullptr},
    {"__deepcopy__", pattern_copy, kMethOneArg, nullptr},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kPatternGetSets[] = {
    {"pattern", get_pattern, nullptr, "The pattern string from which the RE object was compiled."},
    {"flags", get_flags, nullptr, "The regex matching flags."},
    {"groups", get_groups, nullptr, "The number of capturing groups in the pattern."},
    {"groupindex", get_groupindex, nullptr,
     "A dictionary mapping group names to group numbers."},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_pattern_type() {
  Type& t = PatternType;
  t.name = "re.Pattern";
  t.doc = "Compiled regular expression object.";
  t.basicsize = sizeof(PatternObject);
  t.itemsize = sizeof(uint32_t);
  t.flags = kTypeImmutable | kTypeDisallowInstantiation;
  t.dealloc = pattern_dealloc;
  t.repr = pattern_repr;
  t.hash = pattern_hash;
  t.richcompare = pattern_richcompare;
  t.methods = kPatternMethods;
  t.getsets = kPatternGetSets;
  return ok();
}
Status ready_pattern_type() { return type_ready(&PatternType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_pattern_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_pattern_type);

}  // namespace

// _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
Result<Ref<Object>> pattern_compile(Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("compile",
                                 "pattern flags code groups groupindex indexgroup");
  Object* a[6];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Object* pattern = a[0];
  int64_t flags = TRY(index_as_i64(a[1], exc::OverflowError));
  if (!is_list(a[2]))
    return raise(exc::TypeError, "compile() argument 'code' must be list, not {}",
                 type_name_of(a[2]));
  int64_t groups = TRY(index_as_i64(a[3], exc::OverflowError));
  if (!is_dict(a[4]))
    return raise(exc::TypeError, "compile() argument 'groupindex' must be dict, not {}",
                 type_name_of(a[4]));
  if (!is_tuple(a[5]))
    return raise(exc::TypeError, "compile() argument 'indexgroup' must be tuple, not {}",
                 type_name_of(a[5]));

  Ref<Object> code = TRY(list_as_tuple(a[2]));  // a snapshot: the list may change meanwhile
  int64_t n = tuple_size(code.get());
  size_t size = sizeof(PatternObject) + size_t(n) * sizeof(uint32_t);
  Ref<PatternObject> p = TRY(new_object<PatternObject>(&PatternType, size));
  p->pattern = new_ref(none()).release();
  p->groupindex = TRY(dict_copy(a[4])).release();
  p->indexgroup = new_ref(a[5]).release();
  p->codesize = n;
  for (int64_t i = 0; i < n; i++) {
    Object* word = tuple_item(code.get(), i);
    if (!is_int(word)) return raise(exc::TypeError, "an integer is required");
    int64_t v;
    if (!int_to_i64(word, &v) || v > int64_t(UINT32_MAX)) {
      if (int_compare(word, TRY(int_from_i64(0)).get()) < 0)
        return raise(exc::OverflowError, "can't convert negative value to unsigned int");
      return raise(exc::OverflowError, "regular expression code size limit exceeded");
    }
    if (v < 0) return raise(exc::OverflowError, "can't convert negative value to unsigned int");
    p->code[i] = uint32_t(v);
  }
  if (is_none(pattern)) {
    p->isbytes = -1;
  } else {
    Subject subject;
    TRY(subject_init(nullptr, pattern, &subject));
    p->isbytes = subject.isbytes ? 1 : 0;
  }
  decref(p->pattern);
  p->pattern = new_ref(pattern).release();
  p->flags = uint32_t(flags);
  p->groups = groups;
  TRY(validate_code(p->code, n, groups));
  return Ref<Object>(std::move(p));
}

}  // namespace weft::sre
