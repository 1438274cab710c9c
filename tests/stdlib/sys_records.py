# sys's struct-sequence records: field names, types and the relationships between the values
# (only values that 32-bit and 64-bit builds share are printed).
import sys

def describe(rec):
    t = type(rec)
    print(t.__name__, t.__module__, t.n_sequence_fields, t.n_fields, t.n_unnamed_fields)
    print("  fields:", t.__match_args__)
    if t is not type(sys.thread_info):  # its fields' types depend on the platform
        print("  types:", [type(getattr(rec, name)).__name__ for name in t.__match_args__])
    try:
        print("  copy equal:", t(tuple(rec)) == rec)
    except TypeError as e:
        print("  ", e)

for rec in (sys.version_info, sys.flags, sys.float_info, sys.int_info, sys.hash_info,
            sys.thread_info):
    describe(rec)

v = sys.version_info
print(v, v[:2] == (v.major, v.minor), v >= (3, 14), v < (4,), tuple(v)[3:])
print(sys.hexversion >> 16 == (v.major << 8) | v.minor)
print(sys.version.startswith("%d.%d.%d" % v[:3]))

f = sys.flags
print(f.debug, f.optimize, f.verbose, f.quiet, f.isolated,
      f.no_site, f.no_user_site, f.ignore_environment, f.bytes_warning, f.safe_path,
      f.dev_mode, f.warn_default_encoding)
print(f.int_max_str_digits == sys.get_int_max_str_digits())
print(sorted(f.__reduce__()[1][1]))
print(type(f.thread_inherit_context).__name__, type(f.context_aware_warnings).__name__)

fi = sys.float_info
print(fi)
print(fi.max == (2 - fi.epsilon) * 2.0 ** (fi.max_exp - 1), fi.epsilon == 2.0 ** (1 - fi.mant_dig))
print(sys.int_info)

h = sys.hash_info
print(h.inf == hash(float("inf")), h.nan, h.imag, h.cutoff)
print(h.width >= 32, h.modulus == 2 ** (h.width - 3) - 1 or h.modulus == 2 ** 31 - 1)
print(hash(h.modulus + 1) == 1, hash(-1) == -2)

ti = sys.thread_info
print(ti.lock in ("semaphore", "mutex+cond", None), isinstance(ti.name, str))
