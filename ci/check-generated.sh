#!/usr/bin/env bash
# Regenerates every generated source file and fails if any differs from the committed copy,
# so a stale generated file can never reach main. Needs python3 and the CPython 3.14.2 stdlib
# zip (fetched into build/ if absent).
set -euo pipefail
cd "$(dirname "$0")/.."
zip=build/python_stdlib.zip
[[ -f "$zip" ]] || bash ci/fetch-stdlib.sh "$zip"
python3 vm/tools/gen_opcodes.py --stdlib "$zip" --out vm/opcodes.def
git diff --exit-code -- vm/opcodes.def
# Untracked (never committed) generated files are stale too.
if git ls-files --others --exclude-standard -- vm/opcodes.def | grep -q .; then
  echo "vm/opcodes.def is not committed" >&2
  exit 1
fi
