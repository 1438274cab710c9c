# oracle: python3.13
# asyncio.run with sleep, gather, tasks, cancellation, wait_for timeouts, queues, events,
# run_in_executor (a thread pool) and call_soon_threadsafe from another thread.
import asyncio, threading

async def delayed(value, delay):
    await asyncio.sleep(delay)
    return value

async def worker(name, queue, out):
    while True:
        item = await queue.get()
        out.append((name, item * item))
        queue.task_done()

async def main():
    print(await asyncio.gather(*(delayed(i, 0.01 * (5 - i)) for i in range(5))))
    task = asyncio.create_task(delayed("task", 0.01))
    print(await task, task.done())
    slow = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    slow.cancel()
    try:
        await slow
    except asyncio.CancelledError:
        print("cancelled", slow.cancelled())
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.02)
    except TimeoutError:
        print("wait_for timed out")
    async with asyncio.timeout(1):
        print(await delayed("in time", 0.01))
    queue = asyncio.Queue()
    out = []
    workers = [asyncio.create_task(worker(n, queue, out)) for n in "abc"]
    for i in range(12):
        await queue.put(i)
    await queue.join()
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print(sorted(v for _, v in out), [type(r).__name__ for r in results])
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, sum, range(100)))
    event = asyncio.Event()
    threading.Thread(target=lambda: loop.call_soon_threadsafe(event.set)).start()
    await event.wait()
    print("event set from a thread")
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(delayed(i * 10, 0.005)) for i in range(3)]
    print([t.result() for t in tasks])

asyncio.run(main())
print("loop closed")
