# oracle: python3.13
# Threads writing lines to one shared BufferedWriter, one shared TextIOWrapper (file objects)
# and one shared StringIO/BytesIO at the same time: every write() is one piece, so no line may
# be torn or lost. The files are read back and checked line by line.
import _io
import _thread
import posix

NTHREADS = 6
PER_THREAD = 400
BIN_PATH = '/tmp/weft_io_threads_bin.txt'
TEXT_PATH = '/tmp/weft_io_threads_text.txt'

binary = open(BIN_PATH, 'wb', buffering=256)
text = open(TEXT_PATH, 'w', encoding='utf-8')
memory = _io.StringIO()
membytes = _io.BytesIO()
running = [_thread.allocate_lock() for _ in range(NTHREADS)]

def line_for(tid, i):
    # Lines of varying length (some longer than the binary buffer) with non-ASCII text.
    return 't%d-%d %s\u00e9\n' % (tid, i, 'x' * ((i * 37 + tid) % 300))

def work(tid):
    try:
        for i in range(PER_THREAD):
            line = line_for(tid, i)
            binary.write(line.encode('utf-8'))
            text.write(line)
            memory.write(line)
            membytes.write(line.encode('utf-8'))
    finally:
        running[tid].release()

for tid in range(NTHREADS):
    running[tid].acquire()
    _thread.start_new_thread(work, (tid,))
for lock in running:
    lock.acquire()
binary.close()
text.close()

expected = sorted(line_for(t, i) for t in range(NTHREADS) for i in range(PER_THREAD))

def check(name, lines):
    ok = sorted(lines) == expected
    print(name, len(lines), ok)

with open(BIN_PATH, 'rb') as f:
    check('BufferedWriter', [l.decode('utf-8') for l in f])
with open(TEXT_PATH, encoding='utf-8') as f:
    check('TextIOWrapper', f.readlines())
check('StringIO', memory.getvalue().splitlines(keepends=True))
check('BytesIO', [l.decode('utf-8') for l in membytes.getvalue().splitlines(keepends=True)])

for path in (BIN_PATH, TEXT_PATH):
    unlink = getattr(posix, 'unlink', None)
    if unlink is not None:
        unlink(path)
