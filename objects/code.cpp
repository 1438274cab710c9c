// objects/code.cpp — the code object type and the decoding of its location table.
//
// A code object is immutable once built by code_new(); every field is read without locking.
// The derived counts (nlocals, ncellvars, nfreevars) and the co_varnames/co_cellvars/co_freevars
// tuples come from co_localspluskinds, exactly as CPython 3.14 derives them.
//
// Location table (CPython 3.14, InternalDocs/code_objects.md): a sequence of entries, each
// covering 1-8 code units. The first byte of an entry has bit 7 set, bits 3-6 hold the entry
// kind and bits 0-2 the unit count minus one. Kinds:
//   0-9   short form: same line; column = kind*8 + high nibble of the next byte, end column =
//         column + its low nibble
//   10-12 one-line form: line += kind - 10; column and end column are the next two bytes
//   13    no columns: line += signed varint
//   14    long form: line += signed varint, end line = line + varint, column + 1 and end
//         column + 1 as varints (0 = unknown)
//   15    no location
// Varints are little-endian groups of 6 bits, bit 6 meaning "more follows"; a signed varint is
// the magnitude shifted left by one with the sign in bit 0.
#include "objects/code.h"

#include "objects/code_internal.h"

#include <cstdio>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/bytes.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "objects/weakref.h"

namespace weft {

Type CodeType;

namespace code_detail {

Result<Ref<Object>> names_of_kind(const CodeObject* c, uint8_t mask, uint8_t exclude) {
  std::string_view kinds = bytes_view(c->localspluskinds);
  int64_t n = 0;
  for (char k : kinds) {
    uint8_t kind = static_cast<uint8_t>(k);
    if ((kind & mask) && !(kind & exclude)) ++n;
  }
  Ref<Object> out = TRY(tuple_new(n));
  int64_t j = 0;
  for (size_t i = 0; i < kinds.size(); ++i) {
    uint8_t kind = static_cast<uint8_t>(kinds[i]);
    if ((kind & mask) && !(kind & exclude)) {
      tuple_init_item(out.get(), j++, new_ref(tuple_item(c->localsplusnames, static_cast<int64_t>(i))));
    }
  }
  return out;
}

}  // namespace code_detail

namespace {

using code_detail::names_of_kind;

CodeObject* as_code(Object* o) { return static_cast<CodeObject*>(o); }

// --- location table ----------------------------------------------------------------------------

struct LineTableReader {
  const uint8_t* p;
  const uint8_t* end;

  int read_varint() {
    if (p >= end) return 0;
    unsigned b = *p++;
    unsigned value = b & 63;
    int shift = 6;
    while ((b & 64) && p < end) {
      b = *p++;
      value |= (b & 63u) << shift;
      shift += 6;
    }
    return static_cast<int>(value);
  }
  int read_svarint() {
    unsigned u = static_cast<unsigned>(read_varint());
    return (u & 1) ? -static_cast<int>(u >> 1) : static_cast<int>(u >> 1);
  }
};

// Walks the entries; calls fn(start_unit, unit_count, location, has_location) for each. `fn`
// returns false to stop early.
template <class Fn>
void for_each_location(const CodeObject* code, Fn&& fn) {
  std::string_view table = bytes_view(code->linetable);
  LineTableReader r{reinterpret_cast<const uint8_t*>(table.data()),
                    reinterpret_cast<const uint8_t*>(table.data()) + table.size()};
  int line = code->firstlineno;
  int unit = 0;
  while (r.p < r.end) {
    uint8_t first = *r.p++;
    int kind = (first >> 3) & 15;
    int length = (first & 7) + 1;
    SourceLocation loc{line, line, -1, -1};
    bool has_location = true;
    if (kind == 15) {
      has_location = false;
      loc = {-1, -1, -1, -1};
    } else if (kind == 14) {
      line += r.read_svarint();
      loc.line = line;
      loc.end_line = line + r.read_varint();
      loc.col = r.read_varint() - 1;
      loc.end_col = r.read_varint() - 1;
    } else if (kind == 13) {
      line += r.read_svarint();
      loc = {line, line, -1, -1};
    } else if (kind >= 10) {
      line += kind - 10;
      loc.line = loc.end_line = line;
      loc.col = r.p < r.end ? *r.p++ : 0;
      loc.end_col = r.p < r.end ? *r.p++ : 0;
    } else {
      uint8_t second = r.p < r.end ? *r.p++ : 0;
      loc.col = kind * 8 + ((second >> 4) & 7);
      loc.end_col = loc.col + (second & 15);
    }
    if (!fn(unit, length, loc, has_location)) return;
    unit += length;
  }
}

// A Python int or None for a location component (-1 = unknown).
Result<Ref<Object>> int_or_none(int v) {
  if (v < 0) return new_none();
  return int_from_i64(v);
}

// --- tuples derived from localspluskinds --------------------------------------------------------


// --- slots ---------------------------------------------------------------------------------------

}  // namespace

void (*code_vm_data_release)(void* vm_data) = nullptr;

namespace {

void code_dealloc(Object* self) {
  clear_weakrefs_on_dealloc(self);
  CodeObject* c = as_code(self);
  for (Object* f : {c->code, c->consts, c->names, c->localsplusnames, c->localspluskinds,
                    c->filename, c->name, c->qualname, c->linetable, c->exceptiontable}) {
    xdecref(f);
  }
  if (c->vm_data && code_vm_data_release) code_vm_data_release(c->vm_data);
  free_object(self);
}

void code_traverse(Object* self, VisitFn visit, void* arg) {
  CodeObject* c = as_code(self);
  visit(c->consts, arg);
}

Result<Ref<Object>> code_repr(Object* self) {
  CodeObject* c = as_code(self);
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<void*>(self));
  std::string text = "<code object " + str_to_std_string(c->name) + " at " + addr + ", file \"" +
                     str_to_std_string(c->filename) + "\", line " + std::to_string(c->firstlineno) +
                     ">";
  return str_from_utf8(text);
}

#define WEFT_CODE_INT_GETTER(attr, field) \
  Result<Ref<Object>> get_##attr(Object* self) { return int_from_i64(as_code(self)->field); }
WEFT_CODE_INT_GETTER(argcount, argcount)
WEFT_CODE_INT_GETTER(posonlyargcount, posonlyargcount)
WEFT_CODE_INT_GETTER(kwonlyargcount, kwonlyargcount)
WEFT_CODE_INT_GETTER(stacksize, stacksize)
WEFT_CODE_INT_GETTER(flags, flags)
WEFT_CODE_INT_GETTER(firstlineno, firstlineno)
WEFT_CODE_INT_GETTER(nlocals, nlocals)
#undef WEFT_CODE_INT_GETTER

// Object fields (offsetof is not available on these non-standard-layout structs, so getters).
#define WEFT_CODE_OBJ_GETTER(attr, field) \
  Result<Ref<Object>> get_##attr(Object* self) { return new_ref(as_code(self)->field); }
WEFT_CODE_OBJ_GETTER(code, code)
WEFT_CODE_OBJ_GETTER(consts, consts)
WEFT_CODE_OBJ_GETTER(names, names)
WEFT_CODE_OBJ_GETTER(filename, filename)
WEFT_CODE_OBJ_GETTER(name, name)
WEFT_CODE_OBJ_GETTER(qualname, qualname)
WEFT_CODE_OBJ_GETTER(linetable, linetable)
WEFT_CODE_OBJ_GETTER(exceptiontable, exceptiontable)
WEFT_CODE_OBJ_GETTER(localsplusnames, localsplusnames)
WEFT_CODE_OBJ_GETTER(localspluskinds, localspluskinds)
#undef WEFT_CODE_OBJ_GETTER

Result<Ref<Object>> get_varnames(Object* self) {
  return names_of_kind(as_code(self), kFastLocal | kFastArgPos | kFastArgKw | kFastArgVar, 0);
}
Result<Ref<Object>> get_cellvars(Object* self) { return names_of_kind(as_code(self), kFastCell); }
Result<Ref<Object>> get_freevars(Object* self) { return names_of_kind(as_code(self), kFastFree); }

// co_lines(): an iterator of (start, end, line) byte ranges; consecutive entries on the same
// line are merged, and units without a location yield line None.
Result<Ref<Object>> code_co_lines(Object* self, Object* const*, size_t nargs, Object* kwnames) {
  if (nargs != 0 || kwnames) return raise(exc::TypeError, "co_lines() takes no arguments");
  struct Range { int start, end, line; };
  std::vector<Range> ranges;
  for_each_location(as_code(self), [&](int unit, int length, const SourceLocation& loc, bool has) {
    int line = has ? loc.line : -1;
    if (!ranges.empty() && ranges.back().line == line && ranges.back().end == unit * 2) {
      ranges.back().end = (unit + length) * 2;
    } else {
      ranges.push_back({unit * 2, (unit + length) * 2, line});
    }
    return true;
  });
  Ref<Object> list = TRY(list_new(static_cast<int64_t>(ranges.size())));
  for (const Range& r : ranges) {
    Ref<Object> start = TRY(int_from_i64(r.start));
    Ref<Object> end = TRY(int_from_i64(r.end));
    Ref<Object> line = TRY(int_or_none(r.line));
    Ref<Object> item = TRY(tuple_pack({start.get(), end.get(), line.get()}));
    TRY(list_append(list.get(), item.get()));
  }
  return get_iter(list.get());
}

// co_positions(): one (line, end_line, col, end_col) tuple per code unit, None where unknown.
Result<Ref<Object>> code_co_positions(Object* self, Object* const*, size_t nargs, Object* kwnames) {
  if (nargs != 0 || kwnames) return raise(exc::TypeError, "co_positions() takes no arguments");
  Ref<Object> list = TRY(list_new(0));
  bool failed = false;
  for_each_location(as_code(self), [&](int, int length, const SourceLocation& loc, bool has) {
    Result<Ref<Object>> item = [&]() -> Result<Ref<Object>> {
      Ref<Object> line = TRY(int_or_none(has ? loc.line : -1));
      Ref<Object> end_line = TRY(int_or_none(has ? loc.end_line : -1));
      Ref<Object> col = TRY(int_or_none(has ? loc.col : -1));
      Ref<Object> end_col = TRY(int_or_none(has ? loc.end_col : -1));
      return tuple_pack({line.get(), end_line.get(), col.get(), end_col.get()});
    }();
    if (item.is_error()) { failed = true; return false; }
    for (int i = 0; i < length; ++i) {
      if (list_append(list.get(), item.value().get()).is_error()) { failed = true; return false; }
    }
    return true;
  });
  if (failed) return Error{};
  return get_iter(list.get());
}

const MethodDef kCodeMethods[] = {
    {"co_lines", code_co_lines, kMethFastcall, nullptr},
    {"co_positions", code_co_positions, kMethFastcall, nullptr},
    {"replace", code_detail::code_replace, kMethFastcall,
     "replace($self, /, **changes)\n--\n\nReturn a copy of the code object with new values for the specified fields."},
    {"__replace__", code_detail::code_replace, kMethFastcall,
     "__replace__($self, /, **changes)\n--\n\nThe same as replace()."},
    {"_varname_from_oparg", code_detail::code_varname_from_oparg, kMethFastcall,
     "(internal-only) Return the local variable name for the given oparg.\n\nWARNING: this method is for internal use only and may change or go away."},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kCodeGetSets[] = {
    {"co_code", get_code, nullptr, nullptr},
    {"_co_code_adaptive", get_code, nullptr, nullptr},  // no quickened copy is exposed
    {"co_consts", get_consts, nullptr, nullptr},
    {"co_names", get_names, nullptr, nullptr},
    {"co_filename", get_filename, nullptr, nullptr},
    {"co_name", get_name, nullptr, nullptr},
    {"co_qualname", get_qualname, nullptr, nullptr},
    {"co_linetable", get_linetable, nullptr, nullptr},
    {"co_exceptiontable", get_exceptiontable, nullptr, nullptr},
    {"_co_localsplusnames", get_localsplusnames, nullptr, nullptr},
    {"_co_localspluskinds", get_localspluskinds, nullptr, nullptr},
    {"co_argcount", get_argcount, nullptr, nullptr},
    {"co_posonlyargcount", get_posonlyargcount, nullptr, nullptr},
    {"co_kwonlyargcount", get_kwonlyargcount, nullptr, nullptr},
    {"co_stacksize", get_stacksize, nullptr, nullptr},
    {"co_flags", get_flags, nullptr, nullptr},
    {"co_firstlineno", get_firstlineno, nullptr, nullptr},
    {"co_nlocals", get_nlocals, nullptr, nullptr},
    {"co_varnames", get_varnames, nullptr, nullptr},
    {"co_cellvars", get_cellvars, nullptr, nullptr},
    {"co_freevars", get_freevars, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_code_type() {
  Type& t = CodeType;
  t.name = "code";
  t.doc = "Create a code object.  Not for the faint of heart.";
  t.basicsize = sizeof(CodeObject);
  t.weaklistoffset = offsetof(CodeObject, weaklist);
  t.flags = kTypeImmutable | kTypeHaveGc;
  t.dealloc = code_dealloc;
  t.traverse = code_traverse;
  t.repr = code_repr;
  t.richcompare = code_detail::code_richcompare;
  t.hash = code_detail::code_hash;
  t.methods = kCodeMethods;
  t.getsets = kCodeGetSets;
  return ok();
}
Status ready_code_type() { return type_ready(&CodeType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_code_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_code_type);

}  // namespace

Result<Ref<Object>> code_new(const CodeSpec& spec) {
  if (!spec.code || !is_bytes(spec.code) || !spec.consts || !is_tuple(spec.consts) || !spec.names ||
      !is_tuple(spec.names) || !spec.localsplusnames || !is_tuple(spec.localsplusnames) ||
      !spec.localspluskinds || !is_bytes(spec.localspluskinds) || !spec.filename ||
      !is_str(spec.filename) || !spec.name || !is_str(spec.name) || !spec.linetable ||
      !is_bytes(spec.linetable) || !spec.exceptiontable || !is_bytes(spec.exceptiontable)) {
    return bad_internal_call("code_new");
  }
  int64_t nlocalsplus = tuple_size(spec.localsplusnames);
  std::string_view kinds = bytes_view(spec.localspluskinds);
  if (static_cast<int64_t>(kinds.size()) != nlocalsplus || bytes_view(spec.code).size() % 2 != 0) {
    return raise(exc::ValueError, "code: co_localspluskinds or co_code has an invalid length");
  }
  Ref<CodeObject> c = TRY(new_object<CodeObject>(&CodeType));
  c->argcount = spec.argcount;
  c->posonlyargcount = spec.posonlyargcount;
  c->kwonlyargcount = spec.kwonlyargcount;
  c->stacksize = spec.stacksize;
  c->flags = spec.flags;
  c->firstlineno = spec.firstlineno;
  c->nlocalsplus = static_cast<int32_t>(nlocalsplus);
  for (char k : kinds) {
    uint8_t kind = static_cast<uint8_t>(k);
    if (kind & kFastFree) {
      ++c->nfreevars;
    } else {
      if (kind & kFastCell) ++c->ncellvars;
      // A cell that is also an argument counts as a local too (co_nlocals = len(co_varnames)).
      if (kind & (kFastLocal | kFastArgPos | kFastArgKw | kFastArgVar)) ++c->nlocals;
    }
  }
  c->code = new_ref(spec.code).release();
  c->consts = new_ref(spec.consts).release();
  c->names = new_ref(spec.names).release();
  c->localsplusnames = new_ref(spec.localsplusnames).release();
  c->localspluskinds = new_ref(spec.localspluskinds).release();
  c->filename = new_ref(spec.filename).release();
  c->name = new_ref(spec.name).release();
  c->qualname = new_ref(spec.qualname ? spec.qualname : spec.name).release();
  c->linetable = new_ref(spec.linetable).release();
  c->exceptiontable = new_ref(spec.exceptiontable).release();
  // The code of a module-level function or method is run by every call of a deferred function
  // (objects/function.cpp): defer it too, so frames do not count references to it
  // (vm/stack_ref.h). Such code lives as long as its deferred functions anyway. Module code
  // (exec/eval) and closures' code stay counted so that they are freed while there is no cycle
  // collector to reclaim deferred objects.
  if ((spec.flags & kCoOptimized) && !(spec.flags & kCoNested))
    object_enable_deferred_refcount(c.get());
  return Ref<Object>(std::move(c));
}

bool code_location(const CodeObject* code, int offset, SourceLocation* out) {
  bool found = false;
  for_each_location(code, [&](int unit, int length, const SourceLocation& loc, bool has) {
    if (offset < unit + length) {
      if (offset >= unit && has) {
        *out = loc;
        found = true;
      }
      return false;
    }
    return true;
  });
  return found;
}

}  // namespace weft
