// Steps and test cases as generated code lays them out, with the two parties a test case
// that declares none has: the UE under test (0) and the SS (1).
#pragma once

#include "scn/scn_rt.h"

namespace scn_rt_test {

inline constexpr scn_party kDefaultParties[] = {{"UE", SCN_PARTY_UNDER_TEST, nullptr},
                                                {"SS", SCN_PARTY_PLAYED, nullptr}};

inline scn_step make_step(const char* id, int direction, const char* message = "",
                          const char* comment = nullptr, const char* dialog = nullptr) {
  const bool from_ue = direction == SCN_UE_TO_SS;
  return {id, direction, message, comment, dialog, from_ue ? 0 : 1, from_ue ? 1 : 0,
          SCN_STEP_MESSAGE};
}

inline scn_testcase make_testcase(const char* name, const char* title, int (*entry)(scn_rt*)) {
  return {name, title, entry, kDefaultParties, 2};
}

}  // namespace scn_rt_test
