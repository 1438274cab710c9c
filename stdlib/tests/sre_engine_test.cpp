// stdlib/tests/sre_engine_test.cpp — unit tests of the `_sre` matcher and code validator on
// hand-assembled code (the opcode numbers come from the generated sre_constants.h).
#include <cstdint>
#include <string>
#include <vector>

#include "objects/exceptions.h"
#include "stdlib/_sre/sre_constants.h"
#include "stdlib/_sre/sre_engine.h"
#include "stdlib/_sre/sre_objects.h"
#include "vm/testing.h"

namespace weft::sre {
namespace {

using Code = std::vector<uint32_t>;

// Runs `code` on `subject` (1-byte characters); returns the status and the span found.
struct Outcome {
  int64_t status;
  int64_t start, end;
};
Outcome run(const Code& code, const std::string& subject, bool search, int64_t groups = 0) {
  State state;
  state.init(subject.data(), 1, int64_t(subject.size()), 0, int64_t(subject.size()), groups);
  int64_t status = search ? engine_search(state, code.data()) : engine_match(state, code.data());
  return {status, state.start, state.ptr};
}

TEST(SreEngine, LiteralMatchAndSearch) {
  const Code code = {kOpLiteral, 'a', kOpLiteral, 'b', kOpSuccess};
  EXPECT_EQ(run(code, "abc", false).status, 1);
  EXPECT_EQ(run(code, "xab", false).status, 0);
  Outcome found = run(code, "xxab", true);
  EXPECT_EQ(found.status, 1);
  EXPECT_EQ(found.start, 2);
  EXPECT_EQ(found.end, 4);
}

TEST(SreEngine, GreedyRepeatBacktracksIntoTail) {
  // a* followed by "ab": REPEAT_ONE <skip> 0 MAXREPEAT LITERAL a SUCCESS, then the tail.
  const Code code = {kOpRepeatOne, 6, 0, kMaxRepeat, kOpLiteral, 'a', kOpSuccess,
                     kOpLiteral, 'a', kOpLiteral, 'b', kOpSuccess};
  Outcome o = run(code, "aaaab", false);
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.end, 5);
  EXPECT_EQ(run(code, "aaaa", false).status, 0);
}

TEST(SreEngine, DeepBacktrackingUsesTheHeap) {
  // (?:a|b)*c over a million characters: far deeper than any machine stack would allow.
  const Code code = {kOpRepeat, 15, 0, kMaxRepeat,
                     kOpBranch, 5, kOpLiteral, 'a', kOpJump, 7,
                     5, kOpLiteral, 'b', kOpJump, 2, 0,
                     kOpMaxUntil, kOpLiteral, 'c', kOpSuccess};
  std::string subject(1000000, 'a');
  subject += 'c';
  Outcome o = run(code, subject, false);
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.end, int64_t(subject.size()));
  subject.back() = 'a';
  EXPECT_EQ(run(code, subject, false).status, 0);
}

TEST(SreEngine, GroupMarks) {
  // (a+)b with the group's marks recorded.
  const Code code = {kOpMark, 0, kOpRepeatOne, 6, 1, kMaxRepeat, kOpLiteral, 'a', kOpSuccess,
                     kOpMark, 1, kOpLiteral, 'b', kOpSuccess};
  State state;
  std::string subject = "xaab";
  state.init(subject.data(), 1, 4, 0, 4, 1);
  ASSERT_EQ(engine_search(state, code.data()), 1);
  int64_t begin = -1, end = -1;
  ASSERT_TRUE(state.group_span(1, &begin, &end));
  EXPECT_EQ(begin, 1);
  EXPECT_EQ(end, 3);
  EXPECT_EQ(state.lastindex, 1);
}

class SreValidate : public testing::RuntimeTest {};

TEST_F(SreValidate, AcceptsWellFormedCode) {
  const Code code = {kOpLiteral, 'a', kOpSuccess};
  EXPECT_FALSE(validate_code(code.data(), int64_t(code.size()), 0).is_error());
}

TEST_F(SreValidate, RejectsMalformedCode) {
  const Code cases[] = {
      {kOpLiteral},                          // operand missing
      {kOpLiteral, 'a'},                     // runs off the end
      {kOpMark, 2, kOpSuccess},              // mark beyond the groups
      {kOpJump, 100, kOpSuccess},            // jump outside the code
      {kOpIn, 3, kOpLiteral, 'a', kOpSuccess},  // charset without FAILURE
      {999, kOpSuccess},                     // unknown opcode
  };
  for (const Code& code : cases) {
    EXPECT_TRUE(validate_code(code.data(), int64_t(code.size()), 1).is_error());
    EXPECT_TRUE(error_matches(exc::RuntimeError));
    clear_error();
  }
}

}  // namespace
}  // namespace weft::sre
