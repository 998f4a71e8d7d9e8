// Paths into a SIP message, as the scenario language writes them: `Request-URI`,
// `Status`, `Reason`, `Method`, `Header`, `Header[N]`, `Header.part`,
// `Header.addr-spec.user`, `CSeq.seq`, `RAck.rseq`, `body`.
//
// Generated code hands over pre-split Path values (header name, index, part), so the
// hot path never re-parses text; parse_path() exists for tests and the REPL.
//
// resolve() is the one place that knows how to find a path's values in a Message; both
// template building (what to replace) and matching (what to compare) rely on the same
// meaning of each path.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace scn::sip {

class Message;

enum class PathTarget {
  RequestUri,  // Request-URI (its parts: user, host, port, any uri-parameter)
  Status,      // status code of a response
  Reason,      // reason phrase of a response (see Path::parse_path for "Reason")
  Method,      // method of a request
  Header,      // a header field (name in Path::header)
  Body,        // the message body
};

enum class PathPart {
  Whole,        // the value itself (for index 0 of a list header: the whole list)
  AddrSpec,     // `addr-spec` / `uri` of a name-addr header
  DisplayName,  // `display-name`
  Param,        // a header parameter (`tag`, `branch`, `expires`, `isfocus`, ...)
  UriUser,      // `addr-spec.user`, `Request-URI.user`
  UriHost,      // `addr-spec.host`
  UriPort,      // `addr-spec.port`
  UriParam,     // `addr-spec.transport`, `Request-URI.lr`, ...
  Token,        // `value`: the leading token of a token;params header (Event, Subscription-State)
  CSeqSeq,      // `CSeq.seq`
  CSeqMethod,   // `CSeq.method`, `RAck.method`
  RAckRSeq,     // `RAck.rseq`
  RAckCSeq,     // `RAck.cseq`
  ViaSentBy,    // `Via.sent-by` ("host[:port]")
  ViaTransport, // `Via.transport` ("UDP")
  ViaHost,      // `Via.host`
  ViaPort,      // `Via.port`
};

struct Path {
  PathTarget target = PathTarget::Header;
  std::string header;        // canonical header name for PathTarget::Header
  std::uint32_t index = 0;   // 1-based value index across fields and comma lists; 0 = none given
  PathPart part = PathPart::Whole;
  std::string name;          // parameter name for Param and UriParam

  // Builders for generated code and tests.
  static Path request_uri(PathPart part = PathPart::Whole, std::string param = {});
  static Path status();
  static Path reason();
  static Path method();
  static Path body();
  static Path header_value(std::string_view header, std::uint32_t index = 0);
  static Path header_part(std::string_view header, PathPart part, std::uint32_t index = 0);
  static Path header_param(std::string_view header, std::string param, std::uint32_t index = 0);

  // True when the path designates a URI (Request-URI, Header.addr-spec).
  bool designates_uri() const;
};

bool operator==(const Path& a, const Path& b);

// Text form as the language writes it ("Contact[2].addr-spec.user"), for reports.
std::string to_string(const Path& path);

// Parses the text form. Header names are case-insensitive and may be compact ("v.branch").
// "Reason" alone means the reason phrase; the RFC 3326 Reason header is reached with an
// index or a part ("Reason[1]", "Reason.cause") or by resolve() on a request.
// "Reason-Phrase" and "Status-Code" are accepted as spelled in RFC 3261.
Result<Path> parse_path(std::string_view text);

// How values at a path compare (used by matching; RFC 3261 7.3.1, 19.1.4, 20).
enum class ValueKind {
  Text,      // exact (quoted strings, Call-ID, tags, branches, bodies, free text)
  Token,     // case-insensitive (tokens, hosts, option tags, media types)
  Number,    // decimal integers ("070" == "70")
  Uri,       // RFC 3261 19.1.4 URI comparison
  NameAddr,  // URI by 19.1.4, header parameters as a set, display name when expected
};

// Values found at a path. Absent when `values` is empty. A valueless parameter
// (";lr", ";isfocus") is present with one empty value.
struct Resolved {
  ValueKind kind = ValueKind::Text;
  std::vector<std::string> values;
  std::string error;  // why a part could not be read (header unparsable), else empty

  bool present() const { return !values.empty(); }
  // The values joined with ", " (how a list header is written).
  std::string joined() const;
};

// Index 0 with a part reads the first value ("Via.branch" is the top Via's branch);
// index 0 without a part reads every value; index N reads the N-th value.
Resolved resolve(const Message& message, const Path& path);

// How a header's whole values compare ("To" -> NameAddr, "Require" -> Token, ...).
ValueKind header_value_kind(std::string_view canonical_name);
// Headers whose values are name-addr / addr-spec (To, From, Contact, Route, ...).
bool is_name_addr_header(std::string_view canonical_name);

}  // namespace scn::sip
