// stdlib/_io/textio.cpp — _io.TextIOWrapper, a text stream over a buffered binary stream
// (CPython's Modules/_io/textio.c).
//
// Codecs: UTF-8, Latin-1 and ASCII are decoded and encoded natively (objects/unicode_codecs.h),
// with an incomplete trailing UTF-8 sequence kept in `pending_bytes` between chunks; every other
// encoding uses the registry's incremental decoder/encoder objects (stdlib/_codecs).
// Newlines follow IncrementalNewlineDecoder: newline=None translates \r\n and \r to \n on input
// and \n to os.linesep on output; newline='' splits lines at any of them untranslated; '\n',
// '\r', '\r\n' use that ending only. A '\r' ending a chunk is held back (`pending_cr`) until the
// next chunk shows whether a '\n' follows.
//
// Positions: tell() returns a plain byte offset. `decoded` holds the text decoded since the last
// snapshot, `snap_bytes` the bytes it came from (starting at byte `snap_pos`), so tell() walks
// those bytes up to the consumed character count. For registry codecs tell() is exact only
// when no decoded text is pending. seek() accepts offsets tell() returned.
//
// Output: encoded text collects in `pending_write` and goes to buffer.write() in pieces of about
// _CHUNK_SIZE (CPython's pending_bytes), at once for line_buffering/write_through, and before
// any read, seek, tell, flush or close.
//
// Locking: a sync::Mutex per object, held across each whole operation including the calls into
// the buffer (which take the buffer's own lock after this one: always this order), so one
// write() reaches the buffer as one piece even when threads share the stream.
#include <new>
#include <string>

#include "core/thread_state.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/object_impl.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/unicode_codecs.h"
#include "stdlib/_codecs/codecs_internal.h"
#include "stdlib/_io/io_internal.h"

namespace weft::io {

Type TextIOWrapperType;

namespace {

struct TextIOObject : IOBaseObject {
  Object* buffer;     // owned; nullptr before __init__ / after detach()
  Object* encoding;   // str, as given (or the locale's encoding)
  Object* errors;     // str
  Object* decoder;    // registry incremental decoder, or nullptr (fast codec / not readable)
  Object* encoder;    // registry incremental encoder, or nullptr
  Object* decoded;    // str decoded since the snapshot, or nullptr
  sync::Mutex lock;
  std::atomic<uintptr_t> owner;
  BuiltinCodec codec;
  bool readable, writable, seekable, detached;
  bool readuniversal, writetranslate;   // nl.translate is CPython's readtranslate
  bool line_buffering, write_through;
  std::atomic<bool> telling;  // false while iterating with next() (CPython disables tell())
  NewlineState nl;          // universal newline decoding state
  char readnl[3];           // the newline for reading when not universal ("\n", "\r", "\r\n")
  char writenl[3];          // output newline when writetranslate, "" = no translation
  int64_t used;             // characters of `decoded` already returned
  int64_t chunk_size;
  int64_t snap_pos;         // byte position where snap_bytes start
  std::string snap_bytes;   // bytes behind `decoded` (plus held-back tail bytes)
  std::string pending_bytes;  // incomplete UTF-8 sequence at the end of the last chunk
  std::string pending_write;  // encoded output not yet handed to the buffer (< chunk_size)
};

TextIOObject* as_text(Object* o) { return static_cast<TextIOObject*>(o); }

void set_field(Object** field, Object* value) {
  Object* old = std::exchange(*field, value ? Ref<Object>::borrow(value).release() : nullptr);
  if (old) Ref<Object>::steal(old).reset();
}

class TextLock {
 public:
  explicit TextLock(TextIOObject* t) : t_(t) {}
  // The lock is taken conditionally (not on a reentrant call) and released by the destructor
  // only if taken (`held_`), which Clang's static lock analysis cannot follow; it is off for
  // these two members and the protocol is checked at run time and by TSan.
  Status acquire() WEFT_NO_THREAD_SAFETY_ANALYSIS {
    uintptr_t me = core::current_thread_id();
    if (t_->owner.load(std::memory_order_relaxed) == me)
      return raise(exc::RuntimeError, "reentrant call inside {}", type_name_of(t_));
    t_->lock.lock();  // annotated: taken and released by the same thread
    t_->owner.store(me, std::memory_order_relaxed);
    held_ = true;
    return ok();
  }
  ~TextLock() WEFT_NO_THREAD_SAFETY_ANALYSIS {
    if (!held_) return;
    t_->owner.store(0, std::memory_order_relaxed);
    t_->lock.unlock();
  }
  TextLock(const TextLock&) = delete;
  TextLock& operator=(const TextLock&) = delete;

 private:
  TextIOObject* t_;
  bool held_ = false;
};

#define LOCKED(t)          \
  TextLock guard_(t);      \
  TRY(guard_.acquire())

Status check_attached(TextIOObject* t) {
  if (t->buffer) return ok();
  if (t->detached) return raise(exc::ValueError, "underlying buffer has been detached");
  return raise(exc::ValueError, "I/O operation on uninitialized object");
}

Result<bool> buffer_closed(TextIOObject* t) {
  if (int fast = buffered_closed_fast(t->buffer); fast >= 0) return fast == 1;
  Ref<Object> c = TRY(get_attr(t->buffer, "closed"));
  return object_is_true(c.get());
}

Status check_open(TextIOObject* t) {
  TRY(check_attached(t));
  if (TRY(buffer_closed(t))) return raise_closed_file();
  return ok();
}

int64_t unread_count(TextIOObject* t) {
  return t->decoded ? str_length(t->decoded) - t->used : 0;
}

void reset_read_state(TextIOObject* t) {
  set_field(&t->decoded, nullptr);
  t->used = 0;
  t->pending_bytes.clear();
  t->nl.pending_cr = false;
  t->snap_bytes.clear();
}

// ---- decoding ---------------------------------------------------------------------------------

// IncrementalNewlineDecoder on one decoded chunk (universal modes only).
Result<Ref<Object>> apply_read_newlines(TextIOObject* t, Ref<Object> text, bool final) {
  if (!t->readuniversal) return text;
  return newline_decode(t->nl, std::move(text), final);
}

// Decodes `chunk` (the next bytes of the stream) to text.
Result<Ref<Object>> decode_chunk(TextIOObject* t, std::string_view chunk, bool final) {
  std::string_view err = TRY(str_utf8(t->errors));
  Ref<Object> text;
  if (t->codec == BuiltinCodec::Other) {
    Ref<Object> b = TRY(bytes_from(chunk));
    Object* a[] = {b.get(), py_bool(final)};
    text = TRY(call_method(t->decoder, "decode", a, 2));
    if (!is_str(text.get()))
      return raise(exc::TypeError, "decoder should return a string result, not '{}'",
                   type_name_of(text.get()));
  } else {
    std::string data = std::move(t->pending_bytes);
    t->pending_bytes.clear();
    data.append(chunk);
    std::string_view now = data;
    if (t->codec == BuiltinCodec::Utf8 && !final) {
      now = now.substr(0, codecs_module::utf8_complete_prefix(now));
      t->pending_bytes.assign(data, now.size());
    }
    if (t->codec == BuiltinCodec::Utf8) text = TRY(decode_utf8(now, err));
    else if (t->codec == BuiltinCodec::Ascii) text = TRY(decode_ascii(now, err));
    else text = TRY(decode_latin1(now));
  }
  return apply_read_newlines(t, std::move(text), final);
}

// Hands the pending output to the buffer in one write() (CPython's _textiowrapper_writeflush);
// the lock is held.
Status write_flush_locked(TextIOObject* t) {
  if (t->pending_write.empty()) return ok();
  Ref<Object> bytes = TRY(bytes_from(t->pending_write));
  t->pending_write.clear();
  Object* a[] = {bytes.get()};
  TRY(call_method(t->buffer, "write", a, 1));
  return ok();
}

// Reads one chunk from the buffer and appends its text to `decoded`; false at EOF.
Result<bool> read_chunk(TextIOObject* t, int64_t size_hint) {
  if (!t->decoder && t->codec == BuiltinCodec::Other)
    return raise_unsupported("not readable");
  TRY(write_flush_locked(t));
  int64_t want = std::max(t->chunk_size, size_hint);
  if (unread_count(t) == 0 && t->pending_bytes.empty() && !t->nl.pending_cr && t->seekable) {
    // A fresh snapshot: `decoded` will start exactly at the buffer position.
    Ref<Object> pos = TRY(call_method(t->buffer, "tell", nullptr, 0));
    t->snap_pos = TRY(index_as_i64(pos.get()));
    t->snap_bytes.clear();
    set_field(&t->decoded, nullptr);
    t->used = 0;
  }
  Ref<Object> n = TRY(int_from_i64(want));
  Object* a[] = {n.get()};
  Ref<Object> data = TRY(call_method(t->buffer, "read1", a, 1));
  if (is_none(data.get())) return false;
  if (!is_bytes(data.get()))
    return raise(exc::TypeError, "underlying read1() should have returned a bytes-like object, not '{}'",
                 type_name_of(data.get()));
  std::string_view bytes = bytes_view(data.get());
  bool eof = bytes.empty();
  t->snap_bytes.append(bytes);
  Ref<Object> text = TRY(decode_chunk(t, bytes, eof));
  if (!t->decoded) {
    t->decoded = text.release();
  } else if (str_length(text.get()) > 0) {
    Ref<Object> joined = TRY(str_concat(t->decoded, text.get()));
    set_field(&t->decoded, joined.get());
  }
  return !eof;
}

Result<Ref<Object>> take_chars(TextIOObject* t, int64_t n) {
  StrBuilder b;
  if (t->decoded && n > 0) b.append_substr(t->decoded, t->used, t->used + n);
  t->used += n;
  return b.finish();
}

// The end (exclusive) of the first line in decoded[used:], or -1 if none is complete yet.
// `at_eof` allows a final '\r' to end a line in universal mode.
int64_t find_line_end(TextIOObject* t, bool at_eof) {
  Object* s = t->decoded;
  if (!s) return -1;
  int64_t n = str_length(s);
  for (int64_t i = t->used; i < n; ++i) {
    uint32_t c = str_char_at(s, i);
    if (t->nl.translate || (!t->readuniversal && t->readnl[0] == '\n')) {
      if (c == '\n') return i + 1;
    } else if (t->readuniversal) {
      if (c == '\n') return i + 1;
      if (c == '\r') {
        if (i + 1 < n) return str_char_at(s, i + 1) == '\n' ? i + 2 : i + 1;
        if (at_eof) return i + 1;
        return -1;  // need the next character to decide
      }
    } else if (t->readnl[1] == '\0') {  // "\r"
      if (c == '\r') return i + 1;
    } else {  // "\r\n"
      if (c == '\r' && i + 1 < n && str_char_at(s, i + 1) == '\n') return i + 2;
    }
  }
  return -1;
}

// ---- encoding ---------------------------------------------------------------------------------

// Appends the encoded form of `text` to pending_write. UTF-8 text that needs no error handling
// is copied from the str's cached UTF-8 without making a bytes object.
Status encode_into_pending(TextIOObject* t, Object* text) {
  std::string_view err = TRY(str_utf8(t->errors));
  bool strict = err == "strict";
  if (t->codec == BuiltinCodec::Utf8 && (str_is_ascii(text) || strict)) {
    std::string_view u = TRY(str_utf8(text));
    t->pending_write.append(u);
    return ok();
  }
  Ref<Object> b;
  switch (t->codec) {
    case BuiltinCodec::Utf8: b = TRY(encode_utf8(text, err)); break;
    case BuiltinCodec::Ascii: b = TRY(encode_ascii(text, err)); break;
    case BuiltinCodec::Latin1: b = TRY(encode_latin1(text, err)); break;
    case BuiltinCodec::Other: {
      Object* a[] = {text};
      b = TRY(call_method(t->encoder, "encode", a, 1));
      if (!is_bytes(b.get()))
        return raise(exc::TypeError, "encoder should return a bytes object, not '{}'",
                     type_name_of(b.get()));
      break;
    }
  }
  t->pending_write.append(bytes_view(b.get()));
  return ok();
}

// Replaces '\n' by `nl` in `text`.
Result<Ref<Object>> translate_written_newlines(Object* text, const char* nl) {
  StrBuilder b;
  int64_t n = str_length(text);
  int64_t start = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (str_char_at(text, i) != '\n') continue;
    b.append_substr(text, start, i);
    b.append_ascii(nl);
    start = i + 1;
  }
  b.append_substr(text, start, n);
  return b.finish();
}

// ---- construction -----------------------------------------------------------------------------

// The encoding used when none is given: text_encoding(None) is "locale", and Weft's locale
// encoding is UTF-8 (CPython on Linux coerces the C locale to UTF-8 too, PEP 538).
constexpr const char* kLocaleEncoding = "UTF-8";

Status validate_newline(Object* newline, const char* fname) {
  if (!newline || is_none(newline)) return ok();
  if (!is_str(newline))
    return raise(exc::TypeError, "{}() argument 'newline' must be str or None, not {}", fname,
                 type_name_of(newline));
  if (str_equal_ascii(newline, "") || str_equal_ascii(newline, "\n") ||
      str_equal_ascii(newline, "\r") || str_equal_ascii(newline, "\r\n"))
    return ok();
  return raise(exc::ValueError, "illegal newline value: {}", str_to_std_string(newline));
}

void configure_newline(TextIOObject* t, Object* newline) {
  bool none = !newline || is_none(newline);
  std::string nl = none ? std::string() : str_to_std_string(newline);
  t->readuniversal = none || nl.empty();
  t->nl = NewlineState{};
  t->nl.translate = none;
  std::snprintf(t->readnl, sizeof t->readnl, "%s", nl.c_str());
  t->writetranslate = none || !nl.empty();
  // newline=None writes os.linesep ("\n" here), which needs no translation.
  std::snprintf(t->writenl, sizeof t->writenl, "%s", none || nl == "\n" ? "" : nl.c_str());
}

Status setup_codec(TextIOObject* t, Object* encoding) {
  t->codec = codec_lookup_builtin(TRY(str_utf8(encoding)));
  set_field(&t->decoder, nullptr);
  set_field(&t->encoder, nullptr);
  if (t->codec != BuiltinCodec::Other) return ok();
  Ref<Object> info = TRY(codecs_module::lookup_text_codec(encoding, nullptr));
  if (t->readable) {
    Ref<Object> factory = TRY(get_attr(info.get(), "incrementaldecoder"));
    Ref<Object> d = TRY(call_one(factory.get(), t->errors));
    set_field(&t->decoder, d.get());
  }
  if (t->writable) {
    Ref<Object> factory = TRY(get_attr(info.get(), "incrementalencoder"));
    Ref<Object> e = TRY(call_one(factory.get(), t->errors));
    set_field(&t->encoder, e.get());
  }
  return ok();
}

Result<bool> call_bool(Object* o, const char* method) {
  Ref<Object> r = TRY(call_method(o, method, nullptr, 0));
  return object_is_true(r.get());
}

Status textio_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kInit("TextIOWrapper",
                               "buffer | encoding errors newline line_buffering write_through");
  Object* a[6];
  TRY(kInit.parse(args, nargs, kwnames, a));
  TextIOObject* t = as_text(self);
  for (int i : {1, 2})
    if (a[i] && !is_none(a[i]) && !is_str(a[i]))
      return raise(exc::TypeError, "TextIOWrapper() argument '{}' must be str or None, not {}",
                   i == 1 ? "encoding" : "errors", type_name_of(a[i]));
  TRY(validate_newline(a[3], "TextIOWrapper"));
  Ref<Object> encoding;
  if (!a[1] || is_none(a[1]) || str_equal_ascii(a[1], "locale")) encoding = TRY(str_from_ascii(kLocaleEncoding));
  else encoding = new_ref(a[1]);
  Ref<Object> errors = a[2] && !is_none(a[2]) ? new_ref(a[2]) : TRY(str_from_ascii("strict"));
  LOCKED(t);
  t->detached = false;
  set_field(&t->buffer, a[0]);
  set_field(&t->encoding, encoding.get());
  set_field(&t->errors, errors.get());
  reset_read_state(t);
  t->line_buffering = a[4] ? TRY(object_is_true(a[4])) : false;
  t->write_through = a[5] ? TRY(object_is_true(a[5])) : false;
  configure_newline(t, a[3]);
  t->chunk_size = 8192;
  t->readable = TRY(call_bool(a[0], "readable"));
  t->writable = TRY(call_bool(a[0], "writable"));
  t->seekable = TRY(call_bool(a[0], "seekable"));
  t->telling = t->seekable;
  TRY(setup_codec(t, encoding.get()));
  if (t->encoder && t->seekable) {
    // Appending to a non-empty file must not write a second BOM (utf-16, utf-32, utf-8-sig).
    Ref<Object> pos = TRY(call_method(t->buffer, "tell", nullptr, 0));
    if (TRY(index_as_i64(pos.get())) != 0) {
      Ref<Object> zero = TRY(int_from_i64(0));
      Object* sa[] = {zero.get()};
      TRY(call_method(t->encoder, "setstate", sa, 1));
    }
  }
  return ok();
}

Result<Ref<Object>> textio_new(Type* type, Object* const*, size_t, Object*) {
  Ref<Object> self = TRY(object_generic_alloc(type));
  TextIOObject* t = as_text(self.get());
  new (&t->lock) sync::Mutex();
  new (&t->snap_bytes) std::string();
  new (&t->pending_bytes) std::string();
  new (&t->pending_write) std::string();
  TRY(track_stream(self.get()));
  return self;
}

void clear_fields(TextIOObject* t) {
  for (Object** f : {&t->buffer, &t->encoding, &t->errors, &t->decoder, &t->encoder, &t->decoded})
    set_field(f, nullptr);
}

void textio_dealloc(Object* self) {
  untrack_stream(self);
  TextIOObject* t = as_text(self);
  if (t->buffer && !t->pending_write.empty()) {
    Ref<Object> saved = take_exception();
    if (write_flush_locked(t).is_error()) write_unraisable("Exception ignored while finalizing file");
    clear_error();
    if (saved) set_exception(std::move(saved));
  }
  clear_fields(t);  // dropping the buffer lets it flush and close itself
  t->snap_bytes.~basic_string();
  t->pending_bytes.~basic_string();
  t->pending_write.~basic_string();
  iobase_clear_dict(self);
  free_object(self);
}

void textio_traverse(Object* self, VisitFn visit, void* arg) {
  TextIOObject* t = as_text(self);
  for (Object* f : {t->buffer, t->encoding, t->errors, t->decoder, t->encoder, t->decoded})
    if (f) visit(f, arg);
  iobase_traverse_dict(self, visit, arg);
}

void textio_clear(Object* self) {
  clear_fields(as_text(self));
  iobase_clear_dict(self);
}

// ---- reading ----------------------------------------------------------------------------------

Status check_readable_text(TextIOObject* t) {
  if (!t->readable) return raise_unsupported("not readable");
  return ok();
}

Result<Ref<Object>> textio_read(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("read", nargs, kwnames, 0, 1));
  int64_t size = TRY(size_argument(nargs ? args[0] : nullptr));
  TextIOObject* t = as_text(self);
  TRY(check_open(t));
  TRY(check_readable_text(t));
  LOCKED(t);
  if (size < 0) {
    while (TRY(read_chunk(t, 0))) {}
    return take_chars(t, unread_count(t));
  }
  while (unread_count(t) < size && TRY(read_chunk(t, size))) {}
  return take_chars(t, std::min(size, unread_count(t)));
}

Result<Ref<Object>> readline_locked(TextIOObject* t, int64_t limit) {
  while (true) {
    int64_t end = find_line_end(t, false);
    if (end >= 0) {
      int64_t n = end - t->used;
      return take_chars(t, limit >= 0 ? std::min(limit, n) : n);
    }
    if (limit >= 0 && unread_count(t) >= limit) return take_chars(t, limit);
    if (!TRY(read_chunk(t, 0))) {
      int64_t e = find_line_end(t, true);
      int64_t n = e >= 0 ? e - t->used : unread_count(t);
      return take_chars(t, limit >= 0 ? std::min(limit, n) : n);
    }
  }
}

Result<Ref<Object>> textio_readline(Object* self, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  TRY(args_positional_only("readline", nargs, kwnames, 0, 1));
  int64_t limit = TRY(size_argument(nargs ? args[0] : nullptr));
  TextIOObject* t = as_text(self);
  TRY(check_open(t));
  TRY(check_readable_text(t));
  LOCKED(t);
  return readline_locked(t, limit);
}

Next textio_iternext(Object* self) {
  TextIOObject* t = as_text(self);
  t->telling = false;
  Result<Ref<Object>> line = textio_readline(self, nullptr, 0, nullptr);
  if (line.is_error()) return Error{};
  Ref<Object> l = std::move(line).value();
  if (str_length(l.get()) == 0) {
    t->telling = t->seekable;
    return Next::done();
  }
  return Next(std::move(l));
}

// ---- writing ----------------------------------------------------------------------------------

Result<Ref<Object>> textio_write(Object* self, Object* const* args, size_t, Object*) {
  TextIOObject* t = as_text(self);
  Object* text = args[0];
  if (!is_str(text))
    return raise(exc::TypeError, "write() argument must be str, not {}", type_name_of(text));
  TRY(check_open(t));
  if (!t->writable) return raise_unsupported("not writable");
  int64_t n = str_length(text);
  bool has_lf = false, has_cr = false;
  for (int64_t i = 0; i < n && !(has_lf && has_cr); ++i) {
    uint32_t c = str_char_at(text, i);
    has_lf |= c == '\n';
    has_cr |= c == '\r';
  }
  Ref<Object> out = new_ref(text);
  if (has_lf && t->writetranslate && t->writenl[0]) out = TRY(translate_written_newlines(text, t->writenl));
  LOCKED(t);
  if (t->decoded || !t->pending_bytes.empty() || t->nl.pending_cr) {
    reset_read_state(t);
    if (t->decoder) TRY(call_method(t->decoder, "reset", nullptr, 0));
  }
  TRY(encode_into_pending(t, out.get()));
  bool needflush = t->line_buffering && (has_lf || has_cr);
  if (needflush || t->write_through || int64_t(t->pending_write.size()) >= t->chunk_size)
    TRY(write_flush_locked(t));
  if (needflush) TRY(call_method(t->buffer, "flush", nullptr, 0));
  return int_from_i64(n);
}

Result<Ref<Object>> textio_flush(Object* self, Object* const*, size_t, Object*) {
  TextIOObject* t = as_text(self);
  TRY(check_open(t));
  LOCKED(t);
  TRY(write_flush_locked(t));
  return call_method(t->buffer, "flush", nullptr, 0);
}

Result<Ref<Object>> textio_close(Object* self, Object* const*, size_t, Object*) {
  TextIOObject* t = as_text(self);
  TRY(check_attached(t));
  if (TRY(buffer_closed(t))) return new_none();
  Result<Ref<Object>> flushed = call_method(self, "flush", nullptr, 0);
  Ref<Object> saved = flushed.is_error() ? take_exception() : Ref<Object>();
  Result<Ref<Object>> closed = call_method(t->buffer, "close", nullptr, 0);
  if (saved) {
    if (closed.is_error()) clear_error();
    set_exception(std::move(saved));
    return Error{};
  }
  return closed;
}

Result<Ref<Object>> textio_detach(Object* self, Object* const*, size_t, Object*) {
  TextIOObject* t = as_text(self);
  TRY(check_attached(t));
  TRY(call_method(self, "flush", nullptr, 0));
  LOCKED(t);
  Ref<Object> buffer = Ref<Object>::steal(std::exchange(t->buffer, nullptr));
  t->detached = true;
  return buffer;
}

// ---- positions --------------------------------------------------------------------------------

// Bytes of snap_bytes that produce the first `chars` characters of `decoded` (fast codecs).
int64_t bytes_for_chars(TextIOObject* t, int64_t chars) {
  const std::string& b = t->snap_bytes;
  size_t i = 0;
  for (int64_t c = 0; c < chars && i < b.size(); ++c) {
    uint8_t lead = uint8_t(b[i]);
    if (t->nl.translate && lead == '\r' && i + 1 < b.size() && b[i + 1] == '\n') { i += 2; continue; }
    size_t len = 1;
    if (t->codec == BuiltinCodec::Utf8)
      len = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 1;
    i += std::min(len, b.size() - i);
  }
  return int64_t(i);
}

Result<Ref<Object>> textio_tell(Object* self, Object* const*, size_t, Object*) {
  TextIOObject* t = as_text(self);
  TRY(check_open(t));
  if (!t->seekable) return raise_unsupported("underlying stream is not seekable");
  if (!t->telling) return raise(exc::OSError, "telling position disabled by next() call");
  TRY(call_method(self, "flush", nullptr, 0));
  LOCKED(t);
  if (!t->decoded && t->pending_bytes.empty() && !t->nl.pending_cr) {
    Ref<Object> pos = TRY(call_method(t->buffer, "tell", nullptr, 0));
    if (!t->decoder) return pos;
    Ref<Object> state = TRY(call_method(t->decoder, "getstate", nullptr, 0));
    if (is_tuple(state.get()) && tuple_size(state.get()) >= 1 && is_bytes(tuple_item(state.get(), 0))) {
      int64_t p = TRY(index_as_i64(pos.get()));
      return int_from_i64(p - bytes_size(tuple_item(state.get(), 0)));
    }
    return pos;
  }
  if (t->codec == BuiltinCodec::Other) {
    if (unread_count(t) == 0 && !t->nl.pending_cr) {
      Ref<Object> pos = TRY(call_method(t->buffer, "tell", nullptr, 0));
      return pos;
    }
    return raise(exc::OSError, "can't reconstruct logical file position");
  }
  return int_from_i64(t->snap_pos + bytes_for_chars(t, t->used));
}

Result<Ref<Object>> textio_seek(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("seek", nargs, kwnames, 1, 2));
  TextIOObject* t = as_text(self);
  TRY(check_open(t));
  int64_t whence = nargs > 1 ? TRY(index_as_i64(args[1])) : 0;
  if (!t->seekable) return raise_unsupported("underlying stream is not seekable");
  if (whence < 0 || whence > 2)
    return raise(exc::ValueError, "invalid whence ({}, should be 0, 1 or 2)", whence);
  Ref<Object> cookie = TRY(number_index(args[0]));
  int64_t pos = TRY(index_as_i64(cookie.get()));
  if (whence == 1) {
    if (pos != 0) return raise_unsupported("can't do nonzero cur-relative seeks");
    return call_method(self, "tell", nullptr, 0);
  }
  if (whence == 2 && pos != 0) return raise_unsupported("can't do nonzero end-relative seeks");
  if (whence == 0 && pos < 0) return raise(exc::ValueError, "negative seek position {}", pos);
  TRY(call_method(self, "flush", nullptr, 0));
  LOCKED(t);
  reset_read_state(t);
  t->telling = true;
  if (t->decoder) TRY(call_method(t->decoder, "reset", nullptr, 0));
  Ref<Object> p = TRY(int_from_i64(pos));
  Ref<Object> w = TRY(int_from_i64(whence));
  Object* a[] = {p.get(), w.get()};
  Ref<Object> r = TRY(call_method(t->buffer, "seek", a, 2));
  if (t->encoder) {
    Ref<Object> zero = TRY(int_from_i64(0));
    Object* sa[] = {zero.get()};
    if (TRY(index_as_i64(r.get())) == 0) TRY(call_method(t->encoder, "reset", nullptr, 0));
    else TRY(call_method(t->encoder, "setstate", sa, 1));
  }
  return r;
}

Result<Ref<Object>> textio_truncate(Object* self, Object* const* args, size_t nargs,
                                    Object* kwnames) {
  TRY(args_positional_only("truncate", nargs, kwnames, 0, 1));
  TextIOObject* t = as_text(self);
  TRY(check_attached(t));
  TRY(call_method(self, "flush", nullptr, 0));
  Ref<Object> pos = nargs && !is_none(args[0]) ? new_ref(args[0]) : TRY(call_method(self, "tell", nullptr, 0));
  Object* a[] = {pos.get()};
  return call_method(t->buffer, "truncate", a, 1);
}

// reconfigure(*, encoding=None, errors=None, newline=Ellipsis, line_buffering=None,
// write_through=None)
Result<Ref<Object>> textio_reconfigure(Object* self, Object* const* args, size_t nargs,
                                       Object* kwnames) {
  static const ArgParser kReconfigure("reconfigure",
                                      "* | encoding errors newline line_buffering write_through");
  Object* a[5];
  TRY(kReconfigure.parse(args, nargs, kwnames, a));
  TextIOObject* t = as_text(self);
  TRY(check_attached(t));
  for (int i : {0, 1})
    if (a[i] && !is_none(a[i]) && !is_str(a[i]))
      return raise(exc::TypeError, "reconfigure() argument '{}' must be str or None, not {}",
                   i == 0 ? "encoding" : "errors", type_name_of(a[i]));
  bool newline_given = a[2] && a[2] != &EllipsisObject;
  if (newline_given) TRY(validate_newline(a[2], "reconfigure"));
  bool encoding_given = a[0] && !is_none(a[0]);
  TRY(call_method(self, "flush", nullptr, 0));
  LOCKED(t);
  if ((encoding_given || newline_given) && t->decoded && unread_count(t) > 0)
    return raise_unsupported("It is not possible to set the encoding or newline of stream after the first read");
  if (encoding_given || (a[1] && !is_none(a[1]))) {
    Ref<Object> enc = encoding_given ? new_ref(a[0]) : new_ref(t->encoding);
    if (str_equal_ascii(enc.get(), "locale")) enc = TRY(str_from_ascii(kLocaleEncoding));
    Ref<Object> err = a[1] && !is_none(a[1]) ? new_ref(a[1])
                      : encoding_given ? TRY(str_from_ascii("strict")) : new_ref(t->errors);
    set_field(&t->encoding, enc.get());
    set_field(&t->errors, err.get());
    TRY(setup_codec(t, enc.get()));
  }
  if (newline_given) configure_newline(t, a[2]);
  if (a[3] && !is_none(a[3])) t->line_buffering = TRY(object_is_true(a[3]));
  if (a[4] && !is_none(a[4])) t->write_through = TRY(object_is_true(a[4]));
  return new_none();
}

// ---- small forwarding methods and attributes --------------------------------------------------

Result<Ref<Object>> forward(Object* self, const char* method) {
  TextIOObject* t = as_text(self);
  TRY(check_attached(t));
  return call_method(t->buffer, method, nullptr, 0);
}
Result<Ref<Object>> textio_fileno(Object* self, Object* const*, size_t, Object*) { return forward(self, "fileno"); }
Result<Ref<Object>> textio_isatty(Object* self, Object* const*, size_t, Object*) { return forward(self, "isatty"); }
Result<Ref<Object>> textio_seekable(Object* self, Object* const*, size_t, Object*) {
  TRY(check_open(as_text(self)));
  return new_bool(as_text(self)->seekable);
}
Result<Ref<Object>> textio_readable(Object* self, Object* const*, size_t, Object*) { return forward(self, "readable"); }
Result<Ref<Object>> textio_writable(Object* self, Object* const*, size_t, Object*) { return forward(self, "writable"); }

Result<Ref<Object>> field_or_none(Object* f) { return f ? new_ref(f) : new_none(); }
Result<Ref<Object>> textio_encoding_get(Object* self) { return field_or_none(as_text(self)->encoding); }
Result<Ref<Object>> textio_errors_get(Object* self) { return field_or_none(as_text(self)->errors); }
Result<Ref<Object>> textio_buffer_get(Object* self) {
  TRY(check_attached(as_text(self)));
  return new_ref(as_text(self)->buffer);
}
Result<Ref<Object>> textio_line_buffering_get(Object* self) { return new_bool(as_text(self)->line_buffering); }
Result<Ref<Object>> textio_write_through_get(Object* self) { return new_bool(as_text(self)->write_through); }
Result<Ref<Object>> textio_closed_get(Object* self) {
  TRY(check_attached(as_text(self)));
  return get_attr(as_text(self)->buffer, "closed");
}
Result<Ref<Object>> textio_name_get(Object* self) {
  TRY(check_attached(as_text(self)));
  return get_attr(as_text(self)->buffer, "name");
}
Result<Ref<Object>> textio_chunk_size_get(Object* self) { return int_from_i64(as_text(self)->chunk_size); }
Status textio_chunk_size_set(Object* self, Object* value) {
  if (!value) return raise(exc::AttributeError, "cannot delete attribute");
  int64_t n = TRY(index_as_i64(value));
  if (n <= 0) return raise(exc::ValueError, "a strictly positive integer is required");
  as_text(self)->chunk_size = n;
  return ok();
}

Result<Ref<Object>> textio_newlines_get(Object* self) {
  TextIOObject* t = as_text(self);
  if (!t->readuniversal) return new_none();
  return newline_seen_value(t->nl.seen);
}

Result<Ref<Object>> textio_repr(Object* self) {
  TextIOObject* t = as_text(self);
  std::string text = std::string("<") + type_name_of(self);
  for (const char* attr : {"name", "mode"}) {
    Ref<Object> v;
    Result<bool> found = lookup_attr(self, str_intern(attr), &v);
    if (found.is_error()) {
      if (!error_matches(exc::ValueError)) return Error{};
      clear_error();
    } else if (v) {
      Ref<Object> r = TRY(object_repr(v.get()));
      text += std::string(" ") + attr + "=" + str_to_std_string(r.get());
    }
  }
  if (t->encoding) {
    Ref<Object> r = TRY(object_repr(t->encoding));
    text += " encoding=" + str_to_std_string(r.get());
  }
  return str_from_utf8(text + ">");
}

const MethodDef kTextIOMethods[] = {
    {"detach", textio_detach, kMethNoArgs, nullptr},
    {"reconfigure", textio_reconfigure, kMethFastcall, "Reconfigure the text stream with new parameters."},
    {"write", textio_write, kMethOneArg, nullptr},
    {"read", textio_read, kMethFastcall, nullptr},
    {"readline", textio_readline, kMethFastcall, nullptr},
    {"flush", textio_flush, kMethNoArgs, nullptr},
    {"close", textio_close, kMethNoArgs, nullptr},
    {"fileno", textio_fileno, kMethNoArgs, nullptr},
    {"seekable", textio_seekable, kMethNoArgs, nullptr},
    {"readable", textio_readable, kMethNoArgs, nullptr},
    {"writable", textio_writable, kMethNoArgs, nullptr},
    {"isatty", textio_isatty, kMethNoArgs, nullptr},
    {"seek", textio_seek, kMethFastcall, "Set the stream position, and return the new stream position."},
    {"tell", textio_tell, kMethNoArgs, "Return the stream position as an opaque number."},
    {"truncate", textio_truncate, kMethFastcall, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kTextIOGetSets[] = {
    {"encoding", textio_encoding_get, nullptr, nullptr},
    {"errors", textio_errors_get, nullptr, nullptr},
    {"buffer", textio_buffer_get, nullptr, nullptr},
    {"line_buffering", textio_line_buffering_get, nullptr, nullptr},
    {"write_through", textio_write_through_get, nullptr, nullptr},
    {"name", textio_name_get, nullptr, nullptr},
    {"closed", textio_closed_get, nullptr, nullptr},
    {"newlines", textio_newlines_get, nullptr, nullptr},
    {"_CHUNK_SIZE", textio_chunk_size_get, textio_chunk_size_set, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_textio_type() {
  fill_io_type(&TextIOWrapperType, "_io.TextIOWrapper", &TextIOBaseType, sizeof(TextIOObject),
               "Character and line based layer over a BufferedIOBase object, buffer.");
  TextIOWrapperType.new_ = textio_new;
  TextIOWrapperType.init = textio_init;
  TextIOWrapperType.dealloc = textio_dealloc;
  TextIOWrapperType.traverse = textio_traverse;
  TextIOWrapperType.clear = textio_clear;
  TextIOWrapperType.repr = textio_repr;
  TextIOWrapperType.iternext = textio_iternext;
  TextIOWrapperType.methods = kTextIOMethods;
  TextIOWrapperType.getsets = kTextIOGetSets;
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_textio_type);

}  // namespace
}  // namespace weft::io
