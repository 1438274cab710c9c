# The io class hierarchy: Python subclasses of the _io bases, buffered and text layers over
# Python-level raw streams, BufferedRWPair, and io's ABC registrations.
import io
import _io

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class Source(io.RawIOBase):
    """A raw stream that hands out its data in small pieces."""
    def __init__(self, data, piece=3):
        self.data = data
        self.pos = 0
        self.piece = piece
    def readable(self):
        return True
    def readinto(self, b):
        chunk = self.data[self.pos:self.pos + min(len(b), self.piece)]
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)

class Sink(io.RawIOBase):
    def __init__(self):
        self.chunks = []
    def writable(self):
        return True
    def write(self, b):
        self.chunks.append(bytes(b))
        return len(b)

src = Source(b'alpha\nbeta\ngamma')
print(src.read(4), src.readline(), src.readall(), src.read())
print(list(Source(b'a\nb\nc')), Source(b'xy\nz').readlines())
print(isinstance(src, io.IOBase), isinstance(src, _io._RawIOBase), src.closed)
src.close()
print(src.closed)
show(lambda: src.readline())
show(lambda: iter(src))
show(lambda: src.fileno())
show(lambda: src.seek(0))
show(lambda: Source(b'').truncate())
with Source(b'ctx') as s:
    print(s.read())
print(s.closed)

br = io.BufferedReader(Source(b'one\ntwo\nthree\n' * 2), buffer_size=4)
print(br.read(2), br.readline(), br.peek(1)[:1], br.read1(3), br.readlines())
print(br.read(), br.raw.pos)
show(lambda: io.BufferedReader(Sink()))
show(lambda: io.BufferedReader(Source(b''), buffer_size=0))

sink = Sink()
bw = io.BufferedWriter(sink, buffer_size=8)
print(bw.write(b'abc'), sink.chunks, bw.write(b'defghij'), sink.chunks)
bw.flush()
print(sink.chunks)
bw.close()
print(bw.closed, sink.closed)
show(lambda: bw.write(b'x'))
show(lambda: bw.flush())

pair = io.BufferedRWPair(Source(b'in\ndata'), Sink())
print(pair.readable(), pair.writable(), pair.read(3), pair.write(b'out'), pair.peek(1)[:1])
pair.flush()
print(pair.closed)
pair.close()
print(pair.closed)

text = io.TextIOWrapper(io.BufferedReader(Source('h\xe9llo\nw\u20acrld\n'.encode('utf-8'), piece=1)), encoding='utf-8')
print(text.readline(), text.read(), text.encoding)
out_sink = Sink()
tw = io.TextIOWrapper(io.BufferedWriter(out_sink), encoding='latin-1', line_buffering=True)
tw.write('no newline')
print(out_sink.chunks)
tw.write(' then\n')
print(out_sink.chunks)
tw.close()
print(out_sink.closed)

class Upper(io.StringIO):
    def write(self, s):
        return super().write(s.upper())
u = Upper()
print(type(u).__name__, u.write('abc'), u.getvalue(), isinstance(u, io.TextIOBase))
u.writelines(['x', 'y'])
print(u.getvalue())

class Counting(io.BytesIO):
    def __init__(self, *a):
        super().__init__(*a)
        self.reads = 0
    def read(self, n=-1):
        self.reads += 1
        return super().read(n)
c = Counting(b'abc')
print(c.read(1), c.reads, c.extra if hasattr(c, 'extra') else None)
c.extra = 5
print(c.extra, c.__dict__)

for cls in [io.FileIO, io.BytesIO, io.StringIO, io.BufferedReader, io.BufferedWriter,
            io.BufferedRandom, io.BufferedRWPair, io.TextIOWrapper]:
    print(cls.__name__, cls.__module__, issubclass(cls, io.IOBase),
          issubclass(cls, io.RawIOBase), issubclass(cls, io.BufferedIOBase),
          issubclass(cls, io.TextIOBase))
print(io.UnsupportedOperation, issubclass(io.UnsupportedOperation, OSError),
      issubclass(io.UnsupportedOperation, ValueError))
print(io.BlockingIOError is BlockingIOError, io.SEEK_END, io.text_encoding(None),
      io.text_encoding('latin-1'))
print(_io._IOBase().readable(), _io._IOBase().closed)
b = _io._IOBase()
b.close()
print(b.closed)
show(lambda: b.flush())
show(lambda: _io._BufferedIOBase().read())
show(lambda: _io._TextIOBase().write('x'))
print(_io._TextIOBase().encoding, _io._TextIOBase().newlines)
