// objects/tests/container_test_util.h — small helpers shared by the container unit tests.
#pragma once

#include <string>
#include <thread>
#include <vector>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/testing.h"

namespace weft::testing {

inline Ref<Object> I(int64_t v) { return MUST(int_from_i64(v)); }
inline Ref<Object> S(const char* s) { return MUST(str_from_utf8(s)); }

// repr(o) as a std::string; "<error>" (and the error cleared) if repr raised.
inline std::string repr_of(Object* o) {
  Result<Ref<Object>> r = object_repr(o);
  if (r.is_error()) {
    clear_error();
    return "<error>";
  }
  return str_to_std_string(r.value().get());
}

inline int64_t int_value(Object* o) {
  int64_t v = 0;
  EXPECT_TRUE(int_to_i64(o, &v));
  return v;
}

// Calls obj.name(*args); the result (or null on error, error left pending).
inline Result<Ref<Object>> call_m(Object* obj, const char* name,
                                  std::initializer_list<Object*> args = {}) {
  return call_method(obj, name, const_cast<Object* const*>(args.begin()), args.size());
}

// True if the pending exception is of `type` with message `msg`; clears it.
inline bool take_error(Type* type, const std::string& msg) {
  if (!error_matches(type)) {
    clear_error();
    return false;
  }
  Ref<Object> e = take_exception();
  Result<Ref<Object>> s = object_str(e.get());
  if (s.is_error()) {
    clear_error();
    return false;
  }
  std::string text = str_to_std_string(s.value().get());
  EXPECT_EQ(text, msg);
  return text == msg;
}

// Runs `fn(index)` on `n` threads, each attached to the runtime, and joins them.
template <class Fn>
void run_threads(int n, Fn fn) {
  std::vector<std::thread> threads;
  for (int t = 0; t < n; ++t) {
    threads.emplace_back([&, t] {
      core::ThreadState* ts = core::ThreadState::attach_new(&core::interpreter());
      fn(t);
      core::ThreadState::detach_and_destroy(ts);
    });
  }
  for (auto& th : threads) th.join();
}

}  // namespace weft::testing
