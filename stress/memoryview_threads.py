# oracle: python3.13
# memoryview and GenericAlias under threads: threads share views of one bytearray, write their
# own slots, take and release views and slices, race release() against readers, and subscript
# shared aliases (their lazily computed __parameters__). Nothing may crash, every write must land,
# and the bytearray must be resizable again once every view is gone.
import _thread

NTHREADS = 6
ROUNDS = 2000

data = bytearray(NTHREADS * 8)
shared = memoryview(data)
words = shared.cast("Q")
alias = dict[str, list[int]]
errors = []
released_seen = [0] * NTHREADS
running = [_thread.allocate_lock() for _ in range(NTHREADS)]


def work(tid):
    try:
        for i in range(ROUNDS):
            words[tid] = i
            assert words[tid] == i
            view = memoryview(data)[tid * 8:(tid + 1) * 8]
            assert view.cast("Q")[0] == i
            view.release()
            victim = memoryview(shared)
            if i % 2:
                victim.release()
            try:
                # Only this thread's own bytes: concurrent reads and writes of the same bytes of
                # a buffer are a data race in the program (as in CPython), not in the runtime.
                victim[tid * 8]
                bytes(victim[tid * 8:tid * 8 + 4])
            except ValueError:
                released_seen[tid] += 1
            victim.release()
            assert alias.__parameters__ == () and alias == dict[str, list[int]]
            assert (int | str | None).__args__ == (int, str, type(None))
        words[tid] = tid * 1000
    except Exception as e:
        errors.append(repr(e))
    finally:
        running[tid].release()


for r in running:
    r.acquire()
for tid in range(NTHREADS):
    _thread.start_new_thread(work, (tid,))
for r in running:
    r.acquire()

print("errors", errors)
print("values", words.tolist())
print("released reads", released_seen)
try:
    data.append(0)
except BufferError as e:
    print("still exported:", e)
words.release()
shared.release()
data.append(0)
print("resized", len(data))
