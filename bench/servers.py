# Threaded servers under load: an http.server.ThreadingHTTPServer and a
# socketserver.ThreadingTCPServer echo server, each run under Weft and under CPython 3.13 and
# driven over loopback for a fixed time. Prints requests/s, errors and the server's resident
# memory (RSS) at start, middle and end of the run.
#
#   python3 bench/servers.py --weft build/release/weft [--duration 30] [--connections 16]
#
# HTTP load comes from `wrk` (apt-get install wrk); the echo load from a small threaded client
# that this script runs under CPython 3.13 (each connection sends a 64-byte line and waits for
# its echo, in a loop). The driver itself runs on any Python 3. Timings are for people: no test
# depends on them, and they vary with whatever else the machine is doing.
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import threading
import time

CPYTHON = "/root/.pyenv/versions/3.13.0/bin/python3.13"

# The servers: argv[1] is "http" or "echo"; the bound port is printed once ready.
SERVER = r'''
import http.server, socketserver, sys

class Hello(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: avoid the 40 ms stall
    body = b"Hello from a threaded server\n" * 4

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass

class Echo(socketserver.StreamRequestHandler):
    disable_nagle_algorithm = True

    def handle(self):
        for line in self.rfile:
            self.wfile.write(line)
            self.wfile.flush()

class Quiet:
    def handle_error(self, request, client_address):
        pass  # connections the load generator drops when the run ends

class EchoServer(Quiet, socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

class HttpServer(Quiet, http.server.ThreadingHTTPServer):
    request_queue_size = 128

server = (HttpServer(("127.0.0.1", 0), Hello) if sys.argv[1] == "http"
          else EchoServer(("127.0.0.1", 0), Echo))
print(server.server_address[1], flush=True)
server.serve_forever()
'''

# The echo load generator: argv = port connections seconds; prints "requests errors".
ECHO_CLIENT = r'''
import socket, sys, threading, time
port, connections, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
deadline = time.monotonic() + seconds
counts = [0] * connections
errors = [0] * connections
line = b"x" * 63 + b"\n"

def run(i):
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
                f = c.makefile("rb")
                while time.monotonic() < deadline:
                    c.sendall(line)
                    if f.readline() != line:
                        errors[i] += 1
                        break
                    counts[i] += 1
        except OSError:
            errors[i] += 1

threads = [threading.Thread(target=run, args=(i,)) for i in range(connections)]
for t in threads: t.start()
for t in threads: t.join()
print(sum(counts), sum(errors))
'''


def rss_mib(pid):
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def start_server(interpreter, script, kind):
    proc = subprocess.Popen([interpreter, script, kind], stdout=subprocess.PIPE, text=True)
    port = int(proc.stdout.readline())
    return proc, port


def http_load(port, seconds, connections):
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                          f"http://127.0.0.1:{port}/"], capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, errors + (int(non2xx.group(1)) if non2xx else 0)


def echo_load(port, seconds, connections, client):
    out = subprocess.run([CPYTHON, client, str(port), str(connections), str(seconds)],
                         capture_output=True, text=True).stdout.split()
    return int(out[0]) / seconds, int(out[1])


def measure(label, interpreter, kind, args, scripts):
    proc, port = start_server(interpreter, scripts["server"], kind)
    try:
        time.sleep(0.5)
        rss = [rss_mib(proc.pid)]
        result = {}

        def drive():
            if kind == "http":
                result["r"] = http_load(port, args.duration, args.connections)
            else:
                result["r"] = echo_load(port, args.duration, args.connections, scripts["client"])

        driver = threading.Thread(target=drive)
        driver.start()
        time.sleep(args.duration / 2)
        rss.append(rss_mib(proc.pid))
        driver.join()
        rss.append(rss_mib(proc.pid))
        rate, errors = result["r"]
        alive = proc.poll() is None
    finally:
        proc.kill()
        proc.wait()
    print(f"{kind:5} {label:8} {rate:10.0f} req/s  errors {errors:5d}  "
          f"RSS MiB start {rss[0]:6.1f} middle {rss[1]:6.1f} end {rss[2]:6.1f}"
          f"{'' if alive else '  (server died)'}", flush=True)
    return rate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weft", required=True)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("kinds", nargs="*", default=["http", "echo"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scripts = {"server": os.path.join(tmp, "server.py"), "client": os.path.join(tmp, "client.py")}
        pathlib.Path(scripts["server"]).write_text(SERVER)
        pathlib.Path(scripts["client"]).write_text(ECHO_CLIENT)
        print(f"{args.duration} s per run, {args.connections} connections, {os.cpu_count()} CPUs")
        for kind in args.kinds:
            weft = measure("weft", os.path.abspath(args.weft), kind, args, scripts)
            cpython = measure("cpython", CPYTHON, kind, args, scripts)
            print(f"{kind:5} weft/cpython throughput {weft / cpython:.2f}x", flush=True)


if __name__ == "__main__":
    sys.exit(main())
