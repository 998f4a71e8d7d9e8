// The rows of a step: its default message's rows under the applied conditions, then
// its own except rows, then the exceptions of the references that reuse it.
#include <map>

#include "flow.h"
#include "messages/defaults.h"
#include "messages/message_rules.h"

namespace scn::check {

std::vector<Row> Flow::build_rows(const ast::Step& s, Step& step, const MessageShape& shape) {
  std::vector<Row> rows;
  const Direction dir = step.direction;
  if (s.use) {
    if (const ast::DefaultMessage* d = resolve_use(*s.use, s.message, current_label(), env_)) {
      UsedDefault used{s.use->loc, d->name, d->clause ? d->clause->value : "", {}};
      for (const ast::Name& code : s.use->conditions) used.conditions.push_back(code.value);
      step.default_message = std::move(used);
      ExprResolver exprs(env_, *this);
      for (AppliedRow& applied : apply_default(*d, s.use->conditions, env_)) {
        RowMode mode{dir, true, applied.source};
        auto checked = check_row(*applied.row, shape, mode, exprs, env_);
        if (!checked) continue;
        Row row = std::move(checked->row);
        row.when = std::move(applied.when);
        row.selected_when = std::move(applied.selected_when);
        if (!checked->capture.empty() && (dir == Direction::ue_to_ss || env_.mirror))
          row.capture = store(checked->capture, row.path, dir == Direction::ss_to_ue,
                              checked->capture_loc);
        merge(std::move(row), rows);
      }
    }
  }
  if (s.except) add_rows(s.except->rows, RowSource::step_except, dir, shape, rows);
  for (const ast::StepException* e : current().exceptions)
    add_rows(e->rows, RowSource::range_except, dir, shape, rows);
  return rows;
}

void Flow::add_rows(const std::vector<ast::Assignment>& block, RowSource source, Direction dir,
                    const MessageShape& shape, std::vector<Row>& into) {
  ExprResolver exprs(env_, *this);
  std::map<std::string, std::uint32_t> seen;  // key -> line, rows set twice in the block
  for (const ast::Assignment& row : block) {
    auto checked = check_row(row, shape, RowMode{dir, false, source}, exprs, env_);
    if (!checked) continue;
    const std::string key = checked->row.path.key();
    if (auto [it, added] = seen.emplace(key, row.loc.line); !added) {
      env_.report.error(row.path.loc, "'" + checked->row.path.text +
                                          "' is set twice in this except block (first at line " +
                                          std::to_string(it->second) + ")");
      continue;
    }
    check_allowed(checked->row, shape, env_);
    if (!checked->capture.empty())
      checked->row.capture = store(checked->capture, checked->row.path,
                                   dir == Direction::ss_to_ue, checked->capture_loc);
    merge(std::move(checked->row), into);
  }
}

void Flow::merge(Row row, std::vector<Row>& into) {
  if (row.when) {
    into.push_back(std::move(row));
    return;
  }
  const std::string key = row.path.key();
  bool placed = false;
  for (auto it = into.begin(); it != into.end();) {
    if (it->path.key() != key) {
      ++it;
    } else if (!placed) {
      *it = std::move(row);
      placed = true;
      ++it;
    } else {
      it = into.erase(it);
    }
  }
  if (!placed) into.push_back(std::move(row));
}

std::optional<std::size_t> Flow::store(const std::string& name, const ResolvedPath& path,
                                       bool sent, const ast::SourceLoc& loc) {
  if (auto it = slot_names_.find(name); it != slot_names_.end()) return it->second;
  slots_.push_back(Slot{loc, name, path.type, current_,
                        sent ? std::optional<ResolvedPath>(path) : std::nullopt});
  slot_names_[name] = slots_.size() - 1;
  return slots_.size() - 1;
}

}  // namespace scn::check
