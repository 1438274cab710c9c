# shlex, colorsys, graphlib, ipaddress and html: splitting/quoting, colour spaces, topological order, networks, escaping.
import shlex, colorsys, graphlib, ipaddress, html
print(shlex.split("a 'b c' \"d e\" f\\ g # not a comment"), shlex.split("x # y", comments=True))
print(shlex.quote("it's"), shlex.join(["a b", "c"]), list(shlex.shlex("a=b;c", punctuation_chars=True)))
print([round(x, 4) for x in colorsys.rgb_to_hsv(0.2, 0.4, 0.6)], [round(x, 4) for x in colorsys.hls_to_rgb(0.5, 0.5, 0.5)])
ts = graphlib.TopologicalSorter({"d": {"b", "c"}, "b": {"a"}, "c": {"a"}})
print(list(ts.static_order()))
try:
    list(graphlib.TopologicalSorter({"a": {"b"}, "b": {"a"}}).static_order())
except graphlib.CycleError as e:
    print("CycleError", e.args[0])
net = ipaddress.ip_network("192.168.0.0/30")
print(list(net.hosts()), net.broadcast_address, net.num_addresses, ipaddress.ip_address("10.0.0.1") in net)
print(ipaddress.ip_address("::1").compressed, ipaddress.IPv6Address("2001:db8::1").exploded, ipaddress.ip_interface("10.1.2.3/24").network)
print(list(ipaddress.ip_network("10.0.0.0/24").subnets(new_prefix=26))[:2], ipaddress.ip_address("127.0.0.1").is_loopback)
try:
    ipaddress.ip_address("300.1.1.1")
except ValueError as e:
    print("ValueError", e)
print(html.escape("<a href='x'>&</a>"), html.unescape("&lt;&amp;&#39;&eacute;&#x263a;&notanentity;"))
