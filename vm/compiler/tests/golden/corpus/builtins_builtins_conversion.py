# Conversions between built-in types and their error messages.
print(int("  -0012 "), int("ff", 16), int("0o17", 0), int("1e", 16), int(7.99), int("+5"))
print(float("1e-3"), float("  3.5\n"), float(2 ** 60), float("-0"), float(".5"), float("5."))
print(str(1.5), str(-0.0), str(10 ** 20), str(1e20), str(1.5e-10), str([1.0, "s"]))
print(list("xyz"), tuple([1]), set("aab") == {"a", "b"}, dict([(1, 2)]), list({1: 2}))
print(bool("False"), bool(0.0), bool(-1), bool(()), bool(range(0)))
print(repr(1.0), repr(10.0 ** 16), repr(123.456), repr(0.1 + 0.7), repr(1 / 7))
print(chr(8364), ord("€"), hex(ord("€")), "€".encode("utf-8"))
print(round(0.5), round(1.5), round(-0.5), round(2.5, 0), round(12345, -2), round(-1.25, 1))
for bad in ["", "abc", "1.5", "1 2", "0x10", "--1"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
for bad in ["", "x1", "1.2.3"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
for bad in [[1], {}, None]:
    try:
        int(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
try:
    chr(0x110000)
except ValueError as e:
    print("ValueError:", e)
