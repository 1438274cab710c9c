# Arbitrary-precision integers.
a = 2 ** 100
print(a)
print(a + 1, a - 1, a * a)
print(a // 3, a % 3, -a // 7, -a % 7)
print(2 ** 64, 2 ** 63 - 1, -(2 ** 63), -(2 ** 63) - 1)
print(9223372036854775807 + 1, -9223372036854775808 - 1)
print(9223372036854775807 * 2, 3037000500 * 3037000500)
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(f // (2 ** 20), f % 1000003)
print(a >> 50, a << 3, (a - 1) & 0xFFFF, a | 1, a ^ (a - 1))
print(len(str(3 ** 500)), str(7 ** 77))
print(int("123456789012345678901234567890") * 10)
print(int("-99999999999999999999999999999") - 1)
print(a == 2 ** 100, a < a + 1, -a < a, a > 2 ** 99)
print(divmod(10 ** 30, 7 ** 20))
print(abs(-(10 ** 25)), -(10 ** 25))
print(hex(2 ** 70), bin(2 ** 65 + 1))
print(pow(2, 1000, 10 ** 9 + 7), (10 ** 20) // (10 ** 10))
print((2 ** 100).bit_length(), (-(2 ** 100)).bit_length())
print(10 ** 18 + 10 ** 18, (10 ** 18) * 9, 2 ** 62 + 2 ** 62)
print(hash(2 ** 61 - 1) == hash(2 ** 61 - 1), hash(7) == hash(7.0))
