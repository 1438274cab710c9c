// stdlib/_csv/csv_reader.cpp — `_csv.reader`: the CSV parsing state machine over an iterator of
// str lines, with CPython 3.14's semantics (quotechar, escapechar, doublequote,
// skipinitialspace, strict, QUOTE_NONNUMERIC/STRINGS/NOTNULL conversions, line_num, the field
// size limit) and messages.
//
// Each input line is fed to the machine code point by code point, then an end-of-line marker;
// a record ends when the machine is back in START_RECORD (a quoted field may span lines). The
// field being read accumulates in a growable code-point buffer.
//
// Thread safety: the parse state (state, buffer, pending fields) changes only inside the
// reader's critical section, held for a whole __next__ (the input iterator runs inside it, as
// CPython's free-threaded build does); `line_num` is atomic so the getter needs no lock.
#include <atomic>
#include <cstring>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/type_registry.h"
#include "stdlib/_csv/csv_internal.h"
#include "sync/critical_section.h"

namespace weft::csv_module {

Type ReaderType;

namespace {

enum class ParserState : uint8_t {
  kStartRecord, kStartField, kEscapedChar, kInField, kInQuotedField, kEscapeInQuotedField,
  kQuoteInQuotedField, kEatCrnl, kAfterEscapedCrnl,
};

struct ReaderObject : Object {
  Object* input_iter;  // owned
  Object* dialect;     // owned DialectObject
  Object* fields;      // the record being built (a list), or nullptr between records
  uint32_t* field;     // raw_alloc'd buffer of field_capacity code points
  int64_t field_len;
  int64_t field_capacity;
  std::atomic<int64_t> line_num;
  ParserState state;
  bool unquoted_field;
};

ReaderObject* as_reader(Object* o) { return static_cast<ReaderObject*>(o); }

Status add_char(ReaderObject* r, uint32_t c) {
  int64_t limit = field_limit();
  if (r->field_len >= limit)
    return raise(error_class(), "field larger than field limit ({})", limit);
  if (r->field_len == r->field_capacity) {
    int64_t capacity = r->field_capacity ? r->field_capacity * 2 : 64;
    auto* grown = static_cast<uint32_t*>(gc::raw_alloc(static_cast<size_t>(capacity) * 4));
    if (!grown) return raise_no_memory();
    if (r->field_len) std::memcpy(grown, r->field, static_cast<size_t>(r->field_len) * 4);
    gc::raw_free(r->field);
    r->field = grown;
    r->field_capacity = capacity;
  }
  r->field[r->field_len++] = c;
  return ok();
}

// Ends the current field: a str, or None / float for the quoting styles that convert.
Status save_field(ReaderObject* r) {
  int quoting = as_dialect(r->dialect)->quoting;
  Ref<Object> field;
  bool convert = r->unquoted_field && r->field_len != 0 &&
                 (quoting == kQuoteNonNumeric || quoting == kQuoteStrings);
  if (r->unquoted_field && r->field_len == 0 &&
      (quoting == kQuoteNotNull || quoting == kQuoteStrings)) {
    field = new_none();
  } else {
    field = TRY(str_from_code_points(r->field, static_cast<size_t>(r->field_len)));
  }
  r->field_len = 0;
  if (convert) field = TRY(number_float(field.get()));
  return list_append(r->fields, field.get());
}

bool is_newline(uint32_t c) { return c == '\n' || c == '\r'; }

// One step of the machine: `c` is a code point or kEndOfLine.
Status process_char(ReaderObject* r, uint32_t c) {
  DialectObject* d = as_dialect(r->dialect);
  bool quoting_on = d->quoting != kQuoteNone;
  switch (r->state) {
    case ParserState::kStartRecord:
      if (c == kEndOfLine) return ok();  // an empty line: the record is []
      if (is_newline(c)) {
        r->state = ParserState::kEatCrnl;
        return ok();
      }
      r->state = ParserState::kStartField;
      [[fallthrough]];
    case ParserState::kStartField:
      r->unquoted_field = true;
      if (is_newline(c) || c == kEndOfLine) {
        TRY(save_field(r));
        r->state = c == kEndOfLine ? ParserState::kStartRecord : ParserState::kEatCrnl;
      } else if (c == d->quotechar && quoting_on) {
        r->unquoted_field = false;
        r->state = ParserState::kInQuotedField;
      } else if (c == d->escapechar) {
        r->state = ParserState::kEscapedChar;
      } else if (c == ' ' && d->skipinitialspace) {
        // spaces at the start of a field are dropped
      } else if (c == d->delimiter) {
        TRY(save_field(r));
      } else {
        TRY(add_char(r, c));
        r->state = ParserState::kInField;
      }
      return ok();
    case ParserState::kEscapedChar:
      if (is_newline(c)) {
        TRY(add_char(r, c));
        r->state = ParserState::kAfterEscapedCrnl;
        return ok();
      }
      TRY(add_char(r, c == kEndOfLine ? '\n' : c));
      r->state = ParserState::kInField;
      return ok();
    case ParserState::kAfterEscapedCrnl:
      if (c == kEndOfLine) return ok();
      [[fallthrough]];
    case ParserState::kInField:
      if (is_newline(c) || c == kEndOfLine) {
        TRY(save_field(r));
        r->state = c == kEndOfLine ? ParserState::kStartRecord : ParserState::kEatCrnl;
      } else if (c == d->escapechar) {
        r->state = ParserState::kEscapedChar;
      } else if (c == d->delimiter) {
        TRY(save_field(r));
        r->state = ParserState::kStartField;
      } else {
        TRY(add_char(r, c));
      }
      return ok();
    case ParserState::kInQuotedField:
      if (c == kEndOfLine) {
        // the line break inside a quoted field came with the line, if at all
      } else if (c == d->escapechar) {
        r->state = ParserState::kEscapeInQuotedField;
      } else if (c == d->quotechar && quoting_on) {
        r->state = d->doublequote ? ParserState::kQuoteInQuotedField : ParserState::kInField;
      } else {
        TRY(add_char(r, c));
      }
      return ok();
    case ParserState::kEscapeInQuotedField:
      TRY(add_char(r, c == kEndOfLine ? '\n' : c));
      r->state = ParserState::kInQuotedField;
      return ok();
    case ParserState::kQuoteInQuotedField:
      if (quoting_on && c == d->quotechar) {
        TRY(add_char(r, c));  // "" inside quotes is one quote
        r->state = ParserState::kInQuotedField;
      } else if (c == d->delimiter) {
        TRY(save_field(r));
        r->state = ParserState::kStartField;
      } else if (is_newline(c) || c == kEndOfLine) {
        TRY(save_field(r));
        r->state = c == kEndOfLine ? ParserState::kStartRecord : ParserState::kEatCrnl;
      } else if (!d->strict) {
        TRY(add_char(r, c));
        r->state = ParserState::kInField;
      } else {
        Ref<Object> delim = TRY(str_from_code_point(d->delimiter));
        Ref<Object> quote = TRY(str_from_code_point(d->quotechar));
        return raise(error_class(), "'{}' expected after '{}'", str_to_std_string(delim.get()),
                     str_to_std_string(quote.get()));
      }
      return ok();
    case ParserState::kEatCrnl:
      if (is_newline(c)) return ok();
      if (c == kEndOfLine) {
        r->state = ParserState::kStartRecord;
        return ok();
      }
      return raise(error_class(),
                   "new-line character seen in unquoted field - do you need to open the file "
                   "with newline=''?");
  }
  return ok();
}

Status feed_line(ReaderObject* r, Object* line) {
  for (int64_t i = 0, n = str_length(line); i < n; ++i) TRY(process_char(r, str_char_at(line, i)));
  return process_char(r, kEndOfLine);
}

// The next record, or done at the end of the input. Runs in the reader's critical section.
Next next_record(ReaderObject* r) {
  Ref<Object> fields = TRY(list_new());
  xdecref(r->fields);
  r->fields = fields.release();
  r->field_len = 0;
  r->state = ParserState::kStartRecord;
  do {
    Next line = iter_next(r->input_iter);
    if (line.is_error()) return line;
    if (line.is_done()) {
      if (r->field_len == 0 && r->state != ParserState::kInQuotedField) return Next::done();
      if (as_dialect(r->dialect)->strict) return raise(error_class(), "unexpected end of data");
      TRY(save_field(r));
      break;
    }
    Ref<Object> text = line.release_value();
    if (!is_str(text.get()))
      return raise(error_class(),
                   "iterator should return strings, not {} (the file should be opened in text "
                   "mode)",
                   type_name_of(text.get()));
    r->line_num.fetch_add(1, std::memory_order_relaxed);
    TRY(feed_line(r, text.get()));
  } while (r->state != ParserState::kStartRecord);
  Ref<Object> record = Ref<Object>::steal(r->fields);
  r->fields = nullptr;
  return record;
}

Next reader_iternext(Object* self) {
  sync::CriticalSection cs{self->ob_mutex};
  return next_record(as_reader(self));
}

Result<Ref<Object>> reader_iter(Object* self) { return Ref<Object>::borrow(self); }

void reader_dealloc(Object* self) {
  ReaderObject* r = as_reader(self);
  xdecref(r->input_iter);
  xdecref(r->dialect);
  xdecref(r->fields);
  gc::raw_free(r->field);
  free_object(self);
}

void reader_traverse(Object* self, VisitFn visit, void* arg) {
  ReaderObject* r = as_reader(self);
  for (Object* o : {r->input_iter, r->dialect, r->fields})
    if (o) visit(o, arg);
}

void reader_clear(Object* self) {
  // Only the collector calls this, on an unreachable reader: nothing else can touch it.
  ReaderObject* r = as_reader(self);
  for (Object** o : {&r->input_iter, &r->fields}) xdecref(std::exchange(*o, nullptr));
}

Result<Ref<Object>> get_dialect(Object* self) {
  return Ref<Object>::borrow(as_reader(self)->dialect);
}
Result<Ref<Object>> get_line_num(Object* self) {
  return int_from_i64(as_reader(self)->line_num.load(std::memory_order_relaxed));
}

const GetSetDef kReaderGetSets[] = {
    {"dialect", get_dialect, nullptr, nullptr},
    {"line_num", get_line_num, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_reader_type() {
  Type& t = ReaderType;
  t.name = "_csv.reader";
  t.doc = "CSV reader\n\nReader objects are responsible for reading and parsing tabular data\n"
          "in CSV format.\n";
  t.basicsize = sizeof(ReaderObject);
  t.flags = kTypeHaveGc | kTypeDisallowInstantiation;
  t.dealloc = reader_dealloc;
  t.traverse = reader_traverse;
  t.clear = reader_clear;
  t.iter = reader_iter;
  t.iternext = reader_iternext;
  t.getsets = kReaderGetSets;
  return ok();
}
Status ready_reader_type() { return type_ready(&ReaderType); }
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_reader_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_reader_type);

}  // namespace

Result<Ref<Object>> csv_reader(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_check_positional("reader", nargs, 1, 2));
  Ref<Object> iter = TRY(get_iter(args[0]));
  Ref<Object> dialect = TRY(make_dialect(args + 1, nargs - 1, kwnames));
  Ref<ReaderObject> r = TRY(new_object<ReaderObject>(&ReaderType));
  r->input_iter = iter.release();
  r->dialect = dialect.release();
  r->state = ParserState::kStartRecord;
  return Ref<Object>(std::move(r));
}

}  // namespace weft::csv_module
