#include <cstdio>
#include "scn/scn_rt.h"
extern "C" int scn_rt_report_error(const scn_run_config*, const char*, const char* reason) {
  std::printf("ERROR: %s\n", reason ? reason : "");
  std::fflush(stdout);
  return 3;
}
