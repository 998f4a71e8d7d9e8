#!/usr/bin/env bash
# Configures and builds scn into build/ (Release with assertions kept).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCN_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
