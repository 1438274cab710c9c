// stdlib/_codecs/codecs_internal.h — what the files of the `_codecs` module share: the codec
// search registry, the error-handler registry, and the driver that runs an error handler for the
// codec functions (CPython's Python/codecs.c and the unicode_*_errors helpers of
// Objects/unicodeobject.c).
//
// Registry state lives in three containers created once at start-up (kPhaseObjects) and never
// replaced: the search-function list, the lookup cache dict and the error-handler dict. They are
// built-in list/dict objects, whose own critical sections make every access thread-safe; no
// Python code runs while any other lock is held here.
#pragma once

#include <string_view>

#include "objects/type.h"
#include "objects/unicode_codecs.h"

namespace weft::codecs_module {

// codecs.lookup(encoding): the CodecInfo (a 4-tuple or tuple subclass) for `encoding` (a str),
// imports the `encodings` package on first use, caches by the normalised name.
Result<Ref<Object>> lookup_codec(Object* encoding);

// codecs.lookup_error(name): the registered handler; LookupError "unknown error handler name".
Result<Ref<Object>> lookup_error_handler(std::string_view name);

// The outcome of an error handler: the replacement (str, or bytes for encoders) and the
// position where coding resumes, already checked to lie within the input.
using HandlerResult = CodecErrorOutcome;

// Runs handler `errors` (empty = "strict") on UnicodeEncodeError(encoding, str, start, end,
// reason). The replacement is a str or bytes.
Result<HandlerResult> handle_encode_error(std::string_view errors, const char* encoding,
                                          Object* str, int64_t start, int64_t end,
                                          const char* reason);
// Runs handler `errors` on UnicodeDecodeError(encoding, data, start, end, reason); the
// replacement is a str. `data` is the whole input.
Result<HandlerResult> handle_decode_error(std::string_view errors, const char* encoding,
                                          std::string_view data, int64_t start, int64_t end,
                                          const char* reason);

// The runner objects/unicode_codecs.cpp calls for handlers registered from Python (installed
// with codec_set_error_hook at start-up).
Result<HandlerResult> run_error_handler(std::string_view errors, const char* encoding, Object* str,
                                        std::string_view data, int64_t start, int64_t end,
                                        const char* reason);

// The optional `errors` argument args[index] of a codec function: absent or None -> empty
// (strict); a str -> its text; else TypeError "<fname>() argument N must be str or None".
Result<std::string_view> errors_argument(const char* fname, Object* const* args, size_t nargs,
                                         size_t index);
// The required str argument args[index]: TypeError "<fname>() argument N must be str, not T".
Status require_str_argument(const char* fname, Object* const* args, size_t index);
// An optional bool-ish/int argument (final, byteorder): `dflt` when absent.
Result<int64_t> int_argument(Object* const* args, size_t nargs, size_t index, int64_t dflt);
// (obj, consumed) — the result shape of every codec function.
Result<Ref<Object>> codec_result(Ref<Object> obj, int64_t consumed);

// The length of `data` without an incomplete (but so far valid) UTF-8 sequence at its end:
// what an incremental UTF-8 decoder may decode now (also used by _io.TextIOWrapper).
size_t utf8_complete_prefix(std::string_view data);
// codecs.lookup(encoding) refusing codecs whose CodecInfo says _is_text_encoding is false
// (LookupError "'NAME' is not a text encoding; use ALTERNATE to handle arbitrary codecs", or
// without the "; use" part when `alternate` is nullptr, as TextIOWrapper says it).
Result<Ref<Object>> lookup_text_codec(Object* encoding, const char* alternate);

extern const MethodDef kRegistryFunctions[];      // register, lookup, encode, decode, ...
extern const MethodDef kUnicodeCodecFunctions[];  // utf_8/utf_16/utf_32/latin_1/ascii/charmap
extern const MethodDef kEscapeCodecFunctions[];   // escape_*, unicode_escape_*, raw_*, readbuffer
// strict_errors, ignore_errors, ...: registered under "strict", "ignore", ... at start-up.
extern const MethodDef kBuiltinErrorHandlers[];

}  // namespace weft::codecs_module
