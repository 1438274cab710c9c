# A helper module imported by import_user_module.py (not a test itself).
print("helpermod loading, __name__ =", __name__)
VALUE = 42
def double(x):
    return 2 * x
class Widget:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return f"Widget({self.n})"
_private = "hidden"
