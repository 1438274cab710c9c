// stdlib/select/select_poll.cpp — select.poll(): poll objects over poll(2) (register, modify,
// unregister, poll with a timeout in milliseconds) and the POLL* constants, with CPython 3.14's
// behaviour and messages (Modules/selectmodule.c).
//
// A poll object keeps its registrations as a vector of pollfd in registration order, changed
// only inside the object's critical section. poll() copies it (in the critical section) and
// waits on the copy detached, so registrations may change meanwhile; as in CPython, a second
// concurrent poll() on one object raises RuntimeError (an atomic flag).
#include <math.h>
#include <poll.h>

#include <new>
#include <vector>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/select/select_internal.h"
#include "sync/critical_section.h"

namespace weft::select_module {

Result<int64_t> poll_timeout_ms(Object* timeout) {
  if (!timeout || is_none(timeout)) return int64_t{-1};
  int64_t ms;
  if (is_float(timeout)) {
    double v = float_value(timeout);
    if (isnan(v)) return raise(exc::ValueError, "Invalid value NaN (not a number)");
    double rounded = v >= 0 ? ceil(v) : floor(v);
    if (rounded < INT32_MIN || rounded > INT32_MAX)
      return raise(exc::OverflowError, "timeout is too large");
    ms = static_cast<int64_t>(rounded);
  } else if (is_int(timeout)) {
    Result<int64_t> v = index_as_i64(timeout, exc::OverflowError);
    if (v.is_error() || v.value() < INT32_MIN || v.value() > INT32_MAX) {
      if (v.is_error()) clear_error();
      return raise(exc::OverflowError, "timeout is too large");
    }
    ms = v.value();
  } else {
    return raise(exc::TypeError, "timeout must be an integer or None");
  }
  return ms < 0 ? int64_t{-1} : ms;
}

namespace {

Type PollType;

struct PollObject : Object {
  std::vector<pollfd> fds;      // registration order; guarded by the critical section
  std::atomic<bool> polling;    // a poll() call is running
};

PollObject* as_poll(Object* o) { return static_cast<PollObject*>(o); }

Result<Ref<Object>> poll_create(Object*, Object* const*, size_t, Object*) {
  Ref<PollObject> p = TRY(new_object<PollObject>(&PollType));
  new (&p->fds) std::vector<pollfd>();
  p->polling.store(false, std::memory_order_relaxed);
  return Ref<Object>(std::move(p));
}

void poll_dealloc(Object* self) {
  as_poll(self)->fds.~vector();
  free_object(self);
}

// An event mask argument (C unsigned short).
Result<short> event_mask(Object* arg, short default_mask) {
  if (!arg) return default_mask;
  int64_t v = TRY(index_as_i64(arg, exc::OverflowError));
  if (v < 0) return raise(exc::ValueError, "value must be positive");
  if (v > 0xffff) return raise(exc::OverflowError, "Python int too large for C unsigned short");
  return static_cast<short>(static_cast<uint16_t>(v));
}

pollfd* find_fd(std::vector<pollfd>& fds, int fd) {
  for (pollfd& p : fds)
    if (p.fd == fd) return &p;
  return nullptr;
}

// register(fd, eventmask=POLLIN | POLLPRI | POLLOUT, /)
Result<Ref<Object>> poll_register(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("register", nargs, kw, 1, 2));
  int fd = TRY(file_descriptor(args[0]));
  short mask = TRY(event_mask(nargs > 1 ? args[1] : nullptr, POLLIN | POLLPRI | POLLOUT));
  PollObject* p = as_poll(self);
  sync::CriticalSection cs{self->ob_mutex};
  if (pollfd* existing = find_fd(p->fds, fd)) {
    existing->events = mask;
  } else {
    try {
      p->fds.push_back(pollfd{fd, mask, 0});
    } catch (const std::bad_alloc&) {
      return raise_no_memory();
    }
  }
  return new_none();
}

// modify(fd, eventmask, /)
Result<Ref<Object>> poll_modify(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("modify", nargs, kw, 2, 2));
  int fd = TRY(file_descriptor(args[0]));
  short mask = TRY(event_mask(args[1], 0));
  PollObject* p = as_poll(self);
  sync::CriticalSection cs{self->ob_mutex};
  pollfd* existing = find_fd(p->fds, fd);
  if (!existing) return raise_os_error(ENOENT);
  existing->events = mask;
  return new_none();
}

// unregister(fd, /)
Result<Ref<Object>> poll_unregister(Object* self, Object* const* args, size_t, Object*) {
  int fd = TRY(file_descriptor(args[0]));
  PollObject* p = as_poll(self);
  {
    sync::CriticalSection cs{self->ob_mutex};
    for (auto it = p->fds.begin(); it != p->fds.end(); ++it) {
      if (it->fd == fd) {
        p->fds.erase(it);
        return new_none();
      }
    }
  }
  Ref<Object> key = TRY(int_from_i64(fd));
  return raise_key_error(key.get());
}

// poll(timeout=None, /) -> [(fd, events), ...]
Result<Ref<Object>> poll_poll(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("poll", nargs, kw, 0, 1));
  int64_t timeout = TRY(poll_timeout_ms(nargs ? args[0] : nullptr));
  PollObject* p = as_poll(self);
  std::vector<pollfd> fds;
  {
    sync::CriticalSection cs{self->ob_mutex};
    try {
      fds = p->fds;
    } catch (const std::bad_alloc&) {
      return raise_no_memory();
    }
  }
  if (p->polling.exchange(true)) return raise(exc::RuntimeError, "concurrent poll() invocation");
  Result<int> ready = wait_detached(timeout, [&](int ms) {
    return ::poll(fds.data(), fds.size(), ms);
  });
  p->polling.store(false);
  int count = TRY(std::move(ready));
  Ref<Object> out = TRY(list_new(count));
  for (const pollfd& entry : fds) {
    if (entry.revents == 0) continue;
    Ref<Object> fd = TRY(int_from_i64(entry.fd));
    Ref<Object> events = TRY(int_from_i64(static_cast<uint16_t>(entry.revents)));
    Ref<Object> pair = TRY(tuple_pack({fd.get(), events.get()}));
    TRY(list_append(out.get(), pair.get()));
  }
  return out;
}

const MethodDef kPollMethods[] = {
    {"register", poll_register, kMethFastcall,
     "Register a file descriptor with the polling object.\n\n  fd\n    either an integer, or "
     "an object with a fileno() method returning an int\n  eventmask\n    an optional bitmask "
     "describing the type of events to check for"},
    {"modify", poll_modify, kMethFastcall,
     "Modify an already registered file descriptor.\n\n  fd\n    either an integer, or an "
     "object with a fileno() method returning\n    an int\n  eventmask\n    a bitmask "
     "describing the type of events to check for"},
    {"unregister", poll_unregister, kMethOneArg,
     "Remove a file descriptor being tracked by the polling object."},
    {"poll", poll_poll, kMethFastcall,
     "Polls the set of registered file descriptors.\n\n  timeout\n    The maximum time to wait "
     "in milliseconds, or else None (or a negative\n    value) to wait indefinitely.\n\nReturns "
     "a list containing any descriptors that have events or errors to\nreport, as a list of "
     "(fd, event) 2-tuples."},
    {nullptr, nullptr, 0, nullptr},
};

const MethodDef kPollFunctions[] = {
    {"poll", poll_create, kMethNoArgs,
     "Returns a polling object.\n\nThis object supports registering and unregistering file "
     "descriptors, and then\npolling them for I/O events."},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_poll_type() {
  Type& t = PollType;
  t.name = "select.poll";
  t.basicsize = sizeof(PollObject);
  t.flags = kTypeDisallowInstantiation;
  t.dealloc = poll_dealloc;
  t.methods = kPollMethods;
  return ok();
}

Status ready_poll_type() { return type_ready(&PollType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_poll_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_poll_type);

struct PollConstant {
  const char* name;
  int value;
};
const PollConstant kPollConstants[] = {
    {"POLLIN", POLLIN},         {"POLLPRI", POLLPRI},       {"POLLOUT", POLLOUT},
    {"POLLERR", POLLERR},       {"POLLHUP", POLLHUP},       {"POLLNVAL", POLLNVAL},
    {"POLLRDNORM", POLLRDNORM}, {"POLLRDBAND", POLLRDBAND}, {"POLLWRNORM", POLLWRNORM},
    {"POLLWRBAND", POLLWRBAND}, {"POLLMSG", POLLMSG},       {"POLLRDHUP", POLLRDHUP},
};

}  // namespace

Status add_poll(Object* dict, Object* module, Object* module_name) {
  TRY(add_functions_to_dict(dict, kPollFunctions, module, module_name));
  for (const PollConstant& c : kPollConstants) {
    Ref<Object> value = TRY(int_from_i64(c.value));
    TRY(dict_set_item_str(dict, c.name, value.get()));
  }
  return ok();
}

}  // namespace weft::select_module
