// stdlib/_sre/sre_engine.h — the regular-expression matcher: runs the code that re._compiler
// produced against a string of 1-, 2- or 4-byte characters (str of any PEP 393 width, or the bytes
// of a bytes-like object).
//
// Design (CPython's Modules/_sre semantics, our own code): a backtracking matcher whose
// continuation is an explicit stack of frames on the heap (State::frames), never the C stack, so
// no pattern or input can overflow the machine stack. Group marks saved for backtracking go on a
// second stack (State::saved). Every 4096 steps the matcher serves the thread's eval breaker, so a
// long match can be interrupted (KeyboardInterrupt) and does not hold up stop-the-world pauses.
//
// Thread safety: a State belongs to one call on one thread; compiled code is immutable and shared.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace weft::sre {

// Engine results: 1 match, 0 no match, < 0 an error.
enum EngineError : int64_t {
  kErrorIllegal = -1,      // invalid code reached (the validator should make this impossible)
  kErrorState = -2,        // internal state error
  kErrorMemory = -9,       // out of memory (MemoryError)
  kErrorInterrupted = -10  // an exception is set (a signal handler raised)
};

inline constexpr uint32_t kMaxRepeat = 0xFFFFFFFFu;        // SRE_MAXREPEAT on 64-bit
inline constexpr uint32_t kMaxGroups = 0x7FFFFFFFu / 2;    // SRE_MAXGROUPS on 64-bit

struct Repeat {                // an active REPEAT ... MAX_UNTIL/MIN_UNTIL
  int64_t count;               // iterations matched so far (-1 before the first)
  const uint32_t* pattern;     // the REPEAT's operands (skip, min, max, body...)
  int64_t last_ptr;            // where the last iteration began (zero-width loop guard)
  int32_t prev;                // the enclosing repeat, or -1
};

struct Frame {                 // one suspended step of the matcher (see sre_engine.cpp)
  const uint32_t* pattern;
  int64_t ptr;
  int64_t count;
  int64_t lastmark;
  int64_t lastindex;
  int32_t rep;                 // the Repeat this frame created, or -1
  uint32_t chr;                // REPEAT_ONE: the literal that must follow
  uint8_t jump;                // where the parent resumes when this frame returns
  bool toplevel;
};

struct State {
  // The subject: `length` characters of `charsize` bytes at `data`.
  const void* data = nullptr;
  int charsize = 1;
  int64_t length = 0;
  int64_t pos = 0, endpos = 0;  // clamped pos/endpos arguments
  // The current attempt: `start` is where it began, `ptr` where it ended, `end` = endpos.
  int64_t start = 0, ptr = 0, end = 0;
  bool match_all = false;       // fullmatch: must end at `end`
  bool must_advance = false;    // an empty match at `start` is not allowed (finditer, sub...)
  int64_t lastmark = -1;        // highest mark set, or -1
  int64_t lastindex = -1;       // the last closed group, or -1
  std::vector<int64_t> marks;   // 2 per group (start, end); -1 = unset; grown lazily up to
  int64_t mark_limit = 0;       //   mark_limit (2 * groups); only [0, lastmark] is meaningful
  int32_t repeat = -1;          // innermost active repeat
  std::vector<Repeat> repeats;  // a stack: repeats end in the reverse order they begin
  std::vector<int64_t> saved;   // saved marks and last_ptr values
  std::vector<Frame> frames;    // storage: frames[0, nframes) are live; grows, never shrinks
  size_t nframes = 0;
  uint32_t steps = 0;           // counts steps between eval-breaker checks

  // Prepares for a match against data[pos:endpos] with `groups` capture groups.
  void init(const void* chars, int size, int64_t len, int64_t pos_arg, int64_t endpos_arg,
            int64_t groups);
  // Forgets the previous attempt's groups (keeps start/ptr).
  void reset();
  // The span of group `g` (1-based) if it took part in the last match.
  bool group_span(int64_t g, int64_t* begin, int64_t* finish) const;
};

// Matches `code` (a whole compiled pattern) at state.start; sets state.ptr to the end.
int64_t engine_match(State& state, const uint32_t* code);
// Finds the first match at or after state.start; sets state.start/state.ptr to its span.
int64_t engine_search(State& state, const uint32_t* code);

}  // namespace weft::sre
