// stdlib/_sre/sre_match.cpp — re.Match: the result of a successful match (group access, spans,
// expand, repr) with CPython 3.14's behaviour and messages (Modules/_sre/sre.c).
//
// A Match is immutable: it copies the group spans out of the engine State when it is created, so
// threads may share it. Group text is sliced from the subject on demand; a bytearray subject may
// have shrunk since, so spans are clamped to its current length, as CPython does.
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_sre/sre_objects.h"

namespace weft::sre {

Type MatchType;

Result<Ref<Object>> match_new(PatternObject* pattern, Object* string, const State& state) {
  int64_t groups = pattern->groups + 1;
  size_t size = sizeof(MatchObject) + size_t(2 * groups) * sizeof(int64_t);
  Ref<MatchObject> m = TRY(new_object<MatchObject>(&MatchType, size));
  m->string = new_ref(string).release();
  m->pattern = new_ref(pattern).release();
  m->pos = state.pos;
  m->endpos = state.endpos;
  m->lastindex = state.lastindex;
  m->groups = groups;
  int64_t* marks = match_marks(m.get());
  marks[0] = state.start;
  marks[1] = state.ptr;
  for (int64_t g = 1; g < groups; g++) {
    int64_t begin = -1, end = -1;
    if (state.group_span(g, &begin, &end) && begin > end)
      return raise(exc::SystemError,
                   "The span of capturing group is wrong, please report a bug for the re module.");
    marks[2 * g] = begin;
    marks[2 * g + 1] = end;
  }
  return Ref<Object>(std::move(m));
}

Result<Ref<Object>> match_group_slice(MatchObject* m, int64_t index, Object* missing) {
  int64_t begin = match_marks(m)[2 * index], end = match_marks(m)[2 * index + 1];
  if (begin < 0) return new_ref(missing);
  Subject subject;
  TRY(subject_init(nullptr, m->string, &subject));
  if (begin > subject.length) begin = subject.length;
  if (end > subject.length) end = subject.length;
  return subject_slice(m->string, subject, begin, end);
}

namespace {

MatchObject* as_match(Object* o) { return static_cast<MatchObject*>(o); }
PatternObject* pattern_of(MatchObject* m) { return static_cast<PatternObject*>(m->pattern); }

// A group number from an int or a group name; IndexError "no such group" otherwise.
Result<int64_t> group_index(MatchObject* m, Object* index) {
  int64_t i = -1;
  if (is_int(index)) {
    if (!int_to_i64(index, &i)) i = -1;
  } else {
    // Names are looked up only when the pattern has any (CPython keeps no dict otherwise).
    Object* names = pattern_of(m)->groupindex;
    Ref<Object> number;
    if (dict_size(names) > 0 && TRY(dict_get_item(names, index, &number)) &&
        is_int(number.get())) {
      if (!int_to_i64(number.get(), &i)) i = -1;
    }
  }
  if (i < 0 || i >= m->groups) return raise(exc::IndexError, "no such group");
  return i;
}

Result<Ref<Object>> group_by_key(MatchObject* m, Object* key) {
  return match_group_slice(m, TRY(group_index(m, key)), none());
}

Result<Ref<Object>> match_group(Object* self, Object* const* args, size_t nargs,
                                Object* kwnames) {
  TRY(args_no_keywords("Match.group", kwnames));
  MatchObject* m = as_match(self);
  if (nargs == 0) return match_group_slice(m, 0, none());
  if (nargs == 1) return group_by_key(m, args[0]);
  Ref<Object> result = TRY(tuple_new(int64_t(nargs)));
  for (size_t i = 0; i < nargs; i++) {
    tuple_init_item(result.get(), int64_t(i), TRY(group_by_key(m, args[i])));
  }
  return result;
}

Result<Ref<Object>> match_subscript(Object* self, Object* key) {
  return group_by_key(as_match(self), key);
}

Result<Ref<Object>> match_groups(Object* self, Object* const* args, size_t nargs,
                                 Object* kwnames) {
  static const ArgParser kParser("groups", "| default");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Object* missing = a[0] ? a[0] : none();
  MatchObject* m = as_match(self);
  Ref<Object> result = TRY(tuple_new(m->groups - 1));
  for (int64_t g = 1; g < m->groups; g++) {
    tuple_init_item(result.get(), g - 1, TRY(match_group_slice(m, g, missing)));
  }
  return result;
}

Result<Ref<Object>> match_groupdict(Object* self, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  static const ArgParser kParser("groupdict", "| default");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Object* missing = a[0] ? a[0] : none();
  MatchObject* m = as_match(self);
  Ref<Object> result = TRY(dict_new());
  Ref<Object> names = TRY(dict_keys_list(pattern_of(m)->groupindex));
  for (int64_t i = 0; i < list_size(names.get()); i++) {
    Object* name = list_item_locked(names.get(), i);
    int64_t g = TRY(group_index(m, name));
    TRY(dict_set_item(result.get(), name, TRY(match_group_slice(m, g, missing)).get()));
  }
  return result;
}

// The group named by the optional argument of start/end/span (default 0).
// `fname` names the method in positional-count messages, `keyword_name` in the keyword one.
Result<int64_t> optional_group(const char* fname, const char* keyword_name, MatchObject* m,
                               Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords(keyword_name, kwnames));
  TRY(args_check_positional(fname, nargs, 0, 1));
  return nargs == 0 ? 0 : group_index(m, args[0]);
}

Result<Ref<Object>> match_start(Object* self, Object* const* args, size_t nargs,
                                Object* kwnames) {
  MatchObject* m = as_match(self);
  int64_t g = TRY(optional_group("start", "Match.start", m, args, nargs, kwnames));
  return int_from_i64(match_marks(m)[2 * g]);
}

Result<Ref<Object>> match_end(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  MatchObject* m = as_match(self);
  int64_t g = TRY(optional_group("end", "Match.end", m, args, nargs, kwnames));
  return int_from_i64(match_marks(m)[2 * g + 1]);
}

Result<Ref<Object>> span_tuple(MatchObject* m, int64_t g) {
  Ref<Object> begin = TRY(int_from_i64(match_marks(m)[2 * g]));
  Ref<Object> end = TRY(int_from_i64(match_marks(m)[2 * g + 1]));
  return tuple_pack({begin.get(), end.get()});
}

Result<Ref<Object>> match_span(Object* self, Object* const* args, size_t nargs,
                               Object* kwnames) {
  MatchObject* m = as_match(self);
  int64_t g = TRY(optional_group("span", "Match.span", m, args, nargs, kwnames));
  return span_tuple(m, g);
}

Result<Ref<Object>> match_expand(Object* self, Object* const* args, size_t nargs,
                                 Object* kwnames) {
  static const ArgParser kParser("expand", "template");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  MatchObject* m = as_match(self);
  Ref<Object> compiled = TRY(compile_template(m->pattern, a[0]));
  return template_expand(compiled.get(), m);
}

Result<Ref<Object>> match_copy(Object* self, Object* const*, size_t, Object*) {
  return new_ref(self);
}

Result<Ref<Object>> get_lastindex(Object* self) {
  MatchObject* m = as_match(self);
  if (m->lastindex < 0) return new_none();
  return int_from_i64(m->lastindex);
}

Result<Ref<Object>> get_lastgroup(Object* self) {
  MatchObject* m = as_match(self);
  Object* names = pattern_of(m)->indexgroup;
  if (m->lastindex < 0 || m->lastindex >= tuple_size(names)) return new_none();
  return new_ref(tuple_item(names, m->lastindex));
}

Result<Ref<Object>> get_regs(Object* self) {
  MatchObject* m = as_match(self);
  Ref<Object> regs = TRY(tuple_new(m->groups));
  for (int64_t g = 0; g < m->groups; g++) tuple_init_item(regs.get(), g, TRY(span_tuple(m, g)));
  return regs;
}

Result<Ref<Object>> get_string(Object* self) { return new_ref(as_match(self)->string); }
Result<Ref<Object>> get_re(Object* self) { return new_ref(as_match(self)->pattern); }
Result<Ref<Object>> get_pos(Object* self) { return int_from_i64(as_match(self)->pos); }
Result<Ref<Object>> get_endpos(Object* self) { return int_from_i64(as_match(self)->endpos); }

Result<Ref<Object>> match_repr(Object* self) {
  MatchObject* m = as_match(self);
  Ref<Object> group0 = TRY(match_group_slice(m, 0, none()));
  Ref<Object> text = TRY(object_repr(group0.get()));
  int64_t n = str_length(text.get());
  StrBuilder out;
  out.append_ascii("<re.Match object; span=(");
  out.append_ascii(std::to_string(match_marks(m)[0]));
  out.append_ascii(", ");
  out.append_ascii(std::to_string(match_marks(m)[1]));
  out.append_ascii("), match=");
  out.append_substr(text.get(), 0, n < 50 ? n : 50);  // CPython's "%.50R"
  out.append_ascii(">");
  return out.finish();
}

void match_dealloc(Object* self) {
  MatchObject* m = as_match(self);
  decref(m->string);
  decref(m->pattern);
  free_object(self);
}

const MethodDef kMatchMethods[] = {
    {"group", match_group, kMethFastcall,
     "group([group1, ...]) -> str or tuple.\n    Return subgroup(s) of the match by indices or "
     "names.\n    For 0 returns the entire match."},
    {"start", match_start, kMethFastcall, "Return index of the start of the substring matched by group."},
    {"end", match_end, kMethFastcall, "Return index of the end of the substring matched by group."},
    {"span", match_span, kMethFastcall,
     "For match object m, return the 2-tuple (m.start(group), m.end(group))."},
    {"groups", match_groups, kMethFastcall,
     "Return a tuple containing all the subgroups of the match, from 1.\n\n  default\n    Is "
     "used for groups that did not participate in the match."},
    {"groupdict", match_groupdict, kMethFastcall,
     "Return a dictionary containing all the named subgroups of the match, keyed by the "
     "subgroup name.\n\n  default\n    Is used for groups that did not participate in the "
     "match."},
    {"expand", match_expand, kMethFastcall,
     "Return the string obtained by doing backslash substitution on the string template, as "
     "done by the sub() method."},
    {"__copy__", match_copy, kMethNoArgs, nullptr},
    {"__deepcopy__", match_copy, kMethOneArg, nullptr},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kMatchGetSets[] = {
    {"lastindex", get_lastindex, nullptr, "The integer index of the last matched capturing group."},
    {"lastgroup", get_lastgroup, nullptr, "The name of the last matched capturing group."},
    {"regs", get_regs, nullptr, nullptr},
    {"string", get_string, nullptr, "The string passed to match() or search()."},
    {"re", get_re, nullptr, "The regular expression object."},
    {"pos", get_pos, nullptr, "The index into the string at which the RE engine started looking for a match."},
    {"endpos", get_endpos, nullptr, "The index into the string beyond which the RE engine will not go."},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_match_type() {
  Type& t = MatchType;
  t.name = "re.Match";
  t.doc = "The result of re.match() and re.search().\nMatch objects always have a boolean value "
          "of True.";
  t.basicsize = sizeof(MatchObject);
  t.itemsize = sizeof(int64_t);
  t.flags = kTypeImmutable | kTypeDisallowInstantiation;
  t.dealloc = match_dealloc;
  t.repr = match_repr;
  t.mapping.subscript = match_subscript;
  t.methods = kMatchMethods;
  t.getsets = kMatchGetSets;
  return ok();
}
Status ready_match_type() { return type_ready(&MatchType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_match_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_match_type);

}  // namespace
}  // namespace weft::sre
