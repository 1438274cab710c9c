# Compiler-only corpus: the async constructs (await, async for/with, async comprehensions,
# async generators) and their interplay with break/continue/return and try.
async def simple(x):
    return await x

async def loop(source):
    total = 0
    async for item in source:
        if item < 0:
            continue
        if item > 100:
            break
        total += item
    else:
        total = -1
    return total

async def context(manager, other):
    async with manager as value:
        await value
    async with manager, other as (a, b):
        return a + b

async def guarded(manager):
    try:
        async with manager:
            raise ValueError
    except ValueError:
        return await manager.recover()
    finally:
        await manager.close()

async def comprehensions(source, items):
    listed = [x async for x in source]
    awaited = [await x for x in items if x]
    nested = {k: v async for k, v in source for _ in items}
    gen = (x * 2 async for x in source)
    return listed, awaited, nested, gen

async def agen(source):
    async for x in source:
        yield x
        yield await x

async def agen_return(n):
    for i in range(n):
        try:
            yield i
        finally:
            await n
    return
