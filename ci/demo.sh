#!/usr/bin/env bash
# Builds Weft (release) and runs the demo: a CPU-parallel threaded program, timed with 1 thread
# and with one thread per core, so the speed-up is visible.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
bash ci/build.sh release weft
exec build/release/weft bench/demo_parallel.py
