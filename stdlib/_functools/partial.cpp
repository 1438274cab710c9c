// stdlib/_functools/partial.cpp — functools.partial and functools.Placeholder (CPython 3.14's
// Modules/_functoolsmodule.c behaviour and messages).
//
// A partial holds the wrapped callable, the frozen positional arguments (a tuple that may
// contain Placeholder, never as its last item) and the frozen keywords (a dict). Placeholders
// are filled, in order, by the first positional arguments of each call.
//
// Thread safety: `fn`, `args` and `kw` are replaced only by __setstate__, which does so inside
// the partial's critical section; a call copies the three references inside the same section
// and runs the callable outside it. So a call never sees a half-updated state nor a freed tuple.
// The instance __dict__ is published with a compare-and-swap (functools_module.cpp).
#include <cstddef>
#include <utility>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/method.h"
#include "objects/object_impl.h"
#include "objects/repr_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"
#include "stdlib/_functools/functools.h"
#include "sync/critical_section.h"

namespace weft::functools {

Type PartialType;
Type PlaceholderType;
Object PlaceholderObject;

namespace {

struct PartialObject : Object {
  Object* fn;       // owned, callable
  Object* args;     // owned tuple
  Object* kw;       // owned dict
  Object* dict;     // owned instance __dict__, or nullptr
  int64_t phcount;  // Placeholders in `args`
  Object* weaklist; // weak references to this partial (objects/weakref.h)
};

PartialObject* as_partial(Object* o) { return static_cast<PartialObject*>(o); }

// The three fields as new references, read together under the partial's critical section.
struct PartialState {
  Ref<Object> fn, args, kw;
  int64_t phcount = 0;
};
PartialState read_state(Object* self) {
  PartialObject* p = as_partial(self);
  sync::CriticalSection cs{self->ob_mutex};
  return PartialState{new_ref(p->fn), new_ref(p->args), new_ref(p->kw), p->phcount};
}

int64_t count_placeholders(Object* tuple) {
  int64_t n = 0;
  for (int64_t i = 0; i < tuple_size(tuple); ++i) n += tuple_item(tuple, i) == placeholder();
  return n;
}

bool ends_with_placeholder(Object* const* items, size_t n) {
  return n > 0 && items[n - 1] == placeholder();
}

Error raise_trailing_placeholder() {
  return raise(exc::TypeError, "trailing Placeholders are not allowed");
}

// Stores a new state and drops the old one after the lock.
void replace_state(Object* self, Ref<Object> fn, Ref<Object> args, Ref<Object> kw) {
  PartialObject* p = as_partial(self);
  int64_t phcount = count_placeholders(args.get());
  Object* fields[3] = {fn.release(), args.release(), kw.release()};
  {
    sync::CriticalSection cs{self->ob_mutex};
    std::swap(p->fn, fields[0]);
    std::swap(p->args, fields[1]);
    std::swap(p->kw, fields[2]);
    p->phcount = phcount;
  }
  for (Object* old : fields) xdecref(old);
}

// The frozen arguments of partial(func, *args): `base` (a partial's own args, possibly with
// Placeholders) with its Placeholders filled in order by `added`, then the rest of `added`.
Result<Ref<Object>> merge_args(Object* base, Object* const* added, size_t nadded) {
  int64_t nbase = base ? tuple_size(base) : 0;
  int64_t holes = base ? count_placeholders(base) : 0;
  int64_t filled = std::min<int64_t>(holes, static_cast<int64_t>(nadded));
  int64_t total = nbase + static_cast<int64_t>(nadded) - filled;
  Ref<Object> out = TRY(tuple_new(total));
  size_t next = 0;
  int64_t k = 0;
  for (int64_t i = 0; i < nbase; ++i) {
    Object* item = tuple_item(base, i);
    if (item == placeholder() && next < static_cast<size_t>(filled)) item = added[next++];
    tuple_init_item(out.get(), k++, new_ref(item));
  }
  for (; next < nadded; ++next) tuple_init_item(out.get(), k++, new_ref(added[next]));
  return out;
}

// partial(func, /, *args, **keywords)
Result<Ref<Object>> partial_vnew(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs < 1) return raise(exc::TypeError, "type 'partial' takes at least one argument");
  Object* func = args[0];
  PartialState inner;
  if (is_instance_of(func, &PartialType) &&
      !__atomic_load_n(&as_partial(func)->dict, __ATOMIC_ACQUIRE)) {
    // partial(partial(f, ...), ...) wraps f directly.
    inner = read_state(func);
    func = inner.fn.get();
  }
  if (!is_callable(func)) return raise(exc::TypeError, "the first argument must be callable");
  if (ends_with_placeholder(args + 1, nargs - 1)) return raise_trailing_placeholder();
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; ++i) {
    if (args[nargs + i] == placeholder())
      return raise(exc::TypeError, "Placeholder cannot be passed as a keyword argument");
  }
  Ref<Object> merged = TRY(merge_args(inner.args.get(), args + 1, nargs - 1));
  Ref<Object> kw = inner.kw ? TRY(dict_copy(inner.kw.get())) : TRY(dict_new());
  for (size_t i = 0; i < nkw; ++i)
    TRY(dict_set_item(kw.get(), tuple_item(kwnames, static_cast<int64_t>(i)), args[nargs + i]));
  Ref<PartialObject> p = TRY(new_object<PartialObject>(type, static_cast<size_t>(type->basicsize)));
  p->fn = new_ref(func).release();
  p->phcount = count_placeholders(merged.get());
  p->args = merged.release();
  p->kw = kw.release();
  return Ref<Object>(std::move(p));
}

void partial_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  PartialObject* p = as_partial(self);
  release_fields({p->fn, p->args, p->kw, p->dict});
  free_object(self);
}

void partial_traverse(Object* self, VisitFn visit, void* arg) {
  PartialObject* p = as_partial(self);
  visit_fields({p->fn, p->args, p->kw, p->dict}, visit, arg);
}

// The positional arguments of one call: the frozen ones with their Placeholders filled, then
// the caller's remaining ones. Small calls use the inline buffer.
class CallArgs {
 public:
  CallArgs() = default;
  CallArgs(const CallArgs&) = delete;
  CallArgs& operator=(const CallArgs&) = delete;
  ~CallArgs() {
    if (items_ != inline_) gc::raw_free(items_);
  }
  // `nkw` keyword values follow args[0..nargs) and are copied after the positional ones.
  Status build(Object* frozen, Object* const* args, size_t nargs, size_t nkw) {
    size_t nfrozen = static_cast<size_t>(tuple_size(frozen));
    size_t holes = static_cast<size_t>(count_placeholders(frozen));
    size_ = nfrozen + nargs - holes;
    size_t total = size_ + nkw;
    if (total > kInline) {
      items_ = static_cast<Object**>(gc::raw_alloc(total * sizeof(Object*)));
      if (!items_) {
        items_ = inline_;
        return raise_no_memory();
      }
    }
    size_t next = 0, k = 0;
    for (size_t i = 0; i < nfrozen; ++i) {
      Object* item = tuple_item(frozen, static_cast<int64_t>(i));
      items_[k++] = item == placeholder() ? args[next++] : item;
    }
    while (next < nargs + nkw) items_[k++] = args[next++];
    return ok();
  }
  Object* const* data() const { return items_; }
  size_t size() const { return size_; }

 private:
  static constexpr size_t kInline = 16;
  Object* inline_[kInline];
  Object** items_ = inline_;
  size_t size_ = 0;
};

Result<Ref<Object>> partial_call(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  PartialState st = read_state(self);
  if (static_cast<int64_t>(nargs) < st.phcount)
    return raise(exc::TypeError,
                 "missing positional arguments in 'partial' call; expected at least {}, got {}",
                 st.phcount, nargs);
  size_t nkw = kwnames_count(kwnames);
  CallArgs call_args;
  TRY(call_args.build(st.args.get(), args, nargs, nkw));
  // Without frozen keywords the caller's keyword values ride along in the vector call.
  if (dict_size(st.kw.get()) == 0) return call(st.fn.get(), call_args.data(), call_args.size(), kwnames);
  Ref<Object> kw = TRY(dict_copy(st.kw.get()));
  for (size_t i = 0; i < nkw; ++i)
    TRY(dict_set_item(kw.get(), tuple_item(kwnames, static_cast<int64_t>(i)), args[nargs + i]));
  Ref<Object> positional =
      TRY(tuple_from_array(call_args.data(), static_cast<int64_t>(call_args.size())));
  return call_tuple_dict(st.fn.get(), positional.get(), kw.get());
}

// partial objects bind like functions (3.14): C().meth(x) passes the instance first.
Result<Ref<Object>> partial_descr_get(Object* self, Object* obj, Object*) {
  if (!obj || is_none(obj)) return new_ref(self);
  return method_new(self, obj);
}

// "module.qualname(fn, arg, ..., key=value, ...)", "..." for a partial inside itself.
Result<Ref<Object>> partial_repr(Object* self) {
  ReprGuard guard(self);
  if (guard.is_recursive()) return str_from_ascii("...");
  PartialState st = read_state(self);
  StrBuilder out;
  Ref<Object> module = TRY(type_module_name(self->ob_type));
  Ref<Object> qualname = TRY(type_qualname(self->ob_type));
  if (is_str(module.get()) && !str_equal_ascii(module.get(), "builtins")) {
    out.append_str(module.get());
    out.append_ascii(".");
  }
  Ref<Object> qn = TRY(object_str(qualname.get()));
  out.append_str(qn.get());
  out.append_ascii("(");
  Ref<Object> r = TRY(object_repr(st.fn.get()));
  out.append_str(r.get());
  for (int64_t i = 0; i < tuple_size(st.args.get()); ++i) {
    out.append_ascii(", ");
    r = TRY(object_repr(tuple_item(st.args.get(), i)));
    out.append_str(r.get());
  }
  Ref<Object> items = TRY(dict_items_list(st.kw.get()));
  Ref<Object> pairs = TRY(tuple_from_iterable(items.get()));
  for (int64_t i = 0; i < tuple_size(pairs.get()); ++i) {
    Object* pair = tuple_item(pairs.get(), i);
    out.append_ascii(", ");
    Ref<Object> key = TRY(object_str(tuple_item(pair, 0)));
    out.append_str(key.get());
    out.append_ascii("=");
    r = TRY(object_repr(tuple_item(pair, 1)));
    out.append_str(r.get());
  }
  out.append_ascii(")");
  return out.finish();
}

Result<Ref<Object>> partial_reduce(Object* self, Object* const*, size_t, Object*) {
  PartialState st = read_state(self);
  Object* dict = __atomic_load_n(&as_partial(self)->dict, __ATOMIC_ACQUIRE);
  Ref<Object> dict_ref = dict ? new_ref(dict) : new_none();
  Ref<Object> ctor = TRY(tuple_pack({st.fn.get()}));
  Ref<Object> state = TRY(tuple_pack({st.fn.get(), st.args.get(), st.kw.get(), dict_ref.get()}));
  return tuple_pack({reinterpret_cast<Object*>(self->ob_type), ctor.get(), state.get()});
}

Result<Ref<Object>> partial_setstate(Object* self, Object* const* args, size_t, Object*) {
  Object* state = args[0];
  auto invalid = [] { return raise(exc::TypeError, "invalid partial state"); };
  if (!is_tuple(state) || tuple_size(state) != 4) return invalid();
  Object* fn = tuple_item(state, 0);
  Object* fnargs = tuple_item(state, 1);
  Object* kw = tuple_item(state, 2);
  Object* dict = tuple_item(state, 3);
  if (!is_callable(fn) || !is_tuple(fnargs) || (!is_none(kw) && !is_dict(kw)) ||
      (!is_none(dict) && !is_dict(dict)))
    return invalid();
  if (ends_with_placeholder(tuple_items(fnargs), static_cast<size_t>(tuple_size(fnargs))))
    return raise_trailing_placeholder();
  Ref<Object> new_args = is_tuple_exact(fnargs) ? new_ref(fnargs) : TRY(tuple_from_iterable(fnargs));
  Ref<Object> new_kw = is_none(kw) ? TRY(dict_new()) : is_dict_exact(kw) ? new_ref(kw) : TRY(dict_copy(kw));
  replace_state(self, new_ref(fn), std::move(new_args), std::move(new_kw));
  TRY(instance_dict_set(self, is_none(dict) ? nullptr : dict));
  return new_none();
}

const MethodDef kPartialMethods[] = {
    {"__reduce__", partial_reduce, kMethNoArgs, nullptr},
    {"__setstate__", partial_setstate, kMethOneArg, nullptr},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef kPartialMembers[] = {
    {"func", MemberKind::Object, offsetof(PartialObject, fn), true,
     "function object to use in future partial calls"},
    {"args", MemberKind::Object, offsetof(PartialObject, args), true,
     "tuple of arguments to future partial calls"},
    {"keywords", MemberKind::Object, offsetof(PartialObject, kw), true,
     "dictionary of keyword arguments to future partial calls"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

const GetSetDef kPartialGetSets[] = {
    {"__dict__", instance_dict_get, instance_dict_set, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// ---- Placeholder ----------------------------------------------------------------------------

Result<Ref<Object>> placeholder_vnew(Type*, Object* const*, size_t nargs, Object* kwnames) {
  if (nargs || kwnames_count(kwnames))
    return raise(exc::TypeError, "PlaceholderType takes no arguments");
  return new_ref(placeholder());
}

Result<Ref<Object>> placeholder_repr(Object*) { return str_from_ascii("Placeholder"); }

Result<Ref<Object>> placeholder_reduce(Object*, Object* const*, size_t, Object*) {
  return str_from_ascii("Placeholder");
}

const MethodDef kPlaceholderMethods[] = {
    {"__reduce__", placeholder_reduce, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_partial_types() {
  Type& t = PartialType;
  t.name = "functools.partial";
  t.doc = "Create a new function with partial application of the given arguments\n"
          "and keywords.";
  t.basicsize = sizeof(PartialObject);
  t.flags = kTypeBaseType | kTypeHaveGc | kTypeMethodDescriptor;
  t.dealloc = partial_dealloc;
  t.traverse = partial_traverse;
  t.repr = partial_repr;
  t.call = partial_call;
  t.descr_get = partial_descr_get;
  t.new_ = partial_vnew;
  t.methods = kPartialMethods;
  t.members = kPartialMembers;
  t.getsets = kPartialGetSets;
  t.dictoffset = offsetof(PartialObject, dict);
  t.weaklistoffset = offsetof(PartialObject, weaklist);

  Type& ph = PlaceholderType;
  ph.name = "functools._PlaceholderType";
  ph.doc = "The type of the Placeholder singleton.\n\nUsed as a placeholder for partial "
           "arguments.";
  ph.basicsize = sizeof(Object);
  ph.flags = kTypeImmutable;
  ph.repr = placeholder_repr;
  ph.new_ = placeholder_vnew;
  ph.methods = kPlaceholderMethods;
  init_static_object(&PlaceholderObject, &PlaceholderType);
  return ok();
}

Status ready_partial_types() {
  TRY(type_ready(&PartialType));
  return type_ready(&PlaceholderType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_partial_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_partial_types);

}  // namespace

}  // namespace weft::functools
