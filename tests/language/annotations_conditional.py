# PEP 649/749: annotations under if/for/while/try/with/match are included only when their
# statement ran (__conditional_annotations__); every module-level annotation is tracked.
import contextlib
import sys

flag = len(sys.argv) < 100

top: int
if flag:
    yes: str
else:
    no: bytes
for _ in range(0):
    loop_never: int
for _ in range(1):
    loop_once: float
while False:
    never: int
try:
    tried: list
    raise ValueError
except ValueError:
    handled: dict
else:
    skipped_else: set
finally:
    final: tuple
with contextlib.nullcontext():
    inside_with: complex
match 3:
    case 1:
        one: int
    case 3:
        three: int
print(sys.modules[__name__].__annotations__)


class C:
    always: int
    if flag:
        cond_yes: str
    if not flag:
        cond_no: str
    for i in range(2):
        looped: int
    try:
        raise KeyError
    except KeyError:
        in_except: bytes
    later: float


print(C.__annotations__)
print(sorted(k for k in C.__dict__ if "conditional" in k))


def factory(on):
    class K:
        base: int
        if on:
            extra: str
    return K


print(factory(True).__annotations__, factory(False).__annotations__)
