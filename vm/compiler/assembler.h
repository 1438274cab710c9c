// vm/compiler/assembler.h — final instruction list to CPython 3.14 byte strings.
//
// Produces co_code (code units with EXTENDED_ARG prefixes and zeroed inline caches, jump
// opargs relative to the end of the jumping instruction's caches), co_linetable (3.14 location
// table) and co_exceptiontable (varint-encoded ranges). Pure functions of their input: no
// Python objects, so they are unit-testable without a runtime.
#pragma once

#include <string>
#include <vector>

#include "vm/compiler/flowgraph.h"

namespace weft::compiler {

struct AssembledCode {
  std::string code;            // co_code bytes
  std::string linetable;       // co_linetable bytes
  std::string exceptiontable;  // co_exceptiontable bytes
};

AssembledCode assemble(const FinalCode& final_code, int firstlineno);

// Encoders, exposed for tests.
void write_linetable_entry(std::string* out, const SrcLoc& loc, int length, int* prev_line);
void write_exception_entry(std::string* out, int start, int end, int handler, int depth,
                           bool lasti);

}  // namespace weft::compiler
