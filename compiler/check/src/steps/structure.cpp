#include "structure.h"

#include <algorithm>
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

// A message a party under test sends (unknown parties are reported elsewhere).
bool received(const FlatStep& step, const PartyNames& parties) {
  if (step.step->action || step.step->media || step.step->wait) return false;
  const auto& played = parties.played;
  return std::find(played.begin(), played.end(), step.from) == played.end();
}

// "SS -> UE", "an action of the upper tester".
std::string what_step(const FlatStep& step) {
  if (step.step->action) return "an action of the upper tester";
  if (step.step->media) return "a media step";
  if (step.step->wait) return "a wait step";
  return step.from + " -> " + step.to;
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

namespace {

// Where a step's number sits: steps in different branches of one `either` may share a
// number, and each branch numbers on from the steps before the block.
struct Numbering {
  std::map<int, const FlatStep*> seen;
  int highest = 0;
  const FlatStep* highest_step = nullptr;
  std::optional<std::size_t> group;  // the either group being numbered
  std::size_t branch = 0;
  int base = 0;                      // highest before the group
  const FlatStep* base_step = nullptr;
  int group_highest = 0;
  const FlatStep* group_highest_step = nullptr;
};

bool in_either(const FlatStep& step, const Flattened& flat) {
  return step.group && flat.groups[*step.group].kind == GroupKind::either;
}

void enter(const FlatStep& step, const Flattened& flat, Numbering& n) {
  const std::optional<std::size_t> group = in_either(step, flat) ? step.group : std::nullopt;
  if (n.group && group != n.group) {  // the group ended: go on above all its branches
    n.highest = n.group_highest;
    n.highest_step = n.group_highest_step;
  }
  if (group && group != n.group) {
    n.base = n.group_highest = n.highest;
    n.base_step = n.group_highest_step = n.highest_step;
    n.branch = step.branch;
  } else if (group && step.branch != n.branch) {  // a new branch numbers from the base
    n.highest = n.base;
    n.highest_step = n.base_step;
    n.branch = step.branch;
  }
  n.group = group;
}

// Two steps of different branches of one either: never both run.
bool exclusive(const FlatStep& a, const FlatStep& b, const Flattened& flat) {
  return in_either(a, flat) && a.group == b.group && a.branch != b.branch;
}

}  // namespace

void check_numbering(const Flattened& flat, const std::string& ns, Env& env) {
  std::set<const ast::StepsRef*> reported;  // one error per reference is enough
  Numbering n;
  for (const FlatStep& step : flat.steps) {
    std::optional<int> number;
    for (const StepAddress& a : step.addresses)
      if (a.ns == ns && a.instance == 0) number = a.number;
    if (!number || *number <= 0) continue;
    enter(step, flat, n);
    const bool quiet = step.via && reported.count(step.via);
    auto [it, added] = n.seen.emplace(*number, &step);
    const bool shared = !added && exclusive(*it->second, step, flat);
    if (!added && !shared && !quiet) {
      env.report.error(loc_of(step), "step number " + std::to_string(*number) +
                                         " is already used at line " +
                                         std::to_string(loc_of(*it->second).line));
      if (step.via) reported.insert(step.via);
    } else if ((added || shared) && *number < n.highest && !quiet) {
      env.report.error(loc_of(step), "step " + std::to_string(*number) + " comes after step " +
                                         std::to_string(n.highest) + " (line " +
                                         std::to_string(loc_of(*n.highest_step).line) +
                                         "): step numbers must increase");
      if (step.via) reported.insert(step.via);
    }
    if (*number > n.highest) {
      n.highest = *number;
      n.highest_step = &step;
    }
    if (n.group && *number > n.group_highest) {
      n.group_highest = *number;
      n.group_highest_step = &step;
    }
  }
}

void check_windows(const Flattened& flat, const PartyNames& parties, Env& env) {
  for (const FlatWindow& w : flat.windows) {
    if (w.via) continue;  // a procedure's windows are checked with the procedure
    check_duration(*w.block, env);
    if (w.empty) {
      env.report.error(w.block->loc, "this optional window has no steps");
      continue;
    }
    const FlatStep& first = flat.steps[w.first];
    if (!received(first, parties)) {
      env.report.error(loc_of(first),
                       "an optional window must start with a message from the UE (UE -> SS): "
                       "its arrival decides whether the window runs, and step " +
                           std::to_string(first.step->number) + " is " + what_step(first));
    } else if (first.step->when && !first.via) {
      env.report.error(first.step->when->loc,
                       "the first step of an optional window cannot have a 'when': the "
                       "window runs when that step's message arrives");
    }
  }
}

namespace {

std::string group_rule(bool either, const FlatStep& step) {
  const std::string which = "step " + std::to_string(step.step->number) + " is " + what_step(step);
  return either ? "each branch of 'either' must start with a message from a party under test: "
                  "its arrival picks the branch, and " + which
                : "'in any order' holds messages from parties under test only, and " + which;
}

// A reference that reuses part of a procedure's block: the rules hold for what it keeps.
void check_reused_group(const FlatGroup& g, const Flattened& flat, const PartyNames& parties,
                        Env& env) {
  const bool either = g.kind == GroupKind::either;
  for (const FlatRange& r : g.branches) {
    if (r.empty) continue;  // a branch the reference leaves out entirely
    for (std::size_t i = r.first; i <= r.last; ++i) {
      if ((either && i != r.first) || received(flat.steps[i], parties)) continue;
      env.report.error(g.via->loc, "this reference cuts a block of procedure " +
                                       g.via->procedure.value + ": " +
                                       group_rule(either, flat.steps[i]));
      return;
    }
  }
}

}  // namespace

void check_groups(const Flattened& flat, const PartyNames& parties, Env& env) {
  for (const FlatGroup& g : flat.groups) {
    if (g.via) {  // the procedure's check saw the whole block
      check_reused_group(g, flat, parties, env);
      continue;
    }
    const bool either = g.kind == GroupKind::either;
    const std::string what = either ? "'either'" : "'in any order'";
    for (std::size_t b = 0; b < g.branches.size(); ++b) {
      const FlatRange& r = g.branches[b];
      if (r.empty) {
        env.report.error(g.branch_locs.at(b), either ? "this branch of 'either' has no steps"
                                                     : "this 'in any order' block has no steps");
        continue;
      }
      for (std::size_t i = r.first; i <= r.last; ++i) {
        const FlatStep& step = flat.steps[i];
        if (step.step->when && !step.via)
          env.report.error(step.step->when->loc, "a step inside " + what + " cannot have a "
                                                 "'when': the block decides which steps run");
        if ((!either || i == r.first) && !received(step, parties))
          env.report.error(loc_of(step), group_rule(either, step));
      }
    }
  }
}

}  // namespace scn::check
