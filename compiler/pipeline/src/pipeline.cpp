// The stages that read files: parsing, loading modules and loading the header schema.
#include "scn/pipeline/pipeline.h"

#include <filesystem>
#include <memory>
#include <utility>

#include "scn/schema/load.hpp"

namespace scn::pipeline {

namespace {

// A schema error in the compiler's form, holding the schema file's text so that it
// renders with its line.
diag::Diagnostic from_schema(const schema::Diagnostic& d) {
  auto file = std::make_shared<ast::SourceFile>();
  file->path = d.loc.file;
  file->text = parse::read_file(d.loc.file).value_or("");
  diag::Diagnostic out;
  out.loc = ast::SourceLoc{file, static_cast<std::uint32_t>(d.loc.line),
                           static_cast<std::uint32_t>(d.loc.column)};
  out.severity = d.severity == schema::Severity::error ? diag::Severity::error
                                                       : diag::Severity::warning;
  out.message = d.message;
  return out;
}

// The schema of <stdlib_root>/sip, or nothing with its errors added to `errors`.
std::optional<schema::Schema> load_sip_schema(const std::string& stdlib_root,
                                              std::vector<diag::Diagnostic>& errors) {
  schema::LoadResult loaded = schema::load_schema(std::filesystem::path(stdlib_root) / "sip");
  if (loaded.ok()) return std::move(loaded.schema);
  for (const schema::Diagnostic& d : loaded.diagnostics)
    if (d.severity == schema::Severity::error) errors.push_back(from_schema(d));
  return std::nullopt;
}

}  // namespace

Pipeline::Pipeline(Options options) : options_(std::move(options)) {}

std::optional<parse::ParseResult> Pipeline::parse(const std::string& file) const {
  std::optional<std::string> text = parse::read_file(file);
  if (!text) return std::nullopt;
  return parse::parse_source(file, std::move(*text));
}

Compilation Pipeline::load(const std::vector<std::string>& files, const Sources& sources) {
  Compilation out(*this, files.empty() ? std::string() : ir::program_name_for(files.front()));
  out.sources_ = sources;
  std::vector<std::string> readable;
  for (const std::string& file : files) {
    if (!out.sources_.count(file)) {
      std::optional<std::string> text = parse::read_file(file);
      if (!text) {
        out.unreadable_.push_back(file);
        continue;
      }
      out.sources_.emplace(file, std::move(*text));
    }
    readable.push_back(file);
  }
  out.modules_ = modules::load_program(readable, {options_.stdlib_root, out.sources_});
  return out;
}

const schema::Schema* Pipeline::schema() {
  if (!schema_tried_) {
    schema_tried_ = true;
    schema_ = load_sip_schema(options_.stdlib_root, schema_errors_);
  }
  return schema_ ? &*schema_ : nullptr;
}

}  // namespace scn::pipeline
