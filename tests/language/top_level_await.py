# oracle: python3.13
# Top-level await: compile(..., PyCF_ALLOW_TOP_LEVEL_AWAIT) makes a coroutine code object for
# module bodies that await (await, async for, async with, async comprehensions); eval runs it
# to a coroutine. Without the flag these stay SyntaxErrors.
import asyncio, inspect
PyCF_ALLOW_TOP_LEVEL_AWAIT = 0x2000
async def val(x):
    await asyncio.sleep(0)
    return x
async def agen():
    for i in range(3):
        yield i
class CM:
    async def __aenter__(self): print("enter"); return 5
    async def __aexit__(self, *a): print("exit")
src = """
x = await val(41) + 1
async for i in agen():
    print("item", i)
async with CM() as c:
    print("in", c)
ys = [await val(i) for i in range(3)]
zs = [i async for i in agen()]
"""
co = compile(src, "<tla>", "exec", flags=PyCF_ALLOW_TOP_LEVEL_AWAIT)
print(bool(co.co_flags & inspect.CO_COROUTINE))
g = {"val": val, "agen": agen, "CM": CM}
coro = eval(co, g)
print(type(coro).__name__)
asyncio.run(coro)
print(g["x"], g["ys"], g["zs"])
plain = compile("y = 1", "<tla>", "exec", flags=PyCF_ALLOW_TOP_LEVEL_AWAIT)
print(bool(plain.co_flags & inspect.CO_COROUTINE), eval(plain, {}))
e = compile("await val(7)", "<tla>", "eval", flags=PyCF_ALLOW_TOP_LEVEL_AWAIT)
print(asyncio.run(eval(e, g)))
s = compile("await val(8)", "<tla>", "single", flags=PyCF_ALLOW_TOP_LEVEL_AWAIT)
asyncio.run(eval(s, g))
for bad in ["await x", "async for i in y: pass", "[await x for x in y]"]:
    try:
        compile(bad, "<tla>", "exec")
    except SyntaxError as err:
        print("SyntaxError:", err.msg)
try:
    compile("def f():\n    await x", "<tla>", "exec", flags=PyCF_ALLOW_TOP_LEVEL_AWAIT)
except SyntaxError as err:
    print("SyntaxError:", err.msg)
try:
    compile("lambda: await x", "<tla>", "exec", flags=PyCF_ALLOW_TOP_LEVEL_AWAIT)
except SyntaxError as err:
    print("SyntaxError:", err.msg)
