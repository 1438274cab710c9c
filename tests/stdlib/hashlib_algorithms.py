# Every guaranteed hashlib algorithm over several inputs; copy(), hexdigest, SHAKE lengths,
# the builtin modules' types and error messages, BLAKE2 parameters and file_digest.
import hashlib
import io
import _md5, _sha1, _sha2, _sha3, _blake2

INPUTS = [b"", b"abc", b"x" * 1000, bytes(range(256)) * 20, bytearray(b"mutable"),
          memoryview(b"view")]

for name in sorted(hashlib.algorithms_guaranteed):
    for data in INPUTS:
        h = hashlib.new(name, data)
        if name.startswith("shake"):
            print(name, h.hexdigest(20), h.digest(5), h.digest_size, h.block_size)
        else:
            print(name, h.hexdigest(), h.digest_size, h.block_size, h.name)
    # Incremental updates equal one-shot hashing; copies are independent.
    h = getattr(hashlib, name)(b"ab")
    c = h.copy()
    c.update(b"c")
    one_shot = getattr(hashlib, name)(b"abc")
    if name.startswith("shake"):
        print(name, "copy", h.hexdigest(8), c.hexdigest(8), c.digest(8) == one_shot.digest(8))
    else:
        print(name, "copy", h.hexdigest()[:16], c.hexdigest()[:16], c.digest() == one_shot.digest())

# Big inputs (hashed detached) and many small updates give the same digest.
big = bytes(range(256)) * 4096
h = hashlib.sha256()
for i in range(0, len(big), 1000):
    h.update(big[i:i + 1000])
print(h.hexdigest() == hashlib.sha256(big).hexdigest(), hashlib.md5(big).hexdigest())

# SHAKE: any length, prefixes agree.
s = hashlib.shake_256(b"shake")
print(s.hexdigest(0), s.hexdigest(1), s.digest(64) [:10] == s.digest(10), len(s.digest(1000)))

# The builtin modules and their types.
for o in [_md5.md5(), _sha1.sha1(), _sha2.sha224(), _sha2.sha256(), _sha2.sha384(),
          _sha2.sha512(), _sha3.sha3_224(), _sha3.sha3_256(), _sha3.sha3_384(),
          _sha3.sha3_512(), _sha3.shake_128(), _sha3.shake_256(), _blake2.blake2b(),
          _blake2.blake2s()]:
    t = type(o)
    print(t.__module__, t.__qualname__, o.name, o.digest_size, o.block_size,
          sorted(x for x in dir(o) if not x.startswith("__")))
print(_sha3.sha3_224()._capacity_bits, _sha3.sha3_224()._rate_bits, _sha3.shake_256()._suffix,
      _sha3.sha3_512()._suffix)
print(_sha2.sha256(string=b"abc").hexdigest()[:16], _sha3.sha3_224(data=b"x").hexdigest()[:16])
print(_blake2.blake2b.SALT_SIZE, _blake2.blake2b.PERSON_SIZE, _blake2.blake2s.MAX_KEY_SIZE,
      _blake2.blake2s.MAX_DIGEST_SIZE, _blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2S_SALT_SIZE)

# BLAKE2 parameters.
print(hashlib.blake2b(b"hi", digest_size=16, key=b"k", salt=b"s", person=b"p").hexdigest())
print(hashlib.blake2s(b"hi", digest_size=16, key=b"k" * 32, salt=b"s" * 8, person=b"p" * 8,
                      fanout=2, depth=3, leaf_size=5, node_offset=7, node_depth=1, inner_size=9,
                      last_node=True).hexdigest())
print(hashlib.blake2b(b"hi", fanout=0, depth=255, leaf_size=2**32 - 1, node_offset=2**64 - 1,
                      node_depth=255, inner_size=64, last_node=True).hexdigest())
print(hashlib.blake2s(b"x" * 200, key=b"secret").hexdigest(),
      hashlib.blake2b(b"x" * 300, key=b"secret" * 10).hexdigest()[:32])
for size in (1, 7, 32):
    print(size, hashlib.blake2s(b"abc", digest_size=size).hexdigest())

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for f in [lambda: s.hexdigest(-1), lambda: s.digest(), lambda: hashlib.md5("x"),
          lambda: hashlib.md5(1), lambda: hashlib.md5().update("x"), lambda: hashlib.md5().update(1),
          lambda: hashlib.sha1(data=b"a", string=b"b"), lambda: _md5.md5(foo=1),
          lambda: hashlib.sha3_256(b"a", usedforsecurity=False).hexdigest()[:8],
          lambda: _blake2.blake2b(digest_size=65), lambda: _blake2.blake2b(key=b"x" * 65),
          lambda: _blake2.blake2b(salt=b"x" * 17), lambda: _blake2.blake2b(person=b"x" * 17),
          lambda: _blake2.blake2b(fanout=256), lambda: _blake2.blake2b(depth=0),
          lambda: _blake2.blake2b(leaf_size=-1), lambda: _blake2.blake2b(node_offset=-1),
          lambda: _blake2.blake2b(node_depth=256), lambda: _blake2.blake2b(inner_size=65),
          lambda: _blake2.blake2s(digest_size=0), lambda: _blake2.blake2s(salt="x"),
          lambda: _blake2.blake2b(b"a", b"b"), lambda: _sha2.SHA256Type(),
          lambda: hashlib.new("no-such-hash"), lambda: _sha3.shake_256().digest(2**29)]:
    show(f)

# file_digest over a buffer and over a real file.
print(hashlib.file_digest(io.BytesIO(b"data"), "sha256").hexdigest())
import tempfile, os
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "f.bin")
    with open(path, "wb") as f:
        f.write(b"file contents" * 1000)
    with open(path, "rb") as f:
        print(hashlib.file_digest(f, hashlib.sha512).hexdigest()[:32])
