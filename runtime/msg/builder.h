// Composing outgoing SIP messages: start line, ordered headers, body with automatic
// Content-Length; and RFC 3261 8.2.6 response skeletons built from a request.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/base.h"

namespace scn::sip {

class Message;

class MessageBuilder {
 public:
  struct Field {
    std::string name;
    std::string value;
  };

  static MessageBuilder request(std::string_view method, std::string_view request_uri);
  static MessageBuilder response(int status, std::string_view reason = {});
  // Starts from an existing message (start line, headers in order, body).
  static MessageBuilder from(const Message& message);

  // Appends a header field.
  MessageBuilder& add(std::string_view name, std::string_view value);
  // Inserts a header field before all others (e.g. a new top Via).
  MessageBuilder& add_front(std::string_view name, std::string_view value);
  // Replaces every field of that name (any case, compact or long) by one field in the
  // position of the first; appends when absent.
  MessageBuilder& set(std::string_view name, std::string_view value);
  MessageBuilder& remove(std::string_view name);
  // Body; with a content type, also sets Content-Type.
  MessageBuilder& body(std::string_view bytes);
  MessageBuilder& body(std::string_view bytes, std::string_view content_type);
  // On (default): build() writes Content-Length = body size, replacing any given one.
  // Off: Content-Length is exactly as set by the caller (or absent).
  MessageBuilder& auto_content_length(bool on);
  MessageBuilder& start_line(std::string line);  // raw override, e.g. for negative tests

  bool has(std::string_view name) const;
  std::optional<std::string_view> get(std::string_view name) const;  // first field value
  const std::vector<Field>& fields() const { return fields_; }
  std::string_view body_bytes() const { return body_; }
  const std::string& first_line() const { return start_line_; }

  std::string build() const;
  // build() then parse (datagram mode): the message as a peer would see it.
  Result<Message> message() const;

 private:
  std::string start_line_;
  std::vector<Field> fields_;
  std::string body_;
  bool auto_length_ = true;
};

// Standard reason phrase for a status code ("Unknown" if not registered).
std::string_view default_reason(int status);

// Response skeleton per RFC 3261 8.2.6.2: copies every Via (in order), From, To,
// Call-ID and CSeq; the caller adds Contact, Record-Route etc. as dialogs need. Adds
// ";tag=to_tag" to To when to_tag is non-empty and To has no tag yet. For 100 the
// Timestamp is copied too (8.2.6.1). Content-Length is automatic (0 without a body).
MessageBuilder make_response(const Message& request, int status, std::string_view reason = {},
                             std::string_view to_tag = {});

}  // namespace scn::sip
