#!/usr/bin/env python3
"""Generates vm/opcodes.def, Weft's single table of CPython 3.14 instructions.

Inputs, in order of authority:
  * Lib/_opcode_metadata.py (CPython 3.14.2, read from python_stdlib.zip): opcode numbers,
    specialization families, HAVE_ARGUMENT, MIN_INSTRUMENTED_OPCODE.
  * Lib/opcode.py: `_cache_format`, the inline-cache layout of each family.
  * The hand-maintained tables below: instruction flags (CPython exposes them only through the
    C module `_opcode`, which Weft implements from this table) and the stack effect of every
    instruction as C++ expressions of `oparg` (learnt from CPython's
    Include/internal/pycore_opcode_metadata.h).

`--verify` (run it under a real CPython 3.14, e.g. shared/tools/cpython314) checks the hand
tables against that interpreter's `_opcode` module: has_arg/has_const/..., and the net stack
effect for a range of opargs, jump and no-jump.

Usage:
  gen_opcodes.py [--stdlib python_stdlib.zip] [--out vm/opcodes.def]
  cpython314 gen_opcodes.py --verify
"""
import argparse
import ast
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# ---------------------------------------------------------------------------------------------
# Flags. Names mirror CPython's HAS_*_FLAG; the sets list instructions by *name*, so a
# specialized instruction states its own flags (CPython's metadata differs between members of a
# family, e.g. CALL_LEN has no HAS_ARG because it ignores its oparg).
# ---------------------------------------------------------------------------------------------
HAS_ARG_FALSE_ABOVE_HAVE_ARGUMENT = {
    # Instructions numbered above HAVE_ARGUMENT whose body never reads oparg (specialized
    # members, instrumented twins, some pseudo instructions).
    'BINARY_OP_ADD_FLOAT', 'BINARY_OP_ADD_INT', 'BINARY_OP_ADD_UNICODE', 'BINARY_OP_EXTEND',
    'BINARY_OP_MULTIPLY_FLOAT', 'BINARY_OP_MULTIPLY_INT', 'BINARY_OP_SUBSCR_DICT',
    'BINARY_OP_SUBSCR_GETITEM', 'BINARY_OP_SUBSCR_LIST_INT', 'BINARY_OP_SUBSCR_LIST_SLICE',
    'BINARY_OP_SUBSCR_STR_INT', 'BINARY_OP_SUBSCR_TUPLE_INT', 'BINARY_OP_SUBTRACT_FLOAT',
    'BINARY_OP_SUBTRACT_INT', 'CALL_LEN', 'RESUME_CHECK', 'STORE_ATTR_INSTANCE_VALUE',
    'STORE_ATTR_SLOT', 'STORE_SUBSCR_DICT', 'STORE_SUBSCR_LIST_INT', 'TO_BOOL_ALWAYS_TRUE',
    'TO_BOOL_BOOL', 'TO_BOOL_INT', 'TO_BOOL_LIST', 'TO_BOOL_NONE', 'TO_BOOL_STR',
    'INSTRUMENTED_END_FOR', 'INSTRUMENTED_POP_ITER', 'INSTRUMENTED_END_SEND',
    'INSTRUMENTED_INSTRUCTION', 'INSTRUMENTED_NOT_TAKEN', 'INSTRUMENTED_RETURN_VALUE',
    'INSTRUMENTED_CALL_FUNCTION_EX', 'INSTRUMENTED_LINE', 'ANNOTATIONS_PLACEHOLDER',
    'POP_BLOCK',
}
HAS_ARG_BELOW_HAVE_ARGUMENT = set()  # no instruction below HAVE_ARGUMENT takes an oparg

HAS_CONST = {'LOAD_CONST', 'LOAD_CONST_IMMORTAL', 'LOAD_CONST_MORTAL'}
HAS_NAME = {
    'DELETE_ATTR', 'DELETE_GLOBAL', 'DELETE_NAME', 'IMPORT_FROM', 'IMPORT_NAME', 'LOAD_ATTR',
    'LOAD_FROM_DICT_OR_GLOBALS', 'LOAD_GLOBAL', 'LOAD_NAME', 'LOAD_SUPER_ATTR', 'STORE_ATTR',
    'STORE_GLOBAL', 'STORE_NAME', 'LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN', 'LOAD_ATTR_WITH_HINT',
    'LOAD_SUPER_ATTR_ATTR', 'LOAD_SUPER_ATTR_METHOD', 'STORE_ATTR_WITH_HINT',
    'INSTRUMENTED_LOAD_SUPER_ATTR',
}
HAS_JUMP = {
    'END_ASYNC_FOR', 'FOR_ITER', 'JUMP_BACKWARD', 'JUMP_BACKWARD_NO_INTERRUPT', 'JUMP_FORWARD',
    'POP_JUMP_IF_FALSE', 'POP_JUMP_IF_NONE', 'POP_JUMP_IF_NOT_NONE', 'POP_JUMP_IF_TRUE', 'SEND',
    'FOR_ITER_LIST', 'FOR_ITER_RANGE', 'FOR_ITER_TUPLE', 'JUMP_BACKWARD_JIT',
    'JUMP_BACKWARD_NO_JIT', 'INSTRUMENTED_FOR_ITER', 'INSTRUMENTED_END_ASYNC_FOR',
    'JUMP', 'JUMP_IF_FALSE', 'JUMP_IF_TRUE', 'JUMP_NO_INTERRUPT',
}
HAS_FREE = {'DELETE_DEREF', 'LOAD_FROM_DICT_OR_DEREF', 'MAKE_CELL', 'STORE_DEREF'}
HAS_LOCAL = {
    'BINARY_OP_INPLACE_ADD_UNICODE', 'DELETE_FAST', 'LOAD_DEREF', 'LOAD_FAST',
    'LOAD_FAST_AND_CLEAR', 'LOAD_FAST_BORROW', 'LOAD_FAST_BORROW_LOAD_FAST_BORROW',
    'LOAD_FAST_CHECK', 'LOAD_FAST_LOAD_FAST', 'STORE_FAST', 'STORE_FAST_LOAD_FAST',
    'STORE_FAST_STORE_FAST', 'LOAD_CLOSURE', 'STORE_FAST_MAYBE_NULL',
}
HAS_EXC = {'SETUP_CLEANUP', 'SETUP_FINALLY', 'SETUP_WITH'}

# Instructions that can NOT run arbitrary code: they neither call out, nor raise, nor drop a
# reference that could run a finalizer. Everything else ESCAPES: the eval loop must have saved
# the frame's instruction pointer and stack pointer before its body can call out (STYLE §3).
NON_ESCAPING = {
    'CACHE', 'RESERVED', 'NOP', 'NOT_TAKEN', 'EXTENDED_ARG', 'PUSH_NULL', 'COPY', 'SWAP',
    'LOAD_CONST', 'LOAD_CONST_IMMORTAL', 'LOAD_CONST_MORTAL', 'LOAD_SMALL_INT',
    'LOAD_COMMON_CONSTANT', 'LOAD_FAST', 'LOAD_FAST_BORROW', 'LOAD_FAST_LOAD_FAST',
    'LOAD_FAST_BORROW_LOAD_FAST_BORROW', 'LOAD_FAST_AND_CLEAR', 'LOAD_CLOSURE',
    'JUMP_FORWARD', 'JUMP_BACKWARD_NO_INTERRUPT', 'JUMP', 'JUMP_NO_INTERRUPT',
    'POP_JUMP_IF_FALSE', 'POP_JUMP_IF_TRUE', 'TO_BOOL_BOOL', 'TO_BOOL_NONE', 'UNARY_NOT',
    'RETURN_GENERATOR', 'COPY_FREE_VARS', 'POP_BLOCK', 'SETUP_FINALLY', 'SETUP_CLEANUP',
    'SETUP_WITH', 'ANNOTATIONS_PLACEHOLDER',
}

# ---------------------------------------------------------------------------------------------
# Stack effects: (pops, pushes) as C++ expressions of `int oparg`. Specialized instructions
# inherit their family's effect unless listed here. Pseudo instructions also give the effect
# when the jump is taken (JUMP_EFFECT). Stack pictures in the comments are CPython's.
# ---------------------------------------------------------------------------------------------
STACK = {
    'CACHE': ('0', '0'),
    'BINARY_SLICE': ('3', '1'),                    # container start stop -- res
    'BUILD_TEMPLATE': ('2', '1'),                  # strings interpolations -- template
    'BINARY_OP_INPLACE_ADD_UNICODE': ('2', '0'),   # stores into the local the next STORE_FAST names
    'CALL_FUNCTION_EX': ('4', '1'),                # func self_or_null callargs kwargs_or_null -- res
    'CHECK_EG_MATCH': ('2', '2'),                  # exc_value match_type -- rest match
    'CHECK_EXC_MATCH': ('2', '2'),                 # left right -- left b
    'CLEANUP_THROW': ('3', '2'),                   # sub_iter last_sent exc -- none value
    'DELETE_SUBSCR': ('2', '0'),
    'END_FOR': ('1', '0'),
    'END_SEND': ('2', '1'),                        # receiver value -- value
    'EXIT_INIT_CHECK': ('1', '0'),
    'FORMAT_SIMPLE': ('1', '1'),
    'FORMAT_WITH_SPEC': ('2', '1'),
    'GET_AITER': ('1', '1'),
    'GET_ANEXT': ('1', '2'),                       # aiter -- aiter awaitable
    'GET_ITER': ('1', '1'),
    'RESERVED': ('0', '0'),
    'GET_LEN': ('1', '2'),                         # obj -- obj len
    'GET_YIELD_FROM_ITER': ('1', '1'),
    'INTERPRETER_EXIT': ('1', '0'),
    'LOAD_BUILD_CLASS': ('0', '1'),
    'LOAD_LOCALS': ('0', '1'),
    'MAKE_FUNCTION': ('1', '1'),                   # code -- func
    'MATCH_KEYS': ('2', '3'),                      # subject keys -- subject keys values_or_none
    'MATCH_MAPPING': ('1', '2'),
    'MATCH_SEQUENCE': ('1', '2'),
    'NOP': ('0', '0'),
    'NOT_TAKEN': ('0', '0'),
    'POP_EXCEPT': ('1', '0'),
    'POP_ITER': ('1', '0'),
    'POP_TOP': ('1', '0'),
    'PUSH_EXC_INFO': ('1', '2'),                   # exc -- prev_exc exc
    'PUSH_NULL': ('0', '1'),
    'RETURN_GENERATOR': ('0', '1'),
    'RETURN_VALUE': ('1', '1'),                    # retval -- res (in the caller's frame)
    'SETUP_ANNOTATIONS': ('0', '0'),
    'STORE_SLICE': ('4', '0'),
    'STORE_SUBSCR': ('3', '0'),
    'TO_BOOL': ('1', '1'),
    'UNARY_INVERT': ('1', '1'),
    'UNARY_NEGATIVE': ('1', '1'),
    'UNARY_NOT': ('1', '1'),
    'WITH_EXCEPT_START': ('5', '6'),               # exit_func exit_self lasti unused val -- ... res
    'BINARY_OP': ('2', '1'),
    'BUILD_INTERPOLATION': ('2 + (oparg & 1)', '1'),  # value str format[oparg & 1] -- interp
    'BUILD_LIST': ('oparg', '1'),
    'BUILD_MAP': ('oparg * 2', '1'),
    'BUILD_SET': ('oparg', '1'),
    'BUILD_SLICE': ('oparg', '1'),
    'BUILD_STRING': ('oparg', '1'),
    'BUILD_TUPLE': ('oparg', '1'),
    'CALL': ('2 + oparg', '1'),                    # callable self_or_null args[oparg] -- res
    'CALL_INTRINSIC_1': ('1', '1'),
    'CALL_INTRINSIC_2': ('2', '1'),
    'CALL_KW': ('3 + oparg', '1'),                 # callable self_or_null args[oparg] kwnames -- res
    'COMPARE_OP': ('2', '1'),
    'CONTAINS_OP': ('2', '1'),
    'CONVERT_VALUE': ('1', '1'),
    'COPY': ('oparg', 'oparg + 1'),                # bottom unused[oparg-1] -- bottom unused top
    'COPY_FREE_VARS': ('0', '0'),
    'DELETE_ATTR': ('1', '0'),
    'DELETE_DEREF': ('0', '0'),
    'DELETE_FAST': ('0', '0'),
    'DELETE_GLOBAL': ('0', '0'),
    'DELETE_NAME': ('0', '0'),
    'DICT_MERGE': ('oparg + 4', 'oparg + 3'),      # callable u u dict unused[oparg-1] update -- ...
    'DICT_UPDATE': ('oparg + 1', 'oparg'),         # dict unused[oparg-1] update -- dict unused
    'END_ASYNC_FOR': ('2', '0'),                   # awaitable exc --
    'EXTENDED_ARG': ('0', '0'),
    'FOR_ITER': ('1', '2'),                        # iter -- iter next
    'GET_AWAITABLE': ('1', '1'),
    'IMPORT_FROM': ('1', '2'),
    'IMPORT_NAME': ('2', '1'),                     # level fromlist -- module
    'IS_OP': ('2', '1'),
    'JUMP_BACKWARD': ('0', '0'),
    'JUMP_BACKWARD_NO_INTERRUPT': ('0', '0'),
    'JUMP_FORWARD': ('0', '0'),
    'LIST_APPEND': ('oparg + 1', 'oparg'),         # list unused[oparg-1] v -- list unused
    'LIST_EXTEND': ('oparg + 1', 'oparg'),
    'LOAD_ATTR': ('1', '1 + (oparg & 1)'),         # owner -- attr self_or_null[oparg & 1]
    'LOAD_COMMON_CONSTANT': ('0', '1'),
    'LOAD_CONST': ('0', '1'),
    'LOAD_DEREF': ('0', '1'),
    'LOAD_FAST': ('0', '1'),
    'LOAD_FAST_AND_CLEAR': ('0', '1'),
    'LOAD_FAST_BORROW': ('0', '1'),
    'LOAD_FAST_BORROW_LOAD_FAST_BORROW': ('0', '2'),
    'LOAD_FAST_CHECK': ('0', '1'),
    'LOAD_FAST_LOAD_FAST': ('0', '2'),
    'LOAD_FROM_DICT_OR_DEREF': ('1', '1'),
    'LOAD_FROM_DICT_OR_GLOBALS': ('1', '1'),
    'LOAD_GLOBAL': ('0', '1 + (oparg & 1)'),       # -- res null[oparg & 1]
    'LOAD_NAME': ('0', '1'),
    'LOAD_SMALL_INT': ('0', '1'),
    'LOAD_SPECIAL': ('1', '2'),                    # owner -- attr self_or_null
    'LOAD_SUPER_ATTR': ('3', '1 + (oparg & 1)'),   # global_super class self -- attr null[oparg & 1]
    'MAKE_CELL': ('0', '0'),
    'MAP_ADD': ('oparg + 2', 'oparg'),             # dict unused[oparg-1] key value -- dict unused
    'MATCH_CLASS': ('3', '1'),                     # subject type names -- attrs
    'POP_JUMP_IF_FALSE': ('1', '0'),
    'POP_JUMP_IF_NONE': ('1', '0'),
    'POP_JUMP_IF_NOT_NONE': ('1', '0'),
    'POP_JUMP_IF_TRUE': ('1', '0'),
    'RAISE_VARARGS': ('oparg', '0'),
    'RERAISE': ('oparg + 1', 'oparg'),             # values[oparg] exc -- values[oparg]
    'SEND': ('2', '2'),                            # receiver v -- receiver retval
    'SET_ADD': ('oparg + 1', 'oparg'),
    'SET_FUNCTION_ATTRIBUTE': ('2', '1'),          # attr func -- func
    'SET_UPDATE': ('oparg + 1', 'oparg'),
    'STORE_ATTR': ('2', '0'),
    'STORE_DEREF': ('1', '0'),
    'STORE_FAST': ('1', '0'),
    'STORE_FAST_LOAD_FAST': ('1', '1'),
    'STORE_FAST_STORE_FAST': ('2', '0'),
    'STORE_GLOBAL': ('1', '0'),
    'STORE_NAME': ('1', '0'),
    'SWAP': ('oparg', 'oparg'),                    # bottom unused[oparg-2] top -- top unused bottom
    'UNPACK_EX': ('1', '(oparg & 0xFF) + 1 + (oparg >> 8)'),
    'UNPACK_SEQUENCE': ('1', 'oparg'),
    'YIELD_VALUE': ('1', '1'),
    'RESUME': ('0', '0'),
    # Instrumented variants (never emitted by the compiler; the VM swaps them in).
    'INSTRUMENTED_END_FOR': ('2', '1'),
    'INSTRUMENTED_POP_ITER': ('1', '0'),
    'INSTRUMENTED_END_SEND': ('2', '1'),
    'INSTRUMENTED_FOR_ITER': ('1', '2'),
    'INSTRUMENTED_INSTRUCTION': ('0', '0'),
    'INSTRUMENTED_JUMP_FORWARD': ('0', '0'),
    'INSTRUMENTED_NOT_TAKEN': ('0', '0'),
    'INSTRUMENTED_POP_JUMP_IF_TRUE': ('1', '0'),
    'INSTRUMENTED_POP_JUMP_IF_FALSE': ('1', '0'),
    'INSTRUMENTED_POP_JUMP_IF_NONE': ('1', '0'),
    'INSTRUMENTED_POP_JUMP_IF_NOT_NONE': ('1', '0'),
    'INSTRUMENTED_RESUME': ('0', '0'),
    'INSTRUMENTED_RETURN_VALUE': ('1', '1'),
    'INSTRUMENTED_YIELD_VALUE': ('1', '1'),
    'INSTRUMENTED_END_ASYNC_FOR': ('2', '0'),
    'INSTRUMENTED_LOAD_SUPER_ATTR': ('3', '1 + (oparg & 1)'),
    'INSTRUMENTED_CALL': ('2 + oparg', '1'),
    'INSTRUMENTED_CALL_KW': ('3 + oparg', '1'),
    'INSTRUMENTED_CALL_FUNCTION_EX': ('4', '1'),
    'INSTRUMENTED_JUMP_BACKWARD': ('0', '0'),
    'INSTRUMENTED_LINE': ('0', '0'),
    'ENTER_EXECUTOR': ('0', '0'),
    # Pseudo instructions (compiler only; the flowgraph replaces them before assembly).
    'ANNOTATIONS_PLACEHOLDER': ('0', '0'),
    'JUMP': ('0', '0'),
    'JUMP_IF_FALSE': ('1', '1'),                   # becomes COPY 1; TO_BOOL; POP_JUMP_IF_FALSE
    'JUMP_IF_TRUE': ('1', '1'),
    'JUMP_NO_INTERRUPT': ('0', '0'),
    'LOAD_CLOSURE': ('0', '1'),
    'POP_BLOCK': ('0', '0'),
    'SETUP_CLEANUP': ('0', '0'),
    'SETUP_FINALLY': ('0', '0'),
    'SETUP_WITH': ('0', '0'),
    'STORE_FAST_MAYBE_NULL': ('1', '0'),
}
# Effect at the handler when the jump (into the exception handler) is taken.
JUMP_EFFECT = {
    'SETUP_CLEANUP': ('0', '2'),                   # handler sees: lasti exc
    'SETUP_FINALLY': ('0', '1'),                   # handler sees: exc
    'SETUP_WITH': ('0', '1'),                      # handler sees: exc (exit_func, self below)
}

FLAG_ORDER = ['HAS_ARG', 'HAS_CONST', 'HAS_NAME', 'HAS_JUMP', 'HAS_FREE', 'HAS_LOCAL',
              'HAS_EXC', 'ESCAPES', 'SPECIALIZED', 'INSTRUMENTED', 'PSEUDO']


def literal_assignments(source, wanted):
    """Returns {name: value} for top-level `name = <literal>` statements in `source`."""
    out = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in wanted:
                out[target.id] = ast.literal_eval(node.value)
    missing = set(wanted) - set(out)
    if missing:
        sys.exit(f'gen_opcodes: missing {sorted(missing)} in stdlib sources')
    return out


def read_stdlib(zip_path):
    with zipfile.ZipFile(zip_path) as z:
        meta = z.read('_opcode_metadata.py').decode()
        opcode_py = z.read('opcode.py').decode()
    m = literal_assignments(meta, ['_specializations', '_specialized_opmap', 'opmap',
                                   'HAVE_ARGUMENT', 'MIN_INSTRUMENTED_OPCODE'])
    m.update(literal_assignments(opcode_py, ['_cache_format']))
    return m


class Op:
    def __init__(self, name, number, family, caches, flags, pops, pushes, jpops, jpushes):
        self.name, self.number, self.family, self.caches = name, number, family, caches
        self.flags, self.pops, self.pushes = flags, pops, pushes
        self.jump_pops, self.jump_pushes = jpops, jpushes


def build_ops(m):
    opmap, spec = m['opmap'], m['_specialized_opmap']
    family_of = {member: base for base, members in m['_specializations'].items()
                 for member in members}
    caches = {name: sum(fmt.values()) for name, fmt in m['_cache_format'].items()}
    have_argument = m['HAVE_ARGUMENT']
    min_instr = m['MIN_INSTRUMENTED_OPCODE']
    ops = []
    for name, number in list(opmap.items()) + list(spec.items()):
        family = family_of.get(name, name)
        pseudo = number >= 256
        flags = []
        # HAVE_ARGUMENT is the last number without an argument (WITH_EXCEPT_START in 3.14).
        has_arg = (number > have_argument and name not in HAS_ARG_FALSE_ABOVE_HAVE_ARGUMENT) \
            or name in HAS_ARG_BELOW_HAVE_ARGUMENT
        for flag, cond in (('HAS_ARG', has_arg), ('HAS_CONST', name in HAS_CONST),
                           ('HAS_NAME', name in HAS_NAME), ('HAS_JUMP', name in HAS_JUMP),
                           ('HAS_FREE', name in HAS_FREE), ('HAS_LOCAL', name in HAS_LOCAL),
                           ('HAS_EXC', name in HAS_EXC),
                           ('ESCAPES', name not in NON_ESCAPING),
                           ('SPECIALIZED', family != name),
                           ('INSTRUMENTED', min_instr <= number < 256 and
                            name.startswith('INSTRUMENTED_')),
                           ('PSEUDO', pseudo)):
            if cond:
                flags.append(flag)
        effect = STACK.get(name) or STACK.get(family)
        if effect is None:
            sys.exit(f'gen_opcodes: no stack effect for {name}; add it to STACK')
        jeffect = JUMP_EFFECT.get(name, effect)
        ncache = 0 if pseudo else caches.get(family, 0)
        ops.append(Op(name, number, family, ncache, flags, *effect, *jeffect))
    ops.sort(key=lambda op: op.number)
    unused = set(STACK) - {op.name for op in ops}
    if unused:
        sys.exit(f'gen_opcodes: STACK names unknown instructions {sorted(unused)}')
    return ops


HEADER = """\
// vm/opcodes.def -- every CPython 3.14 instruction, once.
//
// GENERATED by vm/tools/gen_opcodes.py from CPython 3.14.2's Lib/_opcode_metadata.py and
// Lib/opcode.py plus the script's hand-maintained flag and stack-effect tables.
// DO NOT EDIT: change the script and re-run it (ci/check-generated.sh fails on a stale file).
//
// Define the macros you need, then include; undefined ones expand to nothing, and all three
// are #undef'd at the end. Each row is one instruction, ordered by number.
//
//   WEFT_OPCODE(name, number, family, cache_entries, flags, pops, pushes)
//       A real instruction (number < 256). `family` is the generic instruction a specialized
//       one belongs to (itself otherwise). `cache_entries` is the number of 16-bit inline
//       cache code units that follow the instruction. `pops`/`pushes` are C++ expressions of
//       an `int oparg` in scope: the items read from and written to the value stack.
//   WEFT_PSEUDO_OPCODE(name, number, flags, pops, pushes, jump_pops, jump_pushes)
//       A compiler-only instruction (number >= 256) that the flowgraph rewrites away;
//       jump_pops/jump_pushes give the effect on the path where its jump is taken.
//   WEFT_OPCODE_CONSTANT(name, value)
//       HAVE_ARGUMENT (the highest number without an oparg) and MIN_INSTRUMENTED_OPCODE.
//
// Flags (a `|`-joined list of names; the includer defines them, e.g. as enum constants):
//   HAS_ARG       the instruction uses its oparg
//   HAS_CONST     oparg indexes co_consts
//   HAS_NAME      oparg (shifted, see vm/opcodes.h) indexes co_names
//   HAS_JUMP      oparg is a relative jump (backward for JUMP_BACKWARD*, else forward)
//   HAS_FREE      oparg indexes a cell/free variable in localsplus
//   HAS_LOCAL     oparg indexes localsplus (4-bit pairs for the fused *_FAST_* forms)
//   HAS_EXC       pseudo instruction that opens an exception-table range
//   ESCAPES       the body may run arbitrary code, raise, or drop a reference that could run
//                 a finalizer: the eval loop must save the frame state first
//   SPECIALIZED   a specialized member of `family`, written only by the VM's specializer
//   INSTRUMENTED  an instrumented twin used by sys.monitoring
//   PSEUDO        compiler only
//   NO_FLAGS      none of the above (0)
"""


def render(ops, m):
    lines = [HEADER]
    for macro, params in (('WEFT_OPCODE', 'name, number, family, caches, flags, pops, pushes'),
                          ('WEFT_PSEUDO_OPCODE', 'name, number, flags, pops, pushes, jump_pops, '
                           'jump_pushes'),
                          ('WEFT_OPCODE_CONSTANT', 'name, value')):
        lines.append(f'#ifndef {macro}\n#define {macro}({params})\n#endif')
    lines.append('')
    lines.append(f'WEFT_OPCODE_CONSTANT(HAVE_ARGUMENT, {m["HAVE_ARGUMENT"]})')
    lines.append(f'WEFT_OPCODE_CONSTANT(MIN_INSTRUMENTED_OPCODE, {m["MIN_INSTRUMENTED_OPCODE"]})'
                 '\n')
    for op in ops:
        flags = '|'.join(op.flags) or 'NO_FLAGS'
        if op.number < 256:
            lines.append(f'WEFT_OPCODE({op.name}, {op.number}, {op.family}, {op.caches}, '
                         f'{flags}, {op.pops}, {op.pushes})')
        else:
            lines.append(f'WEFT_PSEUDO_OPCODE({op.name}, {op.number}, {flags}, {op.pops}, '
                         f'{op.pushes}, {op.jump_pops}, {op.jump_pushes})')
    lines.append('\n#undef WEFT_OPCODE\n#undef WEFT_PSEUDO_OPCODE\n#undef WEFT_OPCODE_CONSTANT')
    return '\n'.join(lines) + '\n'


def eval_effect(expr, oparg):
    return eval(expr, {}, {'oparg': oparg})  # the expressions are C++ and Python alike


def verify(ops):
    """Checks the tables against the running CPython 3.14's _opcode module."""
    import _opcode
    errors = 0
    for op in ops:
        for flag in ('HAS_ARG', 'HAS_CONST', 'HAS_NAME', 'HAS_JUMP', 'HAS_FREE', 'HAS_LOCAL',
                     'HAS_EXC'):
            real = bool(getattr(_opcode, flag.lower())(op.number))
            if real != (flag in op.flags):
                print(f'{op.name}: {flag} is {real} in CPython')
                errors += 1
        if 'SPECIALIZED' in op.flags:
            continue  # _opcode.stack_effect rejects specialized instructions
        for oparg in list(range(0, 20)) + [255, 256 + 3, 0x1234]:
            for jump in (False, True):
                if op.number < 256:
                    mine = eval_effect(op.pushes, oparg) - eval_effect(op.pops, oparg)
                else:
                    p, q = (op.jump_pops, op.jump_pushes) if jump else (op.pops, op.pushes)
                    mine = eval_effect(q, oparg) - eval_effect(p, oparg)
                try:
                    real = _opcode.stack_effect(op.number, oparg, jump=jump)
                except ValueError:
                    continue
                if real != mine:
                    print(f'{op.name} oparg={oparg} jump={jump}: CPython {real}, table {mine}')
                    errors += 1
                    break
    print('verify:', 'OK' if not errors else f'{errors} mismatches')
    return errors == 0


def default_zip():
    for path in (os.path.join(ROOT, 'build', 'python_stdlib.zip'), '/tmp/python_stdlib.zip'):
        if os.path.exists(path):
            return path
    return os.path.join(ROOT, 'build', 'python_stdlib.zip')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--stdlib', default=None, help='python_stdlib.zip (CPython 3.14.2 Lib)')
    ap.add_argument('--out', default=os.path.join(ROOT, 'vm', 'opcodes.def'))
    ap.add_argument('--verify', action='store_true',
                    help='check the hand tables against the running CPython 3.14')
    ap.add_argument('--metadata-dir', default=None,
                    help='read _opcode_metadata.py and opcode.py from this folder instead')
    args = ap.parse_args()
    if args.metadata_dir:
        m = {}
        with open(os.path.join(args.metadata_dir, '_opcode_metadata.py')) as f:
            m.update(literal_assignments(f.read(), ['_specializations', '_specialized_opmap',
                                                    'opmap', 'HAVE_ARGUMENT',
                                                    'MIN_INSTRUMENTED_OPCODE']))
        with open(os.path.join(args.metadata_dir, 'opcode.py')) as f:
            m.update(literal_assignments(f.read(), ['_cache_format']))
    else:
        m = read_stdlib(args.stdlib or default_zip())
    ops = build_ops(m)
    if args.verify:
        sys.exit(0 if verify(ops) else 1)
    text = render(ops, m)
    with open(args.out, 'w', newline='\n') as f:
        f.write(text)


if __name__ == '__main__':
    main()
