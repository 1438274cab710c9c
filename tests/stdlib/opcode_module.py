# _opcode: stack_effect (jump paths, specialized and pseudo instructions, messages), is_valid, the
# has_* predicates, get_nb_ops/intrinsics, get_executor; then what Lib/opcode.py and dis build on it.
import _opcode, opcode, dis
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
om = opcode.opmap
for name in ['BUILD_LIST', 'POP_TOP', 'SETUP_FINALLY', 'SETUP_WITH', 'SETUP_CLEANUP', 'JUMP', 'CALL', 'LOAD_ATTR', 'FOR_ITER', 'SEND', 'NOP', 'RETURN_VALUE', 'BINARY_OP_ADD_INT', 'INSTRUMENTED_CALL', 'CACHE', 'RESERVED', 'LOAD_CLOSURE', 'STORE_FAST_MAYBE_NULL', 'POP_BLOCK', 'JUMP_IF_TRUE', 'ENTER_EXECUTOR', 'ANNOTATIONS_PLACEHOLDER', 'JUMP_NO_INTERRUPT', 'UNPACK_EX', 'CALL_FUNCTION_EX']:
    op = om.get(name, opcode._specialized_opmap.get(name))
    print(name, op)
    t(lambda: _opcode.stack_effect(op))
    t(lambda: _opcode.stack_effect(op, 3))
    t(lambda: _opcode.stack_effect(op, 3, jump=True))
    t(lambda: _opcode.stack_effect(op, 3, jump=False))
    t(lambda: [_opcode.is_valid(op), _opcode.has_arg(op), _opcode.has_const(op), _opcode.has_name(op), _opcode.has_jump(op), _opcode.has_free(op), _opcode.has_local(op), _opcode.has_exc(op)])
t(lambda: _opcode.stack_effect(300))
t(lambda: _opcode.stack_effect(-1))
t(lambda: _opcode.stack_effect(1, 2, jump=1))
t(lambda: _opcode.stack_effect('a'))
t(lambda: _opcode.stack_effect(1, 'x'))

t(lambda: _opcode.is_valid(2**40))
t(lambda: _opcode.is_valid(1.5))
t(lambda: [i for i in range(-2, 300) if _opcode.is_valid(i)])
t(lambda: _opcode.get_executor(1, 2))
t(lambda: _opcode.get_executor((lambda: 0).__code__, 0))
t(lambda: _opcode.get_specialization_stats())
print(_opcode.get_nb_ops())
print(opcode.hasarg, opcode.hasconst, opcode.hasname, opcode.hasjump, opcode.hasfree, opcode.haslocal, opcode.hasexc)
def f(a, b=2):
    c = a + b
    return c
print(dis.code_info(f))
print(dis.stack_effect(dis.opmap['BUILD_LIST'], 3), dis.opname[1], dis.cmp_op, len(opcode.opmap), opcode.hasjump[:5])
print(dis.pretty_flags(f.__code__.co_flags))
