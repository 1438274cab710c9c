// stdlib/posix/posix_path.cpp — converting posix arguments: paths (str, bytes, os.PathLike, fd),
// dir_fd, file descriptors; and raising OSError from errno (CPython's path_converter,
// dir_fd_converter and path_error in Modules/posixmodule.c), plus os.fspath and strerror.
//
// File names cross the boundary in the file-system encoding: UTF-8 with surrogateescape, so
// every byte string round-trips through str. Stateless: nothing here locks.
#include <fcntl.h>

#include <cstring>
#include <string_view>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/unicode_codecs.h"
#include "stdlib/posix/posix_internal.h"

namespace weft::posix_module {
namespace {

// os.fspath(obj): str/bytes pass, else __fspath__() (which must return str or bytes). Returns
// false, with no exception, when obj is neither str, bytes nor os.PathLike.
Result<bool> fspath_of(Object* obj, Ref<Object>* out) {
  if (is_str(obj) || is_bytes(obj)) {
    *out = new_ref(obj);
    return true;
  }
  Ref<Object> method;
  if (!TRY(lookup_special(obj, str_intern("__fspath__"), &method))) return false;
  Ref<Object> path = TRY(call_noargs(method.get()));
  if (!is_str(path.get()) && !is_bytes(path.get()))
    return raise(exc::TypeError, "expected {}.__fspath__() to return str or bytes, not {}",
                 type_name_of(obj), type_name_of(path.get()));
  *out = std::move(path);
  return true;
}

Error path_type_error(const PathArg& path, Object* arg) {
  const char* allowed = path.allow_fd && path.nullable ? "string, bytes, os.PathLike, integer or None"
                        : path.allow_fd                ? "string, bytes, os.PathLike or integer"
                        : path.nullable                ? "string, bytes, os.PathLike or None"
                                                       : "string, bytes or os.PathLike";
  return raise(exc::TypeError, "{}: {} should be {}, not {}", path.function, path.argname,
               allowed, type_name_of(arg));
}

}  // namespace

Status convert_path(Object* arg, PathArg* path) {
  if (!arg || (path->nullable && is_none(arg))) {
    path->object = new_none();
    path->given_none = true;
    path->text = ".";
    return ok();
  }
  path->object = new_ref(arg);
  if (path->allow_fd && is_int(arg)) {
    path->fd = TRY(convert_fd(arg));
    return ok();
  }
  Ref<Object> fs;
  if (!TRY(fspath_of(arg, &fs))) return path_type_error(*path, arg);
  if (is_str(fs.get())) {
    Ref<Object> encoded = TRY(encode_utf8(fs.get(), "surrogateescape"));
    path->text.assign(bytes_view(encoded.get()));
  } else {
    path->text.assign(bytes_view(fs.get()));
    path->is_bytes = true;
  }
  if (!path->allow_nul && path->text.find('\0') != std::string::npos)
    return raise(exc::ValueError, "{}: embedded null character in {}", path->function,
                 path->argname);
  return ok();
}

Status fs_convert(Object* arg, std::string* out) {
  Ref<Object> fs;
  if (!TRY(fspath_of(arg, &fs)))
    return raise(exc::TypeError, "expected str, bytes or os.PathLike object, not {}",
                 type_name_of(arg));
  if (is_str(fs.get())) {
    Ref<Object> encoded = TRY(encode_utf8(fs.get(), "surrogateescape"));
    out->assign(bytes_view(encoded.get()));
  } else {
    out->assign(bytes_view(fs.get()));
  }
  if (out->find('\0') != std::string::npos) return raise(exc::ValueError, "embedded null byte");
  return ok();
}

Result<int> convert_dir_fd(Object* arg) {
  if (!arg || is_none(arg)) return AT_FDCWD;
  if (!is_int(arg))
    return raise(exc::TypeError, "argument should be integer or None, not {}", type_name_of(arg));
  return convert_fd(arg);
}

Result<int> convert_int(Object* arg) {
  int64_t v = TRY(index_as_i64(arg));
  if (v > INT32_MAX) return raise(exc::OverflowError, "signed integer is greater than maximum");
  if (v < INT32_MIN) return raise(exc::OverflowError, "signed integer is less than minimum");
  return static_cast<int>(v);
}

Result<int> convert_fd(Object* arg) { return convert_int(arg); }

Result<bool> convert_bool(Object* arg, bool default_value) {
  if (!arg) return default_value;
  return object_is_true(arg);
}

Error raise_errno(int err) { return raise_os_error(err); }

Error raise_errno_path(int err, const PathArg& path) {
  return raise_os_error(err, path.object && !path.given_none ? path.object.get() : nullptr);
}

Error raise_errno_paths(int err, const PathArg& a, const PathArg& b) {
  return raise_os_error(err, a.object.get(), b.object.get());
}

Result<Ref<Object>> fs_decode(std::string_view text) {
  return decode_utf8(text, "surrogateescape");
}

Result<Ref<Object>> path_result(std::string_view text, bool as_bytes) {
  if (as_bytes) return bytes_from(text);
  return fs_decode(text);
}

namespace {

// os.fspath(path): str and bytes unchanged, else path.__fspath__().
Result<Ref<Object>> posix_fspath(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("fspath", "path");
  Object* a[1];
  TRY(kParser.parse(args, nargs, kwnames, a));
  Ref<Object> fs;
  if (!TRY(fspath_of(a[0], &fs)))
    return raise(exc::TypeError, "expected str, bytes or os.PathLike object, not {}",
                 type_name_of(a[0]));
  return fs;
}

// The length of the root of a POSIX path: 0 (relative), 2 for exactly two leading slashes (which
// POSIX lets implementations give a meaning), else 1 for any other number of slashes.
size_t root_length(std::string_view p) {
  if (p.empty() || p[0] != '/') return 0;
  if (p.size() > 1 && p[1] == '/' && (p.size() == 2 || p[2] != '/')) return 2;
  return 1;
}

// The one path argument of a pure path function (embedded NULs allowed, as CPython's nonstrict
// path_t).
Status convert_pure_path(const ArgParser& parser, Object* const* args, size_t nargs,
                         Object* kwnames, PathArg* path) {
  Object* a[1];
  TRY(parser.parse(args, nargs, kwnames, a));
  path->allow_nul = true;
  return convert_path(a[0], path);
}

// posixpath.normpath: collapses separators and "." and resolves ".." lexically.
Result<Ref<Object>> posix_path_normpath(Object*, Object* const* args, size_t nargs,
                                        Object* kwnames) {
  static const ArgParser kParser("_path_normpath", "path");
  PathArg path{"_path_normpath", "path"};
  TRY(convert_pure_path(kParser, args, nargs, kwnames, &path));
  std::string_view p = path.text;
  if (p.empty()) return path_result(".", path.is_bytes);
  size_t root = root_length(p);
  std::string out(p.substr(0, root));
  std::vector<std::string_view> comps;
  size_t i = root;
  while (i <= p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    std::string_view comp = p.substr(i, j - i);
    i = j + 1;
    if (comp.empty() || comp == ".") continue;
    if (comp != ".." || (root == 0 && comps.empty()) || (!comps.empty() && comps.back() == ".."))
      comps.push_back(comp);
    else if (!comps.empty())
      comps.pop_back();
  }
  for (size_t k = 0; k < comps.size(); ++k) {
    if (k) out.push_back('/');
    out.append(comps[k]);
  }
  if (out.empty()) out = ".";
  return path_result(out, path.is_bytes);
}

// posixpath.splitroot: ('', root, tail); the root is "", "/" or exactly "//".
Result<Ref<Object>> posix_path_splitroot_ex(Object*, Object* const* args, size_t nargs,
                                            Object* kwnames) {
  static const ArgParser kParser("_path_splitroot_ex", "p");
  PathArg path{"_path_splitroot_ex", "path"};  // the message says "path", as CPython's
  TRY(convert_pure_path(kParser, args, nargs, kwnames, &path));
  std::string_view p = path.text;
  size_t root = root_length(p);
  Ref<Object> drive = TRY(path_result("", path.is_bytes));
  Ref<Object> root_part = TRY(path_result(p.substr(0, root), path.is_bytes));
  Ref<Object> tail = TRY(path_result(p.substr(root), path.is_bytes));
  return tuple_pack({drive.get(), root_part.get(), tail.get()});
}

// os.strerror(code)
Result<Ref<Object>> posix_strerror(Object*, Object* const* args, size_t, Object*) {
  int code = TRY(convert_int(args[0]));
  const char* text = std::strerror(code);
  if (!text) return raise(exc::ValueError, "strerror() argument out of range");
  return str_from_utf8(text);
}

}  // namespace

const MethodDef kPathFunctions[] = {
    {"fspath", posix_fspath, kMethFastcall,
     "Return the file system path representation of the object.\n\nIf the object is str or "
     "bytes, then allow it to pass through as-is. If the\nobject defines __fspath__(), then "
     "return the result of that method. All other\ntypes raise a TypeError."},
    {"strerror", posix_strerror, kMethOneArg,
     "Translate an error code to a message string."},
    {"_path_normpath", posix_path_normpath, kMethFastcall,
     "Normalize path, eliminating double slashes, etc."},
    {"_path_splitroot_ex", posix_path_splitroot_ex, kMethFastcall,
     "Split a pathname into drive, root and tail.\n\nThe tail contains anything after the root."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::posix_module
