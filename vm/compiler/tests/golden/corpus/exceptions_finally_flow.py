# finally with return/break/continue, nested handlers, exceptions in handlers.
def f1():
    try:
        return "try"
    finally:
        print("f1 finally")
print(f1())
def f2():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
        finally:
            print("finally", i)
    return "done"
print(f2())
def f3():
    log = []
    try:
        try:
            log.append("try")
            raise ValueError("v")
        except ValueError:
            log.append("except")
            raise TypeError("from handler")
        finally:
            log.append("inner finally")
    except TypeError as e:
        log.append("outer " + str(e))
    return log
print(f3())
def f4(n):
    try:
        if n:
            raise KeyError(n)
        return "no exc"
    except KeyError:
        return "handled"
    finally:
        print("f4 finally", n)
print(f4(0), f4(1))
def f5():
    while True:
        try:
            return "from loop"
        finally:
            print("cleanup")
print(f5())
count = 0
while count < 3:
    try:
        count += 1
        if count == 2:
            continue
    finally:
        print("iteration", count)
def nested_try():
    try:
        try:
            1 / 0
        except KeyError:
            print("wrong handler")
        else:
            print("no")
    except ZeroDivisionError as e:
        return "outer got " + str(e)
print(nested_try())
