// body: structured message bodies. XML bodies (RFC 4575 conference-info, RFC 3680
// reginfo, ...) are read and edited by paths, so a template row can say
// `body.conference-info.users.user[entity = "sip:u@h"].endpoint.status = "connected"`
// and a mismatch can name the element. pugixml parses and writes the XML.
//
// An XML path is the part after `body.`: element names from the root down, each
// optionally selected by a 1-based position (`user[2]`) or by an attribute value
// (`user[entity = "sip:u@h"]`); the last name is a child element (its text) or, when the
// element has no such child, an attribute of the element; `@name` always means the
// attribute. Names match the local part (no namespace prefix).
//
// SDP bodies (RFC 4566) are parsed into their lines, session part and media sections,
// read and edited by paths (`sdp.m[audio].rtpmap[0]`, see sdp_get), and serialised back
// with CRLF line ends; an unedited CRLF body comes back byte for byte. The offer/answer
// functions (RFC 3264, RFC 3312 preconditions) build the SS's offers and answers and say
// what an endpoint must send and expect once both sides have spoken.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace scn::body {

struct XmlStep {
  std::string name;
  bool attribute = false;  // `@name`
  std::uint32_t index = 0; // `[N]`, 1-based; 0: none
  std::string key;         // `[key = "value"]`
  std::string key_value;
};

Result<std::vector<XmlStep>> parse_xml_path(std::string_view path);

// The text at `path`: an element's text content or an attribute's value; nullopt when
// the document has nothing there. An error when the body is not well-formed XML or the
// path is malformed.
Result<std::optional<std::string>> xml_get(std::string_view document, std::string_view path);

// The document with the value at `path` set (elements created along the way: a step
// selected by an attribute value is created with that attribute), or removed when
// `value` is nullopt (removing what is not there is no change).
Result<std::string> xml_set(std::string_view document, std::string_view path,
                            std::optional<std::string_view> value);

// RFC 4575: is this body a conference-info document?
bool is_conference_info(std::string_view content_type);

// RFC 4575 4.1: versions start at 0 and grow by one for each document sent in a
// subscription; the runtime numbers the documents it sends. The document with its root
// `version` attribute set.
Result<std::string> with_conference_version(std::string_view document, std::uint32_t version);

// ---- SDP (RFC 4566) --------------------------------------------------------------------

// One line: `type` is the letter before '=' ('v', 'o', 'm', 'a', ...) and `value` what
// follows it; a line that is not LETTER=... is kept as it was with type 0.
struct SdpLine {
  char type = 0;
  std::string value;
};

// A media section: lines[0] is its m= line, then its i=, c=, b=, k= and a= lines.
struct SdpMedia {
  std::vector<SdpLine> lines;

  std::string media() const;                  // "audio"
  std::string port() const;                   // "49152" (as written, "49170/2" too)
  std::string proto() const;                  // "RTP/AVP"
  // {"0", "8", "101"}: views into the m= line, valid while it is.
  std::vector<std::string_view> formats() const;
};

struct Sdp {
  std::vector<SdpLine> session;  // v= up to the first m=
  std::vector<SdpMedia> media;
};

// Tolerant of LF-only line ends and of trailing blank lines; an error for a body with no
// line at all or whose first line is not v=.
Result<Sdp> parse_sdp(std::string_view text);
// Every line ended with CRLF.
std::string to_text(const Sdp& sdp);

// The values of the a=NAME and a=NAME:VALUE lines among `lines`, in order ("" for a flag).
std::vector<std::string> sdp_attributes(const std::vector<SdpLine>& lines, std::string_view name);
// What follows the payload type in the first a=ATTRIBUTE:PT ... line of PT among `lines`
// (a=rtpmap:0 PCMU/8000 -> "PCMU/8000"), a view into it; none without such a line.
std::optional<std::string_view> payload_type_attribute(const std::vector<SdpLine>& lines,
                                                       std::string_view attribute,
                                                       std::string_view pt);
// sendrecv, sendonly, recvonly or inactive: the media section's direction attribute, else
// the session's, else "sendrecv" (RFC 3264 5.1).
std::string sdp_direction(const Sdp& sdp, const SdpMedia& media);
// The connection address of a media section: its c= line's, else the session's; "" when
// neither has one.
std::string sdp_connection_address(const Sdp& sdp, const SdpMedia& media);
// "PCMU/8000" for payload type 0 of this section: its a=rtpmap, else the RFC 3551 static
// payload type; "" when unknown.
std::string sdp_encoding(const SdpMedia& media, std::string_view payload_type);
// The same, a view into the section's line or a static text.
std::string_view sdp_encoding_view(const SdpMedia& media, std::string_view payload_type);

// An SDP path is the part after `body.` that starts with `sdp`:
//   sdp.v  sdp.s  sdp.t  sdp.o  sdp.o.username|sess-id|sess-version|nettype|addrtype|address
//   sdp.c  sdp.c.nettype|addrtype|address  sdp.b  sdp.b[AS]  sdp.a[NAME]  sdp.direction
//   sdp.m[N] (the Nth m= line, from 1) or sdp.m[audio] (the first of that media type), then
//     .media .port .proto .fmt .c .c.address ... .b .b[AS] .rtpmap[PT] .fmtp[PT] .a[NAME]
//     .direction
// Reading: a media section's c (and its parts) falls back to the session's c=, its
// direction to the session's then "sendrecv"; a[NAME] joins the values of every such line
// with ", " ("qos local none, qos remote none"; "" for a flag such as a=rtcp-mux).
bool is_sdp_path(std::string_view path);
// The value at `path`; nullopt when the body has nothing there. An error when the body is
// not SDP or the path is malformed.
Result<std::optional<std::string>> sdp_get(std::string_view document, std::string_view path);
// The body with the value at `path` set, or removed when `value` is nullopt: lines are
// replaced where they are, created in RFC 4566 order when missing (c= from an address:
// "IN IP4 a" or "IN IP6 a"); a[NAME] takes one line per ", "-separated item; removing a
// media section (m[...] = absent) removes all its lines. `present` adds a flag a=NAME
// when a[NAME] has no line (other paths refuse it).
Result<std::string> sdp_set(std::string_view document, std::string_view path,
                            std::optional<std::string_view> value, bool present = false);

// ---- Offer/answer (RFC 3264, RFC 3312) ----------------------------------------------------

// A codec an endpoint supports: encoding and clock rate (as in a=rtpmap), its static
// payload type or -1 for a dynamic one, and its fmtp parameters when it offers it.
struct Codec {
  std::string encoding;        // "PCMU", "telephone-event" (compared without case)
  std::uint32_t clock_rate = 8000;
  int payload_type = -1;       // 0..95 static; -1 dynamic
  std::string fmtp;            // "0-15"
};

// PCMU/8000 (0), PCMA/8000 (8), telephone-event/8000 (dynamic, "0-15").
std::vector<Codec> default_codecs();

// The local side of a session: where its RTP goes and how its o= line reads.
struct MediaEndpoint {
  std::string address;             // IPv4 or IPv6 ("IN IP4"/"IN IP6" from its form)
  std::uint16_t port = 0;          // the (first) audio stream's RTP port
  std::uint64_t session_id = 0;
  std::uint64_t session_version = 0;
  std::vector<Codec> codecs = default_codecs();
};

enum class SdpDirection { sendrecv, sendonly, recvonly, inactive };
std::string_view to_string(SdpDirection direction);

// The SS's offer: one audio stream with PCMU, PCMA and telephone-event/8000 (payload type
// 101 unless the endpoint's codecs say otherwise), ptime 20, the given direction (hold:
// sendonly, or inactive).
Sdp make_offer(const MediaEndpoint& local, SdpDirection direction = SdpDirection::sendrecv);

struct Answer {
  Sdp sdp;
  // False when the offer's first audio stream has no codec the endpoint supports: the
  // answer accepts the offer's first audio format anyway, which the SS then carries
  // without decoding it; `note` says so.
  bool decodable = true;
  std::string note;
};

// The RFC 3264 answer to `offer`: the first audio stream accepted on the endpoint's port
// with the formats both support in the offer's order and with the offerer's payload type
// numbers (rtpmap and fmtp copied, telephone-event at the chosen codec's clock rate),
// ptime, maxptime and b= lines copied, the direction mirrored (RFC 3264 6.1); every other
// stream rejected (port 0, the offered formats). With RFC 3312 preconditions in the offer
// (a=des:qos), the SS's resources are ready: curr local sendrecv, curr remote as the
// offerer's curr local, des mirrored with the offer's strength (at least mandatory on
// the SS's own side, RFC 3312 5.1), and conf remote sendrecv
// while the offerer's local resources are not sendrecv yet. An error when the offer has
// no usable audio stream.
Result<Answer> make_answer(const Sdp& offer, const MediaEndpoint& local);

// What the local endpoint sends and expects on the first audio stream once `local` (its
// own offer or answer) and `remote` (the other side's) are known.
struct Negotiated {
  std::string remote_address;      // the remote audio's c= (media, else session)
  std::uint16_t remote_port = 0;
  int payload_type = -1;           // what to send: the first codec of the answer both know
  std::string encoding;            // "PCMU/8000"
  std::optional<int> telephone_event;  // its payload type in the remote SDP
  std::uint32_t ptime = 20;        // the remote side's a=ptime, else the local one's, else 20
  bool rejected = false;           // a port 0 on either side
  bool held = false;               // the remote side's c= is 0.0.0.0 (RFC 2543 hold)
  bool send = false;               // does the local side send RTP
  bool receive = false;            // does it receive
};
Result<Negotiated> negotiated(const Sdp& local, const Sdp& remote, bool local_is_offerer);

}  // namespace scn::body
