# Runs `scn ARGS` in WORKDIR and checks its exit status, and optionally that stdout equals
# a golden file (STDOUT_FILE, rewritten with SCN_UPDATE_GOLDEN=1) and that stderr contains
# a text (STDERR_CONTAINS).
# ARGS is a list written with '|' between arguments.
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/scn_golden.cmake)
scn_require_vars(run_cli.cmake SCN WORKDIR ARGS EXIT)
string(REPLACE "|" ";" args "${ARGS}")
scn_run(${args})
if(NOT scn_status STREQUAL EXIT)
  message(FATAL_ERROR "scn ${args}: exit ${scn_status}, expected ${EXIT}\n"
                      "stdout:\n${scn_out}\nstderr:\n${scn_err}")
endif()
if(DEFINED STDOUT_FILE)
  scn_compare_golden(scn_out ${STDOUT_FILE} "scn ${args}: stdout")
elseif(NOT scn_out STREQUAL "")
  message(FATAL_ERROR "scn ${args}: unexpected stdout:\n${scn_out}")
endif()
if(DEFINED STDERR_CONTAINS)
  string(FIND "${scn_err}" "${STDERR_CONTAINS}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "scn ${args}: stderr lacks '${STDERR_CONTAINS}':\n${scn_err}")
  endif()
endif()
