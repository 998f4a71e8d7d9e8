# `scn build FILE -o EXE` writes an executable that needs neither LLVM nor ANTLR (ldd),
# and that parses the run options of the command-line contract itself.
# Usage: cmake -DSCN=... -DFILE=... -DEXE=... -P run_build_deps.cmake
file(REMOVE ${EXE})
execute_process(COMMAND ${SCN} build ${FILE} -o ${EXE} RESULT_VARIABLE status
                ERROR_VARIABLE err TIMEOUT 120)
if(NOT status STREQUAL "0" OR NOT EXISTS ${EXE})
  message(FATAL_ERROR "scn build ${FILE} failed (exit ${status}):\n${err}")
endif()
execute_process(COMMAND ldd ${EXE} RESULT_VARIABLE status OUTPUT_VARIABLE deps TIMEOUT 30)
if(NOT status STREQUAL "0")
  message(FATAL_ERROR "ldd ${EXE} failed (exit ${status})")
endif()
if(deps MATCHES "[Ll][Ll][Vv][Mm]|antlr")
  message(FATAL_ERROR "${EXE} depends on LLVM or ANTLR:\n${deps}")
endif()
if(NOT deps MATCHES "libc\\.so")
  message(FATAL_ERROR "unexpected ldd output for ${EXE}:\n${deps}")
endif()
# Its own option parser: --help lists the test case, a bad option is an error (exit 3).
execute_process(COMMAND ${EXE} --help RESULT_VARIABLE status OUTPUT_VARIABLE help TIMEOUT 30)
if(NOT status STREQUAL "0" OR NOT help MATCHES "--testcase")
  message(FATAL_ERROR "${EXE} --help: exit ${status}\n${help}")
endif()
execute_process(COMMAND ${EXE} --no-such-option RESULT_VARIABLE status OUTPUT_VARIABLE out
                TIMEOUT 30)
if(NOT status STREQUAL "3" OR NOT out MATCHES "ERROR: ")
  message(FATAL_ERROR "${EXE} --no-such-option: exit ${status}, expected 3\n${out}")
endif()
