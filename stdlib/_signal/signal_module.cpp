// stdlib/_signal/signal_module.cpp — the `_signal` module (CPython's Modules/signalmodule.c, 3.14
// behaviour and messages): signal, getsignal, default_int_handler, raise_signal, strsignal,
// valid_signals, alarm, pause, pthread_kill and the SIG* constants. Lib/signal.py wraps it.
//
// The machinery (the C handler that only records signals, the handler table, running Python
// handlers on the main thread) lives in vm/signals.cpp; this file checks arguments and exposes it.
// Creating the module (at start-up, vm/lifecycle.cpp) installs default_int_handler for SIGINT.
// Invariants: handlers are only installed from the main thread (CPython's rule); every call that
// can make the process receive a signal (raise_signal, pthread_kill, pause) serves pending
// handlers before returning, so a handler's exception surfaces from that call.
// Not here yet: set_wakeup_fd, siginterrupt, setitimer/getitimer, pthread_sigmask, sigpending,
// sigwait*, pidfd_send_signal, struct_siginfo.
// Locking: none of its own; the handler table is guarded inside vm/signals.cpp.
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/set.h"
#include "objects/str.h"
#include "vm/module_table.h"
#include "vm/signals.h"

namespace weft::signal_module {
namespace {

namespace sig = vm::signals;

// The signal number argument: an int (via __index__) in 1 .. NSIG-1.
Result<int> signal_number(Object* o) {
  int64_t n = TRY(index_as_i64(o));
  if (!sig::in_range(n)) return raise(exc::ValueError, "signal number out of range");
  return static_cast<int>(n);
}

// Whether `o` is the int `value` (SIG_DFL is 0, SIG_IGN is 1; IntEnum members compare equal).
Result<bool> is_disposition(Object* o, int64_t value) {
  if (!is_int(o)) return false;
  int64_t v = 0;
  return int_to_i64(o, &v) && v == value;
}

// signal(signalnum, handler, /)
Result<Ref<Object>> signal_signal(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("signal", nargs, kwnames, 2, 2));
  int signum = TRY(signal_number(args[0]));
  Object* handler = args[1];
  if (!sig::on_main_thread()) {
    return raise(exc::ValueError, "signal only works in main thread of the main interpreter");
  }
  void (*disposition)(int) = nullptr;  // nullptr: the C handler that defers to Python
  if (TRY(is_disposition(handler, 1))) {
    disposition = SIG_IGN;
  } else if (TRY(is_disposition(handler, 0))) {
    disposition = SIG_DFL;
  } else if (!is_callable(handler)) {
    return raise(exc::TypeError,
                 "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
  }
  // A signal already pending runs under the old handler, as in CPython.
  TRY(sig::check_signals());
  return sig::set_handler(signum, handler, disposition);
}

// getsignal(signalnum, /)
Result<Ref<Object>> signal_getsignal(Object*, Object* const* args, size_t, Object*) {
  int signum = TRY(signal_number(args[0]));
  return sig::get_handler(signum);
}

// default_int_handler(signalnum, frame, /): raise KeyboardInterrupt.
Result<Ref<Object>> signal_default_int_handler(Object*, Object* const*, size_t nargs,
                                               Object* kwnames) {
  TRY(args_positional_only("default_int_handler", nargs, kwnames, 2, 2));
  return raise_object(TRY(exception_new(exc::KeyboardInterrupt, nullptr, 0)).get());
}

// raise_signal(signalnum, /): raise() then serve the handler at once.
Result<Ref<Object>> signal_raise_signal(Object*, Object* const* args, size_t, Object*) {
  int64_t n = TRY(index_as_i64(args[0]));
  int rc = n < INT32_MIN || n > INT32_MAX ? -1 : ::raise(static_cast<int>(n));
  if (rc != 0) return raise_os_error(n < INT32_MIN || n > INT32_MAX ? EINVAL : errno);
  TRY(sig::check_signals());
  return new_none();
}

// strsignal(signalnum, /): the system's description, or None for an unknown signal.
Result<Ref<Object>> signal_strsignal(Object*, Object* const* args, size_t, Object*) {
  int signum = TRY(signal_number(args[0]));
  const char* text = ::strsignal(signum);
  if (text == nullptr || std::strstr(text, "Unknown signal") != nullptr) return new_none();
  return str_from_utf8(text);
}

// valid_signals(): the set of signal numbers valid on this platform.
Result<Ref<Object>> signal_valid_signals(Object*, Object* const*, size_t, Object*) {
  sigset_t all;
  if (sigemptyset(&all) != 0 || sigfillset(&all) != 0) return raise_os_error(errno);
  Ref<Object> result = TRY(set_new(nullptr));
  for (int s = 1; s < sig::kNumSignals; s++) {
    if (sigismember(&all, s) != 1) continue;
    Ref<Object> num = TRY(int_from_i64(s));
    TRY(set_add(result.get(), num.get()));
  }
  return result;
}

// alarm(seconds, /): schedule SIGALRM; returns the seconds left on the previous alarm.
Result<Ref<Object>> signal_alarm(Object*, Object* const* args, size_t, Object*) {
  int64_t seconds = TRY(index_as_i64(args[0]));
  if (seconds < INT32_MIN || seconds > INT32_MAX)
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  return int_from_i64(::alarm(static_cast<unsigned>(static_cast<int>(seconds))));
}

// pause(): sleep (detached) until a signal arrives, then run its handler.
Result<Ref<Object>> signal_pause(Object*, Object* const*, size_t, Object*) {
  {
    core::DetachGuard detached;
    ::pause();
  }
  TRY(sig::check_signals());
  return new_none();
}

// pthread_kill(thread_id, signalnum, /)
Result<Ref<Object>> signal_pthread_kill(Object*, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  TRY(args_positional_only("pthread_kill", nargs, kwnames, 2, 2));
  int64_t thread_id = TRY(index_as_i64(args[0]));
  int64_t signum = TRY(index_as_i64(args[1]));
  if (signum < INT32_MIN || signum > INT32_MAX)
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  int err = ::pthread_kill(static_cast<pthread_t>(thread_id), static_cast<int>(signum));
  if (err != 0) return raise_os_error(err);
  TRY(sig::check_signals());
  return new_none();
}

const MethodDef kSignalFunctions[] = {
    {"signal", signal_signal, kMethFastcall,
     "Set the action for the given signal.\n\nThe action can be SIG_DFL, SIG_IGN, or a callable "
     "Python object.\nThe previous action is returned.  See getsignal() for possible return "
     "values.\n\n*** IMPORTANT NOTICE ***\nA signal handler function is called with two "
     "arguments:\nthe first is the signal number, the second is the interrupted stack frame."},
    {"getsignal", signal_getsignal, kMethOneArg,
     "Return the current action for the given signal.\n\nThe return value can be:\n  SIG_IGN -- "
     "if the signal is being ignored\n  SIG_DFL -- if the default action for the signal is in "
     "effect\n  None    -- if an unknown handler is in effect\n  anything else -- the callable "
     "Python object used as a handler"},
    {"default_int_handler", signal_default_int_handler, kMethFastcall,
     "The default handler for SIGINT installed by Python.\n\nIt raises KeyboardInterrupt."},
    {"raise_signal", signal_raise_signal, kMethOneArg, "Send a signal to the executing process."},
    {"strsignal", signal_strsignal, kMethOneArg,
     "Return the system description of the given signal.\n\nReturns the description of signal "
     "*signalnum*, such as \"Interrupt\"\nfor :const:`SIGINT`. Returns :const:`None` if "
     "*signalnum* has no\ndescription. Raises :exc:`ValueError` if *signalnum* is invalid."},
    {"valid_signals", signal_valid_signals, kMethNoArgs,
     "Return a set of valid signal numbers on this platform.\n\nThe signal numbers returned by "
     "this function can be safely passed to\nfunctions like `pthread_sigmask`."},
    {"alarm", signal_alarm, kMethOneArg, "Arrange for SIGALRM to arrive after the given number of "
     "seconds."},
    {"pause", signal_pause, kMethNoArgs, "Wait until a signal arrives."},
    {"pthread_kill", signal_pthread_kill, kMethFastcall,
     "Send a signal to a thread."},
    {nullptr, nullptr, 0, nullptr},
};

struct NamedConstant {
  const char* name;
  int value;
};

const NamedConstant kSignalConstants[] = {
    {"SIG_DFL", 0},          {"SIG_IGN", 1},          {"NSIG", sig::kNumSignals},
    {"SIGHUP", SIGHUP},      {"SIGINT", SIGINT},      {"SIGQUIT", SIGQUIT},
    {"SIGILL", SIGILL},      {"SIGTRAP", SIGTRAP},    {"SIGABRT", SIGABRT},
    {"SIGIOT", SIGIOT},      {"SIGBUS", SIGBUS},      {"SIGFPE", SIGFPE},
    {"SIGKILL", SIGKILL},    {"SIGUSR1", SIGUSR1},    {"SIGSEGV", SIGSEGV},
    {"SIGUSR2", SIGUSR2},    {"SIGPIPE", SIGPIPE},    {"SIGALRM", SIGALRM},
    {"SIGTERM", SIGTERM},    {"SIGSTKFLT", SIGSTKFLT}, {"SIGCHLD", SIGCHLD},
    {"SIGCLD", SIGCHLD},     {"SIGCONT", SIGCONT},    {"SIGSTOP", SIGSTOP},
    {"SIGTSTP", SIGTSTP},    {"SIGTTIN", SIGTTIN},    {"SIGTTOU", SIGTTOU},
    {"SIGURG", SIGURG},      {"SIGXCPU", SIGXCPU},    {"SIGXFSZ", SIGXFSZ},
    {"SIGVTALRM", SIGVTALRM}, {"SIGPROF", SIGPROF},   {"SIGWINCH", SIGWINCH},
    {"SIGIO", SIGIO},        {"SIGPOLL", SIGPOLL},    {"SIGPWR", SIGPWR},
    {"SIGSYS", SIGSYS},      {"SIG_BLOCK", SIG_BLOCK}, {"SIG_UNBLOCK", SIG_UNBLOCK},
    {"SIG_SETMASK", SIG_SETMASK},
};

Result<Ref<Object>> create_signal_module() {
  Ref<Object> m = TRY(module_new("_signal"));
  Ref<Object> name = TRY(str_from_ascii("_signal"));
  Object* dict = module_dict(m.get());
  TRY(add_functions_to_dict(dict, kSignalFunctions, m.get(), name.get()));
  for (const NamedConstant& c : kSignalConstants) {
    Ref<Object> value = TRY(int_from_i64(c.value));
    TRY(dict_set_item_str(dict, c.name, value.get()));
  }
  Ref<Object> rtmin = TRY(int_from_i64(SIGRTMIN));
  TRY(dict_set_item_str(dict, "SIGRTMIN", rtmin.get()));
  Ref<Object> rtmax = TRY(int_from_i64(SIGRTMAX));
  TRY(dict_set_item_str(dict, "SIGRTMAX", rtmax.get()));
  // Only the main thread at start-up installs the process-wide handlers.
  if (sig::on_main_thread()) {
    Ref<Object> handler;
    TRY(dict_get_item_str(dict, str_intern("default_int_handler"), &handler));
    TRY(sig::install_startup_handlers(handler.get()));
  }
  return m;
}

WEFT_NATIVE_MODULE("_signal", create_signal_module);

}  // namespace
}  // namespace weft::signal_module
