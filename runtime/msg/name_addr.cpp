// name-addr / addr-spec values (RFC 3261 20.10, 20.20, 20.39, 25.1).
#include "base/base.h"
#include "msg/msg.h"

namespace scn::sip {

namespace {

// Display name: empty, one quoted-string, or tokens separated by LWS.
Result<void> check_display(std::string_view display) {
  if (display.empty()) return {};
  if (display.front() == '"') {
    const auto end = detail::quoted_end(display, 0);
    if (!end) return make_error("unterminated quoted-string in display name", 0);
    if (*end != display.size()) return make_error("text after the quoted display name", *end);
    return {};
  }
  for (std::size_t i = 0; i < display.size(); ++i) {
    if (!is_token_char(display[i]) && !detail::is_lws(display[i])) {
      return make_error("display name must be tokens or a quoted-string", i);
    }
  }
  return {};
}

// Where the forms below put what they read: a NameAddr, one without its Uri built
// (parse_name_addr_shallow()), or nowhere (check_name_addr()).
// One grammar for the three, so that a check and a parse of one value agree.
struct Build {
  NameAddr out;
  Result<void> uri(std::string_view text) {
    auto uri = parse_uri(text);
    if (!uri) return uri.error();
    out.uri = std::move(uri).value();
    return {};
  }
  Result<void> params(std::string_view text) {
    auto params = parse_params(text);
    if (!params) return params.error();
    out.params = std::move(params).value();
    return {};
  }
};
struct Shallow : Build {  // all but the built Uri
  Result<void> uri(std::string_view text) { return check_uri(text); }
};
// What the forms write besides the URI and params: views into the value.
struct Views {
  std::string_view display_name;
  bool angle_brackets = false;
  std::string_view uri_text;
};
struct Check {
  Views out;
  Result<void> uri(std::string_view text) { return check_uri(text); }
  Result<void> params(std::string_view text) { return check_params(text); }
};

// The tag alone (name_addr_tag()): the URI is left as written, the params are read
// without a list built.
struct TagOnly {
  Views out;
  bool seen = false;  // the first tag param decides, as in Params::get
  std::optional<std::string_view> tag;
  Result<void> uri(std::string_view) { return {}; }
  Result<void> params(std::string_view text) {
    return read_params(text, [&](const Param& p) {
      if (seen || !iequals(p.name, "tag")) return;
      seen = true;
      if (p.has_value) tag = p.value;
    });
  }
};

template <class Sink>
Result<void> name_addr_form(std::string_view v, std::size_t lt, Sink& sink) {
  auto& out = sink.out;
  out.angle_brackets = true;
  out.display_name = trim(v.substr(0, lt));
  if (auto checked = check_display(out.display_name); !checked) return checked.error();
  const std::size_t gt = detail::find_char(v, '>', lt);
  if (gt == std::string_view::npos) return make_error("missing '>' after URI", lt);
  out.uri_text = v.substr(lt + 1, gt - lt - 1);
  if (out.uri_text.empty()) return make_error("empty URI in <>", lt);
  if (detail::is_lws(out.uri_text.front()) || detail::is_lws(out.uri_text.back())) {
    return make_error("whitespace inside <> around the URI", lt + 1);
  }
  if (auto uri = sink.uri(out.uri_text); !uri) return make_error(uri.reason(), lt + 1 + uri.error().offset);
  if (auto params = sink.params(v.substr(gt + 1)); !params) {
    return make_error(params.reason(), gt + 1 + params.error().offset);
  }
  return {};
}

// In addr-spec form ";..." after the URI are header params (RFC 3261 20.10), so a URI
// containing ',', '?' or ';' must have been written in <>.
template <class Sink>
Result<void> addr_spec_form(std::string_view v, Sink& sink) {
  auto& out = sink.out;
  std::size_t semi = v.find(';');
  if (semi == std::string_view::npos) semi = v.size();
  out.uri_text = trim(v.substr(0, semi));
  if (detail::find_any_of(out.uri_text, 0, ',', '?', '?') != std::string_view::npos) {
    return make_error("a URI containing ',', '?' or ';' must be enclosed in <>", 0);
  }
  if (auto uri = sink.uri(out.uri_text); !uri) return make_error(uri.reason(), uri.error().offset);
  if (auto params = sink.params(v.substr(semi)); !params) {
    return make_error(params.reason(), semi + params.error().offset);
  }
  return {};
}

template <class Sink>
Result<void> read_name_addr(std::string_view value, Sink& sink) {
  const std::string_view v = trim(value);
  if (v.empty()) return make_error("empty address", 0);
  if (v.front() == '"' && !detail::quoted_end(v, 0)) {
    return make_error("unterminated quoted-string in display name", 0);
  }
  const std::size_t lt = detail::find_unquoted(v, '<');
  if (lt != std::string_view::npos) return name_addr_form(v, lt, sink);
  return addr_spec_form(v, sink);
}

}  // namespace

std::string NameAddr::display() const { return unquote(display_name); }

Result<NameAddr> parse_name_addr(std::string_view value) {
  Build build;
  if (auto read = read_name_addr(value, build); !read) return read.error();
  return std::move(build.out);
}

Result<NameAddr> parse_name_addr_shallow(std::string_view value) {
  Shallow shallow;
  if (auto read = read_name_addr(value, shallow); !read) return read.error();
  return std::move(shallow.out);
}

std::optional<std::string_view> name_addr_tag(std::string_view value) {
  TagOnly tag_only;
  if (!read_name_addr(value, tag_only)) return std::nullopt;
  return tag_only.tag.value_or(std::string_view());
}

namespace {

// The usual shapes of a From, To or Contact value, ["quoted display" *WSP] "<" URI ">"
// and plain params (detail::read_plain_params), checked in one pass: true only where
// read_name_addr() accepts it too (the '<' found is the one find_unquoted() finds, the
// display is one quoted-string, the URI passes check_uri()). Anything else goes to the
// grammar, which also says why it fails.
bool plainly_valid_name_addr(std::string_view v) {
  std::size_t lt = 0;
  if (!v.empty() && v.front() == '"') {
    const auto quoted = detail::quoted_end(v, 0);
    if (!quoted) return false;
    for (lt = *quoted; lt < v.size() && is_ws(v[lt]);) ++lt;
  }
  if (lt >= v.size() || v[lt] != '<') return false;
  const std::size_t gt = detail::find_char(v, '>', lt);
  if (gt == std::string_view::npos || gt == lt + 1) return false;
  if (detail::is_lws(v[lt + 1]) || detail::is_lws(v[gt - 1])) return false;
  if (!check_uri(v.substr(lt + 1, gt - lt - 1))) return false;
  return detail::read_plain_params(v, gt + 1, [](const Param&) {});
}

}  // namespace

Result<void> check_name_addr(std::string_view value) {
  if (plainly_valid_name_addr(trim(value))) return {};
  Check check;
  return read_name_addr(value, check);
}

Result<ContactValue> parse_contact(std::string_view value) {
  ContactValue out;
  if (trim(value) == "*") {
    out.is_star = true;
    return out;
  }
  auto addr = parse_name_addr(value);
  if (!addr) return addr.error();
  out.addr = std::move(addr).value();
  return out;
}

Result<void> check_contact(std::string_view value) {
  if (trim(value) == "*") return {};
  return check_name_addr(value);
}

}  // namespace scn::sip
