// objects/repr_guard.h — the per-thread guard that makes repr() of self-referencing containers
// print "[...]" / "{...}" instead of recursing forever (CPython's Py_ReprEnter/Py_ReprLeave).
//
//   Result<Ref<Object>> list_repr(Object* self) {
//     ReprGuard guard(self);
//     if (guard.is_recursive()) return str_from_ascii("[...]");
//     ... build the repr ...
//   }
//
// The set of objects being repr'd lives in a thread_local vector: repr() of one object on one
// thread never sees another thread's entries, so no locking is needed. Guards nest strictly
// (RAII on the C stack).
#pragma once

#include <vector>

#include "objects/object.h"

namespace weft {

class ReprGuard {
 public:
  explicit ReprGuard(Object* o) : o_(o) {
    auto& active = active_objects();
    for (Object* x : active) {
      if (x == o) {
        recursive_ = true;
        return;
      }
    }
    active.push_back(o);
  }
  ~ReprGuard() {
    if (!recursive_) {
      auto& active = active_objects();
      // Strict nesting: our entry is the last one.
      if (!active.empty() && active.back() == o_) active.pop_back();
    }
  }
  ReprGuard(const ReprGuard&) = delete;
  ReprGuard& operator=(const ReprGuard&) = delete;

  // True when `o` is already being repr'd further up this thread's stack.
  bool is_recursive() const { return recursive_; }

 private:
  static std::vector<Object*>& active_objects() {
    static thread_local std::vector<Object*> active;
    return active;
  }
  Object* o_;
  bool recursive_ = false;
};

}  // namespace weft
