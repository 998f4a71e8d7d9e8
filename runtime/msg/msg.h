// msg: SIP messages (RFC 3261 sections 7, 18.3, 20, 25): parsing, stream framing, header
// lookup and serialisation; the structured header values (Via, name-addr, CSeq, RAck,
// ...); composing messages (MessageBuilder, response skeletons). Include this one header
// for the whole message layer.
//
// Zero-copy design: a Message owns an immutable copy of the received bytes (shared, so
// copying a Message is cheap and never invalidates views) and every string_view it hands
// out points into that storage. Folded header values (CRLF followed by SP/HTAB) cannot be
// unfolded in place, so the parser writes an unfolded copy of just those values into a
// second owned buffer of the same storage (each fold and its surrounding whitespace
// becomes one SP); values without folding point straight into the received bytes.
// Either way Header::value is the unfolded, trimmed value, valid as long as any copy of
// the Message lives.
//
// Errors never throw: parse() and frame() are noexcept and report a reason and offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/base.h"
#include "uri/uri.h"

namespace scn::sip {

// Upper bounds enforced by parse() and frame(); exceeded limits are errors with reasons.
struct Limits {
  std::size_t max_message = 65535;    // whole message incl. body (RFC 3261 18.1.1 UDP bound)
  std::size_t max_headers = 256;      // header fields
  std::size_t max_line = 8192;        // one physical line
  std::size_t max_header_value = 16384;  // one logical (unfolded) header value
};

// Datagram: RFC 3261 18.3 UDP rules: missing Content-Length means "body is the rest of
// the datagram"; Content-Length larger than what is there is an error; octets after the
// body are ignored (Message::trailing_octets() reports how many).
// Stream: the input is one frame as found by frame(): Content-Length is mandatory; octets
// after the body are ignored as well (the caller already cut the frame).
enum class ParseMode { Datagram, Stream };

struct Header {
  std::string_view name;       // as written ("v", "VIA", "Content-Length")
  std::string_view canonical;  // long form for known names ("Via"), else as written
  std::string_view value;      // trimmed, unfolded; may contain a comma-separated list
};

namespace detail {
// Everything a Message is, written once by parse() and shared by every copy: a copy is a
// reference count, not a new list of header fields (a run keeps a message in several
// places: the queue, the step's messages, the request to answer).
struct MessageStorage {
  // The message as received (leading CRLFs and trailing octets cut), held in the same
  // allocation as this storage, right after it (parse() makes both at once).
  std::string_view bytes;
  std::string unfolded;  // unfolded copies of folded values; reserved up front, never reallocates
  std::string_view start_line, method, request_uri, version, reason, body;
  int status = 0;
  std::vector<Header> headers;
  std::size_t trailing = 0;
  bool implicit_length = false;
};
struct MessageAccess;
inline const MessageStorage empty_storage;  // what an empty message reads
}  // namespace detail

class Message {
 public:
  Message() = default;

  bool empty() const { return storage_ == nullptr; }
  bool is_request() const { return !empty() && stored().status == 0; }
  bool is_response() const { return status_code() != 0; }

  // Request line: METHOD SP Request-URI SP SIP-Version. Unknown methods are kept as-is.
  std::string_view method() const { return stored().method; }
  std::string_view request_uri() const { return stored().request_uri; }
  // "SIP/2.0" (always; any other version is a parse error).
  std::string_view version() const { return stored().version; }
  // Status line: SIP-Version SP Status-Code SP Reason-Phrase. 0 for requests.
  int status_code() const { return stored().status; }
  std::string_view reason() const { return stored().reason; }
  std::string_view start_line() const { return stored().start_line; }

  const std::vector<Header>& headers() const { return stored().headers; }
  std::string_view body() const { return stored().body; }
  // The parsed message octets (start line to end of body).
  std::string_view raw() const { return stored().bytes; }
  // Octets of the input beyond the body that were ignored (UDP, RFC 3261 18.3).
  std::size_t trailing_octets() const { return stored().trailing; }
  // True when no Content-Length was present and the body ran to the end of the datagram.
  bool body_from_datagram_end() const { return stored().implicit_length; }

  // Lookups take long or compact names in any case ("Via", "v", "VIA").
  const Header* find(std::string_view name) const;            // first header field
  std::vector<const Header*> find_all(std::string_view name) const;
  std::size_t count(std::string_view name) const;             // header fields (lines)
  bool has(std::string_view name) const { return find(name) != nullptr; }
  // All values in order over repeated fields, comma lists split (see is_list_header);
  // for non-list headers each field is one value.
  std::vector<std::string_view> values(std::string_view name) const;
  // First value (first list element of the first field).
  std::optional<std::string_view> first(std::string_view name) const;
  std::string_view value_or(std::string_view name, std::string_view fallback = {}) const;

 private:
  friend struct detail::MessageAccess;
  const detail::MessageStorage& stored() const { return storage_ ? *storage_ : detail::empty_storage; }
  std::shared_ptr<const detail::MessageStorage> storage_;  // null: an empty message
};

using ParseResult = Result<Message>;

// Parses one message. Leading CRLFs are skipped. Never throws, never reads out of
// bounds; any input either yields a Message or an Error with reason and offset.
// Besides start-line and header-line syntax it rejects: versions other than SIP/2.0,
// status codes outside 100-699, a Request-URI that is not an absolute URI (LWS,
// <...>), Content-Length that is repeated, non-numeric, negative, or larger than the
// octets present, limit overruns, and bad core headers: a repeated Call-ID, CSeq,
// From, To or Max-Forwards; a value of Via, From, To, Contact, CSeq, Max-Forwards or
// Call-ID that does not parse with the structured parsers below; a request whose CSeq
// method differs from its method. Missing headers are left to check_required_headers()
// and unknown headers are never interpreted.
ParseResult parse(std::string_view bytes, ParseMode mode = ParseMode::Datagram,
                  const Limits& limits = {}) noexcept;

// Stream framing (TCP/TLS, RFC 3261 18.3): finds the first message in a buffer.
enum class FrameStatus { NeedMore, Complete, Error };
struct FrameResult {
  FrameStatus status = FrameStatus::NeedMore;
  std::size_t skip = 0;    // leading CRLF keep-alive octets to drop before the message
  std::size_t length = 0;  // Complete: octets of the message after `skip`
  bool ping = false;       // the skipped octets held a CRLFCRLF ping (RFC 5626 3.5.1)
  std::string reason;      // Error: framing is lost, close the connection
};
// Missing, repeated, negative or non-numeric Content-Length is an Error, so is a
// header section or message larger than the limits. NeedMore never consumes input;
// on NeedMore `skip` may still be > 0 (keep-alives only so far).
FrameResult frame(std::string_view stream, const Limits& limits = {}) noexcept;

// RFC 3261 8.1.1 / 8.2.2 and 8.1.3.3: To, From, CSeq, Call-ID and Via must be present in
// every request and response. Max-Forwards is not demanded (RFC 2543 peers omit it).
// Returns the first missing header as an Error (response_code 400 for requests).
Result<void> check_required_headers(const Message& message);

// What the message layer knows of the SIP header schema (stdlib/sip/*.schema): the
// schema is the one source of these facts, which the build copies into a generated
// source file (msg/gen/sip_tables.py), so the runtime agrees with the checker without
// reading the schema at run time.
struct HeaderInfo {
  std::string_view name;    // canonical spelling ("Call-ID")
  char compact;             // compact form ('i'), 0 when none
  bool comma_list;          // values are comma-separated lists (see is_list_header)
};
struct StatusInfo {
  int code;
  std::string_view reason;  // default reason phrase
};
// Every header of the schema, sorted by name ignoring ASCII case.
std::span<const HeaderInfo> schema_headers() noexcept;
// Every status code of the schema, by code.
std::span<const StatusInfo> schema_statuses() noexcept;
// Every request method of the schema.
std::span<const std::string_view> schema_methods() noexcept;

// Header names. canonical_header_name maps compact forms and any letter case of the
// known names (the schema's headers) to the RFC spelling; unknown names come back
// unchanged.
std::string_view canonical_header_name(std::string_view name);
// The name as header names compare (iequals): itself, or a compact form's long name. The
// schema's only aliases are the one-letter compact forms, so a longer name needs no table.
std::string_view comparable_header_name(std::string_view name);
// Compact form of a canonical or compact name ('v' for "Via"), or 0 when none.
char compact_form(std::string_view name);
// Same header? (case-insensitive, compact forms equal long forms)
bool same_header(std::string_view a, std::string_view b);
// Whether values of this header are comma-separated lists: the schema's "list" headers
// with the default separator. False for headers whose grammar contains commas inside
// one value (the schema's single and "multi" headers: WWW-Authenticate, Authorization,
// Authentication-Info, Date, Retry-After, Subject, Call-ID, CSeq, ...), for Privacy
// (separated by ';') and for unknown headers.
bool is_list_header(std::string_view name);
// Splits at commas outside quoted-strings and <...>, trimming LWS around elements.
// Empty elements are dropped.
std::vector<std::string_view> split_list(std::string_view value);
// split_list(value) appended to `out`.
void append_elements(std::string_view value, std::vector<std::string_view>& out);
// split_list(value).front() without the list; nullopt when it would be empty.
std::optional<std::string_view> first_element(std::string_view value);

// Serialises: start line, each header as "name: value" with the name as written and
// the value unfolded, blank line, body bytes. Content-Length is written as received
// (nothing recomputed), so the result parses back to an equivalent Message.
std::string serialize(const Message& message);
// The same with one of its fields (`replaced`, one of message.headers()) given `value`
// instead of its own: how a response gets its top Via stamped on the way out.
std::string serialize(const Message& message, const Header& replaced, std::string_view value);

// Whether the schema declares this method. Methods are case-sensitive.
bool is_known_method(std::string_view method);

}  // namespace scn::sip

// Structured parsers for SIP header field values (RFC 3261 section 20 and extensions).
// Each takes one header value (for list headers: one element of Message::values())
// and returns the parsed value or an Error with a reason. Results are zero-copy views
// into the given text (except the embedded Uri, which owns its decoded strings), so the
// text (normally a Message) must outlive them.
namespace scn::sip {

// name-addr ("Display" <uri>;params) or addr-spec (uri;params) as in To, From, Contact,
// Route, Record-Route, Refer-To, P-Asserted-Identity, ... In addr-spec form the
// ";params" belong to the header, not the URI (RFC 3261 20.10).
struct NameAddr {
  std::string_view display_name;  // as written, quotes kept; empty when absent
  bool angle_brackets = false;    // name-addr form
  std::string_view uri_text;      // between < >, or the addr-spec text
  Uri uri;
  Params params;                  // header params (tag, expires, q, ...)

  // Display name with quotes and quoted-pairs resolved.
  std::string display() const;
  std::optional<std::string_view> tag() const { return params.get("tag"); }
};
Result<NameAddr> parse_name_addr(std::string_view value);
// The same verdict and NameAddr but for `uri`, left empty (its text is checked, not
// decoded into a Uri): for readers of tags, display names and the URI as written.
Result<NameAddr> parse_name_addr_shallow(std::string_view value);
// The tag param's value of a From or To value as parse_name_addr_shallow reads it, but
// with the URI unchecked (parse() checked it when the message came) and no param list
// built: empty when there is none, nullopt when the value does not read as an address.
std::optional<std::string_view> name_addr_tag(std::string_view value);
// Contact "*" is accepted by this one only (returns is_star).
struct ContactValue {
  bool is_star = false;
  NameAddr addr;
};
Result<ContactValue> parse_contact(std::string_view value);
// The verdicts of parse_name_addr() and parse_contact() (same reasons and offsets)
// without building the value: how parse() checks From, To and Contact.
Result<void> check_name_addr(std::string_view value);
Result<void> check_contact(std::string_view value);

// One Via value: "SIP/2.0/UDP host:port;branch=...;received=...;rport".
struct Via {
  std::string_view protocol;   // "SIP"
  std::string_view version;    // "2.0"
  std::string_view transport;  // "UDP", "TCP", "TLS", "SCTP", "WS", any token
  std::string_view host;       // IPv6 without the []
  HostKind host_kind = HostKind::None;
  std::optional<std::uint16_t> port;
  Params params;

  std::optional<std::string_view> branch() const { return params.get("branch"); }
  std::optional<std::string_view> received() const { return params.get("received"); }
  bool has_rport() const { return params.has("rport"); }
  std::optional<std::uint16_t> rport() const;  // value of rport=NNNN if present
  std::string sent_by() const;                  // "host[:port]" with IPv6 in []
};
Result<Via> parse_via(std::string_view value);
// parse_via()'s verdict without building the Via (how parse() checks each Via).
Result<void> check_via(std::string_view value);

struct CSeq {
  std::uint32_t number = 0;
  std::string_view method;
};
Result<CSeq> parse_cseq(std::string_view value);

// RAck (RFC 3262): "rseq cseq method".
struct RAck {
  std::uint32_t rseq = 0;
  std::uint32_t cseq = 0;
  std::string_view method;
};
Result<RAck> parse_rack(std::string_view value);

// Scalars: digits only, range checked.
Result<std::uint32_t> parse_content_length(std::string_view value);  // <= 2^32-1
Result<std::uint8_t> parse_max_forwards(std::string_view value);     // 0..255
Result<std::uint32_t> parse_expires(std::string_view value);         // delta-seconds
Result<std::uint32_t> parse_rseq(std::string_view value);            // 1..2^32-1
Result<std::uint32_t> parse_uint32(std::string_view value);

// token + params: Event (RFC 6665, token may contain '.'), Subscription-State,
// Content-Disposition, Session-Expires ("delta;refresher=uac"), Retry-After, ...
struct TokenParams {
  std::string_view token;
  Params params;
};
Result<TokenParams> parse_token_params(std::string_view value);
Result<TokenParams> parse_event(std::string_view value);
Result<TokenParams> parse_subscription_state(std::string_view value);

// Comma-separated token lists: Require, Supported, Proxy-Require, Unsupported, Allow.
// Takes a whole header value (or the values joined); empty list is allowed.
Result<std::vector<std::string_view>> parse_token_list(std::string_view value);
inline Result<std::vector<std::string_view>> parse_option_tags(std::string_view value) {
  return parse_token_list(value);
}

// Content-Type / Accept element: "type/subtype;params".
struct MediaType {
  std::string_view type;
  std::string_view subtype;
  Params params;
};
Result<MediaType> parse_media_type(std::string_view value);

}  // namespace scn::sip

// Composing outgoing SIP messages: start line, ordered headers, body with automatic
// Content-Length; and RFC 3261 8.2.6 response skeletons built from a request.
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

// Default reason phrase of a status code, as the schema gives it ("Unknown" if it has
// none).
std::string_view default_reason(int status);

// Response skeleton per RFC 3261 8.2.6.2: copies every Via (in order), From, To,
// Call-ID and CSeq; the caller adds Contact, Record-Route etc. as dialogs need. Adds
// ";tag=to_tag" to To when to_tag is non-empty and To has no tag yet. For 100 the
// Timestamp is copied too (8.2.6.1). Content-Length is automatic (0 without a body).
MessageBuilder make_response(const Message& request, int status, std::string_view reason = {},
                             std::string_view to_tag = {});

}  // namespace scn::sip
