# xml.dom.minidom (expatbuilder: DOCTYPE, entities, CDATA, namespaces), xml.sax with a
# ContentHandler, plistlib (XML plists through pyexpat), pyexpat directly (handlers, buffer_text,
# ordered/specified attributes, intern, ElementDecl models, errors module).
import io
import plistlib
import pyexpat
import xml.dom.minidom as minidom
import xml.sax
from xml.parsers import expat

doc = minidom.parseString("""<?xml version="1.0"?>
<!DOCTYPE note [<!ENTITY who "World"><!ELEMENT note (to,body)>]>
<note xmlns:h="urn:h" lang="en"><to>&who;</to><body h:style="x">Hi <![CDATA[<there>]]></body></note>""")
print(doc.documentElement.tagName, doc.doctype.name, doc.documentElement.getAttribute("lang"))
body = doc.getElementsByTagName("body")[0]
print(body.getAttributeNS("urn:h", "style"), [n.nodeType for n in body.childNodes], body.toxml())
print(doc.getElementsByTagName("to")[0].firstChild.data)
print(minidom.parseString("<a><b x='1'/>text</a>").toprettyxml(indent=" "))


class Handler(xml.sax.ContentHandler):
    def startElement(self, name, attrs):
        print("start", name, dict(attrs))

    def endElement(self, name):
        print("end", name)

    def characters(self, content):
        if content.strip():
            print("chars", repr(content))


xml.sax.parseString(b"<r a='1'><s>one</s><s>two</s></r>", Handler())
try:
    xml.sax.parseString(b"<r>", Handler())
except xml.sax.SAXParseException as e:
    print("SAXParseException", e.getMessage(), e.getLineNumber(), e.getColumnNumber())

value = {"name": "weft", "n": 3, "ok": True, "pi": 3.5, "list": [1, "two"], "data": b"\x00\x01",
         "nested": {"k": "v"}}
blob = plistlib.dumps(value)
print(blob.decode().splitlines()[:3])
print(plistlib.loads(blob) == value, plistlib.loads(blob)["data"])
try:
    plistlib.loads(b"<?xml version='1.0'?><plist><dict><key>a</key></dict></plist>")
except Exception as e:
    print(type(e).__name__, e)

p = expat.ParserCreate(namespace_separator="|")
seen = []
p.StartElementHandler = lambda name, attrs: seen.append(("start", name, attrs))
p.EndElementHandler = lambda name: seen.append(("end", name))
p.CharacterDataHandler = lambda data: seen.append(("data", data))
p.StartNamespaceDeclHandler = lambda prefix, uri: seen.append(("ns", prefix, uri))
p.ProcessingInstructionHandler = lambda t, d: seen.append(("pi", t, d))
p.CommentHandler = lambda d: seen.append(("comment", d))
p.XmlDeclHandler = lambda v, e, s: seen.append(("decl", v, e, s))
p.buffer_text = True
p.ordered_attributes = True
p.Parse(b"<?xml version='1.0' standalone='yes'?><r xmlns='urn:a' b='2' a='1'>x", False)
p.Parse("y&amp;z<?go now?><!--c--></r>", True)
for event in seen:
    print(event)
print(p.CurrentLineNumber, p.CurrentColumnNumber, p.ErrorCode, p.buffer_used, p.buffer_size)

p = expat.ParserCreate()
models = []
p.ElementDeclHandler = lambda name, model: models.append((name, model))
p.AttlistDeclHandler = lambda *a: models.append(a)
p.StartDoctypeDeclHandler = lambda *a: models.append(("doctype",) + a)
p.EntityDeclHandler = lambda *a: models.append(("entity",) + a)
p.Parse(b"""<!DOCTYPE r [<!ELEMENT r (a|b)*><!ELEMENT a EMPTY><!ELEMENT b (#PCDATA)>
<!ATTLIST a id ID #REQUIRED kind CDATA "x"><!ENTITY e "val">]><r/>""", True)
for m in models:
    print(m)
print(expat.model.XML_CTYPE_CHOICE, expat.model.XML_CQUANT_REP)

p = expat.ParserCreate()
p.intern["shared"] = "shared"
names = []
p.StartElementHandler = lambda name, attrs: names.append(name)
p.Parse(b"<shared><shared/></shared>", True)
print(names[0] is names[1], sorted(p.intern))

p = expat.ParserCreate()
p.StartElementHandler = lambda name, attrs: 1 / 0
try:
    p.Parse(b"<a/>", True)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e, p.StartElementHandler)
try:
    expat.ParserCreate().Parse(b"<a>\n<b></c>", True)
except expat.ExpatError as e:
    print(e, e.code, e.lineno, e.offset, expat.errors.messages[e.code], expat.ErrorString(e.code))
print(expat.errors.XML_ERROR_TAG_MISMATCH, expat.errors.codes[expat.errors.XML_ERROR_SYNTAX])
p = expat.ParserCreate()
p.ParseFile(io.BytesIO(b"<big>" + b"<i/>" * 2000 + b"</big>"))
print(p.CurrentByteIndex, expat.native_encoding, type(expat.version_info), expat.XMLParserType.__name__)
