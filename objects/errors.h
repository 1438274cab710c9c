// objects/errors.h — raising and inspecting the pending Python exception.
//
// The exception being raised lives in the thread state (core::ThreadState::current_exception).
// Every function that fails sets it (directly or because a callee did) and returns Error{}:
//
//   if (n < 0) return raise(exc::ValueError, "negative shift count");
//   return raise(exc::TypeError, "'{}' object is not subscriptable", type_name_of(o));
//
// Message formatting: `{}` placeholders, filled in order from the arguments, which may be
// const char*, std::string_view, std::string, integers, double, or Object* (formatted with str();
// use fmt_repr(o) for repr()). No other format syntax; "{{" is not special.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "objects/type.h"

namespace weft {

// One formatting argument (see the file comment).
struct FmtArg {
  enum Kind : uint8_t { Str, Int, UInt, Double, Obj, ObjRepr } kind;
  std::string_view s;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  Object* o = nullptr;
  FmtArg(const char* v) : kind(Str), s(v ? v : "(null)") {}
  FmtArg(std::string_view v) : kind(Str), s(v) {}
  FmtArg(const std::string& v) : kind(Str), s(v) {}
  FmtArg(int v) : kind(Int), i(v) {}
  FmtArg(long v) : kind(Int), i(v) {}
  FmtArg(long long v) : kind(Int), i(v) {}
  FmtArg(unsigned v) : kind(UInt), u(v) {}
  FmtArg(unsigned long v) : kind(UInt), u(v) {}
  FmtArg(unsigned long long v) : kind(UInt), u(v) {}
  FmtArg(double v) : kind(Double), d(v) {}
  FmtArg(Object* v) : kind(Obj), o(v) {}
  struct ReprTag {};
  FmtArg(ReprTag, Object* v) : kind(ObjRepr), o(v) {}
};
inline FmtArg fmt_repr(Object* o) { return FmtArg(FmtArg::ReprTag{}, o); }

// Formats `fmt` with `args` into UTF-8. Object arguments whose str()/repr() fails are shown as
// "<unprintable X object>" (the failure is swallowed), as CPython does in messages.
std::string format_message(std::string_view fmt, const FmtArg* args, size_t nargs);

// Sets a new exception of `type` with the formatted message and returns Error{}.
Error raise_message(Type* type, std::string_view message);
template <class... Args>
Error raise(Type* type, std::string_view fmt, const Args&... args) {
  if constexpr (sizeof...(Args) == 0) {
    return raise_message(type, fmt);
  } else {
    const FmtArg list[] = {FmtArg(args)...};
    return raise_message(type, format_message(fmt, list, sizeof...(Args)));
  }
}

// Raises `type(value)` (value may be nullptr: `type()`), as `raise Type(value)`.
Error raise_with_value(Type* type, Object* value);
// Raises an exception instance or class as the `raise` statement does (instantiating classes,
// TypeError "exceptions must derive from BaseException").
Error raise_object(Object* exc);
// MemoryError without allocating (uses a preallocated instance).
Error raise_no_memory();

// The pending exception: is one set, does it match, take it, put one back.
bool error_occurred();
// True if the pending exception is an instance of `type` (or of a class in tuple `type`).
bool error_matches(Type* type);
// Removes and returns the pending exception (null Ref if none).
Ref<Object> take_exception();
// Sets `exc` (an exception instance) as pending, replacing any other.
void set_exception(Ref<Object> exc);
void clear_error();

// Implicit exception chaining: the VM installs a hook returning the exception currently being
// handled (innermost `except`), borrowed, or nullptr. Every raise sets the new exception's
// __context__ to it, as CPython does. Installed once at start-up, before threads start.
using HandledExceptionHook = Object* (*)();
void set_handled_exception_hook(HandledExceptionHook hook);

// Reports the pending exception as unraisable (CPython's PyErr_FormatUnraisable), e.g. from a
// __del__ method: takes it and writes "<message>:" followed by the exception to stderr. The VM
// installs a hook that prints the full traceback; without one only "Type: text" follows.
void write_unraisable(std::string_view message);
using UnraisableHook = void (*)(std::string_view message, Object* exc);
void set_unraisable_hook(UnraisableHook hook);

// Raises SystemError("error return without exception set") if a Result is an error but no
// exception is set; used at the boundaries where that invariant is checked.
Error bad_internal_call(const char* where);

}  // namespace weft
