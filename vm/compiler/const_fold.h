// vm/compiler/const_fold.h — evaluating operators on constants at compile time, within the
// size limits CPython 3.14's flowgraph uses (so folding never builds huge objects and co_consts
// match CPython's).
#pragma once

#include "objects/ref.h"

namespace weft::compiler {

// Evaluates BINARY_OP `oparg` (a BinaryOp number, NB_* in CPython) on constants `left` and
// `right` into *out and returns true, or returns false when the operation is not folded: it is
// not a foldable operator, the result would exceed the limits, or evaluating it raised (the
// exception is cleared; the instruction stays and raises at run time). Only KeyboardInterrupt
// is returned as an error.
Result<bool> fold_binary_constant(Object* left, int oparg, Object* right, Ref<Object>* out);

// The unary operators folding knows.
enum class FoldUnary { Negative, Invert, Not, Positive };

// As fold_binary_constant for `-x`, `~x` (never for bools: `~True` warns at run time),
// `not x` and `+x`.
Result<bool> fold_unary_constant(Object* operand, FoldUnary op, Ref<Object>* out);

}  // namespace weft::compiler
