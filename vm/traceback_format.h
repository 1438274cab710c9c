// vm/traceback_format.h — internal to the traceback printer (vm/traceback_print.cpp,
// vm/traceback_source.cpp): one traceback entry rendered as CPython 3.14's
// traceback.StackSummary.format_frame_summary renders it, and the source-line cache behind it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "objects/ref.h"

namespace weft::vm::tbfmt {

// One traceback entry (a FrameSummary). Line/column fields are -1 for None; columns are UTF-8
// byte offsets, as stored in the location table.
struct FrameEntry {
  std::string filename;  // co_filename
  std::string name;      // co_name
  int lineno = -1, end_lineno = -1, col = -1, end_col = -1;
  Object* code = nullptr;   // borrowed: the traceback keeps it alive
  Object* frame = nullptr;  // borrowed frame object, or nullptr
};

// linecache for one print: file contents (universal newlines, decoded as UTF-8), read once.
class SourceCache {
 public:
  // Line `lineno` (1-based) of the entry's file without its line ending, or "" when unknown
  // (linecache.getline; falls back to the module loader's get_source and to sources registered
  // with register_code_source for "<...>" file names).
  std::u32string line(const FrameEntry& entry, int lineno);

 private:
  const std::vector<std::u32string>* lines_for(const FrameEntry& entry);
  std::map<std::string, std::unique_ptr<std::vector<std::u32string>>> files_;
};

// Appends the text CPython prints for `entry`: the "  File ..." line, then the source line(s)
// with the caret/tilde line when CPython shows one.
void format_frame(const FrameEntry& entry, SourceCache& cache, std::string* out);

// The "Did you mean: 'x'?" / "Did you forget to import 'x'?" text TracebackException appends to
// the message of a NameError, AttributeError or ImportError (vm/traceback_suggest.cpp); "" for
// none. `tb` is the exception's traceback (its innermost frame supplies NameError candidates).
std::string suggestion_suffix(Object* exc, Object* tb);

// textwrap.indent(text, prefix, lambda line: True): `prefix` before every line.
std::u32string indent_all(std::u32string_view text, std::u32string_view prefix);

// UTF-8 <-> UTF-32 helpers shared by the printer (invalid UTF-8 decodes to U+FFFD).
std::u32string decode_utf8(std::string_view s);
std::string encode_utf8(std::u32string_view s);
// Python's str.splitlines() (no keepends), str.isspace(), str.strip() family.
std::vector<std::u32string> split_lines(std::u32string_view s);
bool is_blank(std::u32string_view s);
std::u32string_view lstrip(std::u32string_view s);
std::u32string_view rstrip(std::u32string_view s);
std::u32string_view strip(std::u32string_view s);

}  // namespace weft::vm::tbfmt
