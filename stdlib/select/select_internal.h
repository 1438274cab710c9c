// stdlib/select/select_internal.h — what the files of the `select` module share: the
// file-descriptor argument converter and the poll/epoll halves of the module.
#pragma once

#include <cerrno>
#include <cstdint>

#include "core/thread_state.h"
#include "objects/exceptions.h"
#include "objects/ref.h"
#include "vm/signals.h"

namespace weft::select_module {

// CPython's PyObject_AsFileDescriptor: an int, or the int its fileno() returns (non-negative).
Result<int> file_descriptor(Object* o);

// Timeout arguments in milliseconds for poll(2)/epoll_wait(2): -1 waits forever.
// poll.poll(timeout): None or a negative number of milliseconds (int or float) = forever.
Result<int64_t> poll_timeout_ms(Object* timeout);
// epoll.poll(timeout): None or a negative number of seconds = forever; rounded up to ms.
Result<int64_t> epoll_timeout_ms(Object* timeout);

int64_t monotonic_ns();

// Runs `wait(ms)` (poll(2) or epoll_wait(2): a count, or -1 with errno) detached from the
// runtime; on EINTR runs the signal handlers and waits again for the time left (PEP 475).
// `timeout_ms` -1 waits forever. Returns the count; raises OSError on failure.
template <class Wait>
Result<int> wait_detached(int64_t timeout_ms, Wait&& wait) {
  int64_t deadline = timeout_ms >= 0 ? monotonic_ns() + timeout_ms * 1000000 : 0;
  int64_t ms = timeout_ms;
  for (;;) {
    int rc, err;
    {
      core::DetachGuard detached;
      rc = wait(static_cast<int>(ms));
      err = errno;
    }
    if (rc >= 0) return rc;
    if (err != EINTR) return raise_os_error(err);
    TRY(vm::signals::check_signals());
    if (timeout_ms >= 0) {
      int64_t left = deadline - monotonic_ns();
      ms = left <= 0 ? 0 : (left + 999999) / 1000000;
    }
  }
}

// Adds `poll` and the POLL* constants (select_poll.cpp), `epoll` and the EPOLL* constants
// (select_epoll.cpp) to the module dict.
Status add_poll(Object* dict, Object* module, Object* module_name);
Status add_epoll(Object* dict);

}  // namespace weft::select_module
