# logging: loggers, levels, handlers/formatters to a stream, propagation, filters, LoggerAdapter.
import io, logging
stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
root = logging.getLogger("app")
root.addHandler(handler)
root.setLevel(logging.INFO)
child = logging.getLogger("app.db")
child.debug("hidden")
child.info("connected to %s", "db1")
child.warning("slow query: %d ms", 250)
try:
    1 / 0
except ZeroDivisionError:
    child.exception("failed")
class OnlyErrors(logging.Filter):
    def filter(self, record):
        return record.levelno >= logging.ERROR
handler.addFilter(OnlyErrors())
child.warning("filtered out")
child.error("kept")
adapter = logging.LoggerAdapter(child, {"user": "u1"})
adapter.error("adapted")
lines = stream.getvalue().splitlines()
print(lines[:4], lines[-3:], any(l.startswith("Traceback") for l in lines))
print(logging.getLevelName(30), logging.getLevelName("ERROR"), child.getEffectiveLevel(), child.isEnabledFor(logging.DEBUG))
print(logging.getLogger("app.db").parent.name, logging.getLogger() is logging.root)
