// State shared by the file parser and the resolver while a schema loads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lexer.hpp"
#include "scn/schema/diagnostic.hpp"
#include "scn/schema/schema.hpp"

namespace scn::schema::detail {

// A "columns" line: the methods that the values of later "where" rows stand for.
struct Columns {
  std::string file;
  int line = 0;
  std::vector<Token> names;
  std::vector<std::optional<std::size_t>> methods;  // filled by the resolver
};

// A "where" row whose columns still have to be matched with the methods.
struct PendingRule {
  std::size_t header = 0;
  Rule rule;  // by_method is empty until resolved
  std::vector<Presence> values;
  std::shared_ptr<Columns> columns;
};

struct ParamSet {
  std::string name;
  std::vector<ParamSpec> params;
  SourceLoc loc;
};

// An "include SET" line in a header.
struct SetUse {
  std::size_t header = 0;
  std::string set;
  SourceLoc loc;
};

// A "parts-of TYPE" block: parts every header of that value type has.
struct TypeParts {
  ValueType type = ValueType::text;
  std::vector<PartSpec> parts;
  SourceLoc loc;
};

struct Builder {
  SchemaData data;
  std::vector<bool> header_has_type;  // parallel to data.headers
  std::vector<std::shared_ptr<Columns>> columns;
  std::vector<PendingRule> rules;
  std::vector<ParamSet> param_sets;
  std::vector<SetUse> set_uses;
  std::vector<TypeParts> type_parts;
  std::vector<Diagnostic> diagnostics;

  void error(SourceLoc loc, std::string message) {
    diagnostics.push_back({Severity::error, std::move(loc), std::move(message)});
  }
  void warning(SourceLoc loc, std::string message) {
    diagnostics.push_back({Severity::warning, std::move(loc), std::move(message)});
  }
};

// Reads one file's declarations into the builder.
void parse_file(Builder& builder, const std::string& file, std::string_view text);
// Links what the files declared (columns to methods, includes, parts) and checks it.
void resolve(Builder& builder);

// Appends " (did you mean 'X'?)" when a close candidate exists.
std::string with_suggestion(std::string message, std::string_view name,
                            const std::vector<std::string_view>& candidates);

}  // namespace scn::schema::detail
