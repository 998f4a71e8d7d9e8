// frame(): stream framing over split TCP reads.
#include <doctest/doctest.h>

#include <string>

#include "msg/msg.h"

using namespace scn::sip;

namespace {

const std::string kMessage =
    "MESSAGE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h.example;branch=z9hG4bK1\r\n"
    "Content-Length:\r\n 5\r\n\r\nhello";

}  // namespace

TEST_CASE("msg frame: byte-by-byte arrival completes exactly once at the end") {
  const std::string stream = "\r\n\r\n" + kMessage + kMessage;
  std::string buffer;
  std::vector<std::string> messages;
  for (char c : stream) {
    buffer.push_back(c);
    while (true) {
      const auto f = frame(buffer);
      REQUIRE(f.status != FrameStatus::Error);
      if (f.status == FrameStatus::NeedMore) break;
      messages.push_back(buffer.substr(f.skip, f.length));
      buffer.erase(0, f.skip + f.length);
    }
  }
  CHECK(buffer.empty());
  REQUIRE(messages.size() == 2);
  CHECK(messages[0] == kMessage);
  const auto m = parse(messages[1], ParseMode::Stream);
  REQUIRE(m.ok());
  CHECK(m->body() == "hello");
}

TEST_CASE("msg frame: keep-alives") {
  auto f = frame("\r\n\r\n");
  CHECK(f.status == FrameStatus::NeedMore);
  CHECK(f.skip == 4);
  CHECK(f.ping);
  f = frame("\r\n");
  CHECK(f.skip == 2);
  CHECK_FALSE(f.ping);
  f = frame("\r\n" + kMessage);
  CHECK(f.status == FrameStatus::Complete);
  CHECK(f.skip == 2);
  CHECK(f.length == kMessage.size());
}

TEST_CASE("msg frame: Content-Length errors lose the framing") {
  for (const char* cl : {"Content-Length: -1\r\n", "Content-Length: x\r\n", "l: 1\r\nl: 1\r\n", ""}) {
    INFO(cl);
    const auto f = frame(std::string("OPTIONS sip:a@b SIP/2.0\r\n") + cl + "\r\n");
    CHECK(f.status == FrameStatus::Error);
    CHECK(f.reason.find("Content-Length") != std::string::npos);
  }
}

TEST_CASE("msg frame: limits") {
  Limits limits;
  limits.max_message = 100;
  CHECK(frame("OPTIONS sip:a@b SIP/2.0\r\nl: 500\r\n\r\n", limits).status == FrameStatus::Error);
  CHECK(frame(std::string(200, 'A'), limits).status == FrameStatus::Error);
  limits = Limits{};
  limits.max_line = 10;
  CHECK(frame("OPTIONS sip:a@b SIP/2.0\r\n", limits).status == FrameStatus::Error);
  CHECK(frame("OPTIONS sip:a@b SIP/2.0\r\nl: 3\r\n\r\nab").status == FrameStatus::NeedMore);
}
