// A retransmission schedule with a deadline: resend after `first`, then at doubling
// intervals (capped when a cap is given) until stopped, and give up at the deadline.
// It drives timers A/B, E/F and G/H of the transactions, the reliable provisional
// responses of RFC 3262 and the 2xx retransmission of RFC 3261 13.3.1.4.
#pragma once

#include <cstddef>
#include <functional>

#include "transport/loop.h"

namespace scn::sip {

class Retransmitter {
public:
  explicit Retransmitter(Loop& loop) : resend_timer_(loop), give_up_timer_(loop) {}
  Retransmitter(const Retransmitter&) = delete;
  Retransmitter& operator=(const Retransmitter&) = delete;

  struct Schedule {
    Millis first = 0;     // first interval; 0: no retransmission, only the deadline
    Millis cap = 0;       // largest interval; 0: keeps doubling
    Millis give_up = 0;   // deadline from start; 0: none
  };

  // Starts over. The callbacks may stop() or destroy the owner of this object only
  // as their last action.
  void start(const Schedule& schedule, std::function<void()> resend,
             std::function<void()> give_up);
  // Stops resending but keeps the deadline running.
  void stop_resending() { resend_timer_.stop(); }
  // From the next retransmission on, resend every `interval` (timer E in Proceeding).
  void hold_interval(Millis interval);
  void stop();
  bool resending() const { return resend_timer_.running(); }
  bool active() const { return resend_timer_.running() || give_up_timer_.running(); }
  std::size_t retransmissions() const { return count_; }

private:
  void arm();

  Timer resend_timer_;
  Timer give_up_timer_;
  Millis interval_ = 0;
  Millis cap_ = 0;
  std::size_t count_ = 0;
  std::function<void()> resend_;
  std::function<void()> give_up_;
};

}  // namespace scn::sip
