// token;params values (Event, Subscription-State, ...), token lists (Require,
// Supported, Allow) and media types (Content-Type, Accept elements).
#include "base/base.h"
#include "msg/msg.h"

namespace scn::sip {

Result<TokenParams> parse_token_params(std::string_view value) {
  const std::string_view v = trim(value);
  const std::size_t end = detail::token_end(v, 0);
  if (end == 0) return make_error("expected a token", 0);
  auto params = parse_params(v.substr(end));
  if (!params) return make_error(params.reason(), end + params.error().offset);
  return TokenParams{v.substr(0, end), std::move(params).value()};
}

Result<TokenParams> parse_event(std::string_view value) { return parse_token_params(value); }

Result<TokenParams> parse_subscription_state(std::string_view value) {
  return parse_token_params(value);
}

Result<std::vector<std::string_view>> parse_token_list(std::string_view value) {
  std::vector<std::string_view> out = split_list(value);
  for (std::string_view item : out) {
    if (!is_token(item)) return make_error("list element '" + std::string(item.substr(0, 40)) + "' is not a token", 0);
  }
  return out;
}

Result<MediaType> parse_media_type(std::string_view value) {
  const std::string_view v = trim(value);
  MediaType out;
  std::size_t pos = detail::token_end(v, 0);
  out.type = v.substr(0, pos);
  if (out.type.empty()) return make_error("missing media type", 0);
  pos = detail::skip_lws(v, pos);
  if (pos >= v.size() || v[pos] != '/') return make_error("expected '/' after media type", pos);
  pos = detail::skip_lws(v, pos + 1);
  const std::size_t sub_end = detail::token_end(v, pos);
  out.subtype = v.substr(pos, sub_end - pos);
  if (out.subtype.empty()) return make_error("missing media subtype", pos);
  auto params = parse_params(v.substr(sub_end));
  if (!params) return make_error(params.reason(), sub_end + params.error().offset);
  out.params = std::move(params).value();
  return out;
}

}  // namespace scn::sip
