# textwrap: wrap, fill, shorten, dedent, indent, TextWrapper options.
import textwrap
text = "The quick brown fox jumps over the lazy dog. " * 3
print(textwrap.wrap(text, 30))
print(textwrap.fill(text, width=40, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten("Hello  world, this is a long line", width=20, placeholder=" [...]"))
print(repr(textwrap.dedent("    a\n      b\n    c\n")))
print(textwrap.indent("one\n\ntwo\n", "> "), end="")
print(textwrap.indent("one\n\ntwo\n", "> ", predicate=lambda line: True), end="")
w = textwrap.TextWrapper(width=12, break_long_words=True, max_lines=3, placeholder="...")
print(w.wrap("supercalifragilisticexpialidocious and more words here"))
print(textwrap.wrap("a\tb\tc", expand_tabs=True, tabsize=4, width=80))
print(textwrap.fill("hyphen-ated words-are here", width=10, break_on_hyphens=True))
