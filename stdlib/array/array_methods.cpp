// stdlib/array/array_methods.cpp — the methods and attributes of `array.array` (append ...
// tounicode, clear, __reduce_ex__, __copy__, __deepcopy__, __sizeof__) and the module `array`
// with `_array_reconstructor`, `typecodes` and `ArrayType`.
//
// Locking: as in array_object.cpp, values are converted before the critical section is entered
// and every storage access happens inside it; methods that call back into Python (count, index,
// remove, file I/O) fetch items one at a time or work on a snapshot of the bytes.
#include <algorithm>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/import_hook.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/array/array_internal.h"
#include "sync/critical_section.h"
#include "vm/module_table.h"

namespace weft::array_module {

namespace {

Result<Ref<Object>> m_append(Object* self, Object* const* args, size_t, Object*) {
  ArrayObject* a = as_array(self);
  ItemBytes item;
  TRY(a->desc->set(args[0], &item));
  TRY(array_append_bytes(self, item.bytes, static_cast<size_t>(a->desc->itemsize)));
  return new_none();
}

Result<Ref<Object>> m_buffer_info(Object* self, Object* const*, size_t, Object*) {
  ArrayObject* a = as_array(self);
  uint64_t address;
  int64_t size;
  {
    sync::CriticalSection cs{self->ob_mutex};
    address = reinterpret_cast<uintptr_t>(a->items);
    size = a->size;
  }
  Ref<Object> addr = TRY(int_from_u64(address));
  Ref<Object> len = TRY(int_from_i64(size));
  return tuple_pack({addr.get(), len.get()});
}

Result<Ref<Object>> m_byteswap(Object* self, Object* const*, size_t, Object*) {
  ArrayObject* a = as_array(self);
  size_t isz = static_cast<size_t>(a->desc->itemsize);
  sync::CriticalSection cs{self->ob_mutex};
  for (int64_t i = 0; i < a->size; ++i) {
    char* p = a->items + static_cast<size_t>(i) * isz;
    std::reverse(p, p + isz);
  }
  return new_none();
}

// The index of the first item equal to `v` in [start, stop), or -1.
Result<int64_t> find(Object* self, Object* v, int64_t start, int64_t stop) {
  for (int64_t i = start; i < stop; ++i) {
    Ref<Object> item;
    if (!TRY(array_item_at(self, i, &item))) break;
    if (TRY(objects_equal(item.get(), v))) return i;
  }
  return -1;
}

Result<Ref<Object>> m_count(Object* self, Object* const* args, size_t, Object*) {
  int64_t count = 0;
  for (int64_t i = 0;; ++i) {
    Ref<Object> item;
    if (!TRY(array_item_at(self, i, &item))) break;
    if (TRY(objects_equal(item.get(), args[0]))) ++count;
  }
  return int_from_i64(count);
}

Result<Ref<Object>> m_extend(Object* self, Object* const* args, size_t, Object*) {
  TRY(array_extend(self, args[0]));
  return new_none();
}

Status frombytes(Object* self, Object* buffer) {
  ByteView view = TRY(byte_view(buffer));
  if (view.size() % static_cast<size_t>(as_array(self)->desc->itemsize) != 0)
    return raise(exc::ValueError, "bytes length not a multiple of item size");
  return array_append_bytes(self, view.data(), view.size());
}

Result<Ref<Object>> m_frombytes(Object* self, Object* const* args, size_t, Object*) {
  TRY(frombytes(self, args[0]));
  return new_none();
}

Result<Ref<Object>> m_fromfile(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("fromfile", nargs, kwnames, 2, 2));
  int64_t n = TRY(index_as_i64(args[1]));
  if (n < 0) return raise(exc::ValueError, "negative count");
  int64_t itemsize = as_array(self)->desc->itemsize;
  if (n > INT64_MAX / itemsize) return raise_no_memory();
  Ref<Object> want = TRY(int_from_i64(n * itemsize));
  Object* read_args[] = {want.get()};
  Ref<Object> data = TRY(call_method(args[0], "read", read_args, 1));
  if (!is_bytes(data.get())) return raise(exc::TypeError, "read() didn't return bytes");
  bool short_read = bytes_size(data.get()) != n * itemsize;
  TRY(frombytes(self, data.get()));
  if (short_read) return raise(exc::EOFError, "read() didn't return enough bytes");
  return new_none();
}

Result<Ref<Object>> m_fromlist(Object* self, Object* const* args, size_t, Object*) {
  if (!is_list(args[0])) return raise(exc::TypeError, "arg must be list");
  // All items are converted before any is added, so a bad item leaves the array unchanged.
  Ref<Object> items = TRY(list_as_tuple(args[0]));
  const TypeDesc* d = as_array(self)->desc;
  std::string packed;
  for (int64_t i = 0, n = tuple_size(items.get()); i < n; ++i) {
    ItemBytes item;
    TRY(d->set(tuple_item(items.get(), i), &item));
    packed.append(item.bytes, static_cast<size_t>(d->itemsize));
  }
  TRY(array_append_bytes(self, packed.data(), packed.size()));
  return new_none();
}

Result<Ref<Object>> m_fromunicode(Object* self, Object* const* args, size_t, Object*) {
  if (!is_str(args[0]))
    return raise(exc::TypeError, "fromunicode() argument must be str, not {}",
                 type_name_of(args[0]));
  if (!as_array(self)->desc->is_unicode)
    return raise(exc::ValueError,
                 "fromunicode() may only be called on unicode type arrays ('u' or 'w')");
  std::string packed;
  for (int64_t i = 0, n = str_length(args[0]); i < n; ++i) {
    uint32_t cp = str_char_at(args[0], i);
    packed.append(reinterpret_cast<const char*>(&cp), 4);
  }
  TRY(array_append_bytes(self, packed.data(), packed.size()));
  return new_none();
}

Result<int64_t> length_of(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  return as_array(self)->size;
}

// A start/stop argument of index() (CPython's _PyEval_SliceIndexNotNone): clamped to int64.
Status bound_argument(Object* v, int64_t* out) {
  if (!v->ob_type->number.index)
    return raise(exc::TypeError, "slice indices must be integers or have an __index__ method");
  Ref<Object> n = TRY(number_index(v));
  if (!int_to_i64(n.get(), out)) *out = int_sign(n.get()) < 0 ? INT64_MIN : INT64_MAX;
  return ok();
}

Result<Ref<Object>> m_index(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("index", nargs, kwnames, 1, 3));
  int64_t start = 0, stop = INT64_MAX;
  if (nargs > 1) TRY(bound_argument(args[1], &start));
  if (nargs > 2) TRY(bound_argument(args[2], &stop));
  int64_t n = TRY(length_of(self));
  if (start < 0) start = std::max<int64_t>(start + n, 0);
  if (stop < 0) stop = std::max<int64_t>(stop + n, 0);
  int64_t i = TRY(find(self, args[0], start, stop));
  if (i < 0) return raise(exc::ValueError, "array.index(x): x not in array");
  return int_from_i64(i);
}

Result<Ref<Object>> m_insert(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("insert", nargs, kwnames, 2, 2));
  int64_t i = TRY(index_as_i64(args[0]));
  ArrayObject* a = as_array(self);
  ItemBytes item;
  TRY(a->desc->set(args[1], &item));
  size_t isz = static_cast<size_t>(a->desc->itemsize);
  sync::CriticalSection cs{self->ob_mutex};
  int64_t n = a->size;
  if (i < 0) i = std::max<int64_t>(i + n, 0);
  if (i > n) i = n;
  TRY(array_resize_locked(a, n + 1));
  std::memmove(a->items + static_cast<size_t>(i + 1) * isz, a->items + static_cast<size_t>(i) * isz,
               static_cast<size_t>(n - i) * isz);
  std::memcpy(a->items + static_cast<size_t>(i) * isz, item.bytes, isz);
  return new_none();
}

// Removes item i (already checked to be in range) and returns it; critical section held.
Result<Ref<Object>> take_locked(ArrayObject* a, int64_t i) {
  size_t isz = static_cast<size_t>(a->desc->itemsize);
  TRY(check_resizable(a, a->size - 1));
  Ref<Object> item = TRY(a->desc->get(a->items + static_cast<size_t>(i) * isz));
  std::memmove(a->items + static_cast<size_t>(i) * isz, a->items + static_cast<size_t>(i + 1) * isz,
               static_cast<size_t>(a->size - i - 1) * isz);
  TRY(array_resize_locked(a, a->size - 1));
  return item;
}

Result<Ref<Object>> m_pop(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("pop", nargs, kwnames, 0, 1));
  int64_t i = nargs ? TRY(index_as_i64(args[0])) : -1;
  ArrayObject* a = as_array(self);
  sync::CriticalSection cs{self->ob_mutex};
  if (a->size == 0) return raise(exc::IndexError, "pop from empty array");
  if (i < 0) i += a->size;
  if (i < 0 || i >= a->size) return raise(exc::IndexError, "pop index out of range");
  return take_locked(a, i);
}

Result<Ref<Object>> m_remove(Object* self, Object* const* args, size_t, Object*) {
  int64_t i = TRY(find(self, args[0], 0, INT64_MAX));
  if (i < 0) return raise(exc::ValueError, "array.remove(x): x not in array");
  ArrayObject* a = as_array(self);
  sync::CriticalSection cs{self->ob_mutex};
  if (i < a->size) TRY(take_locked(a, i));
  return new_none();
}

Result<Ref<Object>> m_reverse(Object* self, Object* const*, size_t, Object*) {
  ArrayObject* a = as_array(self);
  size_t isz = static_cast<size_t>(a->desc->itemsize);
  sync::CriticalSection cs{self->ob_mutex};
  for (int64_t i = 0, j = a->size - 1; i < j; ++i, --j)
    std::swap_ranges(a->items + static_cast<size_t>(i) * isz,
                     a->items + static_cast<size_t>(i + 1) * isz,
                     a->items + static_cast<size_t>(j) * isz);
  return new_none();
}

Result<Ref<Object>> m_tobytes(Object* self, Object* const*, size_t, Object*) {
  return bytes_from(array_bytes(self));
}

Result<Ref<Object>> m_tofile(Object* self, Object* const* args, size_t, Object*) {
  // Written in 64 KiB blocks, as CPython does, so huge arrays need no second full copy at once.
  constexpr size_t kBlock = 64 * 1024;
  std::string bytes = array_bytes(self);
  for (size_t pos = 0; pos < bytes.size(); pos += kBlock) {
    Ref<Object> chunk = TRY(bytes_from(std::string_view(bytes).substr(pos, kBlock)));
    Object* write_args[] = {chunk.get()};
    TRY(call_method(args[0], "write", write_args, 1));
  }
  return new_none();
}

Result<Ref<Object>> m_tolist(Object* self, Object* const*, size_t, Object*) {
  return list_from_iterable(self);
}

Result<Ref<Object>> m_tounicode(Object* self, Object* const*, size_t, Object*) {
  if (!as_array(self)->desc->is_unicode)
    return raise(exc::ValueError,
                 "tounicode() may only be called on unicode type arrays ('u' or 'w')");
  return array_to_str(self);
}

Result<Ref<Object>> m_clear(Object* self, Object* const*, size_t, Object*) {
  sync::CriticalSection cs{self->ob_mutex};
  TRY(array_resize_locked(as_array(self), 0));
  return new_none();
}

Result<Ref<Object>> typecode_str(Object* self) {
  char c = as_array(self)->desc->code;
  return str_from_ascii(std::string_view(&c, 1));
}

Result<Ref<Object>> copy_of(Object* self) {
  Ref<Object> code = TRY(typecode_str(self));
  Ref<Object> copy = TRY(array_construct(&ArrayType, code.get(), nullptr));
  std::string bytes = array_bytes(self);
  TRY(array_append_bytes(copy.get(), bytes.data(), bytes.size()));
  return copy;
}

Result<Ref<Object>> m_copy(Object* self, Object* const*, size_t, Object*) { return copy_of(self); }

Result<Ref<Object>> m_reduce_ex(Object* self, Object* const* args, size_t, Object*) {
  int64_t protocol = TRY(index_as_i64(args[0]));
  Ref<Object> dict;
  if (!TRY(lookup_attr(self, str_intern("__dict__"), &dict))) dict = new_none();
  Ref<Object> type = Ref<Object>::borrow(reinterpret_cast<Object*>(self->ob_type));
  Ref<Object> code = TRY(typecode_str(self));
  if (protocol < 3) {
    Ref<Object> list = TRY(list_from_iterable(self));
    Ref<Object> ctor_args = TRY(tuple_pack({code.get(), list.get()}));
    return tuple_pack({type.get(), ctor_args.get(), dict.get()});
  }
  Ref<Object> module = TRY(import_module_for_objects("array"));
  Ref<Object> reconstructor = TRY(get_attr(module.get(), "_array_reconstructor"));
  Ref<Object> mformat = TRY(int_from_i64(machine_format_of(as_array(self)->desc)));
  Ref<Object> bytes = TRY(bytes_from(array_bytes(self)));
  Ref<Object> ctor_args = TRY(tuple_pack({type.get(), code.get(), mformat.get(), bytes.get()}));
  return tuple_pack({reconstructor.get(), ctor_args.get(), dict.get()});
}

Result<Ref<Object>> m_sizeof(Object* self, Object* const*, size_t, Object*) {
  ArrayObject* a = as_array(self);
  sync::CriticalSection cs{self->ob_mutex};
  return int_from_i64(self->ob_type->basicsize + a->allocated * a->desc->itemsize);
}

Result<Ref<Object>> get_typecode(Object* self) { return typecode_str(self); }
Result<Ref<Object>> get_itemsize(Object* self) {
  return int_from_i64(as_array(self)->desc->itemsize);
}

// ---- the module ------------------------------------------------------------------------------

Result<Ref<Object>> array_reconstructor(Object*, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  TRY(args_positional_only("_array_reconstructor", nargs, kwnames, 4, 4));
  Object* type_obj = args[0];
  if (!is_instance_of(type_obj, &TypeType))
    return raise(exc::TypeError, "first argument must be a type object, not {}",
                 type_name_of(type_obj));
  Type* type = reinterpret_cast<Type*>(type_obj);
  if (!type_is_subtype(type, &ArrayType))
    return raise(exc::TypeError, "{} is not a subtype of array.array", type_name(type));
  if (!is_str(args[1]) || str_length(args[1]) != 1)
    return raise(exc::TypeError,
                 "_array_reconstructor() argument 2 must be a unicode character, not {}",
                 type_name_of(args[1]));
  const TypeDesc* desc = find_typecode(str_char_at(args[1], 0));
  if (!desc) return raise(exc::ValueError, "second argument must be a valid type code");
  int64_t mformat = TRY(index_as_i64(args[2]));
  if (!is_bytes(args[3]))
    return raise(exc::TypeError, "fourth argument should be bytes, not {}", type_name_of(args[3]));
  if (mformat == machine_format_of(desc)) return array_construct(type, args[1], args[3]);
  char code = desc->code;
  Ref<Object> items =
      TRY(decode_machine_format(static_cast<int>(mformat), std::string(bytes_view(args[3])), &code));
  Ref<Object> code_obj = TRY(str_from_ascii(std::string_view(&code, 1)));
  return array_construct(type, code_obj.get(), items.get());
}

const MethodDef kModuleFunctions[] = {
    {"_array_reconstructor", array_reconstructor, kMethFastcall,
     "Internal. Used for pickling support."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_array_module() {
  Ref<Object> m = TRY(module_new("array"));
  Object* dict = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("array"));
  TRY(add_functions_to_dict(dict, kModuleFunctions, m.get(), name.get()));
  Ref<Object> doc = TRY(str_from_ascii(
      "This module defines an object type which can efficiently represent\nan array of basic "
      "values: characters, integers, floating-point\nnumbers.  Arrays are sequence types and "
      "behave very much like lists,\nexcept that the type of objects stored in them is "
      "constrained.\n"));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  Ref<Object> codes = TRY(str_from_ascii(kTypecodes));
  TRY(dict_set_item_str(dict, "typecodes", codes.get()));
  TRY(dict_set_item_str(dict, "array", reinterpret_cast<Object*>(&ArrayType)));
  TRY(dict_set_item_str(dict, "ArrayType", reinterpret_cast<Object*>(&ArrayType)));
  return m;
}

WEFT_NATIVE_MODULE("array", create_array_module);

}  // namespace

const MethodDef kArrayMethods[] = {
    {"append", m_append, kMethOneArg, "Append new value v to the end of the array."},
    {"buffer_info", m_buffer_info, kMethNoArgs,
     "Return a tuple (address, length) giving the current memory address and the length in "
     "items of the buffer used to hold array's contents."},
    {"byteswap", m_byteswap, kMethNoArgs, "Byteswap all items of the array."},
    {"clear", m_clear, kMethNoArgs, "Remove all items from the array."},
    {"count", m_count, kMethOneArg, "Return number of occurrences of v in the array."},
    {"extend", m_extend, kMethOneArg, "Append items to the end of the array."},
    {"frombytes", m_frombytes, kMethOneArg,
     "Appends items from the string, interpreting it as an array of machine values, as if it "
     "had been read from a file using the fromfile() method."},
    {"fromfile", m_fromfile, kMethFastcall,
     "Read n objects from the file object f and append them to the end of the array."},
    {"fromlist", m_fromlist, kMethOneArg, "Append items to array from list."},
    {"fromunicode", m_fromunicode, kMethOneArg,
     "Extends this array with data from the unicode string ustr."},
    {"index", m_index, kMethFastcall,
     "Return index of first occurrence of v in the array.\n\nRaise ValueError if the value is "
     "not present."},
    {"insert", m_insert, kMethFastcall, "Insert a new item v into the array before position i."},
    {"pop", m_pop, kMethFastcall,
     "Return the i-th element and delete it from the array.\n\ni defaults to -1."},
    {"remove", m_remove, kMethOneArg, "Remove the first occurrence of v in the array."},
    {"reverse", m_reverse, kMethNoArgs, "Reverse the order of the items in the array."},
    {"tobytes", m_tobytes, kMethNoArgs,
     "Convert the array to an array of machine values and return the bytes representation."},
    {"tofile", m_tofile, kMethOneArg, "Write all items (as machine values) to the file object f."},
    {"tolist", m_tolist, kMethNoArgs, "Convert array to an ordinary list with the same items."},
    {"tounicode", m_tounicode, kMethNoArgs,
     "Extends this array with data from the unicode string ustr.\n\nConvert the array to a "
     "unicode string."},
    {"__copy__", m_copy, kMethNoArgs, "Return a copy of the array."},
    {"__deepcopy__", m_copy, kMethOneArg, "Return a copy of the array."},
    {"__reduce_ex__", m_reduce_ex, kMethOneArg, "Return state information for pickling."},
    {"__sizeof__", m_sizeof, kMethNoArgs, "Size of the array in memory, in bytes."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kArrayGetSets[] = {
    {"typecode", get_typecode, nullptr, "the typecode character used to create the array"},
    {"itemsize", get_itemsize, nullptr, "the size, in bytes, of one array item"},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace weft::array_module
