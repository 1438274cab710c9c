// stdlib/_struct/struct_module.cpp — `_struct`: the Struct type, its unpack_iterator, the
// module-level functions with their format cache, and struct.error (CPython 3.14's
// Modules/_struct.c behaviour and messages).
//
// A Struct compiles its format once (struct_layout.cpp) and never changes afterwards, so one
// Struct is shared freely by threads. The module functions look the format up in a cache dict
// (the dict is internally locked; two threads compiling the same format at once just store one
// of two equivalent Structs); like CPython the cache is emptied when it reaches 100 entries.
// An unpack_iterator holds a ByteView export of its buffer (a bytearray cannot be resized under
// it) and advances its offset inside its own critical section.
#include <new>
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes_like.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/unicode_codecs.h"
#include "objects/weakref.h"
#include "stdlib/exception_class.h"
#include "stdlib/_struct/struct_layout.h"
#include "sync/critical_section.h"
#include "vm/module_table.h"

namespace weft::struct_module {
namespace {

Type StructType;
Type UnpackIteratorType;

struct StructObject : Object {
  Layout* layout;    // owned; immutable once built
  Object* format;    // owned str: the format as given (bytes decoded as ASCII)
  Object* weaklist;  // weak references to this Struct
};

StructObject* as_struct(Object* o) { return static_cast<StructObject*>(o); }
const Layout& layout_of(Object* s) { return *as_struct(s)->layout; }

// ---- Struct construction ----------------------------------------------------------------------

// The format's text as ASCII bytes and as the str that `Struct.format` shows.
Status format_text(Object* format, std::string* bytes, Ref<Object>* text) {
  if (is_str(format)) {
    Ref<Object> encoded = TRY(encode_ascii(format));
    std::string_view view = bytes_view(encoded.get());
    bytes->assign(view.data(), view.size());
    *text = new_ref(format);
    return ok();
  }
  if (is_bytes(format)) {
    std::string_view view = bytes_view(format);
    bytes->assign(view.data(), view.size());
    *text = TRY(decode_ascii(view));
    return ok();
  }
  return raise(exc::TypeError, "Struct() argument 1 must be a str or bytes object, not {}",
               type_name_of(format));
}

Result<Ref<Object>> struct_from_format(Type* type, Object* format) {
  std::string bytes;
  Ref<Object> text;
  TRY(format_text(format, &bytes, &text));
  Layout layout;
  TRY(compile_layout(bytes, &layout));
  Layout* owned = new (std::nothrow) Layout(std::move(layout));
  if (!owned) return raise_no_memory();
  Result<Ref<StructObject>> made =
      new_object<StructObject>(type, static_cast<size_t>(type->basicsize));
  if (made.is_error()) {
    delete owned;
    return Error{};
  }
  Ref<StructObject> s = made.release_value();
  s->layout = owned;
  s->format = text.release();
  return Ref<Object>(std::move(s));
}

Result<Ref<Object>> struct_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("Struct", "format");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return struct_from_format(type, a[0]);
}

void struct_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  StructObject* s = as_struct(self);
  delete s->layout;
  xdecref(s->format);
  free_object(self);
}

// ---- buffers ------------------------------------------------------------------------------------

// A writable view for pack_into: a bytearray, a writable memoryview or another writable exporter.
Result<ByteView> writable_view(Object* buffer) {
  std::optional<ByteView> view = TRY(writable_byte_view(buffer));
  if (!view)
    return raise(exc::TypeError, "argument must be read-write bytes-like object, not {}",
                 type_name_of(buffer));
  return std::move(*view);
}

// Resolves a possibly negative offset into a buffer of `length` bytes.
Result<int64_t> resolve_offset(int64_t offset, int64_t length) {
  if (offset >= 0) return offset;
  if (offset + length < 0)
    return raise(g_struct_error, "offset {} out of range for {}-byte buffer", offset, length);
  return offset + length;
}

// ---- the operations, shared by the methods and the module functions ---------------------------

Status check_item_count(const char* fname, const Layout& layout, size_t nvalues) {
  if (static_cast<int64_t>(nvalues) != layout.nvalues)
    return raise(g_struct_error, "{} expected {} items for packing (got {})", fname,
                 layout.nvalues, nvalues);
  return ok();
}

Result<Ref<Object>> do_pack(Object* s, Object* const* values, size_t nvalues) {
  const Layout& layout = layout_of(s);
  TRY(check_item_count("pack", layout, nvalues));
  Ref<Object> out = TRY(bytes_new_uninitialized(layout.size));
  char* data = bytes_mutable_data(out.get());
  memset(data, 0, static_cast<size_t>(layout.size));
  TRY(pack_values(layout, values, data));
  return out;
}

// pack_into(buffer, offset, *values); args[0] is the buffer.
Result<Ref<Object>> do_pack_into(Object* s, Object* const* args, size_t nargs) {
  const Layout& layout = layout_of(s);
  if (nargs < 1) return raise(g_struct_error, "pack_into expected buffer argument");
  if (nargs < 2) return raise(g_struct_error, "pack_into expected offset argument");
  TRY(check_item_count("pack_into", layout, nargs - 2));
  ByteView view = TRY(writable_view(args[0]));
  int64_t length = static_cast<int64_t>(view.size());
  int64_t offset = TRY(index_as_i64(args[1], exc::IndexError));
  if (offset < 0) {
    if (offset + layout.size > 0)
      return raise(g_struct_error, "no space to pack {} bytes at offset {}", layout.size, offset);
    offset = TRY(resolve_offset(offset, length));
  }
  if (length - offset < layout.size)
    return raise(g_struct_error,
                 "pack_into requires a buffer of at least {} bytes for packing {} bytes at "
                 "offset {} (actual buffer size is {})",
                 layout.size + offset, layout.size, offset, length);
  // Pack into scratch space first so a failing value leaves the buffer untouched.
  std::string scratch(static_cast<size_t>(layout.size), '\0');
  TRY(pack_values(layout, args + 2, scratch.data()));
  memcpy(const_cast<char*>(view.data()) + offset, scratch.data(), scratch.size());
  return new_none();
}

Result<Ref<Object>> do_unpack(Object* s, Object* buffer) {
  const Layout& layout = layout_of(s);
  ByteView view = TRY(byte_view(buffer));
  if (static_cast<int64_t>(view.size()) != layout.size)
    return raise(g_struct_error, "unpack requires a buffer of {} bytes", layout.size);
  return unpack_values(layout, view.data());
}

Result<Ref<Object>> do_unpack_from(Object* s, Object* buffer, Object* offset_arg) {
  const Layout& layout = layout_of(s);
  ByteView view = TRY(byte_view(buffer));
  int64_t length = static_cast<int64_t>(view.size());
  int64_t offset = offset_arg ? TRY(index_as_i64(offset_arg)) : 0;
  if (offset < 0) {
    if (offset + length < 0)
      return raise(g_struct_error, "offset {} out of range for {}-byte buffer", offset, length);
    if (offset + layout.size > 0)
      return raise(g_struct_error, "not enough data to unpack {} bytes at offset {}",
                   layout.size, offset);
    offset += length;
  }
  if (length - offset < layout.size)
    return raise(g_struct_error,
                 "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at "
                 "offset {} (actual buffer size is {})",
                 layout.size + offset, layout.size, offset, length);
  return unpack_values(layout, view.data() + offset);
}

// ---- unpack_iterator ----------------------------------------------------------------------------

struct UnpackIterObject : Object {
  Object* owner;   // owned Struct
  Object* buffer;  // owned: a view of bytes borrows the bytes' data, so the iterator keeps them
  ByteView view;   // the buffer's export, released when the iterator ends or dies
  int64_t offset;  // next record; changes in the critical section
};

UnpackIterObject* as_iter(Object* o) { return static_cast<UnpackIterObject*>(o); }

Result<Ref<Object>> do_iter_unpack(Object* s, Object* buffer) {
  const Layout& layout = layout_of(s);
  if (layout.size == 0)
    return raise(g_struct_error, "cannot iteratively unpack with a struct of length 0");
  ByteView view = TRY(byte_view(buffer));
  if (static_cast<int64_t>(view.size()) % layout.size != 0)
    return raise(g_struct_error,
                 "iterative unpacking requires a buffer of a multiple of {} bytes", layout.size);
  Ref<UnpackIterObject> it = TRY(new_object<UnpackIterObject>(
      &UnpackIteratorType, static_cast<size_t>(UnpackIteratorType.basicsize)));
  it->owner = new_ref(s).release();
  it->buffer = new_ref(buffer).release();
  new (&it->view) ByteView(std::move(view));
  it->offset = 0;
  return Ref<Object>(std::move(it));
}

Next unpack_iter_next(Object* self) {
  UnpackIterObject* it = as_iter(self);
  const Layout& layout = layout_of(it->owner);
  // Unpacking reads the buffer inside the section: another thread's next() may release the
  // view (ending a bytearray's export) as soon as the iterator is exhausted. unpack_values runs
  // no Python code.
  sync::CriticalSection cs{self->ob_mutex};
  if (it->offset + layout.size > static_cast<int64_t>(it->view.size())) {
    it->view.release();
    return Next::done();
  }
  Result<Ref<Object>> values = unpack_values(layout, it->view.data() + it->offset);
  if (values.is_error()) return Error{};
  it->offset += layout.size;
  return values.release_value();
}

Result<Ref<Object>> unpack_iter_length_hint(Object* self, Object* const*, size_t, Object*) {
  UnpackIterObject* it = as_iter(self);
  int64_t remaining;
  {
    sync::CriticalSection cs{self->ob_mutex};
    remaining = (static_cast<int64_t>(it->view.size()) - it->offset) / layout_of(it->owner).size;
  }
  return int_from_i64(remaining < 0 ? 0 : remaining);
}

Result<Ref<Object>> unpack_iter_self(Object* self) { return new_ref(self); }

void unpack_iter_dealloc(Object* self) {
  UnpackIterObject* it = as_iter(self);
  it->view.~ByteView();
  xdecref(it->owner);
  xdecref(it->buffer);
  free_object(self);
}

void unpack_iter_traverse(Object* self, VisitFn visit, void* arg) {
  if (Object* owner = as_iter(self)->owner) visit(owner, arg);
  if (Object* buffer = as_iter(self)->buffer) visit(buffer, arg);
}

Result<Ref<Object>> unpack_iter_new(Type*, Object* const*, size_t, Object*) {
  return raise(exc::TypeError, "cannot create '_struct.unpack_iterator' instances");
}

// ---- Struct methods -----------------------------------------------------------------------------

Result<Ref<Object>> struct_pack(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("Struct.pack", kwnames));
  return do_pack(self, args, nargs);
}

Result<Ref<Object>> struct_pack_into(Object* self, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  TRY(args_no_keywords("Struct.pack_into", kwnames));
  return do_pack_into(self, args, nargs);
}

Result<Ref<Object>> struct_unpack(Object* self, Object* const* args, size_t, Object*) {
  return do_unpack(self, args[0]);
}

Result<Ref<Object>> struct_unpack_from(Object* self, Object* const* args, size_t nargs,
                                       Object* kwnames) {
  static const ArgParser kParser("unpack_from", "buffer | offset");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return do_unpack_from(self, a[0], a[1]);
}

Result<Ref<Object>> struct_iter_unpack(Object* self, Object* const* args, size_t, Object*) {
  return do_iter_unpack(self, args[0]);
}

Result<Ref<Object>> struct_sizeof(Object* self, Object* const*, size_t, Object*) {
  const Layout& layout = layout_of(self);
  int64_t bytes = static_cast<int64_t>(sizeof(StructObject) + sizeof(Layout) +
                                       layout.fields.capacity() * sizeof(Field));
  return int_from_i64(bytes);
}

Result<Ref<Object>> struct_repr(Object* self) {
  Ref<Object> format = TRY(object_repr(as_struct(self)->format));
  StrBuilder out;
  out.append_ascii("Struct(");
  out.append_str(format.get());
  out.append_ascii(")");
  return out.finish();
}

Result<Ref<Object>> struct_get_format(Object* self) { return new_ref(as_struct(self)->format); }
Result<Ref<Object>> struct_get_size(Object* self) { return int_from_i64(layout_of(self).size); }

const MethodDef kStructMethods[] = {
    {"iter_unpack", struct_iter_unpack, kMethOneArg,
     "Return an iterator yielding tuples.\n\nTuples are unpacked from the given bytes source, "
     "like a repeated invocation of unpack_from().\n\nRequires that the bytes length be a "
     "multiple of the struct size."},
    {"pack", struct_pack, kMethFastcall,
     "S.pack(v1, v2, ...) -> bytes\n\nReturn a bytes object containing values v1, v2, ... "
     "packed according\nto the format string S.format.  See help(struct) for more on format\n"
     "strings."},
    {"pack_into", struct_pack_into, kMethFastcall,
     "S.pack_into(buffer, offset, v1, v2, ...)\n\nPack the values v1, v2, ... according to the "
     "format string S.format\nand write the packed bytes into the writable buffer buf starting "
     "at\noffset.  Note that the offset is a required argument.  See\nhelp(struct) for more on "
     "format strings."},
    {"unpack", struct_unpack, kMethOneArg,
     "Return a tuple containing unpacked values.\n\nUnpack according to the format string "
     "Struct.format. The buffer's size\nin bytes must be Struct.size.\n\nSee help(struct) for "
     "more on format strings."},
    {"unpack_from", struct_unpack_from, kMethFastcall,
     "Return a tuple containing unpacked values.\n\nValues are unpacked according to the format "
     "string Struct.format.\n\nThe buffer's size in bytes, starting at position offset, must be"
     "\nat least Struct.size.\n\nSee help(struct) for more on format strings."},
    {"__sizeof__", struct_sizeof, kMethNoArgs, "S.__sizeof__() -> size of S in memory, in bytes"},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kStructGetSets[] = {
    {"format", struct_get_format, nullptr, "struct format string"},
    {"size", struct_get_size, nullptr, "struct size in bytes"},
    {nullptr, nullptr, nullptr, nullptr},
};

const MethodDef kUnpackIterMethods[] = {
    {"__length_hint__", unpack_iter_length_hint, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// ---- module functions and the cache ------------------------------------------------------------

constexpr int64_t kMaxCache = 100;
Object* g_cache = nullptr;  // dict format -> Struct; created at start-up, internally locked

Result<Ref<Object>> cached_struct(Object* format) {
  Ref<Object> found;
  if (is_str(format) || is_bytes(format)) {
    if (TRY(dict_get_item(g_cache, format, &found))) return found;
  }
  Ref<Object> s = TRY(struct_from_format(&StructType, format));
  if (dict_size(g_cache) >= kMaxCache) dict_clear(g_cache);
  TRY(dict_set_item(g_cache, format, s.get()));
  return s;
}

Result<Ref<Object>> module_pack(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("_struct.pack", kwnames));
  if (nargs < 1) return raise(exc::TypeError, "missing format argument");
  Ref<Object> s = TRY(cached_struct(args[0]));
  return do_pack(s.get(), args + 1, nargs - 1);
}

Result<Ref<Object>> module_pack_into(Object*, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  TRY(args_no_keywords("_struct.pack_into", kwnames));
  if (nargs < 1) return raise(exc::TypeError, "missing format argument");
  Ref<Object> s = TRY(cached_struct(args[0]));
  return do_pack_into(s.get(), args + 1, nargs - 1);
}

Result<Ref<Object>> module_unpack(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("unpack", nargs, kwnames, 2, 2));
  Ref<Object> s = TRY(cached_struct(args[0]));
  return do_unpack(s.get(), args[1]);
}

Result<Ref<Object>> module_unpack_from(Object*, Object* const* args, size_t nargs,
                                       Object* kwnames) {
  static const ArgParser kParser("unpack_from", "format / buffer | offset");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> s = TRY(cached_struct(a[0]));
  return do_unpack_from(s.get(), a[1], a[2]);
}

Result<Ref<Object>> module_iter_unpack(Object*, Object* const* args, size_t nargs,
                                       Object* kwnames) {
  TRY(args_positional_only("iter_unpack", nargs, kwnames, 2, 2));
  Ref<Object> s = TRY(cached_struct(args[0]));
  return do_iter_unpack(s.get(), args[1]);
}

Result<Ref<Object>> module_calcsize(Object*, Object* const* args, size_t, Object*) {
  Ref<Object> s = TRY(cached_struct(args[0]));
  return int_from_i64(layout_of(s.get()).size);
}

Result<Ref<Object>> module_clearcache(Object*, Object* const*, size_t, Object*) {
  dict_clear(g_cache);
  return new_none();
}

const MethodDef kStructFunctions[] = {
    {"_clearcache", module_clearcache, kMethNoArgs, "Clear the internal cache."},
    {"calcsize", module_calcsize, kMethOneArg,
     "Return size in bytes of the struct described by the format string."},
    {"iter_unpack", module_iter_unpack, kMethFastcall,
     "Return an iterator yielding tuples unpacked from the given bytes.\n\nThe bytes are "
     "unpacked according to the format string, like\na repeated invocation of unpack_from().\n\n"
     "Requires that the bytes length be a multiple of the format struct size."},
    {"pack", module_pack, kMethFastcall,
     "pack(format, v1, v2, ...) -> bytes\n\nReturn a bytes object containing the values v1, v2, "
     "... packed according\nto the format string.  See help(struct) for more on format strings."},
    {"pack_into", module_pack_into, kMethFastcall,
     "pack_into(format, buffer, offset, v1, v2, ...)\n\nPack the values v1, v2, ... according "
     "to the format string and write\nthe packed bytes into the writable buffer buf starting at "
     "offset.  Note\nthat the offset is a required argument.  See help(struct) for more\non "
     "format strings."},
    {"unpack", module_unpack, kMethFastcall,
     "Return a tuple containing values unpacked according to the format string.\n\nThe buffer's "
     "size in bytes must be calcsize(format).\n\nSee help(struct) for more on format strings."},
    {"unpack_from", module_unpack_from, kMethFastcall,
     "Return a tuple containing values unpacked according to the format string.\n\nThe buffer's "
     "size, minus offset, must be at least calcsize(format).\n\nSee help(struct) for more on "
     "format strings."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- types and module ---------------------------------------------------------------------------

Status fill_struct_types() {
  Type& t = StructType;
  t.name = "_struct.Struct";
  t.doc = "Struct(format)\n--\n\nCreate a compiled struct object.\n\nReturn a new Struct "
          "object which writes and reads binary data according to\nthe format string.\n\nSee "
          "help(struct) for more on format strings.";
  t.basicsize = sizeof(StructObject);
  t.flags = kTypeBaseType;
  t.dealloc = struct_dealloc;
  t.new_ = struct_new;
  t.repr = struct_repr;
  t.methods = kStructMethods;
  t.getsets = kStructGetSets;
  t.weaklistoffset = offsetof(StructObject, weaklist);

  Type& it = UnpackIteratorType;
  it.name = "_struct.unpack_iterator";
  it.basicsize = sizeof(UnpackIterObject);
  it.flags = kTypeHaveGc;
  it.dealloc = unpack_iter_dealloc;
  it.traverse = unpack_iter_traverse;
  it.new_ = unpack_iter_new;
  it.iter = unpack_iter_self;
  it.iternext = unpack_iter_next;
  it.methods = kUnpackIterMethods;
  return ok();
}

Status ready_struct_types() {
  TRY(type_ready(&StructType));
  return type_ready(&UnpackIteratorType);
}

// struct.error (class error(Exception)) and the format cache, made once at start-up.
Status create_struct_globals() {
  g_struct_error = TRY(new_exception_class("struct", "error", exc::Exception));
  g_cache = TRY(dict_new()).release();
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_struct_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_struct_types);
WEFT_REGISTER_TYPE_INIT(kPhaseObjects, create_struct_globals);

Result<Ref<Object>> create_struct_module() {
  Ref<Object> m = TRY(module_new("_struct"));
  Object* dict = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("_struct"));
  TRY(add_functions_to_dict(dict, kStructFunctions, m.get(), name.get()));
  TRY(dict_set_item_str(dict, "Struct", reinterpret_cast<Object*>(&StructType)));
  TRY(dict_set_item_str(dict, "error", reinterpret_cast<Object*>(g_struct_error)));
  return m;
}

WEFT_NATIVE_MODULE("_struct", create_struct_module);

}  // namespace
}  // namespace weft::struct_module
