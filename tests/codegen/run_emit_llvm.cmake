# `scn emit llvm FILE` exits 0 (scn verifies the module before printing it; exit 3 when
# it does not verify) and prints a module with the program table, one entry function per
# test case and main().
# Usage: cmake -DSCN=... -DFILE=... -DTESTCASES=n -P run_emit_llvm.cmake
execute_process(COMMAND ${SCN} emit llvm ${FILE} RESULT_VARIABLE status
                OUTPUT_VARIABLE module ERROR_VARIABLE err TIMEOUT 60)
if(NOT status STREQUAL "0")
  message(FATAL_ERROR "scn emit llvm ${FILE} failed (exit ${status}):\n${err}")
endif()
foreach(needle "@scn_program = constant %scn_program" "define i32 @main(" "call i32 @scn_rt_main(")
  string(FIND "${module}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "no '${needle}' in the module of ${FILE}")
  endif()
endforeach()
string(REGEX MATCHALL "define internal i32 @\"?scn\\.testcase\\." entries "${module}")
list(LENGTH entries count)
if(NOT count EQUAL TESTCASES)
  message(FATAL_ERROR "${count} test case entry functions in ${FILE}, expected ${TESTCASES}")
endif()
