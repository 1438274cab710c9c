// stdlib/_sre/sre_scanner.cpp — _sre.SRE_Scanner (Pattern.scanner(), the engine behind
// finditer): repeated match()/search() calls that continue where the previous match ended, with
// CPython's empty-match rule (after an empty match the next one must advance).
//
// Locking: unlike Pattern and Match, a scanner is mutable (its State moves forward). One call at
// a time runs on it: `executing` is claimed with an atomic exchange and a concurrent call gets
// CPython 3.13t's ValueError "regular expression scanner already executing". The call holds no
// lock while the engine runs, so signal handlers and stop-the-world requests proceed.
#include <atomic>
#include <memory>
#include <new>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/type_registry.h"
#include "stdlib/_sre/sre_objects.h"

namespace weft::sre {

Type ScannerType;

namespace {

struct ScannerData {
  Subject subject;
  State state;
  bool exhausted = false;  // a search failed: every later call returns None
};

struct ScannerObject : Object {
  Object* pattern;  // owned PatternObject
  Object* string;   // owned subject
  ScannerData* data;
  std::atomic<bool> executing;
};

ScannerObject* as_scanner(Object* o) { return static_cast<ScannerObject*>(o); }

// Claims the scanner for one call; releases it on scope exit.
class ExecutingClaim {
 public:
  explicit ExecutingClaim(ScannerObject* s)
      : s_(s), claimed_(!s->executing.exchange(true, std::memory_order_acquire)) {}
  ~ExecutingClaim() {
    if (claimed_) s_->executing.store(false, std::memory_order_release);
  }
  bool claimed() const { return claimed_; }

 private:
  ScannerObject* s_;
  bool claimed_;
};

Result<Ref<Object>> scanner_step(Object* self, bool search) {
  ScannerObject* s = as_scanner(self);
  ExecutingClaim claim(s);
  if (!claim.claimed())
    return raise(exc::ValueError, "regular expression scanner already executing");
  ScannerData& d = *s->data;
  if (d.exhausted) return new_none();
  State& state = d.state;
  state.reset();
  state.ptr = state.start;
  PatternObject* p = static_cast<PatternObject*>(s->pattern);
  int64_t status = search ? engine_search(state, p->code) : engine_match(state, p->code);
  if (status < 0) return raise_engine_error(status);
  if (status == 0) {
    d.exhausted = true;
    return new_none();
  }
  Ref<Object> m = TRY(match_new(p, s->string, state));
  state.must_advance = state.ptr == state.start;
  state.start = state.ptr;
  return m;
}

// CPython's message for any argument: "match() takes no arguments".
Status no_arguments(const char* fname, size_t nargs, Object* kwnames) {
  if (nargs == 0 && kwnames_count(kwnames) == 0) return ok();
  return raise(exc::TypeError, "{}() takes no arguments", fname);
}
Result<Ref<Object>> scanner_match(Object* self, Object* const*, size_t nargs, Object* kwnames) {
  TRY(no_arguments("match", nargs, kwnames));
  return scanner_step(self, false);
}
Result<Ref<Object>> scanner_search(Object* self, Object* const*, size_t nargs, Object* kwnames) {
  TRY(no_arguments("search", nargs, kwnames));
  return scanner_step(self, true);
}
Result<Ref<Object>> get_scanner_pattern(Object* self) {
  return new_ref(as_scanner(self)->pattern);
}

void scanner_dealloc(Object* self) {
  ScannerObject* s = as_scanner(self);
  delete s->data;
  decref(s->pattern);
  decref(s->string);
  free_object(self);
}

const MethodDef kScannerMethods[] = {
    {"match", scanner_match, kMethFastcall, nullptr},
    {"search", scanner_search, kMethFastcall, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
const GetSetDef kScannerGetSets[] = {
    {"pattern", get_scanner_pattern, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

Status fill_scanner_type() {
  Type& t = ScannerType;
  t.name = "_sre.SRE_Scanner";
  t.basicsize = sizeof(ScannerObject);
  t.flags = kTypeImmutable | kTypeDisallowInstantiation;
  t.dealloc = scanner_dealloc;
  t.methods = kScannerMethods;
  t.getsets = kScannerGetSets;
  return ok();
}
Status ready_scanner_type() { return type_ready(&ScannerType); }

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_scanner_type);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_scanner_type);

}  // namespace

Result<Ref<Object>> scanner_new(PatternObject* pattern, Object* string, int64_t pos,
                                int64_t endpos) {
  std::unique_ptr<ScannerData> data(new (std::nothrow) ScannerData);
  if (!data) return raise_no_memory();
  TRY(subject_init(pattern, string, &data->subject));
  const Subject& subject = data->subject;
  data->state.init(subject.data, subject.charsize, subject.length, pos, endpos, pattern->groups);
  Ref<ScannerObject> s = TRY(new_object<ScannerObject>(&ScannerType));
  s->pattern = new_ref(pattern).release();
  s->string = new_ref(string).release();
  s->data = data.release();
  return Ref<Object>(std::move(s));
}

}  // namespace weft::sre
