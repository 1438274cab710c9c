# array details specific to CPython 3.14: the 'w' typecode in messages, the 'u' deprecation,
# iterator pickling state, _array_reconstructor's checks and machine-format conversion.
import array
import warnings


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


t(lambda: array.array('x'))
t(lambda: array.array.__new__(array.array))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    print(array.array('u', 'ab'))
    print(w[0].category.__name__, w[0].message)
it = iter(array.array('b', [1, 2]))
print(it.__reduce__()[1:])
next(it)
print(it.__reduce__()[1:])
it.__setstate__(0)
print(list(it), it.__reduce__()[1])
t(lambda: array._array_reconstructor(list, 'b', 0, b''))
t(lambda: array._array_reconstructor(array.array, 'x', 0, b''))
t(lambda: array._array_reconstructor(array.array, 'b', 99, b''))
t(lambda: array._array_reconstructor(array.array, 'b', 0, 'x'))
# Big-endian and differently sized formats are converted to the native typecode that fits.
print(array._array_reconstructor(array.array, 'h', 5, b'\x01\x02\xff\xfe'))
print(array._array_reconstructor(array.array, 'q', 13, b'\xff' * 8))
print(array._array_reconstructor(array.array, 'd', 15, b'\x3f\xc0\x00\x00'))
print(array._array_reconstructor(array.array, 'w', 19, b'\x00a\xd8\x3d\xde\x00\x00b'))
t(lambda: array._array_reconstructor(array.array, 'w', 19, b'\x00a\xd8\x3d\xde\x00'))
print(array._array_reconstructor(array.array, 'w', 20, b'b\x00\x00\x00'))
t(lambda: array._array_reconstructor(array.array, 'd', 16, b'\x00' * 3))
print(array.array('b', [1, 2, 3]).__class_getitem__(int))
t(lambda: array.array('d', [1]) * (2 ** 70))
t(lambda: array.array('b', [1]) < 3)
print(array.array('i', [1, 2]).__reduce_ex__(2)[1], array.array('b', b'ab').__reduce_ex__(3)[1][1:])
t(lambda: array._array_reconstructor(array.array, 'w', 19, b'\x00a\x00b'))
t(lambda: array._array_reconstructor(array.array, 'w', 19, b'\x00a\xd8\x3d\xde\x00\x00b'))
t(lambda: array._array_reconstructor(array.array, 'b', 19, b'\x00a\x00b'))
t(lambda: array._array_reconstructor(array.array, 'h', 0, b'\x01\x02\x03'))
t(lambda: array._array_reconstructor(array.array, 'h', 16, b'\x00'*8))
t(lambda: array._array_reconstructor(array.array, 'b', 4, b'\x00'*3))
t(lambda: array._array_reconstructor(array.array, 'd', 14, b'\x00'*4))
