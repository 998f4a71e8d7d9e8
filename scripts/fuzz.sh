#!/usr/bin/env bash
# Builds the libFuzzer targets with clang under ASan/UBSan into build-fuzz/ and
# runs each for the given number of seconds (default 20: three targets, one minute in all),
# seeded from tests/fuzz/seeds-NAME/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
cmake -S . -B build-fuzz -G Ninja -DSCN_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
# Only the fuzz targets and what they link: the rest (code generation, the driver) is not
# fuzzed here, and building it under ASan would double CI's build time.
targets=()
for src in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
status=0
for exe in build-fuzz/tests/fuzz/fuzz_*; do
  [ -x "$exe" ] || continue
  name=$(basename "$exe")
  corpus="build-fuzz/corpus-$name"
  mkdir -p "$corpus"
  seeds=()
  [ -d "tests/fuzz/seeds-$name" ] && seeds+=("tests/fuzz/seeds-$name")
  echo "== $name: ${seconds}s under ASan/UBSan"
  if ! "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
       -artifact_prefix="build-fuzz/$name-" "$corpus" "${seeds[@]}" 2>"build-fuzz/$name.log"; then
    tail -60 "build-fuzz/$name.log"
    status=1
  fi
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "build-fuzz/$name.log" | tail -2 || true
done
exit $status
