# oracle: python3.13
# The interactive prompt (CPython's basic REPL) driven through `-i` with piped input: prompts on
# stderr, multi-line statements ended by a blank line, expression values through
# sys.displayhook, errors reported and the loop going on, sys.ps1/ps2, sys.last_exc,
# SystemExit, EOF in the middle of a statement, and -i after a program that failed.
import os
import subprocess
import sys

ENV = dict(os.environ, PYTHON_BASIC_REPL="1")


def session(stdin, *args):
    p = subprocess.run([sys.executable, *args], input=stdin.encode(), capture_output=True,
                       env=ENV, timeout=120)
    print("--- args", args, "status", p.returncode)
    print(p.stdout.decode(), end="")
    print("--- stderr")
    print(p.stderr.decode())


session("x = 1\nx\nif x:\n    print('yes')\n\nfor i in range(2):\n    print(i)\n\n"
        "1/0\nprint('after')\ndef f():\n    return 5\n\nf()\nx = (1,\n2)\nx\n"
        "'''a\nb'''\nx = )\nimport sys; sys.ps1 = 'P> '\nsys.ps2 = 'C> '\nif 1:\n  2\n\n_\n",
        "-i", "-q")
session("# comment\n\n   \nx = 1\n  x\nif 1:\n  print(1)\nprint(2)\nx\n", "-i", "-q")
session("import sys\ndef f():\n  raise ValueError('boom')\n\nf()\ntype(sys.last_exc).__name__\n"
        "sys.last_value is sys.last_exc\n", "-i", "-q")
session("class A:\n  def __repr__(self): return 'A!'\n\nA()\nNone\n[A(), None]\n", "-i", "-q")
session("print('last')\nraise SystemExit(4)\nprint('not reached')\n", "-i", "-q")
session("if 1:\n  print('pending')", "-i", "-q")
session("x = (1,\n2,", "-i", "-q")
session("y\n", "-i", "-q", "-c", "y = 7\nraise ValueError('from -c')")
session("exit_code = 3\n", "-q", "-i", "-c", "raise SystemExit(9)")
session("async def g():\n    return 1\n\nimport asyncio\nasyncio.run(g())\n", "-i", "-q")
