// The PROTOS c07-sip suite (4,527 INVITEs, case 0 valid, every other one with one
// anomaly), read from the shared corpora: its GROUPS.tsv gives the record format, the
// placeholders and the groups. The PROTOS criterion is robustness: every case is parsed
// as a datagram and framed and parsed as a stream without a crash (the sanitizer builds
// of the fuzz targets catch what a plain build would not) and the valid case still
// parses afterwards. What the parser accepts or rejects in each group is pinned in
// protos_expected.tsv, so a change of behaviour on this suite shows up as a diff.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "msg/msg.h"
#include "support.h"

namespace {

using namespace scn::sip;

struct Group {
  int first = 0;
  int last = 0;
  std::string name;
  bool literal_length = false;  // Content-Length is the test vector: not recomputed
};

std::string protos_dir() { return scn_test::corpus_path("protos-c07-sip"); }

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::istringstream in(line);
  for (std::string cell; std::getline(in, cell, '\t');) cells.push_back(cell);
  return cells;
}

std::vector<Group> read_groups() {
  std::istringstream in(scn_test::read_binary(protos_dir() + "/GROUPS.tsv"));
  std::vector<Group> groups;
  bool header_seen = false;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {  // the column names
      header_seen = true;
      continue;
    }
    const auto cells = split_tabs(line);
    if (cells.size() < 9) continue;
    Group g{std::stoi(cells[0]), std::stoi(cells[1]), cells[3], false};
    g.literal_length = cells[8].find("<Content-Length>") != std::string::npos;
    groups.push_back(g);
  }
  return groups;
}

// The two length-prefixed records of a case file; the INVITE only is used here.
std::string first_record(const std::string& file) {
  const std::size_t space = file.find(' ');
  if (space == std::string::npos || space > 10) return {};
  const std::size_t length = std::stoul(file.substr(0, space));
  return file.substr(space + 1, length);
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

std::string filled_invite(const std::string& record, bool literal_length) {
  std::string text = record;
  replace_all(text, "<To>", "ue@127.0.0.1");
  replace_all(text, "<From>", "protos@127.0.0.2");
  replace_all(text, "<From-Address>", "127.0.0.2");
  replace_all(text, "<From-IP>", "127.0.0.2");
  replace_all(text, "<Local-Port>", "5070");
  replace_all(text, "<Branch-ID>", "a1b2c3d4e5f60718");
  replace_all(text, "<Call-ID>", "0123456789abcdef0123456789abcdef");
  replace_all(text, "<CSeq>", "8000");
  replace_all(text, "<Teardown-Method>", "CANCEL");
  if (!literal_length) {
    // The octets after the first CRLFCRLF; with none (crlf-request), the whole text.
    const std::size_t end = text.find("\r\n\r\n");
    const std::size_t body = end == std::string::npos ? 0 : text.size() - (end + 4);
    replace_all(text, "<Content-Length>", std::to_string(body));
  }
  return text;
}

std::string case_path(int number) {
  char name[16];
  std::snprintf(name, sizeof name, "%07d", number);
  return protos_dir() + "/cases/" + name;
}

// Parses one case both ways; true when the datagram parse accepted it.
bool parse_both_ways(const std::string& invite) {
  const bool datagram = parse(invite, ParseMode::Datagram).ok();
  const FrameResult framed = frame(invite);
  if (framed.status == FrameStatus::Complete)
    (void)parse(std::string_view(invite).substr(framed.skip, framed.length), ParseMode::Stream);
  return datagram;
}

std::string expected_path() { return std::string(SCN_TEST_SOURCE_DIR) + "/msg/protos_expected.tsv"; }

std::map<std::string, std::string> read_expected() {
  std::ifstream in(expected_path());
  std::map<std::string, std::string> expected;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto cells = split_tabs(line);
    if (cells.size() == 2) expected[cells[0]] = cells[1];
  }
  return expected;
}

}  // namespace

TEST_CASE("protos c07-sip: every case parses or is rejected, per group as pinned") {
  const std::vector<Group> groups = read_groups();
  REQUIRE_MESSAGE(!groups.empty(), "PROTOS c07-sip not found under " << protos_dir()
                                       << " (configure with -DSCN_CORPORA_DIR=...)");
  const bool update = std::getenv("SCN_UPDATE_GOLDEN") != nullptr;
  const auto expected = read_expected();
  REQUIRE_MESSAGE((update || !expected.empty()), "msg/protos_expected.tsv is missing or empty");
  std::string golden = "# group\tdatagram parse result (written with SCN_UPDATE_GOLDEN=1)\n";
  int cases = 0;
  for (const Group& g : groups) {
    int accepted = 0;
    for (int n = g.first; n <= g.last; ++n, ++cases) {
      const std::string record = first_record(scn_test::read_binary(case_path(n)));
      REQUIRE_MESSAGE(!record.empty(), "case " << n << " is unreadable");
      accepted += parse_both_ways(filled_invite(record, g.literal_length));
    }
    const int count = g.last - g.first + 1;
    const std::string result =
        "accepted " + std::to_string(accepted) + " of " + std::to_string(count);
    golden += g.name + "\t" + result + "\n";
    INFO("group " << g.name);
    if (update) continue;
    CHECK(expected.count(g.name) == 1);
    if (expected.count(g.name)) CHECK(expected.at(g.name) == result);
  }
  CHECK(cases == 4527);
  if (update) std::ofstream(expected_path()) << golden;
  // Still handles the valid case after all the others.
  const auto valid = parse(filled_invite(first_record(scn_test::read_binary(case_path(0))), false));
  REQUIRE(valid.ok());
  CHECK(valid->method() == "INVITE");
  CHECK(scn_test::round_trip_problem(*valid).empty());
}
