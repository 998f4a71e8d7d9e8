// Where a node or a diagnostic comes from: a source file and a 1-based line and column.
// Columns count Unicode code points, as the lexer does.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace scn::ast {

// One loaded source file. Locations share it, so a diagnostic can always show its line.
struct SourceFile {
  std::string path;  // as given by the user or resolved from an import
  std::string text;
};

struct SourceLoc {
  std::shared_ptr<const SourceFile> file;
  std::uint32_t line = 0;  // 1-based; 0 = unknown
  std::uint32_t col = 0;   // 1-based

  const std::string& path() const;
  bool known() const { return line != 0; }
};

}  // namespace scn::ast
