# compile() of ast trees: hand-built and transformed trees run, literal_eval, unparse, and the
# errors CPython 3.14 reports for malformed trees.
import ast

# Parse, transform, compile, run.
class DoubleInts(ast.NodeTransformer):
    def visit_Constant(self, node):
        if type(node.value) is int:
            return ast.copy_location(ast.Constant(node.value * 2), node)
        return node

class RenameCalls(ast.NodeTransformer):
    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id == "show":
            node.func = ast.Name("print", ast.Load())
        return node

source = """
def f(a, b=3, *args, k=4, **kw):
    total = a + b + k + sum(args)
    for x in range(2):
        total += x
    return total, [i * 10 for i in range(3)], {**kw}
show(f(1, 2, 5, k=6, z=7))
class C:
    def m(self):
        return {k: v for k, v in zip('ab', (1, 2))}
show(C().m(), 'text', b'bytes', 1.5, None, ...)
match [1, 2]:
    case [x, *rest] if x:
        show('matched', x, rest)
try:
    raise ValueError(1)
except* ValueError as eg:
    show('caught', repr(eg.exceptions))
"""
tree = ast.parse(source)
exec(compile(tree, "<orig>", "exec"), {"show": print})
tree = RenameCalls().visit(DoubleInts().visit(tree))
tree = ast.fix_missing_locations(tree)
exec(compile(tree, "<transformed>", "exec"), {})
print(ast.unparse(tree).splitlines()[1])

# A tree built by hand, with missing positions filled in.
body = [ast.Assign([ast.Name("x", ast.Store())], ast.BinOp(ast.Constant(6), ast.Mult(), ast.Constant(7))),
        ast.Expr(ast.Call(ast.Name("print", ast.Load()), [ast.Name("x", ast.Load())], []))]
module = ast.fix_missing_locations(ast.Module(body, []))
exec(compile(module, "<built>", "exec"))
print(eval(compile(ast.Expression(ast.Constant(5, lineno=1, col_offset=0)), "<e>", "eval")))
single = ast.parse("y = 10", mode="single")
ns = {}
exec(compile(single, "<single>", "single"), ns)
print(ns["y"])
code = compile(ast.parse("def g():\n    return 1\n"), "<pos>", "exec")
print(code.co_consts[0].co_firstlineno if hasattr(code.co_consts[0], "co_firstlineno") else None)

# literal_eval and unparse.
for text in ["[1, -2, (3.5, 'x'), {'k': b'v'}, {1, 2}, None, True]", "-2.5", "-(1)", "set()",
             "{'a': [1, {2: (3,)}]}"]:
    print(repr(ast.literal_eval(text)))
for bad in ["f(1)", "x", "1 + y", "[1, 2] * 2"]:
    try:
        ast.literal_eval(bad)
    except ValueError as e:
        print("ValueError:", e)
for text in ["x = a if b else c", "async def f():\n    async for i in g():\n        await i",
             "lambda x, /, y=1, *, z: x", "print(f'{a!r:>{w}} {b=}')", "del a[1:2, ::3]",
             "with (open(p) as f, g() as h):\n    pass", "type T[X: int = str] = list[X]",
             "class C[T](B, metaclass=M):\n    x: int = 1", "x = (yield)", "global a, b"]:
    print(ast.unparse(ast.parse(text)))

# Malformed trees: CPython's messages.
def attempt(node, mode="exec"):
    try:
        compile(node, "<bad>", mode)
        print("compiled")
    except (TypeError, ValueError, SyntaxError) as e:
        print(type(e).__name__ + ":", e)

at = dict(lineno=1, col_offset=0)
attempt(ast.Module([ast.Return()], []))
attempt(ast.Module([ast.Expr(ast.Name("x", ast.Load()))], []))
attempt(ast.Module(5, []))
attempt(ast.Module([5], []))
attempt(ast.Module([ast.Expr(5, **at)], []))
attempt(ast.Module([ast.Expr(ast.Name(5, ast.Load(), **at), **at)], []))
attempt(ast.Module([ast.Expr(ast.Name("x", ast.Store(), **at), **at)], []))
attempt(ast.Module([ast.Expr(ast.Constant([1], **at), **at)], []))
attempt(ast.Module([ast.If(ast.Constant(1, **at), [], [], **at)], []))
attempt(ast.Expression(ast.Name("None", ast.Load(), **at)), "eval")
attempt(ast.Expression(ast.Name("x", ast.Load(), **at)), "exec")
attempt(ast.Module([ast.Expr(ast.BinOp(ast.Constant(1, **at), 3, ast.Constant(1, **at), **at), **at)], []))
attempt(5)
e = ast.Expr(ast.Name("x", ast.Load(), **at), **at)
del e.value
attempt(ast.Module([e], []))
attempt(ast.Module([ast.Expr(ast.Constant(1, kind=3, **at), **at)], []))
attempt(ast.Module([ast.Expr(ast.Constant(1, lineno="a", col_offset=0), **at)], []))
attempt(ast.Module([ast.FunctionDef("f", ast.arguments(), [], **at)], []))
attempt(ast.Module([ast.Expr(ast.Compare(ast.Constant(1, **at), [ast.Eq()], [], **at), **at)], []))
attempt(ast.Module([ast.Assign([ast.Tuple([ast.Name("a", ast.Load(), **at)], ast.Store(), **at)],
                               ast.Constant(1, **at), **at)], []))
attempt(ast.Module([ast.Expr(ast.List([None], ast.Load(), **at), **at)], []))
attempt(ast.Module([ast.Expr(ast.Constant((1, frozenset({2}), b"x", 2.5, ...), **at), **at)], []))

# The validator's structural rules.
def C(v):
    return ast.Constant(v, **at)

def N(name, ctx=None):
    return ast.Name(name, ctx or ast.Load(), **at)

def case(pattern):
    return ast.Match(N("x"), [ast.match_case(pattern, body=[ast.Pass(**at)])], **at)

pat = dict(lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)
for stmt in [
    ast.Expr(ast.Dict([C(1)], [], **at), **at),
    ast.FunctionDef("f", ast.arguments(args=[], defaults=[C(1)]), [ast.Pass(**at)], **at),
    ast.FunctionDef("f", ast.arguments(kwonlyargs=[ast.arg("a", **at)], kw_defaults=[]),
                    [ast.Pass(**at)], **at),
    ast.Expr(ast.BoolOp(ast.And(), [C(1)], **at), **at),
    ast.Delete([], **at), ast.Assign([], C(1), **at), ast.With([], [ast.Pass(**at)], **at),
    ast.Import([], **at), ast.Global([], **at), ast.Match(N("x"), [], **at),
    ast.Try([ast.Pass(**at)], [], [], [], **at),
    ast.Try([ast.Pass(**at)], [], [ast.Pass(**at)], [ast.Pass(**at)], **at),
    ast.TryStar([ast.Pass(**at)], [], [], [], **at),
    ast.ImportFrom("m", [ast.alias("a", **at)], -1, **at),
    ast.Raise(None, C(1), **at),
    case(ast.MatchClass(N("C"), [], ["a"], [], **at)),
    case(ast.MatchClass(N("C"), [], ["a"], [], **pat)),
    case(ast.MatchMapping([C(1)], [], **pat)),
    case(ast.MatchAs(ast.MatchAs(**pat), None, **pat)),
    case(ast.MatchValue(C(1), **pat)),
    ast.ClassDef("C", body=[], **at),
    ast.Expr(ast.Call(N("f", ast.Store()), [], [], **at), **at),
    ast.Expr(ast.ListComp(N("x"), [], **at), **at),
    ast.Expr(ast.Call(N("f"), [], [None], **at), **at),
    ast.Expr(ast.Compare(N("x"), [None], [N("y")], **at), **at),
    ast.FunctionDef("f", ast.arguments(kwonlyargs=[ast.arg("a", **at)], kw_defaults=[None]),
                    [ast.Pass(**at)], **at),
]:
    attempt(ast.Module([stmt], []))
