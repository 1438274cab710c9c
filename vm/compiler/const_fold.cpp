// vm/compiler/const_fold.cpp — compile-time evaluation of operators on constants.
//
// CPython 3.14 folds BINARY_OP and the unary operators in its flowgraph (the AST pass no longer
// does); flowgraph.cpp finds the constant operands and calls in here for the value. The guards
// are CPython's: an int result may not grow past 128 bits through `*`, `**` or `<<`, a repeated
// tuple past 256 items (1024 counting nested tuples), a repeated str/bytes past 4096 units, and
// `str % x` / `bytes % x` are never folded (their result depends on formatting rules better left
// to run time). Anything that raises is simply not folded: the instruction stays and raises when
// it runs. Pure functions of their arguments; no shared state.
#include "vm/compiler/const_fold.h"

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft::compiler {

namespace {

constexpr uint64_t kMaxIntBits = 128;
constexpr int64_t kMaxCollectionSize = 256;
constexpr int64_t kMaxStrSize = 4096;
constexpr int64_t kMaxTotalItems = 1024;

// `limit` less the number of items in `obj` counting nested tuples; negative once exceeded.
int64_t remaining_complexity(Object* obj, int64_t limit) {
  if (!is_tuple(obj)) return limit;
  limit -= tuple_size(obj);
  for (int64_t i = 0; limit >= 0 && i < tuple_size(obj); ++i)
    limit = remaining_complexity(tuple_item(obj, i), limit);
  return limit;
}

bool is_nonzero_int(Object* o) { return is_int(o) && int_sign(o) != 0; }

// Whether `count * seq` (seq a tuple, str or bytes) stays within the limits.
bool repeat_within_limits(Object* count, Object* seq) {
  int64_t size = is_tuple(seq) ? tuple_size(seq) : is_str(seq) ? str_length(seq) : bytes_size(seq);
  if (size == 0) return true;
  int64_t n;
  if (!int_to_i64(count, &n) || n < 0) return false;
  if (is_tuple(seq))
    return n <= kMaxCollectionSize / size &&
           (n == 0 || remaining_complexity(seq, kMaxTotalItems / n) >= 0);
  return n <= kMaxStrSize / size;
}

bool is_repeatable(Object* o) { return is_tuple(o) || is_str(o) || is_bytes(o); }

// Whether CPython would evaluate `left op right` at compile time at all.
bool within_limits(Object* left, BinaryOp op, Object* right) {
  switch (op) {
    case BinaryOp::Multiply:
      if (is_nonzero_int(left) && is_nonzero_int(right))
        return int_bit_length(left) + int_bit_length(right) <= kMaxIntBits;
      if (is_int(left) && is_repeatable(right)) return repeat_within_limits(left, right);
      if (is_int(right) && is_repeatable(left)) return repeat_within_limits(right, left);
      return true;
    case BinaryOp::Power: {
      if (!is_nonzero_int(left) || !is_int(right) || int_sign(right) <= 0) return true;
      int64_t exponent;
      if (!int_to_i64(right, &exponent)) return false;
      return int_bit_length(left) <= kMaxIntBits / static_cast<uint64_t>(exponent);
    }
    case BinaryOp::Lshift: {
      if (!is_nonzero_int(left) || !is_nonzero_int(right)) return true;
      int64_t shift;
      if (!int_to_i64(right, &shift) || shift < 0) return false;  // negative: ValueError anyway
      uint64_t bits = static_cast<uint64_t>(shift);
      return bits <= kMaxIntBits && int_bit_length(left) <= kMaxIntBits - bits;
    }
    case BinaryOp::Remainder:
      return !is_str(left) && !is_bytes(left);
    case BinaryOp::Add: case BinaryOp::And: case BinaryOp::FloorDivide: case BinaryOp::Or:
    case BinaryOp::Rshift: case BinaryOp::Subtract: case BinaryOp::TrueDivide:
    case BinaryOp::Xor: case BinaryOp::Subscr:
      return true;
    default:
      return false;  // @ (no constant implements it) and the in-place forms
  }
}

// An evaluation's outcome as folding sees it: a value (stored in *out), "not folded", or
// KeyboardInterrupt (propagated).
Result<bool> folded(Result<Ref<Object>> r, Ref<Object>* out) {
  if (r) {
    *out = std::move(r).release_value();
    return true;
  }
  if (error_matches(exc::KeyboardInterrupt)) return Error{};
  clear_error();
  return false;
}

}  // namespace

Result<bool> fold_binary_constant(Object* left, int oparg, Object* right, Ref<Object>* out) {
  if (oparg < 0 || oparg > static_cast<int>(BinaryOp::Subscr)) return false;
  auto op = static_cast<BinaryOp>(oparg);
  if (!within_limits(left, op, right)) return false;
  if (op == BinaryOp::Subscr) return folded(get_item(left, right), out);
  return folded(binary_op(left, right, op), out);
}

Result<bool> fold_unary_constant(Object* operand, FoldUnary op, Ref<Object>* out) {
  switch (op) {
    case FoldUnary::Negative: return folded(number_negative(operand), out);
    case FoldUnary::Positive: return folded(number_positive(operand), out);
    case FoldUnary::Invert:
      if (is_bool(operand)) return false;
      return folded(number_invert(operand), out);
    case FoldUnary::Not: {
      Result<bool> truth = object_is_true(operand);
      if (!truth) return folded(Error{}, out);
      *out = new_bool(!truth.value());
      return true;
    }
  }
  return false;
}

}  // namespace weft::compiler
