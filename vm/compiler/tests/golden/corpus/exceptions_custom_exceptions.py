# User-defined exception classes.
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, name):
        super().__init__(f"{name} not found")
        self.name = name
class Detailed(Exception):
    def __init__(self, code, msg):
        self.code = code
        self.msg = msg
    def __str__(self):
        return f"[{self.code}] {self.msg}"
for exc in [AppError("generic"), NotFound("user"), Detailed(404, "missing")]:
    try:
        raise exc
    except AppError as e:
        print("AppError branch:", type(e).__name__, e, e.args)
    except Exception as e:
        print("Exception branch:", type(e).__name__, e, repr(e))
try:
    raise NotFound("file")
except NotFound as e:
    print(e.name, isinstance(e, AppError), isinstance(e, Exception))
print(NotFound.__mro__)
print(repr(AppError()), repr(AppError(1, 2)), str(AppError(1, 2)), str(AppError()))
class WithRepr(ValueError):
    def __repr__(self):
        return "WithRepr!"
print(repr(WithRepr()), str(WithRepr("s")))
try:
    raise AppError
except AppError as e:
    print("class raised:", repr(e))
