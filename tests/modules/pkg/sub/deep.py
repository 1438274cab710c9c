from ..leaf import hello
def deep_hello():
    return "deep: " + hello()
