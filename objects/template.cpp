// objects/template.cpp — string.templatelib.Template and Interpolation (PEP 750), as CPython
// 3.14's Objects/templateobject.c and interpolationobject.c.
//
// A Template holds two tuples: `strings` (always one more than the interpolations; empty
// strings fill the gaps between adjacent interpolations) and `interpolations`. Both kinds of
// object are immutable after construction, so no locking is needed.
#include "objects/template.h"

#include <cstddef>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"

namespace weft {

Type TemplateType, InterpolationType;

namespace {

struct TemplateObject : Object {
  Object* strings;         // owned tuple of str
  Object* interpolations;  // owned tuple of Interpolation
};

struct InterpolationObject : Object {
  Object* value;        // owned
  Object* expression;   // owned str
  Object* conversion;   // owned: None or a one-character str
  Object* format_spec;  // owned str
};

TemplateObject* as_template(Object* o) { return static_cast<TemplateObject*>(o); }
InterpolationObject* as_interpolation(Object* o) { return static_cast<InterpolationObject*>(o); }

// ---- Interpolation ----

Result<Ref<Object>> interpolation_alloc(Object* value, Object* expression, Object* conversion,
                                        Object* format_spec) {
  Ref<Object> obj = TRY(new_object<InterpolationObject>(&InterpolationType));
  auto* i = as_interpolation(obj.get());
  i->value = Ref<Object>::borrow(value).release();
  i->expression = Ref<Object>::borrow(expression).release();
  i->conversion = Ref<Object>::borrow(conversion).release();
  i->format_spec = Ref<Object>::borrow(format_spec).release();
  return obj;
}

void interpolation_dealloc(Object* self) {
  auto* i = as_interpolation(self);
  for (Object* o : {i->value, i->expression, i->conversion, i->format_spec}) xdecref(o);
  free_object(self);
}

void interpolation_traverse(Object* self, VisitFn visit, void* arg) {
  auto* i = as_interpolation(self);
  for (Object* o : {i->value, i->expression, i->conversion, i->format_spec}) visit(o, arg);
}

Result<Ref<Object>> interpolation_repr(Object* self) {
  auto* i = as_interpolation(self);
  const FmtArg args[] = {fmt_repr(i->value), fmt_repr(i->expression), fmt_repr(i->conversion),
                         fmt_repr(i->format_spec)};
  return str_from_utf8(format_message("Interpolation({}, {}, {}, {})", args, 4));
}

// Interpolation(value, expression='', conversion=None, format_spec='')
Result<Ref<Object>> interpolation_tp_new(Type*, Object* const* args, size_t nargs,
                                         Object* kwnames) {
  static const ArgParser kParser("Interpolation", "value | expression conversion format_spec");
  Object* a[4];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> empty = TRY(str_from_ascii(""));
  Object* expression = a[1] ? a[1] : empty.get();
  Object* format_spec = a[3] ? a[3] : empty.get();
  if (!is_str(expression)) {
    return raise(exc::TypeError, "Interpolation() argument 'expression' must be str, not {}",
                 type_name_of(expression));
  }
  if (!is_str(format_spec)) {
    return raise(exc::TypeError, "Interpolation() argument 'format_spec' must be str, not {}",
                 type_name_of(format_spec));
  }
  Object* conversion = a[2] ? a[2] : none();
  if (!is_none(conversion)) {
    bool valid = is_str(conversion) && str_length(conversion) == 1;
    if (valid) {
      uint32_t c = str_char_at(conversion, 0);
      valid = c == 's' || c == 'r' || c == 'a';
    }
    if (!valid) {
      return raise(exc::ValueError,
                   "Interpolation() argument 'conversion' must be one of 's', 'a' or 'r'");
    }
  }
  return interpolation_alloc(a[0], expression, conversion, format_spec);
}

// ---- Template ----

Result<Ref<Object>> template_alloc(Ref<Object> strings, Ref<Object> interpolations) {
  Ref<Object> obj = TRY(new_object<TemplateObject>(&TemplateType));
  as_template(obj.get())->strings = strings.release();
  as_template(obj.get())->interpolations = interpolations.release();
  return obj;
}

void template_dealloc(Object* self) {
  xdecref(as_template(self)->strings);
  xdecref(as_template(self)->interpolations);
  free_object(self);
}

void template_traverse(Object* self, VisitFn visit, void* arg) {
  visit(as_template(self)->strings, arg);
  visit(as_template(self)->interpolations, arg);
}

Result<Ref<Object>> template_repr(Object* self) {
  auto* t = as_template(self);
  const FmtArg args[] = {fmt_repr(t->strings), fmt_repr(t->interpolations)};
  return str_from_utf8(format_message("Template(strings={}, interpolations={})", args, 2));
}

// Builds a template from parts in order: consecutive strings are joined and an empty string
// separates consecutive interpolations.
class TemplateBuilder {
 public:
  Status init() {
    strings_ = TRY(list_new(0));
    interpolations_ = TRY(list_new(0));
    pending_ = TRY(str_from_ascii(""));
    return ok();
  }
  Status add_string(Object* s) {
    pending_ = TRY(str_concat(pending_.get(), s));
    return ok();
  }
  Status add_interpolation(Object* i) {
    TRY(list_append(strings_.get(), pending_.get()));
    pending_ = TRY(str_from_ascii(""));
    return list_append(interpolations_.get(), i);
  }
  Result<Ref<Object>> finish() {
    TRY(list_append(strings_.get(), pending_.get()));
    Ref<Object> strings = TRY(list_as_tuple(strings_.get()));
    Ref<Object> interpolations = TRY(list_as_tuple(interpolations_.get()));
    return template_alloc(std::move(strings), std::move(interpolations));
  }
  // Adds every part of template `t`.
  Status add_template(Object* t) {
    Object* strings = as_template(t)->strings;
    Object* interpolations = as_template(t)->interpolations;
    for (int64_t k = 0; k < tuple_size(strings); ++k) {
      if (k > 0) TRY(add_interpolation(tuple_item(interpolations, k - 1)));
      TRY(add_string(tuple_item(strings, k)));
    }
    return ok();
  }

 private:
  Ref<Object> strings_, interpolations_, pending_;
};

// Template(*args): strings and Interpolations in any order.
Result<Ref<Object>> template_tp_new(Type*, Object* const* args, size_t nargs, Object* kwnames) {
  if (kwnames_count(kwnames) > 0) {
    return raise(exc::TypeError, "Template.__new__ only accepts *args arguments");
  }
  TemplateBuilder builder;
  TRY(builder.init());
  for (size_t k = 0; k < nargs; ++k) {
    if (is_str(args[k])) {
      TRY(builder.add_string(args[k]));
    } else if (args[k]->ob_type == &InterpolationType) {
      TRY(builder.add_interpolation(args[k]));
    } else {
      return raise(exc::TypeError,
                   "Template.__new__ *args need to be of type 'str' or 'Interpolation', got {}",
                   type_name_of(args[k]));
    }
  }
  return builder.finish();
}

Result<Ref<Object>> template_concat(Object* a, Object* b) {
  if (a->ob_type != &TemplateType || b->ob_type != &TemplateType) {
    if (a->ob_type == &TemplateType && !is_str(b)) return new_ref(not_implemented());
    if (a->ob_type == &TemplateType) {
      return raise(exc::TypeError, "can only concatenate string.templatelib.Template (not \"{}\") "
                   "to string.templatelib.Template", type_name_of(b));
    }
    return new_ref(not_implemented());
  }
  TemplateBuilder builder;
  TRY(builder.init());
  TRY(builder.add_template(a));
  TRY(builder.add_template(b));
  return builder.finish();
}

// iter(t): the non-empty strings and the interpolations, in order.
Result<Ref<Object>> template_iter(Object* self) {
  auto* t = as_template(self);
  Ref<Object> parts = TRY(list_new(0));
  for (int64_t k = 0; k < tuple_size(t->strings); ++k) {
    if (k > 0) TRY(list_append(parts.get(), tuple_item(t->interpolations, k - 1)));
    Object* s = tuple_item(t->strings, k);
    if (str_length(s) > 0) TRY(list_append(parts.get(), s));
  }
  return get_iter(parts.get());
}

Result<Ref<Object>> template_values(Object* self) {
  Object* interpolations = as_template(self)->interpolations;
  int64_t n = tuple_size(interpolations);
  Ref<Object> out = TRY(tuple_new(n));
  for (int64_t k = 0; k < n; ++k) {
    tuple_init_item(out.get(), k,
                    Ref<Object>::borrow(as_interpolation(tuple_item(interpolations, k))->value));
  }
  return out;
}

const MemberDef kTemplateMembers[] = {
    {"strings", MemberKind::Object, offsetof(TemplateObject, strings), true, "Strings"},
    {"interpolations", MemberKind::Object, offsetof(TemplateObject, interpolations), true,
     "Interpolations"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};
const GetSetDef kTemplateGetSets[] = {
    {"values", template_values, nullptr, "Values of interpolations"},
    {nullptr, nullptr, nullptr, nullptr},
};
const MemberDef kInterpolationMembers[] = {
    {"value", MemberKind::Object, offsetof(InterpolationObject, value), true, "Value"},
    {"expression", MemberKind::Object, offsetof(InterpolationObject, expression), true,
     "Expression"},
    {"conversion", MemberKind::Object, offsetof(InterpolationObject, conversion), true,
     "Conversion"},
    {"format_spec", MemberKind::Object, offsetof(InterpolationObject, format_spec), true,
     "Format specifier"},
    {nullptr, MemberKind::Object, 0, false, nullptr},
};

Status fill_template_types() {
  Type& t = TemplateType;
  t.name = "string.templatelib.Template";
  t.doc = "Template object";
  t.basicsize = sizeof(TemplateObject);
  t.flags = kTypeHaveGc | kTypeImmutable;
  t.dealloc = template_dealloc;
  t.traverse = template_traverse;
  t.repr = template_repr;
  t.new_ = template_tp_new;
  t.iter = template_iter;
  t.sequence.concat = template_concat;
  t.members = kTemplateMembers;
  t.getsets = kTemplateGetSets;
  Type& i = InterpolationType;
  i.name = "string.templatelib.Interpolation";
  i.doc = "Interpolation object";
  i.basicsize = sizeof(InterpolationObject);
  i.flags = kTypeHaveGc | kTypeImmutable;
  i.dealloc = interpolation_dealloc;
  i.traverse = interpolation_traverse;
  i.repr = interpolation_repr;
  i.new_ = interpolation_tp_new;
  i.members = kInterpolationMembers;
  return ok();
}

Status ready_template_types() {
  TRY(type_ready(&TemplateType));
  return type_ready(&InterpolationType);
}

Status add_match_args() {
  // Interpolation.__match_args__ = ('value', 'expression', 'conversion', 'format_spec')
  Ref<Object> names[4];
  const char* fields[4] = {"value", "expression", "conversion", "format_spec"};
  for (int k = 0; k < 4; ++k) names[k] = TRY(str_from_ascii(fields[k]));
  Ref<Object> match_args =
      TRY(tuple_pack({names[0].get(), names[1].get(), names[2].get(), names[3].get()}));
  // Set once at start-up, before any thread can look at the type.
  TRY(dict_set_item(InterpolationType.dict, str_intern("__match_args__"), match_args.get()));
  type_modified(&InterpolationType);
  return ok();
}
WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_template_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_template_types);
WEFT_REGISTER_TYPE_INIT(kPhaseObjects, add_match_args);

}  // namespace

Result<Ref<Object>> template_from_parts(Object* strings, Object* interpolations) {
  return template_alloc(Ref<Object>::borrow(strings), Ref<Object>::borrow(interpolations));
}

Result<Ref<Object>> interpolation_new(Object* value, Object* expression, int conversion,
                                      Object* format_spec) {
  Ref<Object> conv = new_none();
  if (conversion) conv = TRY(str_from_code_point(static_cast<uint32_t>(conversion)));
  Ref<Object> empty;
  if (!format_spec) {
    empty = TRY(str_from_ascii(""));
    format_spec = empty.get();
  }
  return interpolation_alloc(value, expression, conv.get(), format_spec);
}

}  // namespace weft
