// vm/compiler/ast_from_python.cpp — `_ast` objects -> internal AST (compile() of an ast tree),
// with CPython 3.14's checks and messages (Python-ast.c obj2ast_*, ast.c PyAST_Validate).
//
// Walks ast_schema's tables like ast_to_python.cpp, in the other direction. As in CPython, a
// located sum node's positions are read before its class is checked (so `5` in a statement
// list reports the missing "lineno"), fields are read as attributes (class-level None defaults
// count), and the validator's checks that matter for code generation are applied on the way:
// expression contexts, empty bodies, Compare arity, Constant value types, reserved names.
// Recursion follows the Python tree; a RecursionError-style guard bounds it
// (compiler::kMaxNestingDepth).
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/complex.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/compiler/ast_python.h"
#include "vm/compiler/parser.h"

namespace weft::ast {
namespace {

constexpr int kNoContext = -1;  // an expression whose context is not checked

class FromPython {
 public:
  FromPython(const PythonAstClasses& py, Arena& arena) : py_(py), arena_(arena) {}

  // `obj` as a node of class `declared` (callers handle None where the ASDL allows it; a None
  // product reports its first missing field, as in CPython). `ctx`: the context an expression
  // must have (kNoContext for none).
  Result<void*> node(AstClass declared, Object* obj, int ctx) {
    if (is_none(obj) && class_spec(declared).is_abstract)
      return raise(exc::ValueError, "None disallowed in {} list", class_spec(declared).name);
    if (++depth_ > compiler::kMaxNestingDepth)
      return raise(exc::RecursionError, "maximum recursion depth exceeded during compilation");
    Result<void*> r = convert(declared, obj, ctx);
    --depth_;
    return r;
  }

 private:
  const PythonAstClasses& py_;
  Arena& arena_;
  int depth_ = 0;

  Object* cls(AstClass c) const { return py_.classes[static_cast<size_t>(c)]; }
  bool instance_of(Object* o, AstClass c) const {
    return is_instance_of(o, reinterpret_cast<Type*>(cls(c)));
  }

  static Error memory_error() { return raise_no_memory(); }

  Result<void*> convert(AstClass declared, Object* obj, int ctx) {
    const ClassSpec& decl = class_spec(declared);
    if (!decl.is_abstract) return fill(declared, obj, nullptr, ctx);
    AstClass first;
    size_t count;
    constructors_of(declared, &first, &count);
    Location loc;
    bool located = count && class_spec(first).location;
    if (located) TRY(read_location(obj, decl.name, end_positions_required(declared), &loc));
    for (size_t i = 0; i < count; ++i) {
      AstClass c = static_cast<AstClass>(static_cast<size_t>(first) + i);
      if (instance_of(obj, c)) return fill(c, obj, located ? &loc : nullptr, ctx);
    }
    Ref<Object> r = TRY(object_repr(obj));
    return raise(exc::TypeError, "expected some sort of {}, but got {}", decl.name,
                 str_to_std_string(r.get()));
  }

  Status read_location(Object* obj, const char* owner, bool ends_required, Location* loc) {
    TRY(required_int(obj, "lineno", owner, &loc->lineno));
    TRY(required_int(obj, "col_offset", owner, &loc->col_offset));
    if (ends_required) {
      TRY(required_int(obj, "end_lineno", owner, &loc->end_lineno));
      return required_int(obj, "end_col_offset", owner, &loc->end_col_offset);
    }
    loc->end_lineno = loc->lineno;
    loc->end_col_offset = loc->col_offset;
    TRY(optional_int(obj, "end_lineno", &loc->end_lineno));
    return optional_int(obj, "end_col_offset", &loc->end_col_offset);
  }

  static Result<bool> attribute(Object* obj, const char* name, Ref<Object>* out) {
    return lookup_attr(obj, str_intern(name), out);
  }
  static Error missing(const char* field, const char* owner) {
    return raise(exc::TypeError, "required field \"{}\" missing from {}", field, owner);
  }
  static Status to_int(Object* v, int* out) {
    if (!is_int(v)) {
      Ref<Object> r = TRY(object_repr(v));
      return raise(exc::ValueError, "invalid integer value: {}", str_to_std_string(r.get()));
    }
    *out = static_cast<int>(TRY(index_as_i64(v)));
    return ok();
  }
  Status required_int(Object* obj, const char* name, const char* owner, int* out) {
    Ref<Object> v;
    if (!TRY(attribute(obj, name, &v)) || is_none(v.get())) return missing(name, owner);
    return to_int(v.get(), out);
  }
  Status optional_int(Object* obj, const char* name, int* out) {
    Ref<Object> v;
    if (!TRY(attribute(obj, name, &v)) || is_none(v.get())) return ok();
    return to_int(v.get(), out);
  }

  // A simple-sum value: the index of the member class `obj` is an instance of.
  Result<uint8_t> simple(AstClass sum, Object* obj) {
    AstClass first;
    size_t count;
    constructors_of(sum, &first, &count);
    for (size_t i = 0; i < count; ++i)
      if (instance_of(obj, static_cast<AstClass>(static_cast<size_t>(first) + i)))
        return static_cast<uint8_t>(i);
    Ref<Object> r = TRY(object_repr(obj));
    return raise(exc::TypeError, "expected some sort of {}, but got {}", class_spec(sum).name,
                 str_to_std_string(r.get()));
  }

  Result<std::string_view> text(Object* v, bool identifier) {
    if (!is_str(v))
      return raise(exc::TypeError, identifier ? "AST identifier must be of type str"
                                              : "AST string must be of type str");
    std::string_view s = arena_.copy_string(TRY(str_utf8(v)));
    if (!s.data()) return memory_error();
    if (identifier && (s == "None" || s == "True" || s == "False"))
      return raise(exc::ValueError, "identifier field can't represent '{}' constant", s);
    return s;
  }

  static Status check_constant(Object* v) {
    if (is_none(v) || v == &EllipsisObject || is_int(v) || is_str(v) || is_bytes(v) ||
        is_instance_of(v, &FloatType) || is_instance_of(v, &ComplexType))
      return ok();
    if (is_tuple(v) || is_instance_of(v, &FrozenSetType)) {
      Ref<Object> items = TRY(tuple_from_iterable(v));
      for (int64_t i = 0; i < tuple_size(items.get()); ++i)
        TRY(check_constant(tuple_item(items.get(), i)));
      return ok();
    }
    return raise(exc::TypeError, "got an invalid type in Constant: {}", type_name_of(v));
  }

  // The context the expressions of field `f` of class `owner` must have.
  static int field_context(AstClass owner, const FieldSpec& f, int own_ctx) {
    std::string_view name = f.name;
    switch (owner) {
      case AstClass::Assign:
      case AstClass::AugAssign:
      case AstClass::AnnAssign:
      case AstClass::For:
      case AstClass::AsyncFor:
      case AstClass::comprehension:
      case AstClass::NamedExpr:
        if (name == "targets" || name == "target") return static_cast<int>(ExprContext::Store);
        break;
      case AstClass::TypeAlias:
        if (name == "name") return static_cast<int>(ExprContext::Store);
        break;
      case AstClass::Delete:
        return static_cast<int>(ExprContext::Del);
      case AstClass::withitem:
        if (name == "optional_vars") return static_cast<int>(ExprContext::Store);
        break;
      case AstClass::Starred:
      case AstClass::List:
      case AstClass::Tuple:
        if (name == "value" || name == "elts") return own_ctx;
        break;
      default:
        break;
    }
    return static_cast<int>(ExprContext::Load);
  }

  Result<void*> fill(AstClass c, Object* obj, const Location* loc, int ctx) {
    const ClassSpec& spec = class_spec(c);
    void* n = spec.make(arena_);
    if (!n) return memory_error();
    // The node's own context first: its elements' contexts depend on it (ctx is the last field).
    int own_ctx = static_cast<int>(ExprContext::Load);
    Ref<Object> ctx_value;
    if (has_context(c) && TRY(attribute(obj, "ctx", &ctx_value)) && !is_none(ctx_value.get()))
      own_ctx = TRY(simple(AstClass::expr_context, ctx_value.get()));
    for (size_t i = 0; i < spec.field_count; ++i) {
      const FieldSpec& f = spec.fields[i];
      Ref<Object> v;
      bool present = TRY(attribute(obj, f.name, &v));
      // None means absent, except as the value of a `constant` field (Constant(None)).
      if (present && is_none(v.get()) && f.type != FieldType::Constant) present = false;
      if (!present) {
        if (f.arity == Arity::Optional) continue;
        return missing(f.name, spec.name);
      }
      TRY(field(c, f, v.get(), f.address(n), own_ctx));
    }
    if (spec.location) {
      if (loc) {
        *spec.location(n) = *loc;
      } else {
        TRY(read_location(obj, spec.name, false, spec.location(n)));
      }
    }
    TRY(validate(c, n, ctx, own_ctx));
    return n;
  }

  // CPython's PyAST_Validate rules that keep the back end's invariants (sequence lengths,
  // non-empty lists), checked once a node's fields are converted.
  Status validate(AstClass c, void* n, int ctx, int own_ctx) {
    const char* name = class_spec(c).name;
    if (ctx != kNoContext && has_context(c) && own_ctx != ctx)
      return raise(exc::ValueError, "expression must have {} context but has {} instead",
                   kind_name(static_cast<ExprContext>(ctx)),
                   kind_name(static_cast<ExprContext>(own_ctx)));
    auto* stmt = static_cast<Stmt*>(n);
    auto* expr = static_cast<Expr*>(n);
    auto* pattern = static_cast<Pattern*>(n);
    switch (c) {
      case AstClass::Compare: {
        const Compare* cmp = expr->as<Compare>();
        if (cmp->comparators.empty()) return raise(exc::ValueError, "Compare with no comparators");
        if (cmp->comparators.size() != cmp->ops.size())
          return raise(exc::ValueError,
                       "Compare has a different number of comparators and operands");
        break;
      }
      case AstClass::Dict:
        if (expr->as<Dict>()->keys.size() != expr->as<Dict>()->values.size())
          return raise(exc::ValueError, "Dict doesn't have the same number of keys as values");
        break;
      case AstClass::ListComp:
      case AstClass::SetComp:
      case AstClass::GeneratorExp:
      case AstClass::DictComp: {
        // All four keep `generators` last; DictComp has key/value instead of elt.
        const Seq<Comprehension*>& gens =
            c == AstClass::DictComp ? expr->as<DictComp>()->generators
            : c == AstClass::ListComp ? expr->as<ListComp>()->generators
            : c == AstClass::SetComp  ? expr->as<SetComp>()->generators
                                      : expr->as<GeneratorExp>()->generators;
        if (gens.empty()) return raise(exc::ValueError, "comprehension with no generators");
        break;
      }
      case AstClass::BoolOp:
        if (expr->as<BoolOp>()->values.size() < 2)
          return raise(exc::ValueError, "BoolOp with less than 2 values");
        break;
      case AstClass::arguments: {
        auto* a = static_cast<Arguments*>(n);
        if (a->defaults.size() > a->posonlyargs.size() + a->args.size())
          return raise(exc::ValueError, "more positional defaults than args on arguments");
        if (a->kw_defaults.size() != a->kwonlyargs.size())
          return raise(exc::ValueError,
                       "length of kwonlyargs is not the same as kw_defaults on arguments");
        break;
      }
      case AstClass::Delete: return nonempty(stmt->as<Delete>()->targets, "targets", name);
      case AstClass::Assign: return nonempty(stmt->as<Assign>()->targets, "targets", name);
      case AstClass::With:
      case AstClass::AsyncWith: return nonempty(stmt->as<With>()->items, "items", name);
      case AstClass::Import: return nonempty(stmt->as<Import>()->names, "names", name);
      case AstClass::Global: return nonempty(stmt->as<Global>()->names, "names", name);
      case AstClass::Nonlocal: return nonempty(stmt->as<Nonlocal>()->names, "names", name);
      case AstClass::Match: return nonempty(stmt->as<Match>()->cases, "cases", name);
      case AstClass::ImportFrom:
        if (stmt->as<ImportFrom>()->level < 0)
          return raise(exc::ValueError, "Negative ImportFrom level");
        return nonempty(stmt->as<ImportFrom>()->names, "names", name);
      case AstClass::Try:
      case AstClass::TryStar: {
        const Try* t = stmt->as<Try>();
        if (t->handlers.empty() && t->finalbody.empty())
          return raise(exc::ValueError, "{} has neither except handlers nor finalbody", name);
        if (t->handlers.empty() && !t->orelse.empty())
          return raise(exc::ValueError, "{} has orelse but no except handlers", name);
        break;
      }
      case AstClass::Raise:
        if (stmt->as<Raise>()->cause && !stmt->as<Raise>()->exc)
          return raise(exc::ValueError, "Raise with cause but no exception");
        break;
      case AstClass::MatchClass:
        if (pattern->as<MatchClass>()->kwd_attrs.size() !=
            pattern->as<MatchClass>()->kwd_patterns.size())
          return raise(exc::ValueError,
                       "MatchClass doesn't have the same number of keyword attributes as "
                       "patterns");
        break;
      case AstClass::MatchMapping:
        if (pattern->as<MatchMapping>()->keys.size() !=
            pattern->as<MatchMapping>()->patterns.size())
          return raise(exc::ValueError,
                       "MatchMapping doesn't have the same number of keys as patterns");
        break;
      case AstClass::MatchAs:
        if (pattern->as<MatchAs>()->pattern && pattern->as<MatchAs>()->name.empty())
          return raise(exc::ValueError,
                       "MatchAs must specify a target name if a pattern is given");
        break;
      default: break;
    }
    return ok();
  }

  template <class T>
  static Status nonempty(const Seq<T>& items, const char* field, const char* owner) {
    if (items.empty()) return raise(exc::ValueError, "empty {} on {}", field, owner);
    return ok();
  }

  static bool has_context(AstClass c) {
    return c == AstClass::Name || c == AstClass::Attribute || c == AstClass::Subscript ||
           c == AstClass::Starred || c == AstClass::List || c == AstClass::Tuple;
  }

  Status field(AstClass owner, const FieldSpec& f, Object* v, void* addr, int own_ctx) {
    const char* owner_name = class_spec(owner).name;
    if (f.arity == Arity::List || f.arity == Arity::ListWithNone) {
      if (!is_list(v))
        return raise(exc::TypeError, "{} field \"{}\" must be a list, not a {}", owner_name, f.name,
                     type_name_of(v));
      Ref<Object> items = TRY(list_as_tuple(v));
      int64_t len = tuple_size(items.get());
      if (len == 0 && std::string_view(f.name) == "body" && owner != AstClass::Module &&
          owner != AstClass::Interactive)
        return raise(exc::ValueError, "empty body on {}", owner_name);
      return sequence(owner, f, items.get(), addr, own_ctx);
    }
    switch (f.type) {
      case FieldType::Identifier:
      case FieldType::String:
        *static_cast<std::string_view*>(addr) = TRY(text(v, f.type == FieldType::Identifier));
        return ok();
      case FieldType::Int:
        return to_int(v, static_cast<int*>(addr));
      case FieldType::Constant: {
        TRY(check_constant(v));
        Object* owned = arena_.own_constant(new_ref(v));
        if (!owned) return memory_error();
        *static_cast<Object**>(addr) = owned;
        return ok();
      }
      case FieldType::Node:
        break;
    }
    if (is_simple_sum(f.node)) {
      *static_cast<uint8_t*>(addr) = TRY(simple(f.node, v));
      return ok();
    }
    int ctx = f.node == AstClass::expr ? field_context(owner, f, own_ctx) : kNoContext;
    void* n = TRY(node(f.node, v, ctx));
    with_node_type(f.node, [&](auto tag) {
      using T = typename decltype(tag)::type;
      *static_cast<T**>(addr) = static_cast<T*>(n);
    });
    return ok();
  }

  Status sequence(AstClass owner, const FieldSpec& f, Object* items, void* addr, int own_ctx) {
    int64_t len = tuple_size(items);
    if (f.type == FieldType::Identifier) {
      auto* out = static_cast<Identifier*>(
          arena_.allocate(sizeof(Identifier) * static_cast<size_t>(len), alignof(Identifier)));
      if (len && !out) return memory_error();
      for (int64_t i = 0; i < len; ++i) {
        out[i] = TRY(text(tuple_item(items, i), true));
      }
      *static_cast<Seq<Identifier>*>(addr) = Seq<Identifier>{out, static_cast<size_t>(len)};
      return ok();
    }
    if (is_simple_sum(f.node)) {  // cmpop*
      auto* out = static_cast<CmpOpKind*>(arena_.allocate(static_cast<size_t>(len) + 1, 1));
      if (!out) return memory_error();
      for (int64_t i = 0; i < len; ++i) {
        out[i] = static_cast<CmpOpKind>(TRY(simple(f.node, tuple_item(items, i))));
      }
      *static_cast<Seq<CmpOpKind>*>(addr) = Seq<CmpOpKind>{out, static_cast<size_t>(len)};
      return ok();
    }
    int ctx = f.node == AstClass::expr ? field_context(owner, f, own_ctx) : kNoContext;
    return with_node_type(f.node, [&](auto tag) -> Status {
      using T = typename decltype(tag)::type;
      auto* out =
          static_cast<T**>(arena_.allocate(sizeof(T*) * static_cast<size_t>(len + 1), alignof(T*)));
      if (!out) return memory_error();
      for (int64_t i = 0; i < len; ++i) {
        Object* item = tuple_item(items, i);
        if (is_none(item)) {
          if (f.arity == Arity::ListWithNone) {
            out[i] = nullptr;
            continue;
          }
          if (f.node == AstClass::stmt)
            return raise(exc::ValueError, "None disallowed in statement list");
          if (f.node == AstClass::expr)
            return raise(exc::ValueError, "None disallowed in expression list");
        }
        out[i] = static_cast<T*>(TRY(node(f.node, item, ctx)));
      }
      *static_cast<Seq<T*>*>(addr) = Seq<T*>{out, static_cast<size_t>(len)};
      return ok();
    });
  }
};

}  // namespace

Result<Mod*> ast_from_python(Object* obj, AstClass expected, const PythonAstClasses& py,
                             Arena& arena) {
  if (!is_instance_of(obj, reinterpret_cast<Type*>(py.classes[static_cast<size_t>(expected)]))) {
    return raise(exc::TypeError, "expected {} node, got {}", class_spec(expected).name,
                 type_name_of(obj));
  }
  void* n = TRY(FromPython(py, arena).node(AstClass::mod, obj, kNoContext));
  return static_cast<Mod*>(n);
}

}  // namespace weft::ast
