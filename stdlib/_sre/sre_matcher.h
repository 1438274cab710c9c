// stdlib/_sre/sre_matcher.h — the matcher class shared by sre_engine.cpp (the opcode loop) and
// sre_search.cpp (the search strategies and position tests): internal to stdlib/_sre/.
//
// Matcher<CharT> runs compiled code over a subject of CharT characters (uint8_t for bytes and
// 1-byte str, uint16_t and uint32_t for wider str) using the caller's State; it holds nothing
// else, so any number of Matchers run at once on different States.
#pragma once

#include <cstddef>
#include <cstdint>

#include "stdlib/_sre/sre_engine.h"

namespace weft::sre::detail {

template <class CharT>
class Matcher {
 public:
  explicit Matcher(State& st) : st_(st), s_(static_cast<const CharT*>(st.data)) {}
  int64_t match(const uint32_t* pattern, bool toplevel);
  int64_t search(const uint32_t* pattern);

 private:
  bool at(int64_t ptr, uint32_t code) const;
  int64_t count(const uint32_t* item, int64_t maxcount);
  template <class Fold>
  int64_t match_groupref(int64_t ptr, uint32_t group, Fold fold) const;

  void mark_push(int64_t lastmark) {
    for (int64_t i = 0; i <= lastmark; i++) st_.saved.push_back(st_.marks[i]);
  }
  void mark_restore(int64_t lastmark) {  // MARK_POP_KEEP
    size_t top = st_.saved.size() - static_cast<size_t>(lastmark + 1);
    for (int64_t i = 0; i <= lastmark; i++) st_.marks[i] = st_.saved[top + i];
  }
  void mark_discard(int64_t lastmark) {  // MARK_POP_DISCARD
    st_.saved.resize(st_.saved.size() - static_cast<size_t>(lastmark + 1));
  }
  void mark_pop(int64_t lastmark) {  // MARK_POP
    mark_restore(lastmark);
    mark_discard(lastmark);
  }
  void reset_groups() { st_.lastmark = st_.lastindex = -1; }
  // Pushes a frame (the storage only grows, so this is a store in the common case).
  Frame* push_frame(const Frame& f) {
    if (st_.nframes == st_.frames.size()) st_.frames.resize(st_.frames.size() * 2 + 64);
    Frame* slot = &st_.frames[st_.nframes++];
    *slot = f;
    return slot;
  }
  Frame* top_frame() { return &st_.frames[st_.nframes - 1]; }

  State& st_;
  const CharT* const s_;
};

// Applies X to each character type a Matcher is instantiated for (see the .cpp files).
#define WEFT_SRE_FOR_EACH_CHAR_TYPE(X) X(uint8_t) X(uint16_t) X(uint32_t)

}  // namespace weft::sre::detail
