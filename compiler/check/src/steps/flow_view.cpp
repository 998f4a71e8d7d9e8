// What expressions see of the flow (FlowView): earlier steps by number, the request a
// response answers, dialogs by name and stored values, as far as they surely exist at
// the current step (not in another branch of an either, not in the same any-order block).
#include <algorithm>

#include "flow.h"

namespace scn::check {

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

// A step numbered `number` written directly in procedure `name` (any depth of blocks).
bool writes_step(const std::vector<ast::StepItem>& items, int number) {
  for (const auto& item : items) {
    if (const auto* s = std::get_if<ast::Step>(&item.node))
      if (s->number == number) return true;
    for (const auto* block : item.blocks())
      if (writes_step(*block, number)) return true;
  }
  return false;
}

}  // namespace

std::optional<StepTarget> Flow::step_ref(const std::string& procedure, std::int64_t number,
                                         const ast::SourceLoc& loc) {
  const FlatStep& f = current();
  const bool own = procedure.empty();
  const std::string ns = own ? f.procedure : procedure;
  const int n = static_cast<int>(number);
  auto matches = [&](const FlatStep& s) {
    return own ? s.has_address(ns, n, f.instance) : s.has_address(ns, n, std::nullopt);
  };
  static const std::vector<std::size_t> none;
  auto numbered = numbered_.find(n);
  const auto& candidates = numbered == numbered_.end() ? none : numbered->second;
  const auto split = std::lower_bound(candidates.begin(), candidates.end(), current_);
  const std::string label = (own ? "" : procedure + ":") + std::to_string(number);
  bool other_branch = false;
  for (auto it = split; it != candidates.begin();) {
    --it;
    if (!matches(flat_.steps[*it])) continue;
    if (exclusive(*it, current_)) {
      other_branch = true;
      continue;
    }
    return target_of(*it, label, loc);
  }
  if (other_branch) {
    flow_error(loc, "step " + label + " is in another branch of this 'either': only one "
                    "branch runs", "");
    return std::nullopt;
  }
  for (auto it = split; it != candidates.end(); ++it) {
    const std::size_t i = *it;
    if (!matches(flat_.steps[i])) continue;
    flow_error(loc, "step(" + label + ") refers to " +
                        (i == current_ ? "this same step" : "a later step") +
                        ": only earlier steps can be read", "");
    return std::nullopt;
  }
  std::string hint;
  for (std::size_t i : candidates)
    for (const StepAddress& a : flat_.steps[i].addresses)
      if (own && a.number == n && !a.ns.empty() && a.ns != ns && hint.empty())
        hint = "; step " + label + " of " + a.ns + " is step(" + a.ns + ":" + label + ")";
  std::string in_reference;
  if (f.via && own) {
    auto proc = env_.scope.procedures.find(f.procedure);
    if (proc != env_.scope.procedures.end() && writes_step(proc->second->items, n))
      in_reference = "step " + current_label() + " reads step(" + label +
                     "), which this reference leaves out";
  }
  flow_error(loc, "there is no step " + label +
                      (own && ns_.empty() ? " in this test case" : "") + hint, in_reference);
  return std::nullopt;
}

// An earlier step, when it has a message that has surely come by the current step.
std::optional<StepTarget> Flow::target_of(std::size_t index, const std::string& label,
                                          const ast::SourceLoc& loc) {
  if (unordered(index, current_)) {
    flow_error(loc, "step " + label + " is in the same 'in any order' block: its message "
                    "may arrive after this one", "");
    return std::nullopt;
  }
  if (steps_[index].action) {
    flow_error(loc, "step " + label + " is an action of the upper tester: it has no message", "");
    return std::nullopt;
  }
  if (steps_[index].wait_ms) {
    flow_error(loc, "step " + label + " is a wait step: it has no message", "");
    return std::nullopt;
  }
  if (steps_[index].media) {
    flow_error(loc, "step " + label + " is a media step: it has no message", "");
    return std::nullopt;
  }
  if (!in_every_branch(index) && !current().via)
    env_.report.warning(loc, "step " + label + " is in one branch of an 'either' only: when "
                             "another branch runs, it has no message and step(" + label +
                             ") reads nothing");
  return StepTarget{index, shape_of(index)};
}

// Whether a step read after an either block surely ran: it is outside any either, or a
// step of the same address is in each of its branches.
bool Flow::in_every_branch(std::size_t index) const {
  const FlatStep& target = flat_.steps[index];
  if (!target.group || target.group == current().group) return true;
  const FlatGroup& g = flat_.groups[*target.group];
  if (g.kind != GroupKind::either) return true;
  const StepAddress& a = target.addresses.front();
  for (const FlatRange& r : g.branches) {
    if (r.empty) continue;
    bool found = false;
    for (std::size_t i = r.first; i <= r.last && !found; ++i)
      found = flat_.steps[i].has_address(a.ns, a.number, a.instance);
    if (!found) return false;
  }
  return true;
}

std::optional<StepTarget> Flow::answered_request(const ast::SourceLoc& loc) {
  if (steps_[current_].is_request) {
    flow_error(loc, "'request' is the request a response answers, and step " +
                        current_label() + " is a request", "");
    return std::nullopt;
  }
  if (!answering_) return std::nullopt;  // already reported: no request to answer
  return StepTarget{*answering_, shape_of(*answering_)};
}

std::optional<std::size_t> Flow::dialog(const std::string& name, const ast::SourceLoc& loc) {
  if (name.empty()) return steps_[current_].dialog;
  if (auto it = dialog_names_.find(name); it != dialog_names_.end()) return it->second;
  if (mode_ == FlowMode::procedure && env_.tables.dialog_names.count(name)) return 0;
  std::vector<std::string> known;
  for (const auto& [n, id] : dialog_names_) known.push_back(n);
  const bool named_somewhere = env_.tables.dialog_names.count(name) > 0;
  std::string hint = did_you_mean(name, known);
  if (hint.empty())
    hint = named_somewhere ? " (no step before this one names it with 'as " + name + "')"
                           : " (a step names a dialog with 'as " + name + "' after its message)";
  flow_error(loc, "unknown dialog " + quote(name) + hint,
             named_somewhere ? "step " + current_label() + " uses dialog " + quote(name) +
                                   ", which no step before this reference names"
                             : "");
  return std::nullopt;
}

StoredLookup Flow::stored(const std::string& name, const ast::SourceLoc& loc) {
  StoredLookup out;
  const auto storers = storers_.find(name);
  auto it = slot_names_.find(name);
  if (it != slot_names_.end() && slots_[it->second].step < current_) {
    // Stored by an earlier step that surely ran: not one of another branch or of the
    // same any-order block.
    std::optional<std::size_t> skipped;
    bool usable = storers == storers_.end();
    for (std::size_t i : usable ? std::vector<std::size_t>{} : storers->second) {
      if (i >= current_) break;
      if (exclusive(i, current_) || unordered(i, current_)) skipped = i;
      else usable = true;
    }
    if (usable) {
      out.state = NameState::found;
      out.value = StoredValue{name, it->second};
      out.type = StaticType::field(slots_[it->second].type);
      return out;
    }
    if (skipped) {
      flow_error(loc, quote(name) + " is stored by step " +
                          std::to_string(flat_.steps[*skipped].step->number) +
                          ", which may not have run before this step", "");
      out.state = NameState::reported;
      return out;
    }
  }
  const auto later = storers == storers_.end()
                         ? std::vector<std::size_t>::const_iterator{}
                         : std::lower_bound(storers->second.begin(), storers->second.end(),
                                            current_);
  if (storers != storers_.end() && later != storers->second.end()) {
    const std::size_t i = *later;
    const std::string where = i == current_ ? "this same step" : "step " +
        std::to_string(flat_.steps[i].step->number);
    flow_error(loc, quote(name) + " is used before it is stored: " + where + " stores it", "");
    out.state = NameState::reported;
    return out;
  }
  if (env_.tables.captured_names.count(name)) {
    if (mode_ == FlowMode::procedure) {
      out.state = NameState::deferred;
      return out;
    }
    flow_error(loc, quote(name) + " is used before any step stores it",
               "step " + current_label() + " uses " + quote(name) +
                   ", which no step before this reference stores");
    out.state = NameState::reported;
  }
  return out;
}

std::vector<std::string> Flow::stored_names() const {
  std::vector<std::string> out;
  for (const Slot& slot : slots_)
    if (slot.step < current_) out.push_back(slot.name);
  return out;
}

}  // namespace scn::check
