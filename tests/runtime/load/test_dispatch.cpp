// The dispatcher's routing without sockets: by Call-ID to the owning channel, a new
// call to a new instance, 503 and strays when there is none, late messages of ended calls.
#include <doctest/doctest.h>

#include <string>

#include "load/load.h"

using namespace scn::load;

namespace {

std::string request(const std::string& method, const std::string& call_id, bool tag) {
  return method + " sip:ss@127.0.0.1 SIP/2.0\r\n"
         "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK" + call_id + method + "\r\n"
         "From: <sip:ue@home1.net>;tag=f\r\n"
         "To: <sip:ss@home1.net>" + (tag ? ";tag=t" : "") + "\r\n"
         "Call-ID: " + call_id + "\r\n"
         "CSeq: 1 " + method + "\r\n"
         "Max-Forwards: 70\r\n"
         "Content-Length: 0\r\n\r\n";
}

struct Fixture {
  Router router;
  Stats stats{Clock::now()};
  std::vector<std::shared_ptr<Channel>> admitted;
  std::size_t room = 2;
  Dispatcher dispatcher{router, stats, [this]() -> std::shared_ptr<Channel> {
                          if (admitted.size() >= room) return nullptr;
                          admitted.push_back(std::make_shared<Channel>());
                          return admitted.back();
                        }};
  scn::net::Address ue = *scn::net::Address::parse("127.0.0.1:5070");
};

}  // namespace

TEST_CASE("load dispatch: a new call gets an instance, its later messages the same one") {
  Fixture f;
  f.dispatcher.route(request("INVITE", "a", false), f.ue);
  REQUIRE(f.admitted.size() == 1);
  f.dispatcher.route(request("INVITE", "a", false), f.ue);  // a retransmission: same call
  f.dispatcher.route(request("BYE", "a", true), f.ue);
  CHECK(f.admitted.size() == 1);
  const auto taken = f.admitted[0]->take();
  REQUIRE(taken.size() == 3);
  CHECK(taken[2].bytes.starts_with("BYE "));
  CHECK(taken[0].source == f.ue);
  CHECK(f.router.find("a") == f.admitted[0]);
}

TEST_CASE("load dispatch: calls apart go to instances apart") {
  Fixture f;
  f.dispatcher.route(request("INVITE", "a", false), f.ue);
  f.dispatcher.route(request("INVITE", "b", false), f.ue);
  REQUIRE(f.admitted.size() == 2);
  f.dispatcher.route(request("BYE", "b", true), f.ue);
  CHECK(f.admitted[0]->take().size() == 1);
  CHECK(f.admitted[1]->take().size() == 2);
}

TEST_CASE("load dispatch: no room answers 503 and counts it; a message of no call is a stray") {
  Fixture f;
  f.room = 0;
  f.dispatcher.route(request("INVITE", "a", false), f.ue);
  f.dispatcher.route(request("BYE", "zz", true), f.ue);  // in no call: not a new one
  f.dispatcher.route("no call id at all\r\n\r\n", f.ue);
  CHECK(f.admitted.empty());
  const auto lines = f.stats.summary(Clock::now());
  REQUIRE(lines.size() >= 2);
  CHECK(lines[1] == "load: 1 new calls answered 503, 2 messages for no call, 0 for calls that had ended");
}

TEST_CASE("load dispatch: a message of an ended call is late, not a new call") {
  Fixture f;
  f.dispatcher.route(request("INVITE", "a", false), f.ue);
  REQUIRE(f.admitted.size() == 1);
  f.router.remove(*f.admitted[0], Clock::now());
  CHECK(f.router.find("a") == nullptr);
  f.dispatcher.route(request("INVITE", "a", false), f.ue);
  CHECK(f.admitted.size() == 1);
  CHECK(f.stats.summary(Clock::now())[1].ends_with("1 for calls that had ended"));
  f.router.prune(Clock::now() + std::chrono::seconds(1));
  CHECK_FALSE(f.router.ended_recently("a"));
}

TEST_CASE("load router: a Call-ID belongs to one channel") {
  Router router;
  auto one = std::make_shared<Channel>(), two = std::make_shared<Channel>();
  CHECK(router.add("x", one));
  CHECK(router.add("x", one));
  CHECK_FALSE(router.add("x", two));
  CHECK(router.find("x") == one);
}

TEST_CASE("load router: ended Call-IDs are late until pruned, in the order they ended") {
  Router router;
  auto one = std::make_shared<Channel>(), two = std::make_shared<Channel>();
  // Longer than a short string's buffer, as real Call-IDs are.
  const std::string first = "a84b4c76e66710@pc33.atlanta.example.com", second = "second-call@192.0.2.4";
  REQUIRE(router.add(first, one));
  REQUIRE(router.add(second, two));
  const Clock::time_point t0 = Clock::now();
  router.remove(*one, t0);
  CHECK(router.find(first) == nullptr);
  CHECK(router.find(second) == two);
  CHECK(router.ended_recently(first));
  CHECK_FALSE(router.ended_recently(second));
  router.remove(*two, t0 + std::chrono::seconds(2));
  // The same Call-ID again (a new call reusing it) ends later: it stays late until then.
  auto three = std::make_shared<Channel>();
  REQUIRE(router.add(first, three));
  router.remove(*three, t0 + std::chrono::seconds(3));
  router.prune(t0 + std::chrono::seconds(1));
  CHECK(router.ended_recently(first));
  CHECK(router.ended_recently(second));
  router.prune(t0 + std::chrono::milliseconds(2500));
  CHECK(router.ended_recently(first));
  CHECK_FALSE(router.ended_recently(second));
  router.prune(t0 + std::chrono::seconds(4));
  CHECK_FALSE(router.ended_recently(first));
  CHECK(router.size() == 0);
}

TEST_CASE("load dispatch: with the caller's address given, others' new calls are strays") {
  Fixture f;
  f.dispatcher.only_from(f.ue);
  f.dispatcher.route(request("INVITE", "a", false), *scn::net::Address::parse("127.0.0.1:6000"));
  CHECK(f.admitted.empty());
  f.dispatcher.route(request("INVITE", "b", false), f.ue);
  CHECK(f.admitted.size() == 1);
  CHECK(f.stats.summary(Clock::now())[1].starts_with("load: 0 new calls answered 503, 1 messages"));
}

TEST_CASE("load channel: its reader is woken when the queue fills, and at once for what waits") {
  Channel channel;
  channel.push({"one", scn::net::Address{}, Clock::now()});
  int wakes = 0;
  channel.set_waker([&] { ++wakes; });
  CHECK(wakes == 1);  // a datagram was waiting
  channel.push({"two", scn::net::Address{}, Clock::now()});
  CHECK(wakes == 1);  // woken already, not yet taken
  CHECK(channel.take().size() == 2);
  channel.push({"three", scn::net::Address{}, Clock::now()});
  CHECK(wakes == 2);
  channel.set_waker(nullptr);
  CHECK(channel.take().size() == 1);
  channel.push({"four", scn::net::Address{}, Clock::now()});
  CHECK(wakes == 2);  // no reader any more
}
