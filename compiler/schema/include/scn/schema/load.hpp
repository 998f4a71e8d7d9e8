// Loading the schema from its text files (stdlib/sip/*.schema). The format is
// described in stdlib/sip/README.md.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scn/schema/diagnostic.hpp"
#include "scn/schema/schema.hpp"

namespace scn::schema {

struct SourceText {
  std::string name;  // used as FILE in diagnostics
  std::string text;
};

struct LoadResult {
  std::optional<Schema> schema;  // empty when any error was found
  std::vector<Diagnostic> diagnostics;

  bool ok() const noexcept { return schema.has_value(); }
};

// Loads every *.schema file of dir, in name order, as one schema.
LoadResult load_schema(const std::filesystem::path& dir);
// The same, appending the diagnostics (errors and warnings) to `diagnostics`.
std::optional<Schema> load_schema(const std::filesystem::path& dir,
                                  std::vector<Diagnostic>& diagnostics);
// Loads schema text given in memory (tests, tools); files see each other's declarations.
LoadResult load_schema_sources(const std::vector<SourceText>& sources);

}  // namespace scn::schema
