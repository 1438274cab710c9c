# open() and the file classes of _io on real files: modes, text and binary reading and writing,
# seek/tell, encodings, newline translation, attributes and error messages.
import _io
import posix

PATH = '/tmp/weft_io_files_test.txt'

def cleanup(path):
    unlink = getattr(posix, 'unlink', None)
    if unlink is not None:
        try:
            unlink(path)
        except OSError:
            pass

def show(f):
    try:
        print(repr(f()))
    except OSError as e:
        # errno numbers differ between platforms: print the rest.
        print(type(e).__name__, e.strerror if e.errno else e, e.filename)
    except Exception as e:
        print(type(e).__name__, e)

print(open is _io.open, _io.DEFAULT_BUFFER_SIZE)

# text write / read
with open(PATH, 'w') as f:
    print(f)
    print(f.name, f.mode, f.encoding, f.errors, f.line_buffering, f.write_through)
    print(f.writable(), f.readable(), f.seekable())
    print(f.write('first line\n'), f.write('second line\nthird'))
    f.writelines(['\n', 'fourth\n'])
print(f.closed)
show(lambda: f.write('x'))
show(lambda: f.read())

with open(PATH) as f:
    print(repr(f.read(5)), f.tell())
    print(repr(f.readline()))
    print(f.readlines())
    print(repr(f.read()), f.tell())
    f.seek(0)
    print(repr(f.readline(3)), repr(f.readline()))
    f.seek(11)
    print(repr(f.read()))
    show(lambda: f.seek(1, 1))
    show(lambda: f.seek(-1))
    show(lambda: f.write('x'))

with open(PATH) as f:
    lines = [line for line in f]
    print(lines)
    show(lambda: f.tell())

# binary
with open(PATH, 'rb') as f:
    print(f, f.raw, f.name, f.mode)
    print(f.read(3), f.peek(1)[:1], f.read1(4), f.tell())
    print(f.readline(), f.seek(-3, 2), f.read())
    print(f.seek(0), f.readlines())
    ba = bytearray(4)
    f.seek(0)
    print(f.readinto(ba), ba)

with open(PATH, 'ab') as f:
    print(f.mode, f.tell(), f.write(b'appended\n'))
with open(PATH, 'r+b') as f:
    print(f.read(5), f.write(b'LINE'), f.tell())
    f.seek(0)
    print(f.read(12))
    print(f.truncate(12), f.tell())
with open(PATH, 'rb') as f:
    print(f.read())

# unbuffered and raw
with open(PATH, 'wb', buffering=0) as f:
    print(type(f).__name__, f.write(b'raw bytes\r\nline two\rthree\n'), f.tell())
with _io.FileIO(PATH) as raw:
    print(raw, raw.mode, raw.closefd, raw.readable(), raw.writable(), raw.seekable())
    print(raw.read(3), raw.readall())
    print(raw.read(), raw.tell())
print(raw, raw.closed)
show(lambda: raw.read())

# newline handling
for nl in [None, '', '\n', '\r', '\r\n']:
    with open(PATH, newline=nl) as f:
        print(repr(nl), f.readlines(), repr(f.newlines))
with open(PATH, 'w', newline='\r\n') as f:
    f.write('a\nb\n')
with open(PATH, 'rb') as f:
    print(f.read())

# encodings
for enc in ['utf-8', 'latin-1', 'utf-16', 'cp1252', 'ascii']:
    with open(PATH, 'w', encoding=enc, errors='replace') as f:
        f.write('caf\xe9 \u20ac\n')
    with open(PATH, 'rb') as f:
        data = f.read()
    with open(PATH, encoding=enc) as f:
        print(enc, data, repr(f.read()), f.encoding, f.errors)
with open(PATH, 'wb') as f:
    f.write(b'ok \xff\xfe done\n')
with open(PATH, encoding='utf-8', errors='surrogateescape') as f:
    print(repr(f.read()))
with open(PATH, encoding='utf-8') as f:
    show(lambda: f.read())
with open(PATH, 'w', encoding='utf-8') as f:
    f.write('\u00e9\u20ac\U0001f600x\n')
with open(PATH, encoding='utf-8') as f:
    print(repr(f.read(2)), f.tell(), repr(f.read(1)), f.tell(), repr(f.read()))
    f.seek(5)
    print(repr(f.read()))

# reconfigure and detach
with open(PATH, 'w') as f:
    f.reconfigure(line_buffering=True)
    print(f.line_buffering)
    f.reconfigure(encoding='latin-1')
    f.write('\xe9\n')
    print(f.encoding)
with open(PATH, 'rb') as f:
    print(f.read())
f = open(PATH)
b = f.detach()
print(type(b).__name__, b.read())
show(lambda: f.read())
b.close()

# exclusive creation and errors
show(lambda: open(PATH, 'x'))
try:
    open('/tmp/weft_no_such_dir/x.txt')
except FileNotFoundError as e:
    print('FileNotFoundError', e.strerror, e.filename)
for bad in ['rw', 'rr', 'q', 'tb', '', 'r+x']:
    show(lambda: open(PATH, bad))
show(lambda: open(PATH, 'rb', encoding='utf-8'))
show(lambda: open(PATH, 'rb', errors='strict'))
show(lambda: open(PATH, 'rb', newline=''))
show(lambda: open(PATH, 'r', buffering=0))
show(lambda: open(PATH, newline='x'))
show(lambda: open(PATH, encoding='no-such-encoding'))
show(lambda: open(3.5))
show(lambda: open([]))
show(lambda: _io.FileIO(PATH, 'rw'))
show(lambda: _io.FileIO(-1))
show(lambda: _io.FileIO(PATH, closefd=False))
with open(PATH, 'rb') as f:
    show(lambda: f.write(b'x'))
with open(PATH, 'wb') as f:
    show(lambda: f.read())
show(lambda: open('/tmp'))
cleanup(PATH)
