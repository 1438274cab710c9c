// Unit tests for vm/zipimport: central-directory parsing, stored and deflated members, CRC checks,
// non-zip files and path entries that name a directory inside an archive.
#include "vm/zipimport.h"

#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "objects/exceptions.h"
#include "vm/testing.h"

namespace weft::vm {
namespace {

using testing::RuntimeTest;

struct Member {
  std::string name;
  std::string data;
  bool deflate;
};

void put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}

std::string raw_deflate(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// Writes a minimal zip archive (no data descriptors, no extras) holding `members`.
std::string write_zip(const std::string& path, const std::vector<Member>& members,
                      std::string comment = "") {
  std::string file, central;
  for (const Member& m : members) {
    std::string payload = m.deflate ? raw_deflate(m.data) : m.data;
    uint32_t crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(m.data.data()), static_cast<uInt>(m.data.size())));
    uint32_t offset = static_cast<uint32_t>(file.size());
    put32(file, 0x04034b50); put16(file, 20); put16(file, 0); put16(file, m.deflate ? 8 : 0);
    put16(file, 0); put16(file, 0); put32(file, crc);
    put32(file, static_cast<uint32_t>(payload.size())); put32(file, static_cast<uint32_t>(m.data.size()));
    put16(file, static_cast<uint32_t>(m.name.size())); put16(file, 0);
    file += m.name + payload;
    put32(central, 0x02014b50); put16(central, 20); put16(central, 20); put16(central, 0);
    put16(central, m.deflate ? 8 : 0); put16(central, 0); put16(central, 0); put32(central, crc);
    put32(central, static_cast<uint32_t>(payload.size())); put32(central, static_cast<uint32_t>(m.data.size()));
    put16(central, static_cast<uint32_t>(m.name.size())); put16(central, 0); put16(central, 0);
    put16(central, 0); put16(central, 0); put32(central, 0); put32(central, offset);
    central += m.name;
  }
  uint32_t dir_offset = static_cast<uint32_t>(file.size());
  file += central;
  put32(file, 0x06054b50); put16(file, 0); put16(file, 0);
  put16(file, static_cast<uint32_t>(members.size())); put16(file, static_cast<uint32_t>(members.size()));
  put32(file, static_cast<uint32_t>(central.size())); put32(file, dir_offset);
  put16(file, static_cast<uint32_t>(comment.size()));
  file += comment;
  std::ofstream(path, std::ios::binary) << file;
  return file;
}

std::string temp_path(const char* leaf) {
  return "/tmp/weft_zipimport_test_" + std::to_string(::getpid()) + "_" + leaf;
}

TEST_F(RuntimeTest, ZipReadsStoredAndDeflatedMembers) {
  std::string path = temp_path("ok.zip");
  std::string big(5000, 'x');
  write_zip(path, {{"a.py", "A = 1\n", false}, {"pkg/__init__.py", big, true}, {"pkg/sub/m.py", "", true}},
            "a trailing archive comment");
  Result<ZipArchive*> archive = ZipArchive::load(path);
  ASSERT_FALSE(archive.is_error());
  ZipArchive* z = archive.value();
  const ZipArchive::Entry* a = z->find("a.py");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(z->read(*a).value(), "A = 1\n");
  const ZipArchive::Entry* init = z->find("pkg/__init__.py");
  ASSERT_NE(init, nullptr);
  EXPECT_EQ(init->method, 8);
  EXPECT_LT(init->compressed_size, init->size);
  EXPECT_EQ(z->read(*init).value(), big);
  EXPECT_EQ(z->read(*z->find("pkg/sub/m.py")).value(), "");
  EXPECT_EQ(z->find("pkg/"), nullptr);
  EXPECT_EQ(z->find("missing.py"), nullptr);
  EXPECT_TRUE(z->has_directory("pkg/"));
  EXPECT_TRUE(z->has_directory("pkg/sub/"));
  EXPECT_FALSE(z->has_directory("a.py/"));
  std::remove(path.c_str());
}

TEST_F(RuntimeTest, ZipRejectsCorruptDataAndNonZipFiles) {
  std::string path = temp_path("bad.zip");
  std::string bytes = write_zip(path, {{"m.py", "print('hello')\n", false}});
  // Flip one byte of the stored payload: the CRC-32 check must catch it.
  bytes[30 + 4] ^= 1;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  ZipArchive* z = ZipArchive::load(path).value();
  EXPECT_TRUE(z->read(*z->find("m.py")).is_error());
  EXPECT_TRUE(error_matches(exc::ImportError));
  clear_error();

  std::ofstream(path, std::ios::binary | std::ios::trunc) << "just some text, not an archive";
  EXPECT_TRUE(ZipArchive::load(path).is_error());
  EXPECT_TRUE(error_matches(exc::ImportError));
  clear_error();
  std::remove(path.c_str());

  EXPECT_TRUE(ZipArchive::load(temp_path("does_not_exist.zip")).is_error());
  EXPECT_TRUE(error_matches(exc::OSError));
  clear_error();
}

TEST_F(RuntimeTest, ZipLocationSplitsArchiveAndInnerDirectory) {
  std::string path = temp_path("loc.zip");
  write_zip(path, {{"pkg/inner/x.py", "X = 2\n", true}});
  ZipLocation top = zip_location_for(path).value();
  ASSERT_NE(top.archive, nullptr);
  EXPECT_EQ(top.prefix, "");
  ZipLocation inner = zip_location_for(path + "/pkg/inner").value();
  EXPECT_EQ(inner.archive, top.archive);  // cached: parsed once
  EXPECT_EQ(inner.prefix, "pkg/inner/");
  EXPECT_EQ(zip_location_for(path + "/nope").value().archive, nullptr);
  EXPECT_EQ(zip_location_for(temp_path("absent_dir/x")).value().archive, nullptr);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace weft::vm
