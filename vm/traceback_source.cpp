// vm/traceback_source.cpp — the source part of a traceback entry: reading lines (linecache),
// and the caret/tilde line under the failing sub-expression (traceback.py's
// format_frame_summary, _should_show_carets and _extract_caret_anchors_from_line_segment).
//
// Why it is built this way: CPython 3.14 prints uncaught exceptions with Lib/traceback.py; its
// output depends on parsing the source segment with `ast`. This file reproduces that logic
// step for step in C++ (using Weft's own parser for the `ast.parse` calls), so tracebacks match
// byte for byte without needing the Python traceback module to import and run. Text is handled
// as UTF-32 so that indexes are code points, as in Python. Known approximations: _display_width's
// East Asian wide table covers the main wide/fullwidth blocks only; source files are decoded as
// UTF-8 (PEP 263 coding declarations are not honoured yet).
//
// Threads: the registry of string sources (register_code_source) is guarded by a mutex; a
// SourceCache belongs to one print call.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "objects/abstract.h"
#include "objects/code.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/unicode_props.h"
#include "sync/mutex.h"
#include "vm/compiler/parser.h"
#include "vm/traceback_format.h"
#include "vm/traceback_print.h"
#include "vm/zipimport.h"

namespace weft::vm {
namespace tbfmt {

// --- text helpers -------------------------------------------------------------------------------

std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 4;
    if (extra == 4 || i + extra >= s.size() + (extra == 0)) {  // bad lead byte or truncated
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    uint32_t cp = extra == 0 ? c : c & (0x3Fu >> extra);
    bool bad = false;
    for (size_t k = 1; k <= extra && !bad; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      bad = (cc & 0xC0) != 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (bad) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += extra + 1;
  }
  return out;
}

std::string encode_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) {
    uint32_t cp = c;
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

std::vector<std::u32string> split_lines(std::u32string_view s) {
  std::vector<std::u32string> out;
  size_t start = 0, i = 0;
  while (i < s.size()) {
    uint32_t c = s[i];
    if (unicode::is_linebreak(c)) {
      out.emplace_back(s.substr(start, i - start));
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      start = ++i;
    } else {
      ++i;
    }
  }
  if (start < s.size()) out.emplace_back(s.substr(start));
  return out;
}

bool is_blank(std::u32string_view s) {
  if (s.empty()) return false;  // "".isspace() is False
  for (char32_t c : s) {
    if (!unicode::is_space(c)) return false;
  }
  return true;
}

std::u32string_view lstrip(std::u32string_view s) {
  size_t i = 0;
  while (i < s.size() && unicode::is_space(s[i])) ++i;
  return s.substr(i);
}
std::u32string_view rstrip(std::u32string_view s) {
  size_t n = s.size();
  while (n > 0 && unicode::is_space(s[n - 1])) --n;
  return s.substr(0, n);
}
std::u32string_view strip(std::u32string_view s) { return lstrip(rstrip(s)); }

}  // namespace tbfmt

namespace {

using namespace tbfmt;

// --- sources of code compiled from strings (linecache._register_code) ---------------------------

// Keyed like linecache._make_key: (co_filename, co_qualname, co_firstlineno).
struct CodeKey {
  std::string filename, qualname;
  int firstlineno;
  bool operator<(const CodeKey& o) const {
    if (filename != o.filename) return filename < o.filename;
    if (qualname != o.qualname) return qualname < o.qualname;
    return firstlineno < o.firstlineno;
  }
};

sync::Mutex g_sources_mutex;
std::map<CodeKey, std::shared_ptr<const std::vector<std::u32string>>>* g_sources = nullptr;

CodeKey key_of(Object* code) {
  CodeObject* c = static_cast<CodeObject*>(code);
  return {str_to_std_string(c->filename), str_to_std_string(c->qualname), c->firstlineno};
}

// Splits like text-mode readlines(): universal newlines (\r\n, \r, \n) only.
std::vector<std::u32string> read_lines(std::u32string_view text) {
  std::vector<std::u32string> out;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      out.emplace_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) out.emplace_back(text.substr(start));
  return out;
}

void register_recursively(Object* code, const std::shared_ptr<const std::vector<std::u32string>>& lines) {
  (*g_sources)[key_of(code)] = lines;
  Object* consts = static_cast<CodeObject*>(code)->consts;
  for (int64_t i = 0, n = tuple_size(consts); i < n; ++i) {
    if (is_code(tuple_item(consts, i))) register_recursively(tuple_item(consts, i), lines);
  }
}

std::shared_ptr<const std::vector<std::u32string>> registered_source(Object* code) {
  sync::MutexLock lock(g_sources_mutex);
  if (!g_sources) return nullptr;
  auto it = g_sources->find(key_of(code));
  return it == g_sources->end() ? nullptr : it->second;
}

// module.__loader__.get_source(name) for a file that cannot be read (zip imports), from the
// frame's globals as linecache.lazycache does. Empty when unavailable; never raises.
bool source_from_loader(Object* frame, std::u32string* out) {
  if (!frame) return false;
  auto attempt = [&]() -> Result<bool> {
    Ref<Object> globals;
    if (!TRY(lookup_attr(frame, str_intern("f_globals"), &globals)) || !is_dict(globals.get()))
      return false;
    Ref<Object> loader, name, spec;
    if (!TRY(dict_get_item_str(globals.get(), str_intern("__loader__"), &loader)) ||
        is_none(loader.get()))
      return false;
    if (TRY(dict_get_item_str(globals.get(), str_intern("__spec__"), &spec)) &&
        !is_none(spec.get())) {
      if (!TRY(lookup_attr(spec.get(), str_intern("name"), &name))) return false;
    } else if (!TRY(dict_get_item_str(globals.get(), str_intern("__name__"), &name))) {
      return false;
    }
    Ref<Object> get_source;
    if (!TRY(lookup_attr(loader.get(), str_intern("get_source"), &get_source))) return false;
    Ref<Object> text = TRY(call_one(get_source.get(), name.get()));
    if (!is_str(text.get())) return false;
    *out = decode_utf8(str_to_std_string(text.get()));
    return true;
  };
  Result<bool> r = attempt();
  if (r.is_error()) {
    clear_error();
    return false;
  }
  return r.value();
}

// A module imported from a zip archive (the stdlib): "<archive>.zip/<member>" names the member,
// read as zipimport's get_source would.
bool source_from_zip(const std::string& path, std::string* out) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos || path.find(".zip/") == std::string::npos) return false;
  Result<ZipLocation> where = zip_location_for(path.substr(0, slash));
  if (where.is_error()) {
    clear_error();
    return false;
  }
  if (!where.value().archive) return false;
  const ZipArchive* archive = where.value().archive;
  const ZipArchive::Entry* member = archive->find(where.value().prefix + path.substr(slash + 1));
  if (!member) return false;
  Result<std::string> data = archive->read(*member);
  if (data.is_error()) {
    clear_error();
    return false;
  }
  *out = std::move(data.value());
  return true;
}

}  // namespace

namespace tbfmt {

const std::vector<std::u32string>* SourceCache::lines_for(const FrameEntry& entry) {
  auto it = files_.find(entry.filename);
  if (it != files_.end()) return it->second.get();
  auto lines = std::make_unique<std::vector<std::u32string>>();
  const std::string& name = entry.filename;
  bool pseudo = name.size() >= 2 && name.front() == '<' && name.back() == '>';
  if (!pseudo && !name.empty()) {
    std::ifstream in(name, std::ios::binary);
    if (in) {
      std::ostringstream ss;
      ss << in.rdbuf();
      *lines = read_lines(decode_utf8(ss.str()));
    } else if (std::string zipped; source_from_zip(name, &zipped)) {
      *lines = read_lines(decode_utf8(zipped));
    } else {
      std::u32string text;
      if (source_from_loader(entry.frame, &text)) *lines = read_lines(text);
    }
  }
  return (files_[name] = std::move(lines)).get();
}

std::u32string SourceCache::line(const FrameEntry& entry, int lineno) {
  const std::vector<std::u32string>* lines = lines_for(entry);
  if (lineno >= 1 && static_cast<size_t>(lineno) <= lines->size()) {
    std::u32string_view l = rstrip((*lines)[static_cast<size_t>(lineno - 1)]);
    if (!l.empty()) return std::u32string(l);
  }
  // FrameSummary._set_lines: "<...>" names fall back to the code's registered source.
  if (entry.code && !entry.filename.empty() && entry.filename.front() == '<') {
    auto registered = registered_source(entry.code);
    if (registered && lineno >= 1 && static_cast<size_t>(lineno) <= registered->size()) {
      return std::u32string(rstrip((*registered)[static_cast<size_t>(lineno - 1)]));
    }
  }
  return {};
}

}  // namespace tbfmt

namespace {

// _byte_offset_to_character_offset: the number of code points in the first `offset` UTF-8
// bytes of `line` (a partial character counts as one, like errors="replace").
int byte_to_char_offset(std::u32string_view line, int offset) {
  std::string utf8 = encode_utf8(line);
  if (offset < 0) offset = 0;
  if (static_cast<size_t>(offset) > utf8.size()) offset = static_cast<int>(utf8.size());
  return static_cast<int>(decode_utf8(std::string_view(utf8).substr(0, static_cast<size_t>(offset))).size());
}

// unicodedata.east_asian_width(c) in "WF": the main wide and fullwidth blocks.
bool is_wide(uint32_t c) {
  static constexpr uint32_t kRanges[][2] = {
      {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0},
      {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
      {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
      {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
      {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
      {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
      {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
      {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
      {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
      {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF},
      {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
      {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF},
      {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x3FFFD},
  };
  for (const auto& r : kRanges) {
    if (c < r[0]) return false;
    if (c <= r[1]) return true;
  }
  return false;
}

// _display_width(line, offset)
int display_width(std::u32string_view line, int offset) {
  bool ascii = true;
  for (char32_t c : line) ascii = ascii && c < 0x80;
  if (ascii) return offset;
  int width = 0;
  size_t n = std::min(line.size(), static_cast<size_t>(std::max(offset, 0)));
  for (size_t i = 0; i < n; ++i) width += is_wide(line[i]) ? 2 : 1;
  return width;
}
int display_width(std::u32string_view line) { return display_width(line, static_cast<int>(line.size())); }

// textwrap.dedent
std::u32string dedent(std::u32string_view text) {
  std::vector<std::u32string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      lines.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  const std::u32string_view* l1 = nullptr;
  const std::u32string_view* l2 = nullptr;
  for (const auto& l : lines) {
    if (l.empty() || is_blank(l)) continue;
    if (!l1 || l < *l1) l1 = &l;
    if (!l2 || l > *l2) l2 = &l;
  }
  size_t margin = 0;
  if (l1) {
    for (margin = 0; margin < l1->size(); ++margin) {
      char32_t c = (*l1)[margin];
      if (c != (*l2)[margin] || (c != ' ' && c != '\t')) break;
    }
  }
  std::u32string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out.push_back('\n');
    if (!is_blank(lines[i])) out.append(lines[i].substr(std::min(margin, lines[i].size())));
  }
  return out;
}

// A parsed source snippet (ast.parse); nullptr on a syntax error.
struct Parsed {
  ast::Arena arena;
  ast::Module* module = nullptr;
};
bool parse_snippet(std::u32string_view text, Parsed* out) {
  std::string utf8 = encode_utf8(text);
  std::string prepared;
  compiler::SyntaxErrorInfo info;
  ast::Mod* mod = compiler::parse_to_info(utf8, compiler::ParseMode::Exec, 0, out->arena,
                                          &prepared, &info);
  if (error_occurred()) clear_error();
  if (!mod || mod->kind != ast::ModKind::Module) return false;
  out->module = mod->as<ast::Module>();
  return true;
}

// _should_show_carets
bool should_show_carets(int start_offset, int end_offset, const std::vector<std::u32string>& all_lines,
                        bool have_anchors) {
  std::u32string joined;
  for (size_t i = 0; i < all_lines.size(); ++i) {
    if (i) joined.push_back('\n');
    joined.append(all_lines[i]);
  }
  Parsed parsed;
  if (parse_snippet(joined, &parsed)) {
    if (parsed.module->body.empty()) return false;
    const ast::Stmt* statement = parsed.module->body[0];
    const ast::Expr* value = nullptr;
    if (statement->kind == ast::StmtKind::Return) {
      const ast::Expr* v = statement->as<ast::Return>()->value;
      if (v && v->kind == ast::ExprKind::Call &&
          v->as<ast::Call>()->func->kind == ast::ExprKind::Name)
        value = v;
    } else if (statement->kind == ast::StmtKind::Assign) {
      const ast::Assign* a = statement->as<ast::Assign>();
      if (a->value->kind == ast::ExprKind::Call && a->targets.size() == 1 &&
          a->targets[0]->kind == ast::ExprKind::Name)
        value = a->value;
    }
    // CPython compares the AST's byte offsets with character offsets; so do we.
    if (value && value->loc.lineno == 1 &&
        value->loc.end_lineno == static_cast<int>(all_lines.size()) &&
        value->loc.col_offset == start_offset && value->loc.end_col_offset == end_offset)
      return false;
  }
  if (have_anchors) return true;
  std::u32string_view first = all_lines.front();
  std::u32string_view last = all_lines.back();
  if (!lstrip(first.substr(0, std::min(first.size(), static_cast<size_t>(start_offset)))).empty())
    return true;
  if (static_cast<size_t>(end_offset) < last.size() && !rstrip(last.substr(static_cast<size_t>(end_offset))).empty())
    return true;
  return false;
}

struct Anchors {
  int left_end_lineno, left_end_offset, right_start_lineno, right_start_offset;
  char32_t primary_char = '~', secondary_char = '^';
};

// _extract_caret_anchors_from_line_segment. Python's version raises (and the caller gives up)
// when a position runs off the text; here that is `false`.
class AnchorFinder {
 public:
  explicit AnchorFinder(std::u32string_view segment) : lines_(split_lines(segment)) {}

  bool find(std::u32string_view segment, Anchors* out) {
    std::u32string wrapped = U"(\n";
    wrapped.append(segment);
    wrapped.append(U"\n)");
    Parsed parsed;
    if (!parse_snippet(wrapped, &parsed)) return false;
    if (parsed.module->body.size() != 1) return false;
    const ast::Stmt* statement = parsed.module->body[0];
    if (statement->kind != ast::StmtKind::Expr) return false;
    const ast::Expr* expr = statement->as<ast::ExprStmt>()->value;
    int lineno, col;
    switch (expr->kind) {
      case ast::ExprKind::BinOp: {
        const ast::BinOp* b = expr->as<ast::BinOp>();
        if (!end_position(b->left, true, &lineno, &col)) return false;
        if (!increment_until(&lineno, &col, [](char32_t c) { return !unicode::is_space(c) && c != ')'; }))
          return false;
        int right_col = col + 1;
        const std::u32string& line = lines_[static_cast<size_t>(lineno)];
        if (right_col < static_cast<int>(line.size())) {
          int right_line = b->right->loc.lineno - 2;
          bool before_right = right_line > lineno;
          if (!before_right) {
            if (right_line < 0 || right_line >= static_cast<int>(lines_.size())) return false;
            before_right = right_col < normalize(right_line, b->right->loc.col_offset);
          }
          char32_t ch = line[static_cast<size_t>(right_col)];
          if (before_right && !unicode::is_space(ch) && ch != '\\' && ch != '#') ++right_col;
        }
        *out = {lineno, col, lineno, right_col};
        return true;
      }
      case ast::ExprKind::Subscript:
      case ast::ExprKind::Call: {
        const ast::Expr* head = expr->kind == ast::ExprKind::Subscript
                                    ? expr->as<ast::Subscript>()->value
                                    : expr->as<ast::Call>()->func;
        char32_t bracket = expr->kind == ast::ExprKind::Subscript ? '[' : '(';
        int left_lineno, left_col, right_lineno, right_col;
        if (!end_position(head, true, &left_lineno, &left_col)) return false;
        if (!increment_until(&left_lineno, &left_col, [bracket](char32_t c) { return c == bracket; }))
          return false;
        if (!end_position(expr, false, &right_lineno, &right_col)) return false;
        *out = {left_lineno, left_col, right_lineno, right_col};
        return true;
      }
      default:
        return false;
    }
  }

 private:
  int normalize(int lineno, int byte_offset) const {
    return byte_to_char_offset(lines_[static_cast<size_t>(lineno)], byte_offset);
  }
  bool next_valid_char(int* lineno, int* col) const {
    while (*lineno < static_cast<int>(lines_.size()) &&
           *col >= static_cast<int>(lines_[static_cast<size_t>(*lineno)].size())) {
      *col = 0;
      ++*lineno;
    }
    return *lineno < static_cast<int>(lines_.size());
  }
  bool increment(int* lineno, int* col) const {
    ++*col;
    return next_valid_char(lineno, col);
  }
  bool nextline(int* lineno, int* col) const {
    *col = 0;
    ++*lineno;
    return next_valid_char(lineno, col);
  }
  template <class Stop>
  bool increment_until(int* lineno, int* col, Stop stop) const {
    for (;;) {
      if (*lineno < 0 || *lineno >= static_cast<int>(lines_.size()) || *col < 0 ||
          *col >= static_cast<int>(lines_[static_cast<size_t>(*lineno)].size()))
        return false;
      char32_t ch = lines_[static_cast<size_t>(*lineno)][static_cast<size_t>(*col)];
      if (ch == '\\' || ch == '#') {
        if (!nextline(lineno, col)) return false;
      } else if (!stop(ch)) {
        if (!increment(lineno, col)) return false;
      } else {
        return true;
      }
    }
  }
  // setup_positions: the end of `e` in segment coordinates.
  bool end_position(const ast::Expr* e, bool force_valid, int* lineno, int* col) const {
    *lineno = e->loc.end_lineno - 2;
    if (*lineno < 0 || *lineno >= static_cast<int>(lines_.size())) return false;
    *col = normalize(*lineno, e->loc.end_col_offset);
    return force_valid ? next_valid_char(lineno, col) : true;
  }

  std::vector<std::u32string> lines_;
};

}  // namespace

namespace tbfmt {

// textwrap.indent(text, prefix, lambda line: True)
std::u32string indent_all(std::u32string_view text, std::u32string_view prefix) {
  std::u32string out;
  size_t start = 0, i = 0;
  while (i < text.size()) {
    uint32_t c = text[i];
    if (unicode::is_linebreak(c)) {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out.append(prefix);
      out.append(text.substr(start, i + 1 - start));
      start = ++i;
    } else {
      ++i;
    }
  }
  if (start < text.size()) {
    out.append(prefix);
    out.append(text.substr(start));
  }
  return out;
}

void format_frame(const FrameEntry& entry, SourceCache& cache, std::string* out) {
  std::string filename = entry.filename;
  if (filename.size() > 7 && filename.compare(0, 7, "<stdin-") == 0 && filename.back() == '>')
    filename = "<stdin>";
  *out += "  File \"" + filename + "\", line " +
          (entry.lineno < 0 ? std::string("None") : std::to_string(entry.lineno)) + ", in " +
          entry.name + "\n";
  if (entry.lineno < 0) return;
  int end_lineno = entry.end_lineno < 0 ? entry.lineno : entry.end_lineno;
  // FrameSummary._lines: the lines lineno..end_lineno, each rstripped, joined with "\n" + "\n".
  std::u32string lines_text;
  for (int l = entry.lineno; l <= end_lineno; ++l) {
    lines_text += cache.line(entry, l);
    lines_text.push_back('\n');
  }
  std::u32string dedented = dedent(lines_text);
  if (strip(dedented).empty()) return;
  if (entry.col < 0 || entry.end_col < 0) {
    std::u32string_view first = std::u32string_view(lines_text).substr(0, lines_text.find('\n'));
    *out += "    " + encode_utf8(strip(first)) + "\n";
    return;
  }
  std::vector<std::u32string> original = split_lines(lines_text);
  size_t span = static_cast<size_t>(end_lineno - entry.lineno);
  if (original.empty() || span >= original.size()) return;
  const std::u32string& first_line = original[0];
  const std::u32string& last_line = original[span];
  int start_offset = byte_to_char_offset(first_line, entry.col);
  int end_offset = byte_to_char_offset(last_line, entry.end_col);
  std::vector<std::u32string> all_lines = split_lines(dedented);
  if (all_lines.size() > span + 1) all_lines.resize(span + 1);
  if (all_lines.empty()) return;
  int dedent_chars = static_cast<int>(first_line.size()) - static_cast<int>(all_lines[0].size());
  start_offset = std::max(0, start_offset - dedent_chars);
  end_offset = std::max(0, end_offset - dedent_chars);
  int dp_start_offset = display_width(all_lines[0], start_offset);
  int dp_end_offset = display_width(all_lines.back(), end_offset);

  std::u32string joined;
  for (size_t i = 0; i < all_lines.size(); ++i) {
    if (i) joined.push_back('\n');
    joined += all_lines[i];
  }
  // segment[start_offset : len(segment) - (len(all_lines[-1]) - end_offset)]
  int seg_len = static_cast<int>(joined.size());
  int seg_end = seg_len - (static_cast<int>(all_lines.back().size()) - end_offset);
  seg_end = std::clamp(seg_end, 0, seg_len);
  int seg_start = std::clamp(start_offset, 0, seg_len);
  std::u32string segment = seg_start < seg_end ? joined.substr(static_cast<size_t>(seg_start),
                                                               static_cast<size_t>(seg_end - seg_start))
                                               : std::u32string();
  Anchors anchors{};
  bool have_anchors = AnchorFinder(segment).find(segment, &anchors);
  bool show_carets = should_show_carets(start_offset, end_offset, all_lines, have_anchors);

  int nlines = static_cast<int>(all_lines.size());
  std::vector<bool> significant(static_cast<size_t>(nlines), false);
  significant[0] = significant[static_cast<size_t>(nlines - 1)] = true;
  int left_end_offset = 0, right_start_offset = 0;
  char32_t primary_char = '^', secondary_char = '^';
  if (have_anchors) {
    if (anchors.left_end_lineno >= nlines || anchors.right_start_lineno >= nlines) {
      have_anchors = false;  // Python would raise IndexError here and print nothing more
    }
  }
  if (have_anchors) {
    left_end_offset = anchors.left_end_offset;
    right_start_offset = anchors.right_start_offset;
    if (anchors.left_end_lineno == 0) left_end_offset += start_offset;
    if (anchors.right_start_lineno == 0) right_start_offset += start_offset;
    left_end_offset = display_width(all_lines[static_cast<size_t>(anchors.left_end_lineno)], left_end_offset);
    right_start_offset =
        display_width(all_lines[static_cast<size_t>(anchors.right_start_lineno)], right_start_offset);
    primary_char = anchors.primary_char;
    secondary_char = anchors.secondary_char;
    for (int base : {anchors.left_end_lineno, anchors.right_start_lineno}) {
      for (int l = base - 1; l <= base + 1; ++l) {
        if (l >= 0 && l < nlines) significant[static_cast<size_t>(l)] = true;
      }
    }
  }

  std::u32string result;
  auto output_line = [&](int lineno) {
    const std::u32string& line = all_lines[static_cast<size_t>(lineno)];
    result += line;
    result.push_back('\n');
    if (!show_carets) return;
    int num_spaces = static_cast<int>(line.size() - lstrip(line).size());
    int num_carets = lineno == nlines - 1 ? dp_end_offset : display_width(line);
    for (int col = 0; col < num_carets; ++col) {
      if (col < num_spaces || (lineno == 0 && col < dp_start_offset)) {
        result.push_back(' ');
      } else if (have_anchors &&
                 (lineno > anchors.left_end_lineno ||
                  (lineno == anchors.left_end_lineno && col >= left_end_offset)) &&
                 (lineno < anchors.right_start_lineno ||
                  (lineno == anchors.right_start_lineno && col < right_start_offset))) {
        result.push_back(secondary_char);
      } else {
        result.push_back(primary_char);
      }
    }
    result.push_back('\n');
  };
  int previous = -1;
  for (int l = 0; l < nlines; ++l) {
    if (!significant[static_cast<size_t>(l)]) continue;
    if (previous >= 0) {
      int diff = l - previous;
      if (diff == 2) {
        output_line(l - 1);
      } else if (diff > 2) {
        result += U"...<" + decode_utf8(std::to_string(diff - 1)) + U" lines>...\n";
      }
    }
    output_line(l);
    previous = l;
  }
  *out += encode_utf8(indent_all(dedent(result), U"    "));
}

}  // namespace tbfmt

void register_code_source(Object* code, std::string_view source) {
  auto lines = std::make_shared<const std::vector<std::u32string>>(read_lines(decode_utf8(source)));
  sync::MutexLock lock(g_sources_mutex);
  if (!g_sources) g_sources = new std::map<CodeKey, std::shared_ptr<const std::vector<std::u32string>>>();
  register_recursively(code, lines);
}

}  // namespace weft::vm
