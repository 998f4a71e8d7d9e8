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

}  // namespace

Catalogue build_catalogue(const modules::Program& program, const std::string& title) {
  Catalogue catalogue{title, {}, {}, {}};
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
  return catalogue;
}

}  // namespace scn::doc
