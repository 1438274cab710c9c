// stdlib/select/select_epoll.cpp — select.epoll: edge/level-triggered polling objects over
// epoll(7) (register, modify, unregister, poll with a timeout in seconds, close, closed,
// fileno, fromfd, context manager) and the EPOLL* constants, with CPython 3.14's behaviour and
// messages (Modules/selectmodule.c). selectors.DefaultSelector is EpollSelector on top of this.
//
// The kernel object carries the registrations, so the only state here is the descriptor: an
// atomic exchanged with -1 by close(), so concurrent closes close it once. poll() waits
// detached; registrations from other threads proceed meanwhile, as with CPython.
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>

#include <atomic>
#include <vector>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object_impl.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/select/select_internal.h"
#include "stdlib/time/pytime.h"

namespace weft::select_module {

Result<int64_t> epoll_timeout_ms(Object* timeout) {
  if (!timeout || is_none(timeout)) return int64_t{-1};
  Result<int64_t> ns = pytime::seconds_to_ns(timeout);
  if (ns.is_error()) {
    if (!error_matches(exc::TypeError)) return Error{};
    clear_error();
    return raise(exc::TypeError, "timeout must be an integer or None");
  }
  int64_t v = ns.value();
  if (v < 0) return int64_t{-1};
  // epoll_wait has a resolution of 1 ms: round up to wait at least `timeout`.
  int64_t ms = v / 1000000 + (v % 1000000 != 0);
  if (ms > INT32_MAX) return raise(exc::OverflowError, "timeout is too large");
  return ms;
}

namespace {

Type EpollType;

struct EpollObject : Object {
  std::atomic<int> fd;  // -1 once closed
};

EpollObject* as_epoll(Object* o) { return static_cast<EpollObject*>(o); }

Error raise_closed() {
  return raise(exc::ValueError, "I/O operation on closed epoll object");
}

Result<int> open_epoll_fd(Object* self) {
  int fd = as_epoll(self)->fd.load(std::memory_order_acquire);
  if (fd < 0) return raise_closed();
  return fd;
}

// An epoll object of `type` (epoll or a subclass) owning `fd`; closes it on failure.
Result<Ref<Object>> epoll_wrap(Type* type, int fd) {
  Result<Ref<Object>> made = object_generic_alloc(type);
  if (made.is_error()) {
    ::close(fd);
    return Error{};
  }
  as_epoll(made.value().get())->fd.store(fd, std::memory_order_release);
  return made;
}

// epoll(sizehint=-1, flags=0)
Result<Ref<Object>> epoll_new(Type* type, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("epoll", "| sizehint flags");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kw, a));
  int64_t sizehint = a[0] ? TRY(index_as_i64(a[0], exc::OverflowError)) : -1;
  if (a[1]) TRY(index_as_i64(a[1], exc::OverflowError));  // accepted and ignored, as CPython
  if (sizehint == 0 || sizehint < -1) return raise(exc::ValueError, "negative sizehint");
  int fd = ::epoll_create1(EPOLL_CLOEXEC);
  if (fd < 0) return raise_os_error(errno);
  return epoll_wrap(type, fd);
}

void epoll_dealloc(Object* self) {
  int fd = as_epoll(self)->fd.exchange(-1);
  if (fd >= 0) ::close(fd);
  free_object(self);
}

Result<Ref<Object>> epoll_close(Object* self, Object* const*, size_t, Object*) {
  int fd = as_epoll(self)->fd.exchange(-1);
  if (fd >= 0 && ::close(fd) < 0) return raise_os_error(errno);
  return new_none();
}

Result<Ref<Object>> epoll_closed_get(Object* self) {
  return new_bool(as_epoll(self)->fd.load(std::memory_order_acquire) < 0);
}

Result<Ref<Object>> epoll_fileno(Object* self, Object* const*, size_t, Object*) {
  return int_from_i64(TRY(open_epoll_fd(self)));
}

// fromfd(fd, /): an epoll object adopting `fd`.
Result<Ref<Object>> epoll_fromfd(Object* type, Object* const* args, size_t, Object*) {
  int64_t fd = TRY(index_as_i64(args[0], exc::OverflowError));
  if (fd < 0 || fd > INT32_MAX) return raise(exc::ValueError, "negative file descriptor");
  return epoll_wrap(reinterpret_cast<Type*>(type), static_cast<int>(fd));
}

// One epoll_ctl call for `op` on the fd argument.
Status control(Object* self, int op, Object* fd_arg, uint32_t events) {
  int epfd = TRY(open_epoll_fd(self));
  int fd = TRY(file_descriptor(fd_arg));
  epoll_event ev{};
  ev.events = events;
  ev.data.fd = fd;
  if (::epoll_ctl(epfd, op, fd, &ev) < 0) return raise_os_error(errno);
  return ok();
}

Result<uint32_t> event_mask(Object* arg) {
  int64_t v = TRY(index_as_i64(arg, exc::OverflowError));
  if (v < 0 || v > UINT32_MAX)
    return raise(exc::OverflowError, "Python int too large to convert to C unsigned int");
  return static_cast<uint32_t>(v);
}

// register(fd, eventmask=EPOLLIN | EPOLLPRI | EPOLLOUT)
Result<Ref<Object>> epoll_register(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("register", "fd | eventmask");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kw, a));
  uint32_t mask = a[1] ? TRY(event_mask(a[1])) : (EPOLLIN | EPOLLPRI | EPOLLOUT);
  TRY(control(self, EPOLL_CTL_ADD, a[0], mask));
  return new_none();
}

// modify(fd, eventmask)
Result<Ref<Object>> epoll_modify(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("modify", "fd eventmask");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kw, a));
  TRY(control(self, EPOLL_CTL_MOD, a[0], TRY(event_mask(a[1]))));
  return new_none();
}

// unregister(fd)
Result<Ref<Object>> epoll_unregister(Object* self, Object* const* args, size_t nargs,
                                     Object* kw) {
  static const ArgParser kParser("unregister", "fd");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kw, a));
  TRY(control(self, EPOLL_CTL_DEL, a[0], 0));
  return new_none();
}

// poll(timeout=None, maxevents=-1) -> [(fd, events), ...]
Result<Ref<Object>> epoll_poll(Object* self, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("poll", "| timeout maxevents");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kw, a));
  int epfd = TRY(open_epoll_fd(self));
  int64_t timeout = TRY(epoll_timeout_ms(a[0]));
  int64_t maxevents = a[1] ? TRY(index_as_i64(a[1], exc::OverflowError)) : -1;
  if (maxevents == -1) {
    maxevents = FD_SETSIZE - 1;
  } else if (maxevents < 1 || maxevents > INT32_MAX) {
    return raise(exc::ValueError, "maxevents must be greater than 0, got {}", maxevents);
  }
  std::vector<epoll_event> events;
  try {
    events.resize(static_cast<size_t>(maxevents));
  } catch (const std::bad_alloc&) {
    return raise_no_memory();
  }
  int count = TRY(wait_detached(timeout, [&](int ms) {
    return ::epoll_wait(epfd, events.data(), static_cast<int>(maxevents), ms);
  }));
  Ref<Object> out = TRY(list_new(count));
  for (int i = 0; i < count; ++i) {
    Ref<Object> fd = TRY(int_from_i64(events[static_cast<size_t>(i)].data.fd));
    Ref<Object> mask = TRY(int_from_i64(events[static_cast<size_t>(i)].events));
    Ref<Object> pair = TRY(tuple_pack({fd.get(), mask.get()}));
    TRY(list_append(out.get(), pair.get()));
  }
  return out;
}

Result<Ref<Object>> epoll_enter(Object* self, Object* const*, size_t, Object*) {
  TRY(open_epoll_fd(self));
  return new_ref(self);
}

Result<Ref<Object>> epoll_exit(Object* self, Object* const*, size_t, Object*) {
  return epoll_close(self, nullptr, 0, nullptr);
}

const MethodDef kEpollMethods[] = {
    {"close", epoll_close, kMethNoArgs,
     "Close the epoll control file descriptor.\n\nFurther operations on the epoll object will "
     "raise an exception."},
    {"fileno", epoll_fileno, kMethNoArgs, "Return the epoll control file descriptor."},
    {"fromfd", epoll_fromfd, kMethOneArg | kMethClass,
     "Create an epoll object from a given control fd."},
    {"register", epoll_register, kMethFastcall,
     "Registers a new fd or raises an OSError if the fd is already registered.\n\n  fd\n    the "
     "target file descriptor of the operation\n  eventmask\n    a bit set composed of the "
     "various EPOLL constants\n\nThe epoll interface supports all file descriptors that support "
     "poll."},
    {"modify", epoll_modify, kMethFastcall,
     "Modify event mask for a registered file descriptor.\n\n  fd\n    the target file "
     "descriptor of the operation\n  eventmask\n    a bit set composed of the various EPOLL "
     "constants"},
    {"unregister", epoll_unregister, kMethFastcall,
     "Remove a registered file descriptor from the epoll object.\n\n  fd\n    the target file "
     "descriptor of the operation"},
    {"poll", epoll_poll, kMethFastcall,
     "Wait for events on the epoll file descriptor.\n\n  timeout\n    the maximum time to wait "
     "in seconds (as float);\n    a timeout of None or -1 makes poll wait indefinitely\n  "
     "maxevents\n    the maximum number of events returned; -1 means no limit\n\nReturns a list "
     "containing any descriptors that have events to report,\nas a list of (fd, events) "
     "2-tuples."},
    {"__enter__", epoll_enter, kMethNoArgs, nullptr},
    {"__exit__", epoll_exit, kMethFastcall, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kEpollGetSets[] = {
    {"closed", epoll_closed_get, nullptr, "True if the epoll handler is closed"},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_epoll_type() {
  Type& t = EpollType;
  t.name = "select.epoll";
  t.doc = "select.epoll(sizehint=-1, flags=0)\n\nReturns an epolling object\n\n"
          "sizehint must be a positive integer or -1 for the default size. The\n"
          "sizehint is used to optimize internal data structures. It doesn't limit\n"
          "the maximum number of monitored events.";
  t.basicsize = sizeof(EpollObject);
  t.flags = kTypeBaseType;
  t.new_ = epoll_new;
  t.dealloc = epoll_dealloc;
  t.methods = kEpollMethods;
  t.getsets = kEpollGetSets;
  return ok();
}

Status ready_epoll_type() { return type_ready(&EpollType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_epoll_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_epoll_type);

struct EpollConstant {
  const char* name;
  int64_t value;
};
const EpollConstant kEpollConstants[] = {
    {"EPOLLIN", EPOLLIN},           {"EPOLLOUT", EPOLLOUT},
    {"EPOLLPRI", EPOLLPRI},         {"EPOLLERR", EPOLLERR},
    {"EPOLLHUP", EPOLLHUP},         {"EPOLLET", static_cast<uint32_t>(EPOLLET)},
    {"EPOLLONESHOT", EPOLLONESHOT}, {"EPOLLEXCLUSIVE", EPOLLEXCLUSIVE},
    {"EPOLLRDHUP", EPOLLRDHUP},     {"EPOLLRDNORM", EPOLLRDNORM},
    {"EPOLLRDBAND", EPOLLRDBAND},   {"EPOLLWRNORM", EPOLLWRNORM},
    {"EPOLLWRBAND", EPOLLWRBAND},   {"EPOLLMSG", EPOLLMSG},
    {"EPOLL_CLOEXEC", EPOLL_CLOEXEC},
};

}  // namespace

Status add_epoll(Object* dict) {
  TRY(dict_set_item_str(dict, "epoll", reinterpret_cast<Object*>(&EpollType)));
  for (const EpollConstant& c : kEpollConstants) {
    Ref<Object> value = TRY(int_from_i64(c.value));
    TRY(dict_set_item_str(dict, c.name, value.get()));
  }
  return ok();
}

}  // namespace weft::select_module
