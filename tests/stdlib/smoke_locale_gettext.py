# locale (C locale conventions, normalisation, formatting) and gettext (NullTranslations).
import locale, gettext
print(locale.setlocale(locale.LC_ALL, "C"), locale.getlocale(locale.LC_NUMERIC))
conv = locale.localeconv()
print(conv["decimal_point"], repr(conv["thousands_sep"]))
print(locale.format_string("%.2f|%d", (1234.5, 42)), locale.str(3.25), locale.atof("2.5"), locale.atoi("17"))
print(locale.normalize("en_US"), locale.normalize("de_DE.utf8"))
print(locale.strcoll("a", "b") < 0, locale.strxfrm("abc"), locale.getpreferredencoding(False) != "")
t = gettext.NullTranslations()
print(t.gettext("hello"), t.ngettext("file", "files", 2), gettext.gettext("x"), gettext.ngettext("a", "b", 1))
print(gettext.find("nonexistent_domain_xyz"), gettext.translation("nope", fallback=True).gettext("k"))
