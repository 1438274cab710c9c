// vm/compiler/tests/parser_test.cpp — the parser against golden ast.dump() output.
//
// Every expected string below was produced by real CPython 3.14 with
//   cpython314 -c 'import ast; print(ast.dump(ast.parse(SRC)))'
// and must never be edited by hand. Error cases check message and position against
// CPython 3.14's SyntaxError args.
#include <gtest/gtest.h>

#include "objects/errors.h"
#include "vm/compiler/ast_dump.h"
#include "vm/compiler/parser.h"
#include "vm/testing.h"

namespace weft::compiler {
namespace {

struct Golden {
  const char* source;
  const char* dump;
};

const Golden kGoldens[] = {
    {R"PY(x = 1)PY",
     R"PY(Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))]))PY"},
    {R"PY(a, *b = c = d)PY",
     R"PY(Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Starred(value=Name(id='b', ctx=Store()), ctx=Store())], ctx=Store()), Name(id='c', ctx=Store())], value=Name(id='d', ctx=Load()))]))PY"},
    {R"PY(x += 1
y: int = 2)PY",
     R"PY(Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Add(), value=Constant(value=1)), AnnAssign(target=Name(id='y', ctx=Store()), annotation=Name(id='int', ctx=Load()), value=Constant(value=2), simple=1)]))PY"},
    {R"PY(f(a, *b, k=1, **c))PY",
     R"PY(Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], keywords=[keyword(arg='k', value=Constant(value=1)), keyword(value=Name(id='c', ctx=Load()))]))]))PY"},
    {R"PY(def f(a, /, b=1, *c, d, e=2, **g) -> int: pass)PY",
     R"PY(Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a')], args=[arg(arg='b')], vararg=arg(arg='c'), kwonlyargs=[arg(arg='d'), arg(arg='e')], kw_defaults=[None, Constant(value=2)], kwarg=arg(arg='g'), defaults=[Constant(value=1)]), body=[Pass()], returns=Name(id='int', ctx=Load()))]))PY"},
    {R"PY(lambda: 0)PY",
     R"PY(Module(body=[Expr(value=Lambda(args=arguments(), body=Constant(value=0)))]))PY"},
    {R"PY(from . import x as y)PY",
     R"PY(Module(body=[ImportFrom(names=[alias(name='x', asname='y')], level=1)]))PY"},
    {R"PY(import a.b as c, d)PY",
     R"PY(Module(body=[Import(names=[alias(name='a.b', asname='c'), alias(name='d')])]))PY"},
    {R"PY(f"a{b!r:>{w}} {c=}")PY",
     R"PY(Module(body=[Expr(value=JoinedStr(values=[Constant(value='a'), FormattedValue(value=Name(id='b', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)])), Constant(value=' c='), FormattedValue(value=Name(id='c', ctx=Load()), conversion=114)]))]))PY"},
    {R"PY(for x in y: pass
else: z)PY",
     R"PY(Module(body=[For(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), body=[Pass()], orelse=[Expr(value=Name(id='z', ctx=Load()))])]))PY"},
    {R"PY(a[1:2, ::3])PY",
     R"PY(Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), upper=Constant(value=2)), Slice(step=Constant(value=3))], ctx=Load()), ctx=Load()))]))PY"},
    {R"PY({**a, 1: 2})PY",
     R"PY(Module(body=[Expr(value=Dict(keys=[None, Constant(value=1)], values=[Name(id='a', ctx=Load()), Constant(value=2)]))]))PY"},
    {R"PY(match x:
 case [1, *r] | {"k": _, **kw} | P(a, b=c) if g: pass)PY",
     R"PY(Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchOr(patterns=[MatchSequence(patterns=[MatchValue(value=Constant(value=1)), MatchStar(name='r')]), MatchMapping(keys=[Constant(value='k')], patterns=[MatchAs()], rest='kw'), MatchClass(cls=Name(id='P', ctx=Load()), patterns=[MatchAs(name='a')], kwd_attrs=['b'], kwd_patterns=[MatchAs(name='c')])]), guard=Name(id='g', ctx=Load()), body=[Pass()])])]))PY"},
    {R"PY(if a:
  pass
elif b:
  x
else:
  y)PY",
     R"PY(Module(body=[If(test=Name(id='a', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='b', ctx=Load()), body=[Expr(value=Name(id='x', ctx=Load()))], orelse=[Expr(value=Name(id='y', ctx=Load()))])])]))PY"},
    {R"PY(while not a and b or c: break)PY",
     R"PY(Module(body=[While(test=BoolOp(op=Or(), values=[BoolOp(op=And(), values=[UnaryOp(op=Not(), operand=Name(id='a', ctx=Load())), Name(id='b', ctx=Load())]), Name(id='c', ctx=Load())]), body=[Break()])]))PY"},
    {R"PY(try:
  pass
except E as e:
  raise X from e
else:
  pass
finally:
  pass)PY",
     R"PY(Module(body=[Try(body=[Pass()], handlers=[ExceptHandler(type=Name(id='E', ctx=Load()), name='e', body=[Raise(exc=Name(id='X', ctx=Load()), cause=Name(id='e', ctx=Load()))])], orelse=[Pass()], finalbody=[Pass()])]))PY"},
    {R"PY(with a as b, c: pass)PY",
     R"PY(Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()))], body=[Pass()])]))PY"},
    {R"PY(class C(B, metaclass=M):
  @d
  async def f(self): await x)PY",
     R"PY(Module(body=[ClassDef(name='C', bases=[Name(id='B', ctx=Load())], keywords=[keyword(arg='metaclass', value=Name(id='M', ctx=Load()))], body=[AsyncFunctionDef(name='f', args=arguments(args=[arg(arg='self')]), body=[Expr(value=Await(value=Name(id='x', ctx=Load())))], decorator_list=[Name(id='d', ctx=Load())])])]))PY"},
    {R"PY([x for x in y if x] + {k: v for k, v in z})PY",
     R"PY(Module(body=[Expr(value=BinOp(left=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[Name(id='x', ctx=Load())], is_async=0)]), op=Add(), right=DictComp(key=Name(id='k', ctx=Load()), value=Name(id='v', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store()), Name(id='v', ctx=Store())], ctx=Store()), iter=Name(id='z', ctx=Load()), is_async=0)])))]))PY"},
    {R"PY((yield))PY",
     R"PY(Module(body=[Expr(value=Yield())]))PY"},
    {R"PY(x = 1 if a else 2)PY",
     R"PY(Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=IfExp(test=Name(id='a', ctx=Load()), body=Constant(value=1), orelse=Constant(value=2)))]))PY"},
    {R"PY(print(-a ** -b * c // d @ e % f - g << h >> i & j ^ k | l))PY",
     R"PY(Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load()), args=[BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=UnaryOp(op=USub(), operand=BinOp(left=Name(id='a', ctx=Load()), op=Pow(), right=UnaryOp(op=USub(), operand=Name(id='b', ctx=Load())))), op=Mult(), right=Name(id='c', ctx=Load())), op=FloorDiv(), right=Name(id='d', ctx=Load())), op=MatMult(), right=Name(id='e', ctx=Load())), op=Mod(), right=Name(id='f', ctx=Load())), op=Sub(), right=Name(id='g', ctx=Load())), op=LShift(), right=Name(id='h', ctx=Load())), op=RShift(), right=Name(id='i', ctx=Load())), op=BitAnd(), right=Name(id='j', ctx=Load())), op=BitXor(), right=Name(id='k', ctx=Load())), op=BitOr(), right=Name(id='l', ctx=Load()))]))]))PY"},
    {R"PY(a < b <= c != d is not e not in f)PY",
     R"PY(Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), LtE(), NotEq(), IsNot(), NotIn()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', ctx=Load()), Name(id='f', ctx=Load())]))]))PY"},
    {R"PY(global a, b)PY",
     R"PY(Module(body=[Global(names=['a', 'b'])]))PY"},
    {R"PY(del a[0], b.c)PY",
     R"PY(Module(body=[Delete(targets=[Subscript(value=Name(id='a', ctx=Load()), slice=Constant(value=0), ctx=Del()), Attribute(value=Name(id='b', ctx=Load()), attr='c', ctx=Del())])]))PY"},
    {R"PY(assert x, "m")PY",
     R"PY(Module(body=[Assert(test=Name(id='x', ctx=Load()), msg=Constant(value='m'))]))PY"},
    {R"PY(type T[X: int, *Ts, **P] = list[X])PY",
     R"PY(Module(body=[TypeAlias(name=Name(id='T', ctx=Store()), type_params=[TypeVar(name='X', bound=Name(id='int', ctx=Load())), TypeVarTuple(name='Ts'), ParamSpec(name='P')], value=Subscript(value=Name(id='list', ctx=Load()), slice=Name(id='X', ctx=Load()), ctx=Load()))]))PY"},
    {R"PY((x := 5))PY",
     R"PY(Module(body=[Expr(value=NamedExpr(target=Name(id='x', ctx=Store()), value=Constant(value=5)))]))PY"},
    {R"PY(b'ab' b'c')PY",
     R"PY(Module(body=[Expr(value=Constant(value=b'abc'))]))PY"},
    {R"PY('a' 'b' u'c')PY",
     R"PY(Module(body=[Expr(value=Constant(value='abc'))]))PY"},
    {R"PY(...)PY",
     R"PY(Module(body=[Expr(value=Constant(value=Ellipsis))]))PY"},
    {R"PY(x = (1,))PY",
     R"PY(Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Tuple(elts=[Constant(value=1)], ctx=Load()))]))PY"},
    {R"PY(f(x for x in y))PY",
     R"PY(Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), is_async=0)])]))]))PY"},
    {R"PY(try:
  pass
except* E:
  pass)PY",
     R"PY(Module(body=[TryStar(body=[Pass()], handlers=[ExceptHandler(type=Name(id='E', ctx=Load()), body=[Pass()])])]))PY"},
    {R"PY(t"a{b!r}")PY",
     R"PY(Module(body=[Expr(value=TemplateStr(values=[Constant(value='a'), Interpolation(value=Name(id='b', ctx=Load()), str='b', conversion=114)]))]))PY"},
    {R"PY(return)PY",
     R"PY(Module(body=[Return()]))PY"},
    {R"PY(nonlocal q)PY",
     R"PY(Module(body=[Nonlocal(names=['q'])]))PY"},
};

class ParserTest : public testing::RuntimeTest {};

TEST_F(ParserTest, MatchesCPythonDumps) {
  for (const Golden& g : kGoldens) {
    ast::Arena arena;
    Result<ast::Mod*> mod = parse(g.source, "<test>", ParseMode::Exec, 0, arena);
    ASSERT_FALSE(mod.is_error()) << g.source;
    Result<std::string> text = ast::dump(mod.value());
    ASSERT_FALSE(text.is_error());
    EXPECT_EQ(text.value(), g.dump) << "source: " << g.source;
  }
}

struct ErrorCase {
  const char* source;
  SyntaxErrorKind kind;
  const char* message;
  int lineno, offset, end_lineno, end_offset;  // CPython 3.14's SyntaxError args
};

const ErrorCase kErrors[] = {
    {"f(a=1, b)", SyntaxErrorKind::SyntaxError, "positional argument follows keyword argument", 1, 9, 1, 10},
    {"f(x) = 1", SyntaxErrorKind::SyntaxError, "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1, 1, 5},
    {"1 = x", SyntaxErrorKind::SyntaxError, "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 1, 2},
    {"a, b += 1", SyntaxErrorKind::SyntaxError, "'tuple' is an illegal expression for augmented assignment", 1, 1, 1, 5},
    {"if x\n  pass", SyntaxErrorKind::SyntaxError, "expected ':'", 1, 5, 1, 6},
    {"x = (1,", SyntaxErrorKind::SyntaxError, "'(' was never closed", 1, 5, 1, 0},
    {"x = \"abc", SyntaxErrorKind::SyntaxError, "unterminated string literal (detected at line 1)", 1, 5, 1, 5},
    {"def f():\nreturn", SyntaxErrorKind::IndentationError, "expected an indented block after function definition on line 1", 2, 1, 2, 7},
    {" x", SyntaxErrorKind::IndentationError, "unexpected indent", 1, 1, 1, -1},
    {"if x:\n  a\n b", SyntaxErrorKind::IndentationError, "unindent does not match any outer indentation level", 3, 3, 3, -1},
    {"x = 0777", SyntaxErrorKind::SyntaxError, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5, 1, 9},
    {"(]", SyntaxErrorKind::SyntaxError, "closing parenthesis ']' does not match opening parenthesis '('", 1, 2, 1, 2},
    {"a b", SyntaxErrorKind::SyntaxError, "invalid syntax", 1, 3, 1, 4},
    {"x = 1 if y", SyntaxErrorKind::SyntaxError, "expected 'else' after 'if' expression", 1, 5, 1, 11},
    {"try:\n  pass\nx = 1", SyntaxErrorKind::SyntaxError, "expected 'except' or 'finally' block", 3, 1, 3, 2},
    {"f\"{x!z}\"", SyntaxErrorKind::SyntaxError, "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'", 1, 6, 1, 7},
    {"f\"}\"", SyntaxErrorKind::SyntaxError, "f-string: single '}' is not allowed", 1, 3, 1, 3},
    {"None = 1", SyntaxErrorKind::SyntaxError, "cannot assign to None", 1, 1, 1, 5},
};

TEST_F(ParserTest, MessagesAndPositionsMatchCPython) {
  for (const ErrorCase& c : kErrors) {
    ast::Arena arena;
    std::string prepared;
    SyntaxErrorInfo info;
    ast::Mod* mod = parse_to_info(c.source, ParseMode::Exec, 0, arena, &prepared, &info);
    ASSERT_EQ(mod, nullptr) << c.source;
    EXPECT_EQ(info.message, c.message) << c.source;
    EXPECT_EQ(int(info.kind), int(c.kind)) << c.source;
    std::string_view line = source_line(prepared, info.lineno);
    EXPECT_EQ(info.lineno, c.lineno) << c.source;
    EXPECT_EQ(byte_to_char_offset(line, info.offset), c.offset) << c.source;
    EXPECT_EQ(info.end_lineno, c.end_lineno) << c.source;
    EXPECT_EQ(info.end_offset, c.end_offset) << c.source;
  }
}

TEST_F(ParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "x = " + std::string(300, '[') + std::string(300, ']');
  ast::Arena arena;
  std::string prepared;
  SyntaxErrorInfo info;
  EXPECT_EQ(parse_to_info(deep, ParseMode::Exec, 0, arena, &prepared, &info), nullptr);
  EXPECT_EQ(info.message, "too many nested parentheses");
  std::string lambdas;
  for (int i = 0; i < 5000; ++i) lambdas += "lambda: ";
  lambdas += "0";
  EXPECT_EQ(parse_to_info(lambdas, ParseMode::Exec, 0, arena, &prepared, &info), nullptr);
}

}  // namespace
}  // namespace weft::compiler
