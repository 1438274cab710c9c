// stdlib/_operator/operator_functions.cpp — the functions of CPython's `_operator` module, which
// Lib/operator.py re-exports with `from _operator import *`.
//
// Every function is a plain built-in function (builtin_function_or_method), so storing one on a
// class does not make it a method: `class C: key = operator.itemgetter(0)` or `f =
// operator.add` keep their meaning when read through an instance (glob and pathlib rely on it).
// The functions take positional arguments only and report CPython's messages ("add expected 2
// arguments, got 1", "add() takes no keyword arguments"). No module state: safe from any thread.
// The itemgetter/attrgetter/methodcaller types live in operator_getters.cpp.
#include <cstring>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes_like.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/memoryview.h"
#include "objects/module.h"
#include "objects/str.h"
#include "stdlib/_operator/operator.h"
#include "vm/module_table.h"

namespace weft::operator_module {
namespace {

// ---- arithmetic and comparison: one definition per operator --------------------------------

#define WEFT_OP_BINARY(fn, op, doc)                                                          \
  Result<Ref<Object>> fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {      \
    TRY(args_positional_only(#fn, nargs, kwnames, 2, 2));                                    \
    return binary_op(args[0], args[1], BinaryOp::op);                                        \
  }
#define WEFT_OP_COMPARE(fn, op, doc)                                                         \
  Result<Ref<Object>> fn(Object*, Object* const* args, size_t nargs, Object* kwnames) {      \
    TRY(args_positional_only(#fn, nargs, kwnames, 2, 2));                                    \
    return rich_compare(args[0], args[1], CompareOp::op);                                    \
  }
#define WEFT_OP_UNARY(fn, impl, doc)                                                         \
  Result<Ref<Object>> fn(Object*, Object* const* args, size_t, Object*) { return impl(args[0]); }

// (python name, BinaryOp, doc)
#define WEFT_OP_BINARIES(X)                                                                  \
  X(add, Add, "Same as a + b.")                                                              \
  X(sub, Subtract, "Same as a - b.")                                                         \
  X(mul, Multiply, "Same as a * b.")                                                         \
  X(matmul, MatrixMultiply, "Same as a @ b.")                                                \
  X(floordiv, FloorDivide, "Same as a // b.")                                                \
  X(truediv, TrueDivide, "Same as a / b.")                                                   \
  X(mod, Remainder, "Same as a % b.")                                                        \
  X(lshift, Lshift, "Same as a << b.")                                                       \
  X(rshift, Rshift, "Same as a >> b.")                                                       \
  X(and_, And, "Same as a & b.")                                                             \
  X(xor_, Xor, "Same as a ^ b.")                                                             \
  X(or_, Or, "Same as a | b.")                                                               \
  X(pow, Power, "Same as a ** b.")                                                           \
  X(iadd, InplaceAdd, "Same as a += b.")                                                     \
  X(isub, InplaceSubtract, "Same as a -= b.")                                                \
  X(imul, InplaceMultiply, "Same as a *= b.")                                                \
  X(imatmul, InplaceMatrixMultiply, "Same as a @= b.")                                       \
  X(ifloordiv, InplaceFloorDivide, "Same as a //= b.")                                       \
  X(itruediv, InplaceTrueDivide, "Same as a /= b.")                                          \
  X(imod, InplaceRemainder, "Same as a %= b.")                                               \
  X(ilshift, InplaceLshift, "Same as a <<= b.")                                              \
  X(irshift, InplaceRshift, "Same as a >>= b.")                                              \
  X(iand, InplaceAnd, "Same as a &= b.")                                                     \
  X(ixor, InplaceXor, "Same as a ^= b.")                                                     \
  X(ior, InplaceOr, "Same as a |= b.")                                                       \
  X(ipow, InplacePower, "Same as a **= b.")

#define WEFT_OP_COMPARISONS(X)                                                               \
  X(lt, Lt, "Same as a < b.")                                                                \
  X(le, Le, "Same as a <= b.")                                                               \
  X(eq, Eq, "Same as a == b.")                                                               \
  X(ne, Ne, "Same as a != b.")                                                               \
  X(gt, Gt, "Same as a > b.")                                                                \
  X(ge, Ge, "Same as a >= b.")

Result<Ref<Object>> truth_of(Object* o) { return new_bool(TRY(object_is_true(o))); }
Result<Ref<Object>> not_of(Object* o) { return new_bool(!TRY(object_is_true(o))); }
Result<Ref<Object>> is_none_of(Object* o) { return new_bool(is_none(o)); }
Result<Ref<Object>> is_not_none_of(Object* o) { return new_bool(!is_none(o)); }

#define WEFT_OP_UNARIES(X)                                                                   \
  X(neg, number_negative, "Same as -a.")                                                     \
  X(pos, number_positive, "Same as +a.")                                                     \
  X(abs, number_absolute, "Same as abs(a).")                                                 \
  X(inv, number_invert, "Same as ~a.")                                                       \
  X(invert, number_invert, "Same as ~a.")                                                    \
  X(index, number_index, "Same as a.__index__()")                                            \
  X(truth, truth_of, "Return True if a is true, False otherwise.")                           \
  X(not_, not_of, "Same as not a.")                                                          \
  X(is_none, is_none_of, "Same as a is None.")                                               \
  X(is_not_none, is_not_none_of, "Same as a is not None.")

WEFT_OP_BINARIES(WEFT_OP_BINARY)
WEFT_OP_COMPARISONS(WEFT_OP_COMPARE)
WEFT_OP_UNARIES(WEFT_OP_UNARY)

// ---- identity, sequences, items -------------------------------------------------------------

Result<Ref<Object>> is_(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("is_", nargs, kwnames, 2, 2));
  return new_bool(args[0] == args[1]);
}

Result<Ref<Object>> is_not(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("is_not", nargs, kwnames, 2, 2));
  return new_bool(args[0] != args[1]);
}

// CPython's PySequence_Check: supports item access by index and is not a dict.
bool is_sequence(Object* o) { return !is_dict(o) && o->ob_type->sequence.item; }

Error raise_not_concatenable(Object* o) {
  return raise(exc::TypeError, "'{}' object can't be concatenated", type_name_of(o));
}

Result<Ref<Object>> concat(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("concat", nargs, kwnames, 2, 2));
  Object* a = args[0];
  Object* b = args[1];
  if (BinaryFn fn = a->ob_type->sequence.concat) return fn(a, b);
  if (is_sequence(a) && is_sequence(b)) return binary_op(a, b, BinaryOp::Add);
  return raise_not_concatenable(a);
}

Result<Ref<Object>> iconcat(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("iconcat", nargs, kwnames, 2, 2));
  Object* a = args[0];
  Object* b = args[1];
  if (BinaryFn fn = a->ob_type->sequence.inplace_concat) return fn(a, b);
  if (BinaryFn fn = a->ob_type->sequence.concat) return fn(a, b);
  if (is_sequence(a) && is_sequence(b)) return binary_op(a, b, BinaryOp::InplaceAdd);
  return raise_not_concatenable(a);
}

Result<Ref<Object>> contains_(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("contains", nargs, kwnames, 2, 2));
  return new_bool(TRY(contains(args[0], args[1])));
}

// Iterates `seq` and returns the count of items equal to `x` (count) or the first index (index).
enum class SeqSearch { Count, Index };
Result<int64_t> search_sequence(Object* seq, Object* x, SeqSearch mode) {
  Result<Ref<Object>> iter = get_iter(seq);
  if (iter.is_error()) {
    if (!error_matches(exc::TypeError)) return Error{};
    clear_error();
    return raise(exc::TypeError, "argument of type '{}' is not iterable", type_name_of(seq));
  }
  Ref<Object> it = iter.release_value();
  int64_t n = 0;
  for (int64_t i = 0;; ++i) {
    Ref<Object> item = TRY(iter_next(it.get()));
    if (!item) break;
    if (!TRY(rich_compare_bool(item.get(), x, CompareOp::Eq))) continue;
    if (mode == SeqSearch::Index) return i;
    ++n;
  }
  if (mode == SeqSearch::Index)
    return raise(exc::ValueError, "sequence.index(x): x not in sequence");
  return n;
}

Result<Ref<Object>> countOf(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("countOf", nargs, kwnames, 2, 2));
  return int_from_i64(TRY(search_sequence(args[0], args[1], SeqSearch::Count)));
}

Result<Ref<Object>> indexOf(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("indexOf", nargs, kwnames, 2, 2));
  return int_from_i64(TRY(search_sequence(args[0], args[1], SeqSearch::Index)));
}

Result<Ref<Object>> getitem(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("getitem", nargs, kwnames, 2, 2));
  return get_item(args[0], args[1]);
}

Result<Ref<Object>> setitem(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("setitem", nargs, kwnames, 3, 3));
  TRY(set_item(args[0], args[1], args[2]));
  return new_none();
}

Result<Ref<Object>> delitem(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("delitem", nargs, kwnames, 2, 2));
  TRY(del_item(args[0], args[1]));
  return new_none();
}

// length_hint(obj, default=0, /)
Result<Ref<Object>> length_hint_(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("length_hint", nargs, kwnames, 1, 2));
  int64_t dflt = nargs > 1 ? TRY(index_as_i64(args[1])) : 0;
  return int_from_i64(TRY(length_hint(args[0], dflt)));
}

// call(obj, /, *args, **kwargs)
Result<Ref<Object>> call_(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs < 1) return raise(exc::TypeError, "call() missing required argument 'obj' (pos 1)");
  return call(args[0], args + 1, nargs - 1, kwnames);
}

// ---- _compare_digest -------------------------------------------------------------------------

// Compares in time that depends on the length of `b` only, not on where the inputs differ.
bool timing_safe_equal(std::string_view a, std::string_view b) {
  // When the lengths differ, compare b with itself so the loop still runs len(b) times.
  const unsigned char* left = reinterpret_cast<const unsigned char*>(
      a.size() == b.size() ? a.data() : b.data());
  const unsigned char* right = reinterpret_cast<const unsigned char*>(b.data());
  unsigned result = a.size() == b.size() ? 0 : 1;
  volatile unsigned acc = 0;
  for (size_t i = 0; i < b.size(); ++i) acc = acc | (left[i] ^ right[i]);
  return (result | acc) == 0;
}

Result<Ref<Object>> compare_digest(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("_compare_digest", nargs, kwnames, 2, 2));
  Object* a = args[0];
  Object* b = args[1];
  if (is_str(a) && is_str(b)) {
    if (!str_is_ascii(a) || !str_is_ascii(b))
      return raise(exc::TypeError, "comparing strings with non-ASCII characters is not supported");
    std::string_view va = TRY(str_utf8(a));
    std::string_view vb = TRY(str_utf8(b));
    return new_bool(timing_safe_equal(va, vb));
  }
  auto has_buffer = [](Object* o) { return is_bytes_like(o) || is_memoryview(o); };
  if (!has_buffer(a) && !has_buffer(b))
    return raise(exc::TypeError,
                 "unsupported operand types(s) or combination of types: '{}' and '{}'",
                 type_name_of(a), type_name_of(b));
  ByteView va = TRY(byte_view(a));
  ByteView vb = TRY(byte_view(b));
  return new_bool(timing_safe_equal(va.view(), vb.view()));
}

// ---- the module ------------------------------------------------------------------------------

#define WEFT_OP_ENTRY(fn, op, doc) {#fn, fn, kMethFastcall, doc},
#define WEFT_OP_UNARY_ENTRY(fn, impl, doc) {#fn, fn, kMethOneArg, doc},

const MethodDef kOperatorFunctions[] = {
    WEFT_OP_COMPARISONS(WEFT_OP_ENTRY)
    WEFT_OP_UNARIES(WEFT_OP_UNARY_ENTRY)
    {"is_", is_, kMethFastcall, "Same as a is b."},
    {"is_not", is_not, kMethFastcall, "Same as a is not b."},
    WEFT_OP_BINARIES(WEFT_OP_ENTRY)
    {"concat", concat, kMethFastcall, "Same as a + b, for a and b sequences."},
    {"iconcat", iconcat, kMethFastcall, "Same as a += b, for a and b sequences."},
    {"contains", contains_, kMethFastcall, "Same as b in a (note reversed operands)."},
    {"indexOf", indexOf, kMethFastcall, "Return the first index of b in a."},
    {"countOf", countOf, kMethFastcall,
     "Return the number of items in a which are, or which equal, b."},
    {"getitem", getitem, kMethFastcall, "Same as a[b]."},
    {"setitem", setitem, kMethFastcall, "Same as a[b] = c."},
    {"delitem", delitem, kMethFastcall, "Same as del a[b]."},
    {"length_hint", length_hint_, kMethFastcall,
     "Return an estimate of the number of items in obj.\n\n"
     "This is useful for presizing containers when building from an iterable.\n\n"
     "If the object supports len(), the result will be exact.\n"
     "Otherwise, it may over- or under-estimate by an arbitrary amount.\n"
     "The result will be an integer >= 0."},
    {"call", call_, kMethFastcall, "Same as obj(*args, **kwargs)."},
    {"_compare_digest", compare_digest, kMethFastcall,
     "Return 'a == b'.\n\n"
     "This function uses an approach designed to prevent\n"
     "timing analysis, making it appropriate for cryptography.\n\n"
     "a and b must both be of the same type: either str (ASCII only),\n"
     "or any bytes-like object.\n\n"
     "Note: If a and b are of different lengths, or if an error occurs,\n"
     "a timing attack could theoretically reveal information about the\n"
     "types and lengths of a and b--but not their values."},
    {nullptr, nullptr, 0, nullptr},
};

#undef WEFT_OP_ENTRY
#undef WEFT_OP_UNARY_ENTRY

Result<Ref<Object>> create_operator_module() {
  Ref<Object> m = TRY(module_new("_operator"));
  Object* dict = module_dict(m.get());
  Ref<Object> doc = TRY(str_from_ascii(
      "Operator interface.\n\n"
      "This module exports a set of functions implemented in C corresponding\n"
      "to the intrinsic operators of Python.  For example, operator.add(x, y)\n"
      "is equivalent to the expression x+y.  The function names are those\n"
      "used for special methods; variants without leading and trailing\n"
      "'__' are also provided for convenience."));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  Ref<Object> name = TRY(str_from_ascii("_operator"));
  TRY(add_functions_to_dict(dict, kOperatorFunctions, m.get(), name.get()));
  TRY(dict_set_item_str(dict, "itemgetter", reinterpret_cast<Object*>(&ItemGetterType)));
  TRY(dict_set_item_str(dict, "attrgetter", reinterpret_cast<Object*>(&AttrGetterType)));
  TRY(dict_set_item_str(dict, "methodcaller", reinterpret_cast<Object*>(&MethodCallerType)));
  return m;
}

WEFT_NATIVE_MODULE("_operator", create_operator_module);

}  // namespace
}  // namespace weft::operator_module
