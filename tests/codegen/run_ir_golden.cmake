# Golden test of `scn emit ir FILE` run in WORKDIR: exit 0, no stderr, stdout equal to
# EXPECTED. With SCN_UPDATE_GOLDEN=1 the expectation is rewritten instead (review the
# diff before committing it).
# Usage: cmake -DSCN=... -DWORKDIR=... -DFILE=... -DEXPECTED=... -P run_ir_golden.cmake
foreach(var SCN WORKDIR FILE EXPECTED)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_ir_golden.cmake: ${var} is not set")
  endif()
endforeach()
execute_process(COMMAND ${SCN} emit ir ${FILE} WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE status OUTPUT_VARIABLE actual ERROR_VARIABLE err TIMEOUT 30)
if(NOT status STREQUAL "0" OR NOT err STREQUAL "")
  message(FATAL_ERROR "scn emit ir ${FILE} failed (exit ${status}):\n${err}")
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
  message(FATAL_ERROR "scn emit ir ${FILE} differs from ${EXPECTED}\n"
                      "--- expected\n${expected}--- actual\n${actual}---")
endif()
