// MessageBuilder and RFC 3261 8.2.6 response skeletons.
#include <algorithm>

#include "msg/msg.h"

namespace scn::sip {

MessageBuilder MessageBuilder::request(std::string_view method, std::string_view request_uri) {
  MessageBuilder b;
  b.start_line_ = std::string(method) + " " + std::string(request_uri) + " SIP/2.0";
  return b;
}

MessageBuilder MessageBuilder::response(int status, std::string_view reason) {
  MessageBuilder b;
  const std::string_view phrase = reason.empty() ? default_reason(status) : reason;
  b.start_line_ = "SIP/2.0 " + std::to_string(status) + " " + std::string(phrase);
  return b;
}

MessageBuilder MessageBuilder::from(const Message& message) {
  MessageBuilder b;
  b.start_line_ = std::string(message.start_line());
  for (const Header& h : message.headers()) b.add(h.name, h.value);
  b.body_ = std::string(message.body());
  return b;
}

MessageBuilder& MessageBuilder::add(std::string_view name, std::string_view value) {
  fields_.push_back(Field{std::string(name), std::string(value)});
  return *this;
}

MessageBuilder& MessageBuilder::add_front(std::string_view name, std::string_view value) {
  fields_.insert(fields_.begin(), Field{std::string(name), std::string(value)});
  return *this;
}

MessageBuilder& MessageBuilder::set(std::string_view name, std::string_view value) {
  auto first = std::find_if(fields_.begin(), fields_.end(),
                            [&](const Field& f) { return same_header(f.name, name); });
  if (first == fields_.end()) return add(name, value);
  first->name = std::string(name);
  first->value = std::string(value);
  const std::size_t keep = static_cast<std::size_t>(first - fields_.begin());
  std::size_t i = 0;
  std::erase_if(fields_, [&](const Field& f) { return i++ != keep && same_header(f.name, name); });
  return *this;
}

MessageBuilder& MessageBuilder::remove(std::string_view name) {
  std::erase_if(fields_, [&](const Field& f) { return same_header(f.name, name); });
  return *this;
}

MessageBuilder& MessageBuilder::body(std::string_view bytes) {
  body_ = std::string(bytes);
  return *this;
}

MessageBuilder& MessageBuilder::body(std::string_view bytes, std::string_view content_type) {
  set("Content-Type", content_type);
  return body(bytes);
}

MessageBuilder& MessageBuilder::auto_content_length(bool on) {
  auto_length_ = on;
  return *this;
}

MessageBuilder& MessageBuilder::start_line(std::string line) {
  start_line_ = std::move(line);
  return *this;
}

bool MessageBuilder::has(std::string_view name) const { return get(name).has_value(); }

std::optional<std::string_view> MessageBuilder::get(std::string_view name) const {
  for (const Field& f : fields_) {
    if (same_header(f.name, name)) return std::string_view(f.value);
  }
  return std::nullopt;
}

// One allocation: the size is counted before the text is appended.
std::string MessageBuilder::build() const {
  const std::string length = auto_length_ ? std::to_string(body_.size()) : std::string();
  std::size_t size = start_line_.size() + 2 + (auto_length_ ? length.size() + 18 : 0) + 2 +
                     body_.size();
  for (const Field& f : fields_) size += f.name.size() + f.value.size() + 4;
  std::string out;
  out.reserve(size);
  out.append(start_line_).append("\r\n");
  for (const Field& f : fields_) {
    if (auto_length_ && same_header(f.name, "Content-Length")) continue;
    out.append(f.name).append(": ").append(f.value).append("\r\n");
  }
  if (auto_length_) out.append("Content-Length: ").append(length).append("\r\n");
  out.append("\r\n");
  out.append(body_);
  return out;
}

Result<Message> MessageBuilder::message() const { return parse(build(), ParseMode::Datagram); }

MessageBuilder make_response(const Message& request, int status, std::string_view reason,
                             std::string_view to_tag) {
  MessageBuilder b = MessageBuilder::response(status, reason);
  for (const Header* h : request.find_all("Via")) b.add("Via", h->value);
  if (auto from = request.first("From")) b.add("From", *from);
  if (auto to = request.first("To")) {
    std::string value(*to);
    const auto parsed = parse_name_addr_shallow(*to);
    if (!to_tag.empty() && !(parsed && parsed->params.has("tag"))) value += ";tag=" + std::string(to_tag);
    b.add("To", value);
  }
  if (auto call_id = request.first("Call-ID")) b.add("Call-ID", *call_id);
  if (auto cseq = request.first("CSeq")) b.add("CSeq", *cseq);
  if (status == 100) {
    if (auto ts = request.first("Timestamp")) b.add("Timestamp", *ts);
  }
  return b;
}

}  // namespace scn::sip
