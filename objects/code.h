// objects/code.h — code objects in CPython 3.14's format (DESIGN §6).
//
// The compiler (vm/compiler) produces them; the eval loop (vm/) runs them; CPython's `dis`
// reads their attributes. `code` holds the instructions as CPython 3.14 code units (one byte
// opcode, one byte oparg, followed by the instruction's inline cache entries), `exceptiontable`
// and `linetable` use CPython 3.14's encodings byte for byte.
#pragma once

#include <cstdint>

#include "objects/type.h"

namespace weft {

extern Type CodeType;

// co_flags
enum CodeFlag : int32_t {
  kCoOptimized = 0x1, kCoNewLocals = 0x2, kCoVarargs = 0x4, kCoVarkeywords = 0x8,
  kCoNested = 0x10, kCoGenerator = 0x20, kCoNoFree = 0x40, kCoCoroutine = 0x80,
  kCoIterableCoroutine = 0x100, kCoAsyncGenerator = 0x200,
  kCoHasDocstring = 0x4000000, kCoMethod = 0x8000000,
};
// Kinds of co_localspluskinds entries (one byte per local/cell/free variable).
enum LocalKind : uint8_t {
  kFastArgPos = 0x02, kFastArgKw = 0x04, kFastArgVar = 0x08, kFastHidden = 0x10,
  kFastLocal = 0x20, kFastCell = 0x40, kFastFree = 0x80,
};

struct CodeObject : Object {
  int32_t argcount, posonlyargcount, kwonlyargcount;
  int32_t stacksize, flags, firstlineno;
  int32_t nlocalsplus;            // len(localsplusnames)
  int32_t nlocals, ncellvars, nfreevars;  // derived from localspluskinds
  Object* code;                   // bytes: instructions with inline caches (co_code)
  Object* consts;                 // tuple
  Object* names;                  // tuple of str
  Object* localsplusnames;        // tuple of str
  Object* localspluskinds;        // bytes
  Object* filename;               // str
  Object* name;                   // str
  Object* qualname;               // str
  Object* linetable;              // bytes (co_linetable)
  Object* exceptiontable;         // bytes (co_exceptiontable)
  // Per-code data the VM owns (e.g. the executable, specialisable copy of `code`); opaque here.
  void* vm_data;
  Object* weaklist;  // weak references to this object (objects/weakref.h)
};

// Releases a code object's `vm_data` when the code object dies; installed once at start-up by
// the VM (vm/specialize.cpp), nullptr before that.
extern void (*code_vm_data_release)(void* vm_data);

inline bool is_code(const Object* o) { return o->ob_type == &CodeType; }

// Everything the compiler provides to build a code object. Fields are borrowed; code_new takes
// its own references.
struct CodeSpec {
  int32_t argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  int32_t stacksize = 0, flags = 0, firstlineno = 1;
  Object* code = nullptr;
  Object* consts = nullptr;
  Object* names = nullptr;
  Object* localsplusnames = nullptr;
  Object* localspluskinds = nullptr;
  Object* filename = nullptr;
  Object* name = nullptr;
  Object* qualname = nullptr;
  Object* linetable = nullptr;
  Object* exceptiontable = nullptr;
};
Result<Ref<Object>> code_new(const CodeSpec& spec);

// The source position of the instruction at code-unit offset `offset`, decoded from linetable.
// Returns false if the instruction has no location.
struct SourceLocation { int line, end_line, col, end_col; };
bool code_location(const CodeObject* code, int offset, SourceLocation* out);

}  // namespace weft
