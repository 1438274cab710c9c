# Integer arithmetic, small and large, with Python's floor semantics.
print(1 + 2, 7 - 10, 6 * 7, 2 ** 10, 2 ** 0)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5))
print(7 / 2, -7 / 2, 1 / 3, 10 / 5)
print(2 ** -1, 2 ** -2, (-2) ** 3, (-2) ** 2)
print(1 << 10, 1024 >> 3, -1 >> 5, -16 >> 2, 5 << 0)
print(0b1010 & 0b0110, 0b1010 | 0b0110, 0b1010 ^ 0b0110, ~5, ~-1, ~0)
print(-5, +5, -(-5), abs(-12), abs(12))
print(0x_ff, 0o17, 0b_1111, 1_000_000)
print(int("42"), int("-17"), int("  12  "), int("0x1f", 16), int("z", 36), int("0b101", 0))
print(int(3.9), int(-3.9), int(True), int("1_000"))
print(round(7), round(7, -1), round(15, -1), round(25, -1))
print((5).bit_length(), (255).bit_length(), (0).bit_length(), (-8).bit_length())
print(10 == 10, 10 != 10, 3 < 4, 4 <= 4, 5 > 6, 6 >= 7)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 == 2)
print(hash(1), hash(-1), hash(0), hash(12345))
print(pow(3, 4), pow(3, 4, 5), pow(2, 100, 1000007))
print(max(3, 9, 4), min(3, 9, 4), sum([1, 2, 3, 4]))
x = 10
x += 5
x -= 3
x *= 2
x //= 5
x **= 3
x %= 7
print(x)
print(hex(255), oct(8), bin(10), hex(-255), bin(-3))
print(int.__name__, type(5).__name__, isinstance(5, int), isinstance(True, int))
print(str(123), repr(-45), 5 .real, (5).imag if hasattr(5, "imag") else None)
