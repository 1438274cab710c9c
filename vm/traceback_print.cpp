// vm/traceback_print.cpp — formatting uncaught exceptions (see traceback_print.h).
//
// This is Lib/traceback.py's TracebackException written in C++: a tree of ExcNode summaries is
// built first, exactly as TracebackException.__init__ builds it (the same `seen` set and the same
// LIFO work queue, so chains with loops or shared exceptions expand the same way), then walked
// by `format` as TracebackException.format walks it. Source lines and caret lines come from
// vm/traceback_source.cpp. Every error met while formatting (a failing __str__, a broken
// __notes__) becomes CPython's placeholder text; nothing here raises.
//
// Not reproduced: colour output (CPython colours only when stderr is a terminal), the keyword
// typo suggestions for SyntaxError ("Did you mean 'for'?"), and __notes__ sequences other than
// list and tuple (collections.abc.Sequence registrations) are shown by repr().
#include "vm/traceback_print.h"

#include <unistd.h>

#include <deque>
#include <set>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/code.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/traceback.h"
#include "objects/tuple.h"
#include "vm/interp_state.h"
#include "vm/traceback_format.h"

namespace weft::vm {
namespace {

using tbfmt::FrameEntry;

constexpr int kRecursiveCutoff = 3;
constexpr int kMaxGroupWidth = 15;
constexpr int kMaxGroupDepth = 10;
constexpr const char* kCauseMessage =
    "\nThe above exception was the direct cause of the following exception:\n\n";
constexpr const char* kContextMessage =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

// _safe_string(value, what, func): str()/repr() or "<what func() failed>".
std::string safe_string(Object* value, const char* what, bool use_repr = false) {
  Result<Ref<Object>> text = use_repr ? object_repr(value) : object_str(value);
  if (text.is_error() || !is_str(text.value().get())) {
    clear_error();
    return std::string("<") + what + (use_repr ? " repr() failed>" : " str() failed>");
  }
  return str_to_std_string(text.value().get());
}

// getattr(o, name, None) with any exception swallowed; null Ref for missing/None.
Ref<Object> attr_or_null(Object* o, const char* name) {
  Ref<Object> value;
  Result<bool> found = lookup_attr(o, str_intern(name), &value);
  if (found.is_error()) {
    clear_error();
    return Ref<Object>();
  }
  if (!found.value() || is_none(value.get())) return Ref<Object>();
  return value;
}

// The `sys` module's attribute `name`, or a null Ref.
Ref<Object> sys_attr(const char* name) {
  Object* modules = sys_modules();
  if (!modules) return Ref<Object>();
  Ref<Object> sys;
  Result<bool> found = dict_get_item_str(modules, str_intern("sys"), &sys);
  if (found.is_error()) {
    clear_error();
    return Ref<Object>();
  }
  if (!found.value()) return Ref<Object>();
  return attr_or_null(sys.get(), name);
}

struct ExcNode {
  Ref<Object> exc;
  std::vector<FrameEntry> stack;
  std::vector<Ref<Object>> keep_alive;  // the traceback entries the stack borrows from
  std::string type_str;
  std::string str;
  std::vector<std::string> note_lines;
  bool is_syntax_error = false;
  Ref<Object> filename, lineno, end_lineno, text, offset, end_offset, msg;  // SyntaxError
  bool suppress_context = false;
  ExcNode* cause = nullptr;
  ExcNode* context = nullptr;
  bool is_group = false;
  std::vector<ExcNode*> exceptions;
};

// exc_type_str: "module.Qualname", without the module for builtins and __main__.
std::string type_string(Type* type) {
  Object* t = reinterpret_cast<Object*>(type);
  Ref<Object> qualname = attr_or_null(t, "__qualname__");
  std::string stype = qualname ? safe_string(qualname.get(), "type") : type_short_name(type);
  Ref<Object> module = attr_or_null(t, "__module__");
  std::string smod = module && is_str(module.get()) ? str_to_std_string(module.get()) : "<unknown>";
  if (smod != "__main__" && smod != "builtins") stype = smod + "." + stype;
  return stype;
}

// The traceback entries of `tb`, newest last, limited by sys.tracebacklimit.
void extract_stack(Object* tb, ExcNode* node) {
  for (Ref<Object> cursor = tb && is_traceback(tb) ? new_ref(tb) : Ref<Object>(); cursor;) {
    TracebackObject* entry = static_cast<TracebackObject*>(cursor.get());
    FrameEntry f;
    if (entry->code && is_code(entry->code)) {
      CodeObject* code = static_cast<CodeObject*>(entry->code);
      f.filename = str_to_std_string(code->filename);
      f.name = str_to_std_string(code->name);
      f.code = entry->code;
      SourceLocation loc;
      if (entry->lasti >= 0 && code_location(code, entry->lasti / 2, &loc) && loc.line >= 0) {
        f.lineno = loc.line;
        f.end_lineno = loc.end_line;
        f.col = loc.col;
        f.end_col = loc.end_col;
      } else {
        f.lineno = entry->lineno;
      }
    }
    f.frame = entry->frame && !is_none(entry->frame) ? entry->frame : nullptr;
    node->stack.push_back(std::move(f));
    Ref<Object> next = traceback_next(cursor.get());
    node->keep_alive.push_back(std::move(cursor));
    cursor = std::move(next);
  }
  Ref<Object> limit_obj = sys_attr("tracebacklimit");
  if (limit_obj && is_int(limit_obj.get())) {
    int64_t limit = 0;
    if (!int_to_i64(limit_obj.get(), &limit)) limit = INT64_MAX;
    if (limit < 0) limit = 0;
    if (static_cast<uint64_t>(limit) < node->stack.size()) {
      node->stack.erase(node->stack.begin(),
                        node->stack.end() - static_cast<std::ptrdiff_t>(limit));
    }
  }
}

// The lines of __notes__, as format_exception_only prints them (without indentation).
void collect_notes(Object* exc, ExcNode* node) {
  Ref<Object> notes;
  Result<bool> found = lookup_attr(exc, str_intern("__notes__"), &notes);
  std::vector<std::string> texts;
  if (found.is_error()) {
    Ref<Object> error = take_exception();
    texts.push_back("Ignored error getting __notes__: " + safe_string(error.get(), "__notes__", true));
  } else if (!found.value() || is_none(notes.get())) {
    return;
  } else if (is_tuple(notes.get()) || is_list(notes.get())) {
    Ref<Object> snapshot = is_tuple(notes.get()) ? notes.dup() : Ref<Object>();
    if (!snapshot) {
      Result<Ref<Object>> t = call_one(reinterpret_cast<Object*>(&TupleType), notes.get());
      if (t.is_error()) {
        clear_error();
        return;
      }
      snapshot = t.release_value();
    }
    for (int64_t i = 0, n = tuple_size(snapshot.get()); i < n; ++i)
      texts.push_back(safe_string(tuple_item(snapshot.get(), i), "note"));
  } else {
    node->note_lines.push_back(safe_string(notes.get(), "__notes__", true));
    return;
  }
  for (const std::string& t : texts) {
    size_t start = 0;
    for (;;) {
      size_t nl = t.find('\n', start);
      node->note_lines.push_back(t.substr(start, nl == std::string::npos ? nl : nl - start));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
}

class Builder {
 public:
  ExcNode* make(Object* exc) {
    seen_.insert(exc);
    ExcNode* node = &nodes_.emplace_back();
    node->exc = new_ref(exc);
    extract_stack(exception_traceback(exc), node);
    node->type_str = type_string(type_of(exc));
    node->str = safe_string(exc, "exception");
    collect_notes(exc, node);
    if (is_instance_of(exc, exc::SyntaxError)) {
      node->is_syntax_error = true;
      node->filename = attr_or_null(exc, "filename");
      node->lineno = attr_or_null(exc, "lineno");
      node->end_lineno = attr_or_null(exc, "end_lineno");
      node->text = attr_or_null(exc, "text");
      node->offset = attr_or_null(exc, "offset");
      node->end_offset = attr_or_null(exc, "end_offset");
      node->msg = attr_or_null(exc, "msg");
    } else {
      node->str += tbfmt::suggestion_suffix(exc, exception_traceback(exc));
    }
    node->suppress_context = static_cast<ExceptionObject*>(exc)->suppress_context;
    return node;
  }

  // TracebackException.__init__'s queue over causes, contexts and group members.
  ExcNode* build(Object* root) {
    ExcNode* top = make(root);
    std::vector<ExcNode*> queue{top};
    while (!queue.empty()) {
      ExcNode* te = queue.back();
      queue.pop_back();
      Object* e = te->exc.get();
      Object* cause = exception_cause(e);
      if (cause && !is_none(cause) && is_exception_instance(cause) && !seen_.count(cause))
        te->cause = make(cause);
      Object* context = exception_context(e);
      if (context && is_exception_instance(context) && !seen_.count(context))
        te->context = make(context);
      if (is_instance_of(e, exc::BaseExceptionGroup)) {
        te->is_group = true;
        Ref<Object> members = attr_or_null(e, "exceptions");
        if (members && is_tuple(members.get())) {
          for (int64_t i = 0, n = tuple_size(members.get()); i < n; ++i) {
            Object* member = tuple_item(members.get(), i);
            if (is_exception_instance(member)) te->exceptions.push_back(make(member));
          }
        }
      }
      if (te->cause) queue.push_back(te->cause);
      if (te->context) queue.push_back(te->context);
      for (ExcNode* member : te->exceptions) queue.push_back(member);
    }
    return top;
  }

 private:
  std::set<Object*> seen_;
  std::deque<ExcNode> nodes_;
};

// --- formatting ---------------------------------------------------------------------------------

struct PrintContext {
  int group_depth = 0;
  bool need_close = false;
  std::string indent() const { return std::string(static_cast<size_t>(2 * group_depth), ' '); }
};

// _ExceptionPrintContext.emit: indents every line of `text` inside exception groups.
void emit(const PrintContext& ctx, const std::string& text, std::string* out, char margin = '|') {
  if (ctx.group_depth == 0) {
    *out += text;
    return;
  }
  std::string prefix = ctx.indent() + margin + ' ';
  *out += tbfmt::encode_utf8(tbfmt::indent_all(tbfmt::decode_utf8(text), tbfmt::decode_utf8(prefix)));
}

// StackSummary.format: frames, collapsing runs of the same (file, line, name).
std::string format_stack(const std::vector<FrameEntry>& stack, tbfmt::SourceCache& cache) {
  std::string out;
  const FrameEntry* last = nullptr;
  int count = 0;
  auto repeated = [&]() {
    if (count > kRecursiveCutoff) {
      int more = count - kRecursiveCutoff;
      out += "  [Previous line repeated " + std::to_string(more) + " more time" +
             (more > 1 ? "s" : "") + "]\n";
    }
  };
  for (const FrameEntry& f : stack) {
    if (!last || last->filename != f.filename || last->lineno != f.lineno || last->lineno < 0 ||
        last->name != f.name) {
      repeated();
      last = &f;
      count = 0;
    }
    ++count;
    if (count > kRecursiveCutoff) continue;
    tbfmt::format_frame(f, cache, &out);
  }
  repeated();
  return out;
}

// A Python int attribute as int64 (false when it is not an int).
bool int_value(Object* o, int64_t* out) {
  return o && is_int(o) && int_to_i64(o, out);
}

// TracebackException._format_syntax_error
std::string format_syntax_error(const ExcNode& n) {
  std::string out, filename_suffix;
  std::string lineno_text = n.lineno ? safe_string(n.lineno.get(), "lineno") : "";
  std::string end_lineno_text = n.end_lineno ? safe_string(n.end_lineno.get(), "end_lineno") : "";
  if (n.lineno) {
    std::string filename = n.filename ? safe_string(n.filename.get(), "filename") : "";
    bool falsy = !n.filename || (is_str(n.filename.get()) && str_length(n.filename.get()) == 0);
    out += "  File \"" + (falsy ? std::string("<string>") : filename) + "\", line " + lineno_text + "\n";
  } else if (n.filename) {
    filename_suffix = " (" + safe_string(n.filename.get(), "filename") + ")";
  }
  if (n.text && is_str(n.text.get())) {
    std::u32string text = tbfmt::decode_utf8(str_to_std_string(n.text.get()));
    std::u32string rtext = text;
    while (!rtext.empty() && rtext.back() == '\n') rtext.pop_back();
    size_t lead = 0;
    while (lead < rtext.size() && (rtext[lead] == ' ' || rtext[lead] == '\n' || rtext[lead] == '\f')) ++lead;
    std::u32string ltext = rtext.substr(lead);
    int64_t spaces = static_cast<int64_t>(lead);
    int64_t offset = 0, end_offset = 0;
    if (!n.offset) {
      out += "    " + tbfmt::encode_utf8(ltext) + "\n";
    } else if (int_value(n.offset.get(), &offset)) {
      int64_t text_len = static_cast<int64_t>(text.size());
      int64_t rlen = static_cast<int64_t>(rtext.size());
      if (lineno_text == end_lineno_text && (bool(n.lineno) == bool(n.end_lineno))) {
        int64_t e = 0;
        end_offset = int_value(n.end_offset.get(), &e) && e != 0 ? e : offset;
      } else {
        end_offset = rlen + 1;
      }
      if (text_len && offset > text_len) offset = rlen + 1;
      if (text_len && end_offset > text_len) end_offset = rlen + 1;
      if (offset >= end_offset || end_offset < 0) end_offset = offset + 1;
      int64_t colno = offset - 1 - spaces;
      int64_t end_colno = end_offset - 1 - spaces;
      out += "    " + tbfmt::encode_utf8(ltext) + "\n";
      if (colno >= 0) {
        std::u32string caretspace;
        for (int64_t i = 0; i < colno && i < static_cast<int64_t>(ltext.size()); ++i) {
          char32_t c = ltext[static_cast<size_t>(i)];
          caretspace.push_back(tbfmt::is_blank(std::u32string_view(&c, 1)) ? c : U' ');
        }
        out += "    " + tbfmt::encode_utf8(caretspace) +
               std::string(static_cast<size_t>(std::max<int64_t>(0, end_colno - colno)), '^') + "\n";
      }
    }
  }
  std::string msg = n.msg ? safe_string(n.msg.get(), "msg") : "";
  if (msg.empty()) msg = "<no detail available>";
  out += n.type_str + ": " + msg + filename_suffix + "\n";
  return out;
}

// TracebackException.format_exception_only (show_group=False)
std::string format_exception_only(const ExcNode& n, int depth) {
  std::string indent(static_cast<size_t>(3 * depth), ' ');
  std::string out;
  if (n.is_syntax_error) {
    std::string text = format_syntax_error(n);
    // `indent + l` for each yielded chunk: every chunk here is one line.
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      out += indent + text.substr(start, nl - start + 1);
      start = nl + 1;
    }
  } else {
    std::string line = n.str.empty() ? n.type_str : n.type_str + ": " + n.str;
    if (depth > 0) {
      size_t start = 0;
      for (;;) {
        size_t nl = line.find('\n', start);
        out += indent + line.substr(start, nl == std::string::npos ? nl : nl - start) + "\n";
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
    } else {
      out += line + "\n";
    }
  }
  for (const std::string& note : n.note_lines) out += indent + note + "\n";
  return out;
}

// TracebackException.format(chain=True)
void format(const ExcNode* self, PrintContext& ctx, tbfmt::SourceCache& cache, std::string* out) {
  std::vector<std::pair<const char*, const ExcNode*>> output;
  for (const ExcNode* exc = self; exc;) {
    const char* message = nullptr;
    const ExcNode* next = nullptr;
    if (exc->cause) {
      message = kCauseMessage;
      next = exc->cause;
    } else if (exc->context && !exc->suppress_context) {
      message = kContextMessage;
      next = exc->context;
    }
    output.emplace_back(message, exc);
    exc = next;
  }
  for (auto it = output.rbegin(); it != output.rend(); ++it) {
    const char* message = it->first;
    const ExcNode* exc = it->second;
    if (message) emit(ctx, message, out);
    if (!exc->is_group) {
      if (!exc->stack.empty()) {
        emit(ctx, "Traceback (most recent call last):\n", out);
        emit(ctx, format_stack(exc->stack, cache), out);
      }
      emit(ctx, format_exception_only(*exc, 0), out);
    } else if (ctx.group_depth > kMaxGroupDepth) {
      emit(ctx, "... (max_group_depth is " + std::to_string(kMaxGroupDepth) + ")\n", out);
    } else {
      bool is_toplevel = ctx.group_depth == 0;
      if (is_toplevel) ++ctx.group_depth;
      if (!exc->stack.empty()) {
        emit(ctx, "Exception Group Traceback (most recent call last):\n", out,
             is_toplevel ? '+' : '|');
        emit(ctx, format_stack(exc->stack, cache), out);
      }
      emit(ctx, format_exception_only(*exc, 0), out);
      size_t num = exc->exceptions.size();
      size_t n = num <= kMaxGroupWidth ? num : kMaxGroupWidth + 1;
      ctx.need_close = false;
      for (size_t i = 0; i < n; ++i) {
        bool last = i == n - 1;
        if (last) ctx.need_close = true;
        bool truncated = i >= kMaxGroupWidth;
        std::string title = truncated ? "..." : std::to_string(i + 1);
        *out += ctx.indent() + (i == 0 ? "+-" : "  ") + "+---------------- " + title +
                " ----------------\n";
        ++ctx.group_depth;
        if (!truncated) {
          format(exc->exceptions[i], ctx, cache, out);
        } else {
          size_t remaining = num - kMaxGroupWidth;
          emit(ctx, "and " + std::to_string(remaining) + " more exception" +
                        (remaining > 1 ? "s" : "") + "\n", out);
        }
        if (last && ctx.need_close) {
          *out += ctx.indent() + "+------------------------------------\n";
          ctx.need_close = false;
        }
        --ctx.group_depth;
      }
      if (is_toplevel) ctx.group_depth = 0;
    }
  }
}

void write_fd2(std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(2, text.data(), text.size());
    if (n <= 0) return;
    text.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

std::string format_exception(Object* exc) {
  // Formatting may run Python code (__str__, __repr__); keep any pending exception aside.
  Ref<Object> pending = take_exception();
  std::string out;
  if (exc && is_exception_instance(exc)) {
    Builder builder;
    ExcNode* top = builder.build(exc);
    PrintContext ctx;
    tbfmt::SourceCache cache;
    format(top, ctx, cache, &out);
  } else if (exc) {
    std::string s = safe_string(exc, "exception");
    out = type_string(type_of(exc)) + (s.empty() ? "" : ": " + s) + "\n";
  }
  if (pending) set_exception(std::move(pending));
  return out;
}

void print_exception(Object* exc) { write_stderr(format_exception(exc)); }

void report_uncaught_exception(Object* exc) {
  Ref<Object> hook = sys_attr("excepthook");
  if (!hook || is_none(hook.get())) {
    write_stderr("sys.excepthook is missing\n");
    print_exception(exc);
    return;
  }
  Object* tb = exception_traceback(exc);
  Object* args[3] = {reinterpret_cast<Object*>(type_of(exc)), exc, tb ? tb : none()};
  Result<Ref<Object>> r = call(hook.get(), args, 3);
  if (!r.is_error()) return;
  // The hook itself failed: show its error, then the original (CPython's _PyErr_PrintEx).
  Ref<Object> hook_error = take_exception();
  if (is_instance_of(hook_error.get(), exc::SystemExit)) {
    set_exception(std::move(hook_error));  // the caller decides the exit status
    return;
  }
  write_stderr("Error in sys.excepthook:\n");
  print_exception(hook_error.get());
  write_stderr("\nOriginal exception was:\n");
  print_exception(exc);
}

void write_stderr(std::string_view text) {
  Ref<Object> pending = take_exception();
  Ref<Object> stream = sys_attr("stderr");
  bool written = false;
  if (stream) {
    Result<Ref<Object>> s = str_from_utf8(text);
    if (!s.is_error()) {
      Object* arg = s.value().get();
      Result<Ref<Object>> r = call_method(stream.get(), "write", &arg, 1);
      written = !r.is_error();
      if (written) {
        Result<Ref<Object>> f = call_method(stream.get(), "flush", nullptr, 0);
        if (f.is_error()) clear_error();
      }
    }
    if (!written) clear_error();
  }
  if (!written) write_fd2(text);
  if (pending) set_exception(std::move(pending));
}

}  // namespace weft::vm
