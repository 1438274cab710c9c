// stdlib/sys/stdio_stream.h — the text streams behind sys.stdin, sys.stdout and sys.stderr until
// the `_io` module (TextIOWrapper over BufferedWriter over FileIO) replaces them.
//
// A StdioStream is a UTF-8 text stream over a file descriptor with CPython's buffering rules for
// the standard streams: stdout is line-buffered on a terminal and block-buffered otherwise,
// stderr is line-buffered (backslashreplace for unencodable characters), and -u/PYTHONUNBUFFERED
// makes both write through. Python sees write/flush/readline/fileno/isatty and the attributes
// name, encoding, errors, mode, closed, line_buffering.
#pragma once

#include "objects/type.h"

namespace weft::sys {

extern Type StdioStreamType;

enum class StdioKind { In, Out, Err };
// A new stream for fd 0/1/2. `unbuffered` forces write-through for Out.
Result<Ref<Object>> stdio_stream_new(StdioKind kind, bool unbuffered);
// Writes out any buffered bytes; errors are ignored (used at shutdown).
void stdio_stream_flush_quiet(Object* stream);

}  // namespace weft::sys
