# oracle: python3.13
# The OpenSSL side of hashlib (_hashlib): HASH/HASHXOF objects, pbkdf2_hmac, hmac_new/digest,
# compare_digest, _constructors and the import-time probing (no "code for hash" errors).
import hashlib
import _hashlib

h = _hashlib.new("sha256", b"abc")
print(type(h).__name__, type(h).__module__, h.name, h.digest_size, h.block_size, h.hexdigest())
x = _hashlib.openssl_shake_128(b"abc")
print(type(x).__name__, type(x).__mro__[1].__name__, x.name, x.digest_size, x.hexdigest(16))
print(repr(h).startswith("<sha256 _hashlib.HASH object @ 0x"))
for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256",
             "sha3_384", "sha3_512", "sha512_224", "sha512_256", "SHA256", "blake2b", "blake2s"]:
    o = _hashlib.new(name, b"The quick brown fox")
    print(name, o.name, o.hexdigest()[:32])
print(sorted(_hashlib._constructors.values()))
print(_hashlib._constructors[_hashlib.openssl_sha256], hashlib.sha256 is _hashlib.openssl_sha256)
print({"md5", "sha1", "sha256", "sha3_256", "shake_128"} <= _hashlib.openssl_md_meth_names)
print(_hashlib.get_fips_mode(), issubclass(_hashlib.UnsupportedDigestmodError, ValueError))

# pbkdf2_hmac against RFC 6070 / RFC 7914 vectors.
print(hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 1, 20).hex())
print(hashlib.pbkdf2_hmac("sha1", b"password", b"salt", 4096).hex())
print(hashlib.pbkdf2_hmac("sha256", b"passwd", b"salt", 1, 64).hex())
print(hashlib.pbkdf2_hmac("sha512", bytearray(b"pw"), memoryview(b"salt"), 100, 10).hex())

# scrypt against RFC 7914's vectors, and its parameter checks.
print(hashlib.scrypt(b"", salt=b"", n=16, r=1, p=1, dklen=64).hex())
print(hashlib.scrypt(b"password", salt=b"NaCl", n=1024, r=8, p=16, dklen=64).hex())
print(hashlib.scrypt(bytearray(b"pw"), salt=memoryview(b"salt"), n=2, r=1, p=1).hex())

# HMAC through _hashlib.
m = _hashlib.hmac_new(b"key", b"msg", digestmod="sha256")
print(type(m).__name__, m.name, m.digest_size, m.block_size, m.hexdigest())
c = m.copy()
c.update(b"more")
print(m.hexdigest()[:16], c.hexdigest()[:16])
print(_hashlib.hmac_digest(b"key", b"msg", "md5").hex())
print(_hashlib.hmac_new(b"", b"", "sha1").hexdigest())
print(_hashlib.hmac_new(b"k", digestmod=_hashlib.openssl_sha512).hexdigest()[:16])
print(_hashlib.compare_digest(b"abc", b"abc"), _hashlib.compare_digest("abc", "abd"))

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for f in [lambda: _hashlib.new(b"sha1"), lambda: _hashlib.new("sha1", "text"),
          lambda: _hashlib.HASH(), lambda: _hashlib.hmac_new(b"k"),
          lambda: _hashlib.hmac_new("k", digestmod="sha1"),
          lambda: _hashlib.hmac_digest(b"k", b"m", len),
          lambda: _hashlib.pbkdf2_hmac("sha1", b"p", b"s", 0),
          lambda: _hashlib.pbkdf2_hmac("sha1", b"p", b"s", 1, 0),
          lambda: _hashlib.pbkdf2_hmac("sha1", b"p", b"s", 2**40),
          lambda: _hashlib.pbkdf2_hmac("sha1", b"p", b"s", 1, 2**40),
          lambda: _hashlib.compare_digest("\xe9", "\xe9"),
          lambda: _hashlib.compare_digest(1, 2),
          lambda: type(_hashlib.new("shake_256")).__name__,
          lambda: _hashlib.scrypt(b"p", salt=b"s", n=3, r=1, p=1),
          lambda: _hashlib.scrypt(b"p", salt=b"s", n=1, r=1, p=1),
          lambda: _hashlib.scrypt(b"p", salt=b"s", n=2, r=1, p=1, dklen=0),
          lambda: _hashlib.scrypt(b"p", salt=b"s", n=2, r=0, p=1),
          lambda: _hashlib.scrypt(b"p", salt=b"s", n=2, r=1, p=1, maxmem=-1),
          lambda: _hashlib.scrypt("p", salt=b"s", n=2, r=1, p=1)]:
    show(f)
