// objects/ref.h — Ref<T>, one owned reference; and Result<Ref<T>>.
//
// Ownership in C++ (DESIGN §3):
//   Ref<T>  owns exactly one reference: move-only, decref on destruction, explicit dup().
//   T*      is borrowed: valid while someone else holds a reference; never decref'd.
//
//   Ref<Object> a = Ref<Object>::steal(raw_new_ref);   // adopt a reference we were given
//   Ref<Object> b = Ref<Object>::borrow(borrowed_ptr);  // take a new reference (incref)
//   Ref<Object> c = a.dup();                            // incref, second owner
//   Object* raw = a.release();                          // hand the reference to someone else
//
// Result<Ref<T>> is one pointer: null is the error state ("exception set in thread state").
// A function that can legitimately produce "nothing" without an error must say so differently
// (Result<Object*> for a borrowed maybe-null, or a bool out-parameter).
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>

#include "core/result.h"
#include "objects/object.h"

namespace weft {

template <class T>
class Ref {
 public:
  constexpr Ref() = default;
  constexpr Ref(std::nullptr_t) {}
  Ref(Ref&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
  template <class U, class = std::enable_if_t<std::is_base_of_v<T, U>>>
  Ref(Ref<U>&& other) noexcept : p_(other.release()) {}  // upcast
  Ref& operator=(Ref&& other) noexcept {
    T* old = std::exchange(p_, std::exchange(other.p_, nullptr));
    if (old) decref(reinterpret_cast<Object*>(old));
    return *this;
  }
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  ~Ref() {
    if (p_) decref(reinterpret_cast<Object*>(p_));
  }

  // Adopts a reference the caller already owns.
  static Ref steal(T* p) { Ref r; r.p_ = p; return r; }
  // Takes a new reference to a borrowed pointer.
  static Ref borrow(T* p) {
    if (p) incref(reinterpret_cast<Object*>(p));
    Ref r; r.p_ = p; return r;
  }

  Ref dup() const { return borrow(p_); }
  T* get() const { return p_; }
  T* operator->() const { return p_; }
  T& operator*() const { return *p_; }
  explicit operator bool() const { return p_ != nullptr; }
  [[nodiscard]] T* release() { return std::exchange(p_, nullptr); }
  void reset() { Ref tmp = std::move(*this); }

  // Unchecked downcast; the caller has checked the type.
  template <class U>
  Ref<U> cast() && { return Ref<U>::steal(static_cast<U*>(release())); }
  // Upcast view as Object*.
  Object* obj() const { return reinterpret_cast<Object*>(p_); }

 private:
  T* p_ = nullptr;
};

// A new reference to `o` as Ref<Object>.
inline Ref<Object> new_ref(Object* o) { return Ref<Object>::borrow(o); }

template <class T>
class [[nodiscard]] Result<Ref<T>> {
 public:
  Result(Error) {}
  Result(Ref<T>&& r) : ref_(std::move(r)) { assert(ref_ && "Result<Ref<T>> success needs an object"); }
  template <class U, class = std::enable_if_t<std::is_base_of_v<T, U>>>
  Result(Ref<U>&& r) : ref_(std::move(r)) { assert(ref_); }
  template <class U, class = std::enable_if_t<std::is_base_of_v<T, U>>>
  Result(Result<Ref<U>>&& r) : ref_(r.is_error() ? Ref<T>() : Ref<T>(r.release_value())) {}

  bool is_error() const { return !ref_; }
  explicit operator bool() const { return bool(ref_); }
  Ref<T>& value() & { assert(ref_); return ref_; }
  Ref<T>&& value() && { assert(ref_); return std::move(ref_); }
  Ref<T> release_value() { assert(ref_); return std::move(ref_); }

 private:
  Ref<T> ref_;
};

}  // namespace weft
