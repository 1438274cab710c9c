# int() parses bytes and bytearray digits, with or without a base; a memoryview only without one.
for x in (b"12", bytearray(b" 12 "), bytearray(b"-0b101"), memoryview(b"12"), b"x", bytearray(b"x")):
    label = repr(x) if not isinstance(x, memoryview) else "memoryview"
    for base in (None, 0, 10):
        try:
            print(label, base, int(x) if base is None else int(x, base))
        except (TypeError, ValueError) as e:
            print(label, base, type(e).__name__, e)
print(int(b"10"[::-1], 2), int(bytearray(b"ff"), 16))
