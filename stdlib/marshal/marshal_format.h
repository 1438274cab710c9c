// stdlib/marshal/marshal_format.h — CPython's marshal format (Python/marshal.c), shared by the
// writer (marshal_write.cpp) and the reader (marshal_read.cpp).
//
// A value is one type-code byte, optionally or'ed with kFlagRef (the reader then remembers the
// object so a later kRef can name it by index), followed by its payload. Integers in payloads are
// little-endian int32; longs are a signed digit count then 15-bit digits, least significant first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "objects/ref.h"

namespace weft::marshal {

inline constexpr int kVersion = 5;
inline constexpr uint8_t kFlagRef = 0x80;

enum TypeCode : char {
  kNull = '0',
  kNone = 'N',
  kFalse = 'F',
  kTrue = 'T',
  kStopIter = 'S',
  kEllipsis = '.',
  kInt = 'i',
  kLong = 'l',
  kFloat = 'f',
  kBinaryFloat = 'g',
  kComplex = 'x',
  kBinaryComplex = 'y',
  kString = 's',  // bytes
  kInterned = 't',
  kRef = 'r',
  kTuple = '(',
  kSmallTuple = ')',
  kList = '[',
  kDict = '{',
  kCode = 'c',
  kUnicode = 'u',
  kSet = '<',
  kFrozenSet = '>',
  kAscii = 'a',
  kAsciiInterned = 'A',
  kShortAscii = 'z',
  kShortAsciiInterned = 'Z',
  kSlice = ':',
};

// marshal.dumps(value, version): the serialised bytes; ValueError "unmarshallable object" for an
// unsupported type (or a code object when !allow_code).
Result<std::string> write_object(Object* value, int version, bool allow_code);

// marshal.loads: reads one value from the front of `data`; `*consumed` receives the number of
// bytes it occupied (marshal.load positions the file after them).
Result<Ref<Object>> read_object(std::string_view data, bool allow_code, size_t* consumed);

}  // namespace weft::marshal
