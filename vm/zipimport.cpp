// vm/zipimport.cpp — zip archive reading for the import system; see zipimport.h for the contract.
//
// Format (PKWARE APPNOTE): the End Of Central Directory record (EOCD, signature PK\5\6) sits in the
// last 64 KiB + 22 bytes of the file and gives the central directory's offset and entry count;
// each central entry (PK\1\2) names a member and points at its local header (PK\3\4), after which
// the member's data starts. Sizes and offsets come from the central directory (local headers may
// defer them to a data descriptor). Archives are read with pread on a descriptor opened per read,
// so no file position is shared between threads.
//
// Invariants: a ZipArchive in the cache is fully built and never mutated or freed; the cache map
// is only touched under g_cache_mutex.
#include "vm/zipimport.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#include "objects/errors.h"
#include "objects/exceptions.h"
#include "sync/mutex.h"

namespace weft::vm {
namespace {

constexpr uint32_t kEocdSignature = 0x06054b50;
constexpr uint32_t kCentralSignature = 0x02014b50;
constexpr uint32_t kLocalSignature = 0x04034b50;
constexpr size_t kEocdSize = 22;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kLocalHeaderSize = 30;
constexpr size_t kMaxCommentSize = 0xffff;

uint16_t le16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t le32(const unsigned char* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

class Fd {
 public:
  explicit Fd(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Error os_error(const std::string& path) {
  int err = errno;
  return raise(exc::OSError, "[Errno {}] {}: '{}'", err, std::strerror(err), path);
}

Error bad_archive(std::string_view what, const std::string& path) {
  return raise(exc::ImportError, "{}: '{}'", what, path);
}

// Reads exactly `n` bytes at `offset`; false on a short read (truncated archive).
Result<bool> read_at(int fd, const std::string& path, uint64_t offset, void* buf, size_t n) {
  size_t done = 0;
  while (done < n) {
    ssize_t got = ::pread(fd, static_cast<char*>(buf) + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0) {
      if (errno == EINTR) continue;
      return os_error(path);
    }
    if (got == 0) return false;
    done += static_cast<size_t>(got);
  }
  return true;
}

sync::Mutex g_cache_mutex;
// Archives by path; nullptr records "this regular file is not a zip archive".
std::unordered_map<std::string, ZipArchive*>* g_archives WEFT_GUARDED_BY(g_cache_mutex) = nullptr;

// Why locate_stdlib() found no stdlib ("" when it found one or has not run).
std::string g_stdlib_problem WEFT_GUARDED_BY(g_cache_mutex);

bool is_regular_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

const ZipArchive::Entry* ZipArchive::find(std::string_view name) const {
  auto it = entries_.find(std::string(name));
  return it == entries_.end() ? nullptr : &it->second;
}

bool ZipArchive::has_directory(std::string_view dir) const {
  return directories_.count(std::string(dir)) != 0;
}

Result<ZipArchive*> ZipArchive::load(const std::string& path) {
  Fd fd(path);
  if (fd.get() < 0) return os_error(path);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return os_error(path);
  uint64_t file_size = static_cast<uint64_t>(st.st_size);
  if (file_size < kEocdSize) return bad_archive("not a Zip file", path);

  // Find the EOCD: scan backwards over the tail, which holds at most a 64 KiB comment after it.
  size_t tail_size = static_cast<size_t>(std::min<uint64_t>(file_size, kEocdSize + kMaxCommentSize));
  std::string tail(tail_size, '\0');
  if (!TRY(read_at(fd.get(), path, file_size - tail_size, tail.data(), tail_size)))
    return bad_archive("can't read Zip file", path);
  const auto* t = reinterpret_cast<const unsigned char*>(tail.data());
  const unsigned char* eocd = nullptr;
  for (size_t i = tail_size - kEocdSize + 1; i-- > 0;) {
    if (le32(t + i) == kEocdSignature) {
      eocd = t + i;
      break;
    }
  }
  if (!eocd) return bad_archive("not a Zip file", path);
  uint16_t count = le16(eocd + 10);
  uint32_t dir_size = le32(eocd + 12);
  uint32_t dir_offset = le32(eocd + 16);
  if (count == 0xffff || dir_size == 0xffffffff || dir_offset == 0xffffffff)
    return bad_archive("ZIP64 archives are not supported", path);
  if (uint64_t{dir_offset} + dir_size > file_size) return bad_archive("bad central directory size or offset", path);

  std::string dir(dir_size, '\0');
  if (!TRY(read_at(fd.get(), path, dir_offset, dir.data(), dir_size)))
    return bad_archive("can't read Zip file", path);
  auto archive = std::unique_ptr<ZipArchive>(new (std::nothrow) ZipArchive());
  if (!archive) return raise_no_memory();
  archive->path_ = path;
  const auto* d = reinterpret_cast<const unsigned char*>(dir.data());
  size_t pos = 0;
  for (uint16_t i = 0; i < count; i++) {
    if (pos + kCentralHeaderSize > dir_size || le32(d + pos) != kCentralSignature)
      return bad_archive("bad central directory", path);
    const unsigned char* h = d + pos;
    Entry e;
    e.method = le16(h + 10);
    e.crc32 = le32(h + 16);
    e.compressed_size = le32(h + 20);
    e.size = le32(h + 24);
    uint16_t name_len = le16(h + 28);
    uint16_t extra_len = le16(h + 30);
    uint16_t comment_len = le16(h + 32);
    e.local_header_offset = le32(h + 42);
    if (pos + kCentralHeaderSize + name_len > dir_size) return bad_archive("bad central directory", path);
    std::string name(reinterpret_cast<const char*>(h + kCentralHeaderSize), name_len);
    pos += kCentralHeaderSize + name_len + extra_len + comment_len;
    // Every parent directory of a member counts as a directory of the archive.
    for (size_t slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1))
      archive->directories_.emplace(name.substr(0, slash + 1), true);
    if (!name.empty() && name.back() != '/') archive->entries_.emplace(std::move(name), e);
  }
  return archive.release();
}

Result<std::string> ZipArchive::read(const Entry& entry) const {
  Fd fd(path_);
  if (fd.get() < 0) return os_error(path_);
  unsigned char local[kLocalHeaderSize];
  if (!TRY(read_at(fd.get(), path_, entry.local_header_offset, local, sizeof local)) ||
      le32(local) != kLocalSignature)
    return bad_archive("bad local file header", path_);
  uint64_t data_offset = entry.local_header_offset + kLocalHeaderSize + le16(local + 26) + le16(local + 28);
  std::string compressed(entry.compressed_size, '\0');
  if (!TRY(read_at(fd.get(), path_, data_offset, compressed.data(), compressed.size())))
    return bad_archive("can't read Zip file", path_);
  std::string data;
  if (entry.method == 0) {
    data = std::move(compressed);
  } else if (entry.method == Z_DEFLATED) {
    data.resize(entry.size);
    z_stream z{};
    // Negative window bits: raw deflate data, no zlib header (as zip stores it).
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return raise_no_memory();
    z.next_in = reinterpret_cast<Bytef*>(compressed.data());
    z.avail_in = static_cast<uInt>(compressed.size());
    z.next_out = reinterpret_cast<Bytef*>(data.data());
    z.avail_out = static_cast<uInt>(data.size());
    int rc = inflate(&z, Z_FINISH);
    uLong produced = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END || produced != entry.size)
      return raise(exc::ImportError, "can't decompress data; zlib error {} in '{}'", rc, path_);
  } else {
    return raise(exc::ImportError, "can't decompress data: unsupported compression method {} in '{}'",
                 entry.method, path_);
  }
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
  if (static_cast<uint32_t>(crc) != entry.crc32) return bad_archive("bad CRC-32 in Zip file", path_);
  return data;
}

Result<ZipLocation> zip_location_for(const std::string& path_entry) {
  // Split "<archive>/<inner>" at the longest prefix that is a regular file.
  std::string archive_path = path_entry;
  while (!archive_path.empty() && archive_path.back() == '/') archive_path.pop_back();
  std::string inner;
  while (!archive_path.empty() && !is_regular_file(archive_path)) {
    size_t slash = archive_path.rfind('/');
    if (slash == std::string::npos || slash == 0) return ZipLocation{};
    inner = archive_path.substr(slash + 1) + "/" + inner;
    archive_path.resize(slash);
  }
  if (archive_path.empty()) return ZipLocation{};
  ZipArchive* archive = nullptr;
  {
    sync::MutexLock lock(g_cache_mutex);
    if (!g_archives) {
      g_archives = new (std::nothrow) std::unordered_map<std::string, ZipArchive*>();
      if (!g_archives) return raise_no_memory();
    }
    auto it = g_archives->find(archive_path);
    if (it != g_archives->end()) {
      archive = it->second;
    } else {
      Result<ZipArchive*> loaded = ZipArchive::load(archive_path);
      if (loaded.is_error()) {
        // A file on sys.path that is not a zip is skipped, as CPython's path hooks do.
        if (!error_matches(exc::ImportError)) return Error{};
        clear_error();
      } else {
        archive = loaded.value();
      }
      (*g_archives)[archive_path] = archive;
    }
  }
  if (!archive || (!inner.empty() && !archive->has_directory(inner))) return ZipLocation{};
  return ZipLocation{archive, std::move(inner)};
}

std::string locate_stdlib(const std::string& executable, bool ignore_env) {
  auto found = [](const std::string& path) {
    sync::MutexLock lock(g_cache_mutex);
    g_stdlib_problem.clear();
    return path;
  };
  auto missing = [](std::string problem) {
    sync::MutexLock lock(g_cache_mutex);
    g_stdlib_problem = std::move(problem);
    return std::string();
  };
  if (!ignore_env) {
    const char* env = std::getenv("WEFT_STDLIB");
    if (env && *env) {
      struct stat st;
      if (::stat(env, &st) != 0) return missing("WEFT_STDLIB names '" + std::string(env) + "', which does not exist");
      return found(env);
    }
  }
  size_t slash = executable.rfind('/');
  std::string dir = slash == std::string::npos ? "." : executable.substr(0, slash);
  // Next to the binary (ci/build.sh puts it there), then the build tree shared by every build dir.
  for (const std::string& candidate : {dir + "/python_stdlib.zip", dir + "/../python_stdlib.zip"}) {
    if (!is_regular_file(candidate)) continue;
    char resolved[PATH_MAX];
    return found(::realpath(candidate.c_str(), resolved) ? std::string(resolved) : candidate);
  }
  return missing("Weft found no standard library: set WEFT_STDLIB to CPython 3.14's Lib (a directory "
                 "or python_stdlib.zip), or put python_stdlib.zip next to the weft binary");
}

std::string stdlib_problem() {
  sync::MutexLock lock(g_cache_mutex);
  return g_stdlib_problem;
}

}  // namespace weft::vm
