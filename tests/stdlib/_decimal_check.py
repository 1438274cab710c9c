# Helpers for the decimal_* tests: run a Context method and show its result with the flags it
# raised, or show a call's repr / exception.
from decimal import (Clamped, InvalidOperation, DivisionByZero, Inexact, Rounded, Subnormal,
                     Overflow, Underflow, FloatOperation)

SIGNALS = [Clamped, InvalidOperation, DivisionByZero, Inexact, Rounded, Subnormal, Overflow,
           Underflow, FloatOperation]


def flags(ctx):
    return ''.join(s.__name__[:3] for s in SIGNALS if ctx.flags[s])


def run(ctx, name, *args):
    """ctx.<name>(*args) as 'result[flags]' (flags cleared first)."""
    ctx.clear_flags()
    try:
        r = getattr(ctx, name)(*args)
        out = str(r) if not isinstance(r, tuple) else str(tuple(map(str, r)))
    except Exception as e:
        out = type(e).__name__
    return f'{out}[{flags(ctx)}]'


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
