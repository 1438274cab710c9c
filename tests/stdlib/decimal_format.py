# Decimal.__format__: types e/E/f/F/g/G/n/%, precision, width, fill/alignment, sign, zero
# padding, thousands separators, specials, rounding with the context's mode and capitals.
from decimal import Decimal, localcontext, ROUND_DOWN, ROUND_UP, ROUND_HALF_UP

specs = ['', 'e', 'E', 'f', 'F', 'g', 'G', '%', 'n', '.2f', '.0f', '.3e', '.0e', '.2g', '.0g',
         '.10g', '10.2f', '<10', '^11.3', '=+12.4f', '0=12,.2f', '012,.2f', '+', ' ', '-',
         ',', ',.3f', '*>15.3E', 'x<8', '.3%', '.1', '.30', '020', ',g', '.2n', '015.2e',
         '\u00e9^9', '>+9.1%', ',.0f', '30,.12e', ' 08.3']
values = ['0', '-0', '1.5', '-1234567.891', '1E+5', '0E+3', '-0.000', '123.456',
          '1.23456789E-10', '9.995', '-Infinity', 'NaN', '-sNaN', '12345678901234567890',
          '0.5', '2.5', '1E-7', '-0.001', '0.0001234', '-9.9999E+9', '100']
for v in values:
    d = Decimal(v)
    print(v, '|'.join(format(d, s) for s in specs))

for rounding in (ROUND_DOWN, ROUND_UP, ROUND_HALF_UP):
    with localcontext(rounding=rounding, capitals=0):
        print(rounding, format(Decimal('1.995'), '.2f'), format(Decimal('-2.5'), '.0f'),
              format(Decimal('1E+20'), ''), format(Decimal('123456'), '.3'),
              format(Decimal('0.000012345'), '.3e'))
print(f"{Decimal('3.14159'):.3f} {Decimal('1000000'):,} {Decimal('-42.5'):+010.2f}")
print('{:>12}|{:<12}|{:^12}'.format(Decimal('1.1'), Decimal('-2.2'), Decimal('3.3')))
try:
    format(Decimal(1), 5)
except TypeError as e:
    print('TypeError', e)
