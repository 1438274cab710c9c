// vm/compiler/ast_to_python.cpp — internal AST -> `_ast` objects (ast.parse, compile(...,
// PyCF_ONLY_AST)).
//
// Walks ast_schema's tables: a node becomes an instance of its class whose __dict__ holds every
// field in ASDL order (None for an absent optional, a list for a sequence) and then the position
// attributes, as CPython's ast2obj does. expr_context and operator values are the shared
// singleton instances. Recursion follows the tree, whose depth the parser bounds
// (kMaxNestingDepth), so the C++ stack stays bounded.
#include "objects/abstract.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "vm/compiler/ast_python.h"

namespace weft::ast {
namespace {

class ToPython {
 public:
  explicit ToPython(const PythonAstClasses& py) : py_(py) {}

  // A node declared as `declared` (a sum class or a product), or None for nullptr.
  Result<Ref<Object>> node(AstClass declared, const void* n) {
    if (!n) return new_none();
    AstClass cls = concrete_class(declared, n);
    void* raw = const_cast<void*>(n);
    const ClassSpec& spec = class_spec(cls);
    Ref<Object> obj = TRY(py_.new_instance(py_.classes[static_cast<size_t>(cls)]));
    for (size_t i = 0; i < spec.field_count; ++i) {
      const FieldSpec& f = spec.fields[i];
      Ref<Object> value = TRY(field(f, f.address(raw)));
      TRY(set_attr(obj.get(), str_intern(f.name), value.get()));
    }
    if (spec.location) {
      const Location* loc = spec.location(raw);
      TRY(set_int(obj.get(), "lineno", loc->lineno));
      TRY(set_int(obj.get(), "col_offset", loc->col_offset));
      TRY(set_int(obj.get(), "end_lineno", loc->end_lineno));
      TRY(set_int(obj.get(), "end_col_offset", loc->end_col_offset));
    }
    return obj;
  }

 private:
  const PythonAstClasses& py_;

  static AstClass concrete_class(AstClass declared, const void* n) {
    switch (declared) {
      case AstClass::mod:
        return class_of(static_cast<const Mod*>(n)->kind);
      case AstClass::stmt:
        return class_of(static_cast<const Stmt*>(n)->kind);
      case AstClass::expr:
        return class_of(static_cast<const Expr*>(n)->kind);
      case AstClass::pattern:
        return class_of(static_cast<const Pattern*>(n)->kind);
      case AstClass::type_param:
        return class_of(static_cast<const TypeParam*>(n)->kind);
      case AstClass::excepthandler:
        return AstClass::ExceptHandler;
      case AstClass::type_ignore:
        return AstClass::TypeIgnore;
      default:
        return declared;
    }
  }

  static Status set_int(Object* obj, const char* name, int v) {
    Ref<Object> i = TRY(int_from_i64(v));
    return set_attr(obj, str_intern(name), i.get());
  }

  Ref<Object> singleton(AstClass c) { return new_ref(py_.singletons[static_cast<size_t>(c)]); }

  // The instance for a simple-sum value stored as its small enum.
  Ref<Object> simple(AstClass sum, const void* addr) {
    switch (sum) {
      case AstClass::expr_context:
        return singleton(class_of(*static_cast<const ExprContext*>(addr)));
      case AstClass::boolop:
        return singleton(class_of(*static_cast<const BoolOpKind*>(addr)));
      case AstClass::operator_:
        return singleton(class_of(*static_cast<const OperatorKind*>(addr)));
      case AstClass::unaryop:
        return singleton(class_of(*static_cast<const UnaryOpKind*>(addr)));
      default:
        return singleton(class_of(*static_cast<const CmpOpKind*>(addr)));
    }
  }

  static Result<Ref<Object>> text(std::string_view s, bool optional) {
    if (optional && s.empty()) return new_none();
    return str_from_utf8(s);
  }

  // Defined before its callers: clang 14 mis-reports member templates instantiated from lambdas
  // before their definition (-Wundefined-internal).
  template <class T, class F>
  Result<Ref<Object>> sequence(const Seq<T>& items, F each) {
    Ref<Object> out = TRY(list_new(static_cast<int64_t>(items.size())));
    for (size_t i = 0; i < items.size(); ++i) {
      Ref<Object> item = TRY(each(items[i]));
      TRY(list_append(out.get(), item.get()));
    }
    return out;
  }

  Result<Ref<Object>> field(const FieldSpec& f, void* addr) {
    bool list = f.arity == Arity::List || f.arity == Arity::ListWithNone;
    switch (f.type) {
      case FieldType::Identifier:
      case FieldType::String:
        if (list)
          return sequence(*static_cast<Seq<Identifier>*>(addr),
                          [](Identifier id) { return str_from_utf8(id); });
        return text(*static_cast<std::string_view*>(addr), f.arity == Arity::Optional);
      case FieldType::Int:
        return int_from_i64(*static_cast<int*>(addr));
      case FieldType::Constant: {
        Object* o = *static_cast<Object**>(addr);
        return o ? new_ref(o) : new_none();
      }
      case FieldType::Node:
        break;
    }
    if (is_simple_sum(f.node)) {
      if (!list) return simple(f.node, addr);
      return sequence(*static_cast<Seq<CmpOpKind>*>(addr),
                      [&](CmpOpKind& k) -> Result<Ref<Object>> { return simple(f.node, &k); });
    }
    return with_node_type(f.node, [&](auto tag) -> Result<Ref<Object>> {
      using T = typename decltype(tag)::type;
      if (!list) return node(f.node, *static_cast<T**>(addr));
      return sequence(*static_cast<Seq<T*>*>(addr), [&](T* item) { return node(f.node, item); });
    });
  }

};

}  // namespace

Result<Ref<Object>> ast_to_python(const Mod* mod, const PythonAstClasses& py) {
  return ToPython(py).node(AstClass::mod, mod);
}

}  // namespace weft::ast
