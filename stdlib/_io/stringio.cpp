// stdlib/_io/stringio.cpp — _io.StringIO, a text stream over an in-memory string (CPython's
// Modules/_io/stringio.c).
//
// The text is kept as UCS-4 code points (a std::u32string constructed in place), so seeking and
// slicing by character index are O(1). Newlines: newline=None translates \r\n and \r to \n on
// write (and reads split at \n); newline='' keeps them and reads split at any ending; '\r' and
// '\r\n' are written for '\n'. Every method runs inside the object's critical section.
#include <new>
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/_io/io_internal.h"
#include "sync/critical_section.h"

namespace weft::io {

Type StringIOType;

namespace {

struct StringIOObject : IOBaseObject {
  std::u32string buf;
  int64_t pos;
  std::atomic<bool> initialized, closed;  // read by the early checks outside the section
  bool readuniversal;
  NewlineState nl;       // used when readuniversal (translate = newline is None)
  char readnl[3];        // the newline for reading when not universal
  char writenl[3];       // "\r" / "\r\n" replace '\n' on write; "" = none
};

StringIOObject* as_sio(Object* o) { return static_cast<StringIOObject*>(o); }

Status check_usable(StringIOObject* s) {
  if (!s->initialized) return raise(exc::ValueError, "I/O operation on uninitialized object");
  if (s->closed) return raise(exc::ValueError, "I/O operation on closed file");
  return ok();
}

Result<Ref<Object>> text_of(const char32_t* p, size_t n) {
  return str_from_code_points(reinterpret_cast<const uint32_t*>(p), n);
}

// Writes `text` at pos with the newline translation; the critical section is held.
Status write_locked(StringIOObject* s, Object* text) {
  Ref<Object> t = new_ref(text);
  if (s->readuniversal) t = TRY(newline_decode(s->nl, std::move(t), true));
  std::u32string add;
  int64_t n = str_length(t.get());
  add.reserve(size_t(n));
  for (int64_t i = 0; i < n; ++i) {
    uint32_t c = str_char_at(t.get(), i);
    if (c == '\n' && s->writenl[0]) {
      for (const char* p = s->writenl; *p; ++p) add.push_back(char32_t(*p));
    } else {
      add.push_back(char32_t(c));
    }
  }
  size_t pos = size_t(s->pos);
  if (pos > s->buf.size()) s->buf.resize(pos, U'\0');
  size_t overlap = std::min(add.size(), s->buf.size() - pos);
  s->buf.replace(pos, overlap, add.data(), overlap);
  s->buf.append(add.data() + overlap, add.size() - overlap);
  s->pos = int64_t(pos + add.size());
  return ok();
}

Result<Ref<Object>> stringio_new(Type* type, Object* const*, size_t, Object*) {
  Ref<Object> self = TRY(object_generic_alloc(type));
  new (&as_sio(self.get())->buf) std::u32string();
  return self;
}

void stringio_dealloc(Object* self) {
  as_sio(self)->buf.~basic_string();
  iobase_clear_dict(self);
  free_object(self);
}

Status stringio_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kInit("StringIO", "| initial_value newline");
  Object* a[2];
  TRY(kInit.parse(args, nargs, kwnames, a));
  Object* initial = a[0] && !is_none(a[0]) ? a[0] : nullptr;
  Object* newline = a[1];
  bool newline_none = newline && is_none(newline);
  std::string nl = "\n";
  if (newline && !newline_none) {
    if (!is_str(newline))
      return raise(exc::TypeError, "newline must be str or None, not {}", type_name_of(newline));
    nl = str_to_std_string(newline);
    if (nl != "" && nl != "\n" && nl != "\r" && nl != "\r\n") {
      Ref<Object> r = TRY(object_repr(newline));
      return raise(exc::ValueError, "illegal newline value: {}", str_to_std_string(r.get()));
    }
  }
  if (initial && !is_str(initial))
    return raise(exc::TypeError, "initial_value must be str or None, not {}", type_name_of(initial));
  StringIOObject* s = as_sio(self);
  sync::CriticalSection cs(self->ob_mutex);
  s->readuniversal = newline_none || nl.empty();
  s->nl = NewlineState{};
  s->nl.translate = newline_none;
  std::snprintf(s->readnl, sizeof s->readnl, "%s", newline_none ? "\n" : nl.c_str());
  std::snprintf(s->writenl, sizeof s->writenl, "%s", !newline_none && !nl.empty() && nl[0] == '\r' ? nl.c_str() : "");
  s->buf.clear();
  s->pos = 0;
  s->closed = false;
  s->initialized = true;
  if (initial) {
    TRY(write_locked(s, initial));
    s->pos = 0;
  }
  return ok();
}

Result<Ref<Object>> stringio_getvalue(Object* self, Object* const*, size_t, Object*) {
  StringIOObject* s = as_sio(self);
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_usable(s));
  return text_of(s->buf.data(), s->buf.size());
}

Result<Ref<Object>> take_locked(StringIOObject* s, int64_t n) {
  int64_t avail = std::max<int64_t>(0, int64_t(s->buf.size()) - s->pos);
  if (n < 0 || n > avail) n = avail;
  Ref<Object> out = TRY(text_of(s->buf.data() + std::min<size_t>(size_t(s->pos), s->buf.size()), size_t(n)));
  s->pos += n;
  return out;
}

Result<Ref<Object>> stringio_read(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("read", nargs, kwnames, 0, 1));
  int64_t size = TRY(size_argument(nargs ? args[0] : nullptr));
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_usable(as_sio(self)));
  return take_locked(as_sio(self), size);
}

// Characters up to and including the next line ending from pos (to the end if none).
int64_t line_length(StringIOObject* s) {
  size_t n = s->buf.size();
  for (size_t i = size_t(s->pos); i < n; ++i) {
    char32_t c = s->buf[i];
    if (s->readuniversal && !s->nl.translate) {
      if (c == U'\n') return int64_t(i + 1) - s->pos;
      if (c == U'\r') return int64_t(i + 1 < n && s->buf[i + 1] == U'\n' ? i + 2 : i + 1) - s->pos;
    } else if (s->readnl[1] == '\n') {  // "\r\n"
      if (c == U'\r' && i + 1 < n && s->buf[i + 1] == U'\n') return int64_t(i + 2) - s->pos;
    } else if (c == char32_t(s->readnl[0])) {
      return int64_t(i + 1) - s->pos;
    }
  }
  return int64_t(n) - s->pos;
}

Result<Ref<Object>> readline_locked(StringIOObject* s, int64_t limit) {
  if (s->pos >= int64_t(s->buf.size())) return str_from_ascii("");
  int64_t n = line_length(s);
  if (limit >= 0 && limit < n) n = limit;
  return take_locked(s, n);
}

Result<Ref<Object>> stringio_readline(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(args_positional_only("readline", nargs, kwnames, 0, 1));
  int64_t limit = TRY(size_argument(nargs ? args[0] : nullptr));
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_usable(as_sio(self)));
  return readline_locked(as_sio(self), limit);
}

Next stringio_iternext(Object* self) {
  Result<Ref<Object>> line = stringio_readline(self, nullptr, 0, nullptr);
  if (line.is_error()) return Error{};
  Ref<Object> l = std::move(line).value();
  if (str_length(l.get()) == 0) return Next::done();
  return Next(std::move(l));
}

Result<Ref<Object>> stringio_write(Object* self, Object* const* args, size_t, Object*) {
  if (!is_str(args[0]))
    return raise(exc::TypeError, "string argument expected, got '{}'", type_name_of(args[0]));
  StringIOObject* s = as_sio(self);
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_usable(s));
  int64_t n = str_length(args[0]);
  if (n > 0) TRY(write_locked(s, args[0]));
  return int_from_i64(n);
}

Result<Ref<Object>> stringio_seek(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("seek", nargs, kwnames, 1, 2));
  int64_t pos = TRY(index_as_i64(args[0], exc::OverflowError));
  int64_t whence = nargs > 1 ? TRY(index_as_i64(args[1])) : 0;
  StringIOObject* s = as_sio(self);
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_usable(s));
  if (whence < 0 || whence > 2)
    return raise(exc::ValueError, "Invalid whence ({}, should be 0, 1 or 2)", whence);
  if (whence == 0 && pos < 0) return raise(exc::ValueError, "Negative seek position {}", pos);
  if (whence != 0 && pos != 0) return raise(exc::OSError, "Can't do nonzero cur-relative seeks");
  if (whence == 2) pos = int64_t(s->buf.size());
  else if (whence == 1) pos = s->pos;
  s->pos = pos;
  return int_from_i64(pos);
}

Result<Ref<Object>> stringio_tell(Object* self, Object* const*, size_t, Object*) {
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_usable(as_sio(self)));
  return int_from_i64(as_sio(self)->pos);
}

Result<Ref<Object>> stringio_truncate(Object* self, Object* const* args, size_t nargs,
                                      Object* kwnames) {
  TRY(args_positional_only("truncate", nargs, kwnames, 0, 1));
  StringIOObject* s = as_sio(self);
  sync::CriticalSection cs(self->ob_mutex);
  TRY(check_usable(s));
  int64_t size = nargs && !is_none(args[0]) ? TRY(index_as_i64(args[0])) : s->pos;
  if (size < 0) return raise(exc::ValueError, "Negative size value {}", size);
  if (size < int64_t(s->buf.size())) s->buf.resize(size_t(size));
  return int_from_i64(size);
}

Result<Ref<Object>> stringio_true(Object* self, Object* const*, size_t, Object*) {
  TRY(check_usable(as_sio(self)));
  return new_bool(true);
}

Result<Ref<Object>> stringio_close(Object* self, Object* const*, size_t, Object*) {
  StringIOObject* s = as_sio(self);
  sync::CriticalSection cs(self->ob_mutex);
  s->closed = true;
  std::u32string().swap(s->buf);
  return new_none();
}

Result<Ref<Object>> stringio_closed_get(Object* self) {
  StringIOObject* s = as_sio(self);
  if (!s->initialized) return raise(exc::ValueError, "I/O operation on uninitialized object");
  return new_bool(s->closed);
}
Result<Ref<Object>> stringio_line_buffering_get(Object* self) {
  TRY(check_usable(as_sio(self)));
  return new_bool(false);
}
Result<Ref<Object>> stringio_newlines_get(Object* self) {
  StringIOObject* s = as_sio(self);
  TRY(check_usable(s));
  if (!s->readuniversal) return new_none();
  return newline_seen_value(s->nl.seen);
}

const MethodDef kStringIOMethods[] = {
    {"close", stringio_close, kMethNoArgs, "Close the IO object."},
    {"getvalue", stringio_getvalue, kMethNoArgs, "Retrieve the entire contents of the object."},
    {"read", stringio_read, kMethFastcall, "Read at most size characters, returned as a string."},
    {"readline", stringio_readline, kMethFastcall, "Read until newline or EOF."},
    {"tell", stringio_tell, kMethNoArgs, "Tell the current file position."},
    {"truncate", stringio_truncate, kMethFastcall, "Truncate size to pos."},
    {"seek", stringio_seek, kMethFastcall, "Change stream position."},
    {"write", stringio_write, kMethOneArg, "Write string to file."},
    {"seekable", stringio_true, kMethNoArgs, "Returns True if the IO object can be seeked."},
    {"readable", stringio_true, kMethNoArgs, "Returns True if the IO object can be read."},
    {"writable", stringio_true, kMethNoArgs, "Returns True if the IO object can be written."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kStringIOGetSets[] = {
    {"closed", stringio_closed_get, nullptr, nullptr},
    {"newlines", stringio_newlines_get, nullptr, nullptr},
    {"line_buffering", stringio_line_buffering_get, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_stringio_type() {
  fill_io_type(&StringIOType, "_io.StringIO", &TextIOBaseType, sizeof(StringIOObject),
               "Text I/O implementation using an in-memory buffer.");
  StringIOType.new_ = stringio_new;
  StringIOType.init = stringio_init;
  StringIOType.dealloc = stringio_dealloc;
  StringIOType.iter = iter_self;
  StringIOType.iternext = stringio_iternext;
  StringIOType.methods = kStringIOMethods;
  StringIOType.getsets = kStringIOGetSets;
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_stringio_type);

}  // namespace
}  // namespace weft::io
