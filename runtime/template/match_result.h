// What matching an incoming message produced: every mismatch (not only the first) and
// the values captured for later steps. Kept apart from match.h so that verdicts and
// reports can use it without <regex>.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scn::sip {

struct Mismatch {
  std::string path;      // "Via.branch", "Route", "Status"
  std::string expected;  // human readable: "\"INVITE\"", "starts \"z9hG4bK\"", "absent"
  std::string received;  // the value as received, or kAbsent
};

inline constexpr std::string_view kAbsent = "<absent>";

struct Capture {
  std::string slot;
  std::string value;
};

struct MatchResult {
  bool ok = true;
  std::vector<Mismatch> mismatches;
  std::vector<Capture> captures;

  // The captured value of a slot, or nullptr.
  const std::string* captured(std::string_view slot) const {
    for (const Capture& c : captures) {
      if (c.slot == slot) return &c.value;
    }
    return nullptr;
  }
};

// One line per mismatch: `Via.branch: expected starts "z9hG4bK", received "abc"`.
std::string describe(const Mismatch& mismatch);

}  // namespace scn::sip
