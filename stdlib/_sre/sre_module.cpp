// stdlib/_sre/sre_module.cpp — the `_sre` module: compile() (builds a re.Pattern from the code
// re._compiler produced), template(), the case helpers re._compiler calls while compiling, and the
// constants MAGIC, CODESIZE, MAXREPEAT, MAXGROUPS (CPython 3.14 on 64-bit Linux).
//
// The module holds no mutable state; its objects live in sre_pattern.cpp, sre_match.cpp,
// sre_scanner.cpp and sre_template.cpp, the matcher in sre_engine.cpp.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "stdlib/_sre/sre_chars.h"
#include "stdlib/_sre/sre_constants.h"
#include "stdlib/_sre/sre_objects.h"
#include "vm/module_table.h"

namespace weft::sre {
namespace {

Result<Ref<Object>> sre_compile(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  return pattern_compile(args, nargs, kwnames);
}

Result<Ref<Object>> sre_template(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_positional_only("template", nargs, kwnames, 2, 2));
  if (!is_list(args[1]))
    return raise(exc::TypeError, "template() argument 2 must be list, not {}",
                 type_name_of(args[1]));
  return template_new(args[1]);
}

Result<Ref<Object>> sre_getcodesize(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(sizeof(uint32_t));
}

// The `character: int` argument of the case helpers (a C int in CPython).
Result<uint32_t> character_arg(Object* arg) {
  int64_t v = TRY(index_as_i64(arg, exc::OverflowError));
  if (v < INT32_MIN || v > INT32_MAX)
    return raise(exc::OverflowError, "Python int too large to convert to C int");
  return uint32_t(v);
}

Result<Ref<Object>> sre_ascii_iscased(Object*, Object* const* args, size_t, Object*) {
  return new_bool(ascii_iscased(TRY(character_arg(args[0]))));
}
Result<Ref<Object>> sre_unicode_iscased(Object*, Object* const* args, size_t, Object*) {
  return new_bool(unicode_iscased(TRY(character_arg(args[0]))));
}
Result<Ref<Object>> sre_ascii_tolower(Object*, Object* const* args, size_t, Object*) {
  return int_from_i64(int32_t(ascii_lower(TRY(character_arg(args[0])))));
}
Result<Ref<Object>> sre_unicode_tolower(Object*, Object* const* args, size_t, Object*) {
  return int_from_i64(int32_t(unicode_lower(TRY(character_arg(args[0])))));
}

const MethodDef kSreFunctions[] = {
    {"compile", sre_compile, kMethFastcall, nullptr},
    {"template", sre_template, kMethFastcall,
     "template\n  A list containing interleaved literal strings (str or bytes) and group "
     "indices (int), as returned by re._parser.parse_template():\n      [literal1, group1, "
     "literal2, ..., literalN]."},
    {"getcodesize", sre_getcodesize, kMethNoArgs, nullptr},
    {"ascii_iscased", sre_ascii_iscased, kMethOneArg, nullptr},
    {"unicode_iscased", sre_unicode_iscased, kMethOneArg, nullptr},
    {"ascii_tolower", sre_ascii_tolower, kMethOneArg, nullptr},
    {"unicode_tolower", sre_unicode_tolower, kMethOneArg, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Result<Ref<Object>> create_sre_module() {
  Ref<Object> m = TRY(module_new("_sre"));
  Ref<Object> name = TRY(str_from_ascii("_sre"));
  Object* dict = module_dict(m.get());
  TRY(add_functions_to_dict(dict, kSreFunctions, m.get(), name.get()));
  TRY(dict_set_item_str(dict, "MAGIC", TRY(int_from_i64(kMagic)).get()));
  TRY(dict_set_item_str(dict, "CODESIZE", TRY(int_from_i64(sizeof(uint32_t))).get()));
  TRY(dict_set_item_str(dict, "MAXREPEAT", TRY(int_from_i64(kMaxRepeat)).get()));
  TRY(dict_set_item_str(dict, "MAXGROUPS", TRY(int_from_i64(kMaxGroups)).get()));
  TRY(dict_set_item_str(dict, "copyright",
                        TRY(str_from_ascii(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs "
                                           "AB ")).get()));
  return m;
}

WEFT_NATIVE_MODULE("_sre", create_sre_module);

}  // namespace
}  // namespace weft::sre
