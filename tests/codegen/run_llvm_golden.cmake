# Golden LLVM of the test cases' entry functions: `scn emit llvm FILE` in WORKDIR, every
# `define internal i32 @scn.testcase...` function up to its closing brace, compared with
# EXPECTED. Only the entry functions: the rest of the module (the target's data layout,
# the constant tables) is covered by the other codegen tests. SCN_UPDATE_GOLDEN=1 rewrites
# the file instead.
# Usage: cmake -DSCN=... -DWORKDIR=... -DFILE=... -DEXPECTED=... -P run_llvm_golden.cmake
include(${CMAKE_CURRENT_LIST_DIR}/../cmake/scn_golden.cmake)
scn_require_vars(run_llvm_golden.cmake SCN WORKDIR FILE EXPECTED)
scn_run(emit llvm ${FILE})
if(NOT scn_status STREQUAL "0" OR NOT scn_err STREQUAL "")
  message(FATAL_ERROR "scn emit llvm ${FILE} failed (exit ${scn_status}):\n${scn_err}")
endif()
string(REPLACE ";" "\\;" text "${scn_out}")
string(REPLACE "\n" ";" lines "${text}")
set(actual "")
set(inside FALSE)
foreach(line IN LISTS lines)
  if(line MATCHES "^define internal i32 @\"?scn\\.testcase\\.")
    set(inside TRUE)
  endif()
  if(inside)
    string(APPEND actual "${line}\n")
  endif()
  if(inside AND line STREQUAL "}")
    set(inside FALSE)
  endif()
endforeach()
scn_compare_golden(actual ${EXPECTED} "entry functions of scn emit llvm ${FILE}")
