#!/bin/sh
# The whole PROTOS c07-sip suite (4,527 malformed INVITEs, each with its CANCEL) sent from
# another port to one long-running SS (`scn run --repeat`) while a SIPp UE makes
# conformant MO calls through it (scenarios/tutorial/mo_call.scn). Prints the cases sent,
# the calls passed, the SS's VmRSS before and after, the strays it counted and the
# duration; exits 1 when a call failed, the SS ended early or grew, or cases went unseen.
# tests/peers/protos_soak.py does the work; ctest runs a 300-case subset of it.
#
# With --load first, the SS runs in load mode (`scn run --load`, docs/load.md): SIPp makes
# 5,000 calls at 500/s (about 250 at once) while the cases arrive at 1,000/s; every call
# must pass and every case be counted as a message of no call.
#
# Usage, from anywhere, after a build:
#   bench/soak/protos_soak.sh [--load] [BUILD_DIR [CORPORA_DIR]]
# (defaults: build/ of this checkout, the corpora folder it was configured with).
set -eu
mode=repeat
if [ "${1:-}" = "--load" ]; then
  mode=load
  shift
fi
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
corpora=${2:-$(sed -n 's/^SCN_CORPORA_DIR:[A-Z]*=//p' "$build/CMakeCache.txt")}
if [ "$mode" = load ]; then
  exec python3 "$top/tests/peers/protos_soak.py" --scn "$build/scn" \
    --scenario "$top/scenarios/tutorial/mo_call.scn" \
    --ue "$top/tests/peers/ue_tutorial_mo_call.xml" \
    --corpus "$corpora/protos-c07-sip" --cases all --rate 1000 --load --calls 5000 \
    --sipp-rate 500 --concurrency 1000 --limit 300
fi
exec python3 "$top/tests/peers/protos_soak.py" --scn "$build/scn" \
  --scenario "$top/scenarios/tutorial/mo_call.scn" \
  --ue "$top/tests/peers/ue_tutorial_mo_call.xml" \
  --corpus "$corpora/protos-c07-sip" --cases all --rate 150 --calls 60 --limit 900
