// vm/compiler/compile.h — the public entry of the compiler: source text to a code object.
//
//   Ref<Object> code = TRY(compiler::compile_source(src, filename, CompileMode::Exec, {}));
//
// Used by the command line, exec()/eval()/compile() and the import system. On failure the
// pending exception is the SyntaxError (IndentationError, TabError) CPython 3.14 raises, or
// MemoryError, or NotImplementedError for the constructs Weft's compiler does not handle yet
// (see vm/compiler/README.md). Thread-safe: each call owns all of its state.
#pragma once

#include <string_view>

#include "objects/ref.h"
#include "vm/compiler/ast.h"

namespace weft::compiler {

enum class CompileMode : unsigned char { Exec, Eval, Single };

// compile()'s flag bits that reach the compiler (CPython's PyCF_*).
inline constexpr int kPyCFDontImplyDedent = 0x200;
inline constexpr int kPyCFAllowTopLevelAwait = 0x2000;
inline constexpr int kPyCFAllowIncompleteInput = 0x4000;

struct CompileFlags {
  int optimize = 0;            // -O level: 1 drops asserts and __debug__ code, 2 also docstrings
  bool source_is_bytes = false;  // honour a BOM / coding declaration
  // PyCF_ALLOW_TOP_LEVEL_AWAIT (0x2000): `await`, `async for`, `async with` and async
  // comprehensions in the module body; such a module compiles to a CO_COROUTINE code object,
  // which eval()/exec() run to a coroutine (asyncio's REPL, `python -m asyncio`).
  bool allow_top_level_await = false;
  bool dont_imply_dedent = false;       // PyCF_DONT_IMPLY_DEDENT (0x200), see parser.h
  bool allow_incomplete_input = false;  // PyCF_ALLOW_INCOMPLETE_INPUT (0x4000), see parser.h
};

// Parses and compiles `source`; `filename` is a str object (co_filename, SyntaxError.filename).
Result<Ref<Object>> compile_source(std::string_view source, Object* filename, CompileMode mode,
                                   const CompileFlags& flags);

// Compiles an already parsed tree (compile() of an AST). `source` is used for error text only.
Result<Ref<Object>> compile_ast(const ast::Mod* mod, std::string_view source, Object* filename,
                                const CompileFlags& flags);

}  // namespace weft::compiler
