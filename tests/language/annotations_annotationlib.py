# annotationlib and typing on top of PEP 649 class/module annotations: the VALUE, STRING and
# FORWARDREF formats (the last two re-run __annotate__ with fake globals through
# types.FunctionType).
import annotationlib
import typing
from annotationlib import Format, get_annotations


class Node:
    value: int
    next: "Node | None"
    children: list[Node]
    missing: DoesNotExist


print(get_annotations(Node, format=Format.STRING))
print(get_annotations(Node, format=Format.FORWARDREF)["missing"])
try:
    get_annotations(Node)
except NameError as e:
    print("NameError", e)
DoesNotExist = float
print(get_annotations(Node))
print(get_annotations(Node, eval_str=True)["next"])
print(annotationlib.get_annotate_from_class_namespace(dict(Node.__dict__)) is Node.__annotate__)


def f(a: int, b: Undefined) -> list[X]:
    pass


print(get_annotations(f, format=Format.STRING))
print(repr(get_annotations(f, format=Format.FORWARDREF)["b"]).split(",")[0])


class Movie(typing.TypedDict, total=False):
    title: str
    year: int


print(Movie.__annotations__, sorted(Movie.__optional_keys__))


class Hinted:
    a: int
    b: list[str]


print(typing.get_type_hints(Hinted))


class Proto(typing.Protocol):
    attr: int

    def meth(self) -> str: ...


print(sorted(typing.get_protocol_members(Proto)))
