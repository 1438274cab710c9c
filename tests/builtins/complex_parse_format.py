# complex(str), complex.from_number, __complex__, __format__ and the constructor's argument rules.
import warnings
warnings.simplefilter("ignore", DeprecationWarning)
C = complex  # (imaginary literals need the parser)
def t(f, *a):
    try:
        print(repr(f(*a)))
    except Exception as e:
        print(type(e).__name__, e)
for s in ['1', '1j', 'j', '-j', '+j', '1+j', '1-j', '(1+2j)', ' ( 1+2j ) ', '1_0+2_0j', '1__0j', '_1j', '1e5j', '1e', 'infj', '-inf+nanj', 'NaN-INFj', '1.5e-3-2.5E+2J', '(j)', '()', '', ' ', '1+2', '1+2jj', '1 + 2j', '\u0661\u0662j', '1\u3000', '(1', '1)', '1+2j)', '.5j', '5.j', '1e+5+1e-5j', 'infinityj', 'j1', '+1.5', '1+-2j', '0x1j', '\x00']:
    t(complex, s)
t(complex, '1', 2)
t(complex, 1, '2')
t(complex, b'1')
t(complex, None)
t(complex, [])
class CC:
    def __complex__(self): return C(1, 2)
class CB:
    def __complex__(self): return 1.5
class CF:
    def __float__(self): return 2.5
class CI:
    def __index__(self): return 7
t(complex, CC())
t(complex, CB())
t(complex, CF())
t(complex, CI())
t(complex, CC(), 1)
t(complex, 1, CC())
t(complex, 1, C(0, 1))
t(complex, C(0, 1), C(0, 1))
t(lambda: complex(real=1, imag=2))
t(complex.from_number, 5)
t(complex.from_number, 1.5)
t(complex.from_number, C(1, 2))
t(complex.from_number, CC())
t(complex.from_number, CF())
t(complex.from_number, CI())
t(complex.from_number, '1')
t(complex.from_number, None)
class Sub(complex): pass
t(Sub.from_number, 2)
print(type(Sub.from_number(2)))
t(C(1, 2).__complex__)
for spec in ['', '10', '<20', '^20', '.2f', 'e', 'g', '.3', '+', ' ', '-', '#', 'n', ',', '_.2f', '020', '=20', '%', 'd', 'r', '*>30.2e', 'z.1f', 'G', '.0f', 'F']:
    for v in [C(1, 2), C(-1.5, -0.0), C(0, 0), C(1e20, 1e-20), complex('nan+infj'), C(-0.0, 1), C(1234567.25, -7654321.5)]:
        t(format, v, spec)
t(repr, complex(-0.0, -0.0))
t(repr, complex(0.0, -0.0))
t(repr, complex(1e16, 1e-5))
t(repr, complex(float('nan'), float('-inf')))
print(C(1, 2) // 1 if False else '')
t(lambda: C(1, 2) // 1)
t(lambda: C(1, 2) % 1)
t(lambda: divmod(C(1, 2), 1))
t(lambda: C(1, 2) < C(2, 3))
t(lambda: int(C(1, 2)))
t(lambda: float(C(1, 2)))
t(lambda: C(0, 1) ** 2)
t(lambda: C(1, 2) == 1)
t(lambda: hash(C(1, 0)) == hash(1))
t(lambda: complex.__getnewargs__(C(1, 2)))
t(lambda: C(2, 3).real)
t(lambda: round(C(1, 2)))
t(lambda: abs(C(3, 4)))
t(lambda: C(0, 0) ** -1)
t(lambda: C(1, 1) / 0)
t(lambda: 1 / C(0, 0))
t(lambda: pow(C(0, 1), 2, 3))
t(lambda: complex(1e308, 1e308) * 10)
t(lambda: C(1e308, 1e308) ** 2)
