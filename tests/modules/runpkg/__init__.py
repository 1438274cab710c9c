# A package run with runpy / weft -m by importlib_runpy.py (not a test itself).
print("runpkg.__init__ runs as", __name__)
