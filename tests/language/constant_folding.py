# Constant folding as CPython 3.14's flowgraph does it: the constants and the bytecode of small
# snippets must be CPython's exactly, including the size limits that stop folding.
SNIPPETS = [
    "x = 2 ** 10",
    "x = -5",
    "x = (1, 2, -3)",
    "x = 'abc'[1]",
    "x = a in (1, 2)",
    "x = a in [1, 2]",
    "x = a in {1, 2}",
    "for i in {1, 2}: pass",
    "for i in [a, b]: pass",
    "x = not 1",
    "x = ~5",
    "x = ~True",
    "x = -True",
    "x = +'a'",
    "x = 1 + 2 * 3",
    "x = 'a' * 100",
    "x = 'x' * 5000",
    "x = 'a' * 3000 + 'b' * 3000",
    "x = (1, 2) * 128",
    "x = (1, 2) * 129",
    "x = ((1, 2),) * 200",
    "x = 2 ** 100",
    "x = 2 ** 128",
    "x = 3 ** 80",
    "x = 1 << 127",
    "x = 1 << 128",
    "x = 2 ** 64 * 2 ** 64",
    "x = 10 ** -2",
    "x = 1 / 0",
    "x = 1.5 // 0",
    "x = '%s' % 5",
    "x = b'ab' % ()",
    "x = 5 % 3",
    "x = (1,) + (2,)",
    "x = 'abc'[5]",
    "x = not ()",
    "x = [1, 2, 3]",
    "x = {1, 2, 3}",
    "x = [1, 2, 3][0]",
    "x = (1, (2, 3))",
    "x = a[1:2]",
    "x = a[1:2:3]",
    "x = a[-1:]",
    "x = a[::-1]",
    "a[1:2] = x",
    "a[b:c] = x",
    "a[b:c] += x",
    "a[1:2] += x",
    "x = (1, 2, *b)",
    "x = (-1, *b)",
    "x = {1: 2, 3: -4}",
    "x = (" + ", ".join(str(i) for i in range(40)) + ")",
    "x = [" + ", ".join(str(i) for i in range(40)) + "]",
    "x = [" + ", ".join("a%d" % i for i in range(35)) + "]",
    "x = {" + ", ".join("%d: %d" % (i, i) for i in range(20)) + "}",
    "f(" + ", ".join("a%d" % i for i in range(35)) + ")",
    "f(" + ", ".join("k%d=%d" % (i, i) for i in range(20)) + ")",
    "def f(): return -(-1), +1, -0.0, not True",
    "def f(): return 1 if 2 else 3",
    "x = 1j + 2",
    "x = (1, 2) == (1, 2)",
    "x = a in ('a', 'b', 'c') and b in {'a', 'b'}",
    "x = '%s and %r' % (a, b)",
    "x = '%5s|%-5s|%.2s|%a' % (a, b, c, d)",
    "x = '%s' % (a,)",
    "x = '100%% %s' % (a,)",
    "x = '%d' % (a,)",
    "x = '%s %s' % (a,)",
    "x = '%s' % (a, b)",
    "x = '%s' % (*a,)",
    "x = '%123s' % (a,)",
    "x = '%s' % a",
    "x = '" + "%s" * 20 + "' % (" + ", ".join("a%d" % i for i in range(20)) + ")",
    "x = f'" + "{a}-" * 20 + "'",
    "x = lambda: y",
    "x = lambda: 5",
    "class C:\n    def f(this): this.x = 1\n    def g(self):\n        self.y = 1\n        def k(): self.z = 1\n        self.w += 1\n",
]

def describe(co, depth=0):
    consts = []
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            consts.append("<code %s>" % c.co_name)
        elif isinstance(c, frozenset):  # iteration order depends on the hash seed
            consts.append("frozenset(%r)" % sorted(c))
        else:
            consts.append(repr(c)[:80])
    print("  " * depth + co.co_name, consts, co.co_code.hex())
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            describe(c, depth + 1)

for src in SNIPPETS:
    print(repr(src[:60]))
    describe(compile(src, "<fold>", "exec"))

class C:
    def f(this): this.x = 1
    def g(self):
        self.y = 1
        def k(): self.z = 1
        (self.a, self.b) = 1, 2
        for self.c in []: pass
        self.w += 1
print(C.__static_attributes__)

# A module body that awaits under PyCF_ALLOW_TOP_LEVEL_AWAIT is a coroutine.
for src in ["x = await y", "async for i in y: pass", "async with a as b: pass",
            "z = [await v for v in y]"]:
    co = compile(src, "<tla>", "exec", flags=0x2000)
    print(repr(src), co.co_flags)
    describe(co)
