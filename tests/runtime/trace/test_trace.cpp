// Traces: header lines, the console flow, the file, timestamps.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "trace/trace.h"

using namespace std::string_literals;
using scn::Direction;
using scn::Trace;
using scn::TraceEntry;

namespace {

const std::string k183 =
    "SIP/2.0 183 Session Progress\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK1\r\n"
    "cseq:  5   INVITE\r\nContent-Length: 0\r\n\r\n";
const std::string kInvite =
    "INVITE sip:mmtel@conf-factory.home1.net SIP/2.0\r\nCSeq: 5 INVITE\r\n\r\n";

}  // namespace

TEST_CASE("header lines carry time and step and direction and transport and addresses") {
  TraceEntry e{123, Direction::SsToUe, "udp", "127.0.0.1:5060", "127.0.0.1:5061", "3", k183, ""};
  CHECK(scn::header_line(e) == "[  0.123] step 3  SS -> UE  udp 127.0.0.1:5060 -> 127.0.0.1:5061");
  e.ms = 61005;
  e.step.clear();
  e.direction = Direction::UeToSs;
  e.note = "retransmission";
  CHECK(scn::header_line(e) ==
        "[ 61.005] step -  UE -> SS  udp 127.0.0.1:5060 -> 127.0.0.1:5061  (retransmission)");
}

TEST_CASE("flow lines summarise each message") {
  TraceEntry e{0, Direction::SsToUe, "udp", "a", "b", "3", k183, ""};
  CHECK(scn::flow_line(e) == "  3  SS -> UE  183 Session Progress (INVITE)");
  e.raw = kInvite;
  e.direction = Direction::UeToSs;
  e.step = "A.15.1:1";
  CHECK(scn::flow_line(e) == "A.15.1:1  UE -> SS  INVITE sip:mmtel@conf-factory.home1.net");
  CHECK(scn::summarize("") == "(empty)");
  CHECK(scn::summarize("SIP/2.0 200 OK\r\n\r\n") == "200 OK");
  CHECK(scn::summarize("SIP/2.0 100 \r\n\r\n") == "100");
  CHECK(scn::summarize(std::string(300, 'x')).size() == 120);
}

// A NUL or escape byte in a received start line or note stays visible and on one line.
TEST_CASE("flow and header lines escape control bytes of received text") {
  const std::string nul_invite = "INVITE sip:a\0b@h SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n"s;
  TraceEntry e{0, Direction::UeToSs, "udp", "a", "b", "1", nul_invite, ""};
  CHECK(scn::flow_line(e) == "  1  UE -> SS  INVITE sip:a\\x00b@h");
  e.note = "malformed: \x1b[31m\0"s;
  CHECK(scn::header_line(e) == "[  0.000] step 1  UE -> SS  udp a -> b  (malformed: \\x1b[31m\\x00)");
  CHECK(scn::summarize("SIP/2.0 200 O\x7fK\r\n\r\n") == "200 O\\x7fK");
}

TEST_CASE("a trace records in order with monotonic timestamps and writes a readable file") {
  Trace trace(Trace::Clock::now() - std::chrono::milliseconds(250));
  const TraceEntry& first =
      trace.record(Direction::UeToSs, "udp", "127.0.0.1:5061", "127.0.0.1:5060", "1", kInvite);
  CHECK(first.ms >= 250);
  trace.record(Direction::SsToUe, "udp", "127.0.0.1:5060", "127.0.0.1:5061", "3", k183);
  REQUIRE(trace.entries().size() == 2);
  CHECK(trace.entries()[1].ms >= trace.entries()[0].ms);
  CHECK(trace.flow() ==
        "  1  UE -> SS  INVITE sip:mmtel@conf-factory.home1.net\n"
        "  3  SS -> UE  183 Session Progress (INVITE)\n");

  std::ostringstream out;
  trace.write(out);
  const std::string text = out.str();
  CHECK(text.find("step 1  UE -> SS  udp 127.0.0.1:5061 -> 127.0.0.1:5060\n"
                  "INVITE sip:mmtel@conf-factory.home1.net SIP/2.0\nCSeq: 5 INVITE\n") !=
        std::string::npos);
  CHECK(text.find("\r") == std::string::npos);
  CHECK(text.find("step 3  SS -> UE") > text.find("step 1  UE -> SS"));

  char path[] = "/tmp/scn-trace-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  CHECK(trace.write_file(path).ok());
  std::ifstream in(path, std::ios::binary);
  std::ostringstream file;
  file << in.rdbuf();
  CHECK(file.str() == text);
  std::remove(path);

  const auto unwritable = trace.write_file("/nonexistent-dir/trace.txt");
  CHECK_FALSE(unwritable.ok());
  CHECK(unwritable.reason().find("/nonexistent-dir/trace.txt") != std::string::npos);
}

TEST_CASE("prepared entries keep their time") {
  Trace trace;
  trace.add({42, Direction::SsToUe, "tcp", "[::1]:5060", "[::1]:5061", "7", "BYE sip:a@b SIP/2.0\r\n\r\n", ""});
  CHECK(scn::header_line(trace.entries()[0]) == "[  0.042] step 7  SS -> UE  tcp [::1]:5060 -> [::1]:5061");
  CHECK(scn::to_string(Direction::UeToSs) == "UE -> SS");
}

TEST_CASE("flow and header lines name the parties of test cases that declare them") {
  TraceEntry e{7, Direction::UeToSs, "udp", "127.0.0.1:5080", "127.0.0.1:5062", "12",
               "BYE sip:focus@home1.net SIP/2.0\r\n\r\n", "", "UE2 -> FOCUS"};
  CHECK(scn::flow_line(e) == " 12  UE2 -> FOCUS  BYE sip:focus@home1.net");
  CHECK(scn::header_line(e) ==
        "[  0.007] step 12  UE2 -> FOCUS  udp 127.0.0.1:5080 -> 127.0.0.1:5062");
}
