// stdlib/_csv/csv_internal.h — what the three files of `_csv` share: the Dialect layout (an
// immutable record of the parsing/formatting options), the quoting styles, and the module-wide
// state (csv.Error, the dialect registry, the field size limit).
//
// Invariants: a Dialect never changes after construction, so readers and writers read it
// without locks from any thread. The registry is a dict (thread-safe on its own); the field size
// limit is an atomic; the Error class is published once, before the module is returned.
#pragma once

#include <atomic>
#include <cstdint>

#include "objects/type.h"

namespace weft::csv_module {

enum Quoting : int {
  kQuoteMinimal = 0,
  kQuoteAll = 1,
  kQuoteNonNumeric = 2,
  kQuoteNone = 3,
  kQuoteStrings = 4,
  kQuoteNotNull = 5,
};

// A character option that was not given (escapechar=None, quotechar=None).
constexpr uint32_t kNotSet = 0xffffffffu;
// The end-of-line marker the reader feeds its state machine after each input line.
constexpr uint32_t kEndOfLine = 0xfffffffeu;

struct DialectObject : Object {
  uint32_t delimiter;
  uint32_t quotechar;   // kNotSet: none
  uint32_t escapechar;  // kNotSet: none
  int32_t quoting;      // a Quoting value
  bool doublequote;
  bool skipinitialspace;
  bool strict;
  Object* lineterminator;  // str, owned
};

inline DialectObject* as_dialect(Object* o) { return static_cast<DialectObject*>(o); }

extern Type DialectType;  // _csv.Dialect
extern Type ReaderType;   // _csv.reader
extern Type WriterType;   // _csv.writer

// _csv.Error (set before the module is first returned, never changed afterwards).
Type* error_class();
// The maximum field length the reader accepts (field_size_limit()).
int64_t field_limit();

// Dialect(*args, **kwargs) as reader()/writer() pass their trailing arguments to it: the
// positional `args[0..nargs)` and keyword values after them, named by `kwnames`.
Result<Ref<Object>> make_dialect(Object* const* args, size_t nargs, Object* kwnames);

// The reader()/writer() factory functions of the module.
Result<Ref<Object>> csv_reader(Object* module, Object* const* args, size_t nargs, Object* kwnames);
Result<Ref<Object>> csv_writer(Object* module, Object* const* args, size_t nargs, Object* kwnames);

}  // namespace weft::csv_module
