# _contextvars: ContextVar, Token, Context, copy_context.
from _contextvars import ContextVar, Context, Token, copy_context

def strip_addresses(text):
    # Drops the " at 0x..." parts of reprs (addresses differ between runs).
    out = []
    while ' at 0x' in text:
        head, _, rest = text.partition(' at 0x')
        out.append(head)
        i = 0
        while i < len(rest) and rest[i] in '0123456789abcdef':
            i += 1
        text = rest[i:]
    out.append(text)
    return ''.join(out)

def show(label, f):
    try:
        print(label, strip_addresses(repr(f())))
    except Exception as e:
        print(label, type(e).__name__, strip_addresses(str(e)))

v = ContextVar('v')
d = ContextVar('d', default=42)
print(v.name, d.name, d.get(), v.get('dflt'), d.get(None))
show("get missing", lambda: v.get())
t = v.set(1)
print(v.get(), t.var is v, t.old_value is Token.MISSING, repr(Token.MISSING))
t2 = v.set(2)
print(v.get(), t2.old_value)
v.reset(t2); print(v.get())
show("reuse", lambda: v.reset(t2))
show("wrong var", lambda: d.reset(t))
v.reset(t); show("after reset", lambda: v.get())
show("name type", lambda: ContextVar(1))
show("no name", lambda: ContextVar())
show("subclass", lambda: type('X', (ContextVar,), {}))
show("token new", lambda: Token())
show("ctx args", lambda: Context(1))
print(ContextVar[int], Token[int])
print(strip_addresses(repr(v)), strip_addresses(repr(d)), strip_addresses(repr(ContextVar('tmp').set(5))))
print(strip_addresses(repr(Context())))

ctx = copy_context()
print(type(ctx).__name__, len(ctx), strip_addresses(repr(list(ctx))))
v.set('outer')
def inner(x, y=0):
    v.set('inner')
    d.set(x + y)
    return v.get(), d.get()
c2 = copy_context()
print(c2.run(inner, 1, y=2), v.get(), d.get())
print(c2[v], c2.get(d), c2.get(ContextVar('zz')), c2.get(ContextVar('zz'), 'dd'), v in c2, len(c2))
print(sorted((k.name, val) for k, val in c2.items()), sorted(k.name for k in c2.keys()), sorted(map(str, c2.values())))
show("ctx key type", lambda: c2['x'])
show("ctx missing", lambda: c2[ContextVar('m')])
show("in type", lambda: 'x' in c2)
def reenter():
    return c2.run(lambda: 1)
show("reenter", lambda: c2.run(reenter))
c3 = c2.copy(); print(c3 is c2, c3[v], c3 == c2, c3 != Context())
e = Context(); print(len(e), e.run(lambda: v.get('none here')))
# token in another context
tk = c2.run(lambda: v.set('z'))
show("other ctx", lambda: v.reset(tk))
# token as context manager
with v.set('cm') as tok:
    print('in with', v.get(), tok.var.name)
print('after with', v.get())
# exceptions propagate through run and leave the context
def boom():
    v.set('boom')
    raise KeyError('k')
c4 = copy_context()
show("run raises", lambda: c4.run(boom))
print(c4[v], v.get())
show("run noargs", lambda: c4.run())
print(hash(v) == hash(v), v == v, v != d)
print(ContextVar.__module__ if hasattr(ContextVar, '__module__') else '', type(Token.MISSING).__name__)
names = ['__contains__', '__getitem__', '__iter__', '__len__', 'copy', 'get', 'items', 'keys',
         'run', 'values', 'MISSING', '__class_getitem__', '__enter__', '__exit__', 'old_value',
         'var', 'name', 'reset', 'set', '__hash__']
for cls in (Context, Token, ContextVar):
    print(cls.__name__, [n for n in names if hasattr(cls, n)])
print(Context.__hash__)
