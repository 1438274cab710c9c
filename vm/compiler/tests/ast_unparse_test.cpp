// vm/compiler/tests/ast_unparse_test.cpp — expressions back to text (PEP 563 annotations).
//
// Every expected string is what real CPython 3.14 stores in __annotations__ for `x: SOURCE` in a
// class body under `from __future__ import annotations` (generated with cpython314; never edit
// by hand).
#include <gtest/gtest.h>

#include "objects/str.h"
#include "vm/compiler/ast_unparse.h"
#include "vm/compiler/parser.h"
#include "vm/testing.h"

namespace weft::compiler {
namespace {

struct Case {
  const char* source;
  const char* text;
};

const Case kCases[] = {
    {R"PY(a[1:2, ::3, ...])PY", R"PY(a[1:2, ::3, ...])PY"},
    {R"PY(lambda a, /, b=2, *c, d, e=5, **f: (a if b else c))PY", R"PY(lambda a, /, b=2, *c, d, e=5, **f: a if b else c)PY"},
    {R"PY(lambda: 0)PY", R"PY(lambda: 0)PY"},
    {R"PY(lambda *, k: k)PY", R"PY(lambda*, k: k)PY"},
    {R"PY({**a, 'b': [1, *c]} | {1, 2} & x ^ y)PY", R"PY({**a, 'b': [1, *c]} | {1, 2} & x ^ y)PY"},
    {R"PY(1 .real + (-1) ** -2 ** 3 + (not a) + ~b)PY", R"PY(1 .real + (-1) ** (-2 ** 3) + (not a) + ~b)PY"},
    {R"PY((a ** b) ** c)PY", R"PY((a ** b) ** c)PY"},
    {R"PY(a - (b - c) - d)PY", R"PY(a - (b - c) - d)PY"},
    {R"PY(a < b <= c is not d not in e)PY", R"PY(a < b <= c is not d not in e)PY"},
    {R"PY(not (a and b) or c and (d or e))PY", R"PY(not (a and b) or c and (d or e))PY"},
    {R"PY((i for i in x if i))PY", R"PY((i for i in x if i))PY"},
    {R"PY(f(x for x in y))PY", R"PY(f(x for x in y))PY"},
    {R"PY(f((x for x in y), z))PY", R"PY(f((x for x in y), z))PY"},
    {R"PY({k: v for k, v in items})PY", R"PY({k: v for k, v in items})PY"},
    {R"PY(q.attr(x, *y, k=1, **z))PY", R"PY(q.attr(x, *y, k=1, **z))PY"},
    {R"PY((1,))PY", R"PY((1,))PY"},
    {R"PY(())PY", R"PY(())PY"},
    {R"PY((1, 2))PY", R"PY((1, 2))PY"},
    {R"PY(x[()])PY", R"PY(x[()])PY"},
    {R"PY(x[1,])PY", R"PY(x[1,])PY"},
    {R"PY(f'a{b!r:>{w}} {c=} {{}}')PY", R"PY(f'a{b!r:>{w}} c={c!r} {{}}')PY"},
    {R"PY(t'a{b!s} {c:{d}}')PY", R"PY(t'a{b!s} {c:{d}}')PY"},
    {R"PY(f'{ {1: 2}[1] }')PY", R"PY(f'{ {1: 2}[1]}')PY"},
    {R"PY('it''s' + "quote\"d" + b'\x00')PY", R"PY('its' + 'quote"d' + b'\x00')PY"},
    {R"PY(...)PY", R"PY(...)PY"},
    {R"PY(0x10 + 1_000 + 1e-5)PY", R"PY(16 + 1000 + 1e-05)PY"},
    {R"PY(-(-1))PY", R"PY(--1)PY"},
    {R"PY(a if b else (c if d else e))PY", R"PY(a if b else c if d else e)PY"},
    {R"PY((a if b else c) if d else e)PY", R"PY((a if b else c) if d else e)PY"},
    {R"PY(f(*a))PY", R"PY(f(*a))PY"},
    {R"PY(x[a:b:c, d:])PY", R"PY(x[a:b:c, d:])PY"},
    {R"PY(None if True else False)PY", R"PY(None if True else False)PY"},
    {R"PY(1e400 + 2.5)PY", R"PY(1e309 + 2.5)PY"},
};

class AstUnparseTest : public testing::RuntimeTest {};

TEST_F(AstUnparseTest, MatchesCPython) {
  for (const Case& c : kCases) {
    ast::Arena arena;
    Result<ast::Mod*> mod = parse(c.source, "<test>", ParseMode::Eval, 0, arena);
    ASSERT_TRUE(mod) << c.source;
    Result<Ref<Object>> text = unparse_annotation(mod.value()->as<ast::Expression>()->body);
    ASSERT_TRUE(text) << c.source;
    EXPECT_EQ(str_to_std_string(text.value().get()), c.text) << c.source;
  }
}

}  // namespace
}  // namespace weft::compiler
