// vm/tests/coroutine_test.cpp — coroutines and async generators on the generator machinery.
//
// Weft's compiler does not emit `async def`/`await` yet, so these tests build the code objects
// the way CPython's compiler would: a generator function named coro_* / agen_* is compiled
// normally, then its code gets CO_COROUTINE / CO_ASYNC_GENERATOR instead of CO_GENERATOR,
// GET_YIELD_FROM_ITER becomes GET_AWAITABLE 0 (`yield from x` and `await x` compile to the same
// SEND loop otherwise), and in an async generator the CALL_INTRINSIC_1 UNARY_POSITIVE right
// before a YIELD_VALUE (`yield +v`) becomes ASYNC_GEN_WRAP (`yield v`). The expected `log`
// values are what CPython 3.14 prints for the same programs written with async/await.
#include <string>
#include <string_view>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/code.h"
#include "objects/dict.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/compiler/compile.h"
#include "vm/opcodes.h"
#include "vm/run.h"
#include "vm/testing.h"

namespace weft::vm {
namespace {

using weft::testing::RuntimeTest;

// The code object `c` with coro_*/agen_* functions (at any depth) turned async, as above.
Result<Ref<Object>> make_async(CodeObject* c) {
  int64_t nconsts = tuple_size(c->consts);
  Ref<Object> consts = TRY(tuple_new(nconsts));
  for (int64_t i = 0; i < nconsts; ++i) {
    Object* item = tuple_items(c->consts)[i];
    Ref<Object> fixed = is_code(item) ? TRY(make_async(static_cast<CodeObject*>(item)))
                                      : new_ref(item);
    tuple_init_item(consts.get(), i, std::move(fixed));
  }
  std::string_view name = TRY(str_utf8(c->name));
  bool coro = name.starts_with("coro_"), agen = name.starts_with("agen_");
  std::string_view old_code = bytes_view(c->code);
  Ref<Object> code = TRY(bytes_from(old_code));
  CodeSpec spec;
  spec.flags = c->flags;
  if (coro || agen) {
    spec.flags = (c->flags & ~kCoGenerator) | (coro ? kCoCoroutine : kCoAsyncGenerator);
    code = TRY(bytes_new_uninitialized(static_cast<int64_t>(old_code.size())));
    unsigned char* units = reinterpret_cast<unsigned char*>(bytes_mutable_data(code.get()));
    for (size_t i = 0; i < old_code.size(); ++i) units[i] = static_cast<unsigned char>(old_code[i]);
    for (size_t i = 0; i + 2 < old_code.size(); i += 2) {
      if (units[i] == GET_YIELD_FROM_ITER) {
        units[i] = GET_AWAITABLE;
        units[i + 1] = 0;
      } else if (agen && units[i] == CALL_INTRINSIC_1 &&
                 units[i + 1] == INTRINSIC_UNARY_POSITIVE && units[i + 2] == YIELD_VALUE) {
        units[i + 1] = INTRINSIC_ASYNC_GEN_WRAP;
      }
    }
  }
  spec.argcount = c->argcount;
  spec.posonlyargcount = c->posonlyargcount;
  spec.kwonlyargcount = c->kwonlyargcount;
  spec.stacksize = c->stacksize;
  spec.firstlineno = c->firstlineno;
  spec.code = code.get();
  spec.consts = consts.get();
  spec.names = c->names;
  spec.localsplusnames = c->localsplusnames;
  spec.localspluskinds = c->localspluskinds;
  spec.filename = c->filename;
  spec.name = c->name;
  spec.qualname = c->qualname;
  spec.linetable = c->linetable;
  spec.exceptiontable = c->exceptiontable;
  return code_new(spec);
}

// repr() of the pending exception, which is cleared.
std::string pending_error_text() {
  Ref<Object> exc = take_exception();
  Result<Ref<Object>> text = object_repr(exc.get());
  if (text.is_error()) {
    clear_error();
    return "?";
  }
  return std::string(MUST(str_utf8(text.value().get())));
}

// Runs `source` with its async functions made async; returns repr(log).
std::string run_log(std::string_view source) {
  Ref<Object> filename = MUST(str_from_utf8("<coroutine_test>"));
  Ref<Object> globals = MUST(dict_new());
  Ref<Object> module_name = MUST(str_from_utf8("__main__"));
  MUST(dict_set_item(globals.get(), str_intern("__name__"), module_name.get()));
  Result<Ref<Object>> code = compiler::compile_source(source, filename.get(),
                                                     compiler::CompileMode::Exec, {});
  Result<Ref<Object>> async_code =
      code.is_error() ? Result<Ref<Object>>(Error{})
                      : make_async(static_cast<CodeObject*>(code.value().get()));
  if (async_code.is_error()) return "compile error: " + pending_error_text();
  Result<Ref<Object>> r = run_code(async_code.value().get(), globals.get(), nullptr);
  if (r.is_error()) return "error: " + pending_error_text();
  Ref<Object> log;
  if (!MUST(dict_get_item_str(globals.get(), str_intern("log"), &log))) return "no log";
  Ref<Object> text = MUST(object_repr(log.get()));
  return std::string(MUST(str_utf8(text.get())));
}

constexpr std::string_view kCoroutineProgram = R"PY(
class Sleep:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        got = yield self.v
        return got

def run(c):
    sent = None
    while True:
        try:
            req = c.send(sent)
        except StopIteration as e:
            return e.value
        log.append(('req', req))
        sent = req * 10 if isinstance(req, int) else req

def coro_inner(x):
    r = yield from Sleep(x)
    return r * 2

def coro_outer():
    total = 0
    for x in (1, 2):
        total += yield from coro_inner(x)
    return total

def coro_bad():
    yield from 5

def coro_wait():
    return (yield from Sleep(1))

def coro_twice(inner):
    return (yield from inner)

def coro_stop():
    if log is not None:
        raise StopIteration
    yield from Sleep(0)

log = []
c = coro_outer()
log.append(type(c).__name__)
log.append(c.__qualname__)
log.append(repr(c).startswith('<coroutine object coro_outer at '))
log.append(run(c))
try:
    c.send(None)
except RuntimeError as e:
    log.append(str(e))
try:
    run(coro_bad())
except TypeError as e:
    log.append(str(e))
c = coro_wait()
log.append(c.send(None))
try:
    c.throw(ValueError('boom'))
except ValueError as e:
    log.append('propagated ' + str(e))
log.append(c.cr_frame is None)
c = coro_wait()
c.send(None)
log.append(c.close())
log.append(c.cr_frame is None)
w = coro_inner(3).__await__()
log.append(type(w).__name__)
log.append(next(w))
try:
    w.send(5)
except StopIteration as e:
    log.append(e.value)
c = coro_outer()
c.send(None)
log.append(type(c.cr_await).__name__)
log.append((c.cr_running, c.cr_suspended, c.cr_origin))
c.close()
inner = coro_inner(1)
c1 = coro_twice(inner)
c1.send(None)
try:
    coro_twice(inner).send(None)
except RuntimeError as e:
    log.append(str(e))
c1.close()
try:
    coro_stop().send(None)
except RuntimeError as e:
    log.append((str(e), type(e.__cause__).__name__))
c = coro_inner(1)
try:
    iter(c)
except TypeError as e:
    log.append(str(e))
try:
    c.send(3)
except TypeError as e:
    log.append(str(e))
c.close()
)PY";

constexpr std::string_view kAsyncGeneratorProgram = R"PY(
class Sleep:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        got = yield self.v
        return got

def run(c):
    sent = None
    while True:
        try:
            req = c.send(sent)
        except StopIteration as e:
            return e.value
        log.append(('req', req))
        sent = req

def coro_await(aw):
    return (yield from aw)

def step(aw):
    try:
        return run(coro_await(aw))
    except StopAsyncIteration:
        return 'StopAsyncIteration'
    except RuntimeError as e:
        return 'RuntimeError: ' + str(e)

def agen_count(n):
    for i in range(n):
        v = yield from Sleep(i)
        yield +v

def agen_echo():
    received = yield +'first'
    while True:
        received = yield +('got %s' % received)

def agen_catch():
    try:
        yield +1
    except ValueError as e:
        yield +('caught ' + str(e))
    yield +3

def agen_fin():
    try:
        yield +1
    finally:
        log.append('finally ran')

def agen_ignore():
    try:
        yield +1
    except GeneratorExit:
        log.append('ignoring GeneratorExit')
    yield +2

def agen_stop():
    yield +1
    raise StopAsyncIteration

log = []
ag = agen_count(3)
log.append([step(ag.__anext__()) for _ in range(4)])
ag = agen_echo()
log.append([step(ag.asend(None)), step(ag.asend(1)), step(ag.asend(2)), step(ag.aclose()),
            step(ag.__anext__())])
ag = agen_catch()
log.append([step(ag.__anext__()), step(ag.athrow(ValueError('x'))), step(ag.__anext__()),
            step(ag.__anext__())])
ag = agen_fin()
log.append([step(ag.__anext__()), step(ag.aclose()), ag.ag_running, ag.ag_frame is None])
ag = agen_ignore()
log.append([step(ag.__anext__()), step(ag.aclose()), step(ag.__anext__()), step(ag.__anext__())])
ag = agen_stop()
log.append([step(ag.__anext__()), step(ag.__anext__())])
ag = agen_count(2)
aw = ag.__anext__()
log.append([step(aw), step(aw)])
ag = agen_count(1)
log.append(type(ag).__name__)
log.append(ag.__aiter__() is ag)
aw = ag.__anext__()
log.append(type(aw).__name__)
aw.close()
aw = ag.aclose()
log.append(type(aw).__name__)
aw.close()
log.append(repr(ag).startswith('<async_generator object agen_count at '))
log.append((ag.ag_running, ag.ag_suspended, ag.ag_await))
)PY";

TEST_F(RuntimeTest, CoroutinesAwaitSendThrowClose) {
  EXPECT_EQ(run_log(kCoroutineProgram),
            "['coroutine', 'coro_outer', True, ('req', 1), ('req', 2), 60, 'cannot reuse already awai"
            "ted coroutine', \"'int' object can't be awaited\", 1, 'propagated boom', True, None, Tru"
            "e, 'coroutine_wrapper', 3, 10, 'coroutine', (False, True, None), 'coroutine is being awa"
            "ited already', ('coroutine raised StopIteration', 'StopIteration'), \"'coroutine' object"
            " is not iterable\", \"can't send non-None value to a just-started coroutine\"]");
}

TEST_F(RuntimeTest, AsyncGeneratorsAsendAthrowAclose) {
  EXPECT_EQ(run_log(kAsyncGeneratorProgram),
            "[('req', 0), ('req', 1), ('req', 2), [0, 1, 2, 'StopAsyncIteration'], ['first', 'got 1',"
            " 'got 2', None, 'StopAsyncIteration'], [1, 'caught x', 3, 'StopAsyncIteration'], 'finall"
            "y ran', [1, None, False, True], 'ignoring GeneratorExit', [1, 'RuntimeError: async gener"
            "ator ignored GeneratorExit', 'StopAsyncIteration', 'StopAsyncIteration'], [1, 'RuntimeEr"
            "ror: async generator raised StopAsyncIteration'], ('req', 0), [0, 'RuntimeError: cannot "
            "reuse already awaited __anext__()/asend()'], 'async_generator', True, 'async_generator_a"
            "send', 'async_generator_athrow', True, (False, False, None)]");
}

}  // namespace
}  // namespace weft::vm
