# tokenize.tokenize (bytes input, ENCODING token) over tests/language programs.
from _tokdump import dump_files

dump_files("language", ["annotations.py", "match.py"], as_bytes=True)
