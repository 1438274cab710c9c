// objects/code_replace.cpp — code.replace() / __replace__, code equality and hash,
// _varname_from_oparg: the parts of the code type that build or compare whole code objects.
//
// replace() keeps co_localsplusnames/co_localspluskinds as they are unless co_varnames,
// co_cellvars or co_freevars is given; then it rebuilds them as CPython's code constructor does
// (varnames, then the cells that are not arguments, then the free variables; a cell that is also
// a variable is one slot with both kinds). Equality is CPython's code_richcompare: the
// attributes that define behaviour, with constants compared by kind and value (so code with 0.0
// and code with -0.0 differ). Code objects are immutable: nothing here locks.
#include "objects/code_internal.h"

#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/complex.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft::code_detail {

namespace {

CodeObject* as_code(Object* o) { return static_cast<CodeObject*>(o); }

// replace()'s keyword-only parameters, in CPython's order.
enum Param {
  kArgcount, kPosonlyargcount, kKwonlyargcount, kNlocals, kStacksize, kFlags, kFirstlineno,
  kCode, kConsts, kNames, kVarnames, kFreevars, kCellvars, kFilename, kName, kQualname,
  kLinetable, kExceptiontable, kParamCount
};

const ArgParser kReplaceParser(
    "replace",
    "* | co_argcount co_posonlyargcount co_kwonlyargcount co_nlocals co_stacksize co_flags "
    "co_firstlineno co_code co_consts co_names co_varnames co_freevars co_cellvars co_filename "
    "co_name co_qualname co_linetable co_exceptiontable");

const char* param_name(int p) {
  static const char* const kNames[] = {
      "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_stacksize",
      "co_flags", "co_firstlineno", "co_code", "co_consts", "co_names", "co_varnames",
      "co_freevars", "co_cellvars", "co_filename", "co_name", "co_qualname", "co_linetable",
      "co_exceptiontable"};
  return kNames[p];
}

// An int parameter (Argument Clinic's `int`), or `current` when not given.
Result<int32_t> int_param(Object* value, int32_t current) {
  if (!value) return current;
  int64_t v = TRY(index_as_i64(value));
  if (v < INT32_MIN || v > INT32_MAX)
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  return static_cast<int32_t>(v);
}

// An object parameter that must be of a type `check` accepts, or `current` when not given.
Result<Object*> typed_param(Object* value, int p, bool (*check)(const Object*), const char* type,
                            Object* current) {
  if (!value) return current;
  if (!check(value))
    return raise(exc::TypeError, "replace() argument '{}' must be {}, not {}", param_name(p), type,
                 type_name_of(value));
  return value;
}

bool is_exact_tuple(const Object* o) { return is_tuple_exact(o); }
bool is_exact_bytes(const Object* o) { return o->ob_type == &BytesType; }
bool is_any_str(const Object* o) { return is_str(o); }

// localsplus names and kinds from explicit varnames/cellvars/freevars, with the argument kinds
// the counts and flags imply.
Status rebuild_localsplus(const CodeSpec& spec, Object* varnames, Object* cellvars,
                          Object* freevars, Ref<Object>* names_out, Ref<Object>* kinds_out) {
  int64_t nvars = tuple_size(varnames);
  std::string kinds;
  std::vector<Object*> names;  // borrowed from the three tuples
  int64_t positional = spec.argcount;
  int64_t keyword_only = spec.kwonlyargcount;
  bool varargs = spec.flags & kCoVarargs;
  bool varkeywords = spec.flags & kCoVarkeywords;
  for (int64_t i = 0; i < nvars; ++i) {
    uint8_t k = kFastLocal;
    if (i < spec.posonlyargcount) k |= kFastArgPos;
    else if (i < positional) k |= kFastArgPos | kFastArgKw;
    else if (i < positional + keyword_only) k |= kFastArgKw;
    else if (varargs && i == positional + keyword_only) k |= kFastArgVar | kFastArgPos;
    else if (varkeywords && i == positional + keyword_only + (varargs ? 1 : 0)) k |= kFastArgVar | kFastArgKw;
    kinds.push_back(static_cast<char>(k));
    names.push_back(tuple_item(varnames, i));
  }
  for (int64_t i = 0; i < tuple_size(cellvars); ++i) {
    Object* name = tuple_item(cellvars, i);
    int64_t merged = -1;
    for (int64_t j = 0; j < nvars && merged < 0; ++j)
      if (TRY(objects_equal(tuple_item(varnames, j), name))) merged = j;
    if (merged >= 0) {
      kinds[merged] = static_cast<char>(static_cast<uint8_t>(kinds[merged]) | kFastCell);
      continue;
    }
    kinds.push_back(static_cast<char>(kFastCell));
    names.push_back(name);
  }
  for (int64_t i = 0; i < tuple_size(freevars); ++i) {
    kinds.push_back(static_cast<char>(kFastFree));
    names.push_back(tuple_item(freevars, i));
  }
  *names_out = TRY(tuple_from_array(names.data(), static_cast<int64_t>(names.size())));
  *kinds_out = TRY(bytes_from(kinds));
  return ok();
}

// Constants compared as CPython's _PyCode_ConstantKey does: same type, and for floats and
// complex numbers the same bits (so 0.0 and -0.0 differ); tuples and frozensets item by item;
// code objects by code equality.
Result<bool> constants_equal(Object* a, Object* b) {
  if (a == b) return true;
  if (a->ob_type != b->ob_type) return false;
  if (is_float(a)) {
    double x = float_value(a), y = float_value(b);
    return std::memcmp(&x, &y, sizeof x) == 0;
  }
  if (is_complex(a)) {
    const auto* x = static_cast<const ComplexObject*>(a);
    const auto* y = static_cast<const ComplexObject*>(b);
    return std::memcmp(&x->real, &y->real, sizeof x->real) == 0 &&
           std::memcmp(&x->imag, &y->imag, sizeof x->imag) == 0;
  }
  if (is_tuple(a)) {
    if (tuple_size(a) != tuple_size(b)) return false;
    for (int64_t i = 0; i < tuple_size(a); ++i)
      if (!TRY(constants_equal(tuple_item(a, i), tuple_item(b, i)))) return false;
    return true;
  }
  if (is_code(a)) return codes_equal(a, b);
  return objects_equal(a, b);
}

}  // namespace

Result<Ref<Object>> code_replace(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* a[kParamCount];
  TRY(kReplaceParser.parse(args, nargs, kwnames, a));
  CodeObject* c = as_code(self);
  CodeSpec spec;
  spec.argcount = TRY(int_param(a[kArgcount], c->argcount));
  spec.posonlyargcount = TRY(int_param(a[kPosonlyargcount], c->posonlyargcount));
  spec.kwonlyargcount = TRY(int_param(a[kKwonlyargcount], c->kwonlyargcount));
  int32_t nlocals = TRY(int_param(a[kNlocals], c->nlocals));
  spec.stacksize = TRY(int_param(a[kStacksize], c->stacksize));
  spec.flags = TRY(int_param(a[kFlags], c->flags));
  spec.firstlineno = TRY(int_param(a[kFirstlineno], c->firstlineno));
  spec.code = TRY(typed_param(a[kCode], kCode, is_exact_bytes, "bytes", c->code));
  spec.consts = TRY(typed_param(a[kConsts], kConsts, is_exact_tuple, "tuple", c->consts));
  spec.names = TRY(typed_param(a[kNames], kNames, is_exact_tuple, "tuple", c->names));
  Object* varnames = TRY(typed_param(a[kVarnames], kVarnames, is_exact_tuple, "tuple", nullptr));
  Object* freevars = TRY(typed_param(a[kFreevars], kFreevars, is_exact_tuple, "tuple", nullptr));
  Object* cellvars = TRY(typed_param(a[kCellvars], kCellvars, is_exact_tuple, "tuple", nullptr));
  spec.filename = TRY(typed_param(a[kFilename], kFilename, is_any_str, "str", c->filename));
  spec.name = TRY(typed_param(a[kName], kName, is_any_str, "str", c->name));
  spec.qualname = TRY(typed_param(a[kQualname], kQualname, is_any_str, "str", c->qualname));
  spec.linetable = TRY(typed_param(a[kLinetable], kLinetable, is_exact_bytes, "bytes", c->linetable));
  spec.exceptiontable =
      TRY(typed_param(a[kExceptiontable], kExceptiontable, is_exact_bytes, "bytes", c->exceptiontable));
  Ref<Object> names, kinds;
  if (varnames || freevars || cellvars) {
    Ref<Object> current_vars, current_cells, current_frees;
    if (!varnames) {
      current_vars = TRY(names_of_kind(c, kFastLocal | kFastArgPos | kFastArgKw | kFastArgVar));
      varnames = current_vars.get();
    }
    if (!cellvars) {
      current_cells = TRY(names_of_kind(c, kFastCell));
      cellvars = current_cells.get();
    }
    if (!freevars) {
      current_frees = TRY(names_of_kind(c, kFastFree));
      freevars = current_frees.get();
    }
    if (nlocals != tuple_size(varnames))
      return raise(exc::ValueError, "code: co_nlocals != len(co_varnames)");
    TRY(rebuild_localsplus(spec, varnames, cellvars, freevars, &names, &kinds));
    spec.localsplusnames = names.get();
    spec.localspluskinds = kinds.get();
  } else {
    if (nlocals != c->nlocals) return raise(exc::ValueError, "code: co_nlocals != len(co_varnames)");
    spec.localsplusnames = c->localsplusnames;
    spec.localspluskinds = c->localspluskinds;
  }
  return code_new(spec);
}

Result<bool> codes_equal(Object* a, Object* b) {
  if (a == b) return true;
  CodeObject* x = as_code(a);
  CodeObject* y = as_code(b);
  if (x->argcount != y->argcount || x->posonlyargcount != y->posonlyargcount ||
      x->kwonlyargcount != y->kwonlyargcount || x->flags != y->flags ||
      x->firstlineno != y->firstlineno)
    return false;
  if (!TRY(objects_equal(x->name, y->name))) return false;
  if (bytes_view(x->code) != bytes_view(y->code)) return false;
  if (!TRY(constants_equal(x->consts, y->consts))) return false;
  if (!TRY(objects_equal(x->names, y->names))) return false;
  if (!TRY(objects_equal(x->localsplusnames, y->localsplusnames))) return false;
  if (bytes_view(x->linetable) != bytes_view(y->linetable)) return false;
  return bytes_view(x->exceptiontable) == bytes_view(y->exceptiontable);
}

Result<Ref<Object>> code_richcompare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::Eq && op != CompareOp::Ne) || !is_code(a) || !is_code(b))
    return new_ref(&NotImplementedObject);
  bool equal = TRY(codes_equal(a, b));
  return new_bool(equal == (op == CompareOp::Eq));
}

// Mixes the attributes codes_equal compares (constants by value hash, which agrees with it:
// equal constants have equal hashes).
Result<int64_t> code_hash(Object* self) {
  CodeObject* c = as_code(self);
  uint64_t h = static_cast<uint64_t>(str_hash(c->name));
  auto mix = [&h](uint64_t v) { h = (h ^ v) * 1000003u; };
  mix(static_cast<uint64_t>(bytes_hash(c->code)));
  mix(static_cast<uint64_t>(TRY(object_hash(c->names))));
  mix(static_cast<uint64_t>(TRY(object_hash(c->localsplusnames))));
  mix(static_cast<uint64_t>(bytes_hash(c->linetable)));
  mix(static_cast<uint64_t>(bytes_hash(c->exceptiontable)));
  mix(static_cast<uint64_t>(tuple_size(c->consts)));
  mix(static_cast<uint64_t>(c->argcount) ^ (static_cast<uint64_t>(c->posonlyargcount) << 8) ^
      (static_cast<uint64_t>(c->kwonlyargcount) << 16) ^ (static_cast<uint64_t>(c->flags) << 24) ^
      (static_cast<uint64_t>(c->firstlineno) << 40));
  int64_t result = static_cast<int64_t>(h);
  return result == -1 ? -2 : result;
}

Result<Ref<Object>> code_varname_from_oparg(Object* self, Object* const* args, size_t nargs,
                                            Object* kwnames) {
  static const ArgParser kParser("_varname_from_oparg", "oparg");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int64_t oparg = TRY(index_as_i64(a[0]));
  Object* names = as_code(self)->localsplusnames;
  if (oparg < 0 || oparg >= tuple_size(names)) return raise(exc::IndexError, "tuple index out of range");
  return new_ref(tuple_item(names, oparg));
}

}  // namespace weft::code_detail
