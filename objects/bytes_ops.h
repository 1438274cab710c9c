// objects/bytes_ops.h — the methods bytes and bytearray share (CPython's Objects/bytes_methods.c
// and the common half of bytesobject.c / bytearrayobject.c), written once over a byte view.
//
// Each operation receives a `Self`: the receiver's bytes, stable for the whole call (bytes are
// immutable; a bytearray receiver is exported and locked by the caller, see bytearray_methods.cpp),
// and builds its result with Self::alloc / Self::make so that bytes methods return bytes and
// bytearray methods return bytearray. The method tables of both types are generated from
// WEFT_BYTES_SHARED_METHODS, so a shared method is defined exactly once.
#pragma once

#include <string_view>

#include "objects/type.h"

namespace weft::bytes_ops {

struct Self {
  Object* obj;            // the receiver (borrowed)
  std::string_view data;  // its bytes, stable during the call
  bool mutable_result;    // true: results are bytearrays (the receiver is a bytearray)

  // A fresh result object of `n` bytes, filled by the caller through *out.
  Result<Ref<Object>> alloc(int64_t n, char** out) const;
  Result<Ref<Object>> make(std::string_view bytes) const;
  // A result equal to the receiver: an exact bytes returns itself (as CPython does), otherwise a
  // copy of the right type.
  Result<Ref<Object>> same() const;
};

using Op = Result<Ref<Object>> (*)(const Self& self, Object* const* args, size_t nargs,
                                   Object* kwnames);

// X(name, flags): every instance method of both types that only reads its receiver.
// Flags: kMethOneArg / kMethNoKeywords for CPython's positional-only signatures, so the callers'
// argument checks give CPython's "bytes.zfill() takes exactly one argument (0 given)" messages.
#define WEFT_BYTES_SHARED_METHODS(X)                                                         \
  X(capitalize, kMethNoArgs) X(center, kMethNoKeywords) X(count, kMethNoKeywords)            \
  X(decode, kMethFastcall) X(endswith, kMethNoKeywords) X(expandtabs, kMethFastcall)         \
  X(find, kMethNoKeywords) X(hex, kMethFastcall) X(index, kMethNoKeywords)                   \
  X(isalnum, kMethNoArgs) X(isalpha, kMethNoArgs) X(isascii, kMethNoArgs)                    \
  X(isdigit, kMethNoArgs) X(islower, kMethNoArgs) X(isspace, kMethNoArgs)                    \
  X(istitle, kMethNoArgs) X(isupper, kMethNoArgs) X(join, kMethOneArg)                       \
  X(ljust, kMethNoKeywords) X(lower, kMethNoArgs) X(lstrip, kMethNoKeywords)                 \
  X(partition, kMethOneArg) X(removeprefix, kMethOneArg) X(removesuffix, kMethOneArg)        \
  X(replace, kMethNoKeywords) X(rfind, kMethNoKeywords) X(rindex, kMethNoKeywords)           \
  X(rjust, kMethNoKeywords) X(rpartition, kMethOneArg) X(rsplit, kMethFastcall)              \
  X(rstrip, kMethNoKeywords) X(split, kMethFastcall) X(splitlines, kMethFastcall)            \
  X(startswith, kMethNoKeywords) X(strip, kMethNoKeywords) X(swapcase, kMethNoArgs)          \
  X(title, kMethNoArgs) X(translate, kMethFastcall) X(upper, kMethNoArgs)                    \
  X(zfill, kMethOneArg)

#define WEFT_DECLARE_BYTES_OP(name, flags) \
  Result<Ref<Object>> name(const Self& self, Object* const* args, size_t nargs, Object* kwnames);
WEFT_BYTES_SHARED_METHODS(WEFT_DECLARE_BYTES_OP)
#undef WEFT_DECLARE_BYTES_OP

// bytes.maketrans / bytearray.maketrans (static): the 256-byte translation table.
Result<Ref<Object>> maketrans(Object* unused, Object* const* args, size_t nargs, Object* kwnames);
// Adds the maketrans staticmethod to a readied type's __dict__. Called in kPhaseObjects: making
// a staticmethod consults attributes of the function (__wrapped__ etc.), which needs the
// exception types readied; bytes and bytearray are readied before them.
Status add_maketrans(Type* t);
// bytes.fromhex / bytearray.fromhex: the parsed bytes (the class method wraps the type).
Result<Ref<Object>> fromhex_bytes(Object* arg);
// b % args and bytearray % args: the formatted bytes.
Result<Ref<Object>> percent_format(const Self& self, Object* args);

// ASCII character classes used by the byte methods (C locale, as CPython's pyctype).
inline bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
inline bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_alpha(unsigned char c) { return is_lower(c) || is_upper(c); }
inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline char to_lower(unsigned char c) { return is_upper(c) ? char(c + 32) : char(c); }
inline char to_upper(unsigned char c) { return is_lower(c) ? char(c - 32) : char(c); }

}  // namespace weft::bytes_ops
