// Private: the editable message a template build works on, and the steps of build().
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "template/template.h"

namespace scn::sip::detail {

struct DraftField {
  std::string name;
  std::string value;
};

class Draft {
 public:
  bool request = true;
  std::string method;
  std::string request_uri;
  int status = 0;
  std::string reason;
  std::vector<DraftField> fields;
  std::optional<std::string> body;

  // One value of a header: which field, which element of its comma list.
  struct Slot {
    std::size_t field;
    std::size_t element;
  };
  // Every value of the header in order (list headers split at commas).
  std::vector<Slot> slots(std::string_view name) const;
  std::string value_at(Slot slot) const;
  void replace_at(Slot slot, std::string value);
  void remove_at(Slot slot);

  bool has(std::string_view name) const;
  // Replaces every field of that name by one in the place of the first (or appends).
  void set(std::string_view name, std::string value);
  void remove(std::string_view name);
  // Adds a field after the last one of that name (or at the end).
  void append(std::string_view name, std::string value);

  std::string serialize() const;

 private:
  std::vector<std::string> elements(std::size_t field) const;
  std::size_t element_count(std::size_t field) const;  // elements(field).size(), made not
};

// Applies one row, or says why it cannot apply.
Result<void> apply_row(Draft& draft, const SendRow& row);

// Which headers and params the template or the overrides decide themselves.
class RowsSummary {
 public:
  RowsSummary(const SendTemplate& tmpl, std::span<const SendRow> overrides);
  bool sets_whole(std::string_view header) const;  // set or removed as a whole
  // Does a row decide that param of the value-th value (1-based) itself?
  bool touches_param(std::string_view header, std::string_view param, std::size_t value) const;
  bool sets_request_uri() const { return request_uri_; }

 private:
  std::vector<const Path*> paths_;
  std::vector<SendValue::Kind> kinds_;
  bool request_uri_ = false;
};

// The parts the runtime fills before the rows apply (Via, Max-Forwards, dialog
// routing, Call-ID, CSeq; for responses the copies from the request).
Result<void> fill_before(Draft& draft, const SendTemplate& tmpl, const RowsSummary& rows,
                         BuildContext& context);
// What is completed after the rows (branches, tags, Content-Type, Content-Length).
void fill_after(Draft& draft, const SendTemplate& tmpl, const RowsSummary& rows,
                BuildContext& context);

// Edits of one header value; errors say why.
Result<std::string> edit_uri(std::string_view uri_text, const Path& path, const SendValue& value);
Result<std::string> edit_value_part(std::string_view text, const Path& path,
                                    const SendValue& value);

}  // namespace scn::sip::detail
