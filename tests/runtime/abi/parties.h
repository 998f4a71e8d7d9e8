// Steps and test cases as generated code lays them out, with the two parties a test case
// that declares none has: the UE under test (0) and the SS (1); and a test case that
// declares four, as the IMS conference flow does: UE1, UE2 (under test), SS, FOCUS.
#pragma once

#include "scn/scn_rt.h"

namespace scn_rt_test {

inline constexpr scn_party kDefaultParties[] = {{"UE", SCN_PARTY_UNDER_TEST, nullptr},
                                                {"SS", SCN_PARTY_PLAYED, nullptr}};

inline scn_step make_step(const char* id, int direction, const char* message = "",
                          const char* comment = nullptr, const char* dialog = nullptr) {
  const bool from_ue = direction == SCN_UE_TO_SS;
  return {id, direction, message, comment, dialog, from_ue ? 0 : 1, from_ue ? 1 : 0,
          SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0};
}

inline scn_testcase make_testcase(const char* name, const char* title, int (*entry)(scn_rt*)) {
  return {name, title, entry, kDefaultParties, 2, nullptr, 0, nullptr, 0};
}

// A test case with its step table and rules for unexpected messages, as generated code
// gives them.
inline scn_testcase make_testcase(const char* name, int (*entry)(scn_rt*), const scn_step* steps,
                                  std::size_t step_count, const scn_unexpected_rule* rules,
                                  std::size_t rule_count) {
  return {name, nullptr, entry, kDefaultParties, 2, steps, step_count, rules, rule_count};
}

// party UE1 ue, party UE2 ue, party SS ss, party FOCUS ss
enum Party { UE1 = 0, UE2 = 1, SS = 2, FOCUS = 3 };
inline constexpr scn_party kConferenceParties[] = {
    {"UE1", SCN_PARTY_UNDER_TEST, "conference initiator"},
    {"UE2", SCN_PARTY_UNDER_TEST, "invited participant"},
    {"SS", SCN_PARTY_PLAYED, "P-CSCF and S-CSCF of both UEs"},
    {"FOCUS", SCN_PARTY_PLAYED, "the conference focus"}};

// `ID FROM -> TO MESSAGE [in dialog DIALOG]` between the conference parties.
inline scn_step party_step(const char* id, Party from, Party to, const char* message,
                           const char* dialog = nullptr) {
  const bool from_ue = kConferenceParties[from].kind == SCN_PARTY_UNDER_TEST;
  return {id, from_ue ? SCN_UE_TO_SS : SCN_SS_TO_UE, message, nullptr, dialog, from, to,
          SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0};
}

// `ID make PARTY ACTION`
inline scn_step action_step(const char* id, Party party, const char* action) {
  return {id, SCN_SS_TO_UE, action, nullptr, nullptr, SCN_UPPER_TESTER, party, SCN_STEP_ACTION,
          nullptr, 0, nullptr, 0};
}

inline scn_testcase conference_testcase(const char* name, int (*entry)(scn_rt*)) {
  return {name, nullptr, entry, kConferenceParties, 4, nullptr, 0, nullptr, 0};
}

}  // namespace scn_rt_test
