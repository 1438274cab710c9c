# oracle: python3.13
# subprocess on _posixsubprocess.fork_exec: run, check_output, Popen pipes and communicate,
# return codes and CalledProcessError, env and cwd, timeouts, missing programs and directories,
# pass_fds / close_fds, shell=True, text mode.
import os
import subprocess
import sys
import tempfile

r = subprocess.run(["echo", "hello"], capture_output=True)
print(r.returncode, r.stdout, r.stderr, r.args)
print(subprocess.check_output(["sh", "-c", "echo out; echo err >&2"], stderr=subprocess.STDOUT))
print(subprocess.check_output(["printf", "a\\nb\\n"], text=True).splitlines())

p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE)
out, err = p.communicate(b"data in\n" * 3)
print(out, err, p.returncode, p.poll())

p = subprocess.Popen(["sh", "-c", "cat; echo to-stderr >&2; exit 7"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
out, err = p.communicate("line one\nline two\n")
print(repr(out), repr(err), p.returncode, p.wait())

# A large amount of output through communicate (both pipes drained together).
big = subprocess.run(["sh", "-c", "head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2"],
                     capture_output=True)
print(len(big.stdout), len(big.stderr))

try:
    subprocess.run(["sh", "-c", "exit 3"], check=True)
except subprocess.CalledProcessError as e:
    print("CalledProcessError", e.returncode, e)
try:
    subprocess.check_output(["sh", "-c", "echo partial; exit 4"])
except subprocess.CalledProcessError as e:
    print("CalledProcessError", e.returncode, e.output)
print(subprocess.call(["sh", "-c", "exit 5"]), subprocess.check_call(["true"]))

with tempfile.TemporaryDirectory() as d:
    env = {"FOO": "bar", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    r = subprocess.run(["sh", "-c", "echo $FOO; pwd"], env=env, cwd=d, capture_output=True,
                       text=True)
    print(r.stdout.splitlines()[0], os.path.samefile(r.stdout.splitlines()[1], d))

try:
    subprocess.run(["sleep", "10"], timeout=0.3)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", e.cmd)
p = subprocess.Popen(["sleep", "10"])
try:
    p.wait(timeout=0.1)
except subprocess.TimeoutExpired:
    print("wait timed out")
p.kill()
print(p.wait())

try:
    subprocess.run(["/nonexistent/program"])
except FileNotFoundError as e:
    print("FileNotFoundError", e.filename, e.strerror)
try:
    subprocess.run(["no-such-program-on-path-xyz"])
except FileNotFoundError as e:
    print("FileNotFoundError", e.filename)
try:
    subprocess.run(["true"], cwd="/nonexistent-directory")
except FileNotFoundError as e:
    print("FileNotFoundError", e.filename)
try:
    subprocess.run([tempfile.gettempdir()])
except PermissionError as e:
    print("PermissionError", e.strerror)

# pass_fds keeps a descriptor open in the child; close_fds closes the others.
r, w = os.pipe()
subprocess.run([sys.executable, "-c", f"import os; os.write({w}, b'through pass_fds')"],
               pass_fds=[w])
os.close(w)
print(os.read(r, 100))
os.close(r)
r, w = os.pipe()
os.set_inheritable(w, True)
probe = f"import os\ntry: os.write({w}, b'x')\nexcept OSError as e: print('closed', e.errno == 9)"
child = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
print(child.stdout.strip())
os.close(w)
os.close(r)

print(subprocess.run("echo shell $((1+2)) | tr a-z A-Z", shell=True, capture_output=True,
                     text=True).stdout, end="")
print(subprocess.getoutput("echo hi; exit 1"), subprocess.getstatusoutput("echo st; exit 2"))
print(subprocess.run([sys.executable, "-c", "import sys; sys.exit(9)"]).returncode)
p = subprocess.Popen(["sh", "-c", "kill -TERM $$"])
print(p.wait())
with subprocess.Popen(["echo", "context"], stdout=subprocess.PIPE) as p:
    print(p.stdout.read())
print(p.returncode)

# umask, start_new_session and process_group take effect in the child (fields 5 and 6 of
# /proc/self/stat are the process group and the session).
umask = subprocess.run(["sh", "-c", "umask"], umask=0o027, capture_output=True, text=True)
print(umask.stdout.strip())
LEADER = 'test "$(cut -d" " -f{} /proc/self/stat)" = "$$" && echo leader || echo member'
for kwargs in [{}, {"start_new_session": True}, {"process_group": 0}]:
    session = subprocess.run(["sh", "-c", LEADER.format(6)], capture_output=True, text=True,
                             **kwargs)
    group = subprocess.run(["sh", "-c", LEADER.format(5)], capture_output=True, text=True,
                           **kwargs)
    print(sorted(kwargs), session.stdout.strip(), group.stdout.strip())
try:
    subprocess.run(["true"], pass_fds=[-1])
except ValueError as e:
    print("ValueError", e)
