# calendar: text calendars, month ranges, leap years, weekday arithmetic, timegm.
import calendar
print(calendar.month(2024, 2))
print(calendar.calendar(2023, w=2, l=1, c=6, m=3)[:200])
print(calendar.monthrange(2024, 2), calendar.isleap(2000), calendar.isleap(1900), calendar.leapdays(1900, 2025))
print(calendar.weekday(2026, 11, 21), calendar.day_name[calendar.weekday(2026, 11, 21)], list(calendar.month_abbr)[:4])
print(calendar.timegm((2020, 1, 1, 0, 0, 0)), calendar.firstweekday())
c = calendar.Calendar(firstweekday=6)
print(list(c.iterweekdays()), c.monthdayscalendar(2024, 2)[0], len(list(c.itermonthdates(2024, 2))))
print(calendar.TextCalendar(calendar.SUNDAY).formatmonth(2025, 1))
print(calendar.HTMLCalendar().formatmonth(2025, 1).count("<td"), calendar.MONDAY, calendar.Month.MARCH, calendar.Day.FRIDAY)
try:
    calendar.monthrange(2024, 13)
except calendar.IllegalMonthError as e:
    print(type(e).__name__, e)
