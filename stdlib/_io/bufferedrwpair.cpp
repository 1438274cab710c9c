// stdlib/_io/bufferedrwpair.cpp — _io.BufferedRWPair: a BufferedReader and a BufferedWriter over
// two raw streams presented as one object (CPython's Modules/_io/bufferedio.c, rwpair). Each
// method forwards to one side, whose own lock serialises it; the pair itself holds only two
// references fixed at __init__ (guarded by the critical section while they are replaced).
#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/object_impl.h"
#include "objects/type_registry.h"
#include "stdlib/_io/io_internal.h"
#include "sync/critical_section.h"

namespace weft::io {

Type BufferedRWPairType;

namespace {

struct RWPairObject : IOBaseObject {
  Object* reader;  // BufferedReader, owned
  Object* writer;  // BufferedWriter, owned
};

RWPairObject* as_pair(Object* o) { return static_cast<RWPairObject*>(o); }

void pair_clear(Object* self) {
  RWPairObject* p = as_pair(self);
  if (Object* r = std::exchange(p->reader, nullptr)) Ref<Object>::steal(r).reset();
  if (Object* w = std::exchange(p->writer, nullptr)) Ref<Object>::steal(w).reset();
  iobase_clear_dict(self);
}

void pair_dealloc(Object* self) {
  pair_clear(self);
  free_object(self);
}

void pair_traverse(Object* self, VisitFn visit, void* arg) {
  RWPairObject* p = as_pair(self);
  if (p->reader) visit(p->reader, arg);
  if (p->writer) visit(p->writer, arg);
  iobase_traverse_dict(self, visit, arg);
}

Status pair_init(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  TRY(args_no_keywords("BufferedRWPair", kwnames));
  TRY(args_check_positional("BufferedRWPair", nargs, 2, 3));
  TRY(check_readable(args[0]));
  TRY(check_writable(args[1]));
  Ref<Object> size = nargs > 2 ? new_ref(args[2]) : TRY(int_from_i64(kDefaultBufferSize));
  Object* ra[] = {args[0], size.get()};
  Ref<Object> reader = TRY(call(reinterpret_cast<Object*>(&BufferedReaderType), ra, 2));
  Object* wa[] = {args[1], size.get()};
  Ref<Object> writer = TRY(call(reinterpret_cast<Object*>(&BufferedWriterType), wa, 2));
  RWPairObject* p = as_pair(self);
  Object* old_r;
  Object* old_w;
  {
    sync::CriticalSection cs(self->ob_mutex);
    old_r = std::exchange(p->reader, reader.release());
    old_w = std::exchange(p->writer, writer.release());
  }
  if (old_r) Ref<Object>::steal(old_r).reset();
  if (old_w) Ref<Object>::steal(old_w).reset();
  return ok();
}

Result<Object*> side(Object* self, bool writer) {
  RWPairObject* p = as_pair(self);
  Object* o = writer ? p->writer : p->reader;
  if (!o)
    return raise(exc::ValueError, "I/O operation on uninitialized object");
  return o;
}

template <bool kWriter, const char* kName>
Result<Ref<Object>> forward(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  Object* target = TRY(side(self, kWriter));
  Ref<Object> method = TRY(get_attr(target, kName));
  return call(method.get(), args, nargs, kwnames);
}

constexpr char kRead[] = "read", kPeek[] = "peek", kRead1[] = "read1", kReadinto[] = "readinto",
               kReadinto1[] = "readinto1", kReadline[] = "readline", kReadable[] = "readable",
               kWrite[] = "write", kFlush[] = "flush", kWritable[] = "writable";

Result<Ref<Object>> pair_close(Object* self, Object* const*, size_t, Object*) {
  Object* w = TRY(side(self, true));
  Object* r = TRY(side(self, false));
  Result<Ref<Object>> first = call_method(w, "close", nullptr, 0);
  Ref<Object> saved = first.is_error() ? take_exception() : Ref<Object>();
  Result<Ref<Object>> second = call_method(r, "close", nullptr, 0);
  if (saved) {
    if (second.is_error()) clear_error();
    set_exception(std::move(saved));
    return Error{};
  }
  return second;
}

Result<Ref<Object>> pair_isatty(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> w = TRY(call_method(TRY(side(self, true)), "isatty", nullptr, 0));
  if (w.get() != py_false()) return w;
  return call_method(TRY(side(self, false)), "isatty", nullptr, 0);
}

Result<Ref<Object>> pair_closed_get(Object* self) {
  return get_attr(TRY(side(self, true)), "closed");
}

const MethodDef kPairMethods[] = {
    {"read", forward<false, kRead>, kMethFastcall, nullptr},
    {"peek", forward<false, kPeek>, kMethFastcall, nullptr},
    {"read1", forward<false, kRead1>, kMethFastcall, nullptr},
    {"readinto", forward<false, kReadinto>, kMethFastcall, nullptr},
    {"readinto1", forward<false, kReadinto1>, kMethFastcall, nullptr},
    {"readline", forward<false, kReadline>, kMethFastcall, nullptr},
    {"readable", forward<false, kReadable>, kMethFastcall, nullptr},
    {"write", forward<true, kWrite>, kMethFastcall, nullptr},
    {"flush", forward<true, kFlush>, kMethFastcall, nullptr},
    {"writable", forward<true, kWritable>, kMethFastcall, nullptr},
    {"close", pair_close, kMethNoArgs, nullptr},
    {"isatty", pair_isatty, kMethNoArgs, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

const GetSetDef kPairGetSets[] = {
    {"closed", pair_closed_get, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_rwpair_type() {
  fill_io_type(&BufferedRWPairType, "_io.BufferedRWPair", &BufferedIOBaseType,
               sizeof(RWPairObject), "A buffered reader and writer object together.");
  BufferedRWPairType.init = pair_init;
  BufferedRWPairType.dealloc = pair_dealloc;
  BufferedRWPairType.traverse = pair_traverse;
  BufferedRWPairType.clear = pair_clear;
  BufferedRWPairType.methods = kPairMethods;
  BufferedRWPairType.getsets = kPairGetSets;
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_rwpair_type);

}  // namespace
}  // namespace weft::io
