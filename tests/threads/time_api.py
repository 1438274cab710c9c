# oracle: python3.13
# The time module's clocks and sleep.
import time

def check(label, f):
    try:
        print(label, repr(f()))
    except BaseException as e:
        print(label, type(e).__name__, e)

for name in ["time", "monotonic", "perf_counter", "process_time", "thread_time"]:
    f = getattr(time, name)
    g = getattr(time, name + "_ns")
    a = f()
    b = g()
    print(name, type(a).__name__, type(b).__name__, a >= 0, b >= 0)

print("epoch plausible", time.time() > 1.6e9, time.time_ns() > 1.6e18)
t0 = time.monotonic()
p0 = time.perf_counter_ns()
time.sleep(0.05)
elapsed = time.monotonic() - t0
print("slept", elapsed >= 0.05, elapsed < 5, time.perf_counter_ns() - p0 >= 50000000)
time.sleep(0)
time.sleep(0.001)
print("sleep returns", time.sleep(0.0))
c0 = time.process_time()
x = 0
for i in range(200000):
    x += i
print("cpu time moves", time.process_time() >= c0, time.thread_time() > 0)
check("sleep negative", lambda: time.sleep(-1))
check("sleep tiny negative", lambda: time.sleep(-0.5))
check("sleep nan", lambda: time.sleep(float("nan")))
check("sleep huge", lambda: time.sleep(1e30))
check("sleep huge int", lambda: time.sleep(2 ** 64))
check("sleep true", lambda: time.sleep(False))
