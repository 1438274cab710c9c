# bytes and bytearray concatenate with any buffer exporter (memoryview, array), not only with
# bytes and bytearray; other operands keep CPython's TypeError.
import array

operands = [b"ab", bytearray(b"cd"), memoryview(b"ef"), array.array("B", b"gh"), "str", 7, None]
for left in (b"x", bytearray(b"y")):
    for right in operands:
        try:
            print(repr(left), "+", type(right).__name__, "->", repr(left + right))
        except TypeError as e:
            print(repr(left), "+", type(right).__name__, "TypeError:", e)

x = bytearray(b"xy")
x += memoryview(b"z")
x += array.array("B", b"!?")
print(x)
try:
    x += memoryview(x)  # the view is alive while x would be resized
except BufferError as e:
    print("BufferError:", e)
print(x)
y = bytearray(b"abc")
try:
    y += y  # its own buffer is held while it would grow
except BufferError as e:
    print("BufferError:", e)
y += bytes(y)
print(y)
try:
    y += "s"
except TypeError as e:
    print("TypeError:", e)
print(b"" + memoryview(b"") == b"", type(b"" + bytearray()).__name__)
