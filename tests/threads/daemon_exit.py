# oracle: python3.13
# The process exits while daemon threads still run Python code (and one sleeps past the exit):
# they must never run again once the interpreter finalizes, and exit must be clean.
import _thread
import time

shared = []
running = _thread.allocate_lock()
running.acquire()

def spin(k):
    if k == 0:
        running.release()
    i = 0
    while True:
        shared.append(i)
        if len(shared) > 1000:
            del shared[:500]
        i += 1

def sleeper():
    time.sleep(0.3)
    print("sleeper woke after exit")

for k in range(3):
    _thread.start_new_thread(spin, (k,))
_thread.start_new_thread(sleeper, ())
running.acquire()
time.sleep(0.05)
print("main exits")
