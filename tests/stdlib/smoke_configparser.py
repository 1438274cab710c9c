# configparser: reading strings and dicts, interpolation, typed getters, defaults, writing.
import configparser, io
cp = configparser.ConfigParser()
cp.read_string("""
[DEFAULT]
home = /srv
debug = no

[app]
path = %(home)s/app
port = 8080
ratio = 0.75
debug = yes
names = a,
    b

[empty]
""")
print(cp.sections(), cp.get("app", "path"), cp.getint("app", "port"), cp.getfloat("app", "ratio"))
print(cp.getboolean("app", "debug"), cp.getboolean("empty", "debug"), repr(cp["app"]["names"]))
print(sorted(cp["app"]), cp.has_option("empty", "home"), cp.get("empty", "missing", fallback="fb"))
cp["new"] = {"k": "v", "n": "1"}
cp.set("app", "port", "9090")
cp.remove_option("app", "ratio")
out = io.StringIO()
cp.write(out)
print(out.getvalue())
raw = configparser.RawConfigParser()
raw.read_dict({"s": {"v": "%(x)s"}})
print(raw.get("s", "v"))
ext = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation())
ext.read_string("[a]\nx = 1\n[b]\ny = ${a:x}2\n")
print(ext.get("b", "y"))
for bad in ["[s]\nk = %(missing)s\n", "[s]\n[s]\n", "k = v\n"]:
    try:
        c = configparser.ConfigParser()
        c.read_string(bad)
        c.get("s", "k")
    except configparser.Error as e:
        print(type(e).__name__, str(e).splitlines()[0])
