// stdlib/builtins/io.cpp — print() and input().
//
// Both go through the file objects in sys (sys.stdout, sys.stdin) by their Python methods, so a
// program that replaces sys.stdout (io.StringIO, a logger) sees every write, as in CPython.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "stdlib/builtins/builtins.h"
#include "stdlib/sys/sys_module.h"

namespace weft::builtins {
namespace {

Status write_str(Object* file, Object* text) {
  Ref<Object> r = TRY(call_method(file, str_intern("write"), &text, 1));
  return ok();
}

// print(*objects, sep=' ', end='\n', file=None, flush=False)
Result<Ref<Object>> builtin_print(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("print", "* | sep end file flush");
  Object* kw[4];
  // The positional arguments are the objects to print; only keywords go through the parser.
  TRY(parser.parse(args + nargs, 0, kwnames, kw));
  Object* sep = kw[0] && !is_none(kw[0]) ? kw[0] : nullptr;
  Object* end = kw[1] && !is_none(kw[1]) ? kw[1] : nullptr;
  if (sep && !is_str(sep))
    return raise(exc::TypeError, "sep must be None or a string, not {}", type_name_of(sep));
  if (end && !is_str(end))
    return raise(exc::TypeError, "end must be None or a string, not {}", type_name_of(end));
  Ref<Object> file;
  if (kw[2] && !is_none(kw[2])) {
    file = new_ref(kw[2]);
  } else {
    file = sys::get_object("stdout");
    if (!file || is_none(file.get())) return new_none();  // no stdout: print does nothing
  }
  for (size_t i = 0; i < nargs; i++) {
    if (i > 0) TRY(write_str(file.get(), sep ? sep : str_intern(" ")));
    Ref<Object> s = TRY(object_str(args[i]));
    TRY(write_str(file.get(), s.get()));
  }
  TRY(write_str(file.get(), end ? end : str_intern("\n")));
  if (kw[3] && TRY(object_is_true(kw[3]))) {
    Ref<Object> r = TRY(call_method(file.get(), str_intern("flush"), nullptr, 0));
  }
  return new_none();
}

// input([prompt]): writes the prompt to sys.stdout (flushed), reads one line from sys.stdin
// without its newline; EOFError at end of input.
Result<Ref<Object>> builtin_input(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("input", nargs, kwnames, 0, 1));
  Ref<Object> out = sys::get_object("stdout");
  Ref<Object> in = sys::get_object("stdin");
  if (!in || is_none(in.get())) return raise(exc::RuntimeError, "input(): lost sys.stdin");
  if (!out || is_none(out.get())) return raise(exc::RuntimeError, "input(): lost sys.stdout");
  Ref<Object> err = sys::get_object("stderr");
  if (err && !is_none(err.get())) {
    Ref<Object> r = TRY(call_method(err.get(), str_intern("flush"), nullptr, 0));
  }
  if (nargs == 1) {
    Ref<Object> prompt = TRY(object_str(args[0]));
    TRY(write_str(out.get(), prompt.get()));
  }
  {
    Ref<Object> r = TRY(call_method(out.get(), str_intern("flush"), nullptr, 0));
  }
  Ref<Object> line = TRY(call_method(in.get(), str_intern("readline"), nullptr, 0));
  if (!is_str(line.get()))
    return raise(exc::TypeError, "object.readline() returned non-string");
  int64_t n = str_length(line.get());
  if (n == 0) return raise(exc::EOFError, "EOF when reading a line");
  if (str_char_at(line.get(), n - 1) == '\n') {
    Ref<Object> stop = TRY(int_from_i64(n - 1));
    Ref<Object> zero = TRY(int_from_i64(0));
    Ref<Object> sl = TRY(slice_new(zero.get(), stop.get(), none()));
    return get_item(line.get(), sl.get());
  }
  return line;
}

}  // namespace

const MethodDef kIoFunctions[] = {
    {"input", builtin_input, kMethFastcall, "Read a string from standard input."},
    {"print", builtin_print, kMethFastcall, "Prints the values to a stream, or to sys.stdout by default."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::builtins
