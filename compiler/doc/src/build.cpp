// The catalogue from the loaded modules' AST: names, texts and conditions as written.
#include <algorithm>
#include <filesystem>

#include "scn/ast/text.h"
#include "scn/doc/catalogue.h"
#include "step_text.h"

namespace scn::doc {
namespace {

// ts34229/a2_invite.scn -> ts34229.a2_invite: the name an import uses.
std::string module_name(const std::string& path) {
  std::filesystem::path p(path);
  std::string folder = p.parent_path().filename().string();
  return (folder.empty() ? "" : folder + ".") + p.stem().string();
}

void mark_used(const ast::CondExpr& cond, std::vector<ConditionCode>& codes) {
  if (cond.op != ast::CondOp::atom) {
    for (const ast::CondPtr& operand : cond.operands)
      if (operand) mark_used(*operand, codes);
    return;
  }
  const auto* name = cond.atom ? std::get_if<ast::NameRef>(&cond.atom->node) : nullptr;
  if (!name) return;
  for (ConditionCode& code : codes)
    if (code.code == name->name) code.used = true;
}

DefaultEntry default_entry(const ast::DefaultMessage& d, const std::string& module) {
  DefaultEntry entry{d.name, d.message.text(), d.clause ? d.clause->value : "", module, {}, {}};
  for (const ast::ConditionDecl& c : d.conditions)
    entry.conditions.push_back({c.code, c.description, false});
  // Annex A tables interleave plain and conditional rows: keep the written order.
  std::vector<std::pair<const ast::SourceLoc*, Row>> rows;
  for (const ast::Assignment& row : d.rows) rows.push_back({&row.loc, {"", row_text(row)}});
  for (const ast::ConditionalRows& block : d.conditional_rows) {
    std::string when = block.when ? ast::cond_text(*block.when) : "";
    if (block.when) mark_used(*block.when, entry.conditions);
    for (const ast::Assignment& row : block.rows) rows.push_back({&row.loc, {when, row_text(row)}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::pair(a.first->line, a.first->col) < std::pair(b.first->line, b.first->col);
  });
  for (auto& written : rows) entry.rows.push_back(std::move(written.second));
  return entry;
}

// "answer 481 \"Gone\", fail": the actions of a rule as written (record when alone).
std::string action_text(const ast::UnexpectedRule& rule) {
  std::string out;
  if (rule.answer) {
    out = "answer " + std::to_string(*rule.answer);
    if (rule.reason) out += " \"" + rule.reason->value + "\"";
  }
  if (rule.verdict == ast::UnexpectedVerdict::record && !out.empty()) return out;
  return (out.empty() ? "" : out + ", ") + ast::unexpected_verdict_name(rule.verdict);
}

UnexpectedEntry unexpected_entry(const ast::UnexpectedRule& rule, const std::string& module) {
  std::string pattern = rule.method ? rule.method->value : "request";
  if (rule.what == ast::UnexpectedWhat::malformed) pattern = "malformed";
  if (rule.what == ast::UnexpectedWhat::unknown_dialog) pattern += " in unknown dialog";
  return UnexpectedEntry{pattern, action_text(rule), module};
}

// The rules of the roots and their imports, each module before those it imports.
void add_unexpected(const modules::Program& program, Catalogue& catalogue) {
  std::vector<bool> seen(program.modules.size(), false);
  auto visit = [&](auto&& self, std::size_t m) -> void {
    if (m >= seen.size() || seen[m]) return;
    seen[m] = true;
    const std::string module = module_name(program.modules[m].path);
    for (const ast::UnexpectedBlock& block : program.modules[m].module.unexpected)
      for (const ast::UnexpectedRule& rule : block.rules)
        catalogue.unexpected.push_back(unexpected_entry(rule, module));
    for (std::size_t dep : program.modules[m].imports) self(self, dep);
  };
  for (std::size_t root : program.roots) visit(visit, root);
}

}  // namespace

Catalogue build_catalogue(const modules::Program& program, const std::string& title) {
  Catalogue catalogue{title, {}, {}, {}, {}};
  for (const modules::LoadedModule& loaded : program.modules) {
    std::string module = module_name(loaded.path);
    const ast::Module& m = loaded.module;
    for (const ast::DefaultMessage& d : m.defaults)
      catalogue.defaults.push_back(default_entry(d, module));
    for (const ast::Procedure& p : m.procedures)
      catalogue.procedures.push_back(
          {p.name, p.title ? p.title->value : "", module, step_lines(p.items)});
    for (const ast::Param& p : m.params)
      catalogue.params.push_back({p.name, p.value ? display_text(ast::expr_text(*p.value)) : "",
                                  p.description ? p.description->value : "", module});
  }
  add_unexpected(program, catalogue);
  return catalogue;
}

}  // namespace scn::doc
