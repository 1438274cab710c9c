# _csv directly: dialect validation messages, the reader state machine, writer quoting.
import _csv
print(sorted(dir(_csv)))
def t(**kw):
    try:
        d = _csv.Dialect(**kw); print(kw, "ok", d.delimiter, d.quotechar, d.escapechar, d.quoting, repr(d.lineterminator), d.doublequote, d.skipinitialspace, d.strict)
    except Exception as e: print(kw, type(e).__name__, e)
t(delimiter=1); t(delimiter="ab"); t(delimiter=""); t(delimiter=None); t(quotechar=1); t(quotechar="ab"); t(quotechar=None)
t(quotechar=None, quoting=_csv.QUOTE_ALL); t(escapechar=1); t(escapechar="ab"); t(escapechar="")
t(quoting=9); t(quoting="a"); t(quoting=1.0); t(lineterminator=1); t(lineterminator=None); t(lineterminator="")
t(delimiter="\n"); t(delimiter=" ", skipinitialspace=True); t(quotechar="\r"); t(escapechar="\n"); t(delimiter='"')
t(delimiter=',', escapechar=','); t(quotechar="'", escapechar="'"); t(quotechar=' ', skipinitialspace=True); t(lineterminator="\n", delimiter="\n")
t(doublequote=0, strict=1); t(quoting=_csv.QUOTE_NONE, quotechar='"')
try: _csv.Dialect(1,2)
except Exception as e: print(type(e).__name__, e)
try: _csv.Dialect(foo=1)
except Exception as e: print(type(e).__name__, e)
try: _csv.get_dialect("nope")
except Exception as e: print(type(e).__name__, e, type(e).__module__)
try: _csv.unregister_dialect("nope")
except Exception as e: print(type(e).__name__, e)
try: _csv.register_dialect(1)
except Exception as e: print(type(e).__name__, e)
try: _csv.register_dialect("x", 1)
except Exception as e: print(type(e).__name__, e)
try: _csv.reader(1)
except Exception as e: print(type(e).__name__, e)
try: _csv.writer(1)
except Exception as e: print(type(e).__name__, e)
try: _csv.reader()
except Exception as e: print(type(e).__name__, e)
try: _csv.field_size_limit(1, 2)
except Exception as e: print(type(e).__name__, e)
try: _csv.field_size_limit('a')
except Exception as e: print(type(e).__name__, e)
print(_csv.field_size_limit(), _csv.field_size_limit(10), _csv.field_size_limit())
_csv.field_size_limit(131072)
r = _csv.reader(['a,"b\nc"'])
try: print(list(r))
except Exception as e: print(type(e).__name__, e)
for lines, kw in [(['a,b'], {}), (['"ab"c,d'], {}), (['"ab"c,d'], {'strict':True}), (['a,"b'], {}), (['a,"b'], {'strict':True}), (['a\0b'], {}), ([b'a'], {}), ([1], {}),
  (['a\\,b,c'], {'escapechar':'\\'}), (['a\\'], {'escapechar':'\\'}), (['a\\\n', 'b'], {'escapechar':'\\'}), (['1,"2",3.5,,x'], {'quoting':_csv.QUOTE_NONNUMERIC}),
  (['a,  b, "c"'], {'skipinitialspace':True}), (['a,"b""c",d'], {}), (['a,"b""c",d'], {'doublequote':False}), (['a,"b\\"c",d'], {'doublequote':False, 'escapechar':'\\'}),
  (['a\r\nb'], {}), (['a\rb'], {}), (['a\nb'], {}), (['"a\r', 'b"\r\n'], {}), (['a,"",b,'], {}), ([''], {}), (['\n'], {}), (['a,,"",'], {'quoting':_csv.QUOTE_NOTNULL}), (['a,,"",'], {'quoting':_csv.QUOTE_STRINGS}),
  (['1,"2",,'], {'quoting':_csv.QUOTE_STRINGS}), (['x"y",z'], {}), ([' "a",b'], {}), (['a b'], {'delimiter':' ', 'skipinitialspace':True}), (['a,b'],{'quoting':_csv.QUOTE_NONE}), (['"a,b"'],{'quoting':_csv.QUOTE_NONE}), (['a\\'], {'escapechar':'\\', 'strict':True}), (['a','"b','c"'], {})]:
    r = _csv.reader(lines, **kw)
    try:
        out=[]
        for row in r: out.append(row)
        print(repr(lines), kw, out, r.line_num)
    except Exception as e: print(repr(lines), kw, type(e).__name__, e, out, r.line_num)
class F:
    def __init__(s): s.parts=[]
    def write(s, x): s.parts.append(x); return len(x)
for rows, kw in [([['a','b,c','d"e', None, 1, 2.5, '', ' x']], {}), ([['a','b,c','d"e', None, 1, 2.5, '']], {'quoting':_csv.QUOTE_ALL}),
  ([['a', None, 1, 2.5, '']], {'quoting':_csv.QUOTE_NONNUMERIC}), ([['a', None, 1, 2.5, '']], {'quoting':_csv.QUOTE_STRINGS}), ([['a', None, 1, 2.5, '']], {'quoting':_csv.QUOTE_NOTNULL}),
  ([['a,b']], {'quoting':_csv.QUOTE_NONE}), ([['a,b', 'c"d']], {'quoting':_csv.QUOTE_NONE, 'escapechar':'\\'}), ([['c"d']], {'doublequote':False}), ([['c"d']], {'doublequote':False, 'escapechar':'\\'}),
  ([['']], {}), ([[]], {}), ([['a\nb', 'c\rd', 'e\\f']], {'escapechar':'\\'}), ([[' a', 'b ']], {}), ([['#a']], {}),([['a','b']], {'lineterminator':'\n','delimiter':';'}), ([1], {}), ([[1,2]], {'quoting': _csv.QUOTE_NONE, 'quotechar': None}), ([['\t']],{'delimiter':'\t'}), ([['', '']],{}),([[None]],{}) , ([['a b']], {'delimiter':' '}), ([['x']], {'quotechar':"'", 'quoting':_csv.QUOTE_ALL}), ([['\r']], {'quoting':_csv.QUOTE_NONE})]:
    f = F(); w = _csv.writer(f, **kw)
    try:
        for row in rows: print(w.writerow(row), end=' ')
        print(repr(f.parts))
    except Exception as e: print(kw, type(e).__name__, e, f.parts)
f=F(); w=_csv.writer(f); w.writerows([['a'],('b','c')]); print(f.parts, w.dialect.delimiter)
print(_csv.list_dialects()); _csv.register_dialect('semi', delimiter=';'); print(_csv.get_dialect('semi').delimiter, _csv.list_dialects()); _csv.unregister_dialect('semi')
print(type(_csv.reader([])).__name__, type(_csv.writer(F())).__name__, _csv.Reader, _csv.Writer)
print(repr(_csv.Error), _csv.Error.__mro__)
print(_csv.QUOTE_MINIMAL, _csv.QUOTE_ALL, _csv.QUOTE_NONNUMERIC, _csv.QUOTE_NONE, _csv.QUOTE_STRINGS, _csv.QUOTE_NOTNULL)
d = _csv.Dialect(); 
try: d.delimiter = 'x'
except Exception as e: print(type(e).__name__, e)
print(_csv.reader([]).dialect.delimiter)
try: w.writerow(5)
except Exception as e: print(type(e).__name__, e)
try: _csv.writer(F(), quoting=_csv.QUOTE_NONE).writerow(['a,b'])
except Exception as e: print(type(e).__name__, e)
try: _csv.writer(F(), quoting=_csv.QUOTE_NONE).writerow([''])
except Exception as e: print(type(e).__name__, e)
def t(**kw):
    try:
        d = _csv.Dialect(**kw); print(kw, "ok")
    except Exception as e: print(kw, type(e).__name__, e)
t(delimiter=';', lineterminator=';'); t(escapechar=' ', skipinitialspace=True); t(quotechar='a', lineterminator='a'); t(quoting=True); t(quoting=2**40); t(skipinitialspace=[]) ; t(quotechar=None, quoting=None)
class F:
    def __init__(s): s.parts=[]
    def write(s, x): s.parts.append(x); return len(x)
for rows, kw in [([['a;b', 'x\ny', 'p q']], {'lineterminator':';'}), ([[' a', 'b']], {'skipinitialspace':True}), ([['', 'b']], {'quoting':_csv.QUOTE_NONE}), ([['a', '']], {'quoting':_csv.QUOTE_NONE}),
   ([[True, complex(3,1), None]], {'quoting':_csv.QUOTE_NONNUMERIC}),([['a\\b']], {'escapechar':'\\', 'quoting':_csv.QUOTE_NONE}), ([['a"b']], {'escapechar':'\\'}),([['a"b']], {'escapechar':'\\', 'quoting':_csv.QUOTE_NONE})]:
    f = F(); w = _csv.writer(f, **kw)
    try:
        for row in rows: print(w.writerow(row), end=' ')
        print(repr(f.parts))
    except Exception as e: print(kw, type(e).__name__, e, f.parts)
class D: delimiter=';'
print(_csv.reader([], D).dialect.delimiter, _csv.reader([], dialect=D, quotechar="'").dialect.quotechar)
d=_csv.Dialect(delimiter=';'); print(_csv.Dialect(d) is d, _csv.Dialect(d, strict=True) is d)
try: _csv.reader([], 'nope')
except Exception as e: print(type(e).__name__, e)
r=_csv.reader(['a'])
print(r.line_num, next(r), r.line_num)
try: next(r)
except StopIteration: print('stop')
try: _csv.field_size_limit(new_limit=5); print(_csv.field_size_limit())
except Exception as e: print(type(e).__name__, e)
_csv.field_size_limit(3)
try: print(list(_csv.reader(['abc,abcd'])))
except Exception as e: print(type(e).__name__, e)
_csv.field_size_limit(100)
print(_csv.Dialect.__doc__); print(_csv.reader.__doc__[:40]); print(type(_csv.reader([])).__module__)
try: _csv.Reader([])
except Exception as e: print(type(e).__name__, e)
class G:
    def write(s, x): raise OSError("boom")
try: _csv.writer(G()).writerow(['a'])
except Exception as e: print(type(e).__name__, e)
class Bad:
    def __str__(s): raise ValueError("nostr")
try: _csv.writer(F()).writerow([Bad()])
except Exception as e: print(type(e).__name__, e)
try: _csv.writer(F()).writerow(x for x in [1/0])
except Exception as e: print(type(e).__name__, e)
try: _csv.writer(F()).writerows(5)
except Exception as e: print(type(e).__name__, e)
print(_csv.writer(F()).writerows([]))
f=F(); _csv.writer(f).writerow('abc'); print(f.parts)
