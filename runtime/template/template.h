// Building outgoing messages (SS -> UE) from a template plus overrides.
//
// A SendTemplate is a start line, an ordered list of rows {path, value} and an optional
// body. build() starts from what the runtime fills by itself (Via with a fresh branch,
// Max-Forwards, Call-ID, CSeq, dialog From/To/Route/Request-URI for in-dialog requests;
// Via/From/To/Call-ID/CSeq copied from the request for responses, RFC 3261 8.2.6.2),
// applies the template rows, then the overrides, and finally completes tags, branches,
// Content-Type and Content-Length. Headers a row sets as a whole are never filled, and
// each fill can be switched off with SendTemplate::fill.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/base.h"
#include "template/ids.h"
#include "template/path.h"

namespace scn::sip {

class Dialog;
class Message;

// What a row puts at its path.
struct SendValue {
  enum class Kind {
    Text,     // set (replace the header / value / param / URI part)
    Absent,   // remove the header, the N-th value or the param
    Present,  // a valueless param (";isfocus"); for a header: keep it, or add it empty
    Append,   // add a value after the existing ones (list headers, body text)
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
};

// The message text, ready to send, or why it could not be built (bad path, a part of a
// header that does not exist, a response without the request it answers, ...).
Result<std::string> build(const SendTemplate& tmpl, std::span<const SendRow> overrides,
                          BuildContext& context);
inline Result<std::string> build(const SendTemplate& tmpl, BuildContext& context) {
  return build(tmpl, {}, context);
}

// Content-Type guessed from a body: application/sdp, message/sipfrag;version=2.0,
// application/conference-info+xml, application/reginfo+xml, application/xml, text/plain.
std::string guess_content_type(std::string_view body);

}  // namespace scn::sip
