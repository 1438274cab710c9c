// stdlib/tests/io_codecs_test.cpp — unit tests of the pieces of _codecs and _io that Python
// programs cannot reach directly: the incremental UTF-8 split point, the universal-newline
// state carried across chunks, and that builtins.open is bound at start-up.
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/str.h"
#include "stdlib/_codecs/codecs_internal.h"
#include "stdlib/_io/io_internal.h"
#include "vm/interp_state.h"
#include "vm/testing.h"

namespace weft {
namespace {

using testing::RuntimeTest;

TEST(Utf8CompletePrefix, KeepsOnlyAnIncompleteValidTail) {
  using codecs_module::utf8_complete_prefix;
  EXPECT_EQ(utf8_complete_prefix("abc"), 3u);
  EXPECT_EQ(utf8_complete_prefix("a\xe2\x82"), 1u);          // euro sign cut after 2 of 3
  EXPECT_EQ(utf8_complete_prefix("a\xe2\x82\xac"), 4u);      // complete
  EXPECT_EQ(utf8_complete_prefix("a\xf0\x9f\x98"), 1u);      // 4-byte sequence cut
  EXPECT_EQ(utf8_complete_prefix("a\xff"), 2u);              // invalid: left to the decoder
  EXPECT_EQ(utf8_complete_prefix("a\xe0\x80"), 3u);          // overlong prefix is not "incomplete"
  EXPECT_EQ(utf8_complete_prefix("a\xed\xa0"), 3u);          // surrogate prefix likewise
  EXPECT_EQ(utf8_complete_prefix(""), 0u);
}

std::string decode_chunks(io::NewlineState& st, std::initializer_list<const char*> chunks) {
  std::string out;
  size_t i = 0;
  for (const char* c : chunks) {
    Ref<Object> text = MUST(str_from_utf8(c));
    Ref<Object> got = MUST(io::newline_decode(st, std::move(text), ++i == chunks.size()));
    out += str_to_std_string(got.get());
  }
  return out;
}

TEST_F(RuntimeTest, NewlineStateHoldsBackCarriageReturnAcrossChunks) {
  io::NewlineState translate;
  translate.translate = true;
  EXPECT_EQ(decode_chunks(translate, {"a\r", "\nb\r", "c\r"}), "a\nb\nc\n");
  EXPECT_EQ(translate.seen, io::NewlineState::kSeenCR | io::NewlineState::kSeenCRLF);
  io::NewlineState keep;
  EXPECT_EQ(decode_chunks(keep, {"x\r", "\ny\n"}), "x\r\ny\n");
  EXPECT_EQ(keep.seen, io::NewlineState::kSeenCRLF | io::NewlineState::kSeenLF);
  EXPECT_FALSE(keep.pending_cr);
}

TEST_F(RuntimeTest, BuiltinsOpenIsIoOpen) {
  Ref<Object> open;
  ASSERT_TRUE(MUST(dict_get_item_str(vm::builtins_dict(), str_intern("open"), &open)));
  EXPECT_TRUE(is_callable(open.get()));
  EXPECT_NE(io::unsupported_operation(), nullptr);
}

}  // namespace
}  // namespace weft
