// objects/int.h — int (and bool, its subclass): 64-bit inline fast path, GMP beyond.
//
// Representation (int.cpp): an IntObject holds either a small value (fits in int64_t) or a
// pointer to a GMP integer; every operation takes the int64 path when both operands are small
// and cannot overflow (checked with __builtin_*_overflow), else GMP. Small ints -5..1024 are
// preallocated immortal objects (CPython caches -5..256; we keep the same identity semantics for
// that range and more). True/False are the two BoolType instances.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "objects/type.h"

namespace weft {

extern Type IntType;
extern Type BoolType;
struct IntObject;  // layout in int.cpp
extern IntObject TrueObject;
extern IntObject FalseObject;

inline bool is_int(const Object* o) { return type_has_flag(o->ob_type, kTypeLongSubclass); }
inline bool is_int_exact(const Object* o) { return o->ob_type == &IntType; }
inline bool is_bool(const Object* o) { return o->ob_type == &BoolType; }
inline Object* py_true() { return reinterpret_cast<Object*>(&TrueObject); }
inline Object* py_false() { return reinterpret_cast<Object*>(&FalseObject); }
inline Object* py_bool(bool b) { return b ? py_true() : py_false(); }
inline Ref<Object> new_bool(bool b) { return Ref<Object>::borrow(py_bool(b)); }

Result<Ref<Object>> int_from_i64(int64_t v);
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

}  // namespace weft
