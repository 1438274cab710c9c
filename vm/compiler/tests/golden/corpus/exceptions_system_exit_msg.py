# SystemExit with a message: printed to stderr, exit status 1.
import sys
print("about to exit")
sys.exit("fatal: configuration missing")
