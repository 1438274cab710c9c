// objects/int.h — int (and bool, its subclass): 64-bit inline fast path, GMP beyond.
//
// Representation: an IntObject holds either a small value (fits in int64_t, `big == nullptr`) or
// a pointer to a GMP integer. Invariant: a value that fits in int64_t is ALWAYS stored small, so
// "is small" is a null check and equal values have equal representations. Every operation takes
// the int64 path when both operands are small and cannot overflow (checked with
// __builtin_*_overflow), else GMP. An exact int's mpz lives in the same allocation, right after
// the IntObject; a subclass instance's mpz is allocated separately (its basicsize varies). Small ints -5..1024 are
// preallocated immortal objects (CPython caches -5..256; we keep the same identity semantics for
// that range and more). True/False are the two BoolType instances.
#pragma once

#include <gmp.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "objects/type.h"

namespace weft {

extern Type IntType;
extern Type BoolType;
struct IntObject : Object {
  int64_t small;  // the value when `big` is null
  mpz_ptr big;    // the value when it does not fit in int64_t; null otherwise (immutable)
};
extern IntObject TrueObject;
extern IntObject FalseObject;

inline bool is_int(const Object* o) { return type_has_flag(o->ob_type, kTypeLongSubclass); }
inline bool is_int_exact(const Object* o) { return o->ob_type == &IntType; }
inline bool is_bool(const Object* o) { return o->ob_type == &BoolType; }
inline Object* py_true() { return reinterpret_cast<Object*>(&TrueObject); }
inline Object* py_false() { return reinterpret_cast<Object*>(&FalseObject); }
inline Object* py_bool(bool b) { return b ? py_true() : py_false(); }
inline Ref<Object> new_bool(bool b) { return Ref<Object>::borrow(py_bool(b)); }

// --- small-int cache and fast paths ------------------------------------------------------------
inline constexpr int64_t kSmallIntMin = -5;
inline constexpr int64_t kSmallIntMax = 1024;
// The preallocated immortal ints kSmallIntMin..kSmallIntMax (index v - kSmallIntMin).
extern IntObject SmallInts[kSmallIntMax - kSmallIntMin + 1];

inline bool int_is_small(const Object* o) { return static_cast<const IntObject*>(o)->big == nullptr; }
// The int64 value of a small int (int_is_small(o) must hold).
inline int64_t int_small_value(const Object* o) { return static_cast<const IntObject*>(o)->small; }

Result<Ref<Object>> int_from_i64_slow(int64_t v);  // allocates; v outside the cache
inline Result<Ref<Object>> int_from_i64(int64_t v) {
  if (v >= kSmallIntMin && v <= kSmallIntMax) [[likely]] {
    return Ref<Object>::steal(reinterpret_cast<Object*>(&SmallInts[v - kSmallIntMin]));
  }
  return int_from_i64_slow(v);
}
// (Immortal objects need no incref, so steal() of a cached int is a valid new reference.)

// The int operators on two ints (any int subclass, bool included); the result is an exact int.
// These are the number slots of int; the VM may call them directly once it has checked is_int()
// on both operands (e.g. a specialised BINARY_OP for exact ints).
Result<Ref<Object>> int_add(Object* a, Object* b);
Result<Ref<Object>> int_subtract(Object* a, Object* b);
Result<Ref<Object>> int_multiply(Object* a, Object* b);
Result<Ref<Object>> int_floor_divide(Object* a, Object* b);
Result<Ref<Object>> int_remainder(Object* a, Object* b);
Result<Ref<Object>> int_true_divide(Object* a, Object* b);
Result<Ref<Object>> int_lshift(Object* a, Object* b);
Result<Ref<Object>> int_rshift(Object* a, Object* b);
int int_compare(Object* a, Object* b);  // -1, 0, 1; both ints

// Fast paths for the VM: two EXACT ints (the caller checked is_int_exact on both). A few
// instructions when both are small and the result does not overflow; otherwise the full slot.
inline Result<Ref<Object>> int_add_fast(Object* a, Object* b) {
  int64_t r;
  if (int_is_small(a) && int_is_small(b) &&
      !__builtin_add_overflow(int_small_value(a), int_small_value(b), &r)) [[likely]] {
    return int_from_i64(r);
  }
  return int_add(a, b);
}
inline Result<Ref<Object>> int_subtract_fast(Object* a, Object* b) {
  int64_t r;
  if (int_is_small(a) && int_is_small(b) &&
      !__builtin_sub_overflow(int_small_value(a), int_small_value(b), &r)) [[likely]] {
    return int_from_i64(r);
  }
  return int_subtract(a, b);
}
inline Result<Ref<Object>> int_multiply_fast(Object* a, Object* b) {
  int64_t r;
  if (int_is_small(a) && int_is_small(b) &&
      !__builtin_mul_overflow(int_small_value(a), int_small_value(b), &r)) [[likely]] {
    return int_from_i64(r);
  }
  return int_multiply(a, b);
}
// Comparison of two ints (any subclass): never fails.
inline bool int_compare_fast(Object* a, Object* b, CompareOp op) {
  int c;
  if (int_is_small(a) && int_is_small(b)) [[likely]] {
    int64_t x = int_small_value(a), y = int_small_value(b);
    c = (x > y) - (x < y);
  } else {
    c = int_compare(a, b);
  }
  switch (op) {
    case CompareOp::Lt: return c < 0;
    case CompareOp::Le: return c <= 0;
    case CompareOp::Eq: return c == 0;
    case CompareOp::Ne: return c != 0;
    case CompareOp::Gt: return c > 0;
    case CompareOp::Ge: return c >= 0;
  }
  return false;
}

// --- construction and conversion ---------------------------------------------------------------
Result<Ref<Object>> int_from_u64(uint64_t v);
Result<Ref<Object>> int_from_double(double v);  // int(float): OverflowError for inf, ValueError nan
// Parses like int(s, base): optional sign, underscores, 0x/0o/0b prefixes when base is 0 or
// matches; ValueError "invalid literal for int() with base 10: 'x'" otherwise.
Result<Ref<Object>> int_from_string(std::string_view s, int base);

// True if the int fits in int64_t; then *out holds it.
bool int_to_i64(Object* o, int64_t* out);
// OverflowError "Python int too large to convert to C ssize_t" if it does not fit.
Result<int64_t> int_as_i64(Object* o);
double int_as_double_unchecked(Object* o);        // may be inf for huge values
Result<double> int_as_double(Object* o);          // OverflowError "int too large to convert to float"
int int_sign(Object* o);                          // -1, 0, 1
std::string int_to_decimal(Object* o);            // str(int); respects no digit limit
Result<Ref<Object>> int_to_str(Object* o);        // str(int), with the 4300-digit limit check
int64_t int_hash(Object* o);                      // CPython's numeric hash (mod 2**61 - 1)

// A new int holding `z`'s value (normalised to the small form when it fits). Takes `z`'s
// contents: on return `z` is a valid, cleared-to-zero mpz the caller still mpz_clear()s.
Result<Ref<Object>> int_from_mpz_take(mpz_ptr z);
// Sets `out` (an initialised mpz) to the value of int `o`.
void int_to_mpz(Object* o, mpz_ptr out);
// A new exact int equal to int `o` (itself when exact): int(subclass_instance) semantics.
Ref<Object> int_exact_copy(Object* o);
// Number of bits in abs(o) (int.bit_length()).
uint64_t int_bit_length(Object* o);
// int(x, base) for str/bytes/bytearray `x` (the caller checked the type); `x` names the
// object in "invalid literal" messages.
Result<Ref<Object>> int_from_text_object(Object* x, int base);
// The digit limit of sys.set_int_max_str_digits (0 = no limit); default 4300. Thread-safe.
int64_t int_max_str_digits();
void set_int_max_str_digits(int64_t n);
// int.__format__ / format(int, spec).
Result<Ref<Object>> int_format(Object* o, Object* spec);
// bin()/oct()/hex() text: "0b101", "-0x1f".
Result<Ref<Object>> int_to_base_string(Object* o, int base);

}  // namespace weft
