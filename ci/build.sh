#!/usr/bin/env bash
# Configures and builds one preset: ci/build.sh [release|debug|asan|tsan] [ninja targets...]
# Puts the CPython 3.14 stdlib zip next to the binary (ci/fetch-stdlib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"; shift || true
jobs="${WEFT_JOBS:-$(nproc)}"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/weft/ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
# Paths inside the checkout are hashed relative to it, so clones in other folders share hits.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
cmake --preset "$preset" -DWEFT_WERROR="${WEFT_WERROR:-OFF}" >/dev/null
bash ci/fetch-stdlib.sh "build/$preset/python_stdlib.zip"
cmake --build "build/$preset" -j "$jobs" ${1:+--target "$@"}
