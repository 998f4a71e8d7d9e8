#include "scn/schema/load.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "builder.hpp"

namespace scn::schema {

namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A load that failed before any text was parsed; located at the start of `where`.
LoadResult failure(const std::string& where, std::string message) {
  LoadResult result;
  result.diagnostics.push_back({Severity::error, {where, 1, 1}, std::move(message)});
  return result;
}

}  // namespace

LoadResult load_schema_sources(const std::vector<SourceText>& sources) {
  detail::Builder builder;
  for (const auto& source : sources) detail::parse_file(builder, source.name, source.text);
  detail::resolve(builder);
  LoadResult result;
  result.diagnostics = std::move(builder.diagnostics);
  if (!has_errors(result.diagnostics)) result.schema.emplace(std::move(builder.data));
  return result;
}

LoadResult load_schema(const std::filesystem::path& dir) {
  const std::string where = dir.string();
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".schema") files.push_back(it->path());
  if (ec) return failure(where, "cannot read schema directory: " + ec.message());
  if (files.empty()) return failure(where, "no .schema files in the schema directory");
  std::sort(files.begin(), files.end());
  std::vector<SourceText> sources;
  for (const auto& file : files) {
    auto text = read_file(file);
    if (!text) return failure(file.string(), "cannot read schema file");
    sources.push_back({file.string(), std::move(*text)});
  }
  return load_schema_sources(sources);
}

std::optional<Schema> load_schema(const std::filesystem::path& dir,
                                  std::vector<Diagnostic>& diagnostics) {
  auto result = load_schema(dir);
  diagnostics.insert(diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
  return std::move(result.schema);
}

}  // namespace scn::schema
