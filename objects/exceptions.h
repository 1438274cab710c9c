// objects/exceptions.h — the built-in exception hierarchy.
//
// Every built-in exception class is a Type reachable through a pointer in namespace `exc`, set
// during kPhaseObjects (exceptions.cpp). `raise(exc::TypeError, ...)` (objects/errors.h) is how
// C++ code raises them. BaseException instances are `ExceptionObject`s; OSError, SyntaxError,
// StopIteration, ImportError, KeyError... add fields through subclasses of it.
#pragma once

#include <string_view>

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


// --- subclass layouts (all fields owned references or nullptr) -----------------------------------
struct StopIterationObject : ExceptionObject { Object* value; };       // StopIteration.value
struct SystemExitObject : ExceptionObject { Object* code; };           // SystemExit.code
struct NameErrorObject : ExceptionObject { Object* name; };            // NameError.name
struct AttributeErrorObject : ExceptionObject { Object* obj; Object* name; };
struct ImportErrorObject : ExceptionObject {
  Object* msg; Object* name; Object* path; Object* name_from;
};
struct OSErrorObject : ExceptionObject {
  Object* myerrno; Object* strerror; Object* filename; Object* filename2;
  int64_t written;  // BlockingIOError.characters_written; -1 = unset
};
struct SyntaxErrorObject : ExceptionObject {
  Object* msg; Object* filename; Object* lineno; Object* offset; Object* text;
  Object* end_lineno; Object* end_offset; Object* print_file_and_line; Object* metadata;
};
struct UnicodeErrorObject : ExceptionObject {
  Object* encoding; Object* object; int64_t start; int64_t end; Object* reason;
};
struct BaseExceptionGroupObject : ExceptionObject { Object* msg; Object* excs; };

// type(*args) for an exception class, without going through type.__call__'s generic path when
// `type` is a built-in exception. Returns the new instance.
Result<Ref<Object>> exception_new(Type* type, Object* const* args, size_t nargs);
// The MemoryError instance raise_no_memory() re-uses (nullptr before kPhaseObjects).
Object* preallocated_memory_error();

// Raising helpers with the fields set as CPython's C API sets them.
// OSError(errnum, strerror(errnum)[, filename[, None, filename2]]): the errno picks the subclass
// (ENOENT -> FileNotFoundError ...). filename/filename2 may be nullptr.
Error raise_os_error(int errnum, Object* filename = nullptr, Object* filename2 = nullptr);
Error raise_key_error(Object* key);          // KeyError(key), also for tuple keys
Error raise_stop_iteration(Object* value);   // StopIteration(value); value nullptr = None
// AttributeError with .name and .obj set (for "Did you mean" suggestions).
Error raise_attribute_error(Object* obj, Object* name, std::string_view message);
// SyntaxError-family (SyntaxError, IndentationError, TabError) with its location fields;
// lineno/offset/end_* are 1-based, 0 = unknown (None); text may be nullptr.
Error raise_syntax_error(Type* type, std::string_view msg, Object* filename, int lineno,
                         int offset, Object* text, int end_lineno, int end_offset);
// The `.value` of a StopIteration instance (borrowed; None if unset).
Object* stop_iteration_value(Object* exc);
// The `.code` of a SystemExit instance (borrowed; None if unset).
Object* system_exit_code(Object* exc);

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
