// vm/compiler/compile.cpp — parse -> PEP 765 check -> symtable -> codegen (-> flowgraph ->
// assembler).
//
// Everything a compilation needs lives on this call's stack (arena, symbol table, codegen
// units), so concurrent compilations in different threads share nothing.
#include "vm/compiler/compile.h"

#include <string>

#include "objects/str.h"
#include "vm/compiler/codegen.h"
#include "vm/compiler/finally_check.h"
#include "vm/compiler/parser.h"
#include "vm/compiler/symtable.h"

namespace weft::compiler {

Result<Ref<Object>> compile_ast(const ast::Mod* mod, std::string_view source, Object* filename,
                                const CompileFlags& flags) {
  std::string name = str_to_std_string(filename);
  TRY(check_control_flow_in_finally(mod, filename, source));
  std::unique_ptr<SymbolTable> table =
      TRY(SymbolTable::build(mod, name, source, flags.allow_top_level_await));
  Codegen codegen(*table, name, source, filename, flags.optimize,
                  mod->kind == ast::ModKind::Interactive, flags.allow_top_level_await);
  return codegen.compile_module(mod);
}

Result<Ref<Object>> compile_source(std::string_view source, Object* filename, CompileMode mode,
                                   const CompileFlags& flags) {
  ParseMode parse_mode = mode == CompileMode::Exec   ? ParseMode::Exec
                         : mode == CompileMode::Eval ? ParseMode::Eval
                                                     : ParseMode::Single;
  std::string name = str_to_std_string(filename);
  ast::Arena arena;
  int parse_flags = (flags.source_is_bytes ? kParseSourceIsBytes : 0) |
                    (flags.dont_imply_dedent ? kParseDontImplyDedent : 0) |
                    (flags.allow_incomplete_input ? kParseAllowIncomplete : 0);
  ast::Mod* mod = TRY(parse(source, name, parse_mode, parse_flags, arena));
  return compile_ast(mod, source, filename, flags);
}

}  // namespace weft::compiler
