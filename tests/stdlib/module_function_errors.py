# Argument errors of native functions name them as CPython does: "math.floor()" for module
# functions, "list.append()" for methods, "len()" for builtins.
import math
import time
import _thread
cases = [(math.floor, ()), (math.sqrt, (1, 2)), (time.sleep, ()), (time.time, (1,)), (len, ()),
         ([].append, ()), ({}.keys, (1,)), (_thread.allocate_lock, (1,)), (abs, (1, 2))]
for func, args in cases:
    try:
        func(*args)
    except TypeError as e:
        print(e)
