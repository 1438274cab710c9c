# oracle: python3.13
# Buffer exports racing with resizes from other threads: every resize either happens or raises
# BufferError, and an exported view never sees its storage move or shrink.
import array, io, threading

a = array.array('i', range(100))
bio = io.BytesIO(b'x' * 64)
failures = []

def export_array():
    for _ in range(1000):
        with memoryview(a) as m:
            n = len(m)
            if len(m.tolist()) != n or m[:100].tolist() != list(range(100)):
                failures.append("array view changed")

def resize_array():
    for i in range(1000):
        try:
            a.append(i)
            a.pop()
        except BufferError:
            pass

def export_bytesio():
    for _ in range(1000):
        try:
            with bio.getbuffer() as m:
                if bytes(m[:64]) != b'x' * 64:
                    failures.append("bytesio view changed")
        except ValueError:
            failures.append("closed")

def write_bytesio():
    for _ in range(1000):
        try:
            bio.seek(0, 2)
            bio.write(b'y')
            bio.truncate(64)
        except BufferError:
            pass

threads = [threading.Thread(target=f) for f in (export_array, export_array, resize_array, resize_array,
                                                  export_bytesio, export_bytesio, write_bytesio)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("failures:", failures)
print(a[:100] == array.array('i', range(100)), len(a) >= 100)
print(bio.getvalue()[:64] == b'x' * 64)
a.append(1)
bio.write(b'z')
print("resizable again")
