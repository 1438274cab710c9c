// stdlib/_sre/sre_template.cpp — _sre.SRE_Template: a compiled replacement string for
// Pattern.sub()/subn() and Match.expand(), and its expansion (CPython 3.12+'s design: re's
// Python parser turns "\1-\g<name>" into [literal, group, literal, ...] and _sre.template()
// freezes it; expansion then needs no parsing).
//
// A Template is immutable after creation (threads share the ones re._compile_template caches).
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "vm/import.h"
#include "stdlib/_sre/sre_objects.h"

namespace weft::sre {

Type TemplateType;

namespace {

TemplateObject* as_template(Object* o) { return static_cast<TemplateObject*>(o); }

bool is_empty_text(Object* o) {
  return (is_str(o) && str_length(o) == 0) || (is_bytes(o) && bytes_size(o) == 0);
}

void template_dealloc(Object* self) {
  TemplateObject* t = as_template(self);
  decref(t->literal);
  for (int64_t i = 0; i < t->count; i++) {
    if (t->items[i].literal) decref(t->items[i].literal);
  }
  free_object(self);
}

Status fill_template_type() {
  Type& t = TemplateType;
  t.name = "_sre.SRE_Template";
  t.basicsize = sizeof(TemplateObject);
  t.itemsize = sizeof(TemplateItem);
  t.flags = kTypeImmutable | kTypeDisallowInstantiation;
  t.dealloc = template_dealloc;
  return ok();
}
Status ready_template_type() { return type_ready(&TemplateType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_template_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_template_type);

}  // namespace

Result<Ref<Object>> template_new(Object* list) {
  // [literal, group, literal, group, ..., literal]: an odd number of items.
  Ref<Object> items = TRY(list_as_tuple(list));
  int64_t n = tuple_size(items.get());
  if (n < 1 || (n & 1) == 0) return raise(exc::TypeError, "invalid template");
  int64_t count = n / 2;
  size_t size = sizeof(TemplateObject) + size_t(count > 0 ? count - 1 : 0) * sizeof(TemplateItem);
  Ref<TemplateObject> t = TRY(new_object<TemplateObject>(&TemplateType, size));
  t->literal = new_ref(tuple_item(items.get(), 0)).release();
  t->chunks = 1 + 2 * count;
  for (int64_t i = 0; i < count; i++) {
    int64_t index = TRY(index_as_i64(tuple_item(items.get(), 2 * i + 1), exc::OverflowError));
    if (index < 0) {
      t->count = i;
      return raise(exc::TypeError, "invalid template");
    }
    Object* literal = tuple_item(items.get(), 2 * i + 2);
    t->items[i].index = index;
    if (is_empty_text(literal)) {
      t->items[i].literal = nullptr;
      t->chunks--;
    } else {
      t->items[i].literal = new_ref(literal).release();
    }
    t->count = i + 1;
  }
  return Ref<Object>(std::move(t));
}

Result<Ref<Object>> compile_template(Object* pattern, Object* repl) {
  Ref<Object> re_name = TRY(str_from_ascii("re"));
  Ref<Object> re = TRY(vm::import_module(re_name.get()));
  Ref<Object> fn = TRY(get_attr(re.get(), "_compile_template"));
  Object* args[2] = {pattern, repl};
  Ref<Object> result = TRY(call(fn.get(), args, 2));
  if (result->ob_type != &TemplateType)
    return raise(exc::RuntimeError, "the result of compiling a replacement string is {}",
                 type_name_of(result.get()));
  return result;
}

Result<Ref<Object>> template_expand(Object* compiled, MatchObject* m) {
  TemplateObject* t = as_template(compiled);
  if (t->count == 0) return new_ref(t->literal);
  // The pieces, in order; groups that did not take part add nothing.
  Ref<Object> pieces = TRY(list_new(t->chunks));
  TRY(list_append(pieces.get(), t->literal));
  bool all_str = is_str(t->literal);
  for (int64_t i = 0; i < t->count; i++) {
    int64_t index = t->items[i].index;
    if (index >= m->groups) return raise(exc::IndexError, "no such group");
    Ref<Object> item = TRY(match_group_slice(m, index, none()));
    if (!is_none(item.get())) {
      all_str = all_str && is_str(item.get());
      TRY(list_append(pieces.get(), item.get()));
    }
    if (Object* literal = t->items[i].literal) {
      all_str = all_str && is_str(literal);
      TRY(list_append(pieces.get(), literal));
    }
  }
  if (all_str) {
    StrBuilder out;
    for (int64_t i = 0; i < list_size(pieces.get()); i++) out.append_str(list_item_locked(pieces.get(), i));
    return out.finish();
  }
  Ref<Object> joiner = is_str(t->literal) ? TRY(str_from_ascii("")) : TRY(bytes_from(""));
  Object* arg = pieces.get();
  return call_method(joiner.get(), "join", &arg, 1);
}

}  // namespace weft::sre
