# oracle: python3.13
# asyncio streams over loopback: asyncio.start_server + open_connection with several concurrent
# clients, readline/readexactly/read, drain, and an orderly close on both sides.
import asyncio

async def handle(reader, writer):
    peer_ok = writer.get_extra_info("peername")[0] == "127.0.0.1"
    while line := await reader.readline():
        if line == b"BYE\n":
            break
        writer.write(line.upper())
        await writer.drain()
    size = int(await reader.readexactly(4))
    payload = await reader.readexactly(size)
    writer.write(b"%d:%d\n" % (len(payload), payload.count(b"z")))
    await writer.drain()
    writer.write(b"closing" if peer_ok else b"??")
    writer.close()
    await writer.wait_closed()

async def client(port, i):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = []
    for j in range(5):
        writer.write(b"client %d says %d\n" % (i, j))
        await writer.drain()
        lines.append(await reader.readline())
    writer.write(b"BYE\n")
    writer.write(b"%4d" % 0)  # an empty sized payload
    await writer.drain()
    tail = await reader.readline()
    rest = await reader.read()
    writer.close()
    await writer.wait_closed()
    return lines[-1], tail, rest

async def big_transfer(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"BYE\n")
    payload = b"z" * 300000
    writer.write(b"%4d" % 9999)
    writer.write(payload[:9999])
    await writer.drain()
    tail = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return tail

async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        results = await asyncio.gather(*(client(port, i) for i in range(6)))
        for r in results:
            print(r)
        print(await big_transfer(port))
    print("server closed", not server.is_serving())

asyncio.run(main())
