# A module run with runpy by importlib_runpy.py (not a test itself).
print("_runme runs as", __name__, "file", __file__.rsplit("/", 1)[-1])
ANSWER = 6 * 7
