// Taking one header value apart and putting it back together (see value.h).
#include "template/value.h"

#include "base/base.h"

namespace scn::sip::detail {

HeadParams split_head_params(std::string_view value) {
  value = trim(value);
  const std::size_t semi = find_unquoted(value, ';');
  if (semi == std::string_view::npos) return {value, {}};
  return {trim(value.substr(0, semi)), value.substr(semi)};
}

Result<EditableValue> EditableValue::parse(std::string_view value) {
  const HeadParams hp = split_head_params(value);
  auto params = parse_params(hp.params);
  if (!params) return make_error("cannot read the parameters of '" + std::string(trim(value)) +
                                 "': " + params.reason());
  EditableValue out;
  out.head = std::string(hp.head);
  for (const sip::Param& p : params->items) {
    out.params.push_back({std::string(p.name), std::string(p.value), p.has_value});
  }
  return out;
}

EditableValue::Param* EditableValue::find(std::string_view name) {
  for (Param& p : params) {
    if (iequals(p.name, name)) return &p;
  }
  return nullptr;
}

std::string param_value_text(std::string_view value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') return std::string(value);
  bool plain = !value.empty();
  for (char c : value) {
    if (!is_token_char(c) && c != ':' && c != '[' && c != ']') plain = false;
  }
  return plain ? std::string(value) : quote(value);
}

void EditableValue::set(std::string_view name, std::string_view value) {
  Param* p = find(name);
  if (p == nullptr) {
    params.push_back({std::string(name), {}, false});
    p = &params.back();
  }
  p->value = param_value_text(value);
  p->has_value = true;
}

void EditableValue::set_valueless(std::string_view name) {
  if (find(name) == nullptr) params.push_back({std::string(name), {}, false});
}

void EditableValue::remove(std::string_view name) {
  std::erase_if(params, [&](const Param& p) { return iequals(p.name, name); });
}

std::string EditableValue::text() const {
  std::string out = head;
  for (const Param& p : params) {
    out += ';';
    out += p.name;
    if (p.has_value) {
      out += '=';
      out += p.value;
    }
  }
  return out;
}

HeadUri split_head_uri(std::string_view head) {
  head = trim(head);
  const std::size_t lt = find_unquoted(head, '<');
  if (lt == std::string_view::npos) return {{}, std::string(head), false};
  std::size_t gt = head.find('>', lt);
  if (gt == std::string_view::npos) gt = head.size();
  return {std::string(trim(head.substr(0, lt))), std::string(head.substr(lt + 1, gt - lt - 1)),
          true};
}

std::string join_head_uri(const HeadUri& head) {
  if (!head.angle && head.display.empty()) return head.uri;
  std::string out = head.display;
  if (!out.empty()) out += ' ';
  return out + "<" + head.uri + ">";
}

}  // namespace scn::sip::detail
