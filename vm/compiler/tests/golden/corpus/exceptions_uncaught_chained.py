# Uncaught chained exceptions print both tracebacks with the linking sentence.
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError("could not parse " + repr(s)) from e
def load():
    try:
        parse("abc")
    except RuntimeError:
        raise LookupError("load failed")
print("start")
load()
