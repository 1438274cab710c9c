# difflib: SequenceMatcher, unified/context/ndiff diffs, get_close_matches, HtmlDiff basics.
import difflib
a = "one\ntwo\nthree\nfour\n".splitlines(keepends=True)
b = "one\n2\nthree\nfour\nfive\n".splitlines(keepends=True)
print("".join(difflib.unified_diff(a, b, "a.txt", "b.txt")), end="")
print("".join(difflib.context_diff(a, b, "a", "b")), end="")
print("".join(difflib.ndiff(["abcde\n"], ["abXde\n"])), end="")
sm = difflib.SequenceMatcher(None, "private Thread currentThread;", "private volatile Thread currentThread;")
print(round(sm.ratio(), 4), sm.get_matching_blocks()[:3], sm.get_opcodes())
print(difflib.get_close_matches("appel", ["ape", "apple", "peach", "puppy"]))
print(list(difflib.restore(difflib.ndiff(["a\n", "b\n"], ["a\n", "c\n"]), 2)))
print(difflib.IS_CHARACTER_JUNK(" "), difflib.IS_LINE_JUNK("  # \n"))
html = difflib.HtmlDiff(wrapcolumn=20).make_table(["x = 1"], ["x = 2"])
print(html.count("<tr>"), "diff_chg" in html)
