#include "structure.h"

#include <map>
#include <set>

namespace scn::check {

namespace {

constexpr std::int64_t kWarnAboveMs = 60'000;
constexpr std::int64_t kMaxMs = 600'000;

std::string duration_text(const ast::DurationLit& d) {
  const char* unit = d.unit == ast::TimeUnit::ms ? "ms" : d.unit == ast::TimeUnit::s ? "s" : "min";
  return std::to_string(d.amount) + unit;
}

const ast::SourceLoc& loc_of(const FlatStep& step) {
  return step.via ? step.via->loc : step.step->loc;
}

void check_duration(const ast::OptionalBlock& block, Env& env) {
  const auto* d = std::get_if<ast::DurationLit>(&block.within.node);
  if (!d) return;
  const std::int64_t ms = d->millis();
  const std::string text = duration_text(*d);
  if (ms <= 0) {
    env.report.error(block.within.loc, "an optional window of " + text +
                                           " never waits for the UE: give it a duration "
                                           "such as 3s");
  } else if (ms > kMaxMs) {
    env.report.error(block.within.loc, "an optional window of " + text +
                                           " is too long: the limit is 10min");
  } else if (ms > kWarnAboveMs) {
    env.report.warning(block.within.loc, "an optional window of " + text +
                                             " makes a UE that skips it wait that long; "
                                             "windows are usually a few seconds");
  }
}

}  // namespace

void check_numbering(const Flattened& flat, const std::string& ns, Env& env) {
  std::map<int, const FlatStep*> seen;
  std::set<const ast::StepsRef*> reported;  // one error per reference is enough
  int highest = 0;
  const FlatStep* highest_step = nullptr;
  for (const FlatStep& step : flat.steps) {
    std::optional<int> number;
    for (const StepAddress& a : step.addresses)
      if (a.ns == ns && a.instance == 0) number = a.number;
    if (!number || *number <= 0) continue;
    const bool quiet = step.via && reported.count(step.via);
    auto [it, added] = seen.emplace(*number, &step);
    if (!added && !quiet) {
      env.report.error(loc_of(step), "step number " + std::to_string(*number) +
                                         " is already used at line " +
                                         std::to_string(loc_of(*it->second).line));
      if (step.via) reported.insert(step.via);
    } else if (added && *number < highest && !quiet) {
      env.report.error(loc_of(step), "step " + std::to_string(*number) + " comes after step " +
                                         std::to_string(highest) + " (line " +
                                         std::to_string(loc_of(*highest_step).line) +
                                         "): step numbers must increase");
      if (step.via) reported.insert(step.via);
    }
    if (*number > highest) {
      highest = *number;
      highest_step = &step;
    }
  }
}

void check_windows(const Flattened& flat, Env& env) {
  for (const FlatWindow& w : flat.windows) {
    if (w.via) continue;  // a procedure's windows are checked with the procedure
    check_duration(*w.block, env);
    if (w.empty) {
      env.report.error(w.block->loc, "this optional window has no steps");
      continue;
    }
    const FlatStep& first = flat.steps[w.first];
    if (first.step->direction.from != ast::Role::ue) {
      env.report.error(loc_of(first),
                       "an optional window must start with a message from the UE (UE -> SS): "
                       "its arrival decides whether the window runs, and step " +
                           std::to_string(first.step->number) + " is SS -> UE");
    } else if (first.step->when && !first.via) {
      env.report.error(first.step->when->loc,
                       "the first step of an optional window cannot have a 'when': the "
                       "window runs when that step's message arrives");
    }
  }
}

}  // namespace scn::check
