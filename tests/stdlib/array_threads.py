# oracle: python3.13
# array shared by threads: appends and pops from several threads never lose or duplicate items,
# and a shared iterator hands every item out exactly once.
import array
import threading

a = array.array('q')
N, T = 2000, 4


def appender(base):
    for i in range(N):
        a.append(base + i)


threads = [threading.Thread(target=appender, args=(k * N,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(a), sorted(a) == list(range(N * T)))

it = iter(a)
seen = [[] for _ in range(T)]


def consumer(out):
    for x in it:
        out.append(x)


threads = [threading.Thread(target=consumer, args=(seen[k],)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
merged = sorted(x for part in seen for x in part)
print(len(merged), merged == sorted(a))

popped = []


def popper():
    for _ in range(N):
        popped.append(a.pop())


threads = [threading.Thread(target=popper) for _ in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(a), len(popped), sorted(popped) == list(range(N * T)))
