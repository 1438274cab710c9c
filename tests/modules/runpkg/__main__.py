print("runpkg.__main__ runs as", __name__, "spec", __spec__.name, "package", __package__)
