// stdlib/_thread/excepthook.cpp — _thread._excepthook and _thread._ExceptHookArgs, the default
// threading.excepthook (CPython 3.14's thread_excepthook): prints
// "Exception in thread NAME:" and the traceback to sys.stderr (or the thread's saved _stderr
// when sys.stderr is None), ignores SystemExit. Stateless.
#include "stdlib/_thread/excepthook.h"

#include <pthread.h>

#include <string>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/sys/sys_module.h"
#include "vm/traceback_print.h"

namespace weft::thread_module {

StructSeqType ExceptHookArgsType;

namespace {

const StructSeqField kExceptHookArgsFields[] = {
    {"exc_type", "Exception type"},
    {"exc_value", "Exception value"},
    {"exc_traceback", "Exception traceback"},
    {"thread", "Thread"},
    {nullptr, nullptr},
};
const StructSeqDesc kExceptHookArgsDesc = {
    "_thread._ExceptHookArgs", "ExceptHookArgs\n\nType used to pass arguments to threading.excepthook.",
    kExceptHookArgsFields, 4};
WEFT_REGISTER_STRUCTSEQ(ExceptHookArgsType, kExceptHookArgsDesc);

Status write_text(Object* file, std::string_view text) {
  Ref<Object> s = TRY(str_from_utf8(text));
  Object* arg = s.get();
  TRY(call_method(file, "write", &arg, 1));
  return ok();
}

}  // namespace

Result<Ref<Object>> thread_excepthook(Object*, Object* const* args, size_t, Object*) {
  Object* hook_args = args[0];
  if (type_of(hook_args) != &ExceptHookArgsType)
    return raise(exc::TypeError, "_thread.excepthook argument type must be ExceptHookArgs");
  Object* exc_type = tuple_item(hook_args, 0);
  Object* exc_value = tuple_item(hook_args, 1);
  Object* thread = tuple_item(hook_args, 3);
  if (exc_type == reinterpret_cast<Object*>(exc::SystemExit)) return new_none();
  Ref<Object> file = sys::get_object("stderr");
  if (!file || is_none(file.get())) {
    if (is_none(thread)) return new_none();
    file = TRY(get_attr(thread, "_stderr"));
    if (is_none(file.get())) return new_none();
  }
  std::string header = "Exception in thread ";
  Ref<Object> name;
  if (!is_none(thread) && TRY(lookup_attr(thread, str_intern("name"), &name))) {
    Ref<Object> text = TRY(object_str(name.get()));
    header += str_to_std_string(text.get());
  } else {
    header += std::to_string(static_cast<uint64_t>(pthread_self()));
  }
  header += ":\n";
  TRY(write_text(file.get(), header));
  if (is_exception_instance(exc_value)) {
    TRY(write_text(file.get(), vm::format_exception(exc_value)));
  }
  TRY(call_method(file.get(), "flush", nullptr, 0));
  return new_none();
}

}  // namespace weft::thread_module
