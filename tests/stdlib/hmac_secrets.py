# hmac (new / digest / copy / compare_digest), secrets, and random's str/bytes seeds (which go
# through _sha2.sha512).
import hashlib
import hmac
import random
import secrets

print(hmac.new(b"key", b"The quick brown fox jumps over the lazy dog", "md5").hexdigest())
print(hmac.new(b"key", b"The quick brown fox jumps over the lazy dog", "sha256").hexdigest())
print(hmac.new(b"key", b"msg", hashlib.sha1).hexdigest(), hmac.digest(b"key", b"msg", "sha512").hex()[:32])
m = hmac.new(b"k" * 200, digestmod="sha384")
m.update(b"part one, ")
c = m.copy()
m.update(b"part two")
print(m.name, m.digest_size, m.block_size, m.hexdigest()[:32], c.hexdigest()[:32])
print(hmac.new(b"key", b"msg", "sha3_256").hexdigest())
print(hmac.compare_digest(b"a", b"a"), hmac.compare_digest("a", "b"), hmac.compare_digest(b"ab", b"a"))
try:
    hmac.new(b"key")
except TypeError as e:
    print("TypeError", e)

random.seed("a string")
print(random.random(), random.randint(1, 100), random.choice("abcdef"))
random.seed(b"some bytes")
print(random.random())
random.seed("a string", version=1)
print(random.random())
r = random.Random("per-instance")
print(r.random(), r.getrandbits(40))

print(len(secrets.token_bytes(16)), len(secrets.token_hex(16)), len(secrets.token_urlsafe(16)) > 16)
print(0 <= secrets.randbelow(10) < 10, secrets.choice("x"), secrets.compare_digest(b"x", b"x"))
print(secrets.randbits(8) < 256, isinstance(secrets.SystemRandom().random(), float))
