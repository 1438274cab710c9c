# The `_ast` classes: fields, attributes, field types, constructor rules, repr, copy helpers,
# singletons, and the PyCF_* flags (CPython 3.14's Python-ast.c behaviour).
import _ast
import ast
import warnings

print(ast.AST, ast.AST._fields, ast.AST._attributes, ast.AST.__module__, ast.Name.__module__)
for cls in (ast.Module, ast.FunctionDef, ast.Name, ast.Dict, ast.Constant, ast.arguments, ast.arg,
            ast.keyword, ast.comprehension, ast.ExceptHandler, ast.MatchClass, ast.TypeVar,
            ast.TemplateStr, ast.Interpolation, ast.TypeIgnore, ast.ImportFrom, ast.Compare):
    print(cls.__name__, cls.__mro__[1].__name__, cls._fields, cls.__match_args__, cls._attributes)
    print("  ", cls._field_types)
    print("  ", cls.__doc__)
print(ast.expr.__doc__)
print(ast.operator.__doc__, ast.Load.__doc__, ast.Load._fields, ast.Load._field_types)
print(ast.Return.value, ast.expr.end_lineno, ast.expr.end_col_offset, ast.Constant.kind)
print(ast.mod._attributes, ast.stmt._attributes, ast.excepthandler._attributes)
print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
      _ast.PyCF_OPTIMIZED_AST)

# Constructors: positional and keyword fields, defaults for optional and list fields.
n = ast.Name("x")
print(n.__dict__, n.ctx is ast.Load(), type(n.ctx))
print(ast.dump(ast.FunctionDef("f", ast.arguments(), [ast.Pass()])))
print(ast.dump(ast.Constant(1, lineno=3), include_attributes=True))
print(ast.dump(ast.ImportFrom(module="m", names=[ast.alias("a")], level=0)))
for make in (lambda: ast.Name(1, 2, 3), lambda: ast.Return(1, 2), lambda: ast.Name("x", id="y"),
             lambda: ast.Load(1)):
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    ast.BinOp(left=ast.Constant(1))
    ast.Name(id="x", bogus=1)
for w in caught:
    print(w.category.__name__, w.message)
warnings.simplefilter("ignore", DeprecationWarning)

# repr (depth-limited, long lists elided), __reduce__, __replace__, singletons.
tree = ast.parse("a = 1\nb = 2\nc = 3\nf(x, y, z, [[1]])")
print(repr(tree))
print(repr(tree.body[3]), repr(ast.AST()), repr(ast.Load()))
print(ast.Name("x").__reduce__(), ast.Load().__reduce__(), ast.BinOp(left=1).__reduce__()[1])
r = ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2), lineno=1, col_offset=0)
print(ast.dump(r.__replace__(left=ast.Constant(5)), include_attributes=True))
for make in (lambda: r.__replace__(foo=1), lambda: ast.Name(ctx=ast.Load()).__replace__()):
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)
t = ast.parse("x = y + z - w; del q")
print(t.body[0].targets[0].ctx is t.body[1].value.ctx if False else None,
      type(t.body[0].value.op).__name__, t.body[0].value.op is t.body[0].value.left.op,
      t.body[0].targets[0].ctx is ast.parse("p = 0").body[0].targets[0].ctx)
print(isinstance(t, ast.AST), isinstance(t.body[0], ast.stmt), isinstance(ast.Add(), ast.operator))

class MyNode(ast.AST):
    _fields = ("a", "b")
print(repr(MyNode(1, b=[2])), MyNode(1).__dict__)

# Modes and flags.
print(ast.dump(compile("1 + 2", "<s>", "eval", ast.PyCF_ONLY_AST)))
print(ast.dump(ast.parse("x = 1", mode="single")))
print(type(compile(ast.parse("x"), "<s>", "exec", ast.PyCF_ONLY_AST)).__name__)
try:
    compile("x", "<s>", "bogus", ast.PyCF_ONLY_AST)
except ValueError as e:
    print("ValueError:", e)
