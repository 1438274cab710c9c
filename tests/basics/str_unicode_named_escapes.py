# "\N{NAME}" escapes in string literals (compile-time) and in the unicode_escape codec.
import codecs

print(ascii("\N{LATIN SMALL LETTER A WITH GRAVE}\N{snowman}\N{HANGUL SYLLABLE GAG}"))
print(ascii("x\N{CJK UNIFIED IDEOGRAPH-4E00}y\N{EM DASH}z"), ascii(f"{1}\N{BULLET}{2}"))
print(ascii(r"\N{SNOWMAN}"), ascii(b"\\N{SNOWMAN}"), ascii("\\N{SNOWMAN}"), ascii(rb"\N{x}"))
print(ascii("\N{GREEK CAPITAL LETTER OMEGA}" "\N{Latin Capital Letter A}"))
print(ascii("\N{NULL}\N{LF}\N{BYTE ORDER MARK}\N{VS17}\N{LATIN CAPITAL LETTER GHA}"))
for src in ['"\\N{NO SUCH NAME}"', '"\\N{KEYCAP NUMBER SIGN}"', '"\\N{SNOWMAN"', '"\\N"', '"\\N{}"', 'f"\\N{BAD NAME} {1}"']:
    try:
        compile(src, "<test>", "eval")
        print("compiled", src)
    except SyntaxError as e:
        print("SyntaxError", e.msg)

print(ascii(codecs.decode(b"a\\N{SNOWMAN}b\\N{latin small letter e with acute}", "unicode_escape")))
print(ascii(b"\\N{DIGIT ONE}\\N{HANGUL SYLLABLE HIH}".decode("unicode_escape")))
for data in [b"\\N{KEYCAP DIGIT ONE}", b"\\N{bom}", b"\\N{NO SUCH NAME}x", b"\\N{SNOWMAN", b"\\Nx", b"ab\\N{}", b"\\N"]:
    for errors in ("strict", "replace", "ignore", "backslashreplace"):
        try:
            print(ascii(data.decode("unicode_escape", errors)), errors)
        except UnicodeDecodeError as e:
            print("UnicodeDecodeError", e)
print(ascii("\u2603".encode("unicode_escape")), ascii("\u2603".encode("raw_unicode_escape")))
print(ascii(codecs.unicode_escape_decode(b"\\N{SNOWMAN}x")))
