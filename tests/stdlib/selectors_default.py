# oracle: python3.13
# selectors.DefaultSelector (EpollSelector on Linux), PollSelector and SelectSelector driving a
# small event loop: a listening socket, accepted connections and echoes, with register data,
# modify, unregister and get_key.
import selectors, socket

print(selectors.DefaultSelector.__name__)

def run(selector_class):
    sel = selector_class()
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    srv.setblocking(False)
    sel.register(srv, selectors.EVENT_READ, "listener")
    clients = [socket.create_connection(srv.getsockname()) for _ in range(3)]
    for i, c in enumerate(clients):
        c.sendall(b"ping %d" % i)
    replies = {}
    accepted = 0
    while len(replies) < 3:
        for key, events in sel.select(timeout=5):
            if key.data == "listener":
                conn, _ = srv.accept()
                conn.setblocking(False)
                sel.register(conn, selectors.EVENT_READ, "conn")
                accepted += 1
            else:
                data = key.fileobj.recv(100)
                key.fileobj.sendall(data.upper())
                replies[data] = True
        for c in clients:
            c.setblocking(False)
            try:
                got = c.recv(100)
            except BlockingIOError:
                continue
            finally:
                c.setblocking(True)
    key = sel.get_key(srv)
    print(selector_class.__name__, accepted, sorted(replies), key.events == selectors.EVENT_READ)
    sel.modify(srv, selectors.EVENT_READ | selectors.EVENT_WRITE, "both")
    print(sel.get_key(srv).data, len(sel.get_map()))
    for key in list(sel.get_map().values()):
        sel.unregister(key.fileobj)
        if key.fileobj is not srv:
            key.fileobj.close()
    print(len(sel.get_map()), sel.select(timeout=0))
    try:
        sel.get_key(srv)
    except KeyError as e:
        print("KeyError", type(e.args[0]).__name__)
    sel.close()
    srv.close()
    for c in clients:
        c.close()

for cls in (selectors.DefaultSelector, selectors.EpollSelector, selectors.PollSelector,
            selectors.SelectSelector):
    run(cls)
