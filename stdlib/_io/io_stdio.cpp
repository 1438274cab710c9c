// stdlib/_io/io_stdio.cpp — sys.stdin, sys.stdout and sys.stderr as real io objects, made the
// way CPython's create_stdio (Python/pylifecycle.c) makes them when _io is created at start-up:
// a TextIOWrapper (UTF-8, newline "\n") over a BufferedReader/BufferedWriter over a FileIO on
// fd 0/1/2 with closefd=False. stdout is line-buffered on a terminal and block-buffered
// otherwise, stderr is always line-buffered and uses "backslashreplace"; -u makes stdout and
// stderr unbuffered (write-through TextIOWrapper over the FileIO itself). An fd that is not
// open gives None, as in CPython. The streams are flushed at exit by vm/lifecycle.cpp.
#include <fcntl.h>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "stdlib/_io/io_internal.h"
#include "stdlib/sys/sys_module.h"
#include "vm/lifecycle.h"

namespace weft::io {
namespace {

struct StdStream {
  int fd;
  const char* name;     // sys attribute
  const char* dunder;   // sys.__stdX__
  const char* display;  // the raw stream's name
};

Result<Ref<Object>> create_std_stream(const StdStream& s, bool unbuffered) {
  bool write_mode = s.fd != 0;
  int64_t buffering = unbuffered && write_mode ? 0 : -1;
  Ref<Object> fd = TRY(int_from_i64(s.fd));
  Ref<Object> mode = TRY(str_from_ascii(write_mode ? "wb" : "rb"));
  Ref<Object> buffering_obj = TRY(int_from_i64(buffering));
  Ref<Object> none = new_none();
  Object* open_args[] = {fd.get(), mode.get(), buffering_obj.get(), none.get(), none.get(),
                         none.get(), py_false()};
  Ref<Object> buffer = TRY(open_positional(open_args, 7));
  Ref<Object> raw = buffering != 0 ? TRY(get_attr(buffer.get(), "raw")) : new_ref(buffer.get());
  Ref<Object> display = TRY(str_from_ascii(s.display));
  TRY(set_attr(raw.get(), str_intern("name"), display.get()));
  Ref<Object> isatty = TRY(call_method(raw.get(), "isatty", nullptr, 0));
  bool line_buffering = !unbuffered && (isatty.get() == py_true() || s.fd == 2);
  Ref<Object> encoding = TRY(str_from_ascii("utf-8"));
  Ref<Object> errors = TRY(str_from_ascii(s.fd == 2 ? "backslashreplace" : "strict"));
  Ref<Object> newline = TRY(str_from_ascii("\n"));
  Object* text_args[] = {buffer.get(), encoding.get(), errors.get(), newline.get(),
                         py_bool(line_buffering), py_bool(unbuffered && write_mode)};
  Ref<Object> stream = TRY(call(reinterpret_cast<Object*>(&TextIOWrapperType), text_args, 6));
  Ref<Object> text_mode = TRY(str_from_ascii(write_mode ? "w" : "r"));
  TRY(set_attr(stream.get(), str_intern("mode"), text_mode.get()));
  return stream;
}

}  // namespace

Status install_std_streams() {
  static const StdStream kStreams[] = {{0, "stdin", "__stdin__", "<stdin>"},
                                       {1, "stdout", "__stdout__", "<stdout>"},
                                       {2, "stderr", "__stderr__", "<stderr>"}};
  bool unbuffered = vm::runtime_config().unbuffered;
  for (const StdStream& s : kStreams) {
    Ref<Object> stream;
    if (::fcntl(s.fd, F_GETFD) < 0) {
      stream = new_none();  // a closed descriptor: CPython sets None
    } else {
      stream = TRY(create_std_stream(s, unbuffered));
    }
    TRY(sys::set_object(s.name, stream.get()));
    TRY(sys::set_object(s.dunder, stream.get()));
  }
  return ok();
}

}  // namespace weft::io
