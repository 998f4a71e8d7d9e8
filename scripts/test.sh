#!/usr/bin/env bash
# Installs what is needed, builds, and runs the whole test suite (unit, golden,
# loopback with SIPp, and a short fuzzing run under ASan/UBSan).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
# Fuzzing first, so that ctest's summary is the last thing printed.
scripts/fuzz.sh "${SCN_FUZZ_SECONDS:-20}"
ctest --test-dir build --output-on-failure -j2
