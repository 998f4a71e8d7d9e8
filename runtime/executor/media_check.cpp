// Executor: a media check step. The stream a party under test sends to a played party is
// watched for the step's duration (the event loop runs: SIP goes on meanwhile), then
// judged: the stream's own soundness (media/ evaluate: packets, payload types, SSRC,
// sequence, timestamps, rate) and the step's checks (tones, digits, loss, jitter).
#include <cstdio>

#include "executor/executor.h"

namespace scn {

namespace {

std::string percent_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// A limit of the step (`loss < 5%`, `jitter <= 30ms`) the figure breaks, worded as the
// step wrote it; "" when it holds.
std::string broken_limit(const char* what, double figure, double limit, bool inclusive,
                         const char* unit) {
  const bool holds = inclusive ? figure <= limit : figure < limit;
  if (holds) return "";
  return std::string(what) + " " + percent_text(figure) + unit + ", expected " +
         (inclusive ? "<= " : "< ") + percent_text(limit) + unit;
}

}  // namespace

int Executor::media_check(MediaSession& session, const scn_media_check& check) {
  media::Endpoint& endpoint = *session.endpoint;
  media::Expectation expect;
  for (std::size_t i = 0; check.tones && i < check.tone_count; ++i) {
    auto frequency = media::parse_frequency(std::string_view(check.tones[i].ptr, check.tones[i].len));
    if (!frequency) {
      set_error(stream_name(session) + ": " + frequency.reason());
      return SCN_STOP;
    }
    expect.tones.push_back(*frequency);
  }
  endpoint.reset_window(expect.tones);
  const Millis deadline = loop_.now() + check.duration_ms;
  while (!stopped() && loop_.now() < deadline) loop_.run_once(deadline - loop_.now());
  if (stopped()) return SCN_STOP;

  expect.window_ms = check.duration_ms;
  expect.negotiated = session.payload_types;
  if (session.negotiated && session.negotiated->payload_type >= 0 && session.decodable)
    expect.audio_payload_type = session.negotiated->payload_type;
  if (session.negotiated) expect.ptime_ms = static_cast<int>(session.negotiated->ptime);
  if (check.dtmf.len) expect.dtmf = std::string(check.dtmf.ptr, check.dtmf.len);
  const media::ReceiveStats& stats = endpoint.stats();
  std::vector<std::string> findings = media::evaluate(stats, expect);
  if (stats.packets > 0) {
    if (check.max_loss_permille >= 0) {
      std::string broken = broken_limit("loss", stats.loss_percent(),
                                        check.max_loss_permille / 10.0,
                                        check.flags & SCN_MEDIA_LOSS_INCLUSIVE, "%");
      if (!broken.empty()) findings.push_back(broken);
    }
    if (check.max_jitter_us >= 0) {
      std::string broken = broken_limit("jitter", stats.jitter_ms(), check.max_jitter_us / 1000.0,
                                        check.flags & SCN_MEDIA_JITTER_INCLUSIVE, " ms");
      if (!broken.empty()) findings.push_back(broken);
    }
  }
  // A UE whose SDP said it sends nothing (recvonly, inactive, port 0) is told apart from
  // one that said it sends and does not.
  if (stats.packets == 0 && session.negotiated && !session.negotiated->receive)
    findings.push_back("the SDP exchange says " + name_of(session.under_test) +
                       " sends nothing in this dialog (recvonly, inactive or port 0)");
  if ((check.flags & SCN_MEDIA_RTCP) && stats.rtcp_packets == 0)
    findings.push_back("no RTCP packet within " + seconds_text(check.duration_ms) +
                       " (RFC 3550 6.2: one every 5 s on average)");
  if (!session.decodable && !expect.tones.empty())
    findings.push_back("its codec (" + (session.negotiated ? session.negotiated->encoding : "?") +
                       ") is not one the SS decodes (PCMU, PCMA): no tone can be heard");
  const std::string name = stream_name(session);
  if (!findings.empty()) {
    std::string reason = name + ": " + findings.front();
    for (std::size_t i = 1; i < findings.size(); ++i) reason += "; " + findings[i];
    set_fail(reason);
    return SCN_STOP;
  }
  std::string line = "  " + step_.id + "  " + name + "  " + media::summary(stats, expect);
  if (check.flags & SCN_MEDIA_RTCP) line += ", " + std::to_string(stats.rtcp_packets) + " RTCP";
  media_lines_.push_back(line);
  print_console(line);
  return SCN_OK;
}

}  // namespace scn
