#include "flatten.h"

#include "parties/bindings.h"

#include <algorithm>
#include <map>
#include <set>

namespace scn::check {

bool FlatStep::has_address(const std::string& ns, int number,
                           std::optional<std::size_t> inst) const {
  return std::any_of(addresses.begin(), addresses.end(), [&](const StepAddress& a) {
    return a.ns == ns && a.number == number && (!inst || a.instance == *inst);
  });
}

namespace {

std::string range_text(const std::set<int>& numbers) {
  if (numbers.empty()) return "none";
  std::string out = std::to_string(*numbers.begin());
  if (numbers.size() > 1) out += "-" + std::to_string(*numbers.rbegin());
  return out;
}

bool same_message(const ast::Message& a, const ast::Message& b) {
  if (a.kind != b.kind) return false;
  return a.kind == ast::Message::Kind::method ? a.method == b.method : a.status == b.status;
}

class Flattener {
 public:
  Flattener(const PartyNames& parties, Env& env) : parties_(parties), env_(env) {}

  Flattened run(const std::vector<ast::StepItem>& items, const std::string& ns) {
    Flattened out;
    if (!ns.empty()) stack_.push_back(ns);
    expand(items, Ctx{ns, 0, std::nullopt, true, std::nullopt, 0, {}}, out);
    return out;
  }

 private:
  struct Ctx {
    std::string ns;
    std::size_t instance = 0;
    std::optional<std::size_t> window;
    bool reporting = true;  // false inside a procedure: its own check reports its mistakes
    std::optional<std::size_t> group;
    std::size_t branch = 0;
    std::vector<const ast::CondExpr*> whens;  // enclosing `when` blocks, outermost first
  };

  static void extend(std::size_t index, bool& empty, std::size_t& first, std::size_t& last) {
    if (empty) first = index;
    last = index;
    empty = false;
  }

  void push(FlatStep step, Flattened& out) {
    const std::size_t index = out.steps.size();
    if (step.window) {
      FlatWindow& w = out.windows[*step.window];
      extend(index, w.empty, w.first, w.last);
    }
    if (step.group) {
      FlatRange& r = out.groups[*step.group].branches.at(step.branch);
      extend(index, r.empty, r.first, r.last);
    }
    out.steps.push_back(std::move(step));
  }

  FlatStep flat_step(const ast::Step& step, const Ctx& ctx) {
    FlatStep flat;
    flat.step = &step;
    if (step.action) {
      flat.to = step.action->party.value;
    } else {
      flat.from = step.direction.from.value;
      flat.to = step.direction.to.value;
    }
    flat.addresses.push_back({ctx.ns, step.number, ctx.instance});
    flat.procedure = ctx.ns;
    flat.instance = ctx.instance;
    flat.window = ctx.window;
    flat.group = ctx.group;
    flat.branch = ctx.branch;
    flat.whens = ctx.whens;
    return flat;
  }

  void expand(const std::vector<ast::StepItem>& items, const Ctx& ctx, Flattened& out) {
    for (const ast::StepItem& item : items) {
      if (const auto* step = std::get_if<ast::Step>(&item.node)) {
        push(flat_step(*step, ctx), out);
      } else if (const auto* block = std::get_if<ast::OptionalBlock>(&item.node)) {
        expand_block(*block, ctx, out);
      } else if (const auto* ref = std::get_if<ast::StepsRef>(&item.node)) {
        expand_ref(*ref, ctx, out);
      } else if (const auto* either = std::get_if<ast::EitherBlock>(&item.node)) {
        FlatGroup group{GroupKind::either, either->loc, either->branch_locs,
                        either->comment ? &*either->comment : nullptr, nullptr, {}};
        expand_group(std::move(group), item.blocks(), ctx, out);
      } else if (const auto* any = std::get_if<ast::AnyOrderBlock>(&item.node)) {
        FlatGroup group{GroupKind::any_order, any->loc, {any->loc}, nullptr, nullptr, {}};
        expand_group(std::move(group), item.blocks(), ctx, out);
      } else if (const auto* when = std::get_if<ast::WhenBlock>(&item.node)) {
        Ctx inner = ctx;
        if (when->when) inner.whens.push_back(when->when.get());
        expand(when->items, inner, out);
      }
    }
  }

  // Alternatives and any-order groups hold plain steps: nothing inside them may wait
  // optionally or branch again, so that each branch is one run of steps.
  void expand_group(FlatGroup group,
                    const std::vector<const std::vector<ast::StepItem>*>& branches,
                    const Ctx& ctx, Flattened& out) {
    const char* what = group.kind == GroupKind::either ? "either" : "in any order";
    if (!ctx.whens.empty()) {
      // The steps of a group are awaited together; a condition on some of them would
      // change which message each alternative waits for.
      if (ctx.reporting)
        env_.report.error(group.loc, std::string("'") + what + "' cannot be inside a 'when' "
                                     "block: put the 'when' on the steps around it");
      for (const auto* branch : branches) expand(*branch, ctx, out);
      return;
    }
    if (ctx.window || ctx.group) {
      if (ctx.reporting)
        env_.report.error(group.loc, std::string("'") + what + "' cannot be inside an optional "
                                     "window, an 'either' or an 'in any order' block");
      for (const auto* branch : branches) expand(*branch, ctx, out);
      return;
    }
    group.branches.assign(branches.size(), FlatRange{});
    out.groups.push_back(std::move(group));
    Ctx inner = ctx;
    inner.group = out.groups.size() - 1;
    for (std::size_t b = 0; b < branches.size(); ++b) {
      inner.branch = b;
      expand(*branches[b], inner, out);
    }
  }

  void expand_block(const ast::OptionalBlock& block, const Ctx& ctx, Flattened& out) {
    if (ctx.group) {
      if (ctx.reporting)
        env_.report.error(block.loc, "an optional window cannot be inside an 'either' or an "
                                     "'in any order' block");
      expand(block.items, ctx, out);
      return;
    }
    if (ctx.window) {
      if (ctx.reporting)
        env_.report.error(block.loc, "an optional window cannot be inside another one");
      expand(block.items, ctx, out);
      return;
    }
    out.windows.push_back(FlatWindow{&block});
    Ctx inner = ctx;
    inner.window = out.windows.size() - 1;
    expand(block.items, inner, out);
  }

  void expand_ref(const ast::StepsRef& ref, const Ctx& ctx, Flattened& out) {
    const std::string& name = ref.procedure.value;
    auto found = env_.scope.procedures.find(name);
    if (found == env_.scope.procedures.end()) {
      if (ctx.reporting)
        env_.report.error(ref.procedure.loc, "unknown procedure " + name +
                                                 did_you_mean(name, env_.scope.procedure_names()));
      return;
    }
    if (std::find(stack_.begin(), stack_.end(), name) != stack_.end()) {
      std::string chain;
      for (const auto& p : stack_) chain += p + " -> ";
      env_.report.error(ref.procedure.loc, "procedure " + name + " uses itself: " + chain + name);
      return;
    }
    stack_.push_back(name);
    Flattened sub;
    const std::size_t instance = ++instances_;
    expand(found->second->items, Ctx{name, instance, std::nullopt, false, std::nullopt, 0, {}},
           sub);
    stack_.pop_back();
    if (ctx.reporting) check_bindings(ref, parties_, env_);
    append(ref, ctx, name, instance, sub, out);
  }

  // The procedure's own step numbers in this expansion.
  static std::set<int> own_numbers(const Flattened& sub, const std::string& name,
                                   std::size_t instance) {
    std::set<int> numbers;
    for (const FlatStep& s : sub.steps)
      for (const StepAddress& a : s.addresses)
        if (a.ns == name && a.instance == instance) numbers.insert(a.number);
    return numbers;
  }

  void append(const ast::StepsRef& ref, const Ctx& ctx, const std::string& name,
              std::size_t instance, Flattened& sub, Flattened& out) {
    const std::set<int> numbers = own_numbers(sub, name, instance);
    const bool ranged = ref.first.has_value();
    const int first = ref.first.value_or(0);
    const int last = ref.last.value_or(first);
    if (ranged && ctx.reporting) {
      for (int n : {first, last}) {
        if (!numbers.count(n)) {
          env_.report.error(ref.loc, "procedure " + name + " has no step " + std::to_string(n) +
                                         " (its steps are " + range_text(numbers) + ")");
          break;
        }
      }
    }
    auto selected = [&](const FlatStep& s) {
      if (!ranged) return true;
      for (const StepAddress& a : s.addresses)
        if (a.ns == name && a.instance == instance && a.number >= first && a.number <= last)
          return true;
      return false;
    };
    attach_exceptions(ref, ctx, name, instance, numbers, selected, sub);
    std::map<std::size_t, std::size_t> window_map;  // sub window -> out window
    std::map<std::size_t, std::size_t> group_map;   // sub group -> out group
    bool nested_reported = false;
    for (FlatStep& s : sub.steps) {
      if (!selected(s)) continue;
      rename(s, ref.parties);
      s.whens.insert(s.whens.begin(), ctx.whens.begin(), ctx.whens.end());
      place_in_group(s, ref, ctx, sub, group_map, nested_reported, out);
      if (ranged) {
        for (const StepAddress& a : std::vector<StepAddress>(s.addresses))
          if (a.ns == name && a.instance == instance)
            s.addresses.push_back({ctx.ns, a.number, ctx.instance});
      }
      s.via = &ref;
      if (s.window && (ctx.window || ctx.group)) {
        if (ctx.reporting && !nested_reported)
          env_.report.error(ref.loc, "procedure " + name + " has an optional window, which "
                                     "cannot be inside " +
                                     (ctx.window ? "another one"
                                                 : "an 'either' or 'in any order' block"));
        nested_reported = true;
        s.window = ctx.window;
      } else if (s.window) {
        auto [it, added] = window_map.emplace(*s.window, out.windows.size());
        if (added) {
          out.windows.push_back(FlatWindow{sub.windows[*s.window].block, &ref});
        }
        s.window = it->second;
      } else {
        s.window = ctx.window;
      }
      push(std::move(s), out);
    }
  }

  // A procedure's group is copied once per reference; a step outside any keeps the
  // group it is reused in.
  void place_in_group(FlatStep& s, const ast::StepsRef& ref, const Ctx& ctx, const Flattened& sub,
                      std::map<std::size_t, std::size_t>& group_map, bool& nested_reported,
                      Flattened& out) {
    if (!s.group) {
      s.group = ctx.group;
      s.branch = ctx.branch;
      return;
    }
    if (ctx.group || ctx.window || !ctx.whens.empty()) {
      if (ctx.reporting && !nested_reported)
        env_.report.error(ref.loc, "procedure " + ref.procedure.value + " has an 'either' or "
                                   "'in any order' block, which cannot be inside another block");
      nested_reported = true;
      s.group = ctx.group;
      s.branch = ctx.branch;
      return;
    }
    auto [it, added] = group_map.emplace(*s.group, out.groups.size());
    if (added) {
      FlatGroup copy = sub.groups[*s.group];
      copy.via = &ref;
      copy.branches.assign(copy.branches.size(), FlatRange{});
      out.groups.push_back(std::move(copy));
    }
    s.group = it->second;
  }

  template <class Selected>
  void attach_exceptions(const ast::StepsRef& ref, const Ctx& ctx, const std::string& name,
                         std::size_t instance, const std::set<int>& numbers,
                         Selected selected, Flattened& sub) {
    std::map<int, const ast::StepException*> seen;
    for (const ast::StepException& e : ref.exceptions) {
      auto target = std::find_if(sub.steps.begin(), sub.steps.end(), [&](const FlatStep& s) {
        return s.has_address(name, e.step, instance) && selected(s);
      });
      const std::string step_name = "step " + std::to_string(e.step) + " of " + name;
      if (target == sub.steps.end()) {
        if (!ctx.reporting) continue;
        if (numbers.count(e.step))
          env_.report.error(e.loc, step_name + " is not among the steps this reference reuses");
        else
          env_.report.error(e.loc, "procedure " + name + " has no step " +
                                       std::to_string(e.step) + " (its steps are " +
                                       range_text(numbers) + ")");
        continue;
      }
      if (auto [it, added] = seen.emplace(e.step, &e); !added) {
        if (ctx.reporting)
          env_.report.error(e.loc, step_name + " already has exceptions at line " +
                                       std::to_string(it->second->loc.line));
        continue;
      }
      if (e.message && !same_message(*e.message, target->step->message)) {
        if (ctx.reporting)
          env_.report.error(e.message->loc, step_name + " is " +
                                                target->step->message.text() + ", not " +
                                                e.message->text());
        continue;
      }
      target->exceptions.push_back(&e);
    }
  }

  const PartyNames& parties_;
  Env& env_;
  std::vector<std::string> stack_;  // procedures being expanded, for cycles
  std::size_t instances_ = 0;
};

}  // namespace

Flattened flatten(const std::vector<ast::StepItem>& items, const std::string& ns,
                  const PartyNames& parties, Env& env) {
  return Flattener(parties, env).run(items, ns);
}

}  // namespace scn::check
