// The C ABI of scn_rt.h for wait steps: a thin wrapper over the Executor, inside the
// guard of guard.h.
#include "abi/guard.h"

extern "C" {

int scn_wait(scn_rt* rt, unsigned ms) {
  return scn::abi::guarded(rt, int{SCN_STOP}, [&](scn::Executor& ex) { return ex.wait(ms); });
}

}  // extern "C"
