# Classes are collectable: a class defined in a function and dropped dies at gc.collect()
# (weak references to it are cleared, its __del__-bearing instances are finalized), whatever
# cycle it is part of (its own __mro__, methods' closures, metaclasses, instance dicts).
import gc
import weakref

gc.collect()


def make_class(tag):
    class Local:
        def __init__(self):
            self.me = self

        def method(self):
            return __class__  # the __class__ cell: one more cycle through the class

        def __del__(self):
            print("del instance of", tag)

    return Local


def class_dies():
    cls = make_class("plain")
    inst = cls()
    wr = weakref.ref(cls)
    wi = weakref.ref(inst)
    del cls, inst
    print("alive before collect:", wr() is not None, wi() is not None)
    n = gc.collect()
    print("collected something:", n > 0)
    print("alive after collect:", wr() is not None, wi() is not None)


def class_with_callback():
    events = []

    def make():
        class C:
            pass

        return C

    c = make()
    wr = weakref.ref(c, lambda r: events.append("callback"))
    del c
    gc.collect()
    print("weakref callback:", events, wr())


def metaclass_cycle():
    class Meta(type):
        registry = []

        def __new__(mcls, name, bases, ns):
            cls = super().__new__(mcls, name, bases, ns)
            mcls.registry.append(cls)  # metaclass -> class -> metaclass
            return cls

    class Base(metaclass=Meta):
        pass

    class Derived(Base):
        def __del__(self):
            print("del Derived instance")

    keep = Derived()
    keep.cls = Derived
    wm = weakref.ref(Meta)
    wb = weakref.ref(Base)
    wd = weakref.ref(Derived)
    print("subclasses:", [c.__name__ for c in Base.__subclasses__()])
    return wm, wb, wd


def instance_dict_cycle():
    def make():
        class Node:
            __slots__ = ("payload", "__dict__", "__weakref__")

        n = Node()
        n.payload = Node  # slot -> class
        n.__dict__["kind"] = type(n)  # __dict__ -> class
        Node.instance = n  # class dict -> instance
        return weakref.ref(Node), weakref.ref(n)

    wc, wn = make()
    print("node alive before:", wc() is not None, wn() is not None)
    gc.collect()
    print("node alive after:", wc() is not None, wn() is not None)


def descriptor_outlives_class():
    def make():
        class Slotted:
            __slots__ = ("x",)

        return Slotted, Slotted.__dict__["x"]

    cls, descr = make()
    wr = weakref.ref(cls)
    del cls
    gc.collect()
    # The member descriptor owns its class: both stay alive and usable.
    print("descriptor keeps class:", wr() is not None, descr.__objclass__.__name__, repr(descr))
    s = descr.__objclass__()
    descr.__set__(s, 5)
    print("descriptor works:", descr.__get__(s, None))
    del s, descr
    gc.collect()
    print("class freed with descriptor:", wr() is None)


def subclass_registry():
    class Base:
        pass

    def make():
        class Child(Base):
            pass

        return weakref.ref(Child)

    wr = make()
    gc.collect()
    print("child freed:", wr() is None, "subclasses:", Base.__subclasses__())


def resurrected_class():
    saved = []

    def make():
        class Phoenix:
            def __del__(self):
                saved.append(type(self))

        p = Phoenix()
        p.cls = Phoenix
        return weakref.ref(Phoenix)

    wr = make()
    gc.collect()
    print("resurrected class usable:", saved[0].__name__, saved[0]().__class__ is saved[0])
    saved.clear()
    gc.collect()
    print("phoenix class freed at last:", wr() is None)


def type_call_classes():
    made = [type("T%d" % i, (object,), {"x": i}) for i in range(50)]
    refs = [weakref.ref(c) for c in made]
    print("sum of x:", sum(c.x for c in made))
    del made
    gc.collect()
    print("all dynamic classes freed:", all(r() is None for r in refs))


def many_generations():
    # Classes created and dropped in a loop do not accumulate.
    refs = []
    for i in range(200):
        cls = make_class("loop") if i == 0 else type("L", (), {})
        refs.append(weakref.ref(cls))
        del cls
    gc.collect()
    print("loop classes freed:", sum(r() is None for r in refs))


class_dies()
class_with_callback()
wm, wb, wd = metaclass_cycle()
gc.collect()
print("metaclass cycle freed:", wm() is None, wb() is None, wd() is None)
instance_dict_cycle()
descriptor_outlives_class()
subclass_registry()
resurrected_class()
type_call_classes()
many_generations()
print("module classes stay:", make_class("x").__name__)
