#!/bin/sh
# CPU a load call costs the SS at a fixed rate: the SS of scenarios/tutorial/mo_call.scn
# in load mode answers CALLS calls of a SIPp UAC (bench/load/uac_mo_call.xml) at RATE
# calls/s; its user+system time (/usr/bin/time) less that of a one-call run (start-up and
# compilation), over CALLS. Also prints the SS's summary line, so that lost calls show.
# Where bench/run.sh's best-rate search is too noisy to compare two builds (one lost
# datagram fails a trial), this is steadier; make 3 s of calls or more.
#
# Usage, from anywhere, after a build (sip-tester installed):
#   bench/load/cpu_per_call.sh [BUILD_DIR [RATE [CALLS [PORT]]]]
# (defaults: build/ of this checkout, 3200 calls/s, 9600 calls, port 15470 and the next two).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
rate=${2:-3200}
calls=${3:-9600}
port=${4:-15470}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$top/bench/load/ss_common.sh"

# Prints the SS's user+system seconds for N calls at RATE.
run() {
  n=$1
  /usr/bin/time -f "%U %S" -o "$work/time" "$build/scn" run "$top/scenarios/tutorial/mo_call.scn" \
    --load --calls "$n" --concurrency 5000 --quiet --bind "127.0.0.1:$port" \
    --ue "127.0.0.1:$((port + 2))" --set px_IMS_HomeDomainName=home1.net >"$work/ss.log" 2>&1 &
  ss=$!
  wait_bound "$ss" "$work/ss.log" 300 0.1
  sipp_uac "$port" "$rate" "$n" "$work/uac.log"
  wait "$ss" || true
  tail -n 1 "$work/time" | awk '{ print $1 + $2 }'
}

startup=$(run 1)
total=$(run "$calls")
grep "^load: $calls started" "$work/ss.log" || { cat "$work/ss.log" >&2; exit 1; }
awk -v t="$total" -v s="$startup" -v n="$calls" -v r="$rate" 'BEGIN {
  printf "CPU per call at %d calls/s: %.0f us (%.2f s for %d calls, %.2f s for one)\n",
         r, (t - s) * 1e6 / n, t, n, s }'
