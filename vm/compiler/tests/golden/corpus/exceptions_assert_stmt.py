# assert statements.
assert True
assert 1 == 1, "never shown"
try:
    assert False
except AssertionError as e:
    print("AssertionError:", repr(e), e.args)
try:
    assert 1 > 2, "one is not greater than two"
except AssertionError as e:
    print("AssertionError:", e)
try:
    x = []
    assert x, f"list was {x!r}"
except AssertionError as e:
    print("AssertionError:", e)
