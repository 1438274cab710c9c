// stdlib/_thread/local.cpp — _thread._local, the thread-local namespace behind threading.local
// (CPython 3.14's Modules/_threadmodule.c local objects: behaviour and messages).
//
// Each _local keeps one attribute dict per thread that has touched it, keyed by a per-thread
// serial number (never reused, unlike thread idents, so a new thread can never inherit a dead
// thread's attributes). A subclass instance calls __init__(*args, **kwargs) with its creation
// arguments the first time each thread touches it.
//
// Lifetime: a thread remembers weak references to the locals it has a dict in; when it exits,
// it removes its dicts from the locals still alive (running their values' finalizers on the
// exiting thread, as CPython does). A local that dies first frees every thread's dict itself.
//
// Locking: the serial -> dict map is guarded by the local's critical section; the per-thread list
// of weak references is touched only by its own thread.
#include <atomic>
#include <new>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/thread_hooks.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/list.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"
#include "stdlib/_thread/lock.h"
#include "sync/critical_section.h"
#include "vm/frame_stack.h"

namespace weft::thread_module {

Type LocalType;

namespace {

using DictMap = std::unordered_map<uint64_t, Object*>;  // serial -> owned dict

struct LocalObject : Object {
  Object* args;      // owned tuple: __init__'s positional arguments for each new thread
  Object* kwargs;    // owned dict, or nullptr
  Object* weaklist;  // weak references to this local (objects/weakref.h)
  DictMap* dicts;    // guarded by the local's critical section
};

LocalObject* as_local(Object* o) { return static_cast<LocalObject*>(o); }

std::atomic<uint64_t> g_next_serial{1};
thread_local uint64_t t_serial = 0;
// Weak references to the locals this thread has a dict in (dead ones are pruned as it grows).
thread_local std::vector<Ref<Object>>* t_touched = nullptr;

uint64_t thread_serial() {
  if (t_serial == 0) t_serial = g_next_serial.fetch_add(1, std::memory_order_relaxed);
  return t_serial;
}

Status remember_local(Object* self) {
  if (!t_touched) {
    t_touched = new (std::nothrow) std::vector<Ref<Object>>();
    if (!t_touched) return raise_no_memory();
  }
  if (t_touched->size() >= 16 && t_touched->size() == t_touched->capacity()) {
    // Drop references to locals that died, before the vector grows.
    std::erase_if(*t_touched, [](const Ref<Object>& wr) { return !weakref_get_referent(wr.get()); });
  }
  t_touched->push_back(TRY(weakref_new_ref(self, nullptr)));
  return ok();
}

// This thread's dict of `self`, created (and __init__ run) on the thread's first use.
Result<Ref<Object>> thread_dict(Object* self) {
  LocalObject* l = as_local(self);
  uint64_t serial = thread_serial();
  {
    sync::CriticalSection cs{self->ob_mutex};
    auto it = l->dicts->find(serial);
    if (it != l->dicts->end()) return new_ref(it->second);
  }
  Ref<Object> dict = TRY(dict_new());
  {
    sync::CriticalSection cs{self->ob_mutex};
    if (!l->dicts->emplace(serial, dict.get()).second) return raise_no_memory();
    incref(dict.get());
  }
  TRY(remember_local(self));
  Type* t = type_of(self);
  if (t != &LocalType && t->init) {
    Object* kwnames = nullptr;
    std::vector<Object*> argv(tuple_items(l->args), tuple_items(l->args) + tuple_size(l->args));
    Ref<Object> names, items;
    if (l->kwargs && dict_size(l->kwargs) > 0) {
      // (key, value) pairs; `items` keeps the values alive for the call.
      items = TRY(dict_items_list(l->kwargs));
      int64_t n = list_size(items.get());
      names = TRY(tuple_new(n));
      for (int64_t i = 0; i < n; ++i) {
        Object* pair = list_item_locked(items.get(), i);  // a list only we hold
        tuple_init_item(names.get(), i, new_ref(tuple_item(pair, 0)));
        argv.push_back(tuple_item(pair, 1));
      }
      kwnames = names.get();
    }
    TRY(t->init(self, argv.data(), tuple_size(l->args), kwnames));
  }
  return dict;
}

Result<Ref<Object>> local_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  bool has_args = nargs > 0 || kwnames_count(kwnames) > 0;
  if (has_args && type->init == LocalType.init)
    return raise(exc::TypeError, "Initialization arguments are not supported");
  Ref<LocalObject> l = TRY(new_object<LocalObject>(type, static_cast<size_t>(type->basicsize)));
  l->dicts = new (std::nothrow) DictMap();
  if (!l->dicts) return raise_no_memory();
  Ref<Object> positional = TRY(tuple_from_array(args, nargs));
  l->args = positional.release();
  size_t nkw = kwnames_count(kwnames);
  if (nkw > 0) {
    Ref<Object> kw = TRY(dict_new());
    for (size_t i = 0; i < nkw; ++i)
      TRY(dict_set_item(kw.get(), tuple_item(kwnames, static_cast<int64_t>(i)), args[nargs + i]));
    l->kwargs = kw.release();
  }
  // The creating thread's dict exists (and __init__ runs through type.__call__ as usual).
  Ref<Object> dict = TRY(dict_new());
  l->dicts->emplace(thread_serial(), dict.release());
  TRY(remember_local(l.get()));
  return Ref<Object>(std::move(l));
}

void local_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  LocalObject* l = as_local(self);
  if (l->dicts) {
    for (auto& [serial, dict] : *l->dicts) decref(dict);
    delete l->dicts;
  }
  xdecref(l->args);
  xdecref(l->kwargs);
  free_object(self);
}

void local_traverse(Object* self, VisitFn visit, void* arg) {
  LocalObject* l = as_local(self);
  if (l->args) visit(l->args, arg);
  if (l->kwargs) visit(l->kwargs, arg);
  if (l->dicts)
    for (auto& [serial, dict] : *l->dicts) visit(dict, arg);
}

bool is_dict_name(Object* name) { return is_str(name) && str_equal_ascii(name, "__dict__"); }

Result<Ref<Object>> local_getattro(Object* self, Object* name) {
  Ref<Object> dict = TRY(thread_dict(self));
  if (is_dict_name(name)) return dict;
  return generic_getattr_with_dict(self, name, dict.get());
}

Status local_setattro(Object* self, Object* name, Object* value) {
  if (is_dict_name(name))
    return raise(exc::AttributeError, "'{}' object attribute '__dict__' is read-only",
                 type_name_of(self));
  Ref<Object> dict = TRY(thread_dict(self));
  return generic_setattr_with_dict(self, name, value, dict.get());
}

// Thread exit: take this thread's dicts out of the locals still alive. Dropping them may run
// finalizers (Python code), which re-creates the VM data vm/thread_start.cpp already released:
// release it again afterwards.
void forget_thread_dicts(core::ThreadState* ts) {
  std::vector<Ref<Object>>* touched = std::exchange(t_touched, nullptr);
  if (!touched || t_serial == 0) {
    delete touched;
    return;
  }
  for (Ref<Object>& wr : *touched) {
    Ref<Object> local = weakref_get_referent(wr.get());
    if (!local) continue;
    Object* dict = nullptr;
    {
      sync::CriticalSection cs{local->ob_mutex};
      DictMap* dicts = as_local(local.get())->dicts;
      auto it = dicts->find(t_serial);
      if (it != dicts->end()) {
        dict = it->second;
        dicts->erase(it);
      }
    }
    if (dict) decref(dict);  // outside the section: finalizers may run
  }
  delete touched;
  vm::vm_data_destroy(ts);
}

[[maybe_unused]] const bool g_hooks_registered = core::register_thread_lifecycle_hooks(
    {.created = nullptr, .exiting = &forget_thread_dicts});

Status fill_local_type() {
  Type& t = LocalType;
  t.name = "_thread._local";
  t.doc = "Thread-local data";
  t.basicsize = sizeof(LocalObject);
  t.weaklistoffset = offsetof(LocalObject, weaklist);
  t.flags = kTypeImmutable | kTypeBaseType | kTypeHaveGc;
  t.dealloc = local_dealloc;
  t.traverse = local_traverse;
  t.new_ = local_new;
  t.getattro = local_getattro;
  t.setattro = local_setattro;
  return ok();
}
Status ready_local_type() { return type_ready(&LocalType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_local_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_local_type);

}  // namespace
}  // namespace weft::thread_module
