# tokenize over hand-picked sources: comments/NL, indentation, f- and t-strings, multi-line
# tokens, non-ASCII columns, line endings, missing final newline, encodings, and bad input.
import io
import tokenize
from _tokdump import dump_tokens


def show(src):
    print("===", repr(src))
    dump_tokens(tokenize.generate_tokens(io.StringIO(src).readline))


def show_bytes(data):
    print("=== bytes", repr(data))
    dump_tokens(tokenize.tokenize(io.BytesIO(data).readline))


for src in [
    "x = 1\n", "x = 1", "", "   ", "\n\n", "# only", "x\n# c",
    "# c\n\nif x:  # hi\n    y = 'é' + z\n\n  # cc\nw\n",
    "def f():\n    if a:\n        b\n# c\nc\n",
    "def f():\n  return 1\n\n\n",
    "if a:\n    if b:\n        c\n    d\ne\n",
    'f"a{{b}}c{x!r:>{w}} d" t"q{y}"\n',
    'f"{x:}" f"{x:{y}{z}}" f"{x:a{y}}" f"{{{x}}}" f"{{"\n',
    'f"ab\\n{{c" rf"\\{{x}}" f"{x=}" f"{x:{y}.{z}}" f"{x:>10}"\n',
    'f"""x{{\ny}}z"""\n', 'f"""a\n{x}\nb"""\n', 't"""a{b!s:{c}}\n"""\n',
    'f"{ {1: 2}[1] }" f\'{"nested"}\' f"{f"{x}"}"\n',
    's = """ab\ncd""" + x\n', 'x = """a\nb""" + """c\nd"""\n', '"""a\nb"""',
    "x = (1,\n  2)\n", "x = [1,\n  # c\n2]\n", "x = 1 + \\\n 2\n", "x\\\n  y\n",
    'é = "ü"; ab  # ï\nπ = ("日本", 1)\n',
    "x = 1\r\ny = 2\r\n", "a = (1,\r\n2)\r\n",
    "  x\n", "$\n", "x ->= 1 ... != <> := ** //= @ ~ ^ ? `\n",
    "1if x else 2\n0xfor\n1_000 0b1_0 0o7 1.5e-3j .5 5.\n",
    "async def f(): await x\nasync with a: pass\n",
    "match x:\n    case [1, *r] if r: pass\n    case _: pass\ntype T = int\n",
    "x = 1\n  \n", "if x:\n\tpass\n",
    # errors
    'x = "abc\n', 'x = "é\n', "x = (1,\n", "x = (1,\n2,\n", "a\\\n", '"""abc\n',
    "if x:\n    a\n  b\n", "if x:\n  é = 1\n é\n", "if x:\n\ty\n        z\n",
    "x = 0b2\n", "x = 1 \\ 2\n", "x = )\n", "x = (]\n", "x = 0777\n", 'f"{x\n',
    'f"{x\n+1\n', 'x = f"""{a\n\n', 'x = f"""{a\nb\n', "'\\\nab\n", "x = ((\n", "x = (\\\n",
    'f"abc\n', 'f"""abc\n', 'x = f"{a:{b\n', "1abc\n", "1_\n", "0x\n", "1e\n", "0b1_\n",
    "1__0\n", "0o8\n", "09.5\n", "00\n", "07j\n", "1.e5_\n", "x = ((\n)\n", "x = (}\n",
    "x = f'{)}'\n", "'\\\n", "x = 'a\\\nb'\n", "a €\n", "if x:\n\ty\n\tz\n",
    "if 1:\n  if 2:\n    x\n # c\n  y\n",
]:
    show(src)

for data in [
    b"x = 'caf\xc3\xa9'\n",
    b"\xef\xbb\xbfx = 1\n",
    b"# -*- coding: latin-1 -*-\nx = '\xe9'\n",
    b"#!/usr/bin/env python\n# coding: utf-8\nprint(1)\n",
]:
    show_bytes(data)

# untokenize round trip over a full token stream
src = "def f(a, *, b=1):\n    return f'{a!r:>{b}}'  # c\n"
toks = list(tokenize.generate_tokens(io.StringIO(src).readline))
print(tokenize.untokenize(toks) == src)
# a readline that stops with StopIteration rather than ''
lines = iter(["x = 1\n", "y = 2\n"])
print([t.string for t in tokenize.generate_tokens(lambda: next(lines))])
