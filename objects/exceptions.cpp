// objects/exceptions.cpp — BaseException and the whole built-in exception hierarchy
// (objects/exceptions.h), with CPython 3.14's constructors, attributes and str()/repr() rules.
//
// Every class is a static Type in this file; `exc::X` points at it from the start (the pointers
// are constant), the types are filled in kPhaseFill and readied in kPhaseReady, and the
// preallocated MemoryError instance is made in kPhaseObjects. Instances are ExceptionObjects or
// one of the subclass layouts declared in exceptions.h; __notes__ and other user attributes live
// in the instance __dict__ (as in CPython; ExceptionObject::notes stays unused).
//
// Exceptions are normally created and raised by one thread; attribute writes from several
// threads at once (e.g. two threads setting e.__cause__) are not synchronised beyond what the
// reference counts need — each field write is a single pointer exchange under the object's
// critical section.
//
// BaseExceptionGroup / ExceptionGroup (PEP 654) live in exception_group.cpp; OSError's errno
// table and the Unicode errors' str() are here because they are small.
#include "objects/exceptions.h"

#include <cerrno>
#include <cstring>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions_internal.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/traceback.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"

namespace weft {

#define WEFT_DEFINE_EXC_STORAGE(name) Type name##Type;
namespace excimpl {
WEFT_EXCEPTION_LIST(WEFT_DEFINE_EXC_STORAGE)
}
#undef WEFT_DEFINE_EXC_STORAGE

namespace exc {
#define WEFT_DEFINE_EXC_POINTER(name) Type* name = &excimpl::name##Type;
WEFT_EXCEPTION_LIST(WEFT_DEFINE_EXC_POINTER)
#undef WEFT_DEFINE_EXC_POINTER
}  // namespace exc

using namespace excimpl;

namespace {

Object* g_memory_error = nullptr;

ExceptionObject* as_exc(Object* o) { return static_cast<ExceptionObject*>(o); }

// Replaces an owned field, releasing the old value after the store.
void set_field(Object* owner, Object** field, Ref<Object> value) {
  Object* old;
  {
    sync::CriticalSection cs(owner->ob_mutex);
    old = std::exchange(*field, value.release());
  }
  xdecref(old);
}

Ref<Object> field_or_none(Object* v) { return v ? new_ref(v) : new_none(); }

}  // namespace

// --- accessors (exceptions.h) ------------------------------------------------------------------

bool is_exception_instance(const Object* o) {
  return type_has_flag(o->ob_type, kTypeBaseExcSubclass);
}
bool is_exception_class(const Object* o) {
  return type_has_flag(o->ob_type, kTypeTypeSubclass) &&
         type_has_flag(reinterpret_cast<const Type*>(o), kTypeBaseExcSubclass);
}
Object* exception_traceback(Object* e) { return as_exc(e)->traceback; }
void exception_set_traceback(Object* e, Object* tb) {
  set_field(e, &as_exc(e)->traceback, Ref<Object>::borrow(tb && !is_none(tb) ? tb : nullptr));
}
Object* exception_context(Object* e) { return as_exc(e)->context; }
void exception_set_context(Object* e, Ref<Object> ctx) {
  if (ctx && is_none(ctx.get())) ctx.reset();
  set_field(e, &as_exc(e)->context, std::move(ctx));
}
Object* exception_cause(Object* e) { return as_exc(e)->cause; }
void exception_set_cause(Object* e, Ref<Object> cause) {
  if (cause && is_none(cause.get())) cause.reset();
  set_field(e, &as_exc(e)->cause, std::move(cause));
  as_exc(e)->suppress_context = true;
}
Object* exception_args(Object* e) { return as_exc(e)->args; }
Object* preallocated_memory_error() { return g_memory_error; }

Object* stop_iteration_value(Object* e) {
  Object* v = static_cast<StopIterationObject*>(e)->value;
  return v ? v : none();
}
Object* system_exit_code(Object* e) {
  Object* v = static_cast<SystemExitObject*>(e)->code;
  return v ? v : none();
}

Result<Ref<Object>> exception_new(Type* type, Object* const* args, size_t nargs) {
  return call(reinterpret_cast<Object*>(type), args, nargs, nullptr);
}

// --- BaseException ------------------------------------------------------------------------------

namespace {

void base_exception_clear_fields(ExceptionObject* e) {
  Object** fields[] = {&e->dict, &e->args, &e->notes, &e->traceback, &e->context, &e->cause};
  for (Object** f : fields) xdecref(std::exchange(*f, nullptr));
}

void base_exception_traverse(Object* self, VisitFn visit, void* arg) {
  ExceptionObject* e = as_exc(self);
  for (Object* f : {e->dict, e->args, e->notes, e->traceback, e->context, e->cause})
    if (f) visit(f, arg);
}

void base_exception_clear(Object* self) { base_exception_clear_fields(as_exc(self)); }

void base_exception_dealloc(Object* self) {
  base_exception_clear_fields(as_exc(self));
  free_object(self);
}

Result<Ref<Object>> base_exception_new(Type* type, Object* const* args, size_t nargs,
                                       Object* kwnames) {
  Ref<Object> self = TRY(object_generic_alloc(type));
  ExceptionObject* e = as_exc(self.get());
  e->args = TRY(tuple_from_array(args, static_cast<int64_t>(nargs))).release();
  return self;
}

Status base_exception_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords(type_name_of(self), kwnames));
  Ref<Object> t = TRY(tuple_from_array(args, static_cast<int64_t>(nargs)));
  set_field(self, &as_exc(self)->args, std::move(t));
  return ok();
}

Result<Ref<Object>> base_exception_str(Object* self) {
  Object* args = as_exc(self)->args;
  int64_t n = args ? tuple_size(args) : 0;
  if (n == 0) return new_ref(str_intern(""));
  if (n == 1) return object_str(tuple_item(args, 0));
  return object_str(args);
}

Result<Ref<Object>> base_exception_repr(Object* self) {
  Object* args = as_exc(self)->args;
  std::string text = type_short_name(type_of(self));
  if (args && tuple_size(args) == 1) {
    Ref<Object> r = TRY(object_repr(tuple_item(args, 0)));
    text += '(';
    text += str_to_std_string(r.get());
    text += ')';
  } else if (args && tuple_size(args) > 1) {
    Ref<Object> r = TRY(object_repr(args));
    text += str_to_std_string(r.get());
  } else {
    text += "()";
  }
  return str_from_utf8(text);
}

Result<Ref<Object>> base_exception_with_traceback(Object* self, Object* const* args, size_t,
                                                  Object*) {
  Object* tb = args[0];
  if (!is_none(tb) && type_of(tb) != &TracebackType)
    return raise(exc::TypeError, "__traceback__ must be a traceback or None");
  exception_set_traceback(self, tb);
  return new_ref(self);
}

Result<Ref<Object>> base_exception_add_note(Object* self, Object* const* args, size_t, Object*) {
  Object* note = args[0];
  if (!is_str(note))
    return raise(exc::TypeError, "add_note() argument must be str, not {}", type_name_of(note));
  Object* name = str_intern("__notes__");
  Ref<Object> notes;
  bool has = TRY(lookup_attr(self, name, &notes));
  if (!has) {
    notes = TRY(list_new(0));
    TRY(set_attr(self, name, notes.get()));
  } else if (!is_list(notes.get())) {
    return raise(exc::TypeError, "Cannot add note: __notes__ is not a list");
  }
  TRY(list_append(notes.get(), note));
  return new_none();
}

Result<Ref<Object>> base_exception_reduce(Object* self, Object* const*, size_t, Object*) {
  ExceptionObject* e = as_exc(self);
  Object* args = e->args ? e->args : nullptr;
  Ref<Object> empty;
  if (!args) {
    empty = TRY(tuple_new(0));
    args = empty.get();
  }
  if (e->dict && dict_size(e->dict) > 0)
    return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args, e->dict});
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args});
}

Result<Ref<Object>> base_exception_setstate(Object* self, Object* const* args, size_t, Object*) {
  Object* state = args[0];
  if (is_none(state)) return new_none();
  if (!is_dict(state)) return raise(exc::TypeError, "state is not a dictionary");
  Ref<Object> items = TRY(dict_items_list(state));
  for (int64_t i = 0; i < list_size(items.get()); ++i) {
    Object* pair = list_item_locked(items.get(), i);
    TRY(set_attr(self, tuple_item(pair, 0), tuple_item(pair, 1)));
  }
  return new_none();
}

Result<Ref<Object>> get_args(Object* self) {
  Object* a = as_exc(self)->args;
  return a ? new_ref(a) : tuple_new(0);
}
Status set_args(Object* self, Object* value) {
  if (!value) return raise(exc::TypeError, "args may not be deleted");
  Ref<Object> t = TRY(tuple_from_iterable(value));
  set_field(self, &as_exc(self)->args, std::move(t));
  return ok();
}
Result<Ref<Object>> get_traceback(Object* self) { return field_or_none(as_exc(self)->traceback); }
Status set_traceback(Object* self, Object* value) {
  if (!value) return raise(exc::TypeError, "__traceback__ may not be deleted");
  if (!is_none(value) && type_of(value) != &TracebackType)
    return raise(exc::TypeError, "__traceback__ must be a traceback or None");
  exception_set_traceback(self, value);
  return ok();
}
Result<Ref<Object>> get_context(Object* self) { return field_or_none(as_exc(self)->context); }
Status set_context(Object* self, Object* value) {
  if (!value) return raise(exc::TypeError, "__context__ may not be deleted");
  if (!is_none(value) && !is_exception_instance(value))
    return raise(exc::TypeError, "exception context must be None or derive from BaseException");
  exception_set_context(self, Ref<Object>::borrow(value));
  return ok();
}
Result<Ref<Object>> get_cause(Object* self) { return field_or_none(as_exc(self)->cause); }
Status set_cause(Object* self, Object* value) {
  if (!value) return raise(exc::TypeError, "__cause__ may not be deleted");
  if (!is_none(value) && !is_exception_instance(value))
    return raise(exc::TypeError, "exception cause must be None or derive from BaseException");
  exception_set_cause(self, Ref<Object>::borrow(value));
  return ok();
}
Result<Ref<Object>> get_dict(Object* self) {
  ExceptionObject* e = as_exc(self);
  if (!e->dict) {
    Ref<Object> d = TRY(dict_new());
    sync::CriticalSection cs(self->ob_mutex);
    if (!e->dict) e->dict = d.release();
  }
  return new_ref(e->dict);
}
Status set_dict(Object* self, Object* value) {
  if (!value) return raise(exc::TypeError, "__dict__ may not be deleted");
  if (!is_dict(value)) return raise(exc::TypeError, "__dict__ must be a dictionary");
  set_field(self, &as_exc(self)->dict, Ref<Object>::borrow(value));
  return ok();
}

const MethodDef kBaseExceptionMethods[] = {
    {"with_traceback", base_exception_with_traceback, kMethOneArg,
     "Set self.__traceback__ to tb and return self."},
    {"add_note", base_exception_add_note, kMethOneArg,
     "Add a note to the exception"},
    {"__reduce__", base_exception_reduce, kMethNoArgs, nullptr},
    {"__setstate__", base_exception_setstate, kMethOneArg, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kBaseExceptionGetSets[] = {
    {"__dict__", get_dict, set_dict, nullptr},
    {"args", get_args, set_args, nullptr},
    {"__traceback__", get_traceback, set_traceback, nullptr},
    {"__context__", get_context, set_context, "exception context"},
    {"__cause__", get_cause, set_cause, "exception cause"},
    {nullptr, nullptr, nullptr, nullptr},
};
const MemberDef kBaseExceptionMembers[] = {
    {"__suppress_context__", MemberKind::Bool, offsetof(ExceptionObject, suppress_context), false,
     nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

// --- simple subclasses with one extra field -----------------------------------------------------

Status stop_iteration_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(base_exception_init(self, args, nargs, kwnames));
  set_field(self, &static_cast<StopIterationObject*>(self)->value,
            nargs > 0 ? new_ref(args[0]) : new_none());
  return ok();
}
const MemberDef kStopIterationMembers[] = {
    {"value", MemberKind::ObjectOrNone, offsetof(StopIterationObject, value), false,
     "generator return value"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Status system_exit_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(base_exception_init(self, args, nargs, kwnames));
  Ref<Object> code = nargs == 0   ? new_none()
                     : nargs == 1 ? new_ref(args[0])
                                  : new_ref(as_exc(self)->args);
  set_field(self, &static_cast<SystemExitObject*>(self)->code, std::move(code));
  return ok();
}
const MemberDef kSystemExitMembers[] = {
    {"code", MemberKind::ObjectOrNone, offsetof(SystemExitObject, code), false, "exception code"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Result<Ref<Object>> key_error_str(Object* self) {
  Object* args = as_exc(self)->args;
  if (args && tuple_size(args) == 1) return object_repr(tuple_item(args, 0));
  return base_exception_str(self);
}

// Keyword-only attributes of NameError / AttributeError / ImportError: positional arguments go
// to args; the keywords are parsed by an ArgParser over the keyword values only.
Status parse_keywords_only(const ArgParser& parser, Object* const* args, size_t nargs,
                           Object* kwnames, Object** out) {
  return parser.parse(args + nargs, 0, kwnames, out);
}

Status name_error_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("NameError", "* | name");
  Object* kw[1];
  TRY(parse_keywords_only(parser, args, nargs, kwnames, kw));
  TRY(base_exception_init(self, args, nargs, nullptr));
  set_field(self, &static_cast<NameErrorObject*>(self)->name, Ref<Object>::borrow(kw[0]));
  return ok();
}
const MemberDef kNameErrorMembers[] = {
    {"name", MemberKind::ObjectOrNone, offsetof(NameErrorObject, name), false, "name"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Status attribute_error_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("AttributeError", "* | name obj");
  Object* kw[2];
  TRY(parse_keywords_only(parser, args, nargs, kwnames, kw));
  TRY(base_exception_init(self, args, nargs, nullptr));
  auto* e = static_cast<AttributeErrorObject*>(self);
  set_field(self, &e->name, Ref<Object>::borrow(kw[0]));
  set_field(self, &e->obj, Ref<Object>::borrow(kw[1]));
  return ok();
}
const MemberDef kAttributeErrorMembers[] = {
    {"name", MemberKind::ObjectOrNone, offsetof(AttributeErrorObject, name), false,
     "attribute name"},
    {"obj", MemberKind::ObjectOrNone, offsetof(AttributeErrorObject, obj), false, "object"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Status import_error_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("ImportError", "* | name path name_from");
  Object* kw[3];
  TRY(parse_keywords_only(parser, args, nargs, kwnames, kw));
  TRY(base_exception_init(self, args, nargs, nullptr));
  auto* e = static_cast<ImportErrorObject*>(self);
  set_field(self, &e->name, Ref<Object>::borrow(kw[0]));
  set_field(self, &e->path, Ref<Object>::borrow(kw[1]));
  set_field(self, &e->name_from, Ref<Object>::borrow(kw[2]));
  set_field(self, &e->msg, Ref<Object>::borrow(nargs == 1 ? args[0] : nullptr));
  return ok();
}
Result<Ref<Object>> import_error_str(Object* self) {
  Object* msg = static_cast<ImportErrorObject*>(self)->msg;
  if (msg && is_str_exact(msg)) return new_ref(msg);
  return base_exception_str(self);
}
const MemberDef kImportErrorMembers[] = {
    {"msg", MemberKind::ObjectOrNone, offsetof(ImportErrorObject, msg), false, "exception message"},
    {"name", MemberKind::ObjectOrNone, offsetof(ImportErrorObject, name), false, "module name"},
    {"path", MemberKind::ObjectOrNone, offsetof(ImportErrorObject, path), false, "module path"},
    {"name_from", MemberKind::ObjectOrNone, offsetof(ImportErrorObject, name_from), false,
     "name imported from module"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

// --- OSError ------------------------------------------------------------------------------------

Type* errno_subclass(int err) {
  switch (err) {
    case EAGAIN: case EALREADY: case EINPROGRESS:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
      return &BlockingIOErrorType;
    case ECHILD: return &ChildProcessErrorType;
    case EPIPE: case ESHUTDOWN: return &BrokenPipeErrorType;
    case ECONNABORTED: return &ConnectionAbortedErrorType;
    case ECONNREFUSED: return &ConnectionRefusedErrorType;
    case ECONNRESET: return &ConnectionResetErrorType;
    case EEXIST: return &FileExistsErrorType;
    case ENOENT: return &FileNotFoundErrorType;
    case EISDIR: return &IsADirectoryErrorType;
    case ENOTDIR: return &NotADirectoryErrorType;
    case EINTR: return &InterruptedErrorType;
    case EACCES: case EPERM: return &PermissionErrorType;
    case ESRCH: return &ProcessLookupErrorType;
    case ETIMEDOUT: return &TimeoutErrorType;
    default: return nullptr;
  }
}

Result<Ref<Object>> oserror_new(Type* type, Object* const* args, size_t nargs, Object* kwnames);
Status oserror_init(Object* self, Object* const* args, size_t nargs, Object* kwnames);

// Whether the arguments are parsed by __init__ (a subclass overriding __init__ but not
// __new__) rather than by __new__ (CPython's oserror_use_init).
bool oserror_use_init(Type* type) { return type->init != oserror_init && type->new_ == oserror_new; }

Status oserror_parse(Object* self, Object* const* args, size_t nargs) {
  auto* e = static_cast<OSErrorObject*>(self);
  if (nargs < 2 || nargs > 5) return ok();
  set_field(self, &e->myerrno, new_ref(args[0]));
  set_field(self, &e->strerror, new_ref(args[1]));
  Object* filename = nargs >= 3 ? args[2] : nullptr;
  Object* filename2 = nargs >= 5 ? args[4] : nullptr;
  if (filename && !is_none(filename)) {
    if (type_of(self) == &BlockingIOErrorType && is_int(filename)) {
      e->written = TRY(index_as_i64(filename, exc::ValueError));
    } else {
      set_field(self, &e->filename, new_ref(filename));
      if (filename2 && !is_none(filename2)) set_field(self, &e->filename2, new_ref(filename2));
      Ref<Object> two = TRY(tuple_from_array(args, 2));
      set_field(self, &e->args, std::move(two));
    }
  }
  return ok();
}

Result<Ref<Object>> oserror_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  if (!oserror_use_init(type)) {
    TRY(args_no_keywords(type->name, kwnames));
    if (type == &OSErrorType && nargs >= 2 && is_int(args[0])) {
      int64_t err = 0;
      if (int_to_i64(args[0], &err)) {
        Type* sub = errno_subclass(static_cast<int>(err));
        if (sub && err == static_cast<int>(err)) type = sub;
      }
    }
  }
  Ref<Object> self = TRY(base_exception_new(type, args, nargs, kwnames));
  static_cast<OSErrorObject*>(self.get())->written = -1;
  if (!oserror_use_init(type)) TRY(oserror_parse(self.get(), args, nargs));
  return self;
}

Status oserror_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  if (!oserror_use_init(type_of(self))) return ok();  // __new__ did the work
  TRY(args_no_keywords(type_name_of(self), kwnames));
  TRY(base_exception_init(self, args, nargs, nullptr));
  return oserror_parse(self, args, nargs);
}

Result<Ref<Object>> oserror_str(Object* self) {
  auto* e = static_cast<OSErrorObject*>(self);
  if (e->filename) {
    Ref<Object> err = field_or_none(e->myerrno);
    Ref<Object> msg = field_or_none(e->strerror);
    const FmtArg args[] = {FmtArg(err.get()), FmtArg(msg.get()), fmt_repr(e->filename),
                           fmt_repr(e->filename2)};
    return str_from_utf8(format_message(
        e->filename2 ? "[Errno {}] {}: {} -> {}" : "[Errno {}] {}: {}", args, e->filename2 ? 4 : 3));
  }
  if (e->myerrno && e->strerror) {
    const FmtArg args[] = {FmtArg(e->myerrno), FmtArg(e->strerror)};
    return str_from_utf8(format_message("[Errno {}] {}", args, 2));
  }
  return base_exception_str(self);
}

Result<Ref<Object>> oserror_reduce(Object* self, Object* const*, size_t, Object*) {
  auto* e = static_cast<OSErrorObject*>(self);
  Ref<Object> args = TRY(get_args(self));
  if (tuple_size(args.get()) == 2 && e->filename) {
    Object* items[5] = {tuple_item(args.get(), 0), tuple_item(args.get(), 1), e->filename,
                        none(), e->filename2};
    args = TRY(tuple_from_array(items, e->filename2 ? 5 : 3));
  }
  if (e->dict && dict_size(e->dict) > 0)
    return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get(), e->dict});
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get()});
}

Result<Ref<Object>> oserror_get_written(Object* self) {
  int64_t w = static_cast<OSErrorObject*>(self)->written;
  if (w == -1) return raise(exc::AttributeError, "characters_written");
  return int_from_i64(w);
}
Status oserror_set_written(Object* self, Object* value) {
  auto* e = static_cast<OSErrorObject*>(self);
  if (!value) {
    if (e->written == -1) return raise(exc::AttributeError, "characters_written");
    e->written = -1;
    return ok();
  }
  e->written = TRY(index_as_i64(value, exc::ValueError));
  return ok();
}

const MethodDef kOSErrorMethods[] = {
    {"__reduce__", oserror_reduce, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const MemberDef kOSErrorMembers[] = {
    {"errno", MemberKind::ObjectOrNone, offsetof(OSErrorObject, myerrno), false, "POSIX exception code"},
    {"strerror", MemberKind::ObjectOrNone, offsetof(OSErrorObject, strerror), false, "exception strerror"},
    {"filename", MemberKind::ObjectOrNone, offsetof(OSErrorObject, filename), false, "exception filename"},
    {"filename2", MemberKind::ObjectOrNone, offsetof(OSErrorObject, filename2), false,
     "second exception filename"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};
const GetSetDef kOSErrorGetSets[] = {
    {"characters_written", oserror_get_written, oserror_set_written, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

// --- SyntaxError --------------------------------------------------------------------------------

Status syntax_error_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(base_exception_init(self, args, nargs, kwnames));
  auto* e = static_cast<SyntaxErrorObject*>(self);
  if (nargs >= 1) set_field(self, &e->msg, new_ref(args[0]));
  if (nargs == 2) {
    Ref<Object> info = TRY(tuple_from_iterable(args[1]));
    int64_t n = tuple_size(info.get());
    if (n < 4) return raise(exc::TypeError, "function takes at least 4 arguments ({} given)", n);
    if (n > 6) return raise(exc::TypeError, "function takes at most 6 arguments ({} given)", n);
    Object** fields[] = {&e->filename, &e->lineno, &e->offset, &e->text, &e->end_lineno,
                         &e->end_offset};
    for (int64_t i = 0; i < n; ++i) set_field(self, fields[i], new_ref(tuple_item(info.get(), i)));
  }
  return ok();
}

Result<Ref<Object>> syntax_error_str(Object* self) {
  auto* e = static_cast<SyntaxErrorObject*>(self);
  Ref<Object> msg = TRY(object_str(e->msg ? e->msg : none()));
  std::string file;
  bool have_file = e->filename && is_str(e->filename);
  if (have_file) {
    file = str_to_std_string(e->filename);
    size_t slash = file.rfind('/');
    if (slash != std::string::npos) file = file.substr(slash + 1);
  }
  int64_t line = 0;
  bool have_line = e->lineno && is_int(e->lineno) && int_to_i64(e->lineno, &line);
  std::string text = str_to_std_string(msg.get());
  if (have_file && have_line) return str_from_utf8(text + " (" + file + ", line " + std::to_string(line) + ")");
  if (have_file) return str_from_utf8(text + " (" + file + ")");
  if (have_line) return str_from_utf8(text + " (line " + std::to_string(line) + ")");
  return msg;
}

const MemberDef kSyntaxErrorMembers[] = {
    {"msg", MemberKind::ObjectOrNone, offsetof(SyntaxErrorObject, msg), false, "exception msg"},
    {"filename", MemberKind::ObjectOrNone, offsetof(SyntaxErrorObject, filename), false, "exception filename"},
    {"lineno", MemberKind::ObjectOrNone, offsetof(SyntaxErrorObject, lineno), false, "exception lineno"},
    {"offset", MemberKind::ObjectOrNone, offsetof(SyntaxErrorObject, offset), false, "exception offset"},
    {"text", MemberKind::ObjectOrNone, offsetof(SyntaxErrorObject, text), false, "exception text"},
    {"end_lineno", MemberKind::ObjectOrNone, offsetof(SyntaxErrorObject, end_lineno), false,
     "exception end lineno"},
    {"end_offset", MemberKind::ObjectOrNone, offsetof(SyntaxErrorObject, end_offset), false,
     "exception end offset"},
    {"print_file_and_line", MemberKind::ObjectOrNone,
     offsetof(SyntaxErrorObject, print_file_and_line), false, "exception print_file_and_line"},
    {"_metadata", MemberKind::ObjectOrNone, offsetof(SyntaxErrorObject, metadata), false,
     "exception private metadata"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

// --- Unicode errors -----------------------------------------------------------------------------

Status check_arg_type(const char* fname, int pos, Object* v, bool ok_type, const char* want) {
  if (ok_type) return ok();
  return raise(exc::TypeError, "{}() argument {} must be {}, not {}", fname, pos, want,
               type_name_of(v));
}

Status unicode_error_init_common(Object* self, Object* const* args, size_t nargs,
                                 Object* kwnames, bool translate) {
  TRY(base_exception_init(self, args, nargs, kwnames));
  size_t want = translate ? 4 : 5;
  if (nargs != want)
    return raise(exc::TypeError, "function takes exactly {} arguments ({} given)", want, nargs);
  auto* e = static_cast<UnicodeErrorObject*>(self);
  const char* fname = type_name_of(self);
  size_t i = 0;
  if (!translate) {
    TRY(check_arg_type(fname, 1, args[0], is_str(args[0]), "str"));
    set_field(self, &e->encoding, new_ref(args[i++]));
  }
  Object* obj = args[i++];
  if (type_of(self) == &UnicodeDecodeErrorType) {
    if (is_bytes(obj)) {
      set_field(self, &e->object, new_ref(obj));
    } else {
      // Any bytes-like object is copied into a bytes (CPython stores bytes).
      Ref<Object> b = TRY(call_one(reinterpret_cast<Object*>(&BytesType), obj));
      set_field(self, &e->object, std::move(b));
    }
  } else {
    TRY(check_arg_type(fname, static_cast<int>(i), obj, is_str(obj), "str"));
    set_field(self, &e->object, new_ref(obj));
  }
  e->start = TRY(index_as_i64(args[i++]));
  e->end = TRY(index_as_i64(args[i++]));
  TRY(check_arg_type(fname, static_cast<int>(i + 1), args[i], is_str(args[i]), "str"));
  set_field(self, &e->reason, new_ref(args[i]));
  return ok();
}
Status unicode_encode_init(Object* self, Object* const* a, size_t n, Object* k) {
  return unicode_error_init_common(self, a, n, k, false);
}
Status unicode_translate_init(Object* self, Object* const* a, size_t n, Object* k) {
  return unicode_error_init_common(self, a, n, k, true);
}

std::string escape_code_point(uint32_t cp) {
  char buf[16];
  if (cp <= 0xff) std::snprintf(buf, sizeof buf, "\\x%02x", cp);
  else if (cp <= 0xffff) std::snprintf(buf, sizeof buf, "\\u%04x", cp);
  else std::snprintf(buf, sizeof buf, "\\U%08x", cp);
  return buf;
}

Result<Ref<Object>> unicode_error_str(Object* self) {
  auto* e = static_cast<UnicodeErrorObject*>(self);
  if (!e->object || !e->reason) return new_ref(str_intern(""));
  Type* t = type_of(self);
  bool decode = type_is_subtype(t, &UnicodeDecodeErrorType);
  bool translate = type_is_subtype(t, &UnicodeTranslateErrorType);
  int64_t len = decode ? static_cast<int64_t>(bytes_view(e->object).size()) : str_length(e->object);
  int64_t start = std::max<int64_t>(0, std::min(e->start, len > 0 ? len - 1 : 0));
  int64_t end = std::max<int64_t>(start + 1, std::min(e->end, len));
  Ref<Object> reason = TRY(object_str(e->reason));
  std::string reason_text = str_to_std_string(reason.get());
  std::string enc;
  if (!translate) {
    Ref<Object> es = TRY(object_str(e->encoding ? e->encoding : none()));
    enc = str_to_std_string(es.get());
  }
  char buf[96];
  std::string text;
  if (start < len && end == start + 1) {
    if (decode) {
      std::snprintf(buf, sizeof buf, "' codec can't decode byte 0x%02x in position %lld: ",
                    static_cast<unsigned char>(bytes_view(e->object)[start]),
                    static_cast<long long>(start));
      text = "'" + enc + buf;
    } else {
      std::string ch = escape_code_point(str_char_at(e->object, start));
      std::snprintf(buf, sizeof buf, "' in position %lld: ", static_cast<long long>(start));
      text = translate ? "can't translate character '" + ch + buf
                       : "'" + enc + "' codec can't encode character '" + ch + buf;
    }
  } else {
    std::snprintf(buf, sizeof buf, " in position %lld-%lld: ", static_cast<long long>(start),
                  static_cast<long long>(end - 1));
    if (decode) text = "'" + enc + "' codec can't decode bytes" + buf;
    else if (translate) text = std::string("can't translate characters") + buf;
    else text = "'" + enc + "' codec can't encode characters" + buf;
  }
  return str_from_utf8(text + reason_text);
}

const MemberDef kUnicodeErrorMembers[] = {
    {"encoding", MemberKind::ObjectOrNone, offsetof(UnicodeErrorObject, encoding), false, "exception encoding"},
    {"object", MemberKind::ObjectOrNone, offsetof(UnicodeErrorObject, object), false, "exception object"},
    {"start", MemberKind::Int64, offsetof(UnicodeErrorObject, start), false, "exception start"},
    {"end", MemberKind::Int64, offsetof(UnicodeErrorObject, end), false, "exception end"},
    {"reason", MemberKind::ObjectOrNone, offsetof(UnicodeErrorObject, reason), false, "exception reason"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

// --- layouts: dealloc and traversal of the extra fields -----------------------------------------

// Extra owned Object* fields of a layout, as [first, last] member offsets after ExceptionObject.
template <class Layout, size_t... Offsets>
struct ExtraFields {
  static void clear(Object* self) {
    (xdecref(std::exchange(*reinterpret_cast<Object**>(reinterpret_cast<char*>(self) + Offsets),
                           nullptr)),
     ...);
    base_exception_clear(self);
  }
  static void traverse(Object* self, VisitFn visit, void* arg) {
    base_exception_traverse(self, visit, arg);
    for (Object* f : {*reinterpret_cast<Object**>(reinterpret_cast<char*>(self) + Offsets)...})
      if (f) visit(f, arg);
  }
  static void dealloc(Object* self) {
    clear(self);
    free_object(self);
  }
};
using StopIterationFields = ExtraFields<StopIterationObject, offsetof(StopIterationObject, value)>;
using SystemExitFields = ExtraFields<SystemExitObject, offsetof(SystemExitObject, code)>;
using NameErrorFields = ExtraFields<NameErrorObject, offsetof(NameErrorObject, name)>;
using AttributeErrorFields = ExtraFields<AttributeErrorObject, offsetof(AttributeErrorObject, obj),
                                         offsetof(AttributeErrorObject, name)>;
using ImportErrorFields =
    ExtraFields<ImportErrorObject, offsetof(ImportErrorObject, msg), offsetof(ImportErrorObject, name),
                offsetof(ImportErrorObject, path), offsetof(ImportErrorObject, name_from)>;
using OSErrorFields =
    ExtraFields<OSErrorObject, offsetof(OSErrorObject, myerrno), offsetof(OSErrorObject, strerror),
                offsetof(OSErrorObject, filename), offsetof(OSErrorObject, filename2)>;
using SyntaxErrorFields =
    ExtraFields<SyntaxErrorObject, offsetof(SyntaxErrorObject, msg), offsetof(SyntaxErrorObject, filename),
                offsetof(SyntaxErrorObject, lineno), offsetof(SyntaxErrorObject, offset),
                offsetof(SyntaxErrorObject, text), offsetof(SyntaxErrorObject, end_lineno),
                offsetof(SyntaxErrorObject, end_offset),
                offsetof(SyntaxErrorObject, print_file_and_line), offsetof(SyntaxErrorObject, metadata)>;
using UnicodeErrorFields =
    ExtraFields<UnicodeErrorObject, offsetof(UnicodeErrorObject, encoding),
                offsetof(UnicodeErrorObject, object), offsetof(UnicodeErrorObject, reason)>;

template <class Fields>
void set_layout(Type* t, int64_t size) {
  t->basicsize = size;
  t->dealloc = Fields::dealloc;
  t->traverse = Fields::traverse;
  t->clear = Fields::clear;
}

// --- the table of classes -------------------------------------------------------------------------

struct ExcSpec {
  Type* type;
  const char* name;
  Type* base;
  const char* doc;
};

#define E(name, base, doc) {&name##Type, #name, base, doc}
const ExcSpec kSpecs[] = {
    E(BaseException, nullptr, "Common base class for all exceptions"),
    E(Exception, &BaseExceptionType, "Common base class for all non-exit exceptions."),
    E(BaseExceptionGroup, &BaseExceptionType, "A combination of multiple unrelated exceptions."),
    E(ExceptionGroup, &BaseExceptionGroupType, nullptr),
    E(GeneratorExit, &BaseExceptionType, "Request that a generator exit."),
    E(KeyboardInterrupt, &BaseExceptionType, "Program interrupted by user."),
    E(SystemExit, &BaseExceptionType, "Request to exit from the interpreter."),
    E(ArithmeticError, &ExceptionType, "Base class for arithmetic errors."),
    E(AssertionError, &ExceptionType, "Assertion failed."),
    E(AttributeError, &ExceptionType, "Attribute not found."),
    E(BufferError, &ExceptionType, "Buffer error."),
    E(EOFError, &ExceptionType, "Read beyond end of file."),
    E(FloatingPointError, &ArithmeticErrorType, "Floating-point operation failed."),
    E(OverflowError, &ArithmeticErrorType, "Result too large to be represented."),
    E(ZeroDivisionError, &ArithmeticErrorType,
      "Second argument to a division or modulo operation was zero."),
    E(ImportError, &ExceptionType, "Import can't find module, or can't find name in module."),
    E(ModuleNotFoundError, &ImportErrorType, "Module not found."),
    E(LookupError, &ExceptionType, "Base class for lookup errors."),
    E(IndexError, &LookupErrorType, "Sequence index out of range."),
    E(KeyError, &LookupErrorType, "Mapping key not found."),
    E(MemoryError, &ExceptionType, "Out of memory."),
    E(NameError, &ExceptionType, "Name not found globally."),
    E(UnboundLocalError, &NameErrorType, "Local name referenced but not bound to a value."),
    E(OSError, &ExceptionType, "Base class for I/O related errors."),
    E(BlockingIOError, &OSErrorType, "I/O operation would block."),
    E(ChildProcessError, &OSErrorType, "Child process error."),
    E(ConnectionError, &OSErrorType, "Connection error."),
    E(BrokenPipeError, &ConnectionErrorType, "Broken pipe."),
    E(ConnectionAbortedError, &ConnectionErrorType, "Connection aborted."),
    E(ConnectionRefusedError, &ConnectionErrorType, "Connection refused."),
    E(ConnectionResetError, &ConnectionErrorType, "Connection reset."),
    E(FileExistsError, &OSErrorType, "File already exists."),
    E(FileNotFoundError, &OSErrorType, "File not found."),
    E(InterruptedError, &OSErrorType, "Interrupted by signal."),
    E(IsADirectoryError, &OSErrorType, "Operation doesn't work on directories."),
    E(NotADirectoryError, &OSErrorType, "Operation only works on directories."),
    E(PermissionError, &OSErrorType, "Not enough permissions."),
    E(ProcessLookupError, &OSErrorType, "Process not found."),
    E(TimeoutError, &OSErrorType, "Timeout expired."),
    E(ReferenceError, &ExceptionType, "Weak ref proxy used after referent went away."),
    E(RuntimeError, &ExceptionType, "Unspecified run-time error."),
    E(NotImplementedError, &RuntimeErrorType, "Method or function hasn't been implemented yet."),
    E(PythonFinalizationError, &RuntimeErrorType, "Operation blocked during Python finalization."),
    E(RecursionError, &RuntimeErrorType, "Recursion limit exceeded."),
    E(StopAsyncIteration, &ExceptionType, "Signal the end from iterator.__anext__()."),
    E(StopIteration, &ExceptionType, "Signal the end from iterator.__next__()."),
    E(SyntaxError, &ExceptionType, "Invalid syntax."),
    E(IndentationError, &SyntaxErrorType, "Improper indentation."),
    E(TabError, &IndentationErrorType, "Improper mixture of spaces and tabs."),
    E(SystemError, &ExceptionType,
      "Internal error in the Python interpreter.\n\nPlease report this to the Python maintainer, "
      "along with the traceback,\nthe Python version, and the hardware/OS platform and version."),
    E(TypeError, &ExceptionType, "Inappropriate argument type."),
    E(ValueError, &ExceptionType, "Inappropriate argument value (of correct type)."),
    E(UnicodeError, &ValueErrorType, "Unicode related error."),
    E(UnicodeDecodeError, &UnicodeErrorType, "Unicode decoding error."),
    E(UnicodeEncodeError, &UnicodeErrorType, "Unicode encoding error."),
    E(UnicodeTranslateError, &UnicodeErrorType, "Unicode translation error."),
    E(Warning, &ExceptionType, "Base class for warning categories."),
    E(BytesWarning, &WarningType,
      "Base class for warnings about bytes and buffer related problems, mostly\nrelated to "
      "conversion from str or comparing to str."),
    E(DeprecationWarning, &WarningType, "Base class for warnings about deprecated features."),
    E(EncodingWarning, &WarningType, "Base class for warnings about encodings."),
    E(FutureWarning, &WarningType,
      "Base class for warnings about constructs that will change semantically\nin the future."),
    E(ImportWarning, &WarningType,
      "Base class for warnings about probable mistakes in module imports"),
    E(PendingDeprecationWarning, &WarningType,
      "Base class for warnings about features which will be deprecated\nin the future."),
    E(ResourceWarning, &WarningType, "Base class for warnings about resource usage."),
    E(RuntimeWarning, &WarningType, "Base class for warnings about dubious runtime behavior."),
    E(SyntaxWarning, &WarningType, "Base class for warnings about dubious syntax."),
    E(UnicodeWarning, &WarningType,
      "Base class for warnings about Unicode related problems, mostly\nrelated to conversion "
      "problems."),
    E(UserWarning, &WarningType, "Base class for warnings generated by user code."),
};
#undef E

Status fill_exception_types() {
  for (const ExcSpec& s : kSpecs) {
    Type* t = s.type;
    init_static_object(t, &TypeType);
    t->name = s.name;
    t->doc = s.doc;
    t->base = s.base;
    t->flags = kTypeBaseType | kTypeImmutable | kTypeHaveGc | kTypeBaseExcSubclass;
    if (!s.base) {
      t->basicsize = sizeof(ExceptionObject);
      t->dealloc = base_exception_dealloc;
      t->traverse = base_exception_traverse;
      t->clear = base_exception_clear;
      t->new_ = base_exception_new;
      t->init = base_exception_init;
      t->repr = base_exception_repr;
      t->str = base_exception_str;
      t->methods = kBaseExceptionMethods;
      t->getsets = kBaseExceptionGetSets;
      t->members = kBaseExceptionMembers;
      t->dictoffset = offsetof(ExceptionObject, dict);
    }
  }
  set_layout<StopIterationFields>(&StopIterationType, sizeof(StopIterationObject));
  StopIterationType.init = stop_iteration_init;
  StopIterationType.members = kStopIterationMembers;
  set_layout<SystemExitFields>(&SystemExitType, sizeof(SystemExitObject));
  SystemExitType.init = system_exit_init;
  SystemExitType.members = kSystemExitMembers;
  KeyErrorType.str = key_error_str;
  set_layout<NameErrorFields>(&NameErrorType, sizeof(NameErrorObject));
  NameErrorType.init = name_error_init;
  NameErrorType.members = kNameErrorMembers;
  set_layout<AttributeErrorFields>(&AttributeErrorType, sizeof(AttributeErrorObject));
  AttributeErrorType.init = attribute_error_init;
  AttributeErrorType.members = kAttributeErrorMembers;
  set_layout<ImportErrorFields>(&ImportErrorType, sizeof(ImportErrorObject));
  ImportErrorType.init = import_error_init;
  ImportErrorType.str = import_error_str;
  ImportErrorType.members = kImportErrorMembers;
  set_layout<OSErrorFields>(&OSErrorType, sizeof(OSErrorObject));
  OSErrorType.new_ = oserror_new;
  OSErrorType.init = oserror_init;
  OSErrorType.str = oserror_str;
  OSErrorType.methods = kOSErrorMethods;
  OSErrorType.members = kOSErrorMembers;
  OSErrorType.getsets = kOSErrorGetSets;
  set_layout<SyntaxErrorFields>(&SyntaxErrorType, sizeof(SyntaxErrorObject));
  SyntaxErrorType.init = syntax_error_init;
  SyntaxErrorType.str = syntax_error_str;
  SyntaxErrorType.members = kSyntaxErrorMembers;
  for (Type* t : {&UnicodeDecodeErrorType, &UnicodeEncodeErrorType, &UnicodeTranslateErrorType}) {
    set_layout<UnicodeErrorFields>(t, sizeof(UnicodeErrorObject));
    t->str = unicode_error_str;
    t->members = kUnicodeErrorMembers;
  }
  UnicodeDecodeErrorType.init = unicode_encode_init;
  UnicodeEncodeErrorType.init = unicode_encode_init;
  UnicodeTranslateErrorType.init = unicode_translate_init;
  fill_exception_group_types(&BaseExceptionGroupType, &ExceptionGroupType);
  return ok();
}

Status ready_exception_types() {
  for (const ExcSpec& s : kSpecs) TRY(type_ready(s.type));
  // ExceptionGroup(BaseExceptionGroup, Exception): CPython builds it as a class with two bases;
  // here the static type gets the same bases and C3 MRO.
  Object* eg = reinterpret_cast<Object*>(&ExceptionGroupType);
  Object* beg = reinterpret_cast<Object*>(&BaseExceptionGroupType);
  Object* e = reinterpret_cast<Object*>(&ExceptionType);
  Object* be = reinterpret_cast<Object*>(&BaseExceptionType);
  Ref<Object> bases = TRY(tuple_pack({beg, e}));
  Ref<Object> mro = TRY(tuple_pack({eg, beg, e, be, reinterpret_cast<Object*>(&ObjectType)}));
  xdecref(std::exchange(ExceptionGroupType.bases, bases.release()));
  xdecref(std::exchange(ExceptionGroupType.mro, mro.release()));
  register_subclass(&ExceptionType, &ExceptionGroupType);
  return ok();
}

Status make_memory_error() {
  Ref<Object> args = TRY(tuple_new(0));
  Ref<Object> inst = TRY(object_generic_alloc(&MemoryErrorType));
  as_exc(inst.get())->args = args.release();
  gc::set_immortal(inst.get());
  g_memory_error = inst.release();
  return ok();
}

}  // namespace

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_exception_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_exception_types);
WEFT_REGISTER_TYPE_INIT(kPhaseObjects, make_memory_error);

// --- raising helpers ----------------------------------------------------------------------------

Error raise_os_error(int errnum, Object* filename, Object* filename2) {
  Ref<Object> num = TRY(int_from_i64(errnum));
  Ref<Object> msg = TRY(str_from_utf8(std::strerror(errnum)));
  Object* argv[5] = {num.get(), msg.get(), filename, none(), filename2};
  size_t n = filename2 ? 5 : filename ? 3 : 2;
  Ref<Object> e = TRY(exception_new(&OSErrorType, argv, n));
  return raise_object(e.get());
}

Error raise_key_error(Object* key) {
  Object* argv[1] = {key};
  Ref<Object> e = TRY(exception_new(&KeyErrorType, argv, 1));
  return raise_object(e.get());
}

Error raise_stop_iteration(Object* value) {
  Object* argv[1] = {value ? value : none()};
  Ref<Object> e = TRY(exception_new(&StopIterationType, argv, value ? 1 : 0));
  return raise_object(e.get());
}

Error raise_attribute_error(Object* obj, Object* name, std::string_view message) {
  Ref<Object> msg = TRY(str_from_utf8(message));
  Object* argv[1] = {msg.get()};
  Ref<Object> e = TRY(exception_new(&AttributeErrorType, argv, 1));
  auto* ae = static_cast<AttributeErrorObject*>(e.get());
  set_field(e.get(), &ae->name, Ref<Object>::borrow(name));
  set_field(e.get(), &ae->obj, Ref<Object>::borrow(obj));
  return raise_object(e.get());
}

Error raise_syntax_error(Type* type, std::string_view msg, Object* filename, int lineno,
                         int offset, Object* text, int end_lineno, int end_offset) {
  Ref<Object> m = TRY(str_from_utf8(msg));
  auto int_or_none = [](int v) -> Result<Ref<Object>> {
    if (v <= 0) return new_none();
    return int_from_i64(v);
  };
  Ref<Object> ln = TRY(int_or_none(lineno));
  Ref<Object> off = TRY(int_or_none(offset));
  Ref<Object> eln = TRY(int_or_none(end_lineno));
  Ref<Object> eoff = TRY(int_or_none(end_offset));
  Ref<Object> info = TRY(tuple_pack({filename ? filename : none(), ln.get(), off.get(),
                                     text ? text : none(), eln.get(), eoff.get()}));
  Object* argv[2] = {m.get(), info.get()};
  Ref<Object> e = TRY(exception_new(type, argv, 2));
  return raise_object(e.get());
}

}  // namespace weft
