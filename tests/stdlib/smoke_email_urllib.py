# email (message building/parsing, headers, MIME) and urllib.parse.
import email, email.message, email.utils, email.policy
from urllib import parse
msg = email.message.EmailMessage()
msg["From"] = "A <a@example.com>"
msg["To"] = "b@example.com"
msg["Subject"] = "Hello ünïcode"
msg.set_content("Body text\n")
msg.add_attachment(b"\x00\x01", maintype="application", subtype="octet-stream", filename="x.bin")
raw = msg.as_bytes()
back = email.message_from_bytes(raw, policy=email.policy.default)
print(back["subject"], back.get_content_type(), [p.get_content_type() for p in back.iter_parts()])
print(back.get_body(("plain",)).get_content(), [a.get_filename() for a in back.iter_attachments()])
print(email.utils.parseaddr("Name <n@x.org>"), email.utils.formataddr(("N", "n@x.org")), email.utils.format_datetime(email.utils.parsedate_to_datetime("Mon, 20 Nov 1995 19:12:08 -0500")))
u = parse.urlparse("https://user:pw@host.example:8080/p/a/t/h;params?query=1&b=2#frag")
print(u.scheme, u.netloc, u.hostname, u.port, u.path, u.query, u.fragment, u.username)
print(parse.parse_qs("a=1&a=2&b=x+y"), parse.parse_qsl("k=v&e="), parse.urlencode({"q": "a b", "n": [1, 2]}, doseq=True))
print(parse.quote("a b/ü"), parse.unquote("a%20b%C3%BC"), parse.quote_plus("a+b c"), parse.urljoin("http://x/a/b", "../c"))
print(parse.urlunparse(("http", "h", "/p", "", "q=1", "")), parse.urlsplit("//h/p").netloc, parse.urldefrag("http://x/#y"))
