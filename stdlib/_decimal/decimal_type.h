// stdlib/_decimal/decimal_type.h — decimal.Decimal objects: an immutable `Dec` value, so one
// Decimal is shared freely by threads. Shared by the type (decimal_type.cpp), its methods and
// the Context methods (decimal_methods.cpp) and the module.
#pragma once

#include <new>

#include "objects/type.h"
#include "stdlib/_decimal/decimal_number.h"

namespace weft::decimal {

struct DecimalObject : Object {
  Dec value;  // constructed in place; immutable after creation
};

extern Type DecimalType;

inline bool is_decimal(const Object* o) { return type_is_subtype(o->ob_type, &DecimalType); }
inline const Dec& dec_of(const Object* o) { return static_cast<const DecimalObject*>(o)->value; }

// A new Decimal (of `type`, a Decimal subclass) holding `value`.
Result<Ref<Object>> make_decimal(Dec value, Type* type = &DecimalType);

// How an operand that is not a Decimal is treated.
enum class Convert {
  NotImplemented,  // int converts; anything else: the caller returns NotImplemented
  Raise,           // int converts; anything else: TypeError "conversion from X to Decimal..."
};
// The value of `o` (Decimal or int): a pointer into the Decimal, or to `storage` holding the
// converted int; nullptr (no error) when the type is not accepted and mode is NotImplemented.
Result<const Dec*> convert_operand(Object* o, Dec& storage, Convert mode);

// Records an operation's status in `context` (raising a trapped signal), then wraps `value`.
Result<Ref<Object>> decimal_result(Dec value, Object* context, uint32_t status);

// Exact conversions used by construction and comparison.
Dec dec_from_int_object(Object* o);
Dec dec_from_double(double v);
// Decimal(str) parsing of a str object: ConversionSyntax signals through `context`.
Result<Dec> dec_from_str_object(Object* s, Object* context);

// Decimal(value) for every type the constructor accepts, exactly; floats signal
// FloatOperation through `context`.
Result<Dec> dec_from_value(Object* v, Object* context);

// Decimal -> Python values.
Result<Ref<Object>> dec_to_int(const Dec& d, Rounding mode);

// decimal.DecimalTuple (a collections.namedtuple), made on first use; borrowed.
Result<Object*> decimal_tuple_class();

// The number/compare/hash slots and the methods of Decimal, and the Context's arithmetic
// methods (decimal_methods.cpp).
extern const MethodDef kDecimalMethods[];
// Decimal.__format__ (decimal_format.cpp).
Result<Ref<Object>> decimal_format(Object* self, Object* const* args, size_t nargs,
                                   Object* kwnames);
Status fill_decimal_slots(Type& t);

}  // namespace weft::decimal
