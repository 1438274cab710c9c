# datetime: dates, times, timedeltas, timezones, formatting/parsing, arithmetic and comparison.
import datetime as dt
d = dt.date(2024, 2, 29)
print(d, d.isoformat(), d.weekday(), d.isoweekday(), tuple(d.isocalendar()), d.toordinal(), d.replace(year=2028))
print(d + dt.timedelta(days=1), dt.date.fromisoformat("2023-12-31"), dt.date.fromordinal(738000), d.strftime("%A %d %B %Y %j"))
t = dt.datetime(2024, 3, 10, 14, 30, 5, 123456)
print(t, repr(t), t.isoformat(timespec="milliseconds"), t.timetuple()[:6], t.date(), t.time())
utc = t.replace(tzinfo=dt.timezone.utc)
est = utc.astimezone(dt.timezone(dt.timedelta(hours=-5), "EST"))
print(utc, est, est.tzname(), est.utcoffset(), utc == est, utc.timestamp())
print(dt.datetime.fromisoformat("2024-03-10T14:30:05+02:00"), dt.datetime.fromtimestamp(0, dt.timezone.utc))
print(dt.datetime.strptime("2024-03-10 14:30", "%Y-%m-%d %H:%M"), t.strftime("%H:%M:%S.%f %p %y"))
delta = dt.timedelta(days=1, hours=25, minutes=-30, microseconds=1)
print(delta, repr(delta), delta.total_seconds(), -delta, abs(-delta), delta * 2, delta // dt.timedelta(hours=1))
print(dt.timedelta(seconds=3661) % dt.timedelta(hours=1), dt.timedelta(days=1) / 7, dt.time(23, 59, 59, 999999))
print(dt.datetime(2024, 1, 1) - dt.datetime(2023, 1, 1), sorted([dt.date(2024, 1, 2), dt.date(2023, 5, 5)]))
print(dt.date.min, dt.date.max, dt.timedelta.max, dt.MINYEAR, dt.MAXYEAR, dt.UTC is dt.timezone.utc)
for bad in [lambda: dt.date(2023, 2, 29), lambda: dt.datetime.fromisoformat("nope")]:
    try:
        bad()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
