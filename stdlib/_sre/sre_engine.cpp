// stdlib/_sre/sre_engine.cpp — the backtracking matcher over compiled regular-expression code
// (see sre_engine.h for the design). Semantics follow CPython 3.14's Modules/_sre/sre_lib.h.
//
// How the explicit stack works: the matcher is written as one loop over opcodes. An operator that
// must try something and maybe come back (BRANCH, the repeats, assertions) saves its position in
// its Frame, pushes a child Frame for the sub-match and jumps to `entrance`; when a frame finishes
// it pops itself and the parent resumes at the label named by the child's `jump` code. Sub-matches
// are continuations: a REPEAT_ONE's child matches the *rest of the pattern*, so a frame that
// returns success means the whole remaining pattern matched.
//
// Invariants:
//  - Only `frames`, `saved` and `repeats` grow with the input; all three are heap vectors in the
//    State. Pushes and pops are balanced per frame; repeats are released in LIFO order.
//  - A Frame* is invalidated by any push (vector growth): `ctx` is re-read after every call that
//    may push (DO_JUMP returns via `exit`, count() may run a nested match).
//  - Marks are positions (indices into the subject) or -1; `lastmark` is the highest valid index.
//  - The code was validated when the Pattern was created (sre_validate.cpp), so operands are read
//    without bounds checks; the matcher still refuses unknown opcodes (kErrorIllegal).
#include "stdlib/_sre/sre_engine.h"

#include <new>

#include "core/thread_state.h"
#include "stdlib/_sre/sre_chars.h"
#include "stdlib/_sre/sre_constants.h"
#include "stdlib/_sre/sre_matcher.h"
#include "vm/eval.h"

namespace weft::sre::detail {

namespace {

// Where a parent frame resumes when its child returns.
enum Jump : uint8_t {
  kJumpNone,
  kJumpMaxUntil1, kJumpMaxUntil2, kJumpMaxUntil3,
  kJumpMinUntil1, kJumpMinUntil2, kJumpMinUntil3,
  kJumpRepeat, kJumpRepeatOne1, kJumpRepeatOne2, kJumpMinRepeatOne,
  kJumpBranch, kJumpAssert, kJumpAssertNot,
  kJumpPossRepeat1, kJumpPossRepeat2, kJumpAtomicGroup,
};

constexpr uint32_t kStepsBetweenChecks = 0xfff;

// Serves the eval breaker (signals, stop-the-world, ...); false when a handler raised.
bool serve_eval_breaker() {
  core::ThreadState* ts = core::current_thread_state();
  if (ts == nullptr || ts->eval_breaker.load(std::memory_order_relaxed) == 0) return true;
  return !vm::handle_eval_breaker(ts).is_error();
}

}  // namespace

// Compares the text at `ptr` with what group `group` captured (under `fold`); the position after
// it, or -1 when it differs or the group did not take part.
template <class CharT>
template <class Fold>
int64_t Matcher<CharT>::match_groupref(int64_t ptr, uint32_t group, Fold fold) const {
  int64_t index = 2 * int64_t(group);
  if (index >= st_.lastmark) return -1;
  int64_t p = st_.marks[index], e = st_.marks[index + 1];
  if (p < 0 || e < 0 || e < p) return -1;
  if (e - p > st_.end - ptr) return -1;
  for (; p < e; p++, ptr++) {
    if (fold(s_[ptr]) != fold(s_[p])) return -1;
  }
  return ptr;
}

// How many times (at most `maxcount`) the single-character item at `item` matches from st_.ptr.
template <class CharT>
int64_t Matcher<CharT>::count(const uint32_t* item, int64_t maxcount) {
  const int64_t begin = st_.ptr;
  int64_t end = st_.end;
  int64_t ptr = begin;
  if (maxcount < end - ptr && maxcount != kMaxRepeat) end = ptr + maxcount;
  const uint32_t chr = item[1];
  const CharT* const s = s_;
  switch (item[0]) {
    case kOpAny:
      while (ptr < end && !is_linebreak(s[ptr])) ptr++;
      break;
    case kOpAnyAll:
      if (end > ptr) ptr = end;
      break;
    case kOpLiteral:  // the common case, without the per-character dispatch
      while (ptr < end && s[ptr] == chr) ptr++;
      break;
    case kOpNotLiteral:
    case kOpLiteralIgnore:
    case kOpNotLiteralIgnore:
    case kOpLiteralUniIgnore:
    case kOpNotLiteralUniIgnore:
    case kOpLiteralLocIgnore:
    case kOpNotLiteralLocIgnore:
      while (ptr < end && literal_matches(item[0], chr, s[ptr])) ptr++;
      break;
    case kOpIn:
      while (ptr < end && in_charset(item + 2, s[ptr])) ptr++;
      break;
    default:
      // Any other one-character item: run it through the matcher once per character. (An
      // item that matched nothing could only come from hand-made code: stop rather than spin.)
      while (st_.ptr < end) {
        int64_t before = st_.ptr;
        int64_t r = match(item, false);
        if (r < 0) return r;
        if (r == 0 || st_.ptr <= before) break;
      }
      return st_.ptr - begin;
  }
  return ptr - begin;
}

// The matcher proper. See the file comment for the frame protocol.
#define RETURN_FAILURE do { ret = 0; goto exit; } while (0)
#define RETURN_SUCCESS do { ret = 1; goto exit; } while (0)
#define RETURN_ERROR(e) do { ret = (e); goto exit; } while (0)
#define LASTMARK_SAVE() do { ctx->lastmark = st.lastmark; ctx->lastindex = st.lastindex; } while (0)
#define LASTMARK_RESTORE() do { st.lastmark = ctx->lastmark; st.lastindex = ctx->lastindex; } while (0)
#define DO_JUMPX(JUMP, LABEL, NEXT, TOPLEVEL)                                         \
  next = (NEXT);                                                                      \
  ctx->pattern = pattern;                                                             \
  ctx->ptr = ptr;                                                                     \
  ctx = push_frame(Frame{next, 0, 0, -1, -1, -1, 0, (JUMP), (TOPLEVEL)});            \
  pattern = next;                                                                     \
  goto entrance;                                                                      \
  LABEL:
#define DO_JUMP(JUMP, LABEL, NEXT) DO_JUMPX(JUMP, LABEL, NEXT, ctx->toplevel)
#define DO_JUMP0(JUMP, LABEL, NEXT) DO_JUMPX(JUMP, LABEL, NEXT, false)
#define REP (st.repeats[ctx->rep])

template <class CharT>
int64_t Matcher<CharT>::match(const uint32_t* pattern, bool toplevel) {
  State& st = st_;
  const CharT* const s = s_;
  const int64_t end = st.end;
  const size_t base = st.nframes;
  int64_t ret = 0;
  int64_t ptr = 0;
  int64_t i = 0;
  int32_t repeat_of_tail = -1;
  uint32_t op = 0;
  const uint32_t* next = nullptr;
  uint8_t jump = kJumpNone;

  Frame* ctx = push_frame(Frame{pattern, 0, 0, -1, -1, -1, 0, kJumpNone, toplevel});

entrance:
  ptr = st.ptr;
  if (pattern[0] == kOpInfo) {
    // <INFO> <skip> <flags> <min> ...: fail early when fewer than `min` characters remain.
    if (pattern[3] && end - ptr < int64_t(pattern[3])) RETURN_FAILURE;
    pattern += pattern[1] + 1;
  }

  for (;;) {
    if ((++st.steps & kStepsBetweenChecks) == 0 && !serve_eval_breaker())
      RETURN_ERROR(kErrorInterrupted);
    op = *pattern++;
    switch (op) {
      case kOpFailure:
        RETURN_FAILURE;

      case kOpSuccess:
        if (ctx->toplevel &&
            ((st.match_all && ptr != end) || (st.must_advance && ptr == st.start)))
          RETURN_FAILURE;
        st.ptr = ptr;
        RETURN_SUCCESS;

      case kOpAt:
        if (!at(ptr, pattern[0])) RETURN_FAILURE;
        pattern++;
        break;

      case kOpCategory:
        if (ptr >= end || !in_category(pattern[0], s[ptr])) RETURN_FAILURE;
        pattern++;
        ptr++;
        break;

      case kOpAny:
        if (ptr >= end || is_linebreak(s[ptr])) RETURN_FAILURE;
        ptr++;
        break;

      case kOpAnyAll:
        if (ptr >= end) RETURN_FAILURE;
        ptr++;
        break;

      case kOpIn:
      case kOpInIgnore:
      case kOpInUniIgnore:
      case kOpInLocIgnore:
        // <IN> <skip> charset
        if (ptr >= end || !set_matches(op, pattern + 1, s[ptr])) RETURN_FAILURE;
        pattern += pattern[0];
        ptr++;
        break;

      case kOpLiteral:
      case kOpNotLiteral:
      case kOpLiteralIgnore:
      case kOpNotLiteralIgnore:
      case kOpLiteralUniIgnore:
      case kOpNotLiteralUniIgnore:
      case kOpLiteralLocIgnore:
      case kOpNotLiteralLocIgnore:
        // <LITERAL> <code point>
        if (ptr >= end || !literal_matches(op, pattern[0], s[ptr])) RETURN_FAILURE;
        pattern++;
        ptr++;
        break;

      case kOpJump:
      case kOpInfo:
        pattern += pattern[0];
        break;

      case kOpMark:
        // <MARK> <gid>: even = group start, odd = group end.
        i = pattern[0];
        if (i >= st.mark_limit) RETURN_ERROR(kErrorIllegal);
        if (i & 1) st.lastindex = i / 2 + 1;
        if (i > st.lastmark) {
          if (i >= int64_t(st.marks.size())) st.marks.resize(size_t(i) + 1, -1);
          for (int64_t j = st.lastmark + 1; j < i; j++) st.marks[j] = -1;
          st.lastmark = i;
        }
        st.marks[i] = ptr;
        pattern++;
        break;

      case kOpBranch:
        // <BRANCH> <skip> alternative <JUMP> ... <0>
        LASTMARK_SAVE();
        if (st.repeat >= 0) mark_push(ctx->lastmark);
        for (; pattern[0]; pattern += pattern[0]) {
          // Skip alternatives whose first character cannot match.
          if (pattern[1] == kOpLiteral && (ptr >= end || s[ptr] != pattern[2])) continue;
          if (pattern[1] == kOpIn && (ptr >= end || !in_charset(pattern + 3, s[ptr]))) continue;
          st.ptr = ptr;
          DO_JUMP(kJumpBranch, jump_branch, pattern + 1);
          if (ret) {
            if (st.repeat >= 0) mark_discard(ctx->lastmark);
            RETURN_SUCCESS;
          }
          if (st.repeat >= 0) mark_restore(ctx->lastmark);
          LASTMARK_RESTORE();
        }
        if (st.repeat >= 0) mark_discard(ctx->lastmark);
        RETURN_FAILURE;

      case kOpRepeatOne:
        // Greedy repeat of a one-character item:
        // <REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail
        if (ptr + int64_t(pattern[1]) > end) RETURN_FAILURE;
        st.ptr = ptr;
        ret = count(pattern + 3, pattern[2]);
        ctx = top_frame();
        if (ret < 0) RETURN_ERROR(ret);
        ctx->count = ret;
        ptr += ctx->count;
        if (ctx->count < int64_t(pattern[1])) RETURN_FAILURE;
        if (pattern[pattern[0]] == kOpSuccess && ptr == st.end &&
            !(ctx->toplevel && st.must_advance && ptr == st.start)) {
          st.ptr = ptr;  // the tail is empty: done
          RETURN_SUCCESS;
        }
        LASTMARK_SAVE();
        if (st.repeat >= 0) mark_push(ctx->lastmark);
        if (pattern[pattern[0]] == kOpLiteral) {
          // The tail starts with a literal: only try positions followed by it.
          ctx->chr = pattern[pattern[0] + 1];
          for (;;) {
            while (ctx->count >= int64_t(pattern[1]) && (ptr >= end || s[ptr] != ctx->chr)) {
              ptr--;
              ctx->count--;
            }
            if (ctx->count < int64_t(pattern[1])) break;
            st.ptr = ptr;
            DO_JUMP(kJumpRepeatOne1, jump_repeat_one_1, pattern + pattern[0]);
            if (ret) {
              if (st.repeat >= 0) mark_discard(ctx->lastmark);
              RETURN_SUCCESS;
            }
            if (st.repeat >= 0) mark_restore(ctx->lastmark);
            LASTMARK_RESTORE();
            ptr--;
            ctx->count--;
          }
        } else {
          while (ctx->count >= int64_t(pattern[1])) {
            st.ptr = ptr;
            DO_JUMP(kJumpRepeatOne2, jump_repeat_one_2, pattern + pattern[0]);
            if (ret) {
              if (st.repeat >= 0) mark_discard(ctx->lastmark);
              RETURN_SUCCESS;
            }
            if (st.repeat >= 0) mark_restore(ctx->lastmark);
            LASTMARK_RESTORE();
            ptr--;
            ctx->count--;
          }
        }
        if (st.repeat >= 0) mark_discard(ctx->lastmark);
        RETURN_FAILURE;

      case kOpMinRepeatOne:
        // Lazy repeat of a one-character item:
        // <MIN_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail
        if (ptr + int64_t(pattern[1]) > end) RETURN_FAILURE;
        st.ptr = ptr;
        if (pattern[1] == 0) {
          ctx->count = 0;
        } else {
          ret = count(pattern + 3, pattern[1]);
          ctx = top_frame();
          if (ret < 0) RETURN_ERROR(ret);
          if (ret < int64_t(pattern[1])) RETURN_FAILURE;
          ctx->count = ret;
          ptr += ret;
        }
        if (pattern[pattern[0]] == kOpSuccess &&
            !(ctx->toplevel &&
              ((st.match_all && ptr != end) || (st.must_advance && ptr == st.start)))) {
          st.ptr = ptr;
          RETURN_SUCCESS;
        }
        LASTMARK_SAVE();
        if (st.repeat >= 0) mark_push(ctx->lastmark);
        while (pattern[2] == kMaxRepeat || ctx->count <= int64_t(pattern[2])) {
          st.ptr = ptr;
          DO_JUMP(kJumpMinRepeatOne, jump_min_repeat_one, pattern + pattern[0]);
          if (ret) {
            if (st.repeat >= 0) mark_discard(ctx->lastmark);
            RETURN_SUCCESS;
          }
          if (st.repeat >= 0) mark_restore(ctx->lastmark);
          LASTMARK_RESTORE();
          st.ptr = ptr;
          ret = count(pattern + 3, 1);
          ctx = top_frame();
          if (ret < 0) RETURN_ERROR(ret);
          if (ret == 0) break;
          ptr++;
          ctx->count++;
        }
        if (st.repeat >= 0) mark_discard(ctx->lastmark);
        RETURN_FAILURE;

      case kOpPossessiveRepeatOne:
        // <POSSESSIVE_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: no backtracking.
        if (ptr + int64_t(pattern[1]) > end) RETURN_FAILURE;
        st.ptr = ptr;
        ret = count(pattern + 3, pattern[2]);
        ctx = top_frame();
        if (ret < 0) RETURN_ERROR(ret);
        ctx->count = ret;
        ptr += ret;
        if (ctx->count < int64_t(pattern[1])) RETURN_FAILURE;
        pattern += pattern[0];
        break;

      case kOpRepeat:
        // General repeat: <REPEAT> <skip> <min> <max> item <MAX_UNTIL|MIN_UNTIL> tail.
        // Records the repeat and runs the UNTIL operator, which drives the iterations.
        st.repeats.push_back(Repeat{-1, pattern, -1, st.repeat});
        ctx->rep = int32_t(st.repeats.size() - 1);
        st.repeat = ctx->rep;
        st.ptr = ptr;
        DO_JUMP(kJumpRepeat, jump_repeat, pattern + pattern[0]);
        st.repeat = REP.prev;
        if (size_t(ctx->rep) + 1 != st.repeats.size()) RETURN_ERROR(kErrorState);
        st.repeats.pop_back();
        if (ret) RETURN_SUCCESS;
        RETURN_FAILURE;

      case kOpMaxUntil:
        // Greedy: another iteration if allowed, else the tail.
        // (A possessive repeat's record has no UNTIL: reaching one inside it is invalid code.)
        if (st.repeat < 0 || st.repeats[st.repeat].pattern == nullptr) RETURN_ERROR(kErrorState);
        ctx->rep = st.repeat;
        st.ptr = ptr;
        ctx->count = REP.count + 1;
        if (ctx->count < int64_t(REP.pattern[1])) {
          REP.count = ctx->count;  // not enough iterations yet
          DO_JUMP(kJumpMaxUntil1, jump_max_until_1, REP.pattern + 3);
          if (ret) RETURN_SUCCESS;
          REP.count = ctx->count - 1;
          st.ptr = ptr;
          RETURN_FAILURE;
        }
        if ((ctx->count < int64_t(REP.pattern[2]) || REP.pattern[2] == kMaxRepeat) &&
            st.ptr != REP.last_ptr) {
          // Try one more iteration (unless the last one matched the empty string here).
          REP.count = ctx->count;
          LASTMARK_SAVE();
          mark_push(ctx->lastmark);
          st.saved.push_back(REP.last_ptr);
          REP.last_ptr = st.ptr;
          DO_JUMP(kJumpMaxUntil2, jump_max_until_2, REP.pattern + 3);
          REP.last_ptr = st.saved.back();
          st.saved.pop_back();
          if (ret) {
            mark_discard(ctx->lastmark);
            RETURN_SUCCESS;
          }
          mark_pop(ctx->lastmark);
          LASTMARK_RESTORE();
          REP.count = ctx->count - 1;
          st.ptr = ptr;
        }
        // No more iterations here: the tail must match.
        st.repeat = REP.prev;
        DO_JUMP(kJumpMaxUntil3, jump_max_until_3, pattern);
        st.repeat = ctx->rep;
        if (ret) RETURN_SUCCESS;
        st.ptr = ptr;
        RETURN_FAILURE;

      case kOpMinUntil:
        // Lazy: the tail first, then another iteration.
        // (A possessive repeat's record has no UNTIL: reaching one inside it is invalid code.)
        if (st.repeat < 0 || st.repeats[st.repeat].pattern == nullptr) RETURN_ERROR(kErrorState);
        ctx->rep = st.repeat;
        st.ptr = ptr;
        ctx->count = REP.count + 1;
        if (ctx->count < int64_t(REP.pattern[1])) {
          REP.count = ctx->count;
          DO_JUMP(kJumpMinUntil1, jump_min_until_1, REP.pattern + 3);
          if (ret) RETURN_SUCCESS;
          REP.count = ctx->count - 1;
          st.ptr = ptr;
          RETURN_FAILURE;
        }
        st.repeat = REP.prev;
        LASTMARK_SAVE();
        if (st.repeat >= 0) mark_push(ctx->lastmark);
        DO_JUMP(kJumpMinUntil2, jump_min_until_2, pattern);
        repeat_of_tail = st.repeat;
        st.repeat = ctx->rep;
        if (ret) {
          if (repeat_of_tail >= 0) mark_discard(ctx->lastmark);
          RETURN_SUCCESS;
        }
        if (repeat_of_tail >= 0) mark_pop(ctx->lastmark);
        LASTMARK_RESTORE();
        st.ptr = ptr;
        if ((ctx->count >= int64_t(REP.pattern[2]) && REP.pattern[2] != kMaxRepeat) ||
            st.ptr == REP.last_ptr)
          RETURN_FAILURE;
        REP.count = ctx->count;
        st.saved.push_back(REP.last_ptr);
        REP.last_ptr = st.ptr;
        DO_JUMP(kJumpMinUntil3, jump_min_until_3, REP.pattern + 3);
        REP.last_ptr = st.saved.back();
        st.saved.pop_back();
        if (ret) RETURN_SUCCESS;
        REP.count = ctx->count - 1;
        st.ptr = ptr;
        RETURN_FAILURE;

      case kOpPossessiveRepeat:
        // <POSSESSIVE_REPEAT> <skip> <min> <max> item <SUCCESS> tail: as many iterations as
        // match, never given back. A repeat record makes BRANCH & co. save marks inside.
        st.ptr = ptr;
        st.repeats.push_back(Repeat{-1, nullptr, -1, st.repeat});
        ctx->rep = int32_t(st.repeats.size() - 1);
        st.repeat = ctx->rep;
        ctx->count = 0;
        while (ctx->count < int64_t(pattern[1])) {
          DO_JUMP0(kJumpPossRepeat1, jump_poss_repeat_1, pattern + 3);
          if (!ret) {
            st.ptr = ptr;
            st.repeat = REP.prev;
            st.repeats.pop_back();
            RETURN_FAILURE;
          }
          ctx->count++;
        }
        ptr = -2;  // differs from st.ptr: the loop is entered
        while ((ctx->count < int64_t(pattern[2]) || pattern[2] == kMaxRepeat) && st.ptr != ptr) {
          LASTMARK_SAVE();
          mark_push(ctx->lastmark);
          ptr = st.ptr;  // an iteration that ends here again matched the empty string: stop
          DO_JUMP0(kJumpPossRepeat2, jump_poss_repeat_2, pattern + 3);
          if (ret) {
            mark_discard(ctx->lastmark);
            ctx->count++;
          } else {
            mark_pop(ctx->lastmark);
            LASTMARK_RESTORE();
            st.ptr = ptr;
            break;
          }
        }
        st.repeat = REP.prev;
        if (size_t(ctx->rep) + 1 != st.repeats.size()) RETURN_ERROR(kErrorState);
        st.repeats.pop_back();
        pattern += pattern[0] + 1;  // past the item and its SUCCESS
        ptr = st.ptr;
        break;

      case kOpAtomicGroup:
        // <ATOMIC_GROUP> <skip> item <SUCCESS> tail
        st.ptr = ptr;
        DO_JUMP0(kJumpAtomicGroup, jump_atomic_group, pattern + 1);
        if (!ret) {
          st.ptr = ptr;
          RETURN_FAILURE;
        }
        pattern += pattern[0];
        ptr = st.ptr;
        break;

      case kOpGroupref:
        ptr = match_groupref(ptr, pattern[0], [](uint32_t c) { return c; });
        if (ptr < 0) RETURN_FAILURE;
        pattern++;
        break;
      case kOpGrouprefIgnore:
        ptr = match_groupref(ptr, pattern[0], ascii_lower);
        if (ptr < 0) RETURN_FAILURE;
        pattern++;
        break;
      case kOpGrouprefUniIgnore:
        ptr = match_groupref(ptr, pattern[0], unicode_lower);
        if (ptr < 0) RETURN_FAILURE;
        pattern++;
        break;
      case kOpGrouprefLocIgnore:
        ptr = match_groupref(ptr, pattern[0], locale_lower);
        if (ptr < 0) RETURN_FAILURE;
        pattern++;
        break;

      case kOpGrouprefExists:
        // <GROUPREF_EXISTS> <group> <skip> yes <JUMP> no
        i = 2 * int64_t(pattern[0]);
        if (i >= st.lastmark || st.marks[i] < 0 || st.marks[i + 1] < 0 ||
            st.marks[i + 1] < st.marks[i]) {
          pattern += pattern[1];
        } else {
          pattern += 2;
        }
        break;

      case kOpAssert:
        // <ASSERT> <skip> <back> item: lookahead (back 0) or fixed-width lookbehind.
        if (ptr < int64_t(pattern[1])) RETURN_FAILURE;
        st.ptr = ptr - pattern[1];
        DO_JUMP0(kJumpAssert, jump_assert, pattern + 2);
        if (!ret) RETURN_FAILURE;
        pattern += pattern[0];
        break;

      case kOpAssertNot:
        if (ptr >= int64_t(pattern[1])) {
          st.ptr = ptr - pattern[1];
          LASTMARK_SAVE();
          if (st.repeat >= 0) mark_push(ctx->lastmark);
          DO_JUMP0(kJumpAssertNot, jump_assert_not, pattern + 2);
          if (ret) {
            if (st.repeat >= 0) mark_discard(ctx->lastmark);
            RETURN_FAILURE;
          }
          if (st.repeat >= 0) mark_pop(ctx->lastmark);
          LASTMARK_RESTORE();
        }
        pattern += pattern[0];
        break;

      default:
        RETURN_ERROR(kErrorIllegal);
    }
  }

exit:
  if (ret < 0) {  // errors abandon the whole match
    st.nframes = base;
    return ret;
  }
  jump = ctx->jump;
  st.nframes--;
  if (st.nframes == base) return ret;
  ctx = top_frame();
  pattern = ctx->pattern;
  ptr = ctx->ptr;
  switch (jump) {
    case kJumpMaxUntil1: goto jump_max_until_1;
    case kJumpMaxUntil2: goto jump_max_until_2;
    case kJumpMaxUntil3: goto jump_max_until_3;
    case kJumpMinUntil1: goto jump_min_until_1;
    case kJumpMinUntil2: goto jump_min_until_2;
    case kJumpMinUntil3: goto jump_min_until_3;
    case kJumpRepeat: goto jump_repeat;
    case kJumpRepeatOne1: goto jump_repeat_one_1;
    case kJumpRepeatOne2: goto jump_repeat_one_2;
    case kJumpMinRepeatOne: goto jump_min_repeat_one;
    case kJumpBranch: goto jump_branch;
    case kJumpAssert: goto jump_assert;
    case kJumpAssertNot: goto jump_assert_not;
    case kJumpPossRepeat1: goto jump_poss_repeat_1;
    case kJumpPossRepeat2: goto jump_poss_repeat_2;
    case kJumpAtomicGroup: goto jump_atomic_group;
    default: break;
  }
  st.nframes = base;
  return kErrorState;
}

#undef RETURN_FAILURE
#undef RETURN_SUCCESS
#undef RETURN_ERROR
#undef LASTMARK_SAVE
#undef LASTMARK_RESTORE
#undef DO_JUMPX
#undef DO_JUMP
#undef DO_JUMP0
#undef REP

#define WEFT_SRE_INSTANTIATE(CharT)                                             \
  template int64_t Matcher<CharT>::match(const uint32_t* pattern, bool toplevel); \
  template int64_t Matcher<CharT>::count(const uint32_t* item, int64_t maxcount);
WEFT_SRE_FOR_EACH_CHAR_TYPE(WEFT_SRE_INSTANTIATE)
#undef WEFT_SRE_INSTANTIATE

}  // namespace weft::sre::detail
