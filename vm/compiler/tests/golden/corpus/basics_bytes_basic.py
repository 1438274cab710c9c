# bytes basics.
b = b"hello"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1])
print(b + b" world", b * 2, b"el" in b, 104 in b)
print(repr(b"\x00\xff\n'"), repr(b'"'), bytes(3), bytes([65, 66, 67]))
print(b.decode(), b"caf\xc3\xa9".decode("utf-8"), "é".encode())
print(b.upper(), b.split(b"l"), b"  x ".strip(), b"-".join([b"a", b"b"]))
print(b.startswith(b"he"), b.find(b"l"), b.count(b"l"), b.replace(b"l", b"L"))
print(b.hex(), bytes.fromhex("6869"), list(b"abc"))
print(b == b"hello", b < b"help", hash(b) == hash(b"hel" + b"lo"))
try:
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
