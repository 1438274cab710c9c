# decimal contexts: construction, fields, signal dicts, traps and flags, templates,
# getcontext/setcontext/localcontext, signal class hierarchy, pickling.
import decimal
import pickle
import copy
from decimal import *
from _decimal_check import show


for n in ['DecimalException', 'Clamped', 'InvalidOperation', 'ConversionSyntax',
          'DivisionImpossible', 'DivisionUndefined', 'InvalidContext', 'DivisionByZero',
          'Inexact', 'Rounded', 'Subnormal', 'Overflow', 'Underflow', 'FloatOperation']:
    cls = getattr(decimal, n)
    print(n, cls.__module__, [c.__name__ for c in cls.__mro__])

print(getcontext())
print(DefaultContext)
print(BasicContext)
print(ExtendedContext)
print(ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, ROUND_HALF_DOWN,
      ROUND_HALF_EVEN, ROUND_05UP)
print(HAVE_THREADS, HAVE_CONTEXTVAR, MAX_PREC > 10**8, MIN_EMIN < -10**8, MIN_ETINY < MIN_EMIN)

show(lambda: Context(prec=0))
show(lambda: Context(prec='a'))
show(lambda: Context(rounding='x'))
show(lambda: Context(Emin=1))
show(lambda: Context(Emax=-1))
show(lambda: Context(capitals=2))
show(lambda: Context(clamp=2))
show(lambda: Context(flags=3))
show(lambda: Context(traps=[Inexact], flags={Rounded: 1}))
show(lambda: Context(traps=[int]))
c = Context(prec=7, rounding=ROUND_DOWN, Emin=-50, Emax=60, capitals=0, clamp=1,
            traps=[Overflow], flags=[Inexact])
print(c)
print(c.prec, c.rounding, c.Emin, c.Emax, c.capitals, c.clamp, c.Etiny(), c.Etop())
c.prec = 12
c.rounding = ROUND_HALF_UP
c.Emax = 100
print(c)
show(lambda: setattr(c, 'prec', -1))
show(lambda: setattr(c, 'rounding', 'ROUND_SIDEWAYS'))
show(lambda: setattr(c, 'traps', [Inexact]))
print(c.flags)
print(c.traps[Overflow], c.traps[Inexact], len(c.traps), list(c.traps)[:3])
c.traps[Inexact] = True
print(c.traps[Inexact], c)
show(lambda: c.flags[1])
c.clear_flags()
c.clear_traps()
print(c)
d = c.copy()
d.prec = 3
print(c.prec, d.prec, type(d).__name__)
print(c.flags == {k: False for k in c.flags}, dict(c.traps) == c.traps.copy())

# Status -> flags and trapped exceptions.
ctx = Context(prec=3)
print(ctx.divide(Decimal(1), Decimal(3)), ctx.flags[Inexact], ctx.flags[Rounded])
print(ctx)
ctx.traps[Inexact] = True
try:
    ctx.divide(1, 7)
except Inexact as e:
    print('Inexact', e.args)
ctx.traps[Rounded] = True
try:
    ctx.divide(1, 7)
except DecimalException as e:
    print(type(e).__name__, e.args)
show(lambda: Decimal('abc'))
show(lambda: Decimal(1) / 0)
show(lambda: Decimal(0) / 0)
show(lambda: Decimal('inf') - Decimal('inf'))
show(lambda: Decimal(1) // 0)
show(lambda: Decimal(5) % 0)
show(lambda: getcontext().add(1.5, 1))
show(lambda: getcontext().add('1', 1))
show(lambda: Decimal(1) + 1.5)
show(lambda: Decimal(1) + 'x')

quiet = Context(traps=[])
print(quiet.divide(1, 0), quiet.divide(0, 0), quiet.create_decimal('xyz'), quiet)

# FloatOperation: set by float construction/comparison; trapped when enabled.
with localcontext() as lc:
    lc.clear_flags()
    Decimal(1.5)
    print('float flag', lc.flags[FloatOperation])
    lc.clear_flags()
    print(Decimal(1) == 1.0, lc.flags[FloatOperation])
    lc.traps[FloatOperation] = True
    show(lambda: Decimal(2.5))
    show(lambda: Decimal(1) < 1.5)
    print(Decimal(1) == 1.0)
    show(lambda: Decimal.from_float(2.5))

# Templates are copied by setcontext, contexts installed otherwise.
setcontext(DefaultContext)
print(getcontext() is DefaultContext, getcontext().prec)
mine = Context(prec=11)
setcontext(mine)
print(getcontext() is mine, Decimal(2).sqrt())
setcontext(Context())
show(lambda: setcontext(5))

with localcontext() as lc:
    lc.prec = 5
    print(Decimal(1) / 7)
print(Decimal(1) / 7)
with localcontext(Context(prec=4)) as lc:
    print(lc.prec, Decimal(2).sqrt())
with localcontext(prec=6, rounding=ROUND_UP) as lc:
    print(lc.prec, lc.rounding, Decimal(2) / 3)
show(lambda: localcontext(prec=-3))
show(lambda: localcontext(Emax='x'))
print(type(localcontext()).__name__)

# create_decimal rounds; Decimal() does not.
c5 = Context(prec=5)
print(c5.create_decimal('1.234567'), c5.create_decimal(), c5.create_decimal(10**7),
      c5.create_decimal_from_float(1.1), c5.create_decimal(Decimal('9.999999')), c5.flags)
print(c5._apply(Decimal('1.23456789')), c5._apply(12345678))
print(Context(prec=3, Emax=5, traps=[]).create_decimal('12345678'))

print(c5.__reduce__())
p = pickle.loads(pickle.dumps(c5, 2))
print(p, p.prec)
print(copy.copy(c5).prec, copy.deepcopy(c5).prec)
print(pickle.loads(pickle.dumps(Decimal("-1.50E+7"), 2)))

# Setter type and range errors, signal dict views, odd operands.
c = Context()
def setter(attr, v):
    def f():
        setattr(c, attr, v)
        return getattr(c, attr)
    return f
for attr, v in [('prec', 'x'), ('prec', 1.5), ('Emin', 'x'), ('capitals', 'x'), ('rounding', 5),
                ('prec', True), ('prec', 10**30), ('Emax', 10**6), ('clamp', 1)]:
    show(setter(attr, v))
show(lambda: Context(prec=10**30))
show(lambda: Context(Emax=1.5))
show(lambda: type(c.flags).__name__)
show(lambda: list(c.flags.items())[:2])
show(lambda: c.traps.get(Overflow))
show(lambda: c.traps.get(int, 'missing'))
show(lambda: Decimal('nan').__round__(2))
show(lambda: Decimal('1.23').__round__(None))
show(lambda: divmod(Decimal('inf'), 3))
show(lambda: (-Decimal('0'), +Decimal('-0'), abs(Decimal('-0.00'))))
show(lambda: Decimal(3).fma(2, 1.5))
show(lambda: Decimal(3).compare(1.5))
