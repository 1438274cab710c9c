# Decimal construction, text conversion, tuples, integer ratios, hashing and conversions.
from decimal import Decimal, getcontext, InvalidOperation, Context, FloatOperation
import fractions
from _decimal_check import show


texts = ['0', '-0', '1.5', '-1.50', '1e10', '1E+10', '-1e-10', '123.456e2', '.5', '5.',
         '0.000001', '0.0000001', '1e-7', '12345678901234567890123456789012345',
         '_1', '1__0', '1_.5', ' 12 ', '\u0661\u0662', 'inf', '-Infinity', 'INF', 'nan',
         '-NaN', 'NaN123', 'sNaN', '-sNaN45', 'nan_1', '1e', 'e5', '.', '1 0', 'abc', '',
         '+0E-5', '-.5e+2', '0E+3', '1.0E-8', '100E-2', '0.00E-3', '7E999999',
         '1e99999999999999999999']
for t in texts:
    show(lambda: Decimal(t))

for v in [0, 5, -17, 10**30, -(2**70), 1.5, 0.1, -2.5e-7, 1e300, float('inf'),
          float('-inf'), float('nan'), True]:
    show(lambda: Decimal(v))

tuples = [(0, (1, 2, 3), -2), (1, (0,), 0), (0, (), 5), (1, (1, 2), 'F'), (0, (1,), 'n'),
          (1, (4, 5), 'N'), [0, [1, 0], 2], (3, (1,), 0), (0, (1, 12), 0), (0, (1,)),
          (0, (1,), 'x'), (0, (1,), 1.5)]
for t in tuples:
    show(lambda: Decimal(t))

show(lambda: Decimal([1]))
show(lambda: Decimal(object()))
show(lambda: Decimal())
show(lambda: Decimal(Decimal('1.10')))
show(lambda: Decimal('1.5', Context(prec=1)))
show(lambda: Decimal.from_float(0.1))
show(lambda: Decimal.from_float(3))
show(lambda: Decimal.from_float('1'))
show(lambda: Decimal.from_number(1.25))
show(lambda: Decimal.from_number(Decimal('2.50')))
show(lambda: Decimal.from_number('1.5'))

for t in ['1.20', '-0', '0E-7', '123E+5', '-1.5E-10', '1234567E-3', 'inf', '-nan7',
          'snan', '0.000123', '1E+1', '10E+1', '100E+1', '1000E+1', '0E+1', '0E+2',
          '0E+3', '0E-1', '0E-2', '0E-9', '-12.345E+7']:
    d = Decimal(t)
    print(t, str(d), d.to_eng_string(), repr(d), d.as_tuple(), d.adjusted())

for t in ['1.5', '-2.25', '100', '0', '-0.0', '1E+3', '0.125']:
    d = Decimal(t)
    print(t, d.as_integer_ratio(), int(d), float(d), complex(d), bool(d))
show(lambda: Decimal('inf').as_integer_ratio())
show(lambda: Decimal('nan').as_integer_ratio())
show(lambda: int(Decimal('nan')))
show(lambda: int(Decimal('-inf')))
show(lambda: float(Decimal('snan')))
show(lambda: float(Decimal('-nan')))
show(lambda: float(Decimal('-inf')))
show(lambda: int(Decimal('-7.9')))
show(lambda: int(Decimal('123456789012345678901234567890.5')))

# Hashes agree with equal ints, floats and Fractions.
for t in ['1', '1.0', '-1', '0.5', '-0', '2.5E+3', '1E-30', '12345678901234567890.75',
          '0.1', 'inf', '-inf']:
    d = Decimal(t)
    if d.is_infinite():
        print(t, hash(d) == hash(float(t)))
        continue
    f = fractions.Fraction(t)
    print(t, hash(d) == hash(f), hash(d) == hash(float(f)) if float(f) == f else '-')
print(hash(Decimal(10**40)) == hash(10**40), hash(Decimal(-1)))
show(lambda: hash(Decimal('snan')))
n = Decimal('nan')
print(hash(n) == hash(n))

print(getcontext().flags[FloatOperation])
