// vm/main/weft_main.cpp — the `weft` command line, after CPython's Modules/main.c.
//
//   weft [option] ... [-c cmd | -m mod | file | -] [arg] ...
//
// With no program and stdin a terminal (or with -i, after the program), the interactive prompt
// runs: CPython's basic REPL (see interactive_loop below).
//
// Exit status: 0 on success, 1 for an uncaught exception, SystemExit's code, 2 for usage errors
// and unreadable scripts, 120 if stdout cannot be flushed at exit.
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "vm/compiler/compile.h"
#include "vm/import.h"
#include "vm/interp_state.h"
#include "vm/lifecycle.h"
#include "vm/run.h"
#include "vm/traceback_print.h"
#include "vm/zipimport.h"

namespace {

using namespace weft;

constexpr const char* kVersion = "Python 3.14.2";
constexpr const char* kInteractiveHint =
    "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n";
constexpr const char* kUsage =
    "usage: weft [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
    "Options (and corresponding environment variables):\n"
    "-c cmd : program passed in as string (terminates option list)\n"
    "-E     : ignore PYTHON* environment variables (such as PYTHONPATH)\n"
    "-h     : print this help message and exit (also -? or --help)\n"
    "-I     : isolate Python from the user's environment (implies -E, -P and -s)\n"
    "-i     : inspect interactively after running script; forces a prompt even\n"
    "         if stdin does not appear to be a terminal; also PYTHONINSPECT=x\n"
    "-m mod : run library module as a script (terminates option list)\n"
    "-P     : don't prepend a potentially unsafe path to sys.path\n"
    "-q     : don't print version and copyright messages on interactive startup\n"
    "-s     : don't add user site directory to sys.path\n"
    "-S     : don't imply 'import site' on initialization\n"
    "-u     : force the stdout and stderr streams to be unbuffered\n"
    "-V     : print the Python version number and exit (also --version)\n"
    "-X opt : set implementation-specific option\n"
    "file   : program read from script file\n"
    "-      : program read from stdin (default; interactive mode if a tty)\n"
    "arg ...: arguments passed to program in sys.argv[1:]\n";

std::string program_name(const char* argv0) {
  const char* slash = std::strrchr(argv0, '/');
  return slash ? slash + 1 : argv0;
}

std::string absolute_path(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  char buf[PATH_MAX];
  if (!::getcwd(buf, sizeof buf)) return path;
  std::string cwd = buf;
  return path.empty() ? cwd : cwd + "/" + path;
}

std::string dirname_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string executable_path(const char* argv0) {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) return std::string(buf, static_cast<size_t>(n));
  return absolute_path(argv0);
}

// Set when the program ended with an uncaught KeyboardInterrupt: after finalising, the process
// kills itself with SIGINT like CPython (exit_sigint), so the shell sees "killed by SIGINT".
bool g_unhandled_keyboard_interrupt = false;

[[noreturn]] void exit_by_sigint() {
  std::fflush(stdout);
  std::fflush(stderr);
  std::signal(SIGINT, SIG_DFL);
  ::kill(::getpid(), SIGINT);
  std::_Exit(128 + SIGINT);  // only reached if SIGINT is blocked: the shell's convention
}

// Turns the pending exception into an exit status: SystemExit's code, or a printed traceback and
// 1 (CPython's handle_system_exit / PyErr_Print).
int handle_uncaught() {
  Ref<Object> exc = take_exception();
  if (is_instance_of(exc.get(), exc::SystemExit)) {
    Ref<Object> code;
    Result<bool> has = lookup_attr(exc.get(), str_intern("code"), &code);
    if (has.is_error()) clear_error();
    if (has.is_error() || !has.value() || is_none(code.get())) return 0;
    if (is_int(code.get())) {
      int64_t v = 0;
      if (!int_to_i64(code.get(), &v)) return -1;
      return static_cast<int>(v);
    }
    // Any other object: printed to stderr, status 1.
    Result<Ref<Object>> text = object_str(code.get());
    if (text.is_error()) {
      clear_error();
    } else {
      std::string s = str_to_std_string(text.value().get());
      vm::write_stderr(s + "\n");
    }
    return 1;
  }
  g_unhandled_keyboard_interrupt = is_instance_of(exc.get(), exc::KeyboardInterrupt);
  vm::report_uncaught_exception(exc.get());
  if (error_occurred()) return handle_uncaught();  // the hook raised SystemExit
  return 1;
}

// -m: runpy._run_module_as_main(name), as CPython's pymain_run_module does.
Result<Ref<Object>> run_module_as_main(const std::string& name) {
  TRY(vm::new_main_module());  // runpy runs the module in __main__'s namespace
  Ref<Object> runpy = TRY(vm::import_module(str_intern("runpy")));
  Ref<Object> run = TRY(get_attr(runpy.get(), "_run_module_as_main"));
  Ref<Object> module_name = TRY(str_from_utf8(name));
  Object* args[2] = {module_name.get(), py_bool(true)};
  return call(run.get(), args, 2);
}

// --- the interactive prompt --------------------------------------------------------------------
//
// CPython's basic REPL (PyRun_InteractiveLoop; `_pyrepl` is not needed): prompts sys.ps1 /
// sys.ps2 on stderr, lines from sys.stdin, each statement compiled in 'single' mode under
// <stdin> and run in __main__ (expression values go to sys.displayhook through the compiled
// code), errors reported through sys.excepthook before the loop goes on. A statement is read
// the way codeop reads it: the lines so far, joined without the last newline, are compiled with
// PyCF_DONT_IMPLY_DEDENT | PyCF_ALLOW_INCOMPLETE_INPUT, and _IncompleteInputError means "show
// sys.ps2 and read another line" (so a block ends with an empty line). EOF ends the loop.

// sys.<name> (a new reference).
Result<Ref<Object>> sys_attr(const char* name) {
  Ref<Object> sys = TRY(vm::import_module(str_intern("sys")));
  return get_attr(sys.get(), name);
}

// sys.<name> = value.
Status set_sys_attr(const char* name, Object* value) {
  Ref<Object> sys = TRY(vm::import_module(str_intern("sys")));
  return set_attr(sys.get(), str_intern(name), value);
}

// Flushes sys.stdout and sys.stderr, ignoring failures (CPython's flush_io).
void flush_io() {
  for (const char* name : {"stderr", "stdout"}) {
    Result<Ref<Object>> stream = sys_attr(name);
    if (stream && !is_none(stream.value().get())) {
      if (call_method(stream.value().get(), "flush", nullptr, 0).is_error()) clear_error();
    } else if (!stream) {
      clear_error();
    }
  }
}

// Writes str(sys.ps1) or str(sys.ps2) as the prompt.
void write_prompt(bool continuation) {
  Result<Ref<Object>> prompt = sys_attr(continuation ? "ps2" : "ps1");
  if (!prompt) {
    clear_error();
    return;
  }
  Result<Ref<Object>> text = object_str(prompt.value().get());
  if (!text) {
    clear_error();
    return;
  }
  vm::write_stderr(str_to_std_string(text.value().get()));
}

// One line of sys.stdin without its newline; false at EOF.
Result<bool> read_line(std::string* line) {
  Ref<Object> in = TRY(sys_attr("stdin"));
  if (is_none(in.get())) return false;
  Ref<Object> text = TRY(call_method(in.get(), "readline", nullptr, 0));
  if (!is_str(text.get())) return raise(exc::TypeError, "object.readline() returned non-string");
  *line = str_to_std_string(text.get());
  if (line->empty()) return false;
  if (line->back() == '\n') line->pop_back();
  return true;
}

// A line the prompt ignores when no statement is pending: blank or only a comment.
bool is_blank_line(const std::string& line) {
  size_t first = line.find_first_not_of(" \t\f\r");
  return first == std::string::npos || line[first] == '#';
}

// Reports the pending exception as the interactive loop does: sys.last_exc (and the older
// last_type/last_value/last_traceback) set, then sys.excepthook. Returns the exit status when
// it was SystemExit (the loop ends), else -1.
int report_interactive_error() {
  Ref<Object> exc = take_exception();
  if (is_instance_of(exc.get(), exc::SystemExit)) {
    set_exception(std::move(exc));
    return handle_uncaught();
  }
  Ref<Object> tb;
  Result<bool> has_tb = lookup_attr(exc.get(), str_intern("__traceback__"), &tb);
  if (has_tb.is_error()) clear_error();
  Object* type = reinterpret_cast<Object*>(exc->ob_type);
  if (set_sys_attr("last_exc", exc.get()).is_error() || set_sys_attr("last_type", type).is_error() ||
      set_sys_attr("last_value", exc.get()).is_error() ||
      set_sys_attr("last_traceback", tb ? tb.get() : none()).is_error())
    clear_error();
  vm::report_uncaught_exception(exc.get());
  if (error_occurred()) return handle_uncaught();  // the hook raised SystemExit
  return -1;
}

// Compiles and runs one statement in `globals`; returns the exit status when it raised
// SystemExit, else -1. `complete`: compile as is (end of input), without asking for more.
int run_statement(const std::string& source, Object* globals, bool complete, int optimize,
                  bool* incomplete) {
  *incomplete = false;
  compiler::CompileFlags flags;
  flags.optimize = optimize;
  flags.dont_imply_dedent = !complete;
  flags.allow_incomplete_input = !complete;
  Ref<Object> filename = MUST(str_from_utf8("<stdin>"));
  Result<Ref<Object>> code = compiler::compile_source(source, filename.get(), compiler::CompileMode::Single, flags);
  if (!code) {
    Ref<Object> builtins_incomplete;
    Object* builtins = vm::builtins_dict();
    if (!complete && builtins &&
        MUST(dict_get_item_str(builtins, str_intern("_IncompleteInputError"), &builtins_incomplete)) &&
        error_matches(reinterpret_cast<Type*>(builtins_incomplete.get()))) {
      clear_error();
      *incomplete = true;
      return -1;
    }
    return report_interactive_error();
  }
  vm::register_code_source(code.value().get(), source + "\n");
  Result<Ref<Object>> result = vm::run_code(code.value().get(), globals, globals);
  flush_io();
  if (!result) return report_interactive_error();
  return -1;
}

// The loop itself; returns the process exit status.
int interactive_loop(int optimize) {
  for (auto [name, value] : {std::pair{"ps1", ">>> "}, std::pair{"ps2", "... "}}) {
    Ref<Object> sys = MUST(vm::import_module(str_intern("sys")));
    Ref<Object> existing;
    Result<bool> has = lookup_attr(sys.get(), str_intern(name), &existing);
    if (has.is_error()) clear_error();
    if (!has.is_error() && !has.value()) {
      Ref<Object> text = MUST(str_from_utf8(value));
      if (set_attr(sys.get(), str_intern(name), text.get()).is_error()) clear_error();
    }
  }
  Ref<Object> main_module;
  Ref<Object> modules_entry;
  if (MUST(dict_get_item_str(vm::sys_modules(), str_intern("__main__"), &modules_entry))) {
    main_module = std::move(modules_entry);
  } else {
    Result<Ref<Object>> created = vm::new_main_module();
    if (!created) return handle_uncaught();
    main_module = std::move(created).release_value();
  }
  Ref<Object> globals = MUST(get_attr(main_module.get(), "__dict__"));
  for (;;) {
    std::string source;
    bool continuation = false;
    for (;;) {
      flush_io();
      write_prompt(continuation);
      std::string line;
      Result<bool> got = read_line(&line);
      if (!got) {
        if (!error_matches(exc::KeyboardInterrupt)) {
          int status = report_interactive_error();
          if (status >= 0) return status;
          continue;
        }
        clear_error();
        vm::write_stderr("\nKeyboardInterrupt\n");
        break;
      }
      if (!got.value()) {  // EOF: run what is pending, then leave
        vm::write_stderr("\n");
        if (!continuation) return 0;
        bool incomplete = false;
        int status = run_statement(source + "\n", globals.get(), true, optimize, &incomplete);
        if (status >= 0) return status;
        break;
      }
      if (!continuation && is_blank_line(line)) continue;
      source = continuation ? source + "\n" + line : line;
      bool incomplete = false;
      int status = run_statement(source, globals.get(), false, optimize, &incomplete);
      if (status >= 0) return status;
      if (!incomplete) break;
      continuation = true;
    }
  }
}

// `weft FILE`, `-c CMD` and a program on stdin: the source runs in a fresh __main__, which stays
// in sys.modules even when the program fails (the -i prompt and exit handlers use it). The
// text of -c is remembered for tracebacks, as CPython does.
Result<Ref<Object>> run_main_source(const std::string& path, const std::string& source, int optimize) {
  Ref<Object> main_module = TRY(vm::new_main_module());
  Object* dict = module_dict(main_module.get());
  Ref<Object> filename = TRY(str_from_utf8(path));
  if (!path.empty() && path[0] != '<') TRY(dict_set_item(dict, str_intern("__file__"), filename.get()));
  compiler::CompileFlags flags;
  flags.optimize = optimize;
  Ref<Object> code = TRY(compiler::compile_source(source, filename.get(), compiler::CompileMode::Exec, flags));
  if (path == "<string>") vm::register_code_source(code.get(), source);
  return vm::run_code(code.get(), dict, dict);
}

struct Options {
  std::string command;   // -c
  std::string module;    // -m
  std::string script;    // file, or "-" for stdin
  std::vector<std::string> args;
  vm::RuntimeConfig config;  // the flags; paths and argv are filled in after parsing
};

int usage_error(const std::string& prog, const std::string& message) {
  std::fprintf(stderr, "%s\nusage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
                       "Try `%s -h' for more information.\n",
               message.c_str(), prog.c_str(), prog.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string prog = program_name(argv[0]);
  Options opt;
  int i = 1;
  for (; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--version" || a == "-V") {
      std::printf("%s\n", kVersion);
      return 0;
    }
    if (a == "-h" || a == "--help" || a == "-?") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "-" || a.empty() || a[0] != '-') break;
    if (a == "--") {
      i++;
      break;
    }
    // Single-letter options may be combined (-uE); -c, -m, -X and -W take a value.
    for (size_t k = 1; k < a.size(); k++) {
      char c = a[k];
      auto value = [&]() -> const char* {
        if (k + 1 < a.size()) {
          const char* v = argv[i] + k + 1;
          k = a.size();
          return v;
        }
        if (i + 1 < argc) {
          k = a.size();
          return argv[++i];
        }
        return nullptr;
      };
      switch (c) {
        case 'c': case 'm': {
          const char* v = value();
          if (!v) return usage_error(prog, std::string("Argument expected for the -") + c + " option");
          (c == 'c' ? opt.command : opt.module) = v;
          i++;
          goto options_done;
        }
        case 'X': case 'W': {
          const char* v = value();
          if (!v) return usage_error(prog, std::string("Argument expected for the -") + c + " option");
          (c == 'X' ? opt.config.xoptions : opt.config.warnoptions).push_back(v);
          break;
        }
        case 'u': opt.config.unbuffered = true; break;
        case 'E': opt.config.ignore_environment = true; break;
        case 'I':
          opt.config.isolated = opt.config.ignore_environment = opt.config.safe_path = true;
          opt.config.no_user_site = true;
          break;
        case 'P': opt.config.safe_path = true; break;
        case 'S': opt.config.no_site = true; break;
        case 's': opt.config.no_user_site = true; break;
        case 'B': opt.config.dont_write_bytecode = true; break;
        case 'q': opt.config.quiet = 1; break;
        case 'i': opt.config.inspect = 1; break;
        case 'd': opt.config.debug++; break;
        case 'O': opt.config.optimize++; break;
        case 'v': opt.config.verbose++; break;
        case 'b': opt.config.bytes_warning++; break;
        case 'R': break;  // hash randomisation is always on, as in CPython 3.14
        default:
          return usage_error(prog, std::string("Unknown option: -") + c);
      }
    }
  }
options_done:
  if (opt.command.empty() && opt.module.empty() && i < argc) opt.script = argv[i++];
  for (; i < argc; i++) opt.args.push_back(argv[i]);
  bool from_stdin =
      opt.command.empty() && opt.module.empty() && (opt.script.empty() || opt.script == "-");
  vm::RuntimeConfig& config = opt.config;
  auto env_flag = [&](const char* name) {
    const char* v = config.ignore_environment ? nullptr : std::getenv(name);
    return v && *v;
  };
  if (env_flag("PYTHONINSPECT")) config.inspect = 1;
  // No program: the prompt, when stdin is a terminal or -i asks for it (CPython's
  // stdin_is_interactive / config->inspect); otherwise stdin is the program.
  bool stdin_tty = ::isatty(STDIN_FILENO);
  bool prompt_only = from_stdin && (stdin_tty || config.inspect);
  if (env_flag("PYTHONUNBUFFERED")) config.unbuffered = true;
  if (env_flag("PYTHONDONTWRITEBYTECODE")) config.dont_write_bytecode = true;
  config.executable = executable_path(argv[0]);
  config.prefix = dirname_of(dirname_of(config.executable));
  for (int k = 0; k < argc; k++) config.orig_argv.push_back(argv[k]);

  std::string source, path;
  if (!opt.module.empty()) {
    // -m: sys.argv[0] is "-m" until runpy finds the module and puts its path there; sys.path[0]
    // is the current directory.
    config.argv.push_back("-m");
    if (!config.safe_path) config.path.push_back(absolute_path(""));
  } else if (!opt.command.empty()) {
    config.argv.push_back("-c");
    source = opt.command;
    path = "<string>";
    if (!config.safe_path) config.path.push_back("");
  } else if (prompt_only) {
    config.argv.push_back(opt.script.empty() ? "" : "-");
    if (!config.safe_path) config.path.push_back("");
  } else if (from_stdin) {
    // `weft < prog.py` / `weft -`: the whole of stdin is the program, named "<stdin>", and
    // sys.path[0] is the current directory ('' as CPython puts it).
    config.argv.push_back(opt.script.empty() ? "" : "-");
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    source = ss.str();
    path = "<stdin>";
    if (!config.safe_path) config.path.push_back("");
  } else {
    config.argv.push_back(opt.script);
    path = absolute_path(opt.script);
    std::ifstream in(opt.script, std::ios::binary);
    if (!in) {
      int err = errno;
      std::fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", argv[0], path.c_str(), err,
                   std::strerror(err));
      return 2;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    source = ss.str();
    if (!config.safe_path) config.path.push_back(dirname_of(path));
  }
  for (const std::string& a : opt.args) config.argv.push_back(a);
  if (!config.ignore_environment) {
    if (const char* pp = std::getenv("PYTHONPATH")) {
      std::string entries = pp;
      size_t start = 0;
      while (start <= entries.size()) {
        size_t colon = entries.find(':', start);
        std::string e = entries.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        if (!e.empty()) config.path.push_back(absolute_path(e));
        if (colon == std::string::npos) break;
        start = colon + 1;
      }
    }
  }
  // The stdlib comes after the script dir and PYTHONPATH (DESIGN §8).
  std::string stdlib = vm::locate_stdlib(config.executable, config.ignore_environment);
  if (!stdlib.empty()) config.path.push_back(stdlib);

  if (vm::initialize_runtime(config).is_error()) {
    vm::print_exception(take_exception().get());
    return 1;
  }
  int status = 0;
  if (prompt_only) {
    // CPython's pymain_header: the banner for a prompt on a terminal, unless -q.
    if (stdin_tty && !config.quiet) {
      Result<Ref<Object>> version = sys_attr("version");
      std::string text = version ? str_to_std_string(version.value().get()) : std::string(kVersion + 7);
      if (!version) clear_error();
      vm::write_stderr("Python " + text + " on linux\n" + kInteractiveHint);
    }
    status = interactive_loop(config.optimize);
  } else {
    Result<Ref<Object>> main_result = opt.module.empty()
        ? run_main_source(path, source, config.optimize)
        : run_module_as_main(opt.module);
    if (config.inspect || env_flag("PYTHONINSPECT")) {
      // -i: whatever happened to the program (SystemExit included) is reported and the prompt
      // follows.
      if (main_result.is_error()) {
        Ref<Object> exc = take_exception();
        vm::report_uncaught_exception(exc.get());
        if (error_occurred()) clear_error();
      }
      status = interactive_loop(config.optimize);
    } else if (main_result.is_error()) {
      status = handle_uncaught();
    }
  }
  int final_status = vm::finalize_runtime();
  std::fflush(stdout);
  if (g_unhandled_keyboard_interrupt) exit_by_sigint();
  return final_status ? final_status : (status & 0xff);
}
