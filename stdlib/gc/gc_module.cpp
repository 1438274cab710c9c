// stdlib/gc/gc_module.cpp — the `gc` module (CPython's Modules/gcmodule.c) over the cycle
// collector of gc/collector.h.
//
// Weft has one generation: collect(generation) accepts 0..2 like CPython and always runs a full
// collection; get_count() reports the net tracked allocations since the last collection as the
// first generation's count. gc.callbacks and gc.garbage are ordinary lists created with the
// module; the collector reaches gc.callbacks through g_callbacks (set once, at module creation)
// so automatic collections call them too.
//
// Thread safety: the collector serialises collections itself; the module's state is the two
// lists (their own locking) and g_callbacks (written once, read with acquire).
#include <atomic>
#include <string>
#include <vector>

#include "core/stop_the_world.h"
#include "gc/collector.h"
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
#include "vm/module_table.h"

namespace weft::gc_module {
namespace {

constexpr int kGenerations = 3;

// gc.callbacks (owned by the module; never freed: modules live for the whole process).
std::atomic<Object*> g_callbacks{nullptr};

// Calls every gc.callbacks entry with (phase, info); errors go to the unraisable hook.
void run_callbacks(const char* phase, int64_t generation, const gc::CollectResult& r) {
  Object* callbacks = g_callbacks.load(std::memory_order_acquire);
  if (!callbacks || list_size(callbacks) == 0) return;
  Ref<Object> saved = take_exception();
  auto report = [](Object* cb) {
    Result<Ref<Object>> shown = object_repr(cb);
    std::string what = shown.is_error() ? std::string("<callback>")
                                        : str_to_std_string(shown.value().get());
    if (shown.is_error()) clear_error();
    write_unraisable("Exception ignored while calling GC callback " + what);
  };
  Result<Ref<Object>> snapshot = list_as_tuple(callbacks);
  Result<Ref<Object>> info = dict_new();
  Result<Ref<Object>> phase_str = str_from_ascii(phase);
  if (snapshot.is_error() || info.is_error() || phase_str.is_error()) {
    write_unraisable("Exception ignored while preparing GC callbacks");
  } else {
    Object* d = info.value().get();
    Status filled = [&]() -> Status {
      TRY(dict_set_item_str(d, "generation", TRY(int_from_i64(generation)).get()));
      TRY(dict_set_item_str(d, "collected", TRY(int_from_i64(r.collected)).get()));
      TRY(dict_set_item_str(d, "uncollectable", TRY(int_from_i64(r.uncollectable)).get()));
      return ok();
    }();
    if (filled.is_error()) {
      write_unraisable("Exception ignored while preparing GC callbacks");
    } else {
      Object* t = snapshot.value().get();
      for (int64_t i = 0; i < tuple_size(t); ++i) {
        Object* cb = tuple_item(t, i);
        Object* args[2] = {phase_str.value().get(), d};
        if (call(cb, args, 2).is_error()) report(cb);
      }
    }
  }
  if (saved) set_exception(std::move(saved));
}

gc::CollectResult collect_with_callbacks(int64_t generation) {
  if (gc::collection_in_progress()) return {};
  run_callbacks("start", generation, {});
  gc::CollectResult r = gc::collect();
  run_callbacks("stop", generation, r);
  return r;
}

void scheduled_collection() { (void)collect_with_callbacks(0); }
void shutdown_collection() { (void)collect_with_callbacks(kGenerations - 1); }

[[maybe_unused]] const bool g_hooks_registered = gc::register_collector_hooks(
    {.scheduled_collection = scheduled_collection, .shutdown_collection = shutdown_collection});

Result<Ref<Object>> gc_collect(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("collect", "| generation");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int64_t generation = kGenerations - 1;
  if (a[0]) generation = TRY(index_as_i64(a[0]));
  if (generation < 0 || generation >= kGenerations)
    return raise(exc::ValueError, "invalid generation");
  return int_from_i64(collect_with_callbacks(generation).collected);
}

Result<Ref<Object>> gc_enable(Object*, Object* const*, size_t, Object*) {
  gc::set_enabled(true);
  return new_none();
}
Result<Ref<Object>> gc_disable(Object*, Object* const*, size_t, Object*) {
  gc::set_enabled(false);
  return new_none();
}
Result<Ref<Object>> gc_isenabled(Object*, Object* const*, size_t, Object*) {
  return new_bool(gc::is_enabled());
}

Result<Ref<Object>> gc_get_threshold(Object*, Object* const*, size_t, Object*) {
  int64_t t[3];
  gc::get_thresholds(t);
  Ref<Object> a = TRY(int_from_i64(t[0]));
  Ref<Object> b = TRY(int_from_i64(t[1]));
  Ref<Object> c = TRY(int_from_i64(t[2]));
  return tuple_pack({a.get(), b.get(), c.get()});
}

Result<Ref<Object>> gc_set_threshold(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("set_threshold", kwnames));
  if (nargs < 1 || nargs > 3)
    return raise(exc::TypeError, "gc.set_threshold requires 1 to 3 arguments");
  int64_t t[3];
  gc::get_thresholds(t);
  for (size_t i = 0; i < nargs; ++i) t[i] = TRY(index_as_i64(args[i], exc::OverflowError));
  // CPython 3.14 accepts a third threshold and ignores it (its oldest generation is collected
  // incrementally); get_threshold() then still reports 0.
  gc::set_thresholds(t[0], t[1], 0);
  return new_none();
}

Result<Ref<Object>> gc_get_count(Object*, Object* const*, size_t, Object*) {
  Ref<Object> a = TRY(int_from_i64(gc::allocation_count()));
  Ref<Object> zero = TRY(int_from_i64(0));
  return tuple_pack({a.get(), zero.get(), zero.get()});
}

Result<Ref<Object>> gc_get_stats(Object*, Object* const*, size_t, Object*) {
  gc::GenerationStats s = gc::stats();
  Ref<Object> out = TRY(list_new());
  for (int g = 0; g < kGenerations; ++g) {
    bool full = g == kGenerations - 1;  // every Weft collection is a full one
    Ref<Object> d = TRY(dict_new());
    TRY(dict_set_item_str(d.get(), "collections", TRY(int_from_i64(full ? s.collections : 0)).get()));
    TRY(dict_set_item_str(d.get(), "collected", TRY(int_from_i64(full ? s.collected : 0)).get()));
    TRY(dict_set_item_str(d.get(), "uncollectable",
                          TRY(int_from_i64(full ? s.uncollectable : 0)).get()));
    TRY(list_append(out.get(), d.get()));
  }
  return out;
}

Result<Ref<Object>> gc_is_tracked(Object*, Object* const* args, size_t, Object*) {
  return new_bool(gc::is_tracked(args[0]));
}
Result<Ref<Object>> gc_is_finalized(Object*, Object* const* args, size_t, Object*) {
  return new_bool((args[0]->ob_gc_bits.load(std::memory_order_relaxed) & kGcFinalized) != 0);
}

Result<Ref<Object>> gc_freeze(Object*, Object* const*, size_t, Object*) {
  gc::freeze_all();
  return new_none();
}
Result<Ref<Object>> gc_unfreeze(Object*, Object* const*, size_t, Object*) {
  gc::unfreeze_all();
  return new_none();
}
Result<Ref<Object>> gc_get_freeze_count(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(gc::freeze_count());
}

// Objects gathered with the world stopped: each holds a reference taken then (objects whose
// count is already zero are being freed and are skipped).
struct Gathered {
  std::vector<Ref<Object>> objects;
  bool add(Object* o) {
    if (refcount(o) <= 0) return false;
    objects.push_back(new_ref(o));
    return true;
  }
};

Result<Ref<Object>> to_list(const Gathered& g) {
  Ref<Object> out = TRY(list_new(static_cast<int64_t>(g.objects.size())));
  for (const Ref<Object>& o : g.objects) TRY(list_append(out.get(), o.get()));
  return out;
}

Result<Ref<Object>> gc_get_objects(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("get_objects", "| generation");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  if (a[0] && !is_none(a[0])) {
    int64_t generation = TRY(index_as_i64(a[0]));
    if (generation >= kGenerations) {
      return raise(exc::ValueError,
                   "generation parameter must be less than the number of available generations "
                   "({})",
                   kGenerations);
    }
  }
  Gathered g;
  g.objects.reserve(4096);
  gc::for_each_tracked_object([](Object* o, void* arg) { static_cast<Gathered*>(arg)->add(o); },
                              &g);
  return to_list(g);
}

Result<Ref<Object>> gc_get_referents(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("get_referents", kwnames));
  Gathered g;
  {
    // Traversal reads fields other threads may be writing: look with the world stopped.
    core::StoppedWorld stopped;
    for (size_t i = 0; i < nargs; ++i) {
      Object* o = args[i];
      if (!gc::is_tracked(o) && !type_has_flag(type_of(o), kTypeHaveGc)) continue;
      if (TraverseFn tr = type_of(o)->traverse) {
        tr(o, [](Object* r, void* arg) { static_cast<Gathered*>(arg)->add(r); }, &g);
      }
    }
  }
  return to_list(g);
}

Result<Ref<Object>> gc_get_referrers(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("get_referrers", kwnames));
  struct Search {
    Object* const* targets;
    size_t count;
    bool found;
    Gathered out;
  } s{args, nargs, false, {}};
  gc::for_each_tracked_object(
      [](Object* o, void* arg) {
        auto* s = static_cast<Search*>(arg);
        TraverseFn tr = type_of(o)->traverse;
        if (!tr || refcount(o) <= 0) return;
        s->found = false;
        tr(o,
           [](Object* r, void* a) {
             auto* s = static_cast<Search*>(a);
             for (size_t i = 0; i < s->count; ++i) {
               if (s->targets[i] == r) s->found = true;
             }
           },
           s);
        if (s->found) s->out.add(o);
      },
      &s);
  return to_list(s.out);
}

const MethodDef kGcFunctions[] = {
    {"enable", gc_enable, kMethNoArgs, "Enable automatic garbage collection."},
    {"disable", gc_disable, kMethNoArgs, "Disable automatic garbage collection."},
    {"isenabled", gc_isenabled, kMethNoArgs, "Returns true if automatic garbage collection is enabled."},
    {"collect", gc_collect, kMethFastcall,
     "Run the garbage collector.\n\nWith no arguments, run a full collection.  The optional "
     "argument\nmay be an integer specifying which generation to collect.  A ValueError\nis "
     "raised if the generation number is invalid.\n\nThe number of unreachable objects is "
     "returned."},
    {"get_threshold", gc_get_threshold, kMethNoArgs,
     "Return the current collection thresholds."},
    {"set_threshold", gc_set_threshold, kMethFastcall,
     "set_threshold(threshold0, [threshold1, [threshold2]])\nSet the collection thresholds (the "
     "collection frequency).\n\nSetting 'threshold0' to zero disables collection.\n"},
    {"get_count", gc_get_count, kMethNoArgs,
     "Return a three-tuple of the current collection counts."},
    {"get_stats", gc_get_stats, kMethNoArgs,
     "Return a list of dictionaries containing per-generation statistics."},
    {"is_tracked", gc_is_tracked, kMethOneArg,
     "Returns true if the object is tracked by the garbage collector.\n\nSimple atomic objects "
     "will return false."},
    {"is_finalized", gc_is_finalized, kMethOneArg,
     "Returns true if the object has been already finalized by the GC."},
    {"get_objects", gc_get_objects, kMethFastcall,
     "Return a list of objects tracked by the collector (excluding the list returned).\n\n"
     "  generation\n    Generation to extract the objects from.\n\nIf generation is not None, "
     "return only the objects tracked by the collector\nthat are in that generation."},
    {"get_referents", gc_get_referents, kMethFastcall,
     "Return the list of objects that are directly referred to by 'objs'."},
    {"get_referrers", gc_get_referrers, kMethFastcall,
     "Return the list of objects that directly refer to any of 'objs'."},
    {"freeze", gc_freeze, kMethNoArgs,
     "Freeze all current tracked objects and ignore them for future collections.\n\nThis can "
     "be used before a POSIX fork() call to make the gc copy-on-write friendly.\nNote: collection "
     "before a POSIX fork() call may free pages for future allocation\nwhich can cause "
     "copy-on-write."},
    {"unfreeze", gc_unfreeze, kMethNoArgs,
     "Unfreeze all objects in the permanent generation.\n\nPut all objects in the permanent "
     "generation back into oldest generation."},
    {"get_freeze_count", gc_get_freeze_count, kMethNoArgs,
     "Return the number of objects in the permanent generation."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_gc_module() {
  Ref<Object> m = TRY(module_new("gc"));
  Ref<Object> name = TRY(str_from_ascii("gc"));
  TRY(add_functions_to_dict(module_dict(m.get()), kGcFunctions, m.get(), name.get()));
  Ref<Object> garbage = TRY(list_new());
  Ref<Object> callbacks = TRY(list_new());
  TRY(module_add_object(m.get(), "garbage", garbage.get()));
  TRY(module_add_object(m.get(), "callbacks", callbacks.get()));
  static constexpr struct {
    const char* name;
    int64_t value;
  } kDebugFlags[] = {{"DEBUG_STATS", 1},   {"DEBUG_COLLECTABLE", 2}, {"DEBUG_UNCOLLECTABLE", 4},
                     {"DEBUG_SAVEALL", 32}, {"DEBUG_LEAK", 38}};
  for (const auto& flag : kDebugFlags)
    TRY(module_add_object(m.get(), flag.name, TRY(int_from_i64(flag.value)).get()));
  // The module keeps the list alive for the rest of the process; the collector borrows it.
  Object* expected = nullptr;
  if (g_callbacks.compare_exchange_strong(expected, callbacks.get(), std::memory_order_acq_rel))
    (void)callbacks.release();
  return m;
}

WEFT_NATIVE_MODULE("gc", create_gc_module);

}  // namespace
}  // namespace weft::gc_module
