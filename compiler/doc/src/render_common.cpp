#include "render_common.h"

namespace scn::doc {

std::vector<std::string> row_lines(const DefaultEntry& entry) {
  std::vector<std::string> lines;
  std::string open_when;  // the `when` block being written
  for (const Row& row : entry.rows) {
    if (row.when != open_when) {
      if (!open_when.empty()) lines.push_back("}");
      if (!row.when.empty()) lines.push_back("when " + row.when + " {");
      open_when = row.when;
    }
    lines.push_back((open_when.empty() ? "" : "  ") + row.text);
  }
  if (!open_when.empty()) lines.push_back("}");
  return lines;
}

std::string used_codes(const DefaultEntry& entry) {
  std::string out;
  for (const ConditionCode& code : entry.conditions)
    if (code.used) out += (out.empty() ? "" : ", ") + code.code;
  return out.empty() ? "none" : out;
}

std::string shortened(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  return text.substr(0, limit) + " ... (" + std::to_string(text.size()) + " characters)";
}

}  // namespace scn::doc
