// vm/compiler/tests/tokenizer_test.cpp — token kinds, positions and lexical errors.
// Expected positions and messages were checked against CPython 3.14 (tokenize module and
// compile() SyntaxError args).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "vm/compiler/tokenizer.h"

namespace weft::compiler {
namespace {

// "KIND:text@line,col-endline,endcol" for every token, or "ERROR:message@line,offset".
std::vector<std::string> lex(std::string_view source, bool extra_tokens = false) {
  std::string prepared;
  SyntaxErrorInfo err;
  std::vector<std::string> out;
  if (!prepare_source(source, true, &prepared, &err)) return {"PREPARE:" + err.message};
  static std::string keep;  // the tokens point into `prepared`; copy text out immediately
  Tokenizer t(prepared);
  t.set_extra_tokens(extra_tokens);
  static const char* const kNames[] = {"END", "NAME", "NUMBER", "STRING", "OP", "NEWLINE", "INDENT",
                                       "DEDENT", "FSTART", "FMIDDLE", "FEND", "TSTART", "TMIDDLE", "TEND",
                                       "COMMENT", "NL"};
  for (;;) {
    Token tok;
    if (!t.next(&tok)) {
      out.push_back("ERROR:" + t.error().message + "@" + std::to_string(t.error().lineno) + "," +
                    std::to_string(t.error().offset));
      return out;
    }
    out.push_back(std::string(kNames[int(tok.kind)]) + ":" + std::string(tok.text) + "@" +
                  std::to_string(tok.lineno) + "," + std::to_string(tok.col_offset) + "-" +
                  std::to_string(tok.end_lineno) + "," + std::to_string(tok.end_col_offset));
    if (tok.kind == TokenKind::EndMarker) return out;
  }
}

TEST(Tokenizer, SimpleStatement) {
  std::vector<std::string> want = {"NAME:x@1,0-1,1", "OP:=@1,2-1,3", "NUMBER:0x_1F@1,4-1,9",
                                   "NEWLINE:\n@1,9-1,10", "END:@2,0-2,0"};
  EXPECT_EQ(lex("x = 0x_1F"), want);
}

TEST(Tokenizer, IndentDedentAndBracketsJoinLines) {
  std::vector<std::string> got = lex("if x:\n  y = (1,\n 2)\nz\n");
  ASSERT_GE(got.size(), 14u);
  // INDENT starts at column -1 (as CPython's) and ends at the indentation width.
  EXPECT_EQ(got[4], "INDENT:@2,-1-2,2");
  EXPECT_EQ(got[11], "OP:)@3,2-3,3");
  EXPECT_EQ(got[13], "DEDENT:@4,0-4,0");
}

TEST(Tokenizer, FStringTokens) {
  std::vector<std::string> want = {
      "FSTART:f\"@1,0-1,2", "FMIDDLE:a@1,2-1,3", "OP:{@1,3-1,4", "NAME:b@1,4-1,5",
      "OP:!@1,5-1,6", "NAME:r@1,6-1,7", "OP::@1,7-1,8", "FMIDDLE:>@1,8-1,9",
      "OP:{@1,9-1,10", "NAME:w@1,10-1,11", "OP:}@1,11-1,12", "OP:}@1,12-1,13",
      "FMIDDLE: {{c}}@1,13-1,19", "FEND:\"@1,19-1,20", "NEWLINE:\n@1,20-1,21", "END:@2,0-2,0"};
  EXPECT_EQ(lex("f\"a{b!r:>{w}} {{c}}\""), want);
}

TEST(Tokenizer, FStringWalrusColonStartsFormatSpec) {
  std::vector<std::string> got = lex("f'{x:=5}'");
  ASSERT_GE(got.size(), 5u);
  EXPECT_EQ(got[3], "OP::@1,4-1,5");
  EXPECT_EQ(got[4], "FMIDDLE:=5@1,5-1,7");
}

TEST(Tokenizer, MultiLineString) {
  std::vector<std::string> got = lex("s = '''a\nb'''\n");
  EXPECT_EQ(got[2], "STRING:'''a\nb'''@1,4-2,4");
}

TEST(Tokenizer, LexicalErrorsMatchCPython) {
  struct Case { const char* src; const char* error; };
  const Case cases[] = {
      {"x = 1e", "ERROR:invalid decimal literal@1,5"},
      {"x = 1_", "ERROR:invalid decimal literal@1,6"},
      {"x = 0b12", "ERROR:invalid digit '2' in binary literal@1,8"},
      {"x = 0x", "ERROR:invalid hexadecimal literal@1,6"},
      {"x = 1abc", "ERROR:invalid decimal literal@1,5"},
      {")", "ERROR:unmatched ')'@1,1"},
      {"x = (", "ERROR:'(' was never closed@1,5"},
      {"\"\"\"abc", "ERROR:unterminated triple-quoted string literal (detected at line 1)@1,1"},
      {"f\"abc", "ERROR:unterminated f-string literal (detected at line 1)@1,1"},
      {"x = \\ y", "ERROR:unexpected character after line continuation character@1,6"},
      {"if x:\n\ta\n        b", "ERROR:inconsistent use of tabs and spaces in indentation@3,1"},
  };
  for (const Case& c : cases) EXPECT_EQ(lex(c.src).back(), c.error) << c.src;
}

TEST(Tokenizer, TooManyNestedParentheses) {
  EXPECT_EQ(lex(std::string(250, '(')).back(), "ERROR:too many nested parentheses@1,201");
}

TEST(Tokenizer, CodingDeclaration) {
  EXPECT_EQ(lex("# coding: klingon\nx").back(), "PREPARE:unknown encoding: klingon");
  std::vector<std::string> got = lex("# -*- coding: latin-1 -*-\nx = '\xe9'\n");
  EXPECT_EQ(got[2], "STRING:'\xc3\xa9'@2,4-2,8");
}

// Extra-tokens mode (the `_tokenize` module): expectations from CPython 3.14's tokenize.
TEST(Tokenizer, ExtraTokensCommentsAndNL) {
  std::vector<std::string> want = {
      "COMMENT:# c@1,0-1,3", "NL:\n@1,3-1,4", "NL:\n@2,2-2,3", "NAME:x@3,0-3,1", "OP:=@3,2-3,3",
      "OP:(@3,4-3,5", "NL:\n@3,5-3,6", "COMMENT:# d@4,2-4,5", "NL:\n@4,5-4,6",
      "NUMBER:1@5,0-5,1", "OP:)@5,1-5,2", "NEWLINE:\n@5,2-5,3", "END:@6,0-6,0"};
  EXPECT_EQ(lex("# c\n  \nx = (\n  # d\n1)\n", true), want);
  // The parser's mode is unchanged: no COMMENT/NL tokens.
  EXPECT_EQ(lex("# c\nx\n").front(), "NAME:x@2,0-2,1");
}

TEST(Tokenizer, ExtraTokensFStringPieces) {
  // Each `{{` / `}}` ends a piece after its first brace; a format spec's text comes out before
  // its '}' even when empty.
  std::vector<std::string> want = {
      "FSTART:f\"@1,0-1,2", "FMIDDLE:a{@1,2-1,4", "FMIDDLE:b}@1,5-1,7", "OP:{@1,8-1,9",
      "NAME:x@1,9-1,10", "OP::@1,10-1,11", "FMIDDLE:@1,11-1,11", "OP:}@1,11-1,12",
      "FEND:\"@1,12-1,13", "NEWLINE:\n@1,13-1,14", "END:@2,0-2,0"};
  EXPECT_EQ(lex("f\"a{{b}}{x:}\"", true), want);
  EXPECT_EQ(lex("f\"a{{b}}{x:}\"")[1], "FMIDDLE:a{{b}}@1,2-1,8");
}

TEST(Tokenizer, ExtraTokensLeaveChecksToTheParser) {
  std::vector<std::string> want = {"NUMBER:1@1,0-1,1", "NAME:abc@1,1-1,4", "NUMBER:0777@1,5-1,9",
                                    "OP:)@1,10-1,11", "OP:$@1,12-1,13", "OP:<>@1,14-1,16",
                                    "NEWLINE:\n@1,16-1,17", "END:@2,0-2,0"};
  EXPECT_EQ(lex("1abc 0777 ) $ <>\n", true), want);
  EXPECT_EQ(lex("1abc\n").back(), "ERROR:invalid decimal literal@1,1");
}

TEST(Tokenizer, ExtraTokensEofInBrackets) {
  std::string prepared = "x = (1,\n";
  Tokenizer t(prepared);
  t.set_extra_tokens(true);
  Token tok;
  while (t.next(&tok)) ASSERT_NE(tok.kind, TokenKind::EndMarker);
  EXPECT_EQ(t.failure(), Tokenizer::Failure::EofInBrackets);
  EXPECT_EQ(t.error().message, "unexpected EOF in multi-line statement");
  EXPECT_EQ(t.error().lineno, 1);
  EXPECT_EQ(t.error().offset, 0);
}

TEST(Tokenizer, UnterminatedLiteralMessages) {
  EXPECT_EQ(lex("f\"\"\"abc\n").back(),
            "ERROR:unterminated triple-quoted f-string literal (detected at line 1)@1,1");
  EXPECT_EQ(lex("'\\\n").back(), "ERROR:unterminated string literal (detected at line 1)@1,1");
}

}  // namespace
}  // namespace weft::compiler
