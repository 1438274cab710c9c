# keyword, imported from the stdlib zip.
import keyword

print(keyword.iskeyword("for"), keyword.iskeyword("match"), keyword.iskeyword("spam"))
print(keyword.issoftkeyword("match"), keyword.issoftkeyword("type"), keyword.issoftkeyword("if"))
print(len(keyword.kwlist), keyword.kwlist[:5])
print(sorted(keyword.softkwlist))
print(keyword.__name__, keyword.__file__.endswith("keyword.py"))
