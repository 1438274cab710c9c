# tokenize.generate_tokens (str input) over the tests/basics programs.
from _tokdump import dump_files

dump_files("basics", [
    "bools_none.py", "bytearray.py", "bytes_basic.py", "bytes_methods.py", "comparisons.py",
    "dicts.py", "floats.py", "fstrings.py", "int_big.py", "ints.py", "list_sort.py", "lists.py",
    "ranges_slices.py", "sets.py", "string_methods.py", "strings.py", "tuples.py",
], as_bytes=False)
