// stdlib/_string/string_module.cpp — the `_string` module: the two parsing hooks behind
// string.Formatter (CPython's Objects/unicodeobject.c / stringlib/unicode_format.h).
//
//   formatter_parser(s)            iterator of (literal, field_name, format_spec, conversion)
//   formatter_field_name_split(s)  (first, iterator of (is_attribute, key))
//
// Both walk the string with the very scanners str.format uses (objects/str_format.h), so the
// splits and error messages always agree with str.format. Errors surface lazily, from next(),
// as in CPython.
// Locking: an iterator's scanner position is mutable; next() runs inside the iterator's
// critical section so threads sharing one iterator each get distinct chunks.
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/str_format.h"
#include "objects/str_layout.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"
#include "vm/module_table.h"

namespace weft::string_module {

using strimpl::as_str;
using strimpl::str_substr;
namespace {

Type FormatterIterType, FieldNameIterType;

struct FormatterIterObject : Object {
  Object* str;  // owned; the scanner indexes into it
  strfmt::MarkupScanner scanner;
};

struct FieldNameIterObject : Object {
  Object* str;  // owned
  strfmt::FieldNameScanner scanner;
};

template <class T>
void iter_dealloc(Object* self) {
  xdecref(static_cast<T*>(self)->str);
  free_object(self);
}

// A substring as a str, or None when `present` is false.
Result<Ref<Object>> substr_or_none(Object* s, bool present, int64_t start, int64_t end) {
  if (!present) return new_none();
  return str_substr(s, start, end);
}

Next formatter_iter_next(Object* self) {
  auto* it = static_cast<FormatterIterObject*>(self);
  strfmt::MarkupChunk chunk;
  Result<bool> more = [&]() -> Result<bool> {
    sync::CriticalSection cs{self->ob_mutex};
    return it->scanner.next(&chunk);
  }();
  if (more.is_error()) return Error{};
  if (!more.value()) return Next::done();
  Result<Ref<Object>> tuple = [&]() -> Result<Ref<Object>> {
    Object* s = it->str;
    Ref<Object> literal = TRY(str_substr(s, chunk.literal_start, chunk.literal_end));
    bool field = chunk.field_present;
    Ref<Object> name = TRY(substr_or_none(s, field, chunk.name_start, chunk.name_end));
    Ref<Object> spec = TRY(substr_or_none(s, field, chunk.spec_start, chunk.spec_end));
    Ref<Object> conversion = new_none();
    if (chunk.conversion != 0) conversion = TRY(str_from_code_point(chunk.conversion));
    return tuple_pack({literal.get(), name.get(), spec.get(), conversion.get()});
  }();
  if (tuple.is_error()) return Error{};
  return Next(tuple.release_value());
}

Next field_name_iter_next(Object* self) {
  auto* it = static_cast<FieldNameIterObject*>(self);
  strfmt::FieldAccessor acc;
  Result<bool> more = [&]() -> Result<bool> {
    sync::CriticalSection cs{self->ob_mutex};
    return it->scanner.next(&acc);
  }();
  if (more.is_error()) return Error{};
  if (!more.value()) return Next::done();
  Result<Ref<Object>> tuple = [&]() -> Result<Ref<Object>> {
    Ref<Object> key = acc.index >= 0 ? TRY(int_from_i64(acc.index))
                                     : TRY(str_substr(it->str, acc.name_start, acc.name_end));
    Ref<Object> is_attr = new_bool(acc.is_attribute);
    return tuple_pack({is_attr.get(), key.get()});
  }();
  if (tuple.is_error()) return Error{};
  return Next(tuple.release_value());
}

Status require_str(Object* arg) {
  if (!is_str(arg)) return raise(exc::TypeError, "expected str, got {}", type_name_of(arg));
  return ok();
}

Result<Ref<Object>> formatter_parser(Object*, Object* const* args, size_t, Object*) {
  Object* arg = args[0];
  TRY(require_str(arg));
  Ref<FormatterIterObject> it =
      TRY(new_object<FormatterIterObject>(&FormatterIterType, sizeof(FormatterIterObject)));
  it->str = new_ref(arg).release();
  new (&it->scanner) strfmt::MarkupScanner(arg, 0, as_str(arg)->length);
  return Ref<Object>(std::move(it));
}

Result<Ref<Object>> formatter_field_name_split(Object*, Object* const* args, size_t, Object*) {
  Object* arg = args[0];
  TRY(require_str(arg));
  int64_t length = as_str(arg)->length;
  int64_t first_end = strfmt::field_first_end(arg, 0, length);
  int64_t index = TRY(strfmt::parse_field_index(arg, 0, first_end));
  Ref<Object> first = index >= 0 ? TRY(int_from_i64(index)) : TRY(str_substr(arg, 0, first_end));
  Ref<FieldNameIterObject> it =
      TRY(new_object<FieldNameIterObject>(&FieldNameIterType, sizeof(FieldNameIterObject)));
  it->str = new_ref(arg).release();
  new (&it->scanner) strfmt::FieldNameScanner(arg, first_end, length);
  Ref<Object> rest(std::move(it));
  return tuple_pack({first.get(), rest.get()});
}

Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }

Status fill_string_module_types() {
  constexpr uint64_t kInternal = kTypeImmutable | kTypeDisallowInstantiation;
  FormatterIterType.name = "formatteriterator";
  FormatterIterType.basicsize = sizeof(FormatterIterObject);
  FormatterIterType.flags = kInternal;
  FormatterIterType.dealloc = iter_dealloc<FormatterIterObject>;
  FormatterIterType.iter = iter_self;
  FormatterIterType.iternext = formatter_iter_next;
  FieldNameIterType.name = "fieldnameiterator";
  FieldNameIterType.basicsize = sizeof(FieldNameIterObject);
  FieldNameIterType.flags = kInternal;
  FieldNameIterType.dealloc = iter_dealloc<FieldNameIterObject>;
  FieldNameIterType.iter = iter_self;
  FieldNameIterType.iternext = field_name_iter_next;
  return ok();
}

Status ready_string_module_types() {
  TRY(type_ready(&FormatterIterType));
  TRY(type_ready(&FieldNameIterType));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_string_module_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_string_module_types);

const MethodDef kStringFunctions[] = {
    {"formatter_parser", formatter_parser, kMethOneArg,
     "parse the argument as a format string"},
    {"formatter_field_name_split", formatter_field_name_split, kMethOneArg,
     "split the argument as a field name"},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_string_module() {
  Ref<Object> m = TRY(module_new("_string"));
  Ref<Object> name = TRY(str_from_ascii("_string"));
  TRY(dict_set_item_str(module_dict(m.get()), "__doc__",
                        TRY(str_from_ascii("string helper module")).get()));
  TRY(add_functions_to_dict(module_dict(m.get()), kStringFunctions, m.get(), name.get()));
  return m;
}

WEFT_NATIVE_MODULE("_string", create_string_module);

}  // namespace
}  // namespace weft::string_module
