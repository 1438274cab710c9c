// objects/bool.cpp — bool: the int subclass with exactly two immortal instances, True and False.
//
// True and False are statically allocated IntObjects (small = 1 / 0) of type bool; every bool
// result is one of them (new_bool / py_bool), so identity comparison is valid. & | ^ of two bools
// give a bool; with any other int they fall back to int's operators. bool cannot be subclassed.
// Nothing here mutates after start-up: no locking.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/int_internal.h"
#include "objects/str.h"
#include "objects/type_registry.h"

namespace weft {

Type BoolType;
IntObject TrueObject;
IntObject FalseObject;

namespace {

Result<Ref<Object>> bool_repr(Object* o) {
  return Ref<Object>::borrow(str_intern(o == py_true() ? "True" : "False"));
}

Result<Ref<Object>> bool_new(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("bool", kwnames));
  TRY(args_check_positional("bool", nargs, 0, 1));
  if (nargs == 0) return new_bool(false);
  bool b = TRY(object_is_true(args[0]));
  return new_bool(b);
}

template <char Op>
Result<Ref<Object>> bool_bitwise(Object* a, Object* b) {
  if (is_bool(a) && is_bool(b)) {
    bool x = a == py_true(), y = b == py_true();
    return new_bool(Op == '&' ? (x && y) : Op == '|' ? (x || y) : (x != y));
  }
  if constexpr (Op == '&') {
    return int_and(a, b);
  } else if constexpr (Op == '|') {
    return int_or(a, b);
  } else {
    return int_xor(a, b);
  }
}

Status fill_bool_type() {
  Type& t = BoolType;
  t.name = "bool";
  t.doc =
      "Returns True when the argument is true, False otherwise.\n"
      "The builtins True and False are the only two instances of the class bool.\n"
      "The class bool is a subclass of the class int, and cannot be subclassed.";
  t.basicsize = sizeof(IntObject);
  t.flags = kTypeImmutable | kTypeLongSubclass;
  t.base = &IntType;
  t.repr = bool_repr;
  t.new_ = bool_new;
  t.number.and_ = bool_bitwise<'&'>;
  t.number.or_ = bool_bitwise<'|'>;
  t.number.xor_ = bool_bitwise<'^'>;
  init_static_object(&TrueObject, &BoolType);
  TrueObject.small = 1;
  init_static_object(&FalseObject, &BoolType);
  FalseObject.small = 0;
  return ok();
}

Status ready_bool_type() { return type_ready(&BoolType); }

}  // namespace

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_bool_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_bool_type);

}  // namespace weft
