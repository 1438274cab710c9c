#!/usr/bin/env bash
# Installs every system dependency Weft builds and tests with, on a fresh Debian 12 machine.
# Idempotent and non-interactive: packages already present are skipped by apt itself.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  clang libclang-rt-14-dev            # tsan preset; the sanitizer runtime is named explicitly
  libboost-context-dev libboost-dev   # fibers, lockfree
  libtbb-dev libmimalloc-dev libgmp-dev
  libgtest-dev
  libssl-dev zlib1g-dev libexpat1-dev
  unzip python3                      # runs tests/run_tests.py and the bench runner
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node + npm fetch the stdlib zip and run the CPython 3.14 oracle. Images that ship their own node
# (not Debian's) conflict with Debian's npm package, so only install them when absent.
command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
