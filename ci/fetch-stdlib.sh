#!/usr/bin/env bash
# Fetches CPython 3.14.2's pure-Python standard library (python_stdlib.zip from the npm package
# pyodide@314.0.7) and places it at $1 (default: build/python_stdlib.zip). Cached across runs.
set -euo pipefail
version=314.0.7
dest="${1:-build/python_stdlib.zip}"
cache="${WEFT_CACHE:-$HOME/.cache/weft}/pyodide-$version"
zip="$cache/node_modules/pyodide/python_stdlib.zip"
if [[ ! -f "$zip" ]]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --no-save --loglevel=error "pyodide@$version" >/dev/null
fi
mkdir -p "$(dirname "$dest")"
cp -f "$zip" "$dest"
