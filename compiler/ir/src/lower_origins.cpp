// Where each match row comes from: the file and line of the row that demanded the value
// (the test case's exception or the standard library's default message) and what
// selected it, so that a mismatch can send the reader to the row behind it.
#include <filesystem>

#include "lower_context.h"

namespace scn::ir {

namespace {

namespace fs = std::filesystem;

// "stdlib/ts34229/a2_dialog.scn" for a file of the standard library, so that origins do
// not depend on where it is installed; other files as the user gave them.
std::string origin_path(const ast::SourceFile& file, const std::string& stdlib_root) {
  if (stdlib_root.empty()) return file.path;
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(file.path, ec);
  if (ec) return file.path;
  const fs::path rel = canonical.lexically_relative(stdlib_root);
  if (rel.empty() || rel.begin()->string() == "..") return file.path;
  return (fs::path("stdlib") / rel).generic_string();
}

std::string selection(const check::Row& row, const check::Step& step) {
  const std::string used = step.default_message ? "default \"" + step.default_message->name + "\""
                                                : "default";
  switch (row.source) {
    case check::RowSource::default_message: return used;
    case check::RowSource::default_condition:
      return row.selected_when.empty() ? used : used + ", when " + row.selected_when;
    case check::RowSource::step_except:
    case check::RowSource::range_except: return "exception of step " + step.label;
  }
  return used;
}

}  // namespace

std::string line_origin(const check::SourceLoc& loc, Lowering& lowering) {
  if (!loc.file || !loc.known()) return {};
  auto [it, added] = lowering.origin_paths.try_emplace(loc.file.get());
  if (added) it->second = origin_path(*loc.file, lowering.stdlib_root);
  return it->second + ":" + std::to_string(loc.line);
}

std::string row_origin(const check::Row& row, const check::Step& step, Lowering& lowering) {
  const std::string line = line_origin(row.loc, lowering);
  return line.empty() ? line : line + " (" + selection(row, step) + ")";
}

}  // namespace scn::ir
