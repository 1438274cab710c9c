print("pkg init")
PKG_CONST = "pkg"
from . import leaf
