# time's calendar functions: struct_time from gmtime/localtime, mktime, strftime, strptime,
# asctime/ctime, validation messages (strptime needs int(bytearray, 2) for re's charsets), the timezone constants' types.
import time

g = time.gmtime(0)
print(g, g.tm_zone in ("UTC", "GMT"), g.tm_gmtoff)
print(time.gmtime(86400 * 365 + 3661.75))
print(time.gmtime(-1.5).tm_sec, time.gmtime(1.9).tm_sec, time.gmtime(10**10)[:3])
print(type(time.gmtime()).__name__, time.gmtime()[0] >= 2024, time.gmtime(None)[0] >= 2024)
lt = time.localtime(1_000_000)
print(type(lt).__name__, len(lt), time.mktime(lt), type(time.mktime(lt)).__name__)
print(time.gmtime(time.mktime(time.localtime(123456789))) == time.gmtime(123456789))
print(time.strftime("%Y-%m-%d %H:%M:%S %j %a %A %b %B %%", time.gmtime(86400 * 400)))
print(time.strftime("%Y %m %d", (2020, 0, 0, 0, 0, 0, 0, 0, 0)), repr(time.strftime("", g)))
print(time.strftime("é %Y ü", g), len(time.strftime("%Y")) == 4)
zoned = time.struct_time((2020, 1, 1, 0, 0, 0, 0, 1, 0), {"tm_zone": "ABC", "tm_gmtoff": 3600})
print(time.strftime("%Z %z", time.gmtime(0)), time.strftime("%Z %z", zoned))
print(time.asctime(g), time.asctime((2020, 1, 1, 0, 0, 0, 0, 1, 0)), len(time.ctime(0)))
print(time.asctime(time.gmtime(10**11)))
print(type(time.timezone).__name__, type(time.altzone).__name__, type(time.daylight).__name__,
      type(time.tzname).__name__, len(time.tzname))

def err(f, *args):
    try:
        f(*args)
    except Exception as e:
        print(type(e).__name__, e)

err(time.gmtime, float("nan"))
err(time.gmtime, "x")
err(time.gmtime, 1e300)
err(time.localtime, 10**30)
err(time.strftime, 5)
err(time.strftime, "%Y", (1, 2))
err(time.strftime, "%Y", [1] * 9)
err(time.strftime, "%Y", (2020, 1, 1, 0, 0, 0, 0, 1, 0.5))
for i, bad in enumerate([13, 32, 24, 60, 62, -1, 367]):
    fields = [2020, 1, 1, 0, 0, 0, 0, 1, 0]
    fields[i + 1] = bad
    err(time.strftime, "%Y", tuple(fields))
err(time.mktime, "x")
err(time.mktime, (1, 2))
err(time.asctime, (2020, 13, 1, 0, 0, 0, 0, 1, 0))
