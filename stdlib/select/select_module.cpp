// stdlib/select/select_module.cpp — `select`: select.select() (enough for selectors'
// SelectSelector, which selectors.DefaultSelector and subprocess fall back to) plus
// select.error and PIPE_BUF (CPython 3.14's Modules/selectmodule.c behaviour and messages);
// poll objects are select_poll.cpp, epoll objects select_epoll.cpp.
//
// The wait runs detached from the runtime (other threads and stop-the-world requests proceed);
// on EINTR the Python signal handlers run and the wait resumes with the remaining timeout
// (PEP 475). The argument lists are snapshotted into tuples first, so the caller may mutate them
// meanwhile.
#include <limits.h>
#include <sys/select.h>
#include <time.h>

#include <cerrno>
#include <vector>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/select/select_internal.h"
#include "stdlib/time/pytime.h"
#include "vm/module_table.h"
#include "vm/signals.h"

namespace weft::select_module {

Result<int> file_descriptor(Object* o) {
  Ref<Object> n;
  if (is_int(o)) {
    n = new_ref(o);
  } else {
    Ref<Object> method;
    static Object* const fileno_name = str_intern("fileno");
    if (!TRY(lookup_attr(o, fileno_name, &method)))
      return raise(exc::TypeError, "argument must be an int, or have a fileno() method.");
    n = TRY(call_noargs(method.get()));
    if (!is_int(n.get())) return raise(exc::TypeError, "fileno() returned a non-integer");
  }
  int64_t fd;
  if (!int_to_i64(n.get(), &fd) || fd > INT_MAX || fd < INT_MIN)
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  if (fd < 0)
    return raise(exc::ValueError, "file descriptor cannot be a negative integer ({})", fd);
  return static_cast<int>(fd);
}

int64_t monotonic_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

namespace {

// One argument list: the objects as given and their descriptors.
struct WaitList {
  Ref<Object> objects;  // tuple snapshot of the argument
  std::vector<int> fds;
};

Status read_wait_list(Object* arg, WaitList* out, int* max_fd) {
  Result<Ref<Object>> items = tuple_from_iterable(arg);
  if (items.is_error()) {
    if (!error_matches(exc::TypeError)) return Error{};
    clear_error();
    return raise(exc::TypeError, "arguments 1-3 must be sequences");
  }
  out->objects = items.release_value();
  for (int64_t i = 0; i < tuple_size(out->objects.get()); ++i) {
    int fd = TRY(file_descriptor(tuple_item(out->objects.get(), i)));
    if (fd >= FD_SETSIZE) return raise(exc::ValueError, "filedescriptor out of range in select()");
    out->fds.push_back(fd);
    if (fd > *max_fd) *max_fd = fd;
  }
  return ok();
}

void fill_set(const WaitList& list, fd_set* set) {
  FD_ZERO(set);
  for (int fd : list.fds) FD_SET(fd, set);
}

// The objects of `list` whose descriptors are in `set`, in the order given.
Result<Ref<Object>> ready_objects(const WaitList& list, const fd_set* set) {
  Ref<Object> out = TRY(list_new(0));
  for (size_t i = 0; i < list.fds.size(); ++i) {
    if (FD_ISSET(list.fds[i], set))
      TRY(list_append(out.get(), tuple_item(list.objects.get(), static_cast<int64_t>(i))));
  }
  return out;
}


// select(rlist, wlist, xlist, timeout=None, /)
Result<Ref<Object>> select_select(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("select", nargs, kwnames, 3, 4));
  int64_t timeout_ns = -1;  // -1: wait forever
  if (nargs > 3 && !is_none(args[3])) {
    Result<int64_t> ns = pytime::seconds_to_ns(args[3]);
    if (ns.is_error()) {
      if (!error_matches(exc::TypeError)) return Error{};
      clear_error();
      return raise(exc::TypeError, "timeout must be a float or None");
    }
    timeout_ns = ns.release_value();
    if (timeout_ns < 0) return raise(exc::ValueError, "timeout must be non-negative");
  }
  WaitList lists[3];
  int max_fd = -1;
  for (int i = 0; i < 3; ++i) TRY(read_wait_list(args[i], &lists[i], &max_fd));
  int64_t deadline = timeout_ns >= 0 ? monotonic_ns() + timeout_ns : 0;
  fd_set sets[3];
  for (;;) {
    for (int i = 0; i < 3; ++i) fill_set(lists[i], &sets[i]);
    timeval tv;
    timeval* tvp = nullptr;
    if (timeout_ns >= 0) {
      int64_t left = std::max<int64_t>(deadline - monotonic_ns(), 0);
      // Round up to whole microseconds, as CPython's _PyTime_ROUND_CEILING does.
      int64_t us = (left + 999) / 1000;
      tv.tv_sec = static_cast<time_t>(us / 1000000);
      tv.tv_usec = static_cast<suseconds_t>(us % 1000000);
      tvp = &tv;
    }
    int rc, err;
    {
      core::DetachGuard detached;
      rc = select(max_fd + 1, &sets[0], &sets[1], &sets[2], tvp);
      err = errno;
    }
    if (rc >= 0) break;
    if (err != EINTR) return raise_os_error(err);
    TRY(vm::signals::check_signals());
  }
  Ref<Object> ready[3];
  for (int i = 0; i < 3; ++i) ready[i] = TRY(ready_objects(lists[i], &sets[i]));
  return tuple_pack({ready[0].get(), ready[1].get(), ready[2].get()});
}

const MethodDef kSelectFunctions[] = {
    {"select", select_select, kMethFastcall,
     "Wait until one or more file descriptors are ready for some kind of I/O.\n\nThe first "
     "three arguments are iterables of file descriptors to be waited for:\nrlist -- wait until "
     "ready for reading\nwlist -- wait until ready for writing\nxlist -- wait for an "
     "\"exceptional condition\"\nIf only one kind of condition is required, pass [] for the "
     "other lists.\n\nA file descriptor is either a socket or file object, or a small integer\n"
     "gotten from a fileno() method call on one of those.\n\nThe optional 4th argument "
     "specifies a timeout in seconds; it may be\na floating-point number to specify fractions "
     "of seconds.  If it is absent\nor None, the call will never time out.\n\nThe return value "
     "is a tuple of three lists corresponding to the first three\narguments; each contains the "
     "subset of the corresponding file descriptors\nthat are ready."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_select_module() {
  Ref<Object> m = TRY(module_new("select"));
  Object* dict = module_dict(m.get());
  Ref<Object> doc = TRY(str_from_ascii(
      "This module supports asynchronous I/O on multiple file descriptors.\n\n*** IMPORTANT "
      "NOTICE ***\nOn Windows, only sockets are supported; on Unix, all file descriptors."));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  Ref<Object> name = TRY(str_from_ascii("select"));
  TRY(add_functions_to_dict(dict, kSelectFunctions, m.get(), name.get()));
  TRY(dict_set_item_str(dict, "error", reinterpret_cast<Object*>(exc::OSError)));
  Ref<Object> pipe_buf = TRY(int_from_i64(PIPE_BUF));
  TRY(dict_set_item_str(dict, "PIPE_BUF", pipe_buf.get()));
  TRY(add_poll(dict, m.get(), name.get()));
  TRY(add_epoll(dict));
  return m;
}

WEFT_NATIVE_MODULE("select", create_select_module);

}  // namespace
}  // namespace weft::select_module
