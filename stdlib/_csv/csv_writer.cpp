// stdlib/_csv/csv_writer.cpp — `_csv.writer`: formats rows as CSV records and hands each one to
// the file's write() method, with CPython 3.14's quoting rules (QUOTE_MINIMAL quotes fields
// holding special characters, QUOTE_ALL / NONNUMERIC / STRINGS / NOTNULL by field type,
// QUOTE_NONE escapes instead), doublequote, escapechar and messages.
//
// A field is formatted into a scratch code-point buffer first because whether it needs quotes
// is only known once all its characters were seen. The writer holds only immutable state (the
// bound write method and the dialect), so concurrent writerow() calls need no lock; each builds
// its own record.
#include <string>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/complex.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/_csv/csv_internal.h"

namespace weft::csv_module {

Type WriterType;

namespace {

struct WriterObject : Object {
  Object* write;    // the file's bound write method, owned
  Object* dialect;  // owned DialectObject
};

WriterObject* as_writer(Object* o) { return static_cast<WriterObject*>(o); }

// PyNumber_Check: what QUOTE_NONNUMERIC leaves unquoted.
bool is_number(Object* o) {
  const NumberMethods& nm = o->ob_type->number;
  return nm.index || nm.int_ || nm.float_ || is_complex(o);
}

bool in_str(Object* s, uint32_t c) {
  for (int64_t i = 0, n = str_length(s); i < n; ++i)
    if (str_char_at(s, i) == c) return true;
  return false;
}

// Appends one field (`text` may be nullptr: an empty field) to `record`.
Status append_field(DialectObject* d, std::u32string& record, bool first, Object* text,
                    bool quoted) {
  std::u32string body;
  for (int64_t i = 0, n = text ? str_length(text) : 0; i < n; ++i) {
    uint32_t c = str_char_at(text, i);
    bool escape = false;
    if (c == d->delimiter || c == d->escapechar || c == d->quotechar || c == '\n' || c == '\r' ||
        in_str(d->lineterminator, c)) {
      if (d->quoting == kQuoteNone) {
        escape = true;
      } else {
        if (c == d->quotechar) {
          if (d->doublequote)
            body.push_back(c);
          else
            escape = true;
        } else if (c == d->escapechar) {
          escape = true;
        }
        if (!escape) quoted = true;
      }
      if (escape) {
        if (d->escapechar == kNotSet)
          return raise(error_class(), "need to escape, but no escapechar set");
        body.push_back(d->escapechar);
      }
    }
    body.push_back(c);
  }
  if (!first) record.push_back(d->delimiter);
  if (quoted) record.push_back(d->quotechar);
  record += body;
  if (quoted) record.push_back(d->quotechar);
  return ok();
}

Result<bool> needs_quotes(DialectObject* d, Object* field) {
  switch (d->quoting) {
    case kQuoteNonNumeric: return !is_number(field);
    case kQuoteAll: return true;
    case kQuoteStrings: return is_str(field);
    case kQuoteNotNull: return !is_none(field);
    default: return false;
  }
}

Result<Ref<Object>> writer_writerow(Object* self, Object* const* args, size_t, Object*) {
  WriterObject* w = as_writer(self);
  DialectObject* d = as_dialect(w->dialect);
  Object* row = args[0];
  Result<Ref<Object>> iter_result = get_iter(row);
  if (iter_result.is_error()) {
    if (!error_matches(exc::TypeError)) return Error{};
    clear_error();
    return raise(error_class(), "iterable expected, not {}", type_name_of(row));
  }
  Ref<Object> iter = iter_result.release_value();
  std::u32string record;
  int64_t nfields = 0;
  for (;;) {
    Next next = iter_next(iter.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) break;
    Ref<Object> field = next.release_value();
    bool quoted = TRY(needs_quotes(d, field.get()));
    Ref<Object> text;
    if (is_str(field.get()))
      text = std::move(field);
    else if (!is_none(field.get()))
      text = TRY(object_str(field.get()));
    TRY(append_field(d, record, nfields == 0, text.get(), quoted));
    ++nfields;
  }
  if (nfields > 0 && record.empty()) {
    // A record of one empty field would read back as an empty line: quote it.
    if (d->quoting == kQuoteNone)
      return raise(error_class(), "single empty field record must be quoted");
    TRY(append_field(d, record, true, nullptr, true));
  }
  for (int64_t i = 0, n = str_length(d->lineterminator); i < n; ++i)
    record.push_back(str_char_at(d->lineterminator, i));
  Ref<Object> line = TRY(str_from_code_points(reinterpret_cast<const uint32_t*>(record.data()),
                                              record.size()));
  return call_one(w->write, line.get());
}

Result<Ref<Object>> writer_writerows(Object* self, Object* const* args, size_t, Object*) {
  Ref<Object> iter = TRY(get_iter(args[0]));
  for (;;) {
    Next next = iter_next(iter.get());
    if (next.is_error()) return Error{};
    if (next.is_done()) break;
    Ref<Object> row = next.release_value();
    Object* one[] = {row.get()};
    TRY(writer_writerow(self, one, 1, nullptr));
  }
  return new_none();
}

void writer_dealloc(Object* self) {
  WriterObject* w = as_writer(self);
  xdecref(w->write);
  xdecref(w->dialect);
  free_object(self);
}

void writer_traverse(Object* self, VisitFn visit, void* arg) {
  WriterObject* w = as_writer(self);
  for (Object* o : {w->write, w->dialect})
    if (o) visit(o, arg);
}

void writer_clear(Object* self) {
  // Only the collector calls this, on an unreachable writer: nothing else can touch it.
  xdecref(std::exchange(as_writer(self)->write, nullptr));
}

Result<Ref<Object>> get_dialect(Object* self) {
  return Ref<Object>::borrow(as_writer(self)->dialect);
}

const GetSetDef kWriterGetSets[] = {
    {"dialect", get_dialect, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

const MethodDef kWriterMethods[] = {
    {"writerow", writer_writerow, kMethOneArg,
     "writerow($self, row, /)\n--\n\nConstruct and write a CSV record from an iterable of "
     "fields.\n\nNon-string elements will be converted to string."},
    {"writerows", writer_writerows, kMethOneArg,
     "writerows($self, rows, /)\n--\n\nConstruct and write a series of iterables to a csv "
     "file.\n\nNon-string elements will be converted to string."},
    {nullptr, nullptr, 0, nullptr},
};

Status fill_writer_type() {
  Type& t = WriterType;
  t.name = "_csv.writer";
  t.doc = "CSV writer\n\nWriter objects are responsible for generating tabular data\n"
          "in CSV format from sequence input.\n";
  t.basicsize = sizeof(WriterObject);
  t.flags = kTypeHaveGc | kTypeDisallowInstantiation;
  t.dealloc = writer_dealloc;
  t.traverse = writer_traverse;
  t.clear = writer_clear;
  t.methods = kWriterMethods;
  t.getsets = kWriterGetSets;
  return ok();
}
Status ready_writer_type() { return type_ready(&WriterType); }
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_writer_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_writer_type);

}  // namespace

Result<Ref<Object>> csv_writer(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_check_positional("writer", nargs, 1, 2));
  Ref<Object> write;
  if (!TRY(lookup_attr(args[0], str_intern("write"), &write)) || !is_callable(write.get()))
    return raise(exc::TypeError, "argument 1 must have a \"write\" method");
  Ref<Object> dialect = TRY(make_dialect(args + 1, nargs - 1, kwnames));
  Ref<WriterObject> w = TRY(new_object<WriterObject>(&WriterType));
  w->write = write.release();
  w->dialect = dialect.release();
  return Ref<Object>(std::move(w));
}

}  // namespace weft::csv_module
