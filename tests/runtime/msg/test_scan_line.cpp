// detail::scan_line, the header section's inner loop: LF, first CR and first ':' of one
// physical line, compared with the obvious octet-by-octet reading at every start offset,
// so that the 16-octet blocks and the scalar tail agree wherever a line ends.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "msg/parser.h"

using scn::sip::detail::LineScan;
using scn::sip::detail::scan_line;

namespace {

constexpr std::size_t kNone = std::string_view::npos;

LineScan reference(std::string_view s, std::size_t pos) {
  LineScan out;
  std::size_t lf = s.find('\n', pos);
  out.complete = lf != kNone;
  const std::size_t end = out.complete ? lf : s.size();
  out.next = out.complete ? lf + 1 : s.size();
  out.text_end = out.complete && end > pos && s[end - 1] == '\r' ? end - 1 : end;
  const std::string_view text = s.substr(pos, out.text_end - pos);
  out.colon = text.find(':') == kNone ? kNone : pos + text.find(':');
  out.bare_cr = text.find('\r') != kNone;
  return out;
}

void same(std::string_view s, std::size_t pos) {
  const LineScan got = scan_line(s, pos), want = reference(s, pos);
  INFO("input size " << s.size() << ", pos " << pos);
  CHECK(got.complete == want.complete);
  CHECK(got.text_end == want.text_end);
  if (want.complete) CHECK(got.next == want.next);
  CHECK(got.colon == want.colon);
  CHECK(got.bare_cr == want.bare_cr);
}

}  // namespace

TEST_CASE("msg scan_line: CRLF, LF, colon, bare CR") {
  const std::string_view s = "Via: a\r\nTo:b\nX\rY: z\r\n\r\n";
  LineScan l = scan_line(s, 0);
  CHECK(l.complete);
  CHECK(l.text_end == 6);
  CHECK(l.next == 8);
  CHECK(l.colon == 3);
  CHECK_FALSE(l.bare_cr);
  l = scan_line(s, 8);  // bare LF ends a line too
  CHECK(l.text_end == 12);
  CHECK(l.colon == 10);
  l = scan_line(s, 13);  // CR not followed by LF
  CHECK(l.bare_cr);
  CHECK(l.colon == 16);
  l = scan_line(s, 21);
  CHECK(l.text_end == 21);  // the empty line
  CHECK(l.next == 23);
}

TEST_CASE("msg scan_line: a line without LF, a CR at the very end, a colon after the LF") {
  LineScan l = scan_line("Subject: no end", 0);
  CHECK_FALSE(l.complete);
  CHECK(l.colon == 7);
  l = scan_line("abc\r", 0);  // CR without LF: incomplete, and a bare CR so far
  CHECK_FALSE(l.complete);
  CHECK(l.bare_cr);
  l = scan_line("abcdefghijklmnopqrstuvwxyz\nk: v\r\n", 0);
  CHECK(l.colon == kNone);  // the ':' belongs to the next line
  CHECK(l.next == 27);
  CHECK(scan_line("", 0).text_end == 0);
}

TEST_CASE("msg scan_line: NUL octets are ordinary octets") {
  const std::string s("a\0b:\0c\r\n", 8);
  const LineScan l = scan_line(s, 0);
  CHECK(l.complete);
  CHECK(l.colon == 3);
  CHECK(l.text_end == 6);
  CHECK_FALSE(l.bare_cr);
}

TEST_CASE("msg scan_line: lines ending at and across 16-octet block boundaries") {
  // CR at the last octet of a block and its LF at the first of the next, and every
  // other placement of CR LF, LF, ':' around offsets 15, 16, 31, 32, 47, 48.
  for (std::size_t len = 0; len <= 50; ++len) {
    for (const char* end : {"\r\n", "\n", "\r", ""}) {
      std::string line(len, 'x');
      if (len > 3) line[len / 2] = ':';
      const std::string s = line + end + "next: line\r\n";
      for (std::size_t pos = 0; pos < 3 && pos <= s.size(); ++pos) same(s, pos);
      same(line + end, 0);  // the input ends right after the line
    }
  }
}

TEST_CASE("msg scan_line: agrees with the octet-by-octet reading on random text") {
  std::mt19937 random(16);  // fixed seed: the same inputs every run
  const std::string alphabet("ab :\r\n\t\0", 8);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), length(0, 80);
  for (int round = 0; round < 2000; ++round) {
    std::string s(length(random), 'a');
    for (char& c : s) c = alphabet[pick(random)];
    for (std::size_t pos = 0; pos <= s.size(); pos += 1 + pos % 7) same(s, pos);
  }
}
