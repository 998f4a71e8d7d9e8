#!/bin/sh
# Instructions a load call costs the SS, counted by callgrind: unlike CPU time, a busy
# machine does not disturb them, so two builds compare run against run. The SS of
# scenarios/tutorial/mo_call.scn in load mode answers CALLS calls of a SIPp UAC
# (bench/load/uac_mo_call.xml) at 40 calls/s under valgrind; the figure is what the
# process executed from its binding to its end (instrumentation switched on then, so the
# compilation is left out: instances, dispatcher, statistics, the summary) over CALLS.
# It leaves out the kernel (system calls, scheduling), which perf shows.
#
# Usage, from anywhere, after a build (valgrind and sip-tester installed):
#   bench/load/instructions.sh [BUILD_DIR [CALLS [PORT]]]
# (defaults: build/ of this checkout, 200 calls, port 15370 and the next two).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
calls=${2:-200}
port=${3:-15370}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$top/bench/load/ss_common.sh"
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/cg.out" "$build/scn" run \
  "$top/scenarios/tutorial/mo_call.scn" --load --rate 40 --calls "$calls" \
  --concurrency 1000 --quiet --bind "127.0.0.1:$port" --ue "127.0.0.1:$((port + 2))" \
  --set px_IMS_HomeDomainName=home1.net >"$work/ss.log" 2>&1 &
ss=$!
# The SS prints "load: mo_call on udp ..." once bound (compiling under valgrind is slow).
wait_bound "$ss" "$work/ss.log" 300 1
# Counted from here: what the process executes once bound (compilation left out).
callgrind_control -i on "$ss" >/dev/null
sipp_uac "$port" 40 "$calls" "$work/uac.log"
wait "$ss" || true
grep "^load: $calls started" "$work/ss.log" || { cat "$work/ss.log" >&2; exit 1; }
callgrind_annotate "$work/cg.out" 2>/dev/null |
  awk -v calls="$calls" '/PROGRAM TOTALS/ {
      gsub(",", "", $1); printf "instructions per call (after binding, all threads): %d\n", $1 / calls; found = 1; exit }
    END { if (!found) { print "no totals in the profile" > "/dev/stderr"; exit 1 } }'
