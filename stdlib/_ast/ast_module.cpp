// stdlib/_ast/ast_module.cpp — the `_ast` module: every node class of CPython 3.14's ASDL,
// built from vm/compiler/ast_schema.h, and the PyCF_* constants.
//
// Each class is made like CPython's make_type: type(name, (base,), namespace) with _fields,
// __match_args__, _attributes (positions), _field_types (list[expr], expr | None, str...),
// class attributes None for optional fields and end positions, __module__ 'ast' and the ASDL
// text as __doc__. The classes and the singleton instances (Load(), Add()...) are created once,
// when the module is first imported, then published through an atomic pointer: from then on
// they are immutable, and compile() reads them from any thread.
#include <atomic>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/union.h"
#include "stdlib/_ast/ast_internal.h"
#include "vm/import.h"
#include "vm/module_table.h"

namespace weft::ast_module {

using ast::Arity;
using ast::AstClass;
using ast::ClassSpec;
using ast::FieldSpec;
using ast::FieldType;

namespace {

ast::PythonAstClasses g_classes;  // filled once, before g_published is set
std::atomic<const ast::PythonAstClasses*> g_published{nullptr};

Object* cls_object(AstClass c) { return g_classes.classes[static_cast<size_t>(c)]; }

const char* asdl_type_name(const FieldSpec& f) {
  switch (f.type) {
    case FieldType::Identifier:
      return "identifier";
    case FieldType::String:
      return "string";
    case FieldType::Int:
      return "int";
    case FieldType::Constant:
      return "constant";
    case FieldType::Node:
      return ast::class_spec(f.node).name;
  }
  return "";
}

const char* arity_suffix(Arity a) {
  switch (a) {
    case Arity::One:
      return "";
    case Arity::Optional:
      return "?";
    case Arity::List:
      return "*";
    case Arity::ListWithNone:
      return "?*";
  }
  return "";
}

// "Name(identifier id, expr_context ctx)", or "Load" for a class without fields.
std::string constructor_doc(const ClassSpec& spec) {
  std::string doc = spec.name;
  if (spec.field_count == 0 && spec.fields == nullptr && spec.make == nullptr) return doc;
  doc += '(';
  for (size_t i = 0; i < spec.field_count; ++i) {
    if (i) doc += ", ";
    doc += asdl_type_name(spec.fields[i]);
    // CPython's ASDL spells only Dict.keys `expr?*`; arguments.kw_defaults, which also holds
    // None entries, is declared `expr*`.
    Arity arity = spec.fields[i].arity;
    if (arity == Arity::ListWithNone && std::string_view(spec.fields[i].name) != "keys")
      arity = Arity::List;
    doc += arity_suffix(arity);
    doc += ' ';
    doc += spec.fields[i].name;
  }
  doc += ')';
  return doc;
}

// "expr = BoolOp(...)\n     | NamedExpr(...)...", as CPython's abstract class docs.
std::string abstract_doc(AstClass sum) {
  const ClassSpec& spec = ast::class_spec(sum);
  AstClass first;
  size_t count;
  ast::constructors_of(sum, &first, &count);
  std::string doc = spec.name;
  // Simple sums fit on one line ("operator = Add | Sub | ..."), others get one line each.
  std::string separator =
      ast::is_simple_sum(sum) ? " | " : "\n" + std::string(doc.size() + 1, ' ') + "| ";
  for (size_t i = 0; i < count; ++i) {
    doc += i ? separator : " = ";
    doc += constructor_doc(ast::class_spec(static_cast<AstClass>(static_cast<size_t>(first) + i)));
  }
  return doc;
}

// The _field_types entry of a field: expr, expr | None, list[expr], str, int, object.
Result<Ref<Object>> field_type_object(const FieldSpec& f) {
  Object* base = nullptr;
  switch (f.type) {
    case FieldType::Identifier:
    case FieldType::String:
      base = reinterpret_cast<Object*>(&StrType);
      break;
    case FieldType::Int:
      base = reinterpret_cast<Object*>(&IntType);
      break;
    case FieldType::Constant:
      base = reinterpret_cast<Object*>(&ObjectType);
      break;
    case FieldType::Node:
      base = cls_object(f.node);
      break;
  }
  switch (f.arity) {
    case Arity::One:
      return new_ref(base);
    case Arity::Optional:
      return union_type_or(base, none());
    default:
      return generic_alias_new(reinterpret_cast<Object*>(&ListType), base);
  }
}

Result<Ref<Object>> names_tuple(const ClassSpec& spec) {
  Ref<Object> t = TRY(tuple_new(static_cast<int64_t>(spec.field_count)));
  for (size_t i = 0; i < spec.field_count; ++i)
    tuple_init_item(t.get(), static_cast<int64_t>(i), TRY(str_from_ascii(spec.fields[i].name)));
  return t;
}

Result<Ref<Object>> positions_tuple(bool located) {
  if (!located) return tuple_new(0);
  const char* names[] = {"lineno", "col_offset", "end_lineno", "end_col_offset"};
  Ref<Object> t = TRY(tuple_new(4));
  for (int64_t i = 0; i < 4; ++i) tuple_init_item(t.get(), i, TRY(str_from_ascii(names[i])));
  return t;
}

// Whether the nodes of abstract class `sum` carry positions (its constructors' accessors say).
bool sum_is_located(AstClass sum) {
  AstClass first;
  size_t count;
  ast::constructors_of(sum, &first, &count);
  return count > 0 && ast::class_spec(first).location != nullptr;
}

// A node class other than AST (the static base type, ast_type.cpp).
Result<Ref<Object>> make_class(AstClass c, Object* module_name) {
  const ClassSpec& spec = ast::class_spec(c);
  Ref<Object> ns = TRY(dict_new());
  TRY(dict_set_item_str(ns.get(), "__module__", module_name));
  Ref<Object> fields = TRY(names_tuple(spec));
  TRY(dict_set_item_str(ns.get(), "_fields", fields.get()));
  TRY(dict_set_item_str(ns.get(), "__match_args__", fields.get()));
  std::string doc = spec.is_abstract ? abstract_doc(c) : constructor_doc(spec);
  Ref<Object> doc_str = TRY(str_from_ascii(doc));
  TRY(dict_set_item_str(ns.get(), "__doc__", doc_str.get()));
  bool located =
      spec.is_abstract ? sum_is_located(c) : (spec.base == AstClass::AST && spec.location);
  if (spec.is_abstract || spec.base == AstClass::AST) {
    Ref<Object> attrs = TRY(positions_tuple(located));
    TRY(dict_set_item_str(ns.get(), "_attributes", attrs.get()));
    if (located && !ast::end_positions_required(c)) {
      TRY(dict_set_item_str(ns.get(), "end_lineno", none()));
      TRY(dict_set_item_str(ns.get(), "end_col_offset", none()));
    }
  }
  for (size_t i = 0; i < spec.field_count; ++i)
    if (spec.fields[i].arity == Arity::Optional)
      TRY(dict_set_item_str(ns.get(), spec.fields[i].name, none()));
  Ref<Object> name = TRY(str_from_ascii(spec.name));
  Object* base =
      spec.base == AstClass::AST ? reinterpret_cast<Object*>(&AstType) : cls_object(spec.base);
  Ref<Object> bases = TRY(tuple_from_array(&base, 1));
  Object* args[3] = {name.get(), bases.get(), ns.get()};
  return call(reinterpret_cast<Object*>(&TypeType), args, 3);
}

// _field_types of a concrete class; set once every class exists (fields refer to later ones).
Status set_field_types(AstClass c) {
  const ClassSpec& spec = ast::class_spec(c);
  Ref<Object> types = TRY(dict_new());
  for (size_t i = 0; i < spec.field_count; ++i) {
    Ref<Object> t = TRY(field_type_object(spec.fields[i]));
    TRY(dict_set_item_str(types.get(), spec.fields[i].name, t.get()));
  }
  return set_attr(cls_object(c), str_intern("_field_types"), types.get());
}

Status add_int(Object* dict, const char* name, int64_t v) {
  Ref<Object> i = TRY(int_from_i64(v));
  return dict_set_item_str(dict, name, i.get());
}

Result<Ref<Object>> create_ast_module() {
  Ref<Object> m = TRY(module_new("_ast"));
  Object* dict = module_dict(m.get());
  if (const ast::PythonAstClasses* done = g_published.load(std::memory_order_acquire)) {
    // A second module object (e.g. after del sys.modules['_ast']) shares the classes.
    for (size_t i = 0; i < ast::kAstClassCount; ++i)
      TRY(dict_set_item_str(dict, ast::class_spec(static_cast<AstClass>(i)).name,
                            done->classes[i]));
  } else {
    Ref<Object> module_name = TRY(str_from_ascii("ast"));
    TRY(dict_set_item_str(AstType.dict, "__module__", module_name.get()));
    Ref<Object> empty = TRY(tuple_new(0));
    for (const char* name : {"_fields", "__match_args__", "_attributes"})
      TRY(dict_set_item_str(AstType.dict, name, empty.get()));
    type_modified(&AstType);
    g_classes.classes[0] = reinterpret_cast<Object*>(&AstType);
    for (size_t i = 1; i < ast::kAstClassCount; ++i) {
      AstClass c = static_cast<AstClass>(i);
      // Held for the life of the process: converters borrow them from any thread.
      g_classes.classes[i] = TRY(make_class(c, module_name.get())).release();
      const ClassSpec& spec = ast::class_spec(c);
      if (!spec.is_abstract && spec.make == nullptr)
        g_classes.singletons[i] = TRY(new_ast_instance(g_classes.classes[i])).release();
    }
    for (size_t i = 1; i < ast::kAstClassCount; ++i)
      if (!ast::class_spec(static_cast<AstClass>(i)).is_abstract)
        TRY(set_field_types(static_cast<AstClass>(i)));
    g_classes.new_instance = new_ast_instance;
    g_published.store(&g_classes, std::memory_order_release);
    for (size_t i = 0; i < ast::kAstClassCount; ++i)
      TRY(dict_set_item_str(dict, ast::class_spec(static_cast<AstClass>(i)).name,
                            g_classes.classes[i]));
  }
  TRY(add_int(dict, "PyCF_ONLY_AST", kPyCFOnlyAst));
  TRY(add_int(dict, "PyCF_TYPE_COMMENTS", kPyCFTypeComments));
  TRY(add_int(dict, "PyCF_ALLOW_TOP_LEVEL_AWAIT", kPyCFAllowTopLevelAwait));
  TRY(add_int(dict, "PyCF_OPTIMIZED_AST", kPyCFOptimizedAst));
  return m;
}

WEFT_NATIVE_MODULE("_ast", create_ast_module);

}  // namespace

Object* expr_context_default(Object* type) {
  const ast::PythonAstClasses* py = g_published.load(std::memory_order_acquire);
  if (!py || type != py->classes[static_cast<size_t>(AstClass::expr_context)]) return nullptr;
  return py->singletons[static_cast<size_t>(AstClass::Load)];
}

Result<const ast::PythonAstClasses*> python_ast_classes() {
  if (const ast::PythonAstClasses* py = g_published.load(std::memory_order_acquire)) return py;
  Ref<Object> name = TRY(str_from_ascii("_ast"));
  Ref<Object> m = TRY(vm::import_module(name.get()));
  const ast::PythonAstClasses* py = g_published.load(std::memory_order_acquire);
  if (!py) return raise(exc::SystemError, "_ast module failed to initialise");
  return py;
}

}  // namespace weft::ast_module
