// The C ABI of scn_rt.h for media: media steps and the SS's SDP; thin wrappers over the
// Executor, each inside the guard of guard.h.
#include "abi/guard.h"

namespace {

using scn::Executor;
using scn::abi::guarded;
using scn::abi::view;

}  // namespace

extern "C" {

int scn_media(scn_rt* rt, int op, const char* dialog, scn_str value,
              const scn_media_check* check) {
  return guarded(rt, int{SCN_STOP}, [&](Executor& ex) {
    const std::string_view text = value.ptr ? std::string_view(value.ptr, value.len)
                                            : std::string_view();
    return ex.media(op, view(dialog), text, check);
  });
}

scn_str scn_sdp(scn_rt* rt, int kind) {
  return guarded(rt, scn::Arena::empty(),
                 [&](Executor& ex) { return ex.arena().keep(ex.sdp(kind)); });
}

}  // extern "C"
