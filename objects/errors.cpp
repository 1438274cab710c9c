// objects/errors.cpp — the pending exception and the raise functions (objects/errors.h).
//
// The pending exception is a plain owned pointer in the calling thread's state
// (core::ThreadState::current_exception); only the owning thread touches it, so no locking.
//
// raise_message() constructs the exception through its type's new/init slots, so an exception
// raised from C++ is indistinguishable from `raise TypeError("...")`: subclasses with extra fields
// (OSError, KeyError, StopIteration...) see their usual constructor arguments.
//
// Implicit chaining: CPython sets __context__ of every newly raised exception to the exception
// being handled (the innermost `except` block). That stack belongs to the VM, so the VM installs
// a hook (set_handled_exception_hook) that returns it; until then no context is recorded.
//
// MemoryError is raised without allocating: a preallocated instance (created in kPhaseObjects by
// exceptions.cpp) is re-used, its traceback and context cleared.
#include "objects/errors.h"

#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "objects/abstract.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft {

namespace {

HandledExceptionHook g_handled_exception_hook = nullptr;

core::ThreadState* require_thread_state() {
  core::ThreadState* ts = core::current_thread_state();
  if (!ts) [[unlikely]] {
    std::fprintf(stderr, "weft: Python exception raised on a thread without a thread state\n");
    std::abort();
  }
  return ts;
}

// Appends the str() (or repr()) of `o` to `out`; a failing str() becomes CPython's
// "<unprintable X object>" and the error is swallowed.
void append_object(std::string& out, Object* o, bool use_repr) {
  if (!o) {
    out += "<NULL>";
    return;
  }
  Ref<Object> saved = take_exception();
  Result<Ref<Object>> text = use_repr ? object_repr(o) : object_str(o);
  if (text.is_error() || !is_str(text.value().get())) {
    clear_error();
    out += "<unprintable ";
    out += type_name_of(o);
    out += " object>";
  } else {
    out += str_to_std_string(text.value().get());
  }
  if (saved) set_exception(std::move(saved));
}

// Links `exc` to the exception being handled, as CPython's _PyErr_SetObject does: the handled
// exception becomes exc.__context__, after cutting any cycle that would make `exc` its own
// ancestor (only the link into the chain that leads back to `exc` is removed).
void chain_context(Object* exc) {
  if (!g_handled_exception_hook || !is_exception_instance(exc)) return;
  Object* handled = g_handled_exception_hook();
  if (!handled || handled == exc || !is_exception_instance(handled)) return;
  // Floyd-style walk bounded by the chain; break the cycle where it would close.
  Object* o = handled;
  Object* slow = handled;
  bool advance_slow = false;
  for (;;) {
    Object* ctx = exception_context(o);
    if (!ctx) break;
    if (ctx == exc) {
      exception_set_context(o, Ref<Object>());
      break;
    }
    o = ctx;
    if (o == slow) break;  // a pre-existing cycle not involving exc
    if (advance_slow) slow = exception_context(slow);
    advance_slow = !advance_slow;
  }
  exception_set_context(exc, Ref<Object>::borrow(handled));
}

}  // namespace

void set_handled_exception_hook(HandledExceptionHook hook) { g_handled_exception_hook = hook; }

namespace {
std::atomic<UnraisableHook> g_unraisable_hook{nullptr};
}  // namespace

void set_unraisable_hook(UnraisableHook hook) {
  g_unraisable_hook.store(hook, std::memory_order_release);
}

void write_unraisable(std::string_view message) {
  Ref<Object> exc = take_exception();
  if (!exc) return;
  if (UnraisableHook hook = g_unraisable_hook.load(std::memory_order_acquire)) {
    hook(message, exc.get());
    clear_error();  // the hook must not leave anything pending
    return;
  }
  std::string text(message);
  text += ":\n";
  text += type_name_of(exc.get());
  Result<Ref<Object>> s = object_str(exc.get());
  if (s.is_error()) {
    clear_error();
  } else if (str_length(s.value().get()) > 0) {
    text += ": ";
    text += str_to_std_string(s.value().get());
  }
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

std::string format_message(std::string_view fmt, const FmtArg* args, size_t nargs) {
  std::string out;
  out.reserve(fmt.size() + 16 * nargs);
  size_t next = 0;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] == '{' && i + 1 < fmt.size() && fmt[i + 1] == '}' && next < nargs) {
      const FmtArg& a = args[next++];
      char buf[64];
      switch (a.kind) {
        case FmtArg::Str: out.append(a.s); break;
        case FmtArg::Int: {
          auto r = std::to_chars(buf, buf + sizeof buf, a.i);
          out.append(buf, r.ptr);
          break;
        }
        case FmtArg::UInt: {
          auto r = std::to_chars(buf, buf + sizeof buf, a.u);
          out.append(buf, r.ptr);
          break;
        }
        case FmtArg::Double: {
          auto r = std::to_chars(buf, buf + sizeof buf, a.d);
          out.append(buf, r.ptr);
          break;
        }
        case FmtArg::Obj: append_object(out, a.o, false); break;
        case FmtArg::ObjRepr: append_object(out, a.o, true); break;
      }
      ++i;
      continue;
    }
    out.push_back(fmt[i]);
  }
  return out;
}

Error raise_message(Type* type, std::string_view message) {
  Result<Ref<Object>> msg = str_from_utf8(message);
  if (msg.is_error()) return Error{};
  return raise_with_value(type, msg.value().get());
}

Error raise_with_value(Type* type, Object* value) {
  Object* argv[1] = {value};
  Result<Ref<Object>> inst = exception_new(type, argv, value ? 1 : 0);
  if (inst.is_error()) return Error{};
  Ref<Object> e = inst.release_value();
  chain_context(e.get());
  set_exception(std::move(e));
  return Error{};
}

Error raise_object(Object* exc) {
  if (is_exception_class(exc)) {
    Result<Ref<Object>> inst = call_noargs(exc);
    if (inst.is_error()) return Error{};
    Ref<Object> e = inst.release_value();
    if (!is_exception_instance(e.get())) {
      return raise(exc::TypeError,
                   "calling {} should have returned an instance of BaseException, not {}",
                   fmt_repr(exc), type_name_of(e.get()));
    }
    chain_context(e.get());
    set_exception(std::move(e));
    return Error{};
  }
  if (is_exception_instance(exc)) {
    chain_context(exc);
    set_exception(Ref<Object>::borrow(exc));
    return Error{};
  }
  return raise(exc::TypeError, "exceptions must derive from BaseException");
}

Error raise_no_memory() {
  Object* mem = preallocated_memory_error();
  if (!mem) {
    std::fprintf(stderr, "weft: out of memory during start-up\n");
    std::abort();
  }
  // The instance is shared: forget what its previous raise attached to it.
  exception_set_traceback(mem, nullptr);
  exception_set_context(mem, Ref<Object>());
  exception_set_cause(mem, Ref<Object>());
  set_exception(Ref<Object>::borrow(mem));
  return Error{};
}

bool error_occurred() {
  core::ThreadState* ts = core::current_thread_state();
  return ts && ts->current_exception != nullptr;
}

bool error_matches(Type* type) {
  core::ThreadState* ts = core::current_thread_state();
  if (!ts || !ts->current_exception) return false;
  Type* actual = type_of(ts->current_exception);
  Object* t = reinterpret_cast<Object*>(type);
  if (is_tuple(t)) {
    for (int64_t i = 0; i < tuple_size(t); ++i) {
      Object* item = tuple_item(t, i);
      if (is_instance_of(item, &TypeType) && type_is_subtype(actual, reinterpret_cast<Type*>(item)))
        return true;
    }
    return false;
  }
  return type_is_subtype(actual, type);
}

Ref<Object> take_exception() {
  core::ThreadState* ts = core::current_thread_state();
  if (!ts) return Ref<Object>();
  return Ref<Object>::steal(std::exchange(ts->current_exception, nullptr));
}

void set_exception(Ref<Object> exc) {
  core::ThreadState* ts = require_thread_state();
  Object* old = std::exchange(ts->current_exception, exc.release());
  xdecref(old);
}

void clear_error() {
  core::ThreadState* ts = core::current_thread_state();
  if (!ts) return;
  xdecref(std::exchange(ts->current_exception, nullptr));
}

Error bad_internal_call(const char* where) {
  if (error_occurred()) return Error{};
  (void)where;
  return raise(exc::SystemError, "error return without exception set");
}

}  // namespace weft
