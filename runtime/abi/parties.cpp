// The C ABI of scn_rt.h for parties: relaying, alternatives and any-order expects, the
// upper tester and party addresses; thin wrappers over the Executor, each inside the
// guard of guard.h.
#include "abi/guard.h"

namespace {

using scn::Executor;
using scn::abi::guarded;
using scn::abi::view;

std::vector<std::string> texts(const scn_str* args, size_t count) {
  std::vector<std::string> out;
  for (size_t i = 0; args && i < count; ++i)
    out.emplace_back(args[i].ptr ? std::string(args[i].ptr, args[i].len) : std::string());
  return out;
}

}  // namespace

extern "C" {

scn_out* scn_out_relay(scn_rt* rt, const char* step_id) {
  return guarded(rt, static_cast<scn_out*>(nullptr),
                 [&](Executor& ex) { return ex.new_relay(view(step_id)); });
}

int scn_expect_first(scn_rt* rt, const scn_expect_alt* alts, size_t count, unsigned timeout_ms,
                     int flags, size_t* chosen) {
  return guarded(rt, int{SCN_STOP}, [&](Executor& ex) {
    return ex.expect_first(alts, count, timeout_ms, flags, chosen);
  });
}

int scn_expect_each(scn_rt* rt, const scn_expect_alt* alts, size_t count, unsigned timeout_ms) {
  return guarded(rt, int{SCN_STOP},
                 [&](Executor& ex) { return ex.expect_each(alts, count, timeout_ms); });
}

int scn_act(scn_rt* rt, const char* action, const scn_str* args, size_t arg_count,
            unsigned timeout_ms) {
  return guarded(rt, int{SCN_STOP}, [&](Executor& ex) {
    return ex.act(view(action), texts(args, arg_count), timeout_ms);
  });
}

scn_str scn_party_address(scn_rt* rt, const char* party) {
  return guarded(rt, scn::Arena::empty(), [&](Executor& ex) {
    auto address = ex.party_address(view(party));
    if (!address) {
      ex.set_error("no party '" + std::string(view(party)) + "'");
      return scn::Arena::empty();
    }
    return ex.arena().keep(std::move(*address));
  });
}

}  // extern "C"
