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
std::vector<std::string> lex(std::string_view source) {
  std::string prepared;
  SyntaxErrorInfo err;
  std::vector<std::string> out;
  if (!prepare_source(source, true, &prepared, &err)) return {"PREPARE:" + err.message};
  static std::string keep;  // the tokens point into `prepared`; copy text out immediately
  Tokenizer t(prepared);
  static const char* const kNames[] = {"END", "NAME", "NUMBER", "STRING", "OP", "NEWLINE", "INDENT",
                                       "DEDENT", "FSTART", "FMIDDLE", "FEND", "TSTART", "TMIDDLE", "TEND"};
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

}  // namespace
}  // namespace weft::compiler
