# oracle: python3.13
# code/codeop (incremental compilation), token, this (the Zen), pickletools, _threading_local.
import code, codeop, contextlib, io, pickle, pickletools, threading, token, _threading_local
print(codeop.compile_command("x = 1") is not None, codeop.compile_command("if x:") is None)
try:
    codeop.compile_command("x = = 1")
except SyntaxError as e:
    print("SyntaxError", e.msg)
out = io.StringIO()
interp = code.InteractiveInterpreter(locals={"y": 2})
with contextlib.redirect_stdout(out):
    interp.runsource("print(y * 21)")
print(out.getvalue().strip(), interp.runsource("for i in range(2):"))
print(token.tok_name[token.NAME], token.ISTERMINAL(token.OP), token.EXACT_TOKEN_TYPES["+="] == token.PLUSEQUAL)
with contextlib.redirect_stdout(io.StringIO()) as zen:
    import this
print(zen.getvalue().splitlines()[0])
buf = io.StringIO()
pickletools.dis(pickle.dumps([1, "a"], 2), out=buf)
print([line.split()[1] for line in buf.getvalue().splitlines() if line.strip()][:4])
print(pickletools.optimize(pickle.dumps((1, 2), 2)) != b"")
local = _threading_local.local()
local.v = "main"
seen = []
t = threading.Thread(target=lambda: seen.append(getattr(local, "v", None)))
t.start()
t.join()
print(local.v, seen)
