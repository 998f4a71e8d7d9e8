#include "flatten.h"

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
  explicit Flattener(Env& env) : env_(env) {}

  Flattened run(const std::vector<ast::StepItem>& items, const std::string& ns) {
    Flattened out;
    if (!ns.empty()) stack_.push_back(ns);
    expand(items, Ctx{ns, 0, std::nullopt, true}, out);
    return out;
  }

 private:
  struct Ctx {
    std::string ns;
    std::size_t instance = 0;
    std::optional<std::size_t> window;
    bool reporting = true;  // false inside a procedure: its own check reports its mistakes
  };

  void push(FlatStep step, Flattened& out) {
    const std::size_t index = out.steps.size();
    if (step.window) {
      FlatWindow& w = out.windows[*step.window];
      if (w.empty) w.first = index;
      w.last = index;
      w.empty = false;
    }
    out.steps.push_back(std::move(step));
  }

  void expand(const std::vector<ast::StepItem>& items, const Ctx& ctx, Flattened& out) {
    for (const ast::StepItem& item : items) {
      if (const auto* step = std::get_if<ast::Step>(&item.node)) {
        FlatStep flat;
        flat.step = step;
        flat.addresses.push_back({ctx.ns, step->number, ctx.instance});
        flat.procedure = ctx.ns;
        flat.instance = ctx.instance;
        flat.window = ctx.window;
        push(std::move(flat), out);
      } else if (const auto* block = std::get_if<ast::OptionalBlock>(&item.node)) {
        expand_block(*block, ctx, out);
      } else if (const auto* ref = std::get_if<ast::StepsRef>(&item.node)) {
        expand_ref(*ref, ctx, out);
      }
    }
  }

  void expand_block(const ast::OptionalBlock& block, const Ctx& ctx, Flattened& out) {
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
    expand(found->second->items, Ctx{name, instance, std::nullopt, false}, sub);
    stack_.pop_back();
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
    bool nested_reported = false;
    for (FlatStep& s : sub.steps) {
      if (!selected(s)) continue;
      if (ranged) {
        for (const StepAddress& a : std::vector<StepAddress>(s.addresses))
          if (a.ns == name && a.instance == instance)
            s.addresses.push_back({ctx.ns, a.number, ctx.instance});
      }
      s.via = &ref;
      if (s.window && ctx.window) {
        if (ctx.reporting && !nested_reported)
          env_.report.error(ref.loc, "procedure " + name + " has an optional window, which "
                                     "cannot be inside another one");
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

  Env& env_;
  std::vector<std::string> stack_;  // procedures being expanded, for cycles
  std::size_t instances_ = 0;
};

}  // namespace

Flattened flatten(const std::vector<ast::StepItem>& items, const std::string& ns, Env& env) {
  return Flattener(env).run(items, ns);
}

}  // namespace scn::check
