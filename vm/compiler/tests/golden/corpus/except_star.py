# PEP 654 except* (golden corpus).
def simple():
    try:
        f()
    except* ValueError:
        pass


def named():
    try:
        f()
    except* ValueError as e:
        print(e)
    except* (TypeError, KeyError) as e:
        raise
    except* OSError:
        g()


def with_else_finally():
    try:
        f()
    except* ValueError as e:
        print(e)
    else:
        h()
    finally:
        done()


def nested():
    for x in y:
        try:
            try:
                f()
            except* ValueError:
                pass
        except* TypeError as t:
            print(t)


def plain_except_for_comparison():
    try:
        f()
    except ValueError as e:
        print(e)
