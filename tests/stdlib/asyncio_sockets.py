# oracle: python3.13
# The event loop's socket layer: sock_accept/sock_connect/sock_recv/sock_sendall on
# non-blocking sockets, add_reader on a socket pair, a UDP datagram endpoint, asyncio.to_thread
# and a Protocol-based TCP server.
import asyncio, socket

class Upper(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data.upper())
        if data.endswith(b"."):
            self.transport.close()

class Reverse(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(data[::-1], addr)

class Collect(asyncio.DatagramProtocol):
    def __init__(self, done):
        self.done = done

    def datagram_received(self, data, addr):
        self.done.set_result(data)

async def main():
    loop = asyncio.get_running_loop()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    client = socket.socket()
    client.setblocking(False)
    accepted, _ = await asyncio.gather(loop.sock_accept(listener),
                                       loop.sock_connect(client, listener.getsockname()))
    conn, addr = accepted
    await loop.sock_sendall(client, b"over the loop " * 1000)
    received = b""
    while len(received) < 14000:
        received += await loop.sock_recv(conn, 65536)
    print(len(received), received[:14])
    for s in (client, conn, listener):
        s.close()

    a, b = socket.socketpair()
    a.setblocking(False)
    ready = loop.create_future()
    loop.add_reader(a, lambda: ready.set_result(a.recv(100)))
    b.send(b"readable")
    print(await ready, loop.remove_reader(a))
    a.close(); b.close()

    transport, _ = await loop.create_datagram_endpoint(Reverse, local_addr=("127.0.0.1", 0))
    done = loop.create_future()
    sender, _ = await loop.create_datagram_endpoint(lambda: Collect(done),
                                                    remote_addr=transport.get_extra_info("sockname"))
    sender.sendto(b"datagram")
    print(await asyncio.wait_for(done, 10))
    sender.close(); transport.close()

    print(await asyncio.to_thread(lambda x: x * 2, 21))

    server = await loop.create_server(Upper, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname()[:2])
    writer.write(b"protocol server.")
    print(await reader.read())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()

asyncio.run(main())
