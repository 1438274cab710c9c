# Helper for the tokenize_* tests: prints every token of a source compactly (the physical line
# only when it differs from the previous token's).
import io
import os
import tokenize


def dump_tokens(tokens):
    last_line = None
    count = 0
    try:
        for t in tokens:
            count += 1
            print(tokenize.tok_name[t.exact_type], repr(t.string), t.start, t.end)
            if t.line != last_line:
                print("   line", repr(t.line))
                last_line = t.line
    except (tokenize.TokenError, SyntaxError) as e:
        print("  ", type(e).__name__, e.args)
    return count


def dump_files(area, names, as_bytes):
    """Tokenizes tests/<area>/<name> for each name (a fixed list: when one of those programs
    changes, regenerate the expected output of the tokenize_* test that lists it)."""
    here = os.path.dirname(os.path.abspath(__file__))
    folder = os.path.join(os.path.dirname(here), area)
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            data = f.read()
        print("==", area + "/" + name)
        if as_bytes:
            n = dump_tokens(tokenize.tokenize(io.BytesIO(data).readline))
        else:
            n = dump_tokens(tokenize.generate_tokens(io.StringIO(data.decode()).readline))
        print("tokens:", n)
