#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs dependencies, builds, runs every test.
#   release: unit tests (ctest) + every Python test program
#   asan:    the same under AddressSanitizer + UBSan
#   tsan:    the sync/core/gc unit tests, the stress suite, thread, generator and gc tests and the
#            threaded stdlib programs (sockets, servers, asyncio, subprocess) under
#            ThreadSanitizer
# Exit status is non-zero if anything fails. ccache keeps rebuilds fast.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
export WEFT_WERROR="${WEFT_WERROR:-ON}"
[[ -x ci/check-generated.sh ]] && bash ci/check-generated.sh

run_ctest() {  # run_ctest PRESET [ctest args...]
  local preset=$1; shift
  (cd "build/$preset" && ctest --output-on-failure --timeout 900 "$@")
}

echo "== release"
bash ci/build.sh release
run_ctest release

echo "== asan"
bash ci/build.sh asan
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 run_ctest asan

echo "== tsan (sync/core/gc unit tests, stress programs, thread, generator, gc and threaded stdlib tests)"
bash ci/build.sh tsan sync_tests core_tests gc_tests weft
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
run_ctest tsan -R '^(sync_tests|core_tests|gc_tests)$'
# The stdlib programs that run threads (servers, executors, hashing and forking from threads).
threaded_stdlib=(tests/stdlib/{socket,select,selectors,socketserver,http,asyncio}_*.py
                 tests/stdlib/{subprocess,hashlib}_threads.py)
python3 tests/run_tests.py --weft build/tsan/weft stress tests/threads tests/generators tests/gc \
  "${threaded_stdlib[@]}"
echo "== all test stages passed"
