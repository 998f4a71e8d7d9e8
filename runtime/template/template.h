// template: building the SS's messages from templates (fill, edit, build) and matching
// the UE's messages against templates. Both read a message through the same paths.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/base.h"
#include "base/random.h"
#include "scn/scn_rt.h"

// Fresh identifiers for outgoing messages: tags, Via branches, Call-IDs.
// Seedable so tests and replayed runs produce the same messages; unique per generator
// because a counter is mixed into every identifier.
namespace scn::sip {

class IdGenerator {
 public:
  IdGenerator();  // seeded from the kernel (random_seed)
  explicit IdGenerator(std::uint64_t seed);

  std::string tag();                              // 10 hex digits + counter
  std::string branch();                           // "z9hG4bK" + 16 hex digits + counter
  std::string call_id(std::string_view host);     // hex "@" host

 private:
  std::string hex(unsigned digits);

  SplitMix64 rng_;
  std::uint64_t counter_ = 0;
};

}  // namespace scn::sip

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
namespace scn::sip {

class Message;

// Generated code names targets and parts with the constants of scn_rt.h; the runtime's
// enumerators take their values from there, so that no order has to be kept in step.
// The executor accepts from the ABI only values that name an enumerator (to_path).
enum class PathTarget {
  RequestUri = SCN_PATH_REQUEST_URI,  // Request-URI (its parts: user, host, port, uri-params)
  Status = SCN_PATH_STATUS,           // status code of a response
  Reason = SCN_PATH_REASON,           // reason phrase of a response (see parse_path)
  Method = SCN_PATH_METHOD,           // method of a request
  Header = SCN_PATH_HEADER,           // a header field (name in Path::header)
  Body = SCN_PATH_BODY,               // the message body
};

// How a path writes each part: the table of part names, template/parts.cpp.
enum class PathPart {
  Whole = SCN_PART_WHOLE,                 // the value (index 0 of a list header: the list)
  AddrSpec = SCN_PART_ADDR_SPEC,          // `addr-spec` / `uri` of a name-addr header
  DisplayName = SCN_PART_DISPLAY_NAME,    // `display-name`
  Param = SCN_PART_PARAM,                 // a header parameter (`tag`, `branch`, `isfocus`)
  UriUser = SCN_PART_URI_USER,            // `addr-spec.user`, `Request-URI.user`
  UriHost = SCN_PART_URI_HOST,            // `addr-spec.host`
  UriPort = SCN_PART_URI_PORT,            // `addr-spec.port`
  UriParam = SCN_PART_URI_PARAM,          // `addr-spec.transport`, `Request-URI.lr`, ...
  Token = SCN_PART_TOKEN,                 // `value`: leading token (Event, Subscription-State)
  CSeqSeq = SCN_PART_CSEQ_SEQ,            // `CSeq.seq`
  CSeqMethod = SCN_PART_CSEQ_METHOD,      // `CSeq.method`, `RAck.method`
  RAckRSeq = SCN_PART_RACK_RSEQ,          // `RAck.rseq`
  RAckCSeq = SCN_PART_RACK_CSEQ,          // `RAck.cseq`
  ViaSentBy = SCN_PART_VIA_SENT_BY,       // `Via.sent-by` ("host[:port]")
  ViaTransport = SCN_PART_VIA_TRANSPORT,  // `Via.transport` ("UDP")
  ViaHost = SCN_PART_VIA_HOST,            // `Via.host`
  ViaPort = SCN_PART_VIA_PORT,            // `Via.port`
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

// Building outgoing messages (SS -> UE) from a template plus overrides.
//
// A SendTemplate is a start line, an ordered list of rows {path, value} and an optional
// body. build() starts from what the runtime fills by itself (Via with a fresh branch,
// Max-Forwards, Call-ID, CSeq, dialog From/To/Route/Request-URI for in-dialog requests;
// Via/From/To/Call-ID/CSeq copied from the request for responses, RFC 3261 8.2.6.2),
// applies the template rows, then the overrides, and finally completes tags, branches,
// Content-Type and Content-Length. Headers a row sets as a whole are never filled, and
// each fill can be switched off with SendTemplate::fill.
namespace scn::sip {

class Dialog;
class Message;

// What a row puts at its path. The kinds are the ABI's send operations (enum scn_send_op)
// and take their values from there.
struct SendValue {
  enum class Kind {
    Text = SCN_SEND_SET,         // set (replace the header / value / param / URI part)
    Absent = SCN_SEND_ABSENT,    // remove the header, the N-th value or the param
    Present = SCN_SEND_PRESENT,  // a valueless param (";isfocus"); for a header: keep it,
                                 // or add it empty
    Append = SCN_SEND_APPEND,    // add a value after the existing ones (list headers, body)
  };
  Kind kind = Kind::Text;
  std::string text;

  static SendValue of(std::string text) { return {Kind::Text, std::move(text)}; }
  static SendValue absent() { return {Kind::Absent, {}}; }
  static SendValue present() { return {Kind::Present, {}}; }
  static SendValue append(std::string text) { return {Kind::Append, std::move(text)}; }
};

struct SendRow {
  Path path;
  SendValue value;
};

// What the runtime fills in when the template does not say it. All on by default.
struct FillFlags {
  bool via = true;             // requests: top Via with the SS's sent-by; responses: copied Vias
  bool branch = true;          // a fresh z9hG4bK branch on every Via value without one (requests)
  bool max_forwards = true;    // requests: Max-Forwards: 70
  bool call_id = true;
  bool cseq = true;
  bool from_to = true;         // responses: copied; in-dialog requests: from the dialog
  bool tags = true;            // From tag (requests), To tag (responses other than 100)
  bool route = true;           // in-dialog requests: Route from the route set
  bool request_uri = true;     // in-dialog requests with an empty Request-URI: remote target
  bool contact = true;         // BuildContext::contact on dialog-creating / target-refresh messages
  bool content_type = true;    // guessed from the body when there is a body and none is set
  bool content_length = true;  // always the body size
};

struct SendTemplate {
  // Start line: a request when `method` is non-empty, else a response.
  std::string method;
  std::string request_uri;  // empty: the dialog's remote target (in-dialog requests)
  int status = 0;
  std::string reason;       // empty: the standard phrase
  std::vector<SendRow> rows;
  std::optional<std::string> body;
  FillFlags fill;

  static SendTemplate request(std::string method, std::string request_uri = {});
  static SendTemplate response(int status, std::string reason = {});
  SendTemplate& set(Path path, std::string text);
  SendTemplate& set(Path path, SendValue value);
  // Convenience for tests and the REPL: the path in text form; an unparsable path is
  // kept as an error that build() reports.
  SendTemplate& set(std::string_view path, std::string text);
  SendTemplate& set(std::string_view path, SendValue value);
  SendTemplate& with_body(std::string bytes);

  bool is_request() const { return !method.empty(); }
  std::vector<std::string> path_errors;  // from the text-path convenience setters
};

// What build() may read from the runtime.
struct BuildContext {
  std::string local_host = "127.0.0.1";  // the SS's sent-by host (IPv6 without [])
  std::uint16_t local_port = 5060;
  std::string transport = "UDP";
  IdGenerator* ids = nullptr;          // required: tags, branches, Call-IDs
  Dialog* dialog = nullptr;            // in-dialog: tags, CSeq (consumed), routing
  const Message* request = nullptr;    // responses: the request being answered
  std::string contact;                 // e.g. "<sip:ss@127.0.0.1:5060>"; empty: never added
  std::string local_tag;               // To tag for responses when there is no dialog
  std::string default_request_uri;     // a request whose rows give none (a played UE's REGISTER)
};

// The message text, ready to send, or why it could not be built (bad path, a part of a
// header that does not exist, a response without the request it answers, ...).
Result<std::string> build(const SendTemplate& tmpl, std::span<const SendRow> overrides,
                          BuildContext& context);
inline Result<std::string> build(const SendTemplate& tmpl, BuildContext& context) {
  return build(tmpl, {}, context);
}

// The rows of `tmpl` over an existing message instead of over the fills (a message a
// proxy forwards): the start line, header fields and body of `base`, then the rows;
// a body of `tmpl` replaces the message's; Content-Length and, for a body without one,
// Content-Type follow tmpl.fill. Nothing else is filled; the start line of `tmpl` is
// not used.
Result<std::string> build_on(const Message& base, const SendTemplate& tmpl,
                             BuildContext& context);

// Content-Type guessed from a body: application/sdp, message/sipfrag;version=2.0,
// application/conference-info+xml, application/reginfo+xml, application/xml, text/plain.
std::string guess_content_type(std::string_view body);

}  // namespace scn::sip

// What matching an incoming message produced: every mismatch (not only the first) and
// the values captured for later steps (verdicts carry the mismatches).
namespace scn::sip {

struct Mismatch {
  std::string path;      // "Via.branch", "Route", "Status"
  std::string expected;  // human readable: "\"INVITE\"", "starts \"z9hG4bK\"", "absent"
  std::string received;  // the value as received, or kAbsent
  std::string origin = {};  // where the expectation comes from (scn_match_row.origin), or ""
};

inline constexpr std::string_view kAbsent = "<absent>";

struct Capture {
  std::string slot;
  std::string value;
};

// How one row of a template fared against one message (verbose logs of every match).
struct RowOutcome {
  std::string path;
  std::string expected;
  std::string received;
  bool ok = true;
  std::string origin;
};

struct MatchResult {
  bool ok = true;
  std::vector<Mismatch> mismatches;
  std::vector<Capture> captures;
  std::vector<RowOutcome> rows;  // every row, in template order (RowOutcomes::Every)

  // The captured value of a slot, or nullptr.
  const std::string* captured(std::string_view slot) const {
    for (const Capture& c : captures) {
      if (c.slot == slot) return &c.value;
    }
    return nullptr;
  }
};

// One line per mismatch: `Via.branch: expected starts "z9hG4bK", received "abc"`.
std::string describe(const Mismatch& mismatch);

}  // namespace scn::sip

// Matching incoming messages (UE -> SS) against matching templates.
//
// A MatchTemplate is the expected method or status plus rows {path, Matcher}. match()
// checks every row and collects every mismatch with its path, what was expected and
// what was received. Regular expressions are compiled once, when the Matcher is made.
namespace scn::sip {

class Message;

class Matcher {
 public:
  // The ABI's match kinds (enum scn_match_kind), with their values; its EQUAL_LIST is an
  // Equal with several values.
  enum class Kind {
    Equal = SCN_MATCH_EQUAL,
    Present = SCN_MATCH_PRESENT,
    Absent = SCN_MATCH_ABSENT,
    Any = SCN_MATCH_ANY,
    Prefix = SCN_MATCH_PREFIX,
    Regex = SCN_MATCH_REGEX,
    OneOf = SCN_MATCH_ONE_OF,
  };

  Matcher() = default;  // Any

  // Equality by the kind of value at the path: URIs by RFC 3261 19.1.4, tokens
  // case-insensitively, numbers numerically, everything else exactly.
  static Matcher equal(std::string value);
  // Ordered list (Route = <a>, <b>): one expected value per received value, in order.
  static Matcher equal_list(std::vector<std::string> values);
  static Matcher present();
  static Matcher absent();
  static Matcher any();
  static Matcher prefix(std::string text);  // case-sensitive, on the value as received
  // ECMAScript; found anywhere in the value (anchor with ^...$ for a whole match).
  // An invalid pattern is an error here, never at match time. Values longer than 4096
  // bytes are not searched (std::regex would overflow the stack): they do not match.
  static Result<Matcher> regex(std::string pattern);
  static Matcher one_of(std::vector<std::string> values);
  // Value not checked but stored.
  static Matcher capture_only(std::string slot) { return any().capture(std::move(slot)); }

  // Also store the value (when present) under `slot`; combines with any matcher.
  Matcher& capture(std::string slot) {
    slot_ = std::move(slot);
    return *this;
  }

  Kind kind() const { return kind_; }
  const std::vector<std::string>& values() const { return values_; }
  const std::string& capture_slot() const { return slot_; }
  // The compiled expression (shared by copies of this matcher), nullptr unless Regex.
  const std::regex* compiled() const { return regex_.get(); }
  // As a report shows it: "\"INVITE\"", "present", "starts \"z9hG4bK\"", "matches /x/".
  std::string describe() const;

 private:
  Matcher(Kind kind, std::vector<std::string> values) : kind_(kind), values_(std::move(values)) {}

  Kind kind_ = Kind::Any;
  std::vector<std::string> values_;
  std::shared_ptr<const std::regex> regex_;
  std::string slot_;
};

// Regex matchers by pattern, compiled once and shared by every executor that is given the
// cache: a load run's instances would otherwise compile each pattern again per call
// (std::regex's compiler was a tenth of an instance's CPU). Safe from any thread; a
// compiled expression is only read once made.
class RegexCache {
 public:
  // The matcher of PATTERN (Matcher::regex), made on first use; errors are not kept.
  Result<Matcher> get(const std::string& pattern);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, Matcher> made_;
};

struct MatchRow {
  Path path;
  Matcher matcher;
  // Where the row comes from (scn_match_row.origin), or "": a view, as a template lives
  // no longer than the expect that compiled it (a mismatch copies it).
  std::string_view origin = {};
};

class MatchTemplate {
 public:
  static MatchTemplate request(std::string method);
  static MatchTemplate response(int status);  // 0: any status
  static MatchTemplate any_message() { return {}; }

  // Adds a row. An Equal with one value on a whole list header (Route, Record-Route,
  // Via, Require, ...) is split into an ordered list here, once.
  // `origin` goes into the row's mismatches.
  MatchTemplate& add(Path path, Matcher matcher, std::string_view origin = {});
  // Text path (tests, REPL); an unparsable path is recorded and reported by match().
  MatchTemplate& add(std::string_view path, Matcher matcher);
  // Adds a row as add() made it (a kept copy of one): no list splitting again.
  MatchTemplate& add_made(MatchRow row);
  void reserve(std::size_t rows) { rows_.reserve(rows); }

  const std::string& method() const { return method_; }
  int status() const { return status_; }
  bool expects_request() const { return !method_.empty(); }
  const std::vector<MatchRow>& rows() const { return rows_; }
  const std::vector<std::string>& path_errors() const { return path_errors_; }

 private:
  std::string method_;
  int status_ = 0;
  std::vector<MatchRow> rows_;
  std::vector<std::string> path_errors_;
};

// The rows of matching templates as MatchTemplate::add made them, shared by every
// executor given the cache (a load run's instances), by the address of the static row
// they were made from (scn_match_row: the program's data, as long as the run): a row is
// made once, not at every expect (making them was a tenth of an instance's
// instructions). A row whose operands the run computes is made anew each time from the
// kept one's path. Safe from any thread; a kept row is only read.
class MatchRowCache {
 public:
  std::shared_ptr<const MatchRow> find(const void* id) const;
  void keep(const void* id, std::shared_ptr<const MatchRow> row);  // the first one stays

 private:
  mutable std::mutex mutex_;
  std::unordered_map<const void*, std::shared_ptr<const MatchRow>> rows_;
};

// Calls visit(row, index) for each row of an ABI template that is on (row_on), with its
// run-time operands (row_values) in place of the static ones, in order, until visit
// returns false.
template <class Visit>
void visit_rows(const scn_match_template& tmpl, Visit&& visit) {
  for (std::size_t i = 0; i < tmpl.row_count; ++i) {
    if (tmpl.row_on && !tmpl.row_on[i]) continue;
    scn_match_row row = tmpl.rows[i];
    if (tmpl.row_values && tmpl.row_values[i]) row.values = tmpl.row_values[i];
    if (!visit(static_cast<const scn_match_row&>(row), i)) return;
  }
}

// What match() writes besides the verdict, mismatches and captures: every row's outcome
// (MatchResult::rows, for the report of a verbose run), or none; a silent run matches
// many messages and reads no row's text, which was a tenth of a load call's allocations.
enum class RowOutcomes { Every, None };
MatchResult match(const MatchTemplate& tmpl, const Message& message, RowOutcomes rows = RowOutcomes::Every);

// Equality of one expected and one received value of the given kind.
bool values_equal(ValueKind kind, std::string_view expected, std::string_view received);

}  // namespace scn::sip
