// stdlib/tests/zlib_test.cpp — zlib's streaming objects through the object protocol: a stream
// compressed in pieces inflates back across every container (raw, zlib, gzip, auto-detect), a
// Decompress bounded by max_length keeps its unconsumed_tail, and _ZlibDecompressor keeps the
// data after the end in unused_data.
#include <array>
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/tests/container_test_util.h"
#include "vm/import.h"

namespace weft::testing {
namespace {

Ref<Object> zlib_attr(const char* name) {
  Ref<Object> module = MUST(vm::import_module(S("zlib").get()));
  return MUST(get_attr(module.get(), name));
}

Ref<Object> call_method_1(Object* obj, const char* name, Object* arg) {
  return MUST(call_method(obj, name, &arg, arg ? 1 : 0));
}

Ref<Object> B(std::string_view data) { return MUST(bytes_from(data)); }

std::string sample() {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "row " + std::to_string(i) + " of repetitive text\n";
  return text;
}

TEST_F(RuntimeTest, ZlibStreamRoundTripsEveryContainer) {
  std::string text = sample();
  for (int wbits : {-15, 15, 31}) {
    Ref<Object> level = I(6), method = I(8), bits = I(wbits);
    Object* args[] = {level.get(), method.get(), bits.get()};
    Ref<Object> c = MUST(call(zlib_attr("compressobj").get(), args, 3));
    std::string blob;
    for (size_t i = 0; i < text.size(); i += 5000) {
      Ref<Object> piece = B(std::string_view(text).substr(i, 5000));
      blob += bytes_view(call_method_1(c.get(), "compress", piece.get()).get());
    }
    blob += bytes_view(call_method_1(c.get(), "flush", nullptr).get());
    int inflate_bits = wbits > 0 ? 47 : wbits;  // 32 + 15: detect zlib or gzip
    Ref<Object> dbits = I(inflate_bits);
    Object* dargs[] = {dbits.get()};
    Ref<Object> d = MUST(call(zlib_attr("decompressobj").get(), dargs, 1));
    Ref<Object> out = call_method_1(d.get(), "decompress", B(blob).get());
    EXPECT_EQ(bytes_view(out.get()), text) << "wbits " << wbits;
    EXPECT_EQ(MUST(get_attr(d.get(), "eof")).get(), py_true());
  }
}

TEST_F(RuntimeTest, ZlibDecompressMaxLengthKeepsTail) {
  std::string text = sample();
  Ref<Object> blob = MUST(call(zlib_attr("compress").get(), std::array{B(text).get()}.data(), 1));
  Ref<Object> d = MUST(call_noargs(zlib_attr("decompressobj").get()));
  Ref<Object> limit = I(100);
  Object* args[] = {blob.get(), limit.get()};
  Ref<Object> first = MUST(call_method(d.get(), "decompress", args, 2));
  EXPECT_EQ(bytes_view(first.get()), text.substr(0, 100));
  Ref<Object> tail = MUST(get_attr(d.get(), "unconsumed_tail"));
  EXPECT_GT(bytes_view(tail.get()).size(), 0u);
  Ref<Object> rest = call_method_1(d.get(), "decompress", tail.get());
  EXPECT_EQ(std::string(bytes_view(first.get())) + std::string(bytes_view(rest.get())), text);
}

TEST_F(RuntimeTest, ZlibDecompressorKeepsUnusedData) {
  Ref<Object> blob = MUST(call(zlib_attr("compress").get(), std::array{B("payload").get()}.data(), 1));
  std::string stream = std::string(bytes_view(blob.get())) + "extra";
  Ref<Object> z = MUST(call_noargs(zlib_attr("_ZlibDecompressor").get()));
  Ref<Object> out = call_method_1(z.get(), "decompress", B(stream).get());
  EXPECT_EQ(bytes_view(out.get()), "payload");
  EXPECT_EQ(bytes_view(MUST(get_attr(z.get(), "unused_data")).get()), "extra");
  EXPECT_EQ(MUST(get_attr(z.get(), "needs_input")).get(), py_false());
  EXPECT_TRUE(call_method(z.get(), "decompress", std::array{B("x").get()}.data(), 1).is_error());
  EXPECT_TRUE(error_matches(exc::EOFError));
  clear_error();
}

}  // namespace
}  // namespace weft::testing
