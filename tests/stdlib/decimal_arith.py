# Decimal arithmetic under every rounding mode and several precisions: results and the flags
# each operation raises (Inexact, Rounded, Subnormal, Underflow, Overflow, Clamped...).
from decimal import *
from _decimal_check import run

ROUNDINGS = [ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP,
             ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_05UP]


operands = ['0', '-0', '1', '-1', '2', '3', '7', '-7', '9.5', '0.5', '-2.5', '1.05', '123456789',
            '9999999', '0.0001', '1E+5', '1.000', '12.345', '-0.00', '5E-3', '6.02E+23',
            '1.23456789E-7', 'Infinity', '-Infinity', 'NaN', '-sNaN3', '44444', '0.5555']
values = [Decimal(v) for v in operands]
ops = ['add', 'subtract', 'multiply', 'divide', 'divide_int', 'remainder', 'remainder_near',
       'divmod', 'compare', 'max', 'min', 'max_mag', 'min_mag', 'compare_total', 'quantize',
       'power', 'next_toward', 'copy_sign', 'same_quantum']
ctx = Context(traps=[])
for prec in (3, 9):
    ctx.prec = prec
    for rounding in ROUNDINGS:
        ctx.rounding = rounding
        print('==', prec, rounding)
        for name in ops:
            row = []
            for i, a in enumerate(values[::3]):
                for b in values[i % 3::4]:
                    if name == 'power' and (not b.is_nan() and b.is_finite() and b != b.to_integral_value()):
                        continue
                    if name == 'power' and b.is_finite() and abs(b) > 100:
                        continue
                    row.append(run(ctx, name, a, b))
            print(name, ' '.join(row))
        for name in ['plus', 'minus', 'abs', 'sqrt', 'normalize', 'to_integral_value',
                     'to_integral_exact', 'next_plus', 'next_minus', 'logb', 'number_class']:
            print(name, ' '.join(run(ctx, name, a) for a in values))

# Operators use the current context and accept ints.
with localcontext(Context(prec=5, traps=[])) as c:
    a, b = Decimal('1.23456'), Decimal('7')
    print(a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b), -a, +a, abs(-a), a ** 3)
    print(1 + a, 2 - a, 3 * a, 4 / a, 5 // a, 6 % a, divmod(7, a), 2 ** Decimal(3))
    print(Decimal(-7) // 2, Decimal(-7) % 2, Decimal(7) % -2, divmod(Decimal(-7), 2))
    print(c.flags[Inexact], c.flags[Rounded])

# Overflow, underflow, subnormals and clamping.
small = Context(prec=4, Emin=-5, Emax=5, traps=[])
for rounding in ROUNDINGS:
    small.rounding = rounding
    print(rounding, run(small, 'multiply', Decimal('9999'), Decimal('999')),
          run(small, 'multiply', Decimal('-9999'), Decimal('999')),
          run(small, 'divide', Decimal('1'), Decimal('3E+7')),
          run(small, 'divide', Decimal('-1'), Decimal('7E+5')),
          run(small, 'multiply', Decimal('1.234E-5'), Decimal('0.1')),
          run(small, 'add', Decimal('0E+10'), Decimal('0')),
          run(small, 'plus', Decimal('1.23456E-7')),
          run(small, 'plus', Decimal('9.9999E+5')),
          run(small, 'next_plus', Decimal('9.999E+5')),
          run(small, 'next_minus', Decimal('-Infinity')),
          run(small, 'next_toward', Decimal('1E-8'), Decimal('0')))
small.clamp = 1
print(run(small, 'plus', Decimal('1E+5')), run(small, 'plus', Decimal('0E+9')),
      run(small, 'normalize', Decimal('1.000E+5')), run(small, 'scaleb', Decimal(1), Decimal(5)))
print(run(small, 'create_decimal', 'NaN123456'), run(small, 'plus', Decimal('NaN123456')))

# Large exponent gaps and long coefficients round exactly once.
big = Context(prec=10, traps=[])
print(run(big, 'add', Decimal('1E+100'), Decimal('1E-100')),
      run(big, 'subtract', Decimal('1E+100'), Decimal('1E-100')),
      run(big, 'add', Decimal('1'), Decimal('-1E-30')),
      run(big, 'add', Decimal('123'), Decimal('0E-50')),
      run(big, 'add', Decimal('0E+50'), Decimal('-123')),
      run(big, 'divide', Decimal(2) ** 200, Decimal(3) ** 50),
      run(big, 'fma', Decimal('1E+20'), Decimal('3'), Decimal('-3E+20')),
      run(big, 'fma', Decimal('12345678901'), Decimal('12345678901'), Decimal(1)),
      run(big, 'divide_int', Decimal('1E+20'), Decimal(3)),
      run(big, 'remainder', Decimal('1E+20'), Decimal(3)),
      run(big, 'remainder', Decimal('1E+5'), Decimal('0.0003')),
      run(big, 'power', Decimal('1.0000001'), Decimal(1000000)),
      run(big, 'power', Decimal(2), Decimal(-30)),
      run(big, 'power', Decimal(0), Decimal(0)),
      run(big, 'power', Decimal(0), Decimal(-2)),
      run(big, 'power', Decimal('-Infinity'), Decimal(3)),
      run(big, 'power', Decimal(1), Decimal('Infinity')),
      run(big, 'sqrt', Decimal('1E-7')),
      run(big, 'sqrt', Decimal('0.0400')),
      run(big, 'sqrt', Decimal('-0')),
      run(big, 'sqrt', Decimal('-4')),
      run(big, 'logb', Decimal(0)))
