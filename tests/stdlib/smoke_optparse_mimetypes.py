# optparse (options, defaults, callbacks, errors) and mimetypes (guessing both ways).
import contextlib, io, mimetypes, optparse
op = optparse.OptionParser(usage="%prog [options] file", prog="tool")
op.add_option("-q", "--quiet", action="store_false", dest="verbose", default=True)
op.add_option("-n", "--num", type="int", default=3, help="count [default: %default]")
op.add_option("-t", action="append", dest="tags")
op.add_option("--mode", choices=["a", "b"], default="a")
opts, args = op.parse_args(["-q", "-n", "5", "-t", "x", "-t", "y", "rest"])
print(opts.verbose, opts.num, opts.tags, opts.mode, args)
print(op.format_help())
err = io.StringIO()
with contextlib.redirect_stderr(err):
    try:
        op.parse_args(["--num", "abc"])
    except SystemExit as e:
        print("exit", e.code, err.getvalue().splitlines()[-1])
print(mimetypes.guess_type("photo.JPG"), mimetypes.guess_type("a.tar.gz"), mimetypes.guess_type("x.unknownext"))
print(mimetypes.guess_extension("text/html"), mimetypes.guess_type("data:text/plain;base64,SGk="), mimetypes.types_map[".css"])
m = mimetypes.MimeTypes()
m.add_type("application/x-weft", ".weft")
print(m.guess_type("f.weft"), m.guess_all_extensions("application/x-weft"))
