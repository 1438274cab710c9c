// stdlib/builtins/code.cpp — built-ins that compile or run code: exec, eval, compile,
// __build_class__ (the class statement) and __import__.
//
// Compilation goes to vm/compiler (compile_source), execution to vm/run.h, imports to
// vm/import.h: this file only applies the argument rules of Python/bltinmodule.c.
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/cell.h"
#include "objects/code.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/_ast/ast_module.h"
#include "stdlib/builtins/builtins.h"
#include "vm/class_body.h"
#include "vm/compiler/ast_python.h"
#include "vm/compiler/compile.h"
#include "vm/compiler/parser.h"
#include "vm/frame_locals.h"
#include "vm/import.h"
#include "vm/interp_state.h"
#include "vm/run.h"

namespace weft::builtins {
namespace {

// The source text of exec/eval/compile's first argument: str, or bytes decoded as UTF-8.
Result<std::string> source_text(Object* src, const char* fname, const char* what) {
  if (is_str(src)) {
    std::string_view v = TRY(str_utf8(src));
    return std::string(v);
  }
  if (is_bytes(src)) return std::string(bytes_view(src));
  return raise(exc::TypeError, "{}() arg 1 must be a string, bytes or code object", fname);
}

// Resolves the (globals, locals) pair of exec()/eval() as CPython does: both default to the
// caller's; a globals dict without __builtins__ gets the current builtins.
Status resolve_namespaces(const char* fname, Object* globals, Object* locals, Ref<Object>* g,
                          Ref<Object>* l) {
  if (globals && !is_none(globals) && !is_dict(globals))
    return raise(exc::TypeError, "{}() globals must be a dict, not {}", fname,
                 type_name_of(globals));
  if (locals && !is_none(locals) && !TRY(has_attr(locals, str_intern("__getitem__"))))
    return raise(exc::TypeError, "locals must be a mapping");
  if (!globals || is_none(globals)) {
    vm::Frame* f = vm::current_python_frame();
    if (!f) return raise(exc::SystemError, "{}(): no current frame", fname);
    *g = new_ref(f->globals);
    if (!locals || is_none(locals)) {
      *l = TRY(vm::frame_locals(f));
    } else {
      *l = new_ref(locals);
    }
  } else {
    *g = new_ref(globals);
    *l = (!locals || is_none(locals)) ? new_ref(globals) : new_ref(locals);
  }
  if (!TRY(dict_contains(g->get(), str_intern("__builtins__"))))
    TRY(dict_set_item(g->get(), str_intern("__builtins__"), vm::builtins_dict()));
  return ok();
}

Result<Ref<Object>> run_source_or_code(const char* fname, Object* src, compiler::CompileMode mode,
                                       Object* globals, Object* locals) {
  Ref<Object> g, l;
  TRY(resolve_namespaces(fname, globals, locals, &g, &l));
  Ref<Object> code;
  if (is_code(src)) {
    code = new_ref(src);
  } else {
    std::string text = TRY(source_text(src, fname, "source"));
    if (text.find('\0') != std::string::npos)
      return raise(exc::SyntaxError, "source code string cannot contain null bytes");
    Ref<Object> filename = TRY(str_from_ascii("<string>"));
    code = TRY(compiler::compile_source(text, filename.get(), mode, {}));
  }
  return vm::run_code(code.get(), g.get(), l.get());
}

// exec(source, /, globals=None, locals=None, *, closure=None)
Result<Ref<Object>> builtin_exec(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("exec", "source / | globals locals * | closure");
  Object* a[4];
  TRY(parser.parse(args, nargs, kwnames, a));
  Ref<Object> r = TRY(run_source_or_code("exec", a[0], compiler::CompileMode::Exec, a[1], a[2]));
  return new_none();
}

// eval(source, /, globals=None, locals=None)
Result<Ref<Object>> builtin_eval(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("eval", "source / | globals locals");
  Object* a[3];
  TRY(parser.parse(args, nargs, kwnames, a));
  Object* src = a[0];
  if (!is_code(src) && !is_str(src) && !is_bytes(src))
    return raise(exc::TypeError, "eval() arg 1 must be a string, bytes or code object");
  if (is_str(src)) {
    // eval() strips leading spaces and tabs (CPython does the same).
    std::string text = TRY(source_text(src, "eval", "source"));
    size_t start = text.find_first_not_of(" \t");
    Ref<Object> stripped = TRY(str_from_utf8(start == std::string::npos ? "" : text.substr(start)));
    return run_source_or_code("eval", stripped.get(), compiler::CompileMode::Eval, a[1], a[2]);
  }
  return run_source_or_code("eval", src, compiler::CompileMode::Eval, a[1], a[2]);
}

// The ast root class each parse mode produces (and compile() of an AST object expects).
ast::AstClass root_class_for(compiler::ParseMode mode) {
  switch (mode) {
    case compiler::ParseMode::Exec: return ast::AstClass::Module;
    case compiler::ParseMode::Eval: return ast::AstClass::Expression;
    case compiler::ParseMode::Single: return ast::AstClass::Interactive;
    case compiler::ParseMode::FuncType: return ast::AstClass::FunctionType;
  }
  return ast::AstClass::Module;
}

// compile() of an ast.AST object: back to the internal tree, then compiled (or, with
// PyCF_ONLY_AST, returned as is after the check, as CPython does).
Result<Ref<Object>> compile_ast_object(Object* tree, Object* filename, compiler::ParseMode mode,
                                       int flags, const compiler::CompileFlags& cflags) {
  const ast::PythonAstClasses* py = TRY(ast_module::python_ast_classes());
  ast::Arena arena;
  ast::Mod* mod = TRY(ast::ast_from_python(tree, root_class_for(mode), *py, arena));
  if (flags & ast_module::kPyCFOnlyAst) return new_ref(tree);
  return compiler::compile_ast(mod, "", filename, cflags);
}

// compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *, _feature_version=-1)
Result<Ref<Object>> builtin_compile(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser(
      "compile", "source filename mode | flags dont_inherit optimize * | _feature_version");
  Object* a[7];
  TRY(parser.parse(args, nargs, kwnames, a));
  if (!is_str(a[2])) return raise(exc::TypeError, "compile() arg 3 must be str, not {}", type_name_of(a[2]));
  int flags = 0;
  if (a[3]) flags = static_cast<int>(TRY(index_as_i64(a[3])));
  compiler::CompileMode mode;
  compiler::ParseMode parse_mode;
  if (str_equal_ascii(a[2], "exec")) {
    mode = compiler::CompileMode::Exec;
    parse_mode = compiler::ParseMode::Exec;
  } else if (str_equal_ascii(a[2], "eval")) {
    mode = compiler::CompileMode::Eval;
    parse_mode = compiler::ParseMode::Eval;
  } else if (str_equal_ascii(a[2], "single")) {
    mode = compiler::CompileMode::Single;
    parse_mode = compiler::ParseMode::Single;
  } else if (str_equal_ascii(a[2], "func_type") && (flags & ast_module::kPyCFOnlyAst)) {
    mode = compiler::CompileMode::Exec;
    parse_mode = compiler::ParseMode::FuncType;
  } else {
    return raise(exc::ValueError, (flags & ast_module::kPyCFOnlyAst)
                                      ? "compile() mode must be 'exec', 'eval', 'single' or 'func_type'"
                                      : "compile() mode must be 'exec', 'eval' or 'single'");
  }
  compiler::CompileFlags cflags;
  cflags.allow_top_level_await = (flags & compiler::kPyCFAllowTopLevelAwait) != 0;
  cflags.dont_imply_dedent = (flags & compiler::kPyCFDontImplyDedent) != 0;
  cflags.allow_incomplete_input = (flags & compiler::kPyCFAllowIncompleteInput) != 0;
  if (a[5]) {
    int64_t optimize = TRY(index_as_i64(a[5]));
    if (optimize < -1 || optimize > 2)
      return raise(exc::ValueError, "compile(): invalid optimize value");
    cflags.optimize = optimize < 0 ? 0 : static_cast<int>(optimize);
  }
  if (is_code(a[0])) return new_ref(a[0]);
  Ref<Object> filename = is_str(a[1]) ? new_ref(a[1]) : TRY(object_str(a[1]));
  if (ast_module::is_ast_object(a[0]))
    return compile_ast_object(a[0], filename.get(), parse_mode, flags, cflags);
  if (!is_str(a[0]) && !is_bytes(a[0]))
    return raise(exc::TypeError, "compile() arg 1 must be a string, bytes or AST object");
  std::string text = TRY(source_text(a[0], "compile", "source"));
  if (text.find('\0') != std::string::npos)
    return raise(exc::SyntaxError, "source code string cannot contain null bytes");
  if ((flags & ast_module::kPyCFOptimizedAst) == ast_module::kPyCFOptimizedAst)
    return raise(exc::NotImplementedError, "compile(): PyCF_OPTIMIZED_AST is not supported yet");
  if (flags & ast_module::kPyCFOnlyAst) {
    const ast::PythonAstClasses* py = TRY(ast_module::python_ast_classes());
    ast::Arena arena;
    ast::Mod* mod = TRY(compiler::parse(text, str_to_std_string(filename.get()), parse_mode, 0, arena));
    return ast::ast_to_python(mod, *py);
  }
  return compiler::compile_source(text, filename.get(), mode, cflags);
}

// The most derived metaclass among `meta` and the types of `bases` (CPython's
// _PyType_CalculateMetaclass), or TypeError "metaclass conflict".
Result<Object*> calculate_metaclass(Object* meta, Object* bases) {
  Object* winner = meta;
  for (int64_t i = 0; i < tuple_size(bases); i++) {
    Object* base_type = reinterpret_cast<Object*>(type_of(tuple_item(bases, i)));
    if (TRY(is_subclass(winner, base_type))) continue;
    if (TRY(is_subclass(base_type, winner))) {
      winner = base_type;
      continue;
    }
    return raise(exc::TypeError,
                 "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                 "subclass of the metaclasses of all its bases");
  }
  return winner;
}

// PEP 560: replaces bases that are not types but define __mro_entries__.
Result<Ref<Object>> resolve_mro_entries(Object* bases, bool* changed) {
  *changed = false;
  Ref<Object> out = TRY(list_new());
  for (int64_t i = 0; i < tuple_size(bases); i++) {
    Object* b = tuple_item(bases, i);
    Ref<Object> entries_fn;
    if (!is_instance_of(b, &TypeType) &&
        TRY(lookup_attr(b, str_intern("__mro_entries__"), &entries_fn))) {
      Ref<Object> entries = TRY(call_one(entries_fn.get(), bases));
      if (!is_tuple(entries.get()))
        return raise(exc::TypeError, "__mro_entries__ must return a tuple");
      TRY(list_extend(out.get(), entries.get()));
      *changed = true;
    } else {
      TRY(list_append(out.get(), b));
    }
  }
  return list_as_tuple(out.get());
}

// __build_class__(func, name, /, *bases, metaclass=None, **kwds)
Result<Ref<Object>> builtin_build_class(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  if (nargs < 2) return raise(exc::TypeError, "__build_class__: not enough arguments");
  Object* func = args[0];
  Object* name = args[1];
  if (!is_function(func)) return raise(exc::TypeError, "__build_class__: func must be a function");
  if (!is_str(name)) return raise(exc::TypeError, "__build_class__: name is not a string");
  Ref<Object> orig_bases = TRY(tuple_from_array(args + 2, static_cast<int64_t>(nargs - 2)));
  bool changed = false;
  Ref<Object> bases = TRY(resolve_mro_entries(orig_bases.get(), &changed));

  // Split the keywords: `metaclass` is ours, the rest go to __prepare__ and the metaclass call.
  Object* meta = nullptr;
  Ref<Object> kwds = TRY(dict_new());
  size_t nkw = kwnames_count(kwnames);
  for (size_t i = 0; i < nkw; i++) {
    Object* key = tuple_item(kwnames, static_cast<int64_t>(i));
    if (str_equal_ascii(key, "metaclass")) {
      meta = args[nargs + i];
    } else {
      TRY(dict_set_item(kwds.get(), key, args[nargs + i]));
    }
  }
  bool meta_is_class = true;
  if (!meta) {
    meta = tuple_size(bases.get()) ? reinterpret_cast<Object*>(type_of(tuple_item(bases.get(), 0)))
                                   : reinterpret_cast<Object*>(&TypeType);
  } else {
    meta_is_class = is_instance_of(meta, &TypeType);
  }
  if (meta_is_class) meta = TRY(calculate_metaclass(meta, bases.get()));

  // ns = meta.__prepare__(name, bases, **kwds), or a new dict.
  Ref<Object> ns;
  Ref<Object> prepare;
  if (TRY(lookup_attr(meta, str_intern("__prepare__"), &prepare))) {
    Ref<Object> pargs = TRY(tuple_pack({name, bases.get()}));
    ns = TRY(call_tuple_dict(prepare.get(), pargs.get(), kwds.get()));
    if (!TRY(has_attr(ns.get(), str_intern("__getitem__")))) {
      return raise(exc::TypeError, "{}.__prepare__() must return a mapping, not {}",
                   meta_is_class ? type_name(reinterpret_cast<Type*>(meta)) : "<metaclass>",
                   type_name_of(ns.get()));
    }
  } else {
    ns = TRY(dict_new());
  }
  Ref<Object> cell = TRY(vm::run_class_body(func, ns.get()));
  if (changed) TRY(set_item(ns.get(), str_intern("__orig_bases__"), orig_bases.get()));
  Ref<Object> margs = TRY(tuple_pack({name, bases.get(), ns.get()}));
  Ref<Object> cls = TRY(call_tuple_dict(meta, margs.get(), kwds.get()));
  if (is_cell(cell.get()) && is_instance_of(cls.get(), &TypeType)) {
    Ref<Object> contents = cell_get(cell.get());
    if (!contents) {
      cell_set(cell.get(), cls.get());
    } else if (contents.get() != cls.get()) {
      return raise(exc::TypeError, "__class__ set to {} defining {} as {}", fmt_repr(contents.get()),
                   fmt_repr(name), fmt_repr(cls.get()));
    }
  }
  return cls;
}

// __import__(name, globals=None, locals=None, fromlist=(), level=0)
Result<Ref<Object>> builtin_import(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser parser("__import__", "name | globals locals fromlist level");
  Object* a[5];
  TRY(parser.parse(args, nargs, kwnames, a));
  if (!is_str(a[0]))
    return raise(exc::TypeError, "module name must be str, not {}", type_name_of(a[0]));
  int64_t level = a[4] ? TRY(index_as_i64(a[4])) : 0;
  if (level < 0) return raise(exc::ValueError, "level must be >= 0");
  return vm::import_module_level(a[0], a[1], a[3], static_cast<int>(level));
}

}  // namespace

const MethodDef kCodeFunctions[] = {
    {"__build_class__", builtin_build_class, kMethFastcall, "Internal helper function used by the class statement."},
    {"__import__", builtin_import, kMethFastcall, "Import a module."},
    {"compile", builtin_compile, kMethFastcall, "Compile source into a code object that can be executed by exec() or eval()."},
    {"eval", builtin_eval, kMethFastcall, "Evaluate the given source in the context of globals and locals."},
    {"exec", builtin_exec, kMethFastcall, "Execute the given source in the context of globals and locals."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::builtins
