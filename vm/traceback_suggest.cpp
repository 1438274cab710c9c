// vm/traceback_suggest.cpp — the "Did you mean" hints of uncaught NameError, AttributeError and
// ImportError messages (traceback.py's _compute_suggestion_error and the NameError
// "Did you forget to import" hint), computed when the exception is printed, as CPython does.
//
// Candidates: for AttributeError, dir(exc.obj) (underscore names hidden unless the wrong name
// starts with "_" or the failing frame's `self` is the object); for ImportError ("from m import
// x"), dir(m); for NameError, the failing frame's locals, globals and builtins (and "self.x"
// when the instance has that attribute). Any error while collecting candidates means no hint.
#include <algorithm>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/traceback.h"
#include "objects/tuple.h"
#include "vm/import.h"
#include "vm/interp_state.h"
#include "vm/traceback_format.h"

namespace weft::vm::tbfmt {
namespace {

constexpr size_t kMaxStringSize = 40;

// The frame object of the newest traceback entry, or a null Ref.
Ref<Object> innermost_frame(Object* tb) {
  if (!tb || !is_traceback(tb)) return Ref<Object>();
  Ref<Object> cursor = new_ref(tb);
  for (Ref<Object> next = traceback_next(cursor.get()); next; next = traceback_next(cursor.get()))
    cursor = std::move(next);
  Object* frame = static_cast<TracebackObject*>(cursor.get())->frame;
  return frame && !is_none(frame) ? new_ref(frame) : Ref<Object>();
}

// Appends the str items of iterable `o` (a list of names or a mapping's keys) to `out`.
Status append_str_items(Object* o, std::vector<std::string>* out) {
  Ref<Object> it = TRY(get_iter(o));
  for (;;) {
    Next n = iter_next(it.get());
    if (n.is_error()) return Error{};
    if (n.is_done()) return ok();
    Ref<Object> item = n.release_value();
    if (is_str(item.get())) out->push_back(str_to_std_string(item.get()));
  }
}

// dir(obj), or obj.__class__.__dict__ keys + obj.__dict__ keys when dir() raises TypeError.
Status dir_names(Object* obj, std::vector<std::string>* out) {
  Ref<Object> method;
  bool has_dir = TRY(lookup_special(obj, str_intern("__dir__"), &method));
  if (has_dir) {
    Result<Ref<Object>> names = call_noargs(method.get());
    if (!names.is_error()) {
      Ref<Object> list = TRY(call_one(reinterpret_cast<Object*>(&ListType), names.value().get()));
      // dir() sorts; a TypeError from sorting takes the fallback below.
      Result<Ref<Object>> sorted = call_method(list.get(), "sort", nullptr, 0);
      if (!sorted.is_error()) return append_str_items(list.get(), out);
    }
    if (!error_matches(exc::TypeError)) return Error{};
    clear_error();
  }
  Ref<Object> cls = TRY(get_attr(obj, "__class__"));
  Ref<Object> cls_dict = TRY(get_attr(cls.get(), "__dict__"));
  TRY(append_str_items(cls_dict.get(), out));
  Ref<Object> inst_dict = TRY(get_attr(obj, "__dict__"));
  return append_str_items(inst_dict.get(), out);
}

void drop_underscored(std::vector<std::string>* names) {
  std::erase_if(*names, [](const std::string& s) { return !s.empty() && s[0] == '_'; });
}

// The f_locals/f_globals/f_builtins names of `frame`.
Status frame_names(Object* frame, std::vector<std::string>* out) {
  for (const char* attr : {"f_locals", "f_globals", "f_builtins"}) {
    Ref<Object> mapping = TRY(get_attr(frame, attr));
    TRY(append_str_items(mapping.get(), out));
  }
  return ok();
}

// _compute_suggestion_error: the suggested name, or "" for none. Errors mean "none".
Result<std::string> compute_suggestion(Object* exc, Object* tb, Object* wrong_name) {
  std::string wrong = str_to_std_string(wrong_name);
  std::vector<std::string> names;
  if (is_instance_of(exc, exc::AttributeError)) {
    Object* obj = static_cast<AttributeErrorObject*>(exc)->obj;
    if (!obj) obj = none();
    TRY(dir_names(obj, &names));
    std::sort(names.begin(), names.end());
    bool hide_underscored = wrong.empty() || wrong[0] != '_';
    if (hide_underscored) {
      if (Ref<Object> frame = innermost_frame(tb)) {
        Ref<Object> locals = TRY(get_attr(frame.get(), "f_locals"));
        Ref<Object> self;
        Result<Ref<Object>> item = get_item(locals.get(), str_intern("self"));
        if (!item.is_error()) {
          if (item.value().get() == obj) hide_underscored = false;
        } else {
          clear_error();
        }
      }
    }
    if (hide_underscored) drop_underscored(&names);
  } else if (is_instance_of(exc, exc::ImportError)) {
    Object* module_name = static_cast<ImportErrorObject*>(exc)->name;
    if (!module_name || !is_str(module_name)) return std::string();
    Ref<Object> module = TRY(import_module(module_name));
    TRY(dir_names(module.get(), &names));
    std::sort(names.begin(), names.end());
    if (wrong.empty() || wrong[0] != '_') drop_underscored(&names);
  } else {
    Ref<Object> frame = innermost_frame(tb);
    if (!frame) return std::string();
    TRY(frame_names(frame.get(), &names));
    Ref<Object> locals = TRY(get_attr(frame.get(), "f_locals"));
    Result<Ref<Object>> self = get_item(locals.get(), str_intern("self"));
    if (self.is_error()) {
      clear_error();
    } else {
      Result<bool> has = has_attr(self.value().get(), wrong_name);
      if (has.is_error()) clear_error();
      if (!has.is_error() && has.value()) return "self." + wrong;
    }
  }
  if (str_length(wrong_name) > static_cast<int64_t>(kMaxStringSize)) return std::string();
  std::vector<std::string_view> views(names.begin(), names.end());
  int64_t best = suggest_closest(wrong, views.data(), views.size());
  return best < 0 ? std::string() : names[static_cast<size_t>(best)];
}

// name in sys.stdlib_module_names (false when sys or the set is missing).
bool is_stdlib_module_name(Object* name) {
  Object* modules = sys_modules();
  if (!modules) return false;
  Ref<Object> sys, names;
  Result<bool> found = dict_get_item_str(modules, str_intern("sys"), &sys);
  if (found.is_error() || !found.value()) {
    clear_error();
    return false;
  }
  Result<bool> has = lookup_attr(sys.get(), str_intern("stdlib_module_names"), &names);
  if (has.is_error() || !has.value()) {
    clear_error();
    return false;
  }
  Result<bool> in = contains(names.get(), name);
  if (in.is_error()) {
    clear_error();
    return false;
  }
  return in.value();
}

}  // namespace

std::string suggestion_suffix(Object* exc, Object* tb) {
  Object* wrong_name = nullptr;
  bool is_name_error = false;
  if (is_instance_of(exc, exc::ImportError)) {
    wrong_name = static_cast<ImportErrorObject*>(exc)->name_from;
  } else if (is_instance_of(exc, exc::NameError)) {
    wrong_name = static_cast<NameErrorObject*>(exc)->name;
    is_name_error = true;
  } else if (is_instance_of(exc, exc::AttributeError)) {
    wrong_name = static_cast<AttributeErrorObject*>(exc)->name;
  }
  if (!wrong_name || is_none(wrong_name) || !is_str(wrong_name)) return {};
  Result<std::string> suggestion = compute_suggestion(exc, tb, wrong_name);
  std::string found;
  if (suggestion.is_error()) {
    clear_error();
  } else {
    found = suggestion.release_value();
  }
  std::string suffix = found.empty() ? "" : ". Did you mean: '" + found + "'?";
  if (is_name_error && is_stdlib_module_name(wrong_name)) {
    std::string name = str_to_std_string(wrong_name);
    suffix += found.empty() ? ". Did you forget to import '" + name + "'?"
                            : " Or did you forget to import '" + name + "'?";
  }
  return suffix;
}

}  // namespace weft::vm::tbfmt
