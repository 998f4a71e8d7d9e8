# Runs one golden test: `scn ARGS... FILE` in WORKDIR, compares with EXPECTED.
#   MODE=diagnostics: EXPECTED holds "exit: N" then the exact stderr; stdout must be empty
#   after errors and the one summary line of a clean check ("checked 1 file: ...") else.
#   MODE=ast, MODE=ir: EXPECTED holds the exact stdout of `scn emit ast|ir`; exit 0, no stderr.
# With the environment variable SCN_UPDATE_GOLDEN=1 the expectation is rewritten instead
# (review the diff before committing it).
# Usage: cmake -DSCN=... -DWORKDIR=... -DFILE=... -DEXPECTED=... -DMODE=... -P run_golden.cmake
include(${CMAKE_CURRENT_LIST_DIR}/../cmake/scn_golden.cmake)
scn_require_vars(run_golden.cmake SCN WORKDIR FILE EXPECTED MODE)

if(MODE STREQUAL "ast" OR MODE STREQUAL "ir")
  set(args emit ${MODE} ${FILE})
else()
  set(args check ${FILE})
endif()
scn_run(${args})

if(MODE STREQUAL "ast" OR MODE STREQUAL "ir")
  if(NOT scn_status STREQUAL "0" OR NOT scn_err STREQUAL "")
    message(FATAL_ERROR "scn emit ${MODE} ${FILE} failed (exit ${scn_status}):\n${scn_err}")
  endif()
  set(actual "${scn_out}")
else()
  set(summary "^checked 1 file: [0-9]+ test cases?, [0-9]+ steps?, 0 errors, [0-9]+ warnings?\n$")
  if(scn_status STREQUAL "0" AND NOT scn_out MATCHES "${summary}")
    message(FATAL_ERROR "scn check ${FILE}: no summary line on stdout:\n${scn_out}")
  elseif(NOT scn_status STREQUAL "0" AND NOT scn_out STREQUAL "")
    message(FATAL_ERROR "scn check ${FILE} wrote to stdout:\n${scn_out}")
  endif()
  set(actual "exit: ${scn_status}\n${scn_err}")
endif()
scn_compare_golden(actual ${EXPECTED} "output of scn ${args}")
