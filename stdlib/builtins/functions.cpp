// stdlib/builtins/functions.cpp — the built-in functions that compute on their arguments:
// len, abs, min/max, sum, sorted, divmod, pow, round, repr/ascii/format, hash, id, chr/ord,
// bin/oct/hex, iter/next, isinstance/issubclass, callable, all/any.
//
// Each is a thin layer over the object protocol (objects/abstract.h): the argument rules and
// messages are CPython 3.14's (Python/bltinmodule.c), the semantics live in objects/.
#include <cmath>
#include <cstdint>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/builtins/builtins.h"

namespace weft::builtins {
namespace {

Result<Ref<Object>> builtin_len(Object*, Object* const* args, size_t, Object*) {
  int64_t n = TRY(object_length(args[0]));
  return int_from_i64(n);
}

Result<Ref<Object>> builtin_abs(Object*, Object* const* args, size_t, Object*) {
  return number_absolute(args[0]);
}

Result<Ref<Object>> builtin_repr(Object*, Object* const* args, size_t, Object*) {
  return object_repr(args[0]);
}

Result<Ref<Object>> builtin_ascii(Object*, Object* const* args, size_t, Object*) {
  return object_ascii(args[0]);
}

Result<Ref<Object>> builtin_hash(Object*, Object* const* args, size_t, Object*) {
  int64_t h = TRY(object_hash(args[0]));
  return int_from_i64(h);
}

Result<Ref<Object>> builtin_id(Object*, Object* const* args, size_t, Object*) {
  return int_from_u64(reinterpret_cast<uintptr_t>(args[0]));
}

Result<Ref<Object>> builtin_callable(Object*, Object* const* args, size_t, Object*) {
  return new_bool(is_callable(args[0]));
}

Result<Ref<Object>> builtin_format(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("format", nargs, kwnames, 1, 2));
  Object* spec = nargs > 1 ? args[1] : nullptr;
  if (spec && !is_str(spec))
    return raise(exc::TypeError, "format() argument 2 must be str, not {}", type_name_of(spec));
  return object_format(args[0], spec);
}

Result<Ref<Object>> builtin_divmod(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("divmod", nargs, kwnames, 2, 2));
  return number_divmod(args[0], args[1]);
}

// pow(base, exp, mod=None)
Result<Ref<Object>> builtin_pow(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("pow", "base exp | mod");
  Object* a[3];
  TRY(parser.parse(args, nargs, kwnames, a));
  return number_power(a[0], a[1], a[2] ? a[2] : none());
}

// round(number, ndigits=None): number.__round__() or number.__round__(ndigits).
Result<Ref<Object>> builtin_round(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("round", "number | ndigits");
  Object* a[2];
  TRY(parser.parse(args, nargs, kwnames, a));
  Ref<Object> method;
  bool found = TRY(lookup_special(a[0], str_intern("__round__"), &method));
  if (!found)
    return raise(exc::TypeError, "type {} doesn't define __round__ method", type_name_of(a[0]));
  if (!a[1] || is_none(a[1])) return call_noargs(method.get());
  return call_one(method.get(), a[1]);
}

Result<Ref<Object>> builtin_chr(Object*, Object* const* args, size_t, Object*) {
  int64_t cp = TRY(index_as_i64(args[0]));
  if (cp < 0 || cp > 0x10FFFF) return raise(exc::ValueError, "chr() arg not in range(0x110000)");
  return str_from_code_point(static_cast<uint32_t>(cp));
}

Result<Ref<Object>> builtin_ord(Object*, Object* const* args, size_t, Object*) {
  Object* c = args[0];
  if (is_str(c)) {
    int64_t n = str_length(c);
    if (n != 1)
      return raise(exc::TypeError, "ord() expected a character, but string of length {} found", n);
    return int_from_i64(str_char_at(c, 0));
  }
  if (is_bytes(c)) {
    std::string_view b = bytes_view(c);
    if (b.size() != 1)
      return raise(exc::TypeError, "ord() expected a character, but string of length {} found",
                   b.size());
    return int_from_i64(static_cast<unsigned char>(b[0]));
  }
  return raise(exc::TypeError, "ord() expected string of length 1, but {} found", type_name_of(c));
}

// bin/oct/hex: format(operator.index(x), '#b') and friends.
Result<Ref<Object>> format_index(Object* x, const char* spec) {
  Ref<Object> i = TRY(number_index(x));
  return object_format(i.get(), str_intern(spec));
}
Result<Ref<Object>> builtin_bin(Object*, Object* const* args, size_t, Object*) {
  return format_index(args[0], "#b");
}
Result<Ref<Object>> builtin_oct(Object*, Object* const* args, size_t, Object*) {
  return format_index(args[0], "#o");
}
Result<Ref<Object>> builtin_hex(Object*, Object* const* args, size_t, Object*) {
  return format_index(args[0], "#x");
}

// iter(object) / iter(callable, sentinel)
Result<Ref<Object>> builtin_iter(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("iter", nargs, kwnames, 1, 2));
  if (nargs == 1) return get_iter(args[0]);
  if (!is_callable(args[0])) return raise(exc::TypeError, "iter(v, w): v must be callable");
  return callable_iter_new(args[0], args[1]);
}

// next(iterator[, default])
Result<Ref<Object>> builtin_next(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("next", nargs, kwnames, 1, 2));
  Object* it = args[0];
  if (!is_iterator(it))
    return raise(exc::TypeError, "'{}' object is not an iterator", type_name_of(it));
  // The slot itself, not iter_next(): a StopIteration it raises (a generator's return value)
  // must reach the caller unchanged.
  Next n = type_of(it)->iternext(it);
  if (n.is_error()) {
    if (nargs == 2 && error_matches(exc::StopIteration)) {
      clear_error();
      return new_ref(args[1]);
    }
    return Error{};
  }
  Ref<Object> item = n.release_value();
  if (item) return item;
  if (nargs == 2) return new_ref(args[1]);
  return raise_with_value(exc::StopIteration, nullptr);
}

Result<Ref<Object>> builtin_isinstance(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("isinstance", nargs, kwnames, 2, 2));
  return new_bool(TRY(is_instance(args[0], args[1])));
}

Result<Ref<Object>> builtin_issubclass(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("issubclass", nargs, kwnames, 2, 2));
  return new_bool(TRY(is_subclass(args[0], args[1])));
}

// all(iterable) / any(iterable): stop at the first element that decides.
Result<Ref<Object>> all_or_any(Object* iterable, bool want) {
  Ref<Object> it = TRY(get_iter(iterable));
  while (true) {
    Ref<Object> item = TRY(iter_next(it.get()));
    if (!item) return new_bool(!want);
    if (TRY(object_is_true(item.get())) == want) return new_bool(want);
  }
}
Result<Ref<Object>> builtin_all(Object*, Object* const* args, size_t, Object*) {
  return all_or_any(args[0], false);
}
Result<Ref<Object>> builtin_any(Object*, Object* const* args, size_t, Object*) {
  return all_or_any(args[0], true);
}

// Neumaier-compensated float accumulation, as CPython 3.12+ sums floats: `sum` is the running
// total, `compensation` the accumulated low-order error, added back once at the end.
struct CompensatedSum {
  double sum = 0.0;
  double compensation = 0.0;
  void add(double x) {
    double t = sum + x;
    if (std::fabs(sum) >= std::fabs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
  }
  double total() const {
    // An infinite or NaN compensation would turn a finite sum into NaN (CPython checks the same).
    return (compensation != 0.0 && std::isfinite(compensation)) ? sum + compensation : sum;
  }
};

// sum(iterable, /, start=0): exact ints and floats are accumulated natively (floats with
// compensation), anything else through the + operator.
Result<Ref<Object>> builtin_sum(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("sum", "iterable / | start");
  Object* a[2];
  TRY(parser.parse(args, nargs, kwnames, a));
  Ref<Object> acc;
  if (a[1]) {
    if (is_str(a[1]))
      return raise(exc::TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    if (is_bytes(a[1]))
      return raise(exc::TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    acc = new_ref(a[1]);
  } else {
    acc = TRY(int_from_i64(0));
  }
  Ref<Object> it = TRY(get_iter(a[0]));
  Ref<Object> pending;  // an item read by a fast path that it could not handle
  // Fast path 1: exact ints whose sum fits in int64.
  int64_t isum;
  if (is_int_exact(acc.get()) && int_to_i64(acc.get(), &isum)) {
    while (true) {
      Ref<Object> item = TRY(iter_next(it.get()));
      if (!item) return int_from_i64(isum);
      int64_t v, next;
      if (is_int_exact(item.get()) && int_to_i64(item.get(), &v) &&
          !__builtin_add_overflow(isum, v, &next)) {
        isum = next;
        continue;
      }
      acc = TRY(int_from_i64(isum));
      pending = std::move(item);
      break;
    }
  }
  // An int total meeting the first float is added the ordinary way (as CPython does); the float
  // path then starts from that result.
  if (pending && is_float_exact(pending.get()) && is_int_exact(acc.get())) {
    acc = TRY(binary_op(acc.get(), pending.get(), BinaryOp::Add));
    pending = Ref<Object>();
  }
  // Fast path 2: floats, and small ints among them (converted exactly, as CPython accepts them).
  if (is_float_exact(acc.get())) {
    CompensatedSum fs;
    fs.add(float_value(acc.get()));
    while (true) {
      Ref<Object> item = pending ? std::move(pending) : TRY(iter_next(it.get()));
      if (!item) return float_from_double(fs.total());
      if (is_float_exact(item.get())) {
        fs.add(float_value(item.get()));
        continue;
      }
      int64_t v;
      if (is_int_exact(item.get()) && int_to_i64(item.get(), &v) && v > -(int64_t{1} << 53) &&
          v < (int64_t{1} << 53)) {
        fs.add(static_cast<double>(v));
        continue;
      }
      acc = TRY(float_from_double(fs.total()));
      pending = std::move(item);
      break;
    }
  }
  while (true) {
    Ref<Object> item = pending ? std::move(pending) : TRY(iter_next(it.get()));
    if (!item) return acc;
    acc = TRY(binary_op(acc.get(), item.get(), BinaryOp::Add));
  }
}

// min/max(iterable, *[, default=obj, key=func]) and min/max(arg1, arg2, *args[, key=func]).
Result<Ref<Object>> min_max(const char* name, Object* const* args, size_t nargs, Object* kwnames,
                            CompareOp better) {
  Object* key = nullptr;
  Object* dflt = nullptr;
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; i++) {
    Object* kw = tuple_item(kwnames, i);
    if (str_equal_ascii(kw, "key")) {
      key = args[nargs + i];
    } else if (str_equal_ascii(kw, "default")) {
      dflt = args[nargs + i];
    } else {
      return raise(exc::TypeError, "{}() got an unexpected keyword argument '{}'", name, kw);
    }
  }
  if (key && is_none(key)) key = nullptr;
  if (nargs == 0) return raise(exc::TypeError, "{} expected at least 1 argument, got 0", name);
  Ref<Object> iterable;
  if (nargs == 1) {
    iterable = new_ref(args[0]);
  } else {
    if (dflt)
      return raise(exc::TypeError,
                   "Cannot specify a default for {}() with multiple positional arguments", name);
    iterable = TRY(tuple_from_array(args, static_cast<int64_t>(nargs)));
  }
  Ref<Object> it = TRY(get_iter(iterable.get()));
  Ref<Object> best, best_key;
  while (true) {
    Ref<Object> item = TRY(iter_next(it.get()));
    if (!item) break;
    Ref<Object> k = key ? TRY(call_one(key, item.get())) : item.dup();
    if (!best || TRY(rich_compare_bool(k.get(), best_key.get(), better))) {
      best = std::move(item);
      best_key = std::move(k);
    }
  }
  if (best) return best;
  if (dflt) return new_ref(dflt);
  return raise(exc::ValueError, "{}() iterable argument is empty", name);
}
Result<Ref<Object>> builtin_min(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  return min_max("min", args, nargs, kwnames, CompareOp::Lt);
}
Result<Ref<Object>> builtin_max(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  return min_max("max", args, nargs, kwnames, CompareOp::Gt);
}

// sorted(iterable, /, *, key=None, reverse=False)
Result<Ref<Object>> builtin_sorted(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("sorted", "iterable / * | key reverse");
  Object* a[3];
  if (nargs != 1 && nargs != 0) {
    // CPython checks the positional count first with its own wording.
    return raise(exc::TypeError, "sorted expected 1 argument, got {}", nargs);
  }
  TRY(parser.parse(args, nargs, kwnames, a));
  Ref<Object> list = TRY(list_from_iterable(a[0]));
  Object* key = a[1] && !is_none(a[1]) ? a[1] : nullptr;
  bool reverse = a[2] ? TRY(object_is_true(a[2])) : false;
  TRY(list_sort(list.get(), key, reverse));
  return list;
}

}  // namespace

const MethodDef kCoreFunctions[] = {
    {"abs", builtin_abs, kMethOneArg, "Return the absolute value of the argument."},
    {"all", builtin_all, kMethOneArg, "Return True if bool(x) is True for all values x in the iterable."},
    {"any", builtin_any, kMethOneArg, "Return True if bool(x) is True for any x in the iterable."},
    {"ascii", builtin_ascii, kMethOneArg, "Return an ASCII-only representation of an object."},
    {"bin", builtin_bin, kMethOneArg, "Return the binary representation of an integer."},
    {"callable", builtin_callable, kMethOneArg, "Return whether the object is callable."},
    {"chr", builtin_chr, kMethOneArg, "Return a Unicode string of one character with ordinal i."},
    {"divmod", builtin_divmod, kMethFastcall, "Return the tuple (x//y, x%y)."},
    {"format", builtin_format, kMethFastcall, "Return type(value).__format__(value, format_spec)"},
    {"hash", builtin_hash, kMethOneArg, "Return the hash value for the given object."},
    {"hex", builtin_hex, kMethOneArg, "Return the hexadecimal representation of an integer."},
    {"id", builtin_id, kMethOneArg, "Return the identity of an object."},
    {"isinstance", builtin_isinstance, kMethFastcall, "Return whether an object is an instance of a class."},
    {"issubclass", builtin_issubclass, kMethFastcall, "Return whether 'cls' is derived from another class."},
    {"iter", builtin_iter, kMethFastcall, "Get an iterator from an object."},
    {"len", builtin_len, kMethOneArg, "Return the number of items in a container."},
    {"max", builtin_max, kMethFastcall, "With a single iterable argument, return its biggest item."},
    {"min", builtin_min, kMethFastcall, "With a single iterable argument, return its smallest item."},
    {"next", builtin_next, kMethFastcall, "Return the next item from the iterator."},
    {"oct", builtin_oct, kMethOneArg, "Return the octal representation of an integer."},
    {"ord", builtin_ord, kMethOneArg, "Return the Unicode code point for a one-character string."},
    {"pow", builtin_pow, kMethFastcall, "Equivalent to base**exp with 2 arguments or base**exp % mod with 3."},
    {"repr", builtin_repr, kMethOneArg, "Return the canonical string representation of the object."},
    {"round", builtin_round, kMethFastcall, "Round a number to a given precision in decimal digits."},
    {"sorted", builtin_sorted, kMethFastcall, "Return a new list containing all items from the iterable in ascending order."},
    {"sum", builtin_sum, kMethFastcall, "Return the sum of a 'start' value (default: 0) plus an iterable of numbers"},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::builtins
