// Reads the directives of one schema file. Top-level directives stand alone or open a
// block (header, paramset, parts-of); indented attribute lines belong to the last block.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "builder.hpp"

namespace scn::schema::detail {

class FileParser {
 public:
  FileParser(Builder& builder, std::string file) : b_(builder), file_(std::move(file)) {}
  void parse(const std::vector<Line>& lines);

 private:
  enum class Block { none, header, paramset, parts };

  SourceLoc at(const Line& line, std::size_t token) const;
  SourceLoc at_end(const Line& line) const;
  bool expect_count(const Line& line, std::size_t min, std::size_t max, const char* usage);
  std::optional<ValueType> value_type(const Line& line, std::size_t token,
                                      bool& value_optional);
  void unexpected(const Line& line, std::size_t token);

  // top level (parser.cpp)
  bool top_level(const Line& line);
  void columns(const Line& line);
  void method(const Line& line);
  void option_tag(const Line& line);
  void event_package(const Line& line);
  void content_type(const Line& line);
  void status(const Line& line);
  void pseudo(const Line& line);
  void open_header(const Line& line);
  void open_paramset(const Line& line);
  void open_parts(const Line& line);

  // block attributes (parse_header.cpp)
  void header_attribute(const Line& line);
  void header_type(const Line& line, Header& h);
  void header_where(const Line& line);
  void header_compact(const Line& line, Header& h);
  void header_params(const Line& line, Header& h);
  void header_separator(const Line& line, Header& h);
  template <class Spec>
  std::optional<Spec> typed_entry(const Line& line, const char* usage, bool& value_optional);
  std::optional<ParamSpec> param(const Line& line);
  std::optional<PartSpec> part(const Line& line);
  std::optional<PartSpec> alias(const Line& line);
  void set_attribute(const Line& line);
  void parts_attribute(const Line& line);

  Builder& b_;
  std::string file_;
  Block block_ = Block::none;
  std::size_t index_ = 0;  // of the open block in its builder vector
  std::shared_ptr<Columns> columns_;
};

}  // namespace scn::schema::detail
