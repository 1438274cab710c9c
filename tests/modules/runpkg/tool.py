import sys
print("runpkg.tool runs as", __name__, "spec", __spec__.name, "argv0 tail", sys.argv[0].rsplit("/", 1)[-1])
RESULT = "tool-result"
