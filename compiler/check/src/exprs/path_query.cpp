#include "scn/check/path_query.h"

#include <cctype>

#include "env.h"
#include "paths.h"

namespace scn::check {

namespace {

// Splits "Contact[2].\"+g.x\".user" into segments; false with a reason on bad text.
class SegmentReader {
 public:
  SegmentReader(std::string_view text, ast::SourceLoc start) : text_(text), start_(start) {}

  bool read(ast::Path& out, std::string& error, std::uint32_t& error_col) {
    while (true) {
      ast::PathSegment segment;
      segment.loc = here();
      if (!read_name(segment, error) || !read_index(segment, error)) {
        error_col = segment.loc.col + static_cast<std::uint32_t>(at_ - begin_of(segment));
        return false;
      }
      out.segments.push_back(std::move(segment));
      if (at_ == text_.size()) return true;
      if (text_[at_] != '.') {
        error = "unexpected '" + std::string(1, text_[at_]) + "' in the path";
        error_col = start_.col + static_cast<std::uint32_t>(at_);
        return false;
      }
      ++at_;
    }
  }

 private:
  ast::SourceLoc here() const {
    ast::SourceLoc loc = start_;
    loc.col += static_cast<std::uint32_t>(at_);
    return loc;
  }
  std::size_t begin_of(const ast::PathSegment& segment) const {
    return segment.loc.col - start_.col;
  }

  bool read_name(ast::PathSegment& segment, std::string& error) {
    if (at_ < text_.size() && text_[at_] == '"') {
      std::size_t close = text_.find('"', at_ + 1);
      if (close == std::string_view::npos) {
        error = "unterminated quoted name in the path";
        return false;
      }
      segment.name = std::string(text_.substr(at_ + 1, close - at_ - 1));
      segment.quoted = true;
      at_ = close + 1;
      return true;
    }
    std::size_t end = text_.find_first_of(".[", at_);
    if (end == std::string_view::npos) end = text_.size();
    segment.name = std::string(text_.substr(at_, end - at_));
    at_ = end;
    if (segment.name.empty()) error = "empty name in the path";
    return !segment.name.empty();
  }

  bool read_index(ast::PathSegment& segment, std::string& error) {
    if (at_ >= text_.size() || text_[at_] != '[') return true;
    std::size_t close = text_.find(']', at_);
    std::string_view digits =
        close == std::string_view::npos ? "" : text_.substr(at_ + 1, close - at_ - 1);
    bool ok = !digits.empty() && digits.size() < 10;
    for (char c : digits) ok = ok && std::isdigit(static_cast<unsigned char>(c));
    if (!ok || std::stol(std::string(digits)) < 1) {
      error = "expected [N] with N a number from 1";
      return false;
    }
    segment.index = std::stol(std::string(digits));
    at_ = close + 1;
    return true;
  }

  std::string_view text_;
  ast::SourceLoc start_;
  std::size_t at_ = 0;
};

}  // namespace

PathQuery resolve_path_text(std::string_view text, const schema::Schema& schema,
                            bool in_request, const std::string& shown_as,
                            const std::string& typed_line, std::uint32_t column) {
  PathQuery query;
  if (text.size() > 5 && text.substr(0, 5) == "body.") {
    // An XML path goes to the runtime as typed, which reads and reports it.
    ResolvedPath body;
    body.root = PathRoot::body;
    body.name = "body";
    body.text = std::string(text);
    body.xml_path = std::string(text.substr(5));
    query.path = std::move(body);
    return query;
  }
  auto file = std::make_shared<ast::SourceFile>();
  file->path = shown_as;
  file->text = typed_line;
  ast::SourceLoc start{file, 1, column};
  ast::Path path;
  path.loc = start;
  Reporter report(query.diagnostics);
  std::string error;
  std::uint32_t error_col = column;
  if (!SegmentReader(text, start).read(path, error, error_col)) {
    report.error(ast::SourceLoc{file, 1, error_col}, error);
    return query;
  }
  Scope scope;
  ProgramTables tables;
  Env env{schema, report, scope, tables, false};
  MessageShape shape;
  shape.is_request = in_request;
  query.path = resolve_path(path, shape, env);
  if (diag::has_errors(query.diagnostics)) query.path.reset();
  return query;
}

}  // namespace scn::check
