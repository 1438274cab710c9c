// stdlib/_sre/sre_search.cpp — finding where a match starts (CPython's SRE(search)): the literal
// prefix scan (memchr for 1-byte text), the first-character charset scan and the position-by-
// position fallback; the AT position tests; State bookkeeping; and the engine's entry points,
// which pick the Matcher for the subject's character width and turn std::bad_alloc from the
// stacks into kErrorMemory.
#include <cstring>
#include <new>

#include "stdlib/_sre/sre_chars.h"
#include "stdlib/_sre/sre_constants.h"
#include "stdlib/_sre/sre_engine.h"
#include "stdlib/_sre/sre_matcher.h"

namespace weft::sre {

void State::init(const void* chars, int size, int64_t len, int64_t pos_arg, int64_t endpos_arg,
                 int64_t groups) {
  data = chars;
  charsize = size;
  length = len;
  pos = pos_arg < 0 ? 0 : pos_arg > len ? len : pos_arg;
  endpos = endpos_arg < 0 ? 0 : endpos_arg > len ? len : endpos_arg;
  start = ptr = pos;
  end = endpos;
  match_all = must_advance = false;
  marks.clear();
  mark_limit = 2 * groups;
  reset();
}

void State::reset() {
  lastmark = lastindex = -1;
  repeat = -1;
  repeats.clear();
  saved.clear();
  nframes = 0;
}

bool State::group_span(int64_t g, int64_t* begin, int64_t* finish) const {
  int64_t index = 2 * (g - 1);
  if (index + 1 > lastmark || marks[index] < 0 || marks[index + 1] < 0) return false;
  *begin = marks[index];
  *finish = marks[index + 1];
  return true;
}

namespace detail {

template <class CharT>
bool Matcher<CharT>::at(int64_t ptr, uint32_t code) const {
  const int64_t end = st_.end;
  auto boundary = [&](bool (*is_word)(uint32_t)) -> int {  // -1: empty subject
    if (end == 0) return -1;
    bool before = ptr > 0 && ptr - 1 < st_.length && is_word(s_[ptr - 1]);
    bool here = ptr < end && is_word(s_[ptr]);
    return before != here;
  };
  switch (code) {
    case kAtBeginning:
    case kAtBeginningString: return ptr == 0;
    case kAtBeginningLine: return ptr == 0 || (ptr <= st_.length && is_linebreak(s_[ptr - 1]));
    case kAtEnd: return ptr == end || (ptr + 1 == end && is_linebreak(s_[ptr]));
    case kAtEndLine: return ptr == end || (ptr < st_.length && is_linebreak(s_[ptr]));
    case kAtEndString: return ptr == end;
    case kAtBoundary: return boundary(ascii_is_word) == 1;
    case kAtNonBoundary: return boundary(ascii_is_word) == 0;
    case kAtLocBoundary: return boundary(locale_is_word) == 1;
    case kAtLocNonBoundary: return boundary(locale_is_word) == 0;
    case kAtUniBoundary: return boundary(unicode_is_word) == 1;
    case kAtUniNonBoundary: return boundary(unicode_is_word) == 0;
    default: return false;
  }
}

template <class CharT>
int64_t Matcher<CharT>::search(const uint32_t* pattern) {
  State& st = st_;
  const CharT* const s = s_;
  int64_t ptr = st.start;
  int64_t end = st.end;
  if (ptr > end) return 0;

  uint32_t flags = 0;
  int64_t prefix_len = 0, prefix_skip = 0;
  const uint32_t* prefix = nullptr;
  const uint32_t* charset = nullptr;
  if (pattern[0] == kOpInfo) {
    // <INFO> <skip> <flags> <min> <max> [<prefix length> <prefix skip> <prefix> <overlap>
    // | <charset>]
    flags = pattern[2];
    if (pattern[3] && end - ptr < int64_t(pattern[3])) return 0;
    if (pattern[3] > 1) {
      end -= pattern[3] - 1;  // no match can start later (but leave room for one character)
      if (end <= ptr) end = ptr;
    }
    if (flags & kInfoPrefix) {
      prefix_len = pattern[5];
      prefix_skip = pattern[6];
      prefix = pattern + 7;
    } else if (flags & kInfoCharset) {
      charset = pattern + 5;
    }
    pattern += 1 + pattern[1];
  }

  int64_t status = 0;
  if (prefix_len > 0) {
    // The pattern starts with a literal prefix: only try where it occurs.
    end = st.end;
    if (prefix_len > end - ptr) return 0;
    st.must_advance = false;
    const uint32_t first = prefix[0];
    for (const int64_t last = end - prefix_len; ptr <= last; ptr++) {
      if constexpr (sizeof(CharT) == 1) {
        if (first > 0xff) return 0;  // cannot occur in 1-byte text
        const void* hit = std::memchr(s + ptr, int(first), size_t(last - ptr + 1));
        if (hit == nullptr) return 0;
        ptr = static_cast<const CharT*>(hit) - s;
      } else if (s[ptr] != first) {
        continue;
      }
      int64_t k = 1;
      while (k < prefix_len && s[ptr + k] == prefix[k]) k++;
      if (k < prefix_len) continue;
      st.start = ptr;
      st.ptr = ptr + prefix_skip;
      if (flags & kInfoLiteral) return 1;  // the prefix is the whole pattern
      status = match(pattern + 2 * prefix_skip, false);
      if (status != 0) return status;
      reset_groups();
    }
    return 0;
  }

  if (charset != nullptr) {
    // The first character must be in `charset`.
    end = st.end;
    st.must_advance = false;
    for (;;) {
      while (ptr < end && !in_charset(charset, s[ptr])) ptr++;
      if (ptr >= end) return 0;
      st.start = ptr;
      st.ptr = ptr;
      status = match(pattern, false);
      if (status != 0) return status;
      ptr++;
      reset_groups();
    }
  }

  st.start = st.ptr = ptr;
  status = match(pattern, true);
  st.must_advance = false;
  if (status == 0 && pattern[0] == kOpAt &&
      (pattern[1] == kAtBeginning || pattern[1] == kAtBeginningString)) {
    st.start = st.ptr = end;  // anchored at the beginning: nowhere else can match
    return 0;
  }
  while (status == 0 && ptr < end) {
    ptr++;
    reset_groups();
    st.start = st.ptr = ptr;
    status = match(pattern, false);
  }
  return status;
}

#define WEFT_SRE_INSTANTIATE(CharT)                                   \
  template bool Matcher<CharT>::at(int64_t ptr, uint32_t code) const; \
  template int64_t Matcher<CharT>::search(const uint32_t* pattern);
WEFT_SRE_FOR_EACH_CHAR_TYPE(WEFT_SRE_INSTANTIATE)
#undef WEFT_SRE_INSTANTIATE

}  // namespace detail

namespace {

template <class CharT>
int64_t run(State& state, const uint32_t* code, bool search) {
  detail::Matcher<CharT> m(state);
  return search ? m.search(code) : m.match(code, true);
}

int64_t dispatch(State& state, const uint32_t* code, bool search) {
  try {
    switch (state.charsize) {
      case 1: return run<uint8_t>(state, code, search);
      case 2: return run<uint16_t>(state, code, search);
      default: return run<uint32_t>(state, code, search);
    }
  } catch (const std::bad_alloc&) {
    state.nframes = 0;
    return kErrorMemory;
  }
}


}  // namespace

int64_t engine_match(State& state, const uint32_t* code) { return dispatch(state, code, false); }
int64_t engine_search(State& state, const uint32_t* code) { return dispatch(state, code, true); }

}  // namespace weft::sre
