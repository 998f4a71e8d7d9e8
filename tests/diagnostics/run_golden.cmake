# Runs one golden test: `scn ARGS... FILE` in WORKDIR, compares with EXPECTED.
#   MODE=diagnostics: EXPECTED holds "exit: N" then the exact stderr; stdout must be empty.
#   MODE=ast:         EXPECTED holds the exact stdout of `scn emit ast`; exit 0, no stderr.
# With the environment variable SCN_UPDATE_GOLDEN=1 the expectation is rewritten instead
# (review the diff before committing it).
# Usage: cmake -DSCN=... -DWORKDIR=... -DFILE=... -DEXPECTED=... -DMODE=... -P run_golden.cmake
foreach(var SCN WORKDIR FILE EXPECTED MODE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_golden.cmake: ${var} is not set")
  endif()
endforeach()

if(MODE STREQUAL "ast")
  set(args emit ast ${FILE})
else()
  set(args check ${FILE})
endif()
execute_process(
  COMMAND ${SCN} ${args}
  WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  TIMEOUT 30)

if(MODE STREQUAL "ast")
  if(NOT status STREQUAL "0" OR NOT err STREQUAL "")
    message(FATAL_ERROR "scn emit ast ${FILE} failed (exit ${status}):\n${err}")
  endif()
  set(actual "${out}")
else()
  if(NOT out STREQUAL "")
    message(FATAL_ERROR "scn check ${FILE} wrote to stdout:\n${out}")
  endif()
  set(actual "exit: ${status}\n${err}")
endif()

if("$ENV{SCN_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE ${EXPECTED} "${actual}")
  message(STATUS "updated ${EXPECTED}")
  return()
endif()

if(NOT EXISTS ${EXPECTED})
  message(FATAL_ERROR "missing ${EXPECTED}; actual output:\n${actual}")
endif()
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "output of scn ${args} differs from ${EXPECTED}\n"
                      "--- expected\n${expected}--- actual\n${actual}---")
endif()
