# xml.etree.ElementTree over pyexpat (the pure-Python XMLParser): parse, fromstring/tostring,
# namespaces, iterparse, XMLPullParser, XPath subset, errors with positions, building trees.
import io
import xml.etree.ElementTree as ET

doc = """<?xml version="1.0" encoding="UTF-8"?>
<!-- inventory -->
<inventory xmlns:x="urn:extra" version="2">
  <item id="1" kind="fruit"><name>apple</name><qty>3</qty></item>
  <item id="2" kind="veg"><name>leek &amp; onion</name><qty>10</qty><x:note>bulk</x:note></item>
  <item id="3" kind="fruit"><name>caf\u00e9 pear</name><qty>0</qty><![CDATA[<raw> & text]]></item>
</inventory>
"""
root = ET.fromstring(doc)
print(root.tag, root.attrib, len(root))
for item in root.iter("item"):
    print(item.get("id"), item.get("kind"), item.findtext("name"), int(item.find("qty").text))
print([e.tag for e in root.iter()])
print(root.find("item/{urn:extra}note").text, root.findall(".//item[@kind='fruit']/name")[1].text)
print(repr(root[2].text), repr(root[2][1].tail))
print(ET.tostring(root[0], encoding="unicode"))
tree = ET.parse(io.BytesIO(doc.encode("utf-8")))
print(tree.getroot().get("version"), tree.find("item").attrib)

events = [(ev, el.tag if hasattr(el, "tag") else el) for ev, el in
          ET.iterparse(io.BytesIO(b"<a xmlns='urn:n'><b/><c>t</c></a>"), events=("start", "end", "start-ns", "end-ns"))]
print(events)

pp = ET.XMLPullParser(events=("start", "end", "comment", "pi"))
pp.feed("<r><!-- c --><?target data?><s>1")
print([(e, getattr(x.tag, "__name__", x.tag)) for e, x in pp.read_events()])
pp.feed("</s></r>")
pp.close()
print([(e, getattr(x.tag, "__name__", x.tag)) for e, x in pp.read_events()])

for bad in ["<a><b></a>", "<a>", "<a></a><b/>", "<a x='1' x='2'/>", "<a>&undefined;</a>"]:
    try:
        ET.fromstring(bad)
    except ET.ParseError as e:
        print("ParseError", e, e.code, e.position)

top = ET.Element("top", {"a": "1"})
child = ET.SubElement(top, "child")
child.text = "x < y & z"
ET.SubElement(top, "empty")
ET.indent(top)
print(ET.tostring(top, encoding="unicode"))
print(ET.tostring(top, encoding="us-ascii", xml_declaration=True).decode())
print(ET.canonicalize("<a b='2' a='1'><c/></a>"))
parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True, insert_pis=True))
parser.feed("<d><!--n--><?p q?></d>")
r = parser.close()
print([getattr(c, "text", None) for c in r], r[0].tag is ET.Comment, r[1].tag is ET.PI)
