# Decimal methods: quantize, integral rounding, round/floor/ceil/trunc, comparisons, predicates,
# number_class, scaleb/logb, next_*, min/max, digit-wise logical operations, shift/rotate,
# subclassing, numbers registration, pickling and copying.
import copy
import math
import numbers
import pickle
from decimal import *
from fractions import Fraction
from _decimal_check import run, show


c = Context(prec=9, traps=[])
vals = ['0', '1', '101', '1100', '111111111', '1111111111', '-1', '1E+1', '10.0', '2', 'NaN',
        'sNaN', 'Infinity', '0E+1', '00110']
for a in vals:
    print(a, run(c, 'logical_invert', Decimal(a)),
          ' '.join(run(c, op, Decimal(a), Decimal(b))
                   for op in ['logical_and', 'logical_or', 'logical_xor']
                   for b in ['0', '1', '1010', '111', '2', 'NaN']))
for a in ['123456789', '34', '12345678901', '-12', 'Infinity', 'NaN', '0', '1.2345E+7', '12E-2']:
    print(a, ' '.join(run(c, op, Decimal(a), Decimal(b)) for op in ['shift', 'rotate']
                      for b in ['0', '1', '-1', '3', '-3', '9', '-9', '10', '1.5', '1E+1', '1.0',
                                'Infinity', 'sNaN', '2E0', '-0']))

# quantize and integral rounding under every rounding mode
for rounding in [ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP,
                 ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_05UP]:
    c.rounding = rounding
    row = []
    for v in ['2.5', '-2.5', '3.5', '1.05', '-0.051', '7.149', '1.0', '15', '0.5E-3', '99.96']:
        d = Decimal(v)
        row.append(run(c, 'quantize', d, Decimal('0.1')))
        row.append(run(c, 'to_integral_exact', d))
        row.append(str(d.to_integral_value(rounding=rounding)))
    print(rounding, ' '.join(row))
print(run(c, 'quantize', Decimal('123456789'), Decimal('0.1')),
      run(c, 'quantize', Decimal('1.2'), Decimal('1E+1000000')),
      run(c, 'quantize', Decimal('Infinity'), Decimal('Infinity')),
      run(c, 'quantize', Decimal('Infinity'), Decimal('1')),
      run(c, 'quantize', Decimal('-0'), Decimal('1E+3')),
      run(c, 'quantize', Decimal('1.20'), Decimal('0.1')))
show(lambda: Decimal('1.23456').quantize(Decimal('0.01'), rounding=ROUND_UP))
show(lambda: Decimal('1.23456').quantize(Decimal('0.01'), rounding='bogus'))
show(lambda: Decimal('1.23456').quantize(Decimal('0.01'), context=Context(prec=2)))
show(lambda: Decimal('1.5').quantize(1))
show(lambda: Decimal('1.5').quantize(1.0))
for v in ['2.5', '-2.5', '3.5', '-0.4', '1E+3', '123.456', '-7.999']:
    d = Decimal(v)
    print(v, round(d), round(d, 1), round(d, -1), math.floor(d), math.ceil(d), math.trunc(d),
          int(d))
for v in ['NaN', 'Infinity', '-Infinity', 'sNaN']:
    show(lambda: round(Decimal(v)))
    show(lambda: math.floor(Decimal(v)))
show(lambda: round(Decimal('1.5'), 'x'))
show(lambda: round(Decimal('123.456'), 2))

# comparisons of all kinds
a, b = Decimal('1.5'), Decimal('2.50')
print(a < b, a <= b, a > b, a >= b, a == b, a != b, a == Decimal('1.50'))
print(Decimal(2) == 2, Decimal('2.0') == 2, Decimal('0.5') == Fraction(1, 2),
      Decimal('0.5') < Fraction(2, 3), Decimal(1) > Fraction(-5, 2), Decimal('0.5') == 0.5,
      Decimal(3) == complex(3, 0), Decimal(3) != complex(3, 1), Decimal(2) < 3, 3 > Decimal(2))
show(lambda: Decimal(1) < 'x')
show(lambda: Decimal('NaN') == Decimal('NaN'))
show(lambda: Decimal('NaN') != 1)
show(lambda: Decimal('NaN') < 1)
show(lambda: Decimal('sNaN') == 1)
print(sorted([Decimal('3'), Decimal('-1.5'), Decimal('2.25'), Decimal('0')]),
      max(Decimal(1), Decimal('1.0')), min([Decimal('0.1'), Decimal('1E-5')]))
print({Decimal('1.0'): 'a'}[1], Decimal('1.00') in {1, 2}, len({Decimal('1'), Decimal('1.0'), 1.0}))
for x, y in [('1', '1.0'), ('-1', '1'), ('NaN', '1'), ('1', 'NaN'), ('sNaN', 'NaN'),
             ('-NaN', 'NaN'), ('1E+1', '10'), ('-0', '0'), ('Infinity', '1E+999')]:
    X, Y = Decimal(x), Decimal(y)
    print(x, y, run(c, 'compare', X, Y), run(c, 'compare_signal', X, Y),
          X.compare_total(Y), X.compare_total_mag(Y), run(c, 'max', X, Y), run(c, 'min', X, Y),
          run(c, 'max_mag', X, Y), run(c, 'min_mag', X, Y), X.same_quantum(Y), X.copy_sign(Y))

# predicates and classification
small = Context(prec=5, Emin=-10, Emax=10)
for v in ['0', '-0', '1.5', '-1E-11', '1E-14', '1E+10', '-Infinity', 'NaN', '-sNaN', '123E-12']:
    d = Decimal(v)
    print(v, d.is_canonical(), d.is_finite(), d.is_infinite(), d.is_nan(), d.is_qnan(),
          d.is_snan(), d.is_signed(), d.is_zero(), d.is_normal(small), d.is_subnormal(small),
          d.number_class(small), d.number_class(), d.adjusted(), d.canonical(), d.conjugate(),
          d.copy_abs(), d.copy_negate(), d.radix(), small.is_normal(d))
print(Decimal('1.5').real, Decimal('1.5').imag, complex(Decimal('-2.5')))
for v in ['1.5', '0', '-250', 'Infinity', '1E+5', 'NaN']:
    d = Decimal(v)
    print(v, run(c, 'logb', d), run(c, 'scaleb', d, Decimal(3)), run(c, 'scaleb', d, Decimal(-2)),
          run(c, 'scaleb', d, Decimal('1.5')), run(c, 'next_plus', d), run(c, 'next_minus', d),
          run(c, 'next_toward', d, Decimal(0)), run(c, 'normalize', d), run(c, 'sqrt', d))
print(Decimal('12.3400').normalize(), Decimal('1.00E+3').normalize(), Decimal('-0.00').normalize())

# subclasses, numbers ABCs, pickling, copying
class MyDecimal(Decimal):
    def double(self):
        return self * 2

m = MyDecimal('1.25')
print(type(m).__name__, m, repr(m), m.double(), type(m + 1).__name__, isinstance(m, Decimal))
print(type(MyDecimal.from_float(0.5)).__name__, MyDecimal.from_float(0.5))
print(isinstance(Decimal(1), numbers.Number), isinstance(Decimal(1), numbers.Real),
      issubclass(Decimal, numbers.Number))
for v in [Decimal('-1.50E+7'), Decimal('NaN12'), Decimal('-Infinity'), m]:
    p = pickle.loads(pickle.dumps(v, 2))
    print(repr(p), type(p).__name__, copy.copy(v) is v, copy.deepcopy(v) is v)
print(Decimal('1.5').__reduce__())
print(Decimal(1).__ne__(1), Decimal(1).__eq__('1'))
print(sum([Decimal('0.1')] * 10), sum([Decimal('0.1')] * 10) == 1)
