# Uncaught user-defined exception: module-qualified name, notes, carets.
class ConfigError(Exception):
    pass
def check(value):
    if value < 0:
        err = ConfigError(f"negative value: {value}")
        err.add_note("values must be >= 0")
        raise err
    return value
total = check(1) + check(2)
print(total)
result = [check(v) for v in [3, -1]]
