#!/bin/sh
# The benchmarks as ratios against peers measured in the same run (bench/README.md).
# Usage: bench/run.sh [BUILD_DIR] [--quick|--smoke] [--only SECTION]... [--keep DIR]
# Builds nothing: BUILD_DIR (default build/ of this checkout) must hold a built scn.
exec python3 "$(dirname "$0")/ratios/run.py" "$@"
