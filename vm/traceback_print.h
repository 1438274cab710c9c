// vm/traceback_print.h — printing an uncaught exception the way CPython 3.14 prints it
// (Lib/traceback.py's TracebackException.format, reproduced in C++ so it works before, and
// without, the Python traceback module): the "Traceback (most recent call last):" block with
// source lines and caret ranges, "[Previous line repeated N more times]", chained exceptions
// with their linking sentences, exception groups, the final "Type: message" line, __notes__,
// and SyntaxError's location block.
#pragma once

#include <string>
#include <string_view>

#include "objects/ref.h"

namespace weft::vm {

// The complete text CPython prints for `exc` (an exception instance); never fails (errors met
// while formatting are swallowed and replaced by CPython's placeholders).
std::string format_exception(Object* exc);

// Prints format_exception(exc) to sys.stderr if it exists (and is not None), else to fd 2.
void print_exception(Object* exc);

// Reports an exception nobody caught (CPython's PyErr_Print): calls sys.excepthook(type, value,
// traceback); "sys.excepthook is missing" and the default printout when it does not exist; when
// the hook raises, "Error in sys.excepthook:", its error, "Original exception was:" and `exc`.
// A SystemExit raised by the hook is left pending for the caller.
void report_uncaught_exception(Object* exc);

// Writes UTF-8 text to sys.stderr (write + flush) if it exists, else to fd 2. Never fails.
void write_stderr(std::string_view text);

// Remembers the source of `code` (and every code object nested in it) for tracebacks, as
// linecache._register_code does for `-c` and the interactive prompt: frames whose file name is
// "<...>" then show their source lines. Thread-safe.
void register_code_source(Object* code, std::string_view source);

}  // namespace weft::vm
