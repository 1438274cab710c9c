// vm/zipimport.h — reading modules straight out of a zip archive on sys.path (DESIGN §8).
//
// Weft's stdlib is CPython 3.14's Lib shipped as python_stdlib.zip; the import system (vm/import.cpp)
// treats a sys.path entry that names a zip file — or a directory inside one, such as a package's
// __path__ "<archive>/json" — as a source of `.py` files, like CPython's zipimport does.
//
// An archive's central directory is read once, on first use, and cached for the life of the
// process (keyed by the archive's path); entries are read with pread and inflated with zlib on each
// request, their CRC-32 checked. Only stored and deflated entries are supported (all that zip tools
// write for source files); ZIP64 archives are rejected with a clear error.
//
// Thread safety: the archive cache is guarded by a sync::Mutex; a ZipArchive is immutable after it
// is built and never freed, so the borrowed pointers handed out stay valid and may be used without
// locks from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace weft::vm {

class ZipArchive {
 public:
  struct Entry {
    uint64_t local_header_offset;
    uint32_t compressed_size;
    uint32_t size;
    uint32_t crc32;
    uint16_t method;  // 0 stored, 8 deflated
  };

  const std::string& path() const { return path_; }
  // The entry named `name` ("json/__init__.py"; directories end in '/'), or nullptr.
  const Entry* find(std::string_view name) const;
  // Whether the archive holds `dir` as a directory (an explicit "dir/" entry or a member below it).
  bool has_directory(std::string_view dir) const;
  // The decompressed bytes of `entry`; raises OSError / zipimport-style errors on corrupt data.
  Result<std::string> read(const Entry& entry) const;

  // Parses the central directory of the file at `path`. Raises OSError when the file cannot be
  // read and ImportError("not a Zip file: ...") when it is not a zip archive.
  static Result<ZipArchive*> load(const std::string& path);

 private:
  std::string path_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, bool> directories_;  // "json/" -> true
};

// A sys.path entry resolved to an archive: `archive` plus the prefix inside it ("" or "json/").
struct ZipLocation {
  ZipArchive* archive = nullptr;
  std::string prefix;
};

// Resolves a path entry that is not a directory: if the entry, or one of its parent paths, is a
// zip archive (cached after the first load), returns it with the inner prefix; returns a location
// with archive == nullptr when the entry is not inside a zip archive (no error raised then).
Result<ZipLocation> zip_location_for(const std::string& path_entry);

// Where the stdlib lives (DESIGN §8): $WEFT_STDLIB (unless `ignore_env`), else python_stdlib.zip
// next to the executable, else python_stdlib.zip in the build tree above it (build/). Returns the
// resolved path, or "" when none exists and remembers why for stdlib_problem().
std::string locate_stdlib(const std::string& executable, bool ignore_env);

// Why locate_stdlib() found no stdlib, as a sentence for users; "" when it found one. Failed
// imports carry it as a note.
std::string stdlib_problem();

}  // namespace weft::vm
