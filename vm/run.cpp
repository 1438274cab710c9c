// vm/run.cpp — entering the VM: exec of code objects and calls of Python functions.
//
// Argument binding follows CPython's initialize_locals (Python/ceval.c) and its messages:
//   "f() takes 2 positional arguments but 3 were given"
//   "f() missing 1 required positional argument: 'x'"
//   "f() got an unexpected keyword argument 'z'"
//   "f() got multiple values for argument 'x'"
//   "f() missing 1 required keyword-only argument: 'k'"
//   "f() got some positional-only arguments passed as keyword arguments: 'a'"
// The function's __qualname__ names it in messages, as in CPython 3.10+.
//
// Fast path: exactly `argcount` positional arguments and no *args/**kwargs/keywords: the
// arguments are moved (or duplicated) straight into the frame; no allocation, no lookups.
#include "vm/run.h"

#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "sync/critical_section.h"
#include "vm/eval.h"
#include "vm/eval_ops.h"
#include "vm/frame_stack.h"
#include "vm/interp_state.h"
#include "vm/specialize.h"
#include "vm/stack_ref.h"

namespace weft::vm {
namespace {



// Frame fields common to every kind of frame; localsplus all nullptr.
Frame* new_frame(core::ThreadState* ts, VmThreadData* vm, CodeObject* code) {
  Frame* f = push_frame_memory(vm, code);
  if (!f) return nullptr;
  f->code = static_cast<CodeObject*>(stack_dup(code));
  f->func = nullptr;
  f->globals = nullptr;
  f->builtins = nullptr;
  f->locals = nullptr;
  f->previous = vm->current_frame;
  f->first_instr = code_instructions_fast(code);  // the adaptive copy (vm/specialize.h)
  f->instr_ptr = f->first_instr;
  f->frame_obj = nullptr;
  f->owner = FrameOwner::kThread;
  f->is_entry = false;
  f->return_offset = 0;
  std::memset(f->localsplus(), 0, sizeof(Object*) * static_cast<size_t>(code->nlocalsplus));
  f->stack_pointer = f->stack_base();
  vm->current_frame = f;
  --ts->recursion_remaining;
  return f;
}

std::string qualname_of(Object* func) {
  return str_to_std_string(static_cast<FunctionObject*>(func)->qualname);
}

// "f() got an unexpected keyword argument 'nme'. Did you mean 'name'?" -- the suggestion comes
// from the names that may be passed by keyword (CPython's _PyEval suggestion for bad keywords).
Error raise_unexpected_keyword(Object* func, const CodeObject* code, int total_args, Object* name) {
  std::vector<std::string> names;
  for (int j = code->posonlyargcount; j < total_args; ++j)
    names.push_back(str_to_std_string(tuple_item(code->localsplusnames, j)));
  std::vector<std::string_view> views(names.begin(), names.end());
  std::string given = str_to_std_string(name);
  int64_t best = suggest_closest(given, views.data(), views.size());
  if (best >= 0) {
    return raise(exc::TypeError, "{}() got an unexpected keyword argument '{}'. Did you mean '{}'?",
                 qualname_of(func), name, views[static_cast<size_t>(best)]);
  }
  return raise(exc::TypeError, "{}() got an unexpected keyword argument '{}'", qualname_of(func),
               name);
}

// "'a'", "'a' and 'b'", "'a', 'b', and 'c'"
std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    out += "'" + names[i] + "'";
  }
  return out;
}

Error missing_arguments(Object* func, CodeObject* code, Object** locals, int from, int to,
                        const char* kind) {
  std::vector<std::string> missing;
  for (int i = from; i < to; ++i) {
    if (!locals[i]) missing.push_back(str_to_std_string(tuple_item(code->localsplusnames, i)));
  }
  return raise(exc::TypeError, "{}() missing {} required {} argument{}: {}", qualname_of(func),
               missing.size(), kind, missing.size() == 1 ? "" : "s", quoted_list(missing));
}

Error too_many_positional(Object* func, CodeObject* code, Object** locals, size_t given,
                          int ndefaults) {
  int argcount = code->argcount;
  int kwonly_given = 0;
  for (int i = argcount; i < argcount + code->kwonlyargcount; ++i) {
    if (locals[i]) ++kwonly_given;
  }
  std::string takes;
  if (ndefaults > 0) {
    takes = "from " + std::to_string(argcount - ndefaults) + " to " + std::to_string(argcount) +
            " positional arguments";
  } else {
    takes = std::to_string(argcount) + " positional argument" + (argcount == 1 ? "" : "s");
  }
  std::string kw;
  if (kwonly_given) {
    kw = " positional argument" + std::string(given == 1 ? "" : "s") + " (and " +
         std::to_string(kwonly_given) + " keyword-only argument" + (kwonly_given == 1 ? "" : "s") +
         ")";
  }
  return raise(exc::TypeError, "{}() takes {} but {}{} {} given", qualname_of(func), takes, given,
               kw, (given == 1 && !kwonly_given) ? "was" : "were");
}

// The slow path of binding (see the file comment). Locals receive new references.
Status bind_arguments(Object* func, CodeObject* code, Object** locals, Object* const* args,
                      size_t nargs, Object* kwnames) {
  int argcount = code->argcount;
  int total_args = argcount + code->kwonlyargcount;
  Object* kwdict = nullptr;
  if (code->flags & kCoVarkeywords) {
    Ref<Object> d = TRY(dict_new());
    int index = total_args + ((code->flags & kCoVarargs) ? 1 : 0);
    kwdict = d.get();
    locals[index] = d.release();
  }
  size_t n = nargs < static_cast<size_t>(argcount) ? nargs : static_cast<size_t>(argcount);
  for (size_t i = 0; i < n; ++i) locals[i] = stack_dup(args[i]);
  if (code->flags & kCoVarargs) {
    Ref<Object> extra = TRY(tuple_from_array(args + n, static_cast<int64_t>(nargs - n)));
    locals[total_args] = extra.release();
  }
  // Keyword arguments.
  size_t nkw = kwnames ? static_cast<size_t>(tuple_size(kwnames)) : 0;
  std::vector<std::string> posonly_as_kw;
  for (size_t k = 0; k < nkw; ++k) {
    Object* name = tuple_item(kwnames, static_cast<int64_t>(k));
    Object* value = args[nargs + k];
    if (!is_str(name)) return raise(exc::TypeError, "keywords must be strings");
    int found = -1;
    for (int j = code->posonlyargcount; j < total_args; ++j) {  // identity first: interned names
      if (tuple_item(code->localsplusnames, j) == name) { found = j; break; }
    }
    if (found < 0) {
      for (int j = code->posonlyargcount; j < total_args; ++j) {
        if (str_equal(tuple_item(code->localsplusnames, j), name)) { found = j; break; }
      }
    }
    if (found < 0) {
      if (kwdict) {
        TRY(dict_set_item(kwdict, name, value));
        continue;
      }
      for (int j = 0; j < code->posonlyargcount; ++j) {
        if (str_equal(tuple_item(code->localsplusnames, j), name)) {
          posonly_as_kw.push_back(str_to_std_string(name));
        }
      }
      if (!posonly_as_kw.empty()) continue;
      return raise_unexpected_keyword(func, code, total_args, name);
    }
    if (locals[found]) {
      return raise(exc::TypeError, "{}() got multiple values for argument '{}'",
                   qualname_of(func), name);
    }
    locals[found] = stack_dup(value);
  }
  if (!posonly_as_kw.empty()) {
    // CPython quotes the whole comma-separated list once: 'a, b'.
    std::string list = "'";
    for (size_t i = 0; i < posonly_as_kw.size(); ++i) list += (i ? ", " : "") + posonly_as_kw[i];
    list += "'";
    return raise(exc::TypeError,
                 "{}() got some positional-only arguments passed as keyword arguments: {}",
                 qualname_of(func), list);
  }
  // Defaults, read under the function's lock (another thread may reassign __defaults__).
  Ref<Object> defaults, kwdefaults;
  {
    FunctionObject* fo = static_cast<FunctionObject*>(func);
    sync::CriticalSection cs{func->ob_mutex};
    if (fo->defaults) defaults = new_ref(fo->defaults);
    if (fo->kwdefaults) kwdefaults = new_ref(fo->kwdefaults);
  }
  int ndefaults = defaults ? static_cast<int>(tuple_size(defaults.get())) : 0;
  if (nargs > static_cast<size_t>(argcount) && !(code->flags & kCoVarargs)) {
    return too_many_positional(func, code, locals, nargs, ndefaults);
  }
  if (nargs < static_cast<size_t>(argcount)) {
    int first_default = argcount - ndefaults;
    int missing_to = first_default;
    for (int i = static_cast<int>(nargs); i < first_default; ++i) {
      if (!locals[i]) return missing_arguments(func, code, locals, static_cast<int>(nargs), missing_to, "positional");
    }
    for (int i = first_default > static_cast<int>(nargs) ? first_default : static_cast<int>(nargs);
         i < argcount; ++i) {
      if (!locals[i]) locals[i] = stack_dup(tuple_item(defaults.get(), i - first_default));
    }
  }
  for (int i = argcount; i < total_args; ++i) {
    if (locals[i]) continue;
    Object* name = tuple_item(code->localsplusnames, i);
    Ref<Object> dflt;
    if (kwdefaults && TRY(dict_get_item_str(kwdefaults.get(), name, &dflt))) {
      locals[i] = stack_from(std::move(dflt));
      continue;
    }
  }
  for (int i = argcount; i < total_args; ++i) {
    if (!locals[i]) return missing_arguments(func, code, locals, argcount, total_args, "keyword-only");
  }
  return ok();
}

Status install_function_call_slot() {
  FunctionType.call = function_vectorcall;
  return ok();
}
WEFT_REGISTER_TYPE_INIT(kPhaseObjects, install_function_call_slot);

Result<Ref<Object>> run_frame_for(Object* code, Object* globals, Object* locals) {
  if (!is_code(code)) return raise(exc::TypeError, "expected a code object");
  if (!is_dict(globals)) return raise(exc::TypeError, "globals must be a dict");
  Object* builtins = TRY(builtins_for_globals(globals));
  core::ThreadState* ts = core::current_thread_state();
  VmThreadData* vm = vm_data(ts);
  Frame* f = new_frame(ts, vm, static_cast<CodeObject*>(code));
  if (!f) return Error{};
  f->globals = globals;
  f->builtins = builtins;
  f->locals = new_ref(locals ? locals : globals).release();
  f->is_entry = true;
  return eval_frame(ts, f);
}

}  // namespace

Frame* push_function_frame(core::ThreadState* ts, Object* func, Object* const* args,
                           size_t nargs, Object* kwnames, ArgOwnership ownership) {
  auto release_inputs = [&]() {
    if (ownership != ArgOwnership::kSteal) return;
    size_t total = nargs + (kwnames ? static_cast<size_t>(tuple_size(kwnames)) : 0);
    for (size_t i = 0; i < total; ++i) stack_xclose(args[i]);
    stack_close(func);
  };
  if (ts->recursion_remaining <= 0) [[unlikely]] {
    (void)raise(exc::RecursionError, "maximum recursion depth exceeded");
    release_inputs();
    return nullptr;
  }
  FunctionObject* fo = static_cast<FunctionObject*>(func);
  CodeObject* code = static_cast<CodeObject*>(fo->code);
  VmThreadData* vm = vm_data(ts);
  Frame* f = new_frame(ts, vm, code);
  if (!f) {
    release_inputs();
    return nullptr;
  }
  f->func = ownership == ArgOwnership::kSteal ? func : stack_dup(func);
  f->globals = fo->globals;
  f->builtins = fo->builtins;
  Object** locals = f->localsplus();
  bool simple = !kwnames && nargs == static_cast<size_t>(code->argcount) &&
                !(code->flags & (kCoVarargs | kCoVarkeywords)) && code->kwonlyargcount == 0;
  if (simple) [[likely]] {
    if (ownership == ArgOwnership::kSteal) {
      std::memcpy(locals, args, nargs * sizeof(Object*));
    } else {
      for (size_t i = 0; i < nargs; ++i) locals[i] = stack_dup(args[i]);
    }
    return f;
  }
  Status st = bind_arguments(func, code, locals, args, nargs, kwnames);
  if (ownership == ArgOwnership::kSteal) {
    size_t total = nargs + (kwnames ? static_cast<size_t>(tuple_size(kwnames)) : 0);
    for (size_t i = 0; i < total; ++i) stack_xclose(args[i]);
  }
  if (st.is_error()) {
    leave_frame(ts, vm, f);
    return nullptr;
  }
  return f;
}

Result<Ref<Object>> function_vectorcall(Object* func, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  core::ThreadState* ts = core::current_thread_state();
  Frame* f = push_function_frame(ts, func, args, nargs, kwnames, ArgOwnership::kBorrow);
  if (!f) return Error{};
  f->is_entry = true;
  return eval_frame(ts, f);
}

Result<Ref<Object>> run_code(Object* code, Object* globals, Object* locals) {
  return run_frame_for(code, globals, locals);
}

Result<Ref<Object>> eval_code(Object* code, Object* globals, Object* locals) {
  return run_frame_for(code, globals, locals);
}

}  // namespace weft::vm
