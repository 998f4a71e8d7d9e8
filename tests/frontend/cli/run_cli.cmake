# Runs `scn ARGS` in WORKDIR and checks its exit status, and optionally that stdout equals
# a golden file (STDOUT_FILE) and that stderr contains a text (STDERR_CONTAINS).
# ARGS is a list written with '|' between arguments.
foreach(var SCN WORKDIR ARGS EXIT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_cli.cmake: ${var} is not set")
  endif()
endforeach()
string(REPLACE "|" ";" args "${ARGS}")
execute_process(
  COMMAND ${SCN} ${args}
  WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  TIMEOUT 30)
if(NOT status STREQUAL EXIT)
  message(FATAL_ERROR "scn ${args}: exit ${status}, expected ${EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED STDOUT_FILE)
  if("$ENV{SCN_UPDATE_GOLDEN}" STREQUAL "1")
    file(WRITE ${STDOUT_FILE} "${out}")
  endif()
  file(READ ${STDOUT_FILE} expected)
  if(NOT out STREQUAL expected)
    message(FATAL_ERROR "scn ${args}: stdout differs from ${STDOUT_FILE}\n"
                        "--- expected\n${expected}--- actual\n${out}---")
  endif()
elseif(NOT out STREQUAL "")
  message(FATAL_ERROR "scn ${args}: unexpected stdout:\n${out}")
endif()
if(DEFINED STDERR_CONTAINS)
  string(FIND "${err}" "${STDERR_CONTAINS}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "scn ${args}: stderr lacks '${STDERR_CONTAINS}':\n${err}")
  endif()
endif()
