// stdlib/sys/sys_records.cpp — sys's struct-sequence records: version_info, flags, float_info,
// int_info, hash_info, thread_info (CPython's Python/sysmodule.c, Objects/floatobject.c,
// Objects/longobject.c, Python/thread.c), as objects/structseq.h types.
//
// Every record is built once, when sys is created, from facts fixed at start-up (the command
// line in vm::runtime_config(), <cfloat>, the hash secret's mode), so they are immutable and
// shared without locking. version_info and flags cannot be instantiated from Python; the others
// can, as in CPython.
#include <unistd.h>

#include <cfloat>
#include <string>

#include "objects/abstract.h"
#include "objects/float.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/structseq.h"
#include "objects/tuple.h"
#include "stdlib/sys/sys_internal.h"
#include "vm/lifecycle.h"

namespace weft::sys {
namespace {

// --- the types -----------------------------------------------------------------------------------

const StructSeqField kVersionInfoFields[] = {
    {"major", "Major release number"},
    {"minor", "Minor release number"},
    {"micro", "Patch release number"},
    {"releaselevel", "'alpha', 'beta', 'candidate', or 'final'"},
    {"serial", "Serial release number"},
    {nullptr, nullptr},
};
const StructSeqDesc kVersionInfoDesc = {
    "sys.version_info",
    "sys.version_info\n\nVersion information as a named tuple.", kVersionInfoFields, 5, false};
StructSeqType VersionInfoType;
WEFT_REGISTER_STRUCTSEQ(VersionInfoType, kVersionInfoDesc);

const StructSeqField kFlagsFields[] = {
    {"debug", "-d"},
    {"inspect", "-i"},
    {"interactive", "-i"},
    {"optimize", "-O or -OO"},
    {"dont_write_bytecode", "-B"},
    {"no_user_site", "-s"},
    {"no_site", "-S"},
    {"ignore_environment", "-E"},
    {"verbose", "-v"},
    {"bytes_warning", "-b"},
    {"quiet", "-q"},
    {"hash_randomization", "-R"},
    {"isolated", "-I"},
    {"dev_mode", "-X dev"},
    {"utf8_mode", "-X utf8"},
    {"warn_default_encoding", "-X warn_default_encoding"},
    {"safe_path", "-P"},
    {"int_max_str_digits", "-X int_max_str_digits"},
    {"gil", "-X gil"},
    {"thread_inherit_context", "-X thread_inherit_context"},
    {"context_aware_warnings", "-X context_aware_warnings"},
    {nullptr, nullptr},
};
const StructSeqDesc kFlagsDesc = {
    "sys.flags",
    "sys.flags\n\nFlags provided through command line arguments or environment vars.",
    kFlagsFields, 18, false};
StructSeqType FlagsType;
WEFT_REGISTER_STRUCTSEQ(FlagsType, kFlagsDesc);

const StructSeqField kFloatInfoFields[] = {
    {"max", "DBL_MAX -- maximum representable finite float"},
    {"max_exp", "DBL_MAX_EXP -- maximum int e such that radix**(e-1) is representable"},
    {"max_10_exp", "DBL_MAX_10_EXP -- maximum int e such that 10**e is representable"},
    {"min", "DBL_MIN -- Minimum positive normalized float"},
    {"min_exp", "DBL_MIN_EXP -- minimum int e such that radix**(e-1) is a normalized float"},
    {"min_10_exp", "DBL_MIN_10_EXP -- minimum int e such that 10**e is a normalized float"},
    {"dig", "DBL_DIG -- maximum number of decimal digits that can be faithfully represented in a "
            "float"},
    {"mant_dig", "DBL_MANT_DIG -- mantissa digits"},
    {"epsilon", "DBL_EPSILON -- Difference between 1 and the next representable float"},
    {"radix", "FLT_RADIX -- radix of exponent"},
    {"rounds", "FLT_ROUNDS -- rounding mode used for arithmetic operations"},
    {nullptr, nullptr},
};
const StructSeqDesc kFloatInfoDesc = {
    "sys.float_info",
    "sys.float_info\n\nA named tuple holding information about the float type. It contains low "
    "level\ninformation about the precision and internal representation. Please study\nyour "
    "system's :file:`float.h` for more information.",
    kFloatInfoFields, 11};
StructSeqType FloatInfoType;
WEFT_REGISTER_STRUCTSEQ(FloatInfoType, kFloatInfoDesc);

const StructSeqField kIntInfoFields[] = {
    {"bits_per_digit", "size of a digit in bits"},
    {"sizeof_digit", "size in bytes of the C type used to represent a digit"},
    {"default_max_str_digits", "maximum string conversion digits limitation"},
    {"str_digits_check_threshold", "minimum positive value for int_max_str_digits"},
    {nullptr, nullptr},
};
const StructSeqDesc kIntInfoDesc = {
    "sys.int_info",
    "sys.int_info\n\nA named tuple that holds information about Python's\ninternal "
    "representation of integers.  The attributes are read only.",
    kIntInfoFields, 4};
StructSeqType IntInfoType;
WEFT_REGISTER_STRUCTSEQ(IntInfoType, kIntInfoDesc);

const StructSeqField kHashInfoFields[] = {
    {"width", "width of the type used for hashing, in bits"},
    {"modulus", "prime number giving the modulus on which the hash function is based"},
    {"inf", "value to be used for hash of a positive infinity"},
    {"nan", "value to be used for hash of a nan"},
    {"imag", "multiplier used for the imaginary part of a complex number"},
    {"algorithm", "name of the algorithm for hashing of str, bytes and memoryviews"},
    {"hash_bits", "internal output size of hash algorithm"},
    {"seed_bits", "seed size of hash algorithm"},
    {"cutoff", "small string optimization cutoff"},
    {nullptr, nullptr},
};
const StructSeqDesc kHashInfoDesc = {
    "sys.hash_info",
    "hash_info\n\nA named tuple providing parameters used for computing\nhashes. The attributes "
    "are read only.",
    kHashInfoFields, 9};
StructSeqType HashInfoType;
WEFT_REGISTER_STRUCTSEQ(HashInfoType, kHashInfoDesc);

const StructSeqField kThreadInfoFields[] = {
    {"name", "name of the thread implementation"},
    {"lock", "name of the lock implementation"},
    {"version", "name and version of the thread library"},
    {nullptr, nullptr},
};
const StructSeqDesc kThreadInfoDesc = {
    "sys.thread_info", "sys.thread_info\n\nA named tuple holding information about the thread "
                       "implementation.",
    kThreadInfoFields, 3};
StructSeqType ThreadInfoType;
WEFT_REGISTER_STRUCTSEQ(ThreadInfoType, kThreadInfoDesc);

// --- building the records ------------------------------------------------------------------------

// A record from its field values, each a Result<Ref<Object>> (the first error wins).
template <class... Items>
Result<Ref<Object>> make_record(StructSeqType* type, Items&&... items) {
  Result<Ref<Object>> results[] = {Result<Ref<Object>>(std::forward<Items>(items))...};
  Ref<Object> values[sizeof...(Items)];
  for (size_t i = 0; i < sizeof...(Items); ++i) values[i] = TRY(std::move(results[i]));
  return structseq_from_items(type, values);
}

Result<Ref<Object>> integer(int64_t v) { return int_from_i64(v); }
Result<Ref<Object>> boolean(bool v) { return new_bool(v); }
Result<Ref<Object>> real(double v) { return float_from_double(v); }
Result<Ref<Object>> ascii(const char* s) { return str_from_ascii(s); }

bool has_xoption(const vm::RuntimeConfig& config, const char* name) {
  for (const std::string& x : config.xoptions)
    if (x == name || x.rfind(std::string(name) + "=", 0) == 0) return true;
  return false;
}

Result<Ref<Object>> make_flags(const vm::RuntimeConfig& c) {
  return make_record(
      &FlagsType, integer(c.debug), integer(c.inspect), integer(c.inspect), integer(c.optimize),
      integer(c.dont_write_bytecode), integer(c.no_user_site), integer(c.no_site),
      integer(c.ignore_environment), integer(c.verbose), integer(c.bytes_warning),
      integer(c.quiet), integer(hash_randomization_enabled()), integer(c.isolated),
      boolean(has_xoption(c, "dev")), integer(0),
      integer(has_xoption(c, "warn_default_encoding")), boolean(c.safe_path),
      integer(int_max_str_digits()),
      // A free-threaded build that was not told about the GIL reports None, as CPython 3.14t;
      // threads inherit the caller's context and warnings are context-aware by default there.
      new_none(), integer(1), integer(1));
}

// The C library's name and version for thread_info.version ("NPTL 2.36"), or None.
Result<Ref<Object>> pthread_version() {
#ifdef _CS_GNU_LIBPTHREAD_VERSION
  char buf[128];
  size_t n = confstr(_CS_GNU_LIBPTHREAD_VERSION, buf, sizeof buf);
  if (n > 1 && n <= sizeof buf) return str_from_utf8(std::string_view(buf, n - 1));
#endif
  return new_none();
}

}  // namespace

Status add_records(Object* sys_module, int major, int minor, int micro) {
  Ref<Object> version_info = TRY(make_record(
      &VersionInfoType, integer(major), integer(minor), integer(micro), ascii("final"),
      integer(0)));
  TRY(module_add_object(sys_module, "version_info", version_info.get()));

  Ref<Object> flags = TRY(make_flags(vm::runtime_config()));
  TRY(module_add_object(sys_module, "flags", flags.get()));

  Ref<Object> float_info = TRY(make_record(
      &FloatInfoType, real(DBL_MAX), integer(DBL_MAX_EXP), integer(DBL_MAX_10_EXP),
      real(DBL_MIN), integer(DBL_MIN_EXP), integer(DBL_MIN_10_EXP), integer(DBL_DIG),
      integer(DBL_MANT_DIG), real(DBL_EPSILON), integer(FLT_RADIX), integer(FLT_ROUNDS)));
  TRY(module_add_object(sys_module, "float_info", float_info.get()));

  // Weft's ints are not stored in CPython's 30-bit digits (small values inline, GMP beyond), but
  // programs read these to size buffers and pick algorithms, so report 64-bit CPython's values.
  Ref<Object> int_info = TRY(make_record(
      &IntInfoType, integer(30), integer(4), integer(4300), integer(640)));
  TRY(module_add_object(sys_module, "int_info", int_info.get()));

  // objects/hash.h: CPython's numeric hash (modulus 2**61 - 1) and SipHash-1-3 for str/bytes.
  Ref<Object> hash_info = TRY(make_record(
      &HashInfoType, integer(64), integer((int64_t{1} << 61) - 1), integer(314159), integer(0),
      integer(1000003), ascii("siphash13"), integer(64), integer(128), integer(0)));
  TRY(module_add_object(sys_module, "hash_info", hash_info.get()));

  // Locks park on futexes (sync/parking_lot.cpp): neither of CPython's named lock kinds.
  Ref<Object> thread_info = TRY(make_record(&ThreadInfoType, ascii("pthread"), new_none(), pthread_version()));
  return module_add_object(sys_module, "thread_info", thread_info.get());
}

}  // namespace weft::sys
