# oracle: python3.13
# http.server.ThreadingHTTPServer with a BaseHTTPRequestHandler subclass, driven by
# http.client (keep-alive GETs, a POST with a body, a 404) and urllib.request, from several
# client threads at once.
import http.client, http.server, threading, json, urllib.request

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def reply(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.startswith("/missing"):
            self.send_error(404, "Nothing here")
            return
        self.reply(200, {"path": self.path, "agent": self.headers.get("User-Agent", "")[:6]})

    def do_POST(self):
        data = self.rfile.read(int(self.headers["Content-Length"]))
        self.reply(201, {"echo": data.decode()[::-1]})

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
runner = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
runner.start()
host, port = server.server_address

conn = http.client.HTTPConnection(host, port, timeout=30)
for path in ("/a", "/b?x=1"):
    conn.request("GET", path)
    r = conn.getresponse()
    print(r.status, r.reason, r.getheader("Content-Type"), json.loads(r.read()))
conn.request("POST", "/submit", body=b"payload", headers={"Content-Type": "text/plain"})
r = conn.getresponse()
print(r.status, r.reason, json.loads(r.read()))
conn.request("GET", "/missing")
r = conn.getresponse()
print(r.status, r.reason, len(r.read()) > 0)
conn.close()

with urllib.request.urlopen("http://%s:%d/via-urllib" % (host, port), timeout=30) as resp:
    print(resp.status, json.loads(resp.read())["path"])

results = {}
def fetch(i):
    c = http.client.HTTPConnection(host, port, timeout=30)
    ok = 0
    for j in range(10):
        c.request("GET", "/t%d/%d" % (i, j))
        r = c.getresponse()
        if r.status == 200 and json.loads(r.read())["path"] == "/t%d/%d" % (i, j):
            ok += 1
    c.close()
    results[i] = ok
threads = [threading.Thread(target=fetch, args=(i,)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(sorted(results.items()))
server.shutdown()
runner.join()
server.server_close()
