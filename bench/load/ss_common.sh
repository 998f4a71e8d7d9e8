# Sourced by the bench/load scripts: what starting the SS of mo_call and a SIPp UAC
# against it have in common.

# Waits until the SS (PID $1, log $2) prints "load: mo_call on ..." (it is bound), at most
# $3 tries of $4 seconds; exits with its log when it ends or never binds.
wait_bound() {
  tries=0
  until grep -q "^load: mo_call on" "$2" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt "$3" ] || ! kill -0 "$1" 2>/dev/null; then
      echo "the SS did not bind:" >&2
      cat "$2" >&2
      kill "$1" 2>/dev/null || true
      exit 1
    fi
    sleep "$4"
  done
}

# A SIPp UAC of mo_call (bench/load/uac_mo_call.xml) to the SS at 127.0.0.1:$1, from
# port $1+2: $2 calls/s, $3 calls; its output goes to $4. Its socket buffers are 4 MB
# (bench/ratios/trial.py, SIPP_BUFFER: with SIPp's 64 kB it drops responses when it waits).
sipp_uac() {
  sipp -sf "$top/bench/load/uac_mo_call.xml" -key home_domain home1.net "127.0.0.1:$1" \
    -i 127.0.0.1 -p "$(($1 + 2))" -mp "$(($1 + 100))" -r "$2" -m "$3" -l 5000 -d 0 \
    -nostdin -buff_size 4194304 -timeout 120s -timeout_error >"$4" 2>&1 || true
}
