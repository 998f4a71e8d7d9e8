#include "transaction/transaction.h"

namespace scn::sip {

void Retransmitter::start(const Schedule& schedule, std::function<void()> resend,
                          std::function<void()> give_up) {
  stop();
  interval_ = schedule.first;
  cap_ = schedule.cap;
  count_ = 0;
  resend_ = std::move(resend);
  give_up_ = std::move(give_up);
  // The deadline is armed first so that, when both fall due together, it wins: no
  // retransmission at the very moment of giving up.
  if (schedule.give_up > 0)
    give_up_timer_.start(schedule.give_up, [this] {
      resend_timer_.stop();
      auto give_up = give_up_;
      if (give_up) give_up();
    });
  if (interval_ > 0) arm();
}

void Retransmitter::arm() {
  resend_timer_.start(interval_, [this] {
    ++count_;
    interval_ = TimerConfig::doubled(interval_, cap_);
    arm();  // re-armed before resending, so the callback may stop() us
    auto resend = resend_;
    if (resend) resend();
  });
}

void Retransmitter::hold_interval(Millis interval) {
  cap_ = interval;
  // The pending retransmission keeps its time; the ones after it use `interval`.
  interval_ = interval;
}

void Retransmitter::stop() {
  resend_timer_.stop();
  give_up_timer_.stop();
}

}  // namespace scn::sip
