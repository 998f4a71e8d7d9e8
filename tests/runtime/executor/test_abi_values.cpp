// The ABI's ints as the runtime's types: every constant of scn_rt.h names the
// enumerator with its value, and ints it does not define are refused.
#include <doctest/doctest.h>

#include "executor/executor.h"

using scn::Direction;
using scn::to_path;
using scn::sip::PathPart;
using scn::sip::PathTarget;

namespace {

scn_path abi_path(int target, int part) { return scn_path{target, "RAck", 0, part, nullptr}; }

}  // namespace

TEST_CASE("to_path keeps every target and part of scn_rt.h") {
  const std::pair<int, PathTarget> targets[] = {
      {SCN_PATH_REQUEST_URI, PathTarget::RequestUri}, {SCN_PATH_STATUS, PathTarget::Status},
      {SCN_PATH_REASON, PathTarget::Reason},          {SCN_PATH_METHOD, PathTarget::Method},
      {SCN_PATH_HEADER, PathTarget::Header},          {SCN_PATH_BODY, PathTarget::Body}};
  for (const auto& [abi, target] : targets) {
    CAPTURE(abi);
    auto path = to_path(abi_path(abi, SCN_PART_WHOLE));
    REQUIRE(path.ok());
    CHECK(path->target == target);
  }
  const std::pair<int, PathPart> parts[] = {
      {SCN_PART_WHOLE, PathPart::Whole},
      {SCN_PART_ADDR_SPEC, PathPart::AddrSpec},
      {SCN_PART_DISPLAY_NAME, PathPart::DisplayName},
      {SCN_PART_PARAM, PathPart::Param},
      {SCN_PART_URI_USER, PathPart::UriUser},
      {SCN_PART_URI_HOST, PathPart::UriHost},
      {SCN_PART_URI_PORT, PathPart::UriPort},
      {SCN_PART_URI_PARAM, PathPart::UriParam},
      {SCN_PART_TOKEN, PathPart::Token},
      {SCN_PART_CSEQ_SEQ, PathPart::CSeqSeq},
      {SCN_PART_CSEQ_METHOD, PathPart::CSeqMethod},
      {SCN_PART_RACK_RSEQ, PathPart::RAckRSeq},
      {SCN_PART_RACK_CSEQ, PathPart::RAckCSeq},
      {SCN_PART_VIA_SENT_BY, PathPart::ViaSentBy},
      {SCN_PART_VIA_TRANSPORT, PathPart::ViaTransport},
      {SCN_PART_VIA_HOST, PathPart::ViaHost},
      {SCN_PART_VIA_PORT, PathPart::ViaPort}};
  for (const auto& [abi, part] : parts) {
    CAPTURE(abi);
    auto path = to_path(abi_path(SCN_PATH_HEADER, abi));
    REQUIRE(path.ok());
    CHECK(path->part == part);
    CHECK(path->header == "RAck");
  }
}

TEST_CASE("to_path refuses a target or part scn_rt.h does not define") {
  for (int bad : {-1, SCN_PATH_BODY + 1, 1000}) {
    auto path = to_path(abi_path(bad, SCN_PART_WHOLE));
    CHECK_FALSE(path.ok());
    CHECK(path.reason() == "unknown path target " + std::to_string(bad));
  }
  for (int bad : {-1, SCN_PART_VIA_PORT + 1, 1000}) {
    auto path = to_path(abi_path(SCN_PATH_HEADER, bad));
    CHECK_FALSE(path.ok());
    CHECK(path.reason() == "unknown path part " + std::to_string(bad));
  }
}

TEST_CASE("directions and verdicts carry the values of scn_rt.h") {
  CHECK(scn::direction_from(SCN_SS_TO_UE) == Direction::SsToUe);
  CHECK(scn::direction_from(SCN_UE_TO_SS) == Direction::UeToSs);
  CHECK_FALSE(scn::direction_from(2).has_value());
  CHECK_FALSE(scn::direction_from(-1).has_value());
  CHECK(static_cast<int>(scn::VerdictKind::Pass) == SCN_PASS);
  CHECK(static_cast<int>(scn::VerdictKind::Inconc) == SCN_INCONC);
  CHECK(static_cast<int>(scn::VerdictKind::Fail) == SCN_FAIL);
  CHECK(static_cast<int>(scn::VerdictKind::Error) == SCN_ERROR);
}
