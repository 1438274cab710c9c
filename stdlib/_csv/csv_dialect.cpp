// stdlib/_csv/csv_dialect.cpp — `_csv.Dialect` and the module `_csv` itself: the dialect
// registry (register_dialect, unregister_dialect, get_dialect, list_dialects, `_dialects`),
// field_size_limit, Error and the QUOTE_* constants. Lib/csv.py builds DictReader, DictWriter,
// Sniffer and its Dialect classes on top.
//
// A Dialect is built from an optional base (a registered name, a Dialect, or any object whose
// attributes are read, as csv.excel's class attributes are) overridden by keyword options, then
// validated with CPython 3.14's checks and messages. It is immutable afterwards, so readers and
// writers share it between threads without locking. The registry is a plain dict (each access
// is atomic on its own); the field size limit is an atomic integer.
#include <atomic>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_csv/csv_internal.h"
#include "stdlib/exception_class.h"
#include "vm/module_table.h"

namespace weft::csv_module {

Type DialectType;

namespace {

std::atomic<Type*> g_error{nullptr};
std::atomic<Object*> g_dialects{nullptr};  // the registry dict, owned for the process's life
std::atomic<int64_t> g_field_limit{128 * 1024};

// The options in the order CPython's Dialect() takes them (after `dialect`).
constexpr const char* kOptionNames[] = {"delimiter",  "doublequote", "escapechar",
                                         "lineterminator", "quotechar", "quoting",
                                         "skipinitialspace", "strict"};
constexpr int kNumOptions = 8;
enum Option { kDelimiter, kDoublequote, kEscapechar, kLineterminator, kQuotechar, kQuoting,
              kSkipinitialspace, kStrict };

Result<Ref<Object>> lookup_registered(Object* name) {
  Ref<Object> found;
  if (!TRY(dict_get_item(g_dialects.load(std::memory_order_acquire), name, &found)))
    return raise(error_class(), "unknown dialect");
  return found;
}

// A one-character option: `nullable` ones accept None (meaning "not set").
Result<uint32_t> char_option(const char* name, Object* value, bool nullable) {
  const char* or_none = nullable ? " or None" : "";
  if (nullable && is_none(value)) return kNotSet;
  if (!is_str(value))
    return raise(exc::TypeError, "\"{}\" must be a unicode character{}, not {}", name, or_none,
                 type_name_of(value));
  if (str_length(value) != 1)
    return raise(exc::TypeError, "\"{}\" must be a unicode character{}, not a string of length {}",
                 name, or_none, str_length(value));
  return str_char_at(value, 0);
}

bool in_lineterminator(DialectObject* d, uint32_t c) {
  Object* lt = d->lineterminator;
  for (int64_t i = 0, n = str_length(lt); i < n; ++i)
    if (str_char_at(lt, i) == c) return true;
  return false;
}

// CPython's consistency checks, in its order: each character alone, then each pair, then each
// against the line terminator.
Status validate_chars(DialectObject* d) {
  struct Named {
    const char* name;
    uint32_t c;
    bool space_ok;
  };
  const Named chars[] = {{"delimiter", d->delimiter, true},
                         {"escapechar", d->escapechar, !d->skipinitialspace},
                         {"quotechar", d->quotechar, !d->skipinitialspace}};
  for (const Named& n : chars) {
    if (n.c == '\r' || n.c == '\n' || (n.c == ' ' && !n.space_ok))
      return raise(exc::ValueError, "bad {} value", n.name);
  }
  const int pairs[][2] = {{0, 1}, {0, 2}, {1, 2}};
  for (const auto& p : pairs) {
    const Named& a = chars[p[0]];
    const Named& b = chars[p[1]];
    if (a.c != kNotSet && a.c == b.c)
      return raise(exc::ValueError, "bad {} or {} value", a.name, b.name);
  }
  for (const Named& n : chars) {
    if (n.c != kNotSet && in_lineterminator(d, n.c))
      return raise(exc::ValueError, "bad {} or lineterminator value", n.name);
  }
  return ok();
}

// Fills `d` from the options (nullptr = default) and validates it.
Status fill_dialect(DialectObject* d, Object* const* opt, bool quotechar_given_none,
                    bool quoting_given) {
  d->delimiter = opt[kDelimiter] ? TRY(char_option("delimiter", opt[kDelimiter], false)) : ',';
  d->doublequote = opt[kDoublequote] ? TRY(object_is_true(opt[kDoublequote])) : true;
  d->escapechar = opt[kEscapechar] ? TRY(char_option("escapechar", opt[kEscapechar], true))
                                   : kNotSet;
  if (Object* lt = opt[kLineterminator]) {
    if (!is_str(lt))
      return raise(exc::TypeError, "\"lineterminator\" must be a string, not {}",
                   type_name_of(lt));
    d->lineterminator = new_ref(lt).release();
  } else {
    d->lineterminator = TRY(str_from_ascii("\r\n")).release();
  }
  d->quotechar = opt[kQuotechar] ? TRY(char_option("quotechar", opt[kQuotechar], true)) : '"';
  d->quoting = kQuoteMinimal;
  if (Object* q = opt[kQuoting]) {
    if (!is_int_exact(q))
      return raise(exc::TypeError, "\"quoting\" must be an integer, not {}", type_name_of(q));
    int64_t v = TRY(int_as_i64(q));
    if (v < INT32_MIN || v > INT32_MAX)
      return raise(exc::OverflowError, "Python int too large to convert to C int");
    d->quoting = static_cast<int32_t>(v);
  }
  d->skipinitialspace = opt[kSkipinitialspace] ? TRY(object_is_true(opt[kSkipinitialspace]))
                                               : false;
  d->strict = opt[kStrict] ? TRY(object_is_true(opt[kStrict])) : false;

  if (d->quoting < kQuoteMinimal || d->quoting > kQuoteNotNull)
    return raise(exc::TypeError, "bad \"quoting\" value");
  if (quotechar_given_none && !quoting_given) d->quoting = kQuoteNone;
  if (d->quoting != kQuoteNone && d->quotechar == kNotSet)
    return raise(exc::TypeError, "quotechar must be set if quoting enabled");
  return validate_chars(d);
}

// Dialect(dialect=None, **options) with the options already sorted by name.
Result<Ref<Object>> build_dialect(Type* type, Object* base_arg, Object* const* given) {
  Ref<Object> base;
  if (base_arg) {
    base = is_str(base_arg) ? TRY(lookup_registered(base_arg)) : Ref<Object>::borrow(base_arg);
    bool any_option = false;
    for (int i = 0; i < kNumOptions; ++i) any_option |= given[i] != nullptr;
    // A Dialect with nothing to override is immutable: share it.
    if (!any_option && is_instance_of(base.get(), &DialectType)) return base;
  }
  Ref<Object> taken[kNumOptions];
  Object* opt[kNumOptions];
  for (int i = 0; i < kNumOptions; ++i) {
    opt[i] = given[i];
    if (opt[i] || !base) continue;
    // Attributes the base lacks (or fails to produce) keep their defaults, as in CPython.
    Result<Ref<Object>> attr = get_attr(base.get(), kOptionNames[i]);
    if (attr.is_error()) {
      clear_error();
      continue;
    }
    taken[i] = attr.release_value();
    opt[i] = taken[i].get();
  }
  Ref<DialectObject> d = TRY(new_object<DialectObject>(type, static_cast<size_t>(type->basicsize)));
  bool quotechar_none = opt[kQuotechar] && is_none(opt[kQuotechar]);
  TRY(fill_dialect(d.get(), opt, quotechar_none, opt[kQuoting] != nullptr));
  return Ref<Object>(std::move(d));
}

Result<Ref<Object>> dialect_new(Type* type, Object* const* args, size_t nargs, Object* kwnames) {
  // Dialect() reports unknown keywords without a function name, like PyArg_ParseTupleAndKeywords.
  for (size_t i = 0, n = kwnames_count(kwnames); i < n; ++i) {
    Object* key = tuple_item(kwnames, static_cast<int64_t>(i));
    bool known = str_equal_ascii(key, "dialect");
    for (const char* name : kOptionNames) known |= str_equal_ascii(key, name);
    if (!known)
      return raise(exc::TypeError, "this function got an unexpected keyword argument '{}'",
                   str_to_std_string(key));
  }
  static const ArgParser kParser(
      "Dialect",
      "| dialect delimiter doublequote escapechar lineterminator quotechar quoting "
      "skipinitialspace strict");
  Object* a[1 + kNumOptions];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return build_dialect(type, a[0], a + 1);
}

void dialect_dealloc(Object* self) {
  xdecref(as_dialect(self)->lineterminator);
  free_object(self);
}

Result<Ref<Object>> char_or_none(uint32_t c) {
  if (c == kNotSet) return new_none();
  return str_from_code_point(c);
}

Result<Ref<Object>> get_delimiter(Object* self) { return char_or_none(as_dialect(self)->delimiter); }
Result<Ref<Object>> get_quotechar(Object* self) { return char_or_none(as_dialect(self)->quotechar); }
Result<Ref<Object>> get_escapechar(Object* self) {
  return char_or_none(as_dialect(self)->escapechar);
}
Result<Ref<Object>> get_lineterminator(Object* self) {
  return Ref<Object>::borrow(as_dialect(self)->lineterminator);
}
Result<Ref<Object>> get_quoting(Object* self) { return int_from_i64(as_dialect(self)->quoting); }

const GetSetDef kDialectGetSets[] = {
    {"delimiter", get_delimiter, nullptr, nullptr},
    {"escapechar", get_escapechar, nullptr, nullptr},
    {"lineterminator", get_lineterminator, nullptr, nullptr},
    {"quotechar", get_quotechar, nullptr, nullptr},
    {"quoting", get_quoting, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

const MemberDef kDialectMembers[] = {
    {"skipinitialspace", MemberKind::Bool, offsetof(DialectObject, skipinitialspace), true, nullptr},
    {"doublequote", MemberKind::Bool, offsetof(DialectObject, doublequote), true, nullptr},
    {"strict", MemberKind::Bool, offsetof(DialectObject, strict), true, nullptr},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Status fill_dialect_type() {
  Type& t = DialectType;
  t.name = "_csv.Dialect";
  t.doc = "CSV dialect\n\nThe Dialect type records CSV parsing and generation options.\n";
  t.basicsize = sizeof(DialectObject);
  t.flags = kTypeBaseType;
  t.dealloc = dialect_dealloc;
  t.new_ = dialect_new;
  t.getsets = kDialectGetSets;
  t.members = kDialectMembers;
  return ok();
}
Status ready_dialect_type() { return type_ready(&DialectType); }
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_dialect_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_dialect_type);

// ---- module functions ----------------------------------------------------------------------

Result<Ref<Object>> register_dialect(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_check_positional("register_dialect", nargs, 1, 2));
  if (!is_str(args[0])) return raise(exc::TypeError, "dialect name must be a string");
  Ref<Object> dialect = TRY(make_dialect(args + 1, nargs - 1, kwnames));
  TRY(dict_set_item(g_dialects.load(std::memory_order_acquire), args[0], dialect.get()));
  return new_none();
}

Result<Ref<Object>> unregister_dialect(Object*, Object* const* args, size_t nargs,
                                       Object* kwnames) {
  static const ArgParser kParser("unregister_dialect", "name");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> removed;
  if (!TRY(dict_pop(g_dialects.load(std::memory_order_acquire), a[0], &removed)))
    return raise(error_class(), "unknown dialect");
  return new_none();
}

Result<Ref<Object>> get_dialect(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("get_dialect", "name");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  return lookup_registered(a[0]);
}

Result<Ref<Object>> list_dialects(Object*, Object* const*, size_t, Object*) {
  return dict_keys_list(g_dialects.load(std::memory_order_acquire));
}

Result<Ref<Object>> field_size_limit(Object*, Object* const* args, size_t nargs,
                                     Object* kwnames) {
  static const ArgParser kParser("field_size_limit", "| new_limit");
  if (nargs + kwnames_count(kwnames) > 1)
    return raise(exc::TypeError, "field_size_limit() takes at most 1 argument ({} given)",
                 nargs + kwnames_count(kwnames));
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  if (!a[0]) return int_from_i64(g_field_limit.load(std::memory_order_relaxed));
  if (!is_int(a[0])) return raise(exc::TypeError, "limit must be an integer");
  int64_t limit = TRY(int_as_i64(a[0]));
  return int_from_i64(g_field_limit.exchange(limit, std::memory_order_relaxed));
}

const MethodDef kCsvFunctions[] = {
    {"reader", csv_reader, kMethFastcall,
     "Return a reader object that will process lines from the given iterable.\n\n"
     "    csv_reader = reader(iterable [, dialect='excel']\n"
     "                            [optional keyword args])\n"
     "    for row in csv_reader:\n        process(row)\n"},
    {"writer", csv_writer, kMethFastcall,
     "Return a writer object that will write user data on the given file object.\n\n"
     "    csv_writer = csv.writer(fileobj [, dialect='excel']\n"
     "                            [optional keyword args])\n"},
    {"register_dialect", register_dialect, kMethFastcall,
     "Create a mapping from a string name to a dialect class.\n"
     "    dialect = csv.register_dialect(name[, dialect[, **fmtparams]])"},
    {"unregister_dialect", unregister_dialect, kMethFastcall,
     "Delete the name/dialect mapping associated with a string name.\n\n"
     "    csv.unregister_dialect(name)"},
    {"get_dialect", get_dialect, kMethFastcall,
     "Return the dialect instance associated with name.\n\n    dialect = csv.get_dialect(name)"},
    {"list_dialects", list_dialects, kMethNoArgs,
     "Return a list of all known dialect names.\n\n    names = csv.list_dialects()"},
    {"field_size_limit", field_size_limit, kMethFastcall,
     "Sets an upper limit on parsed fields.\n\n    csv.field_size_limit([limit])\n\n"
     "Returns old limit. If limit is not given, no new limit is set and\n"
     "the old limit is returned"},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_csv_module() {
  Ref<Object> m = TRY(module_new("_csv"));
  Object* dict = module_dict(m.get());
  Ref<Object> name = TRY(str_from_ascii("_csv"));
  TRY(add_functions_to_dict(dict, kCsvFunctions, m.get(), name.get()));
  if (!g_error.load(std::memory_order_acquire)) {
    // Module creation runs under the import lock, so this happens once.
    g_error.store(TRY(new_exception_class("_csv", "Error", exc::Exception)),
                  std::memory_order_release);
    g_dialects.store(TRY(dict_new()).release(), std::memory_order_release);
  }
  Ref<Object> doc = TRY(str_from_ascii(
      "CSV parsing and writing.\n\nThis module provides the low-level underpinnings of a CSV "
      "reading/writing\nmodule.  Users should not use this module directly, but import the "
      "csv.py\nmodule instead."));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  TRY(dict_set_item_str(dict, "Error", reinterpret_cast<Object*>(error_class())));
  TRY(dict_set_item_str(dict, "_dialects", g_dialects.load(std::memory_order_acquire)));
  TRY(dict_set_item_str(dict, "Dialect", reinterpret_cast<Object*>(&DialectType)));
  TRY(dict_set_item_str(dict, "Reader", reinterpret_cast<Object*>(&ReaderType)));
  TRY(dict_set_item_str(dict, "Writer", reinterpret_cast<Object*>(&WriterType)));
  const std::pair<const char*, int64_t> constants[] = {
      {"QUOTE_MINIMAL", kQuoteMinimal}, {"QUOTE_ALL", kQuoteAll},
      {"QUOTE_NONNUMERIC", kQuoteNonNumeric}, {"QUOTE_NONE", kQuoteNone},
      {"QUOTE_STRINGS", kQuoteStrings}, {"QUOTE_NOTNULL", kQuoteNotNull},
  };
  for (const auto& [key, value] : constants) {
    Ref<Object> v = TRY(int_from_i64(value));
    TRY(dict_set_item_str(dict, key, v.get()));
  }
  return m;
}

WEFT_NATIVE_MODULE("_csv", create_csv_module);

}  // namespace

Type* error_class() { return g_error.load(std::memory_order_acquire); }

int64_t field_limit() { return g_field_limit.load(std::memory_order_relaxed); }

Result<Ref<Object>> make_dialect(Object* const* args, size_t nargs, Object* kwnames) {
  return call(reinterpret_cast<Object*>(&DialectType), args, nargs, kwnames);
}

}  // namespace weft::csv_module
