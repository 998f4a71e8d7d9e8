// Private helpers of templates and matching: taking one header value apart into its
// head and its header parameters, and putting it back together after an edit.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace scn::sip::detail {

// "\"A\" <sip:a;lr>;tag=1;x" -> head "\"A\" <sip:a;lr>", params ";tag=1;x". The split is
// at the first ';' outside quoted-strings and <...> (RFC 3261 20.10: in addr-spec form
// a ';' already starts the header parameters).
struct HeadParams {
  std::string_view head;
  std::string_view params;  // empty or starting with ';'
};
HeadParams split_head_params(std::string_view value);

// One header value with owned, editable parts.
struct EditableValue {
  struct Param {
    std::string name;
    std::string value;
    bool has_value = false;
  };
  std::string head;
  std::vector<Param> params;

  static Result<EditableValue> parse(std::string_view value);
  Param* find(std::string_view name);
  // Sets (adding when missing); a value that is not a token (nor host-like text) is
  // written as a quoted-string unless already quoted.
  void set(std::string_view name, std::string_view value);
  void set_valueless(std::string_view name);  // keeps an existing value
  void remove(std::string_view name);
  std::string text() const;
};

// Writes a header parameter value: as is when token/host-like or already quoted, else
// as a quoted-string.
std::string param_value_text(std::string_view value);

// head of a name-addr: the URI between <> (or the whole head in addr-spec form).
struct HeadUri {
  std::string display;  // as written, may be empty
  std::string uri;
  bool angle = false;
};
HeadUri split_head_uri(std::string_view head);
std::string join_head_uri(const HeadUri& head);

}  // namespace scn::sip::detail
