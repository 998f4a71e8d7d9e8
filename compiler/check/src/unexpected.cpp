#include "unexpected.h"

namespace scn::check {

namespace {

UnexpectedWhat what_of(ast::UnexpectedWhat what) {
  switch (what) {
    case ast::UnexpectedWhat::request: return UnexpectedWhat::request;
    case ast::UnexpectedWhat::unknown_dialog: return UnexpectedWhat::unknown_dialog;
    case ast::UnexpectedWhat::malformed: return UnexpectedWhat::malformed;
  }
  return UnexpectedWhat::request;
}

UnexpectedVerdict verdict_of(ast::UnexpectedVerdict verdict) {
  switch (verdict) {
    case ast::UnexpectedVerdict::record: return UnexpectedVerdict::record;
    case ast::UnexpectedVerdict::fail: return UnexpectedVerdict::fail;
    case ast::UnexpectedVerdict::inconc: return UnexpectedVerdict::inconc;
  }
  return UnexpectedVerdict::record;
}

void append(const ast::UnexpectedBlock& block, std::vector<UnexpectedRule>& out) {
  for (const ast::UnexpectedRule& r : block.rules)
    out.push_back(UnexpectedRule{r.loc, what_of(r.what), r.method ? r.method->value : "",
                                 r.answer.value_or(0), r.reason ? r.reason->value : "",
                                 verdict_of(r.verdict)});
}

// An earlier rule of the block that fits every message `rule` fits, or null.
const ast::UnexpectedRule* shadowing(const ast::UnexpectedBlock& block,
                                     const ast::UnexpectedRule& rule) {
  for (const ast::UnexpectedRule& earlier : block.rules) {
    if (&earlier == &rule) return nullptr;
    if (earlier.what != rule.what) continue;
    if (!earlier.method || (rule.method && earlier.method->value == rule.method->value))
      return &earlier;
  }
  return nullptr;
}

}  // namespace

void check_unexpected(const ast::UnexpectedBlock& block, Env& env) {
  for (const ast::UnexpectedRule& rule : block.rules) {
    if (const ast::UnexpectedRule* earlier = shadowing(block, rule))
      env.report.warning(rule.loc, "this rule never applies: the rule at line " +
                                       std::to_string(earlier->loc.line) +
                                       " fits every message it fits");
    if (!rule.method || rule.method->value.empty()) continue;
    const std::string& method = rule.method->value;
    if (!env.schema.find_method(method)) {
      std::vector<std::string> names = {"request", "malformed"};
      for (auto n : env.schema.method_names()) names.emplace_back(n);
      env.report.error(rule.method->loc, "unknown method '" + method + "': a rule starts with "
                                         "a method, 'request' or 'malformed'" +
                                             did_you_mean(method, names));
    } else if (method == "ACK" && rule.answer) {
      env.report.error(rule.answer_loc, "an ACK is never answered (RFC 3261 17.1.1.3): "
                                        "give this rule a verdict only");
    }
  }
}

std::vector<UnexpectedRule> unexpected_rules(const ast::Testcase& tc,
                                             const modules::Program& program,
                                             std::size_t index) {
  std::vector<UnexpectedRule> out;
  if (tc.unexpected) append(*tc.unexpected, out);
  std::vector<bool> seen(program.modules.size(), false);
  auto visit = [&](auto&& self, std::size_t m) -> void {
    if (m >= seen.size() || seen[m]) return;
    seen[m] = true;
    for (const ast::UnexpectedBlock& block : program.modules[m].module.unexpected)
      append(block, out);
    for (std::size_t dep : program.modules[m].imports) self(self, dep);
  };
  visit(visit, index);
  return out;
}

}  // namespace scn::check
