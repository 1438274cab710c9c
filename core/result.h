// core/result.h — how a Python error travels through C++ code.
//
// A Python exception never travels as a C++ exception. A fallible function returns a
// [[nodiscard]] Result<T>; its error state means "an exception object is set in the current
// thread state" (objects/errors.h sets and reads it). Call sites stay short with TRY:
//
//   Result<Ref<Object>> add_one(Object* x) {
//     Ref<Object> one = TRY(int_from_i64(1));   // returns Error{} upward on failure
//     return number_add(x, one.get());
//   }
//
// Right:  Result<int64_t> n = TRY(length(obj));
// Wrong:  a function that returns a raw nullptr/-1 AND sets nothing, or throws.
//
// `Error` converts to every Result, so `return Error{};` propagates a pending exception and
// `return raise(exc::TypeError, "...")` (objects/errors.h) sets one and propagates it.
//
// Result<Ref<T>> (objects/ref.h) is specialised to a single pointer whose null state is the error,
// so the common case costs nothing over CPython's NULL-return protocol.
#pragma once

#include <cassert>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace weft {

// The tag for "failed; the exception is in the thread state". Carries no data on purpose.
struct [[nodiscard]] Error {};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(Error) : ok_(false) {}
  template <class U, class = std::enable_if_t<std::is_convertible_v<U&&, T>>>
  Result(U&& value) : value_(std::forward<U>(value)), ok_(true) {}  // NOLINT: implicit on purpose

  bool is_error() const { return !ok_; }
  explicit operator bool() const { return ok_; }
  T& value() & { assert(ok_); return value_; }
  T&& value() && { assert(ok_); return std::move(value_); }
  T release_value() { assert(ok_); return std::move(value_); }

 private:
  T value_{};
  bool ok_;
};

// Success or failure with no value (CPython's 0 / -1).
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() : ok_(true) {}
  Result(Error) : ok_(false) {}
  bool is_error() const { return !ok_; }
  explicit operator bool() const { return ok_; }
  void value() const { assert(ok_); }
  void release_value() const { assert(ok_); }

 private:
  bool ok_;
};
using Status = Result<void>;
inline Status ok() { return {}; }

}  // namespace weft

// TRY(expr): evaluate a Result; on error return Error{} from the enclosing function, otherwise the
// expression's value is the unwrapped T. A GNU statement expression (GCC and Clang).
#define TRY(expr)                                          \
  ({                                                       \
    auto&& _weft_try_result = (expr);                      \
    if (_weft_try_result.is_error()) [[unlikely]]          \
      return ::weft::Error{};                              \
    std::move(_weft_try_result).release_value();           \
  })

// MUST(expr): like TRY, for calls that cannot fail here; aborts in debug builds if they do.
#define MUST(expr)                                         \
  ({                                                       \
    auto&& _weft_must_result = (expr);                     \
    assert(!_weft_must_result.is_error());                 \
    std::move(_weft_must_result).release_value();          \
  })
