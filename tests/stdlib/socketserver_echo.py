# oracle: python3.13
# socketserver.ThreadingTCPServer (a thread per connection) echoing for concurrent clients and a
# UDPServer answering datagrams; serve_forever in a thread, shutdown() and server_close().
# (Not ThreadingUDPServer: its server_close() closes the socket before joining the handler
# threads that reply through it, a race in Lib that ThreadSanitizer rightly reports.)
import socket, socketserver, threading

class LineEcho(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line.upper())

class Datagram(socketserver.DatagramRequestHandler):
    def handle(self):
        self.wfile.write(self.rfile.read()[::-1])

with socketserver.ThreadingTCPServer(("127.0.0.1", 0), LineEcho) as server:
    print(server.daemon_threads, server.block_on_close, server.socket.type)
    runner = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    runner.start()

    def client(i, out):
        with socket.create_connection(server.server_address, timeout=30) as c:
            f = c.makefile("rwb")
            for j in range(25):
                f.write(b"client %d line %d\n" % (i, j))
                f.flush()
                out.append(f.readline())
            f.close()

    outputs = [[] for _ in range(10)]
    clients = [threading.Thread(target=client, args=(i, outputs[i])) for i in range(10)]
    for t in clients: t.start()
    for t in clients: t.join()
    print(sum(len(o) for o in outputs), outputs[7][3], outputs[0][-1])
    server.shutdown()
    runner.join()

with socketserver.UDPServer(("127.0.0.1", 0), Datagram) as server:
    runner = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    runner.start()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as c:
        c.settimeout(30)
        for word in (b"hello", b"datagram"):
            c.sendto(word, server.server_address)
            print(c.recvfrom(100)[0])
    server.shutdown()
    runner.join()
print("done")
