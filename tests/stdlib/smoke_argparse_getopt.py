# argparse and getopt: options, positionals, subcommands, types/choices, help text and errors.
import argparse, getopt, io, contextlib
ap = argparse.ArgumentParser(prog="tool", description="A test tool.")
ap.add_argument("-v", "--verbose", action="count", default=0)
ap.add_argument("-n", type=int, default=1, choices=range(1, 5), metavar="N")
ap.add_argument("--mode", choices=["fast", "slow"], default="fast")
ap.add_argument("--flag", action=argparse.BooleanOptionalAction, default=False)
sub = ap.add_subparsers(dest="cmd")
run = sub.add_parser("run")
run.add_argument("--times", type=float, required=True)
print(ap.parse_args(["-vv", "-n", "3", "--no-flag"]))
print(ap.parse_args(["--mode=slow", "run", "--times", "2.5"]))
print(ap.parse_known_args(["--unknown", "-v"]))
print(ap.format_help())
for argv in [["-n", "9"], ["-n", "x"], ["run"], ["--mode", "medium"]]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            ap.parse_args(argv)
        except SystemExit as e:
            print("exit", e.code, err.getvalue().splitlines()[-1])
opts, args = getopt.getopt(["-a", "-b", "val", "--long=x", "rest"], "ab:", ["long="])
print(opts, args)
print(getopt.gnu_getopt(["x", "-a", "y"], "a"))
try:
    getopt.getopt(["-z"], "a")
except getopt.GetoptError as e:
    print("GetoptError", e, e.opt)
