// vm/main/weft_main.cpp — the `weft` command line, after CPython's Modules/main.c.
//
//   weft [option] ... [-c cmd | -m mod | file | -] [arg] ...
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
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "vm/import.h"
#include "vm/lifecycle.h"
#include "vm/traceback_print.h"
#include "vm/zipimport.h"

namespace {

using namespace weft;

constexpr const char* kVersion = "Python 3.14.2";
constexpr const char* kUsage =
    "usage: weft [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
    "Options (and corresponding environment variables):\n"
    "-c cmd : program passed in as string (terminates option list)\n"
    "-E     : ignore PYTHON* environment variables (such as PYTHONPATH)\n"
    "-h     : print this help message and exit (also -? or --help)\n"
    "-I     : isolate Python from the user's environment (implies -E, -P and -s)\n"
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
  if (from_stdin && ::isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "%s: the interactive prompt is not supported yet; pass a script, -c or "
                         "pipe the program into stdin\n", prog.c_str());
    return 2;
  }
  vm::RuntimeConfig& config = opt.config;
  auto env_flag = [&](const char* name) {
    const char* v = config.ignore_environment ? nullptr : std::getenv(name);
    return v && *v;
  };
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
  Result<Ref<Object>> main_result = opt.module.empty()
      ? vm::exec_source_as_module(str_intern("__main__"), path.c_str(), source)
      : run_module_as_main(opt.module);
  if (main_result.is_error()) status = handle_uncaught();
  int final_status = vm::finalize_runtime();
  std::fflush(stdout);
  if (g_unhandled_keyboard_interrupt) exit_by_sigint();
  return final_status ? final_status : (status & 0xff);
}
