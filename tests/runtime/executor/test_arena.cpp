// The arena keeps every value handed to the entry function until the run ends: a value
// must stay where it was, whole and NUL-terminated, whatever is kept after it.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "executor/executor.h"

TEST_CASE("arena: kept values stay in place and intact as blocks fill and grow") {
  scn::Arena arena;
  std::vector<std::string> texts;
  std::vector<scn_str> kept;
  // Sizes around and beyond a block (the first holds 624 octets), empty ones among them.
  for (std::size_t i = 0; i < 400; ++i) {
    const std::size_t size = (i * 37) % 300 + (i % 50 == 0 ? 70000 : 0);
    texts.push_back(std::string(i % 9 == 0 ? 0 : size, static_cast<char>('a' + i % 26)));
    kept.push_back(arena.keep(texts.back()));
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CAPTURE(i);
    REQUIRE(kept[i].len == texts[i].size());
    CHECK(std::string(kept[i].ptr, kept[i].len) == texts[i]);
    CHECK(kept[i].ptr[kept[i].len] == '\0');
  }
}

TEST_CASE("arena: a value is copied, not viewed") {
  scn::Arena arena;
  std::string text = "sip:ue@home1.net";
  const scn_str kept = arena.keep(text);
  text.assign(text.size(), 'x');
  CHECK(std::strcmp(kept.ptr, "sip:ue@home1.net") == 0);
}

TEST_CASE("arena: a value equal to one of the last kept is handed out again, not copied") {
  scn::Arena arena;
  const scn_str address = arena.keep("127.0.0.1:5060");
  const scn_str route = arena.keep("<sip:pcscf.home1.net;lr>");
  CHECK(arena.keep(std::string("127.0.0.1:5060")).ptr == address.ptr);
  CHECK(arena.keep("<sip:pcscf.home1.net;lr>").ptr == route.ptr);
  // A prefix or a longer value is another value.
  const scn_str prefix = arena.keep("127.0.0.1");
  CHECK(prefix.ptr != address.ptr);
  CHECK(std::strcmp(prefix.ptr, "127.0.0.1") == 0);
  CHECK(std::strcmp(arena.keep("127.0.0.1:50601").ptr, "127.0.0.1:50601") == 0);
  // Beyond the last few, an equal value is copied again: still intact.
  for (int i = 0; i < 20; ++i) arena.keep(std::to_string(i));
  const scn_str again = arena.keep("127.0.0.1:5060");
  CHECK(again.ptr != address.ptr);
  CHECK(std::strcmp(again.ptr, "127.0.0.1:5060") == 0);
}
