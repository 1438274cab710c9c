# Lib/csv.py over _csv: DictReader/DictWriter, Sniffer, registered dialects, files on disk.
import csv
import io
import os
import tempfile

print(csv.__version__, csv.list_dialects())
buf = io.StringIO()
w = csv.writer(buf)
w.writerow(["name", "qty", "note"])
w.writerows([["apple", 3, 'says "hi"'], ["pear, green", 0.5, ""], ["fig", None, "multi\nline"]])
text = buf.getvalue()
print(repr(text))
for row in csv.reader(io.StringIO(text, newline="")):
    print(row)

buf = io.StringIO()
dw = csv.DictWriter(buf, fieldnames=["a", "b"], extrasaction="ignore", restval="-")
dw.writeheader()
dw.writerow({"a": 1, "b": 2, "c": 3})
dw.writerow({"a": "x"})
print(repr(buf.getvalue()))
try:
    csv.DictWriter(io.StringIO(), ["a"]).writerow({"z": 1})
except ValueError as e:
    print("ValueError", e)

rows = list(csv.DictReader(io.StringIO("k,v\n1,2\n3\n4,5,6\n"), restkey="rest", restval="?"))
print(rows)
r = csv.DictReader(io.StringIO("x;y\n1;2\n"), delimiter=";")
print(r.fieldnames, next(r), r.line_num)

print(csv.get_dialect("excel").delimiter, csv.get_dialect("excel-tab").delimiter == "\t",
      repr(csv.get_dialect("unix").lineterminator), csv.unix_dialect.quoting == csv.QUOTE_ALL)
csv.register_dialect("pipes", delimiter="|", quoting=csv.QUOTE_NONE, escapechar="\\")
buf = io.StringIO()
csv.writer(buf, "pipes").writerow(["a|b", "c"])
print(repr(buf.getvalue()), list(csv.reader(["a\\|b|c"], dialect="pipes")))
csv.unregister_dialect("pipes")
try:
    csv.get_dialect("pipes")
except csv.Error as e:
    print("Error", e)


class Semi(csv.Dialect):
    delimiter = ";"
    quotechar = "'"
    doublequote = True
    skipinitialspace = False
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL


buf = io.StringIO()
csv.writer(buf, Semi).writerow(["a;b", "it's", 1])
print(repr(buf.getvalue()))
try:
    class Broken(csv.Dialect):
        delimiter = ""
        quotechar = '"'
        lineterminator = "\n"
        quoting = csv.QUOTE_MINIMAL
        doublequote = True
        skipinitialspace = False
    Broken()
except csv.Error as e:
    print("Error", e)

sample = 'id;name;score\n1;"Ann";3.5\n2;"Bob";4\n3;"Cy";5\n'
sniffer = csv.Sniffer()
d = sniffer.sniff(sample)
print(repr(d.delimiter), repr(d.quotechar), sniffer.has_header(sample))
print(list(csv.reader(io.StringIO(sample), d)))
print(csv.Sniffer().sniff("a,b,c\n1,2,3\n", delimiters=",").delimiter)

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "data.csv")
    with open(path, "w", newline="") as f:
        csv.writer(f, quoting=csv.QUOTE_NONNUMERIC).writerows([[1, "one", 1.5], [2, "two", -3]])
    with open(path, newline="") as f:
        print(repr(f.read()))
    with open(path, newline="") as f:
        print(list(csv.reader(f, quoting=csv.QUOTE_NONNUMERIC)))
    with open(path, newline="") as f:
        print([row for row in csv.DictReader(f, fieldnames=["n", "word", "x"])])
