#include "gather.h"

namespace scn::check {

namespace {

void rows(const std::vector<ast::Assignment>& assignments, ProgramTables& tables) {
  for (const auto& row : assignments)
    if (row.value.capture) tables.captured_names.insert(row.value.capture->name);
}

void items(const std::vector<ast::StepItem>& list, ProgramTables& tables) {
  for (const auto& item : list) {
    if (const auto* step = std::get_if<ast::Step>(&item.node)) {
      if (step->except) rows(step->except->rows, tables);
      if (step->dialog_as) tables.dialog_names.insert(step->dialog_as->value);
    } else if (const auto* ref = std::get_if<ast::StepsRef>(&item.node)) {
      for (const auto& e : ref->exceptions) rows(e.rows, tables);
    }
    for (const auto* block : item.blocks()) items(*block, tables);
  }
}

}  // namespace

void gather_names(const modules::Program& program, ProgramTables& tables) {
  for (const auto& loaded : program.modules) {
    const ast::Module& m = loaded.module;
    for (const auto& d : m.defaults) {
      rows(d.rows, tables);
      for (const auto& block : d.conditional_rows) rows(block.rows, tables);
    }
    for (const auto& p : m.procedures) items(p.items, tables);
    for (const auto& t : m.testcases) items(t.items, tables);
  }
}

}  // namespace scn::check
