#include "flow.h"
#include "offers.h"

#include <algorithm>

#include "exprs/builtins.h"

namespace scn::check {

namespace {

void collect_captures(const std::vector<ast::Assignment>& rows, std::set<std::string>& into) {
  for (const auto& row : rows)
    if (row.value.capture) into.insert(row.value.capture->name);
}

// The names a step stores, read from its rows, its exceptions and its default message.
std::set<std::string> captures_of(const FlatStep& flat, const Scope& scope) {
  std::set<std::string> out;
  if (flat.step->except) collect_captures(flat.step->except->rows, out);
  for (const auto* e : flat.exceptions) collect_captures(e->rows, out);
  if (flat.step->use) {
    auto it = scope.defaults.find(flat.step->use->name.value);
    if (it != scope.defaults.end()) {
      collect_captures(it->second->rows, out);
      for (const auto& block : it->second->conditional_rows) collect_captures(block.rows, out);
    }
  }
  return out;
}

}  // namespace

Testcase check_flow(const Flattened& flat, FlowMode mode, const std::string& ns,
                    const std::vector<Party>& parties, bool declared, Env& env) {
  return Flow(flat, mode, ns, parties, declared, env).run();
}

Flow::Flow(const Flattened& flat, FlowMode mode, std::string ns, const std::vector<Party>& parties,
           bool declared, Env& env)
    : flat_(flat), mode_(mode), ns_(std::move(ns)), parties_(parties), declared_(declared),
      env_(env) {
  // Without declared parties dialog 0 is the implicit dialog of UE and SS from the start;
  // with them it goes to the first pair of parties that needs an implicit dialog.
  dialogs_.push_back(Dialog{});
  if (!declared_) dialogs_[0].parties = std::pair<std::size_t, std::size_t>{0, 1};
  // Indexes, so that lookups stay cheap in long flows.
  for (std::size_t i = 0; i < flat_.steps.size(); ++i) {
    for (const std::string& name : captures_of(flat_.steps[i], env_.scope))
      storers_[name].push_back(i);
    for (const StepAddress& a : flat_.steps[i].addresses) {
      auto& list = numbered_[a.number];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }
}

Testcase Flow::run() {
  for (current_ = 0; current_ < flat_.steps.size(); ++current_) {
    enter_branch(current_);
    check_step(current_);
  }
  // A procedure's offers are judged in the test cases that run it, with their exceptions.
  if (mode_ == FlowMode::testcase) check_offers(steps_, env_);
  Testcase out;
  out.steps = std::move(steps_);
  out.dialogs = std::move(dialogs_);
  out.slots = std::move(slots_);
  for (const FlatWindow& w : flat_.windows) {
    if (w.empty) continue;
    Window window;
    window.loc = w.block->loc;
    if (const auto* d = std::get_if<ast::DurationLit>(&w.block->within.node))
      window.within_ms = d->millis();
    if (w.block->comment) window.comment = w.block->comment->value;
    window.first = w.first;
    window.last = w.last;
    out.windows.push_back(window);
  }
  for (const FlatGroup& g : flat_.groups) {
    Group group{g.loc, g.kind, g.comment ? g.comment->value : "", {}};
    for (const FlatRange& r : g.branches)
      if (!r.empty) group.branches.push_back(StepRange{r.first, r.last});
    out.groups.push_back(std::move(group));
  }
  return out;
}

// Each branch of an either starts from the state before the block: requests answered in
// one branch are still open in the next. After the block the last branch's state holds.
void Flow::enter_branch(std::size_t index) {
  const FlatStep& f = flat_.steps[index];
  if (!f.group || flat_.groups[*f.group].kind != GroupKind::either) return;
  if (flat_.groups[*f.group].branches.at(f.branch).first != index) return;
  auto [it, first] = snapshots_.try_emplace(*f.group, Snapshot{open_, dialog_names_});
  if (first) return;
  open_ = it->second.open;
  dialog_names_ = it->second.dialog_names;
}

bool Flow::exclusive(std::size_t a, std::size_t b) const {
  const FlatStep& x = flat_.steps[a];
  const FlatStep& y = flat_.steps[b];
  return x.group && x.group == y.group && x.branch != y.branch &&
         flat_.groups[*x.group].kind == GroupKind::either;
}

bool Flow::unordered(std::size_t a, std::size_t b) const {
  const FlatStep& x = flat_.steps[a];
  const FlatStep& y = flat_.steps[b];
  return a != b && x.group && x.group == y.group &&
         flat_.groups[*x.group].kind == GroupKind::any_order;
}

std::string Flow::current_label() const {
  const FlatStep& f = current();
  const std::string number = std::to_string(f.step->number);
  return f.procedure.empty() || f.procedure == ns_ ? number : number + " of " + f.procedure;
}

void Flow::flow_error(const ast::SourceLoc& loc, const std::string& message,
                      const std::string& in_reference) {
  const FlatStep& f = current();
  if (!f.via) {
    env_.report.error(loc, message);
  } else if (!in_reference.empty()) {
    env_.report.error(f.via->loc, in_reference);
  }
}

MessageShape Flow::shape_of(std::size_t index) const {
  const Step& s = steps_[index];
  return MessageShape{s.is_request, s.method, s.status};
}

}  // namespace scn::check
