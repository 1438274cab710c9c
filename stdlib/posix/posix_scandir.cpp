// stdlib/posix/posix_scandir.cpp — os.scandir() and os.DirEntry (CPython's ScandirIterator and
// DirEntry in Modules/posixmodule.c).
//
// A ScandirIterator owns a DIR*; readdir() and closing happen inside the iterator's critical
// section, so an iterator shared by threads hands out each entry once and is closed once. A
// DirEntry keeps the d_type and inode from the directory entry, so is_dir()/is_file()/
// is_symlink() need no system call when the file system reports the type; stat() results are
// cached on first use: the cache slots are published with a compare-and-swap, so concurrent
// callers agree on one result without a lock.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

#include "objects/abstract.h"
#include "objects/alloc.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/generic_alias.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/posix/posix_internal.h"
#include "sync/critical_section.h"

namespace weft::posix_module {
namespace {

Type DirEntryType;
Type ScandirIteratorType;

struct DirEntryObject : Object {
  Object* name;                       // owned: str or bytes
  Object* path;                       // owned: same type as name
  std::atomic<Object*> stat_cache;    // owned once set: stat() following symlinks
  std::atomic<Object*> lstat_cache;   // owned once set: stat() of the entry itself
  uint64_t ino;
  unsigned char d_type;               // DT_* or DT_UNKNOWN
  int dir_fd;                         // scandir(fd): the directory fd (borrowed); else -1
};

struct ScandirIteratorObject : Object {
  DIR* dir;                 // nullptr once exhausted or closed; guarded by ob_mutex
  std::string* prefix;      // path + "/" for entry paths ("" for fd scans); owned
  bool as_bytes;
  int fd;                   // scandir(fd): the caller's fd (borrowed); else -1
};

DirEntryObject* as_entry(Object* o) { return static_cast<DirEntryObject*>(o); }
ScandirIteratorObject* as_iter(Object* o) { return static_cast<ScandirIteratorObject*>(o); }

// --- DirEntry --------------------------------------------------------------------------------------

void entry_dealloc(Object* self) {
  DirEntryObject* e = as_entry(self);
  xdecref(e->name);
  xdecref(e->path);
  xdecref(e->stat_cache.load(std::memory_order_relaxed));
  xdecref(e->lstat_cache.load(std::memory_order_relaxed));
  free_object(self);
}

// Runs a stat of the entry and publishes it in `slot` unless another thread did first.
Result<Ref<Object>> cached_stat(DirEntryObject* e, std::atomic<Object*>* slot, bool follow) {
  if (Object* cached = slot->load(std::memory_order_acquire)) return new_ref(cached);
  struct stat st;
  int err = 0;
  PathArg path{"stat", "path"};
  TRY(convert_path(e->dir_fd >= 0 ? e->name : e->path, &path));
  int flags = follow ? 0 : AT_SYMLINK_NOFOLLOW;
  int base = e->dir_fd >= 0 ? e->dir_fd : AT_FDCWD;
  long rc = TRY(blocking_call([&] { return fstatat(base, path.c_str(), &st, flags); }, &err));
  if (rc != 0) return raise_errno_path(err, path);
  Ref<Object> result = TRY(stat_result_from(st));
  Object* expected = nullptr;
  Object* mine = result.get();
  if (slot->compare_exchange_strong(expected, mine, std::memory_order_acq_rel)) {
    (void)result.release();  // the slot owns this reference now
    return new_ref(mine);
  }
  return new_ref(expected);  // another thread published first; ours is dropped
}

bool is_symlink_entry(DirEntryObject* e, Result<bool>* out) {
  if (e->d_type != DT_UNKNOWN) {
    *out = e->d_type == DT_LNK;
    return true;
  }
  return false;
}

Result<bool> entry_is_symlink(DirEntryObject* e) {
  Result<bool> known = false;
  if (is_symlink_entry(e, &known)) return known;
  Result<Ref<Object>> st = cached_stat(e, &e->lstat_cache, false);
  if (st.is_error()) {
    if (!error_matches(exc::FileNotFoundError)) return Error{};
    clear_error();
    return false;
  }
  int64_t mode = TRY(int_as_i64(tuple_item(st.value().get(), 0)));
  return S_ISLNK(mode);
}

Result<Ref<Object>> entry_stat_impl(DirEntryObject* e, bool follow) {
  if (follow && TRY(entry_is_symlink(e))) return cached_stat(e, &e->stat_cache, true);
  return cached_stat(e, &e->lstat_cache, false);
}

// is_dir / is_file: from d_type when known (and not a symlink to follow), else from stat();
// a vanished file is neither.
Result<bool> entry_test_mode(DirEntryObject* e, bool follow, mode_t wanted) {
  if (e->d_type != DT_UNKNOWN && !(follow && e->d_type == DT_LNK)) {
    unsigned char want = wanted == S_IFDIR ? DT_DIR : DT_REG;
    return e->d_type == want;
  }
  Result<Ref<Object>> st = entry_stat_impl(e, follow);
  if (st.is_error()) {
    if (!error_matches(exc::FileNotFoundError)) return Error{};
    clear_error();
    return false;
  }
  int64_t mode = TRY(int_as_i64(tuple_item(st.value().get(), 0)));
  return (static_cast<mode_t>(mode) & S_IFMT) == wanted;
}

Result<bool> follow_symlinks_kw(const char* fname, Object* const* args, size_t nargs,
                                Object* kwnames, const ArgParser& parser) {
  (void)fname;
  Object* a[1];
  TRY(parser.parse(args, nargs, kwnames, a));
  return convert_bool(a[0], true);
}

Result<Ref<Object>> entry_is_dir(Object* self, Object* const* args, size_t nargs,
                                 Object* kwnames) {
  static const ArgParser kParser("is_dir", "* | follow_symlinks");
  bool follow = TRY(follow_symlinks_kw("is_dir", args, nargs, kwnames, kParser));
  return new_bool(TRY(entry_test_mode(as_entry(self), follow, S_IFDIR)));
}

Result<Ref<Object>> entry_is_file(Object* self, Object* const* args, size_t nargs,
                                  Object* kwnames) {
  static const ArgParser kParser("is_file", "* | follow_symlinks");
  bool follow = TRY(follow_symlinks_kw("is_file", args, nargs, kwnames, kParser));
  return new_bool(TRY(entry_test_mode(as_entry(self), follow, S_IFREG)));
}

Result<Ref<Object>> entry_is_symlink_method(Object* self, Object* const*, size_t, Object*) {
  return new_bool(TRY(entry_is_symlink(as_entry(self))));
}

Result<Ref<Object>> entry_is_junction(Object*, Object* const*, size_t, Object*) {
  return new_bool(false);  // junctions are a Windows concept
}

Result<Ref<Object>> entry_stat(Object* self, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("stat", "* | follow_symlinks");
  bool follow = TRY(follow_symlinks_kw("stat", args, nargs, kwnames, kParser));
  return entry_stat_impl(as_entry(self), follow);
}

Result<Ref<Object>> entry_inode(Object* self, Object* const*, size_t, Object*) {
  return int_from_u64(as_entry(self)->ino);
}

Result<Ref<Object>> entry_fspath(Object* self, Object* const*, size_t, Object*) {
  return new_ref(as_entry(self)->path);
}

Result<Ref<Object>> entry_repr(Object* self) {
  Ref<Object> name = TRY(object_repr(as_entry(self)->name));
  StrBuilder out;
  out.append_ascii("<DirEntry ");
  out.append_str(name.get());
  out.append_ascii(">");
  return out.finish();
}

const MethodDef kDirEntryMethods[] = {
    {"is_dir", entry_is_dir, kMethFastcall, "Return True if the entry is a directory; cached per entry."},
    {"is_file", entry_is_file, kMethFastcall, "Return True if the entry is a file; cached per entry."},
    {"is_symlink", entry_is_symlink_method, kMethNoArgs, "Return True if the entry is a symbolic link; cached per entry."},
    {"is_junction", entry_is_junction, kMethNoArgs, "Return True if the entry is a junction; cached per entry."},
    {"stat", entry_stat, kMethFastcall, "Return stat_result object for the entry; cached per entry."},
    {"inode", entry_inode, kMethNoArgs, "Return inode of the entry; cached per entry."},
    {"__fspath__", entry_fspath, kMethNoArgs, "Returns the path for the entry."},
    kClassGetItemMethod,
    {nullptr, nullptr, 0, nullptr},
};

const MemberDef kDirEntryMembers[] = {
    {"name", MemberKind::Object, offsetof(DirEntryObject, name), true,
     "the entry's base filename, relative to scandir() \"path\" argument"},
    {"path", MemberKind::Object, offsetof(DirEntryObject, path), true,
     "the entry's full path name; equivalent to os.path.join(scandir_path, entry.name)"},
    {nullptr, MemberKind::Object, 0, true, nullptr},
};

// --- ScandirIterator -----------------------------------------------------------------------------

void close_locked(ScandirIteratorObject* it) {
  if (!it->dir) return;
  closedir(it->dir);  // for fd scans this closes our duplicate only
  it->dir = nullptr;
}

void iter_dealloc(Object* self) {
  ScandirIteratorObject* it = as_iter(self);
  close_locked(it);
  delete it->prefix;
  free_object(self);
}

Result<Ref<Object>> make_entry(ScandirIteratorObject* it, const dirent* d) {
  std::string_view name(d->d_name);
  Ref<DirEntryObject> e = TRY(new_object<DirEntryObject>(&DirEntryType));
  e->dir_fd = it->fd;
  e->ino = d->d_ino;
  e->d_type = d->d_type;
  e->name = TRY(path_result(name, it->as_bytes)).release();
  if (it->fd >= 0) {
    e->path = new_ref(e->name).release();
  } else {
    std::string full = *it->prefix;
    full.append(name);
    e->path = TRY(path_result(full, it->as_bytes)).release();
  }
  return Ref<Object>(std::move(e));
}

Next iter_next(Object* self) {
  ScandirIteratorObject* it = as_iter(self);
  sync::CriticalSection cs{self->ob_mutex};
  for (;;) {
    if (!it->dir) return Next::done();
    errno = 0;
    dirent* d = readdir(it->dir);
    if (!d) {
      int err = errno;
      close_locked(it);
      if (err != 0) return raise_errno(err);
      return Next::done();
    }
    std::string_view name(d->d_name);
    if (name == "." || name == "..") continue;
    Result<Ref<Object>> entry = make_entry(it, d);
    if (entry.is_error()) return Error{};
    return Next(std::move(entry).release_value());
  }
}

Result<Ref<Object>> iter_close(Object* self, Object* const*, size_t, Object*) {
  sync::CriticalSection cs{self->ob_mutex};
  close_locked(as_iter(self));
  return new_none();
}

Result<Ref<Object>> iter_enter(Object* self, Object* const*, size_t, Object*) {
  return new_ref(self);
}

Result<Ref<Object>> iter_exit(Object* self, Object* const*, size_t, Object*) {
  return iter_close(self, nullptr, 0, nullptr);
}

Result<Ref<Object>> iter_self(Object* self) { return new_ref(self); }

const MethodDef kScandirIteratorMethods[] = {
    {"close", iter_close, kMethNoArgs, nullptr},
    {"__enter__", iter_enter, kMethNoArgs, nullptr},
    {"__exit__", iter_exit, kMethFastcall, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// scandir(path=None): an iterator of DirEntry objects for the directory (or open fd).
Result<Ref<Object>> posix_scandir(Object*, Object* const* args, size_t nargs, Object* kwnames) {
  static const ArgParser kParser("scandir", "| path");
  PathArg path{"scandir", "path"};
  DIR* dir = TRY(open_directory_argument(kParser, args, nargs, kwnames, &path));
  Result<Ref<ScandirIteratorObject>> made = new_object<ScandirIteratorObject>(&ScandirIteratorType);
  if (made.is_error()) {
    closedir(dir);
    return Error{};
  }
  Ref<ScandirIteratorObject> it = std::move(made).release_value();
  it->dir = dir;
  it->fd = path.fd;
  it->as_bytes = path.is_bytes;
  // Entries of scandir() (no argument) are named "./x", as os.path.join('.', x) would be.
  std::string prefix = path.fd >= 0 ? std::string() : path.text;
  if (!prefix.empty() && prefix.back() != '/') prefix.push_back('/');
  it->prefix = new std::string(std::move(prefix));
  return Ref<Object>(std::move(it));
}

Status fill_scandir_types() {
  Type& e = DirEntryType;
  e.name = "posix.DirEntry";
  e.basicsize = sizeof(DirEntryObject);
  e.flags = kTypeImmutable | kTypeDisallowInstantiation;
  e.dealloc = entry_dealloc;
  e.repr = entry_repr;
  e.methods = kDirEntryMethods;
  e.members = kDirEntryMembers;

  Type& it = ScandirIteratorType;
  it.name = "posix.ScandirIterator";
  it.basicsize = sizeof(ScandirIteratorObject);
  it.flags = kTypeImmutable | kTypeDisallowInstantiation;
  it.dealloc = iter_dealloc;
  it.iter = iter_self;
  it.iternext = iter_next;
  it.methods = kScandirIteratorMethods;
  return ok();
}

Status ready_scandir_types() {
  TRY(type_ready(&DirEntryType));
  return type_ready(&ScandirIteratorType);
}

WEFT_REGISTER_TYPE_INIT(kPhaseFill, fill_scandir_types);
WEFT_REGISTER_TYPE_INIT(kPhaseReady, ready_scandir_types);

}  // namespace

const MethodDef kScandirFunctions[] = {
    {"scandir", posix_scandir, kMethFastcall,
     "Return an iterator of DirEntry objects for given path.\n\npath can be specified as either "
     "str, bytes, or a path-like object.  If path\nis bytes, the names of yielded DirEntry objects "
     "will also be bytes; in\nall other circumstances they will be str.\n\nIf path is None, uses "
     "the path='.'."},
    {nullptr, nullptr, 0, nullptr},
};

Status add_scandir_objects(Object* module) {
  return module_add_object(module, "DirEntry", &DirEntryType);
}

}  // namespace weft::posix_module
