# An uncaught exception: traceback on stderr, exit status 1.
print("before")
def inner(x):
    return x["key"]
def outer():
    data = {"other": 1}
    return inner(data)
outer()
print("never")
