# Shared pieces of the script-mode test runners that run `scn` and compare its output.
# Include from a script run with `cmake -P`.

# Fails unless every variable named after SCRIPT is defined (-Dvar=... on the command line).
function(scn_require_vars script)
  foreach(var ${ARGN})
    if(NOT DEFINED ${var})
      message(FATAL_ERROR "${script}: ${var} is not set")
    endif()
  endforeach()
endfunction()

# Runs `${SCN} ARGN` in ${WORKDIR} (bounded to 30 s); sets scn_status, scn_out, scn_err.
function(scn_run)
  execute_process(
    COMMAND ${SCN} ${ARGN}
    WORKING_DIRECTORY ${WORKDIR}
    RESULT_VARIABLE status
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err
    TIMEOUT 30)
  set(scn_status "${status}" PARENT_SCOPE)
  set(scn_out "${out}" PARENT_SCOPE)
  set(scn_err "${err}" PARENT_SCOPE)
endfunction()

# Compares the value of the variable ACTUAL_VAR with the file EXPECTED exactly; LABEL
# names the output in the failure message. With the environment variable
# SCN_UPDATE_GOLDEN=1 the file is rewritten instead (review the diff before committing).
function(scn_compare_golden actual_var expected label)
  set(actual "${${actual_var}}")
  if("$ENV{SCN_UPDATE_GOLDEN}" STREQUAL "1")
    file(WRITE ${expected} "${actual}")
    message(STATUS "updated ${expected}")
    return()
  endif()
  if(NOT EXISTS ${expected})
    message(FATAL_ERROR "missing ${expected}; actual output:\n${actual}")
  endif()
  file(READ ${expected} expected_text)
  if(NOT actual STREQUAL expected_text)
    message(FATAL_ERROR "${label} differs from ${expected}\n"
                        "--- expected\n${expected_text}--- actual\n${actual}---")
  endif()
endfunction()
