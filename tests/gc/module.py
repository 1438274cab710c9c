# The gc module's API: switches, thresholds, tracking queries, referents/referrers, callbacks,
# freeze, constants and argument errors.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())

old = gc.get_threshold()
print(len(old), old[0] > 0)
gc.set_threshold(500)
print(gc.get_threshold()[0])
gc.set_threshold(700, 11, 12)
print(gc.get_threshold())
gc.set_threshold(*old)
for bad in [(), (1, 2, 3, 4)]:
    try:
        gc.set_threshold(*bad)
    except TypeError as e:
        print("TypeError", e)

count = gc.get_count()
print(type(count).__name__, len(count))

print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked(None), gc.is_tracked([]))


class C:
    pass


print(gc.is_tracked(C()), gc.is_tracked(lambda: 0))
try:
    gc.is_tracked()
except TypeError as e:
    print("TypeError", e)

print(sorted(gc.get_referents([1, 2], [3, 4])))
print(gc.get_referents(1, "x"))
target = []
holder = [target]
refs = gc.get_referrers(target)
print(any(r is holder for r in refs))

objs = gc.get_objects()
print(type(objs).__name__, any(o is holder for o in objs))
for g in [3]:
    try:
        gc.get_objects(g)
    except ValueError as e:
        print("ValueError", e)
for g in [3, -1, "x"]:
    try:
        gc.collect(g)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

print(gc.collect(0) >= 0, gc.collect(generation=1) >= 0)

phases = []


def cb(phase, info):
    phases.append((phase, sorted(info)))


gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(phases)


stats = gc.get_stats()
print(len(stats), sorted(stats[0]))

print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL,
      gc.DEBUG_LEAK)
print(gc.garbage, gc.callbacks)

print(gc.get_freeze_count())
gc.freeze()
print(gc.get_freeze_count() > 0)
frozen_cycle = []
frozen_cycle.append(frozen_cycle)
gc.unfreeze()
print(gc.get_freeze_count())
