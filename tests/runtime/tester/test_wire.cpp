// The ctrl_tcp wire format: netstrings and the JSON object reader and writer.
#include <doctest/doctest.h>

#include <string>

#include "tester/tester.h"

using namespace scn::tester::ctrl;

namespace {

std::string frame_error(std::string_view buffer, std::size_t max = max_frame) {
  auto frame = take_netstring(buffer, max);
  REQUIRE_FALSE(frame.ok());
  return frame.reason();
}

std::string json_error(std::string_view text) {
  auto object = parse_json_object(text);
  REQUIRE_FALSE(object.ok());
  return object.reason();
}

}  // namespace

TEST_CASE("tester wire: a netstring is its length, a colon, the bytes and a comma") {
  CHECK(netstring("hello") == "5:hello,");
  CHECK(netstring("") == "0:,");
  CHECK(netstring(R"({"a":1})") == R"(7:{"a":1},)");
}

TEST_CASE("tester wire: netstrings are taken one at a time from a buffer") {
  const std::string buffer = "5:hello,0:,3:abc,";
  auto first = take_netstring(buffer);
  REQUIRE(first);
  CHECK(first->payload == "hello");
  CHECK(first->size == 8);
  auto second = take_netstring(std::string_view(buffer).substr(8));
  REQUIRE(second);
  CHECK(second->payload == "");
  CHECK(second->size == 3);
  auto third = take_netstring(std::string_view(buffer).substr(11));
  REQUIRE(third);
  CHECK(third->payload == "abc");
}

TEST_CASE("tester wire: every proper prefix of a netstring asks for more") {
  const std::string whole = "12:hello, world,";
  for (std::size_t n = 0; n < whole.size(); ++n) {
    auto frame = take_netstring(std::string_view(whole).substr(0, n));
    REQUIRE_MESSAGE(frame.ok(), n, ": ", frame.reason());
    CHECK_MESSAGE(frame->size == 0, n);
  }
  auto frame = take_netstring(whole);
  REQUIRE(frame);
  CHECK(frame->payload == "hello, world");
  CHECK(frame->size == whole.size());
}

TEST_CASE("tester wire: malformed netstrings are errors") {
  CHECK(frame_error(":abc,") == "netstring: no length at the start of a frame");
  CHECK(frame_error("x") == "netstring: no length at the start of a frame");
  CHECK(frame_error("5x") == "netstring: length not followed by ':'");
  CHECK(frame_error("05:hello,") == "netstring: length with a leading zero");
  CHECK(frame_error("00:") == "netstring: length with a leading zero");
  CHECK(frame_error("5:hello;") == "netstring: frame of 5 bytes not ended by ','");
  CHECK(frame_error("1:ab") == "netstring: frame of 1 bytes not ended by ','");
  CHECK(take_netstring("5:hello;").error().offset == 7);
}

TEST_CASE("tester wire: an oversized netstring is an error as soon as its length is read") {
  CHECK(frame_error("2000000:", max_frame) ==
        "netstring: frame of 2000000 bytes exceeds the limit of 1048576");
  CHECK(frame_error("11:", 10) == "netstring: frame of 11 bytes exceeds the limit of 10");
  CHECK(frame_error("100", 10) == "netstring: length longer than the limit of 10 bytes");
  CHECK(frame_error("99999999") == "netstring: length longer than the limit of 1048576 bytes");
  auto at_limit = take_netstring("10:0123456789,", 10);
  REQUIRE(at_limit);
  CHECK(at_limit->payload == "0123456789");
}

TEST_CASE("tester wire: JSON object members by type") {
  auto object = parse_json_object(
      R"( {"response":true,"ok":false,"data":"no call\n","token":"t1","n":-12.5e+3,)"
      R"("z":null,"nested":{"a":[1,{"b":"}"}],"c":"]"},"list":[[],{}, "x"]} )");
  REQUIRE_MESSAGE(object.ok(), object.reason());
  const auto& m = object.value();
  CHECK(m.size() == 8);
  CHECK(m.at("response").type == JsonType::boolean);
  CHECK(m.at("response").boolean);
  CHECK_FALSE(m.at("ok").boolean);
  CHECK(m.at("data").type == JsonType::string);
  CHECK(m.at("data").text == "no call\n");
  CHECK(m.at("token").text == "t1");
  CHECK(m.at("n").type == JsonType::number);
  CHECK(m.at("n").text == "-12.5e+3");
  CHECK(m.at("z").type == JsonType::null);
  CHECK(m.at("nested").type == JsonType::object);
  CHECK(m.at("list").type == JsonType::array);
  auto empty = parse_json_object("{}");
  REQUIRE(empty);
  CHECK(empty->empty());
}

TEST_CASE("tester wire: JSON string escapes, \\u and surrogate pairs") {
  auto object = parse_json_object(
      R"({"s":"q\" b\\ s\/ \b\f\n\r\t","u":"caf\u00e9 \u20AC \ud83d\ude00","raw":"café"})");
  REQUIRE_MESSAGE(object.ok(), object.reason());
  CHECK(object->at("s").text == "q\" b\\ s/ \b\f\n\r\t");
  CHECK(object->at("u").text == "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(object->at("raw").text == "caf\xC3\xA9");
}

TEST_CASE("tester wire: malformed JSON is an error with its offset") {
  CHECK(json_error("") == "JSON offset 0: not a JSON object");
  CHECK(json_error("[1]") == "JSON offset 0: not a JSON object");
  CHECK(json_error(R"({"a":1} x)") == "JSON offset 8: text after the object");
  CHECK(json_error(R"({"a":1,})") == "JSON offset 7: member name expected");
  CHECK(json_error(R"({"a" 1})") == "JSON offset 5: expected ':'");
  CHECK(json_error(R"({"a":1 "b":2})") == "JSON offset 7: expected '}'");
  CHECK(json_error(R"({"a":[1,]})") == "JSON offset 8: unexpected ']'");
  CHECK(json_error(R"({"a":"x)") == "JSON offset 7: unterminated string");
  CHECK(json_error("{\"a\":\"x\ny\"}") == "JSON offset 7: control character in a string");
  CHECK(json_error(R"({"a":"\x"})") == "JSON offset 7: bad escape '\\x'");
  CHECK(json_error(R"({"a":"\u12G4"})") == "JSON offset 10: \\u needs four hex digits");
  CHECK(json_error(R"({"a":"\udc00"})") == "JSON offset 12: lone low surrogate");
  CHECK(json_error(R"({"a":"\ud83d"})") == "JSON offset 12: high surrogate without its low half");
  CHECK(json_error(R"({"a":tru})") == "JSON offset 5: unknown literal");
  CHECK(json_error(R"({"a":01})") == "JSON offset 6: expected '}'");
  CHECK(json_error(R"({"a":1.})") == "JSON offset 7: digit expected in a number");
  CHECK(json_error(R"({"a":-})") == "JSON offset 6: digit expected in a number");
  CHECK(json_error(R"({"a":1e})") == "JSON offset 7: digit expected in a number");
  CHECK(json_error(R"({"a":+1})") == "JSON offset 5: unexpected '+'");
  CHECK(json_error(R"({"a":1,"a":2})") == "JSON offset 7: duplicate member \"a\"");
  CHECK(json_error(R"({"a":)") == "JSON offset 5: value expected, text ended");
}

TEST_CASE("tester wire: JSON nesting is bounded") {
  std::string ok = R"({"a":)" + std::string(30, '[') + std::string(30, ']') + "}";
  CHECK(parse_json_object(ok).ok());
  std::string deep = R"({"a":)" + std::string(40, '[') + std::string(40, ']') + "}";
  CHECK(json_error(deep) == "JSON offset 36: nested deeper than 32");
  std::string very_deep = R"({"a":)" + std::string(100000, '[');
  CHECK_FALSE(parse_json_object(very_deep).ok());
}

TEST_CASE("tester wire: JSON written escapes what it must and reads back") {
  CHECK(json_string("plain") == R"("plain")");
  CHECK(json_string("q\"b\\") == R"("q\"b\\")");
  CHECK(json_string("a\nb\tc\x01\x1f") == R"("a\nb\tc\u0001\u001f")");
  CHECK(json_string("caf\xC3\xA9") == "\"caf\xC3\xA9\"");
  const std::string written =
      json_object({{"command", "dial"}, {"params", "sip:a b \"q\"\n"}, {"token", "t1"}});
  CHECK(written == R"({"command":"dial","params":"sip:a b \"q\"\n","token":"t1"})");
  auto back = parse_json_object(written);
  REQUIRE(back);
  CHECK(back->at("params").text == "sip:a b \"q\"\n");
  CHECK(json_object({}) == "{}");
}
