# PEP 578 audit hooks raised from Python: sys.audit / sys.addaudithook.
import sys

def err(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except Exception as e:
        print(type(e).__name__, e)

print(sys.audit("nobody.listens", 1, 2))
err(sys.audit)
err(sys.audit, 1)
err(sys.audit, event="x")
seen = []
def hook(event, args):
    if event.startswith("my.") or event == "sys.addaudithook":
        seen.append((event, args))
sys.addaudithook(hook)
sys.audit("my.event", 1, "two")
print(seen)
def picky(event, args):
    if event == "my.boom":
        raise ValueError("vetoed")
sys.addaudithook(picky)
print(seen[-1])
err(sys.audit, "my.boom", 3)
print(seen[-1])
def veto_new_hooks(event, args):
    if event == "sys.addaudithook":
        raise RuntimeError("no more hooks")
sys.addaudithook(veto_new_hooks)
sys.addaudithook(lambda e, a: print("never added", e))
sys.audit("my.last")
print(len(seen))
