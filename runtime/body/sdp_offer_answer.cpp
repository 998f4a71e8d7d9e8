// The SDP offer/answer model (RFC 3264) with RFC 3312 preconditions: the SS's offers, its
// answers to a UE's offers, and what both sides agreed on.
#include <algorithm>
#include <charconv>

#include "body/body.h"

namespace scn::body {

namespace {

std::string lower(std::string_view text) { return sip::to_lower(text); }

struct Encoding {
  std::string name;  // lower case
  std::uint32_t clock_rate = 0;
};

// "AMR-WB/16000/1" -> {"amr-wb", 16000}.
Encoding encoding_of(std::string_view rtpmap) {
  Encoding out;
  const std::size_t slash = rtpmap.find('/');
  out.name = lower(sip::trim(rtpmap.substr(0, slash)));
  if (slash != std::string_view::npos) {
    std::string_view rate = rtpmap.substr(slash + 1);
    rate = rate.substr(0, rate.find('/'));
    std::from_chars(rate.data(), rate.data() + rate.size(), out.clock_rate);
  }
  return out;
}

bool is_telephone_event(const Encoding& e) { return e.name == "telephone-event"; }

std::string address_type(std::string_view address) {
  return address.find(':') == std::string_view::npos ? "IP4" : "IP6";
}

std::vector<SdpLine> session_lines(const MediaEndpoint& local, std::vector<SdpLine> times) {
  const std::string type = address_type(local.address);
  std::vector<SdpLine> out = {
      {'v', "0"},
      {'o', "- " + std::to_string(local.session_id) + " " + std::to_string(local.session_version) +
                " IN " + type + " " + local.address},
      {'s', "-"},
      {'c', "IN " + type + " " + local.address}};
  if (times.empty()) times.push_back({'t', "0 0"});
  out.insert(out.end(), times.begin(), times.end());
  return out;
}

std::string_view direction_name(SdpDirection d) {
  switch (d) {
    case SdpDirection::sendrecv: return "sendrecv";
    case SdpDirection::sendonly: return "sendonly";
    case SdpDirection::recvonly: return "recvonly";
    case SdpDirection::inactive: return "inactive";
  }
  return "sendrecv";
}

// RFC 3264 6.1: the answer's direction for an offered one.
std::string mirrored(std::string_view offered) {
  if (offered == "sendonly") return "recvonly";
  if (offered == "recvonly") return "sendonly";
  if (offered == "inactive") return "inactive";
  return "sendrecv";
}

bool supports(const std::vector<Codec>& codecs, const Encoding& e) {
  return std::any_of(codecs.begin(), codecs.end(), [&](const Codec& c) {
    return lower(c.encoding) == e.name && c.clock_rate == e.clock_rate;
  });
}

std::string swapped(std::string_view tag) {
  if (tag == "local") return "remote";
  if (tag == "remote") return "local";
  return std::string(tag);
}

// RFC 3312 5 and 6: the answerer's precondition attributes. The SS reserves nothing, so
// its own resources are ready (curr local sendrecv).
std::vector<SdpLine> preconditions(const SdpMedia& offer) {
  const std::vector<std::string> des = sdp_attributes(offer.lines, "des");
  if (des.empty()) return {};
  std::vector<std::string> types;
  for (const std::string& d : des) {
    const auto w = sip::split_words(d);
    if (!w.empty() && std::find(types.begin(), types.end(), w[0]) == types.end())
      types.push_back(w[0]);
  }
  std::vector<SdpLine> out;
  for (const std::string& type : types) {
    std::string offerer_local = "none";
    for (const std::string& c : sdp_attributes(offer.lines, "curr")) {
      const auto w = sip::split_words(c);
      if (w.size() >= 3 && w[0] == type && w[1] == "local") offerer_local = w[2];
    }
    out.push_back({'a', "curr:" + type + " local sendrecv"});
    out.push_back({'a', "curr:" + type + " remote " + offerer_local});
    // des mirrored: the offerer's remote is our local; local lines first.
    for (const char* tag : {"remote", "local", "e2e"}) {
      for (const std::string& d : des) {
        const auto w = sip::split_words(d);
        if (w.size() < 4 || w[0] != type || w[2] != tag) continue;
        // The offer's strength; on the SS's own side at least mandatory (RFC 3312 5.1 lets
        // the answerer upgrade it), since its resources are ready whatever it asks for.
        const bool own = swapped(w[2]) == "local";
        const std::string strength =
            own && (w[1] == "optional" || w[1] == "none") ? "mandatory" : w[1];
        out.push_back({'a', "des:" + type + " " + strength + " " + swapped(w[2]) + " " + w[3]});
      }
    }
    if (offerer_local != "sendrecv")
      out.push_back({'a', "conf:" + type + " remote sendrecv"});
  }
  return out;
}

const SdpMedia* first_audio(const Sdp& sdp) {
  for (const SdpMedia& m : sdp.media)
    if (m.media() == "audio") return &m;
  return nullptr;
}

std::uint16_t port_number(std::string_view text) {
  text = text.substr(0, text.find('/'));
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > 65535) return 0;
  return static_cast<std::uint16_t>(value);
}

int pt_number(std::string_view text) {
  int value = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() ? value : -1;
}

}  // namespace

std::string_view to_string(SdpDirection direction) { return direction_name(direction); }

std::vector<Codec> default_codecs() {
  return {{"PCMU", 8000, 0, ""}, {"PCMA", 8000, 8, ""}, {"telephone-event", 8000, -1, "0-15"}};
}

Sdp make_offer(const MediaEndpoint& local, SdpDirection direction) {
  Sdp sdp;
  sdp.session = session_lines(local, {});
  SdpMedia audio;
  std::vector<std::string> formats;
  std::vector<SdpLine> attributes;
  int next_dynamic = 101;
  for (const Codec& codec : local.codecs) {
    const int pt = codec.payload_type >= 0 ? codec.payload_type : next_dynamic++;
    formats.push_back(std::to_string(pt));
    attributes.push_back({'a', "rtpmap:" + std::to_string(pt) + " " + codec.encoding + "/" +
                                   std::to_string(codec.clock_rate)});
    if (!codec.fmtp.empty())
      attributes.push_back({'a', "fmtp:" + std::to_string(pt) + " " + codec.fmtp});
  }
  std::string m = "audio " + std::to_string(local.port) + " RTP/AVP";
  for (const std::string& f : formats) m += " " + f;
  audio.lines.push_back({'m', m});
  audio.lines.insert(audio.lines.end(), attributes.begin(), attributes.end());
  audio.lines.push_back({'a', "ptime:20"});
  audio.lines.push_back({'a', std::string(direction_name(direction))});
  sdp.media.push_back(std::move(audio));
  return sdp;
}

Result<Answer> make_answer(const Sdp& offer, const MediaEndpoint& local) {
  Answer answer;
  std::vector<SdpLine> times;
  for (const SdpLine& line : offer.session)
    if (line.type == 't' || line.type == 'r') times.push_back(line);  // RFC 3264 6
  answer.sdp.session = session_lines(local, std::move(times));
  bool audio_done = false;
  for (const SdpMedia& offered : offer.media) {
    SdpMedia m;
    const std::vector<std::string_view> formats = offered.formats();
    const bool usable = offered.media() == "audio" && !audio_done &&
                        port_number(offered.port()) != 0 && !formats.empty() &&
                        offered.proto().find("RTP/") == 0;
    if (!usable) {  // rejected (RFC 3264 6): port 0, the offered formats
      std::string line = offered.media() + " 0 " + offered.proto();
      for (std::string_view f : formats) line.append(" ").append(f);
      m.lines.push_back({'m', line});
      answer.sdp.media.push_back(std::move(m));
      continue;
    }
    audio_done = true;
    // The formats both support, in the offer's order, with the offerer's numbers.
    std::vector<std::string_view> chosen;
    std::vector<std::uint32_t> rates;
    for (std::string_view f : formats) {
      const Encoding e = encoding_of(sdp_encoding_view(offered, f));
      if (!is_telephone_event(e) && supports(local.codecs, e)) {
        chosen.push_back(f);
        rates.push_back(e.clock_rate);
      }
    }
    if (chosen.empty()) {
      for (std::string_view f : formats) {
        const Encoding e = encoding_of(sdp_encoding_view(offered, f));
        if (is_telephone_event(e)) continue;
        chosen.push_back(f);
        rates.push_back(e.clock_rate);
        answer.decodable = false;
        answer.note = "no offered codec is supported: the answer accepts " +
                      (e.name.empty() ? "payload type " + std::string(f) : sdp_encoding(offered, f)) +
                      ", which the SS carries without decoding it";
        break;
      }
      if (chosen.empty()) return make_error("the offer's audio stream has no audio format");
    }
    const bool dtmf = std::any_of(local.codecs.begin(), local.codecs.end(), [](const Codec& c) {
      return lower(c.encoding) == "telephone-event";
    });
    for (std::string_view f : formats) {
      const Encoding e = encoding_of(sdp_encoding_view(offered, f));
      if (dtmf && is_telephone_event(e) &&
          std::find(rates.begin(), rates.end(), e.clock_rate) != rates.end())
        chosen.push_back(f);
    }
    std::string line = "audio " + std::to_string(local.port) + " " + offered.proto();
    for (std::string_view f : chosen) line.append(" ").append(f);
    m.lines.push_back({'m', line});
    for (const SdpLine& b : offered.lines)
      if (b.type == 'b') m.lines.push_back(b);
    const std::vector<std::string> rtpmaps = sdp_attributes(offered.lines, "rtpmap");
    for (std::string_view f : chosen) {
      // Every a=rtpmap of the format, as offered (a duplicate included).
      for (const std::string& rtpmap : rtpmaps)
        if (rtpmap.substr(0, rtpmap.find(' ')) == f) m.lines.push_back({'a', "rtpmap:" + rtpmap});
      if (auto fmtp = payload_type_attribute(offered.lines, "fmtp", f))
        m.lines.push_back({'a', "fmtp:" + std::string(f) + " " + std::string(*fmtp)});
    }
    for (const char* copied : {"ptime", "maxptime"})
      for (const std::string& v : sdp_attributes(offered.lines, copied))
        m.lines.push_back({'a', std::string(copied) + ":" + v});
    const std::vector<SdpLine> pre = preconditions(offered);
    m.lines.insert(m.lines.end(), pre.begin(), pre.end());
    m.lines.push_back({'a', mirrored(sdp_direction(offer, offered))});
    answer.sdp.media.push_back(std::move(m));
  }
  if (!audio_done) return make_error("the offer has no audio stream to accept");
  return answer;
}

Result<Negotiated> negotiated(const Sdp& local, const Sdp& remote, bool local_is_offerer) {
  const SdpMedia* mine = first_audio(local);
  const SdpMedia* theirs = first_audio(remote);
  if (mine == nullptr) return make_error("the local SDP has no audio stream");
  if (theirs == nullptr) return make_error("the remote SDP has no audio stream");
  Negotiated out;
  out.remote_address = sdp_connection_address(remote, *theirs);
  out.remote_port = port_number(theirs->port());
  out.rejected = port_number(mine->port()) == 0 || out.remote_port == 0;
  out.held = out.remote_address == "0.0.0.0";
  const SdpMedia& answer = local_is_offerer ? *theirs : *mine;
  // The first codec of the answer both list; sent with the number the remote side gave it.
  const std::vector<std::string_view> answered = answer.formats();
  const std::vector<std::string_view> their_formats = theirs->formats();
  for (std::string_view f : answered) {
    const Encoding e = encoding_of(sdp_encoding_view(answer, f));
    if (e.name.empty() || is_telephone_event(e) || e.name == "cn") continue;
    for (std::string_view r : their_formats) {
      const std::string_view text = sdp_encoding_view(*theirs, r);
      const Encoding re = encoding_of(text);
      if (re.name != e.name || re.clock_rate != e.clock_rate) continue;
      out.payload_type = pt_number(r);
      out.encoding = std::string(text);
      break;
    }
    if (out.payload_type >= 0) break;
  }
  if (out.payload_type < 0 && !answered.empty()) {
    // No codec known by name on both sides (a static type without rtpmap): the answer's first.
    out.payload_type = pt_number(answered.front());
    out.encoding = sdp_encoding(answer, answered.front());
  }
  const std::uint32_t rate = encoding_of(out.encoding).clock_rate;
  for (std::string_view r : their_formats) {
    const Encoding re = encoding_of(sdp_encoding_view(*theirs, r));
    if (!is_telephone_event(re)) continue;
    if (!out.telephone_event || re.clock_rate == rate) out.telephone_event = pt_number(r);
    if (re.clock_rate == rate) break;
  }
  const auto ptime_of = [](const SdpMedia& m) -> std::optional<std::uint32_t> {
    const auto values = sdp_attributes(m.lines, "ptime");
    if (values.empty()) return std::nullopt;
    std::uint32_t v = 0;
    const std::string& text = values.front();
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || v == 0) return std::nullopt;
    (void)end;
    return v;
  };
  out.ptime = ptime_of(*theirs).value_or(ptime_of(*mine).value_or(20));
  const std::string ours = sdp_direction(local, *mine);
  const std::string other = sdp_direction(remote, *theirs);
  const auto sends = [](const std::string& d) { return d == "sendrecv" || d == "sendonly"; };
  const auto receives = [](const std::string& d) { return d == "sendrecv" || d == "recvonly"; };
  out.send = !out.rejected && !out.held && sends(ours) && receives(other);
  out.receive = !out.rejected && receives(ours) && sends(other);
  return out;
}

}  // namespace scn::body
