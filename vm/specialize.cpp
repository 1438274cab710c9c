// vm/specialize.cpp — the executable instruction copies and the specialiser (see vm/specialize.h
// for the protocol and vm/README.md for the thread-safety argument).
//
// Each specialiser looks at the live operands of one execution, decides whether a specialised
// form applies, fills the cache units and publishes the opcode last (release). The guards the
// specialised bodies (vm/eval_cases.inc) re-check at every execution are what makes the result
// correct; a specialiser only has to pick a form whose guards will usually pass.
#include "vm/specialize.h"

#include <cstring>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/method.h"
#include "objects/module.h"
#include "objects/object_impl.h"
#include "objects/set.h"
#include "objects/slot_defs.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "vm/opcodes.h"

namespace weft::vm {
namespace {

// Executions of a generic instruction before its one specialisation attempt (specialize.h).
constexpr CodeUnit kWarmup = 2;

bool is_specialisable_family(int op) {
  switch (op) {
    case LOAD_GLOBAL: case LOAD_ATTR: case STORE_ATTR: case BINARY_OP: case COMPARE_OP:
    case CALL: case CONTAINS_OP: case STORE_SUBSCR: case UNPACK_SEQUENCE:
      return true;
    default:
      return false;
  }
}

void release_adaptive(void* data) {
  auto* ac = static_cast<AdaptiveCode*>(data);
  xdecref(ac->globals.load(std::memory_order_relaxed));
  gc::raw_free(ac);
}

Status install_release_hook() {
  code_vm_data_release = release_adaptive;
  return ok();
}
WEFT_REGISTER_TYPE_INIT(kPhaseObjects, install_release_hook);

CodeUnit* writable(const CodeUnit* p) { return const_cast<CodeUnit*>(p); }

void cache_store_u16(const CodeUnit* p, uint16_t v) {
  std::atomic_ref<CodeUnit>(*writable(p)).store(v, std::memory_order_relaxed);
}
void cache_store_u32(const CodeUnit* p, uint32_t v) {
  cache_store_u16(p, static_cast<uint16_t>(v));
  cache_store_u16(p + 1, static_cast<uint16_t>(v >> 16));
}
void cache_store_ptr(const CodeUnit* p, Object* o) {
  uint64_t v = reinterpret_cast<uintptr_t>(o);
  for (int i = 0; i < 4; ++i) cache_store_u16(p + i, static_cast<uint16_t>(v >> (16 * i)));
}

// Publishes the specialised opcode (keeping the oparg byte): the release store orders every
// cache store before it (readers fetch with acquire).
bool publish(const CodeUnit* instr, int opcode) {
  std::atomic_ref<CodeUnit> unit(*writable(instr));
  CodeUnit old = unit.load(std::memory_order_relaxed);
  unit.store(static_cast<CodeUnit>((old & 0xff00) | opcode), std::memory_order_release);
  return true;
}

// Caches may only point at objects that are never freed while code can still run.
bool cacheable_object(Object* o) { return is_immortal(o) || has_deferred_refcount(o); }

// The instance dict of `owner` (borrowed, possibly null) for a type with a dict offset.
Object* instance_dict(Object* owner) {
  int64_t off = type_of(owner)->dictoffset;
  if (off <= 0) return nullptr;
  return *reinterpret_cast<Object**>(reinterpret_cast<char*>(owner) + off);
}

// A type version that covers the result of type_lookup(t, name): read around the lookup so a
// concurrent change in between is noticed (0 = do not specialise).
uint32_t stable_type_version(Type* t, Object* name, Object** descr) {
  (void)type_lookup(t, name);  // assigns a version tag if the type has none
  uint32_t before = t->version_tag.load(std::memory_order_acquire);
  *descr = type_lookup(t, name);
  uint32_t after = t->version_tag.load(std::memory_order_acquire);
  return before == after ? before : 0;
}

// An entry index of `key` in `d` that fits a 16-bit cache unit, or -1.
int64_t small_entry_index(Object* d, Object* key) {
  if (!d || !is_dict_exact(d)) return -1;
  int64_t ix = dict_entry_index(d, key);
  return ix >= 0 && ix <= 0xffff ? ix : -1;
}

}  // namespace

const CodeUnit* code_instructions(CodeObject* code) {
  std::atomic_ref<void*> slot(code->vm_data);
  if (void* data = slot.load(std::memory_order_acquire)) {
    return static_cast<AdaptiveCode*>(data)->units();
  }
  std::string_view bytes = bytes_view(code->code);
  const CodeUnit* original = reinterpret_cast<const CodeUnit*>(bytes.data());
  int64_t n = static_cast<int64_t>(bytes.size() / sizeof(CodeUnit));
  void* mem = gc::raw_alloc(sizeof(AdaptiveCode) + static_cast<size_t>(n) * sizeof(CodeUnit));
  if (!mem) return original;  // runs unspecialised (its counters are all 0)
  auto* ac = new (mem) AdaptiveCode{};
  ac->globals.store(nullptr, std::memory_order_relaxed);
  ac->nunits = n;
  CodeUnit* units = ac->units();
  std::memcpy(units, original, static_cast<size_t>(n) * sizeof(CodeUnit));
  for (int64_t i = 0; i < n;) {
    int op = unit_opcode(units[i]);
    int caches = cache_entries(op);
    if (caches > 0 && is_specialisable_family(op) && i + 1 < n) units[i + 1] = kWarmup;
    i += 1 + caches;
  }
  void* expected = nullptr;
  // release: the filled copy is visible to whoever acquires the pointer.
  if (!slot.compare_exchange_strong(expected, mem, std::memory_order_acq_rel)) {
    gc::raw_free(mem);  // another thread installed its copy first
    return static_cast<AdaptiveCode*>(expected)->units();
  }
  return units;
}

void adaptive_counter_backoff(const CodeUnit* counter) { cache_store_u16(counter, 0); }

bool specialize_load_global(const CodeUnit* instr, Frame* frame, Object* name) {
  // Cache: counter, index, globals version (LOAD_GLOBAL_BUILTIN), unused.
  Object* globals = frame->globals;
  Object* builtins = frame->builtins;
  if (!globals || !is_dict_exact(globals) || !is_str_exact(name)) return false;
  uint64_t version = dict_version(globals);
  int64_t ix = dict_entry_index(globals, name);
  if (ix >= 0) {
    if (ix > 0xffff) return false;
    cache_store_u16(instr + 2, static_cast<uint16_t>(ix));
    return publish(instr, LOAD_GLOBAL_MODULE);
  }
  // Absent from globals at `version` (re-read: nothing was added meanwhile).
  if (version > 0xffff || dict_version(globals) != version) return false;
  if (!builtins || !is_dict_exact(builtins)) return false;
  int64_t bix = small_entry_index(builtins, name);
  if (bix < 0) return false;
  AdaptiveCode* ac = adaptive_of(frame->first_instr);
  Object* bound = ac->globals.load(std::memory_order_acquire);
  if (!bound) {
    incref(globals);
    if (!ac->globals.compare_exchange_strong(bound, globals, std::memory_order_acq_rel)) {
      decref(globals);
    } else {
      bound = globals;
    }
  }
  if (bound != globals) return false;
  cache_store_u16(instr + 2, static_cast<uint16_t>(bix));
  cache_store_u16(instr + 3, static_cast<uint16_t>(version));
  return publish(instr, LOAD_GLOBAL_BUILTIN);
}

bool specialize_load_attr(const CodeUnit* instr, Object* owner, Object* name, bool method) {
  // Cache: counter, type version (2), dict hint (1, unused high unit), descriptor (4).
  if (!is_str_exact(name)) return false;
  Type* t = type_of(owner);
  if (t == &ModuleType && !method) {
    int64_t ix = small_entry_index(module_dict(owner), name);
    if (ix < 0) return false;
    cache_store_u16(instr + 4, static_cast<uint16_t>(ix));
    return publish(instr, LOAD_ATTR_MODULE);
  }
  if (t->getattro != generic_getattr) return false;
  Object* descr = nullptr;
  uint32_t version = stable_type_version(t, name, &descr);
  if (version == 0) return false;
  if (method) {
    if (!descr || !type_has_flag(type_of(descr), kTypeMethodDescriptor)) return false;
    cache_store_u32(instr + 2, version);
    // Only never-freed functions are cached; for others (null) the body looks the function up
    // again through the type attribute cache and takes a reference.
    cache_store_ptr(instr + 6, cacheable_object(descr) ? descr : nullptr);
    return publish(instr, t->dictoffset > 0 ? LOAD_ATTR_METHOD_WITH_VALUES
                                            : LOAD_ATTR_METHOD_NO_DICT);
  }
  if (descr) return false;  // class attributes and descriptors keep the generic path
  int64_t ix = small_entry_index(instance_dict(owner), name);
  if (ix < 0) return false;
  cache_store_u32(instr + 2, version);
  cache_store_u16(instr + 4, static_cast<uint16_t>(ix));
  return publish(instr, LOAD_ATTR_WITH_HINT);
}

bool specialize_store_attr(const CodeUnit* instr, Object* owner, Object* name) {
  // Cache: counter, type version (2), dict hint.
  if (!is_str_exact(name)) return false;
  Type* t = type_of(owner);
  if (t->setattro != generic_setattr) return false;
  Object* descr = nullptr;
  uint32_t version = stable_type_version(t, name, &descr);
  if (version == 0 || descr) return false;
  if (t->dictoffset <= 0) return false;
  cache_store_u32(instr + 2, version);
  int64_t ix = small_entry_index(instance_dict(owner), name);
  // An attribute the dict does not hold yet (an __init__'s `self.x = x`, which runs on a new
  // instance every time) is stored by insertion; an existing one is replaced through its hint.
  if (ix < 0) return publish(instr, STORE_ATTR_INSTANCE_VALUE);
  cache_store_u16(instr + 4, static_cast<uint16_t>(ix));
  return publish(instr, STORE_ATTR_WITH_HINT);
}

bool specialize_binary_op(const CodeUnit* instr, Object* lhs, Object* rhs, int oparg) {
  if (oparg == NB_SUBSCR) {
    if (is_list_exact(lhs) && is_int_exact(rhs)) return publish(instr, BINARY_OP_SUBSCR_LIST_INT);
    if (is_tuple_exact(lhs) && is_int_exact(rhs)) return publish(instr, BINARY_OP_SUBSCR_TUPLE_INT);
    if (is_dict_exact(lhs)) return publish(instr, BINARY_OP_SUBSCR_DICT);
    return false;
  }
  bool add = oparg == NB_ADD || oparg == NB_INPLACE_ADD;
  bool sub = oparg == NB_SUBTRACT || oparg == NB_INPLACE_SUBTRACT;
  bool mul = oparg == NB_MULTIPLY || oparg == NB_INPLACE_MULTIPLY;
  if (is_int_exact(lhs) && is_int_exact(rhs)) {
    if (add) return publish(instr, BINARY_OP_ADD_INT);
    if (sub) return publish(instr, BINARY_OP_SUBTRACT_INT);
    if (mul) return publish(instr, BINARY_OP_MULTIPLY_INT);
  } else if (is_float_exact(lhs) && is_float_exact(rhs)) {
    if (add) return publish(instr, BINARY_OP_ADD_FLOAT);
    if (sub) return publish(instr, BINARY_OP_SUBTRACT_FLOAT);
    if (mul) return publish(instr, BINARY_OP_MULTIPLY_FLOAT);
  } else if (is_str_exact(lhs) && is_str_exact(rhs) && add) {
    return publish(instr, BINARY_OP_ADD_UNICODE);
  }
  return false;
}

bool specialize_compare_op(const CodeUnit* instr, Object* lhs, Object* rhs, int oparg) {
  if (is_int_exact(lhs) && is_int_exact(rhs)) return publish(instr, COMPARE_OP_INT);
  if (is_float_exact(lhs) && is_float_exact(rhs)) return publish(instr, COMPARE_OP_FLOAT);
  CompareOp op = static_cast<CompareOp>(compare_op_of(oparg));
  if (is_str_exact(lhs) && is_str_exact(rhs) && (op == CompareOp::Eq || op == CompareOp::Ne))
    return publish(instr, COMPARE_OP_STR);
  return false;
}

bool specialize_call(const CodeUnit* instr, Object* callable, Object* self_or_null, int nargs) {
  int total = nargs + (self_or_null ? 1 : 0);
  if (function_takes_exact_args(callable, total)) return publish(instr, CALL_PY_EXACT_ARGS);
  if (!self_or_null && is_method(callable) &&
      function_takes_exact_args(static_cast<MethodObject*>(callable)->func, nargs + 1))
    return publish(instr, CALL_BOUND_METHOD_EXACT_ARGS);
  if (!self_or_null && type_of(callable) == &TypeType) {
    Type* t = reinterpret_cast<Type*>(callable);
    Object* init = nullptr;
    uint32_t version = 0;
    if (type_has_flag(t, kTypeHeap) && t->new_ == object_new && t->init == slot_tp_init)
      version = stable_type_version(t, init_function_name(), &init);
    if (version != 0 && init && is_function(init)) {
      cache_store_u32(instr + 2, version);
      return publish(instr, CALL_ALLOC_AND_ENTER_INIT);
    }
  }
  if (!is_function(callable) && !is_method(callable)) return publish(instr, CALL_NON_PY_GENERAL);
  return false;
}

Object* init_function_name() {
  static Object* const name = str_intern("__init__");
  return name;
}

Result<Ref<Object>> alloc_and_init(Type* t, Object* init, Object** self_slot, size_t nargs) {
  Ref<Object> self = TRY(object_generic_alloc(t));
  *self_slot = self.dup().release();  // owned by the stack like every other stack item
  Ref<Object> r = TRY(call(init, self_slot, nargs + 1, nullptr));
  if (!is_none(r.get())) {
    return raise(exc::TypeError, "__init__() should return None, not '{}'", type_name_of(r.get()));
  }
  return self;
}

bool specialize_contains_op(const CodeUnit* instr, Object* container) {
  if (is_dict_exact(container)) return publish(instr, CONTAINS_OP_DICT);
  if (type_of(container) == &SetType || type_of(container) == &FrozenSetType)
    return publish(instr, CONTAINS_OP_SET);
  return false;
}

bool specialize_store_subscr(const CodeUnit* instr, Object* container, Object* sub) {
  if (is_list_exact(container) && is_int_exact(sub)) return publish(instr, STORE_SUBSCR_LIST_INT);
  if (is_dict_exact(container)) return publish(instr, STORE_SUBSCR_DICT);
  return false;
}

bool specialize_unpack_sequence(const CodeUnit* instr, Object* seq, int oparg) {
  if (is_tuple_exact(seq) && tuple_size(seq) == oparg)
    return publish(instr, oparg == 2 ? UNPACK_SEQUENCE_TWO_TUPLE : UNPACK_SEQUENCE_TUPLE);
  if (is_list_exact(seq) && list_size(seq) == oparg) return publish(instr, UNPACK_SEQUENCE_LIST);
  return false;
}

}  // namespace weft::vm
