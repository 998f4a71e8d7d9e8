// Executor: the media of played parties. Each played party has a media session per
// dialog with a party under test: the offer/answer state (RFC 3264) of the SDP bodies
// that went both ways, and an RTP endpoint (media/) that the SS's own SDP points at.
// sdp_answer() / sdp_offer() in an SS row (scn_sdp) open the endpoint and say where it
// is; the UE's SDP says where to send. Media steps (scn_media) then send or check RTP.
#include <algorithm>

#include "base/random.h"
#include "executor/executor.h"

namespace scn {

namespace {

bool is_sdp(const sip::Message& message) {
  auto type = message.first("Content-Type");
  if (!type || message.body().empty()) return false;
  return sip::to_lower(*type).rfind("application/sdp", 0) == 0;
}

// The o= line's value: a UE repeating its last SDP (a 200 OK after a 183 with the same
// answer) makes no new offer (RFC 3264 8).
std::string origin_of(const body::Sdp& sdp) {
  for (const body::SdpLine& line : sdp.session)
    if (line.type == 'o') return line.value;
  return "";
}

// The payload types of the first audio stream ({} when it has none).
std::vector<int> payload_types_of(const body::Sdp& sdp) {
  std::vector<int> out;
  for (const body::SdpMedia& m : sdp.media) {
    if (m.media() != "audio") continue;
    for (std::string_view f : m.formats())
      if (!f.empty() && f.size() < 4 && std::all_of(f.begin(), f.end(), ::isdigit))
        out.push_back(std::stoi(std::string(f)));
    break;
  }
  return out;
}

std::string list_text(const std::vector<int>& values) {
  std::string out;
  for (int v : values) out += (out.empty() ? "" : ", ") + std::to_string(v);
  return out;
}

// RFC 4566 5.2: a numeric session id; 52 bits keep it within a double's exact range.
std::uint64_t random_session_id() { return random_seed() >> 12; }

std::optional<media::Codec> codec_of(const std::string& encoding) {
  const std::string_view name = std::string_view(encoding).substr(0, encoding.find('/'));
  if (sip::iequals(name, "PCMU")) return media::Codec::pcmu;
  if (sip::iequals(name, "PCMA")) return media::Codec::pcma;
  return std::nullopt;
}

// The played party's side of its next SDP (an open endpoint): a new version each time.
body::MediaEndpoint next_local_sdp(MediaSession& session) {
  body::MediaEndpoint local;
  local.address = session.endpoint->local().host();
  local.port = session.endpoint->port();
  local.session_id = session.session_id;
  local.session_version = ++session.version;
  return local;
}

}  // namespace

MediaSession& Executor::media_session(party::Index played, party::Index under_test,
                                      const std::string& dialog) {
  for (MediaSession& s : media_)
    if (s.played == played && s.under_test == under_test && s.dialog == dialog) return s;
  MediaSession& made = media_.emplace_back();
  made.played = played;
  made.under_test = under_test;
  made.dialog = dialog;
  made.session_id = random_session_id();
  made.version = made.session_id;
  return made;
}

// The stream a media step means: its dialog's, else the pair's last negotiated one.
MediaSession* Executor::media_stream(party::Index played, party::Index under_test,
                                     std::string_view dialog) {
  MediaSession* best = nullptr;
  for (MediaSession& s : media_) {
    if (s.played != played || s.under_test != under_test || !s.endpoint) continue;
    if (!dialog.empty()) {
      if (s.dialog == dialog) return &s;
      continue;
    }
    if (!best || s.order > best->order) best = &s;
  }
  return best;
}

// The session whose UE offer an answer answers: the dialog's, else the pair's latest
// unanswered offer (a dialog a procedure named otherwise).
MediaSession* Executor::session_with_offer(party::Index played, party::Index under_test,
                                           const std::string& dialog) {
  MediaSession& own = media_session(played, under_test, dialog);
  if (own.remote_offer) return &own;
  for (auto it = media_.rbegin(); it != media_.rend(); ++it)
    if (it->played == played && it->under_test == under_test && it->remote_offer) return &*it;
  return own.last_answer.empty() ? nullptr : &own;
}

Result<void> Executor::open_endpoint(MediaSession& session) {
  if (session.endpoint) return {};
  const net::Transport* transport = transport_of(session.played);
  if (!transport) return make_error("no transport for " + name_of(session.played));
  auto opened = media::Endpoint::open(loop_, transport->local(), options_.port_pairs);
  if (!opened) return make_error("cannot open an RTP endpoint for " + name_of(session.played) +
                                 ": " + opened.reason());
  session.endpoint = std::move(opened).value();
  if (!options_.pcap_file.empty()) session.endpoint->set_tap(capture_tap());
  return {};
}

// What the endpoint sends and accepts once both SDPs of an exchange are known.
void Executor::apply_negotiated(MediaSession& session, const body::Sdp& local,
                                const body::Sdp& remote, bool local_is_offerer) {
  auto result = body::negotiated(local, remote, local_is_offerer);
  if (!result) {
    set_fail(stream_name(session) + ": " + result.reason());
    return;
  }
  const body::Negotiated& n = result.value();
  session.negotiated = n;
  session.order = ++media_order_;
  // RFC 3264 6.1: the formats of the answer, which must all be in the offer, are the ones
  // either side may send.
  const std::vector<int> offered = payload_types_of(local_is_offerer ? local : remote);
  const std::vector<int> answered = payload_types_of(local_is_offerer ? remote : local);
  session.payload_types.clear();
  for (int pt : answered) {
    if (std::find(offered.begin(), offered.end(), pt) != offered.end()) {
      session.payload_types.push_back(pt);
    } else if (local_is_offerer) {
      set_fail(stream_name(session) + ": the answer has payload type " + std::to_string(pt) +
               ", which the offer did not have (" + list_text(offered) + "; RFC 3264 6.1)");
      return;
    }
  }
  auto codec = codec_of(n.encoding);
  session.decodable = codec.has_value();
  if (!session.endpoint || n.rejected || n.payload_type < 0) return;
  auto address = net::Address::from_host(n.remote_address, n.remote_port);
  if (!address) return;  // 0.0.0.0 hold or a name: nothing to send to
  media::Format format;
  format.codec = codec.value_or(media::Codec::pcmu);
  format.payload_type = static_cast<std::uint8_t>(n.payload_type);
  if (n.telephone_event) format.event_payload_type = static_cast<std::uint8_t>(*n.telephone_event);
  format.ptime_ms = static_cast<int>(n.ptime ? n.ptime : 20);
  if (auto set = session.endpoint->set_remote(*address, format); !set)
    set_fail(stream_name(session) + ": " + set.reason());
  if (!n.send) session.endpoint->stop_sending();
}

std::string Executor::sdp(int kind) {
  if (stopped()) return "";
  if (!building_) {
    set_error("sdp_answer() and sdp_offer() are the body of a message the SS sends");
    return "";
  }
  const scn_out& out = *building_;
  const std::string dialog = out.dialog.empty() ? step_.dialog : out.dialog;
  if (!roster_.under_test(out.to) || roster_.under_test(out.from)) {
    set_error("sdp_answer() and sdp_offer() need a played party sending to a party under test");
    return "";
  }
  if (kind == SCN_SDP_ANSWER) {
    MediaSession* session = session_with_offer(out.from, out.to, dialog);
    if (!session) {
      set_error("sdp_answer(): " + who(out.to) + " has made no SDP offer to " +
                name_of(out.from) + " to answer");
      return "";
    }
    if (!session->remote_offer) return session->last_answer;  // the same answer again
    if (auto opened = open_endpoint(*session); !opened) {
      set_error(opened.reason());
      return "";
    }
    auto answer = body::make_answer(*session->remote_offer, next_local_sdp(*session));
    if (!answer) {
      set_fail(stream_name(*session) + ": cannot answer the offer: " + answer.reason());
      return "";
    }
    apply_negotiated(*session, answer.value().sdp, *session->remote_offer, false);
    session->remote_offer.reset();
    session->last_answer = body::to_text(answer.value().sdp);
    return session->last_answer;
  }
  if (kind != SCN_SDP_OFFER) {
    set_error("scn_sdp: unknown kind " + std::to_string(kind));
    return "";
  }
  MediaSession& session = media_session(out.from, out.to, dialog);
  if (auto opened = open_endpoint(session); !opened) {
    set_error(opened.reason());
    return "";
  }
  session.local_offer = body::make_offer(next_local_sdp(session));
  session.remote_offer.reset();
  return body::to_text(*session.local_offer);
}

// A UE's SDP is the answer to the SS's pending offer, a repeat of its last one, or a new
// offer (RFC 3264 4).
void Executor::note_sdp(const sip::Message& message, party::Index sender) {
  if (!is_sdp(message) || roster_.under_test(step_.to)) return;
  auto parsed = body::parse_sdp(message.body());
  if (!parsed) return;  // the rows judge a malformed body
  MediaSession& session = media_session(step_.to, sender, step_.dialog);
  const std::string origin = origin_of(parsed.value());
  if (session.local_offer) {
    const body::Sdp offer = std::move(*session.local_offer);
    session.local_offer.reset();
    session.last_remote_origin = origin;
    apply_negotiated(session, offer, parsed.value(), true);
    return;
  }
  if (!origin.empty() && origin == session.last_remote_origin) return;
  session.last_remote_origin = origin;
  session.remote_offer = std::move(parsed).value();
}

void Executor::end_media(party::Index played, party::Index under_test, const std::string& dialog) {
  for (MediaSession& s : media_)
    if (s.played == played && s.under_test == under_test && s.dialog == dialog && s.endpoint) {
      s.endpoint->stop_sending();
      s.sending.clear();
    }
}

std::string Executor::stream_name(const MediaSession& session) const {
  return "RTP " + name_of(session.under_test) + " -> " + name_of(session.played);
}

// The MRFP's mix for one participant: what the played party's other streams receive,
// the streams of the moment (participants come and go).
media::Source Executor::mix_source(MediaSession& session) {
  MediaSession* own = &session;
  return media::mix_source([this, own] {
    std::vector<const media::Endpoint*> others;
    for (const MediaSession& other : media_)
      if (&other != own && other.played == own->played && other.endpoint)
        others.push_back(other.endpoint.get());
    return others;
  });
}

int Executor::media(int op, std::string_view dialog, std::string_view value,
                    const scn_media_check* check) {
  if (stopped()) return SCN_STOP;
  const bool ue_sends = step_.direction == Direction::UeToSs;
  const party::Index played = ue_sends ? step_.to : step_.from;
  const party::Index under_test = ue_sends ? step_.from : step_.to;
  MediaSession* session = media_stream(played, under_test, dialog);
  if (!session) {
    set_error("no media stream between " + name_of(played) + " and " + name_of(under_test) +
              (dialog.empty() ? "" : " in dialog " + std::string(dialog)) +
              ": the SS gives its media endpoint with body = sdp_answer() or sdp_offer()");
    return SCN_STOP;
  }
  media::Endpoint& endpoint = *session->endpoint;
  const std::string name = ue_sends ? stream_name(*session)
                                    : "RTP " + name_of(played) + " -> " + name_of(under_test);
  if (op != SCN_MEDIA_CHECK && op != SCN_MEDIA_STOP && !endpoint.remote()) {
    set_fail(name + ": " + name_of(under_test) + "'s SDP gives no address to send to");
    return SCN_STOP;
  }
  switch (op) {
    case SCN_MEDIA_TONE: {
      const std::string hz(value);
      auto frequency = media::parse_frequency(hz);
      if (!frequency) {
        set_error(name + ": " + frequency.reason());
        return SCN_STOP;
      }
      endpoint.send_tone(*frequency);
      session->sending = "tone " + hz + " Hz";
      return SCN_OK;
    }
    case SCN_MEDIA_SILENCE:
      endpoint.send_silence();
      session->sending = "silence";
      return SCN_OK;
    case SCN_MEDIA_MIX:
      endpoint.send_source(mix_source(*session));
      session->sending = "mix";
      return SCN_OK;
    case SCN_MEDIA_DTMF:
      if (auto sent = endpoint.send_dtmf(value); !sent) {
        // No telephone-event negotiated: the digits go in-band (RFC 4733 1.1).
        endpoint.send_source(media::dtmf_source(std::string(value)));
      }
      session->sending = "dtmf";
      return SCN_OK;
    case SCN_MEDIA_STOP:
      endpoint.stop_sending();
      session->sending.clear();
      return SCN_OK;
    case SCN_MEDIA_CHECK:
      // What the party under test sends the played party; in a step of the played party's
      // (the mirror's UE sending) it is judged while the played party sends.
      if (!check) {
        set_error("a media check watches what a party under test sends");
        return SCN_STOP;
      }
      return media_check(*session, *check);
    default:
      set_error("scn_media: unknown operation " + std::to_string(op));
      return SCN_STOP;
  }
}

// What an endpoint's tap gives, kept for write_capture().
media::Endpoint::Tap Executor::capture_tap() {
  return [this](bool, const net::Address& from, const net::Address& to,
                std::span<const std::uint8_t> datagram) {
    const auto since = std::chrono::steady_clock::now() - trace_.start();
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(since).count();
    rtp_capture_.push_back({static_cast<std::uint64_t>(std::max<std::int64_t>(us, 0)), from, to,
                            std::vector<std::uint8_t>(datagram.begin(), datagram.end()), false});
  };
}

}  // namespace scn
