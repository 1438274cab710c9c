# oracle: python3.13
# Threads that all reach compile(..., PyCF_ONLY_AST) first (so `_ast` is created while they
# race), then parse, transform and compile shared and private trees at the same time.
import _thread

PyCF_ONLY_AST = 0x400
N = 8
results = [None] * N
done = _thread.allocate_lock()
remaining = [N]
count_lock = _thread.allocate_lock()
done.acquire()

def worker(i):
    try:
        tree = compile(f"x = {i} * 2\ny = [x + k for k in range(3)]", "<t>", "exec", PyCF_ONLY_AST)
        names = []
        for _ in range(50):
            code = compile(tree, "<t>", "exec")
            ns = {}
            exec(code, ns)
            names.append(ns["y"][-1])
        results[i] = (type(tree).__name__, tree.body[0].targets[0].id, names[0], len(set(names)))
    except BaseException as e:
        results[i] = repr(e)
    with count_lock:
        remaining[0] -= 1
        if remaining[0] == 0:
            done.release()

for i in range(N):
    _thread.start_new_thread(worker, (i,))
done.acquire()
for r in results:
    print(r)

import ast
shared = ast.parse("def f(a):\n    return [a * i for i in range(4)]\n")
outputs = []
out_lock = _thread.allocate_lock()
done2 = _thread.allocate_lock()
done2.acquire()
left = [N]

def use_shared(i):
    ns = {}
    exec(compile(shared, f"<s{i}>", "exec"), ns)
    dumped = ast.dump(shared)
    with out_lock:
        outputs.append((ns["f"](i), len(dumped)))
        left[0] -= 1
        if left[0] == 0:
            done2.release()

for i in range(N):
    _thread.start_new_thread(use_shared, (i,))
done2.acquire()
for o in sorted(outputs):
    print(o)
