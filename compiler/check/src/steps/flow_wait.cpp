// wait DURATION: the test case lets time pass. Where a wait may stand (not first in a
// window or in a branch of either, not in any order) is checked with the block
// structure (structure.cpp); its duration here.
#include "flow.h"
#include "scn/ast/text.h"

namespace scn::check {

namespace {

constexpr std::int64_t kMaxWaitMs = 600'000;

}  // namespace

void Flow::check_wait(const ast::Step& step, Step out) {
  const ast::Wait& wait = *step.wait;
  out.is_request = false;
  out.direction = Direction::ss_to_ue;  // the SS's own doing, as an action's
  std::int64_t ms = 0;
  const auto* d = wait.duration ? std::get_if<ast::DurationLit>(&wait.duration->node) : nullptr;
  if (d) {
    ms = d->millis();
    if (ms <= 0)
      flow_error(wait.duration->loc, "a wait of " + ast::expr_text(*wait.duration) +
                                         " lets no time pass: give a duration such as 2s", "");
    else if (ms > kMaxWaitMs)
      flow_error(wait.duration->loc, "a wait of " + ast::expr_text(*wait.duration) +
                                         " is too long: the limit is 10min", "");
  }
  out.wait_ms = ms;
  out.dialog = 0;
  steps_.push_back(std::move(out));
  steps_.back().when = step_condition(step.when);
}

}  // namespace scn::check
