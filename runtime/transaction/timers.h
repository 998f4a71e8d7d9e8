// RFC 3261 timer values (section 17 and table 4), derived from configurable T1, T2 and T4.
#pragma once

#include <string_view>

#include "transport/timer_queue.h"

namespace scn::sip {

// The named timers of RFC 3261 section 17, plus the retransmission of reliable provisional
// responses (RFC 3262) and of a UAS's 2xx to INVITE (RFC 3261 13.3.1.4).
enum class TimerName { A, B, D, E, F, G, H, I, J, K, Reliable1xx, Retransmit2xx };

std::string_view to_string(TimerName name);

struct TimerConfig {
  Millis t1 = 500;   // RTT estimate
  Millis t2 = 4000;  // maximum retransmit interval for non-INVITE requests and INVITE responses
  Millis t4 = 5000;  // maximum time a message stays in the network

  Millis a() const { return t1; }  // first INVITE retransmission; doubles without a cap
  Millis b() const { return 64 * t1; }
  Millis d(bool reliable) const { return reliable ? 0 : (32000 > b() ? 32000 : b()); }
  Millis e() const { return t1; }  // first non-INVITE retransmission; doubles up to T2
  Millis f() const { return 64 * t1; }
  Millis g() const { return t1; }  // first final-response retransmission; doubles up to T2
  Millis h() const { return 64 * t1; }
  Millis i(bool reliable) const { return reliable ? 0 : t4; }
  Millis j(bool reliable) const { return reliable ? 0 : 64 * t1; }
  Millis k(bool reliable) const { return reliable ? 0 : t4; }

  // The next interval of a doubling retransmission timer, capped at `cap` when positive.
  static Millis doubled(Millis interval, Millis cap) {
    Millis next = interval * 2;
    return cap > 0 && next > cap ? cap : next;
  }
};

}  // namespace scn::sip
