// Applying one template row or override to the message being built.
#include "body/body.h"
#include "msg/msg.h"
#include "template/draft.h"

namespace scn::sip::detail {

namespace {

using Kind = SendValue::Kind;

Error cannot(const Path& path, std::string_view why) {
  return make_error("cannot set " + to_string(path) + ": " + std::string(why));
}

Result<void> apply_start_line(Draft& draft, const Path& path, const SendValue& v) {
  const bool whole = path.target != PathTarget::RequestUri || path.part == PathPart::Whole;
  if (whole && v.kind == Kind::Absent) return cannot(path, "the start line cannot be removed");
  switch (path.target) {
    case PathTarget::Status: {
      const auto status = parse_decimal(v.text, 699);
      if (draft.request || !status || *status < 100) return cannot(path, "not a response status");
      draft.status = static_cast<int>(*status);
      return {};
    }
    case PathTarget::Reason:
      if (draft.request) return cannot(path, "a request has no reason phrase");
      draft.reason = v.text;
      return {};
    case PathTarget::Method:
      if (!draft.request || !is_token(v.text)) return cannot(path, "not a request method");
      draft.method = v.text;
      return {};
    default: break;
  }
  if (!draft.request) return cannot(path, "a response has no Request-URI");
  if (path.part == PathPart::Whole) {
    draft.request_uri = v.text;
    return {};
  }
  auto uri = edit_uri(draft.request_uri, path, v);
  if (!uri) return uri.error();
  draft.request_uri = *uri;
  return {};
}

// `body.conference-info.users.user[2].endpoint.status`: an edit inside an XML body.
Result<void> apply_xml(Draft& draft, const Path& path, const SendValue& v) {
  if (!draft.body) return cannot(path, "the message has no body to edit");
  std::optional<std::string_view> value;
  if (v.kind != Kind::Absent) value = v.text;
  if (v.kind == Kind::Append || v.kind == Kind::Present)
    return cannot(path, "a value inside an XML body can only be set or removed");
  auto edited = body::xml_set(*draft.body, path.name, value);
  if (!edited) return cannot(path, edited.reason());
  draft.body = std::move(*edited);
  return {};
}

// `body.sdp.m[audio].port`: an edit inside an SDP body.
Result<void> apply_sdp(Draft& draft, const Path& path, const SendValue& v) {
  if (!draft.body) return cannot(path, "the message has no body to edit");
  if (v.kind == Kind::Append) return cannot(path, "a value inside an SDP body can only be set or removed");
  std::optional<std::string_view> value;
  if (v.kind == Kind::Text) value = v.text;
  auto edited = body::sdp_set(*draft.body, path.name, value, v.kind == Kind::Present);
  if (!edited) return cannot(path, edited.reason());
  draft.body = std::move(*edited);
  return {};
}

Result<void> apply_body(Draft& draft, const Path& path, const SendValue& v) {
  if (body::is_sdp_path(path.name)) return apply_sdp(draft, path, v);
  if (!path.name.empty()) return apply_xml(draft, path, v);
  switch (v.kind) {
    case Kind::Absent: draft.body.reset(); break;
    case Kind::Present:
      if (!draft.body) draft.body.emplace();
      break;
    case Kind::Append: draft.body = draft.body.value_or("") + v.text; break;
    case Kind::Text: draft.body = v.text; break;
  }
  return {};
}

Result<void> apply_whole(Draft& draft, const Path& path, const SendValue& v) {
  if (v.kind == Kind::Append) {
    draft.append(path.header, v.text);
    return {};
  }
  if (path.index == 0) {
    if (v.kind == Kind::Absent) draft.remove(path.header);
    if (v.kind == Kind::Text) draft.set(path.header, v.text);
    if (v.kind == Kind::Present && !draft.has(path.header)) draft.append(path.header, {});
    return {};
  }
  const std::vector<Draft::Slot> slots = draft.slots(path.header);
  if (path.index == slots.size() + 1 && v.kind == Kind::Text) {
    draft.append(path.header, v.text);
    return {};
  }
  if (path.index > slots.size()) {
    if (v.kind == Kind::Absent) return {};
    return cannot(path, "the message has " + std::to_string(slots.size()) + " such values");
  }
  const Draft::Slot slot = slots[path.index - 1];
  if (v.kind == Kind::Absent) draft.remove_at(slot);
  if (v.kind == Kind::Text) draft.replace_at(slot, v.text);
  return {};
}

Result<void> apply_part(Draft& draft, const Path& path, const SendValue& v) {
  const std::vector<Draft::Slot> slots = draft.slots(path.header);
  const std::size_t pick = path.index == 0 ? 0 : path.index - 1;
  if (pick >= slots.size()) {
    if (v.kind == Kind::Absent) return {};  // nothing to remove
    if (path.part == PathPart::AddrSpec && v.kind == Kind::Text && pick == slots.size()) {
      draft.append(path.header, "<" + v.text + ">");
      return {};
    }
    return cannot(path, "the message has no such " + path.header + " value");
  }
  auto edited = edit_value_part(draft.value_at(slots[pick]), path, v);
  if (!edited) return edited.error();
  draft.replace_at(slots[pick], *edited);
  return {};
}

}  // namespace

Result<void> apply_row(Draft& draft, const SendRow& row) {
  const Path& path = row.path;
  switch (path.target) {
    case PathTarget::Body: return apply_body(draft, path, row.value);
    case PathTarget::Header:
      if (path.header.empty() || !is_token(path.header)) return cannot(path, "bad header name");
      return path.part == PathPart::Whole ? apply_whole(draft, path, row.value)
                                          : apply_part(draft, path, row.value);
    default: return apply_start_line(draft, path, row.value);
  }
}

}  // namespace scn::sip::detail
