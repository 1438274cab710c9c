// stdlib/_opcode/opcode_module.cpp — `_opcode`, the instruction-set queries behind Lib/opcode.py
// and dis: stack_effect, is_valid, the has_* predicates, the names of the BINARY_OP operators,
// intrinsics and special methods (CPython 3.14's Modules/_opcode.c behaviour and messages).
//
// Everything is answered from vm/opcodes.h, the C++ view of the generated vm/opcodes.def, so
// this module restates no row of the instruction table. Specialized instructions are valid but
// have no stack effect of their own ("invalid opcode or oparg"), as in CPython. There are no
// executors (no tier 2), so get_executor raises RuntimeError like a CPython build without them.
// Stateless: safe from any thread.
#include <limits>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/code.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/module_table.h"
#include "vm/opcodes.h"

namespace weft::opcode_module {
namespace {

// Specialization: Weft's specializer is the free-threaded one (CPython's Py_GIL_DISABLED
// values: ENABLE_SPECIALIZATION 0, ENABLE_SPECIALIZATION_FT 1).
constexpr int kEnableSpecialization = 0;
constexpr int kEnableSpecializationFt = 1;

// A C int argument (clinic's `int` converter).
Result<int> c_int_argument(Object* arg) {
  Ref<Object> n = TRY(number_index(arg));
  int64_t v;
  if (!int_to_i64(n.get(), &v) || v < std::numeric_limits<int>::min() ||
      v > std::numeric_limits<int>::max())
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  return static_cast<int>(v);
}

// stack_effect(opcode, oparg=None, /, *, jump=None)
Result<Ref<Object>> stack_effect(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("stack_effect", "opcode | oparg / * | jump");
  Object* a[3];
  TRY(kParser.parse(args, nargs, kwnames, a));
  int op = TRY(c_int_argument(a[0]));
  int oparg = 0;
  if (a[1] && !is_none(a[1])) {
    Ref<Object> n = TRY(number_index(a[1]));
    int64_t v;
    if (!int_to_i64(n.get(), &v))
      return raise(exc::OverflowError, "Python int too large to convert to C long");
    oparg = static_cast<int>(v);  // CPython truncates the C long to an int the same way
  }
  // None: the larger effect (the jump path for SETUP_*); True/False pick the path.
  Object* jump_arg = a[2] ? a[2] : none();
  bool jump;
  if (is_none(jump_arg) || jump_arg == py_true()) jump = true;
  else if (jump_arg == py_false()) jump = false;
  else return raise(exc::ValueError, "stack_effect: jump must be False, True or None");
  bool specialized = !vm::is_pseudo(op) && vm::opcode_family(op) != op;
  if (!vm::is_valid_opcode(op) || specialized)
    return raise(exc::ValueError, "invalid opcode or oparg");
  int pops = vm::stack_pops(op, oparg, jump);
  int pushes = vm::stack_pushes(op, oparg, jump);
  if (pops < 0 || pushes < 0) return raise(exc::ValueError, "invalid opcode or oparg");
  return int_from_i64(pushes - pops);
}

// is_valid and the has_* predicates: (opcode) -> bool, false for invalid opcodes.
template <int Flag>
Result<Ref<Object>> has_flag(Object*, Object* const* args, size_t, Object*) {
  int op = TRY(c_int_argument(args[0]));
  if (!vm::is_valid_opcode(op)) return new_bool(false);
  return new_bool(Flag == 0 || vm::opcode_has(op, static_cast<vm::OpFlag>(Flag)));
}

template <size_t N>
Result<Ref<Object>> list_of_names(const std::array<const char*, N>& names) {
  Ref<Object> list = TRY(list_new(0));
  for (const char* name : names) {
    Ref<Object> s = TRY(str_from_ascii(name));
    TRY(list_append(list.get(), s.get()));
  }
  return list;
}

Result<Ref<Object>> get_intrinsic1_descs(Object*, Object* const*, size_t, Object*) {
  return list_of_names(vm::kIntrinsic1Names);
}

Result<Ref<Object>> get_intrinsic2_descs(Object*, Object* const*, size_t, Object*) {
  return list_of_names(vm::kIntrinsic2Names);
}

Result<Ref<Object>> get_special_method_names(Object*, Object* const*, size_t, Object*) {
  return list_of_names(vm::kSpecialMethodNames);
}

// [(name, symbol), ...] indexed by BINARY_OP's oparg.
Result<Ref<Object>> get_nb_ops(Object*, Object* const*, size_t, Object*) {
  Ref<Object> list = TRY(list_new(0));
  for (const vm::BinaryOpName& op : vm::kBinaryOpNames) {
    Ref<Object> name = TRY(str_from_ascii(op.name));
    Ref<Object> symbol = TRY(str_from_ascii(op.symbol));
    Ref<Object> pair = TRY(tuple_pack({name.get(), symbol.get()}));
    TRY(list_append(list.get(), pair.get()));
  }
  return list;
}

// Weft keeps no specialization statistics (CPython without Py_STATS returns None too).
Result<Ref<Object>> get_specialization_stats(Object*, Object* const*, size_t, Object*) {
  return new_none();
}

// get_executor(code, offset)
Result<Ref<Object>> get_executor(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("get_executor", "code offset");
  Object* a[2];
  TRY(kParser.parse(args, nargs, kwnames, a));
  if (!is_code(a[0]))
    return raise(exc::TypeError, "expected a code object, not '{}'", type_name_of(a[0]));
  TRY(c_int_argument(a[1]));
  return raise(exc::RuntimeError, "Executors are not available in this build");
}

const MethodDef kOpcodeFunctions[] = {
    {"stack_effect", stack_effect, kMethFastcall, "Compute the stack effect of the opcode."},
    {"is_valid", has_flag<0>, kMethOneArg, "Return True if opcode is valid, False otherwise."},
    {"has_arg", has_flag<vm::HAS_ARG>, kMethOneArg,
     "Return True if the opcode uses its oparg, False otherwise."},
    {"has_const", has_flag<vm::HAS_CONST>, kMethOneArg,
     "Return True if the opcode accesses a constant, False otherwise."},
    {"has_name", has_flag<vm::HAS_NAME>, kMethOneArg,
     "Return True if the opcode accesses an attribute by name, False otherwise."},
    {"has_jump", has_flag<vm::HAS_JUMP>, kMethOneArg,
     "Return True if the opcode has a jump target, False otherwise."},
    {"has_free", has_flag<vm::HAS_FREE>, kMethOneArg,
     "Return True if the opcode accesses a free variable, False otherwise.\n\nNote that 'free' "
     "in this context refers to names in the current scope\nthat are referenced by inner scopes "
     "or names in outer scopes that are\nreferenced from this scope. It does not include "
     "references to global\nor builtin scopes."},
    {"has_local", has_flag<vm::HAS_LOCAL>, kMethOneArg,
     "Return True if the opcode accesses a local variable, False otherwise."},
    {"has_exc", has_flag<vm::HAS_EXC>, kMethOneArg,
     "Return True if the opcode sets an exception handler, False otherwise."},
    {"get_specialization_stats", get_specialization_stats, kMethNoArgs,
     "Return the specialization stats"},
    {"get_nb_ops", get_nb_ops, kMethNoArgs,
     "Return array of symbols of binary ops.\n\nIndexed by the BINARY_OP oparg value."},
    {"get_intrinsic1_descs", get_intrinsic1_descs, kMethNoArgs,
     "Return a list of names of the unary intrinsics."},
    {"get_intrinsic2_descs", get_intrinsic2_descs, kMethNoArgs,
     "Return a list of names of the binary intrinsics."},
    {"get_special_method_names", get_special_method_names, kMethNoArgs,
     "Return a list of special method names."},
    {"get_executor", get_executor, kMethFastcall,
     "Return the executor object at offset in code if exists, None otherwise."},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_opcode_module() {
  Ref<Object> m = TRY(module_new("_opcode"));
  Object* dict = module_dict(m.get());
  Ref<Object> doc = TRY(str_from_ascii("Opcode support module."));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  Ref<Object> name = TRY(str_from_ascii("_opcode"));
  TRY(add_functions_to_dict(dict, kOpcodeFunctions, m.get(), name.get()));
  Ref<Object> enable = TRY(int_from_i64(kEnableSpecialization));
  TRY(dict_set_item_str(dict, "ENABLE_SPECIALIZATION", enable.get()));
  Ref<Object> enable_ft = TRY(int_from_i64(kEnableSpecializationFt));
  TRY(dict_set_item_str(dict, "ENABLE_SPECIALIZATION_FT", enable_ft.get()));
  return m;
}

WEFT_NATIVE_MODULE("_opcode", create_opcode_module);

}  // namespace
}  // namespace weft::opcode_module
