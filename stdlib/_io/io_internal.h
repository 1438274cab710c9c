// stdlib/_io/io_internal.h — what the files of the `_io` module share (CPython's
// Modules/_io/_iomodule.h): the object layouts, the type objects, and the helpers every class
// uses to check state and raise CPython's messages.
//
// Layout: every _io object starts with IOBaseObject (the instance __dict__, where FileIO keeps
// `name` and subclasses keep their attributes, and the closed flag of _IOBase). Concrete
// classes add their own fields; Python subclasses add theirs after.
//
// Locking (see each file): FileIO needs none (its fields are set at construction or changed by
// close, which is atomic on the fd); BytesIO and StringIO mutate inside their object's critical
// section; the Buffered* classes and TextIOWrapper hold their own sync::Mutex across a whole
// operation, raw calls included, so concurrent writers never interleave inside one write.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "objects/type.h"
#include "sync/mutex.h"

namespace weft::io {

constexpr int64_t kDefaultBufferSize = 128 * 1024;  // io.DEFAULT_BUFFER_SIZE in 3.14

struct IOBaseObject : Object {
  Object* dict;                   // instance __dict__, created lazily
  std::atomic<bool> iobase_closed;  // _IOBase.close() ran (the `__IOBase_closed` of CPython)
};

struct FileIOObject : IOBaseObject {
  std::atomic<int> fd;  // -1 once closed
  bool created, readable, writable, appending;
  std::atomic<int8_t> seekable;  // -1 unknown, 0, 1 (cached by the first seek/seekable)
  bool closefd;
  int64_t blksize;
};

extern Type IOBaseType;          // _io._IOBase
extern Type RawIOBaseType;       // _io._RawIOBase
extern Type BufferedIOBaseType;  // _io._BufferedIOBase
extern Type TextIOBaseType;      // _io._TextIOBase
extern Type FileIOType;
extern Type BytesIOType;
extern Type StringIOType;
extern Type BufferedReaderType;
extern Type BufferedWriterType;
extern Type BufferedRandomType;
extern Type BufferedRWPairType;
extern Type TextIOWrapperType;
extern Type IncrementalNewlineDecoderType;

// io.UnsupportedOperation (a heap class deriving from OSError and ValueError), made at start-up.
Type* unsupported_operation();

// ValueError "I/O operation on closed file." (and its variants).
Error raise_closed_file();
// UnsupportedOperation(message).
Error raise_unsupported(std::string_view message);

// IOBase helpers that go through Python-visible attributes, as CPython's _PyIOBase_* do.
Result<bool> iobase_is_closed(Object* self);           // self.closed
Status check_closed(Object* self);                      // ValueError if self.closed
Status check_readable(Object* self);                    // self.readable() or UnsupportedOperation
Status check_writable(Object* self);
Status check_seekable(Object* self);
// _IOBase.close(self): calls self.flush() once and marks the object closed (the part of
// close() every subclass chains to).
Result<Ref<Object>> iobase_close(Object* self);

// Instance-dict and GC plumbing shared by every _io type.
void iobase_clear_dict(Object* self);
void iobase_traverse_dict(Object* self, VisitFn visit, void* arg);
// Fills the common fields of an _io type (name, size, flags, dict offset, bases).
void fill_io_type(Type* t, const char* name, Type* base, int64_t basicsize, const char* doc);

// tp_iter of BytesIO and StringIO: the object itself, even when closed (as CPython).
Result<Ref<Object>> iter_self(Object* self);

// buffer.closed without attribute lookups for the exact Buffered* classes over an exact FileIO
// (and FileIO itself): 1 closed, 0 open, -1 unknown (ask the object).
int buffered_closed_fast(Object* buffer);

// The live buffered/text streams whose output is flushed at exit (open_files.cpp): tp_new of
// those classes tracks the object, their deallocator untracks it first.
Status track_stream(Object* stream);
void untrack_stream(Object* stream);

// open(*args) with positional arguments (io_module.cpp).
Result<Ref<Object>> open_positional(Object* const* args, size_t nargs);
// Makes sys.stdin/stdout/stderr (and sys.__stdX__) TextIOWrappers over fds 0-2 (io_stdio.cpp).
Status install_std_streams();

// Integer/None "size" arguments (read(size=-1)): None or absent -> -1.
Result<int64_t> size_argument(Object* arg);

// The bytes of a bytes-like write() argument (bytes, bytearray).
Status require_bytes_like(Object* b);

// The universal-newline state of IncrementalNewlineDecoder (newline.cpp), shared by
// TextIOWrapper and StringIO: a '\r' that ends a chunk is held back until the next chunk shows
// whether '\n' follows; `seen` records the kinds of line ending met.
struct NewlineState {
  static constexpr int kSeenCR = 1, kSeenLF = 2, kSeenCRLF = 4;
  bool translate = false;  // \r\n and \r become \n
  bool pending_cr = false;
  int seen = 0;
};
// Applies the state to the next decoded chunk `text` (final: no more input follows).
Result<Ref<Object>> newline_decode(NewlineState& state, Ref<Object> text, bool final);
// The `newlines` attribute for `seen`: None, one str, or a tuple in CPython's order.
Result<Ref<Object>> newline_seen_value(int seen);

}  // namespace weft::io
