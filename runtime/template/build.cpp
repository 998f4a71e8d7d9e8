// build(): template rows and overrides over what the runtime fills in; and the fresh
// identifiers (tags, branches, Call-IDs) the fills use.
#include "msg/msg.h"
#include "template/draft.h"
#include "template/template.h"

namespace scn::sip {

SendTemplate SendTemplate::request(std::string method, std::string request_uri) {
  SendTemplate t;
  t.method = std::move(method);
  t.request_uri = std::move(request_uri);
  return t;
}

SendTemplate SendTemplate::response(int status, std::string reason) {
  SendTemplate t;
  t.status = status;
  t.reason = std::move(reason);
  return t;
}

SendTemplate& SendTemplate::set(Path path, SendValue value) {
  rows.push_back({std::move(path), std::move(value)});
  return *this;
}

SendTemplate& SendTemplate::set(Path path, std::string text) {
  return set(std::move(path), SendValue::of(std::move(text)));
}

SendTemplate& SendTemplate::set(std::string_view path, SendValue value) {
  auto parsed = parse_path(path);
  if (!parsed) {
    path_errors.push_back("bad path '" + std::string(path) + "': " + parsed.reason());
    return *this;
  }
  return set(std::move(parsed).value(), std::move(value));
}

SendTemplate& SendTemplate::set(std::string_view path, std::string text) {
  return set(path, SendValue::of(std::move(text)));
}

SendTemplate& SendTemplate::with_body(std::string bytes) {
  body = std::move(bytes);
  return *this;
}

Result<std::string> build(const SendTemplate& tmpl, std::span<const SendRow> overrides,
                          BuildContext& context) {
  if (!tmpl.path_errors.empty()) return make_error(tmpl.path_errors.front());
  if (!tmpl.is_request() && (tmpl.status < 100 || tmpl.status > 699)) {
    return make_error("a template needs a method or a status from 100 to 699");
  }
  detail::Draft draft;
  // Room for the fields filled in, one a row and the overrides: no growing on the way.
  draft.fields.reserve(16 + tmpl.rows.size() + overrides.size());
  draft.request = tmpl.is_request();
  draft.method = tmpl.method;
  draft.request_uri = tmpl.request_uri;
  draft.status = tmpl.status;
  draft.reason = tmpl.reason;
  draft.body = tmpl.body;
  const detail::RowsSummary rows(tmpl, overrides);
  if (auto filled = detail::fill_before(draft, tmpl, rows, context); !filled) {
    return filled.error();
  }
  for (const SendRow& row : tmpl.rows) {
    if (auto applied = detail::apply_row(draft, row); !applied) return applied.error();
  }
  for (const SendRow& row : overrides) {
    if (auto applied = detail::apply_row(draft, row); !applied) return applied.error();
  }
  if (draft.request && draft.request_uri.empty()) draft.request_uri = context.default_request_uri;
  if (draft.request && draft.request_uri.empty()) {
    return make_error(draft.method + " has no Request-URI (and no dialog to take it from)");
  }
  detail::fill_after(draft, tmpl, rows, context);
  return draft.serialize();
}

std::string guess_content_type(std::string_view body) {
  const std::string_view text = trim(body);
  if (text.starts_with("v=")) return "application/sdp";
  if (text.starts_with("SIP/2.0 ")) return "message/sipfrag;version=2.0";
  if (text.starts_with("<")) {
    if (text.find("<conference-info") != std::string_view::npos) {
      return "application/conference-info+xml";
    }
    if (text.find("<reginfo") != std::string_view::npos) return "application/reginfo+xml";
    return "application/xml";
  }
  return "text/plain";
}

}  // namespace scn::sip

// Tags, branches and Call-IDs: random hex from a seedable engine plus a counter, so two
// identifiers from one generator never collide even if the random parts did.
namespace scn::sip {

IdGenerator::IdGenerator() : rng_(random_seed()) {}

IdGenerator::IdGenerator(std::uint64_t seed) : rng_(seed) {}

std::string IdGenerator::hex(unsigned digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(digits);
  std::uint64_t bits = rng_();
  for (unsigned i = 0; i < digits; ++i) {
    if (i == 16) bits = rng_();
    out.push_back(kDigits[bits & 0xF]);
    bits >>= 4;
  }
  return out;
}

std::string IdGenerator::tag() { return hex(10) + std::to_string(++counter_); }

std::string IdGenerator::branch() { return "z9hG4bK" + hex(16) + std::to_string(++counter_); }

std::string IdGenerator::call_id(std::string_view host) {
  std::string out = hex(20) + std::to_string(++counter_);
  if (!host.empty()) {
    out += '@';
    out += host;
  }
  return out;
}

}  // namespace scn::sip

// Rows over a message as it is (relayed messages).
namespace scn::sip {

Result<std::string> build_on(const Message& base, const SendTemplate& tmpl,
                             BuildContext& context) {
  if (!tmpl.path_errors.empty()) return make_error(tmpl.path_errors.front());
  if (base.empty()) return make_error("no message to build on");
  detail::Draft draft;
  draft.request = base.is_request();
  draft.method = base.method();
  draft.request_uri = base.request_uri();
  draft.status = base.status_code();
  draft.reason = base.reason();
  draft.fields.reserve(base.headers().size() + tmpl.rows.size());
  for (const Header& h : base.headers())
    draft.fields.push_back({std::string(h.name), std::string(h.value)});
  if (!base.body().empty()) draft.body = std::string(base.body());
  if (tmpl.body) draft.body = tmpl.body;
  const detail::RowsSummary rows(tmpl, {});
  for (const SendRow& row : tmpl.rows) {
    if (auto applied = detail::apply_row(draft, row); !applied) return applied.error();
  }
  SendTemplate completion;  // only what a changed body needs
  completion.fill = FillFlags{false, false, false, false, false, false, false, false, false,
                              false, tmpl.fill.content_type, tmpl.fill.content_length};
  detail::fill_after(draft, completion, rows, context);
  return draft.serialize();
}

}  // namespace scn::sip
