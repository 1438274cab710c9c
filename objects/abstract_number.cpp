// objects/abstract_number.cpp — the number protocol of objects/abstract.h: binary operators with
// CPython's dispatch rules, pow() with its three-way dispatch, divmod, unary operators,
// operator.index, int(x) and float(x).
//
// Dispatch (CPython's binary_op1): the left operand's slot runs first, unless the right
// operand's type is a proper subclass of the left's and has a different slot, in which case the
// right one runs first; a slot answering NotImplemented passes the turn. Slots always receive the
// operands in source order (a, b): a slot tells which side it is on by checking the types, and
// the class-statement wrappers call __add__ or __radd__ accordingly.
// In-place operators try the in-place slot of the left operand, then the binary dispatch.
// `+` and `*` fall back to the sequence concat/repeat slots (list + list, str * int).
//
// Stateless and lock-free: every function only reads immutable type slots.
#include <string>
#include <string_view>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/memoryview.h"
#include "objects/str.h"

namespace weft {
namespace {

using BinarySlot = BinaryFn NumberMethods::*;

struct BinaryOpInfo {
  BinarySlot slot;          // the binary slot (nullptr for the power operators)
  BinarySlot inplace_slot;  // the in-place slot, or nullptr for binary operators
  const char* symbol;       // for messages: "+", "+=", ...
};

// Indexed by BinaryOp (CPython's NB_* numbering). Power uses the ternary slots (handled apart).
constexpr BinaryOpInfo kBinaryOps[] = {
    {&NumberMethods::add, nullptr, "+"},
    {&NumberMethods::and_, nullptr, "&"},
    {&NumberMethods::floor_divide, nullptr, "//"},
    {&NumberMethods::lshift, nullptr, "<<"},
    {&NumberMethods::matrix_multiply, nullptr, "@"},
    {&NumberMethods::multiply, nullptr, "*"},
    {&NumberMethods::remainder, nullptr, "%"},
    {&NumberMethods::or_, nullptr, "|"},
    {nullptr, nullptr, "** or pow()"},
    {&NumberMethods::rshift, nullptr, ">>"},
    {&NumberMethods::subtract, nullptr, "-"},
    {&NumberMethods::true_divide, nullptr, "/"},
    {&NumberMethods::xor_, nullptr, "^"},
    {&NumberMethods::add, &NumberMethods::inplace_add, "+="},
    {&NumberMethods::and_, &NumberMethods::inplace_and, "&="},
    {&NumberMethods::floor_divide, &NumberMethods::inplace_floor_divide, "//="},
    {&NumberMethods::lshift, &NumberMethods::inplace_lshift, "<<="},
    {&NumberMethods::matrix_multiply, &NumberMethods::inplace_matrix_multiply, "@="},
    {&NumberMethods::multiply, &NumberMethods::inplace_multiply, "*="},
    {&NumberMethods::remainder, &NumberMethods::inplace_remainder, "%="},
    {&NumberMethods::or_, &NumberMethods::inplace_or, "|="},
    {nullptr, nullptr, "**="},
    {&NumberMethods::rshift, &NumberMethods::inplace_rshift, ">>="},
    {&NumberMethods::subtract, &NumberMethods::inplace_subtract, "-="},
    {&NumberMethods::true_divide, &NumberMethods::inplace_true_divide, "/="},
    {&NumberMethods::xor_, &NumberMethods::inplace_xor, "^="},
};
static_assert(sizeof(kBinaryOps) / sizeof(kBinaryOps[0]) == static_cast<int>(BinaryOp::Subscr));

inline bool is_not_implemented(const Ref<Object>& r) { return r.get() == not_implemented(); }

// CPython's binary_op1: returns NotImplemented (a new reference) when neither side handles it.
Result<Ref<Object>> binary_op1(Object* a, Object* b, BinarySlot slot) {
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  BinaryFn slot_a = ta->number.*slot;
  BinaryFn slot_b = tb != ta ? tb->number.*slot : nullptr;
  if (slot_b == slot_a) slot_b = nullptr;
  if (slot_a) {
    if (slot_b && type_is_subtype(tb, ta)) {
      Ref<Object> r = TRY(slot_b(a, b));
      if (!is_not_implemented(r)) return r;
      slot_b = nullptr;
    }
    Ref<Object> r = TRY(slot_a(a, b));
    if (!is_not_implemented(r)) return r;
  }
  if (slot_b) return slot_b(a, b);
  return new_ref(not_implemented());
}

// CPython 3.14 no longer adds the `print >> x` hint of older versions.
Error raise_unsupported(Object* a, Object* b, const char* symbol) {
  return raise(exc::TypeError, "unsupported operand type(s) for {}: '{}' and '{}'", symbol,
               type_name_of(a), type_name_of(b));
}

// seq * count through a sequence repeat slot; `count` must support __index__.
Result<Ref<Object>> sequence_repeat(SsizeArgFn repeat, Object* seq, Object* count) {
  if (type_of(count)->number.index == nullptr) {
    return raise(exc::TypeError, "can't multiply sequence by non-int of type '{}'",
                 type_name_of(count));
  }
  int64_t n = TRY(index_as_i64(count, exc::OverflowError));
  return repeat(seq, n);
}

// CPython's ternary_op for pow(): left, right (subclass first), then the modulus's slot.
Result<Ref<Object>> power_dispatch(Object* a, Object* b, Object* c, const char* symbol) {
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  TernaryFn slot_a = ta->number.power;
  TernaryFn slot_b = tb != ta ? tb->number.power : nullptr;
  if (slot_b == slot_a) slot_b = nullptr;
  if (slot_a) {
    if (slot_b && type_is_subtype(tb, ta)) {
      Ref<Object> r = TRY(slot_b(a, b, c));
      if (!is_not_implemented(r)) return r;
      slot_b = nullptr;
    }
    Ref<Object> r = TRY(slot_a(a, b, c));
    if (!is_not_implemented(r)) return r;
  }
  if (slot_b) {
    Ref<Object> r = TRY(slot_b(a, b, c));
    if (!is_not_implemented(r)) return r;
  }
  if (!is_none(c)) {
    TernaryFn slot_c = type_of(c)->number.power;
    if (slot_c && slot_c != slot_a && slot_c != slot_b) {
      Ref<Object> r = TRY(slot_c(a, b, c));
      if (!is_not_implemented(r)) return r;
    }
    return raise(exc::TypeError, "unsupported operand type(s) for {}: '{}', '{}', '{}'", symbol,
                 type_name_of(a), type_name_of(b), type_name_of(c));
  }
  return raise_unsupported(a, b, symbol);
}

Result<Ref<Object>> unary(Object* o, UnaryFn NumberMethods::*slot, const char* what) {
  UnaryFn fn = type_of(o)->number.*slot;
  if (fn) return fn(o);
  return raise(exc::TypeError, "bad operand type for {}: '{}'", what, type_name_of(o));
}

}  // namespace

Result<Ref<Object>> binary_op(Object* a, Object* b, BinaryOp op) {
  if (op == BinaryOp::Subscr) return get_item(a, b);
  if (op == BinaryOp::Power) return power_dispatch(a, b, none(), "** or pow()");
  if (op == BinaryOp::InplacePower) {
    TernaryFn ipow = type_of(a)->number.inplace_power;
    if (ipow) {
      Ref<Object> r = TRY(ipow(a, b, none()));
      if (!is_not_implemented(r)) return r;
    }
    return power_dispatch(a, b, none(), "**=");
  }
  const BinaryOpInfo& info = kBinaryOps[static_cast<int>(op)];
  const bool inplace = info.inplace_slot != nullptr;
  if (inplace) {
    BinaryFn ifn = type_of(a)->number.*(info.inplace_slot);
    if (ifn) {
      Ref<Object> r = TRY(ifn(a, b));
      if (!is_not_implemented(r)) return r;
    }
  }
  Ref<Object> r = TRY(binary_op1(a, b, info.slot));
  if (!is_not_implemented(r)) return r;

  if (info.slot == &NumberMethods::add) {
    const SequenceMethods& sa = type_of(a)->sequence;
    if (inplace && sa.inplace_concat) return sa.inplace_concat(a, b);
    if (sa.concat) return sa.concat(a, b);
  } else if (info.slot == &NumberMethods::multiply) {
    const SequenceMethods& sa = type_of(a)->sequence;
    const SequenceMethods& sb = type_of(b)->sequence;
    if (inplace && sa.inplace_repeat) return sequence_repeat(sa.inplace_repeat, a, b);
    if (sa.repeat) return sequence_repeat(sa.repeat, a, b);
    if (sb.repeat) return sequence_repeat(sb.repeat, b, a);
  }
  return raise_unsupported(a, b, info.symbol);
}

Result<Ref<Object>> number_power(Object* base, Object* exp, Object* mod) {
  return power_dispatch(base, exp, mod ? mod : none(), "** or pow()");
}

Result<Ref<Object>> number_divmod(Object* a, Object* b) {
  Ref<Object> r = TRY(binary_op1(a, b, &NumberMethods::divmod));
  if (!is_not_implemented(r)) return r;
  return raise_unsupported(a, b, "divmod()");
}

Result<Ref<Object>> number_negative(Object* o) { return unary(o, &NumberMethods::negative, "unary -"); }
Result<Ref<Object>> number_positive(Object* o) { return unary(o, &NumberMethods::positive, "unary +"); }
Result<Ref<Object>> number_invert(Object* o) { return unary(o, &NumberMethods::invert, "unary ~"); }
Result<Ref<Object>> number_absolute(Object* o) { return unary(o, &NumberMethods::absolute, "abs()"); }

// --- conversions --------------------------------------------------------------------------------

Result<Ref<Object>> number_index(Object* o) {
  if (is_int(o)) return int_exact_copy(o);
  UnaryFn index = type_of(o)->number.index;
  if (!index) {
    return raise(exc::TypeError, "'{}' object cannot be interpreted as an integer",
                 type_name_of(o));
  }
  Ref<Object> r = TRY(index(o));
  if (is_int_exact(r.get())) return r;
  if (!is_int(r.get())) {
    return raise(exc::TypeError, "__index__ returned non-int (type {})", type_name_of(r.get()));
  }
  // CPython warns (DeprecationWarning) about an int subclass here; the value is the same.
  return int_exact_copy(r.get());
}

Result<int64_t> index_as_i64(Object* o, Type* overflow_exc) {
  int64_t v;
  if (is_int(o) && int_to_i64(o, &v)) return v;
  Ref<Object> i = TRY(number_index(o));
  if (int_to_i64(i.get(), &v)) return v;
  if (overflow_exc == nullptr) {
    return raise(exc::OverflowError, "Python int too large to convert to C ssize_t");
  }
  return raise(overflow_exc, "cannot fit '{}' into an index-sized integer", type_name_of(o));
}

Result<Ref<Object>> number_long(Object* o) {
  if (is_int_exact(o)) return Ref<Object>::borrow(o);
  Type* t = type_of(o);
  if (t->number.int_) {
    Ref<Object> r = TRY(t->number.int_(o));
    if (is_int_exact(r.get())) return r;
    if (!is_int(r.get())) {
      return raise(exc::TypeError, "__int__ returned non-int (type {})", type_name_of(r.get()));
    }
    return int_exact_copy(r.get());  // CPython: DeprecationWarning, then the exact value
  }
  if (t->number.index) return number_index(o);
  if (is_str(o) || is_bytes_like(o)) return int_from_text_object(o, 10);
  if (is_memoryview(o)) {
    // Any other buffer: its bytes, as CPython's PyNumber_Long copies a buffer first.
    Ref<Object> digits = TRY(memoryview_tobytes(o));
    return int_from_text_object(digits.get(), 10);
  }
  return raise(exc::TypeError,
               "int() argument must be a string, a bytes-like object or a real number, not '{}'",
               type_name_of(o));
}

Result<Ref<Object>> number_float(Object* o) {
  if (is_float_exact(o)) return Ref<Object>::borrow(o);
  Type* t = type_of(o);
  if (t->number.float_) {
    Ref<Object> r = TRY(t->number.float_(o));
    if (is_float_exact(r.get())) return r;
    if (!is_float(r.get())) {
      return raise(exc::TypeError, "{}.__float__ returned non-float (type {})", type_name_of(o),
                   type_name_of(r.get()));
    }
    return float_from_double(float_value(r.get()));  // CPython: DeprecationWarning first
  }
  if (t->number.index) {
    Ref<Object> i = TRY(number_index(o));
    double d = TRY(int_as_double(i.get()));
    return float_from_double(d);
  }
  if (is_float(o)) return float_from_double(float_value(o));
  if (is_str(o) || is_bytes(o)) return float_from_text_object(o);
  return raise(exc::TypeError, "float() argument must be a string or a real number, not '{}'",
               type_name_of(o));
}

}  // namespace weft
