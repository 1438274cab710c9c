# The codec registry: lookup through the encodings package, custom search functions, error
# handlers, and str.encode/bytes.decode reaching registry codecs.
import codecs
import _codecs

for name in ['utf-8', 'UTF8', 'latin-1', 'cp1252', 'utf-16', 'utf_32_be', 'ascii', 'Latin_1']:
    info = codecs.lookup(name)
    print(name, '->', info.name, type(info).__name__)

try:
    codecs.lookup('no-such-codec')
except LookupError as e:
    print('LookupError', e)

seen = []
def search(name):
    seen.append(name)
    if name == 'my_codec':
        return codecs.CodecInfo(lambda s, errors='strict': (s.upper().encode('ascii'), len(s)),
                                lambda b, errors='strict': (bytes(b).decode('ascii').lower(), len(b)),
                                name='my-codec')
    return None

codecs.register(search)
print(codecs.lookup('My  Codec').name, seen)
print('hello'.encode('my-codec'), b'WORLD'.decode('my_codec'))
print(codecs.encode('abc', 'my_codec'), codecs.decode(b'ABC', 'my_codec'))
codecs.unregister(search)
try:
    codecs.lookup('my_codec')
except LookupError as e:
    print('after unregister:', e)

print('\u20ac'.encode('cp1252'), b'\x80\x99'.decode('cp1252'))
print('h\xe9'.encode('utf-16'), 'h\xe9'.encode('utf-16-be'), 'h'.encode('utf-32-le'))
print(b'\xff\xfeh\x00i\x00'.decode('utf-16'), b'\x00h'.decode('utf_16_be'))
try:
    'x\u0100'.encode('cp1252')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError', e)
print('x\u0100y'.encode('cp1252', 'replace'), 'x\u0100y'.encode('cp1252', 'xmlcharrefreplace'))
print(b'a\x81b'.decode('cp1252', 'replace'), b'a\x81b'.decode('cp1252', 'backslashreplace'))

try:
    'x'.encode('rot13')
except LookupError as e:
    print('LookupError', e)
print(codecs.encode('Hello', 'rot13'))

for h in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace',
          'surrogateescape', 'surrogatepass']:
    print(h, codecs.lookup_error(h).__name__)
try:
    codecs.lookup_error('nope')
except LookupError as e:
    print('LookupError', e)

def myhandler(exc):
    return ('<%d:%d>' % (exc.start, exc.end), exc.end)
codecs.register_error('test.mine', myhandler)
print(codecs.lookup_error('test.mine') is myhandler)
print('a\u0100\u0101b'.encode('cp1252', 'test.mine'))
print(b'a\x81\x8db'.decode('cp1252', 'test.mine'))
print('a\ud800b'.encode('utf-16-le', 'test.mine'))
for bad in [3, 'x']:
    try:
        codecs.register_error('test.bad', bad)
    except TypeError as e:
        print('TypeError', e)
def badhandler(exc):
    return 42
codecs.register_error('test.badhandler', badhandler)
try:
    'a\u0100'.encode('cp1252', 'test.badhandler')
except TypeError as e:
    print('TypeError', e)
def farhandler(exc):
    return ('', 100)
codecs.register_error('test.far', farhandler)
try:
    'a\u0100'.encode('cp1252', 'test.far')
except IndexError as e:
    print('IndexError', e)

try:
    codecs.decode(b'\xff', 'utf-8')
except UnicodeDecodeError as e:
    print('UnicodeDecodeError', e, e.__notes__)
try:
    codecs.encode(3, 'utf-8')
except TypeError as e:
    print('TypeError', e, e.__notes__)

def bad_search(name):
    return (1, 2)
codecs.register(bad_search)
try:
    codecs.lookup('bad_search_codec')
except TypeError as e:
    print('TypeError', e)
codecs.unregister(bad_search)
try:
    codecs.register(3)
except TypeError as e:
    print('TypeError', e)
try:
    _codecs.lookup(3)
except TypeError as e:
    print('TypeError', e)

print(codecs.lookup('utf-8') is codecs.lookup('utf-8'))

# Handlers registered from Python also serve the built-in UTF-8, ASCII and Latin-1 codecs.
print('a\u20acb'.encode('ascii', 'test.mine'), 'a\u20acb'.encode('latin-1', 'test.mine'))
print('a\ud800b'.encode('utf-8', 'test.mine'), b'a\xffb\xfe'.decode('utf-8', 'test.mine'))
print(b'a\x80b'.decode('ascii', 'test.mine'))
def skip_two(exc):
    return (b'<b>' if isinstance(exc, UnicodeEncodeError) else '<s>', exc.start + 2)
codecs.register_error('test.skip', skip_two)
print('x\u20ac\u20acyz'.encode('ascii', 'test.skip'), b'x\xff\xffyz'.decode('utf-8', 'test.skip'))
def nonascii(exc):
    return ('\xe9', exc.end)
codecs.register_error('test.nonascii', nonascii)
try:
    '\ud800'.encode('utf-8', 'test.nonascii')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError', e)
print('\u20ac'.encode('latin-1', 'test.nonascii'))
try:
    'x\u20ac'.encode('ascii', 'namereplace-missing')
except LookupError as e:
    print('LookupError', e)
