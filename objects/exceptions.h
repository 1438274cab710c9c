// objects/exceptions.h — the built-in exception hierarchy.
//
// Every built-in exception class is a Type reachable through a pointer in namespace `exc`, set
// during kPhaseObjects (exceptions.cpp). `raise(exc::TypeError, ...)` (objects/errors.h) is how
// C++ code raises them. BaseException instances are `ExceptionObject`s; OSError, SyntaxError,
// StopIteration, ImportError, KeyError... add fields through subclasses of it.
#pragma once

#include "objects/type.h"

namespace weft {

// The instance layout of BaseException (fields are owned references or nullptr).
struct ExceptionObject : Object {
  Object* dict;          // instance __dict__ (lazily created)
  Object* args;          // tuple
  Object* notes;         // __notes__ list, or nullptr
  Object* traceback;     // __traceback__ (traceback object) or nullptr
  Object* context;       // __context__ or nullptr
  Object* cause;         // __cause__ or nullptr
  bool suppress_context; // __suppress_context__
};

bool is_exception_instance(const Object* o);  // isinstance(o, BaseException)
bool is_exception_class(const Object* o);     // a type that subclasses BaseException

// Accessors that keep the invariants (e.g. setting __cause__ sets __suppress_context__).
Object* exception_traceback(Object* exc);            // borrowed, may be nullptr
void exception_set_traceback(Object* exc, Object* tb /*nullable*/);
Object* exception_context(Object* exc);              // borrowed, may be nullptr
void exception_set_context(Object* exc, Ref<Object> ctx);
Object* exception_cause(Object* exc);                // borrowed, may be nullptr
void exception_set_cause(Object* exc, Ref<Object> cause);
Object* exception_args(Object* exc);                 // borrowed tuple

namespace exc {
#define WEFT_EXCEPTION_LIST(X)                                                          \
  X(BaseException) X(BaseExceptionGroup) X(Exception) X(GeneratorExit) X(KeyboardInterrupt) \
  X(SystemExit) X(ArithmeticError) X(AssertionError) X(AttributeError) X(BufferError)   \
  X(EOFError) X(ExceptionGroup) X(FloatingPointError) X(ImportError) X(IndentationError) \
  X(IndexError) X(KeyError) X(LookupError) X(MemoryError) X(ModuleNotFoundError)         \
  X(NameError) X(NotImplementedError) X(OSError) X(OverflowError) X(PythonFinalizationError) \
  X(RecursionError) X(ReferenceError) X(RuntimeError) X(StopAsyncIteration) X(StopIteration) \
  X(SyntaxError) X(SystemError) X(TabError) X(TypeError) X(UnboundLocalError)            \
  X(UnicodeDecodeError) X(UnicodeEncodeError) X(UnicodeError) X(UnicodeTranslateError)   \
  X(ValueError) X(ZeroDivisionError) X(BlockingIOError) X(BrokenPipeError) X(ChildProcessError) \
  X(ConnectionAbortedError) X(ConnectionError) X(ConnectionRefusedError)                 \
  X(ConnectionResetError) X(FileExistsError) X(FileNotFoundError) X(InterruptedError)    \
  X(IsADirectoryError) X(NotADirectoryError) X(PermissionError) X(ProcessLookupError)    \
  X(TimeoutError) X(Warning) X(BytesWarning) X(DeprecationWarning) X(EncodingWarning)    \
  X(FutureWarning) X(ImportWarning) X(PendingDeprecationWarning) X(ResourceWarning)      \
  X(RuntimeWarning) X(SyntaxWarning) X(UnicodeWarning) X(UserWarning)
#define WEFT_DECLARE_EXC(name) extern Type* name;
WEFT_EXCEPTION_LIST(WEFT_DECLARE_EXC)
#undef WEFT_DECLARE_EXC
}  // namespace exc

}  // namespace weft
