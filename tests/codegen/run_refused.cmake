# `scn run FILE` on a file that does not check: the check diagnostics on stderr, an
# ERROR line last on stdout, exit 3, and nothing run.
# Usage: cmake -DSCN=... -DFILE=... -P run_refused.cmake
execute_process(COMMAND ${SCN} run ${FILE} --bind 127.0.0.1:0 RESULT_VARIABLE status
                OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT status STREQUAL "3")
  message(FATAL_ERROR "scn run ${FILE}: exit ${status}, expected 3\n${out}${err}")
endif()
if(NOT err MATCHES ":[0-9]+:[0-9]+: error: ")
  message(FATAL_ERROR "scn run ${FILE}: no check diagnostic on stderr:\n${err}")
endif()
if(NOT out MATCHES "ERROR: [^\n]*\n$" OR out MATCHES "SS on ")
  message(FATAL_ERROR "scn run ${FILE}: unexpected stdout:\n${out}")
endif()
