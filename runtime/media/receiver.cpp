// The receiving side of a check window: RFC 3550 A.3 sequence accounting, A.8 jitter,
// SSRC changes, timestamp jumps, RFC 4733 events and the analysis of decoded audio.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "media/dsp.h"
#include "media/media.h"

namespace scn::media {

struct DtmfRx {
  dtmf_rx_state_t* state = dtmf_rx_init(nullptr, nullptr, nullptr);
  ~DtmfRx() {
    if (state) dtmf_rx_free(state);
  }
};

void DtmfRxDeleter::operator()(DtmfRx* rx) const {
  delete rx;
}

namespace {

constexpr std::uint32_t seq_mod = 1u << 16;
constexpr std::uint16_t max_dropout = 3000;  // RFC 3550 A.3
constexpr std::uint16_t max_misorder = 100;
constexpr std::size_t seen_kept = 512;       // sequence numbers remembered for duplicates
constexpr Micros latest_valid_us = 60000;

char event_digit(std::uint8_t event) {
  static constexpr char digits[] = "0123456789*#ABCD";
  return event < 16 ? digits[event] : '?';
}

template <class T>
void record(std::vector<T>& list, T item) {
  if (list.size() < ReceiveStats::max_recorded) list.push_back(item);
}

}  // namespace

double ReceiveStats::loss_percent() const {
  if (expected == 0 || lost <= 0) return 0;
  return 100.0 * static_cast<double>(lost) / static_cast<double>(expected);
}

std::optional<double> ReceiveStats::packet_rate() const {
  if (packets < 2 || !first_arrival || !last_arrival || *last_arrival <= *first_arrival)
    return std::nullopt;
  return static_cast<double>(packets - 1) * 1e6 /
         static_cast<double>(*last_arrival - *first_arrival);
}

std::string ReceiveStats::event_digits() const {
  std::string digits;
  for (const auto& e : events) digits += e.digit;
  return digits;
}

Micros ReceiveStats::audio_us() const {
  std::uint64_t samples = 0;
  for (const auto& [codec, n] : decoded_samples) samples += n;
  return static_cast<Micros>(samples * 1000000 / clock_rate);
}

Receiver::Receiver(Format format) : format_(format) {
  reset(0);
}

void Receiver::reset(Micros now, std::vector<double> tone_hz) {
  stats_ = ReceiveStats{};
  stats_.window_start = now;
  stream_ = Stream{};
  expected_done_ = received_done_ = 0;
  seen_.clear();
  tones_ = ToneAnalyzer(std::move(tone_hz));
  stats_.tones = tones_.results();
  dtmf_.reset();  // made with the first audio: a stream never received needs none
}

void Receiver::receive_malformed(const std::string& reason) {
  if (stats_.malformed++ == 0) stats_.malformed_reason = reason;
}

void Receiver::receive(const Packet& packet, Micros arrival) {
  if (!stats_.first_arrival) stats_.first_arrival = arrival;
  stats_.last_arrival = arrival;
  ++stats_.packets;
  stats_.octets += packet.payload.size();
  ++stats_.payload_types[packet.payload_type];
  note_ssrc(packet);
  if (update_seq(packet.seq)) ++stream_.received;
  update_totals();
  if (format_.event_payload_type == packet.payload_type) {
    stream_.audio_before = false;  // an event's timestamp is its start, not a baseline
    take_event(packet);
  } else if (auto codec = audio_codec(packet.payload_type)) {
    check_timestamp(packet);
    update_jitter(packet, arrival);
    take_audio(*codec, packet, arrival);
  }
}

std::optional<Codec> Receiver::audio_codec(int payload_type) const {
  if (payload_type == format_.payload_type) return format_.codec;
  return codec_of_static(payload_type);
}

// A new SSRC is a new source (RFC 3550 8.2): its sequence and jitter start afresh, and
// what the old one expected and received stays in the window's totals.
void Receiver::note_ssrc(const Packet& packet) {
  if (stats_.first_ssrc && packet.ssrc == stream_.ssrc) return;
  if (!stats_.first_ssrc) {
    stats_.first_ssrc = packet.ssrc;
  } else {
    record(stats_.ssrc_changes, SsrcChange{stream_.ssrc, packet.ssrc, stats_.packets - 1});
    expected_done_ = stats_.expected;
    received_done_ = stats_.expected - static_cast<std::uint64_t>(stats_.lost);
  }
  stream_ = Stream{};
  stream_.ssrc = packet.ssrc;
}

void Receiver::restart_seq(std::uint16_t seq) {
  Stream& s = stream_;
  s.folded_expected += s.cycles + s.max_seq - s.base_seq + 1;
  s.folded_received += s.received;
  s.base_seq = seq;
  s.max_seq = seq;
  s.bad_seq = seq_mod + 1;
  s.cycles = 0;
  s.received = 0;
  seen_.clear();
}

// RFC 3550 A.3 update_seq, without the probation (a test wants the first packet too);
// false for a packet the algorithm leaves out (the first of a large jump).
bool Receiver::update_seq(std::uint16_t seq) {
  Stream& s = stream_;
  if (!s.started) {
    s.started = true;
    s.base_seq = s.max_seq = seq;
    seen_.assign(1, seq);
    return true;
  }
  auto udelta = static_cast<std::uint16_t>(seq - s.max_seq);
  std::uint32_t extended;
  if (udelta > 0 && udelta < max_dropout) {
    if (udelta > 1) record(stats_.seq_jumps, SeqJump{s.max_seq, seq, false});
    if (seq < s.max_seq) s.cycles += seq_mod;
    s.max_seq = seq;
    extended = s.cycles + seq;
  } else if (udelta != 0 && udelta <= seq_mod - max_misorder) {
    if (seq != s.bad_seq) {
      record(stats_.seq_jumps, SeqJump{s.max_seq, seq, true});
      s.bad_seq = (seq + 1u) & (seq_mod - 1);
      return false;
    }
    restart_seq(seq);  // two packets in a row: the sender restarted its sequence
    extended = seq;
  } else {
    extended = s.cycles + s.max_seq - static_cast<std::uint16_t>(s.max_seq - seq);
    bool seen = std::find(seen_.begin(), seen_.end(), extended) != seen_.end();
    ++(seen ? stats_.duplicates : stats_.out_of_order);
  }
  seen_.push_back(extended);
  if (seen_.size() > seen_kept) seen_.erase(seen_.begin());
  return true;
}

void Receiver::update_totals() {
  const Stream& s = stream_;
  std::uint64_t expected =
      expected_done_ + s.folded_expected + (s.cycles + s.max_seq - s.base_seq + 1);
  std::uint64_t received = received_done_ + s.folded_received + s.received;
  stats_.expected = expected;
  stats_.lost = static_cast<std::int64_t>(expected) - static_cast<std::int64_t>(received);
}

// Between audio packets of one source the timestamp advances by the packet size per
// sequence step; a marker (new talkspurt) or an event in between starts a new baseline.
// A mismatch of more than half a packet is a jump.
void Receiver::check_timestamp(const Packet& packet) {
  Stream& s = stream_;
  auto dseq = static_cast<std::uint16_t>(packet.seq - s.audio_seq);
  if (s.audio_before && !packet.marker && (dseq == 0 || dseq >= 0x8000)) return;  // late
  if (s.audio_before && !packet.marker) {
    std::uint32_t dts = packet.timestamp - s.audio_ts;
    std::uint32_t& step = stats_.timestamp_step;
    if (step == 0 && dseq == 1 && dts > 0 && dts <= static_cast<std::uint32_t>(clock_rate))
      step = dts;
    std::uint32_t expected = s.audio_ts + dseq * step;
    auto off = static_cast<std::int32_t>(packet.timestamp - expected);
    if (step != 0 && static_cast<std::uint32_t>(std::abs(off)) > step / 2)
      record(stats_.timestamp_jumps, TimestampJump{packet.seq, s.audio_ts, packet.timestamp,
                                                   expected});
  }
  s.audio_before = true;
  s.audio_seq = packet.seq;
  s.audio_ts = packet.timestamp;
}

// RFC 3550 A.8, in timestamp units: D is the change in transit time between two packets
// in arrival order, J moves 1/16 of the way to |D|.
void Receiver::update_jitter(const Packet& packet, Micros arrival) {
  Stream& s = stream_;
  if (s.jitter_arrival) {
    double arrived = static_cast<double>(arrival - *s.jitter_arrival) * clock_rate / 1e6;
    auto stamped = static_cast<std::int32_t>(packet.timestamp - s.jitter_ts);
    double d = arrived - stamped;
    stats_.jitter += (std::abs(d) - stats_.jitter) / 16.0;
  }
  s.jitter_arrival = arrival;
  s.jitter_ts = packet.timestamp;
}

// RFC 4733 2.3: event, E bit, volume, duration. Packets of one event share its start
// timestamp, so that timestamp tells a retransmission from the next digit.
void Receiver::take_event(const Packet& packet) {
  if (packet.payload.size() < 4) return;
  const auto& p = packet.payload;
  bool end = p[1] & 0x80;
  auto duration = static_cast<std::uint16_t>(p[2] << 8 | p[3]);
  auto& events = stats_.events;
  auto same = std::find_if(events.rbegin(), events.rend(), [&](const DtmfEvent& e) {
    return e.timestamp == packet.timestamp;
  });
  if (same == events.rend()) {
    events.push_back(DtmfEvent{event_digit(p[0]), packet.timestamp, duration, end});
    return;
  }
  same->ended = same->ended || end;
  same->duration = std::max(same->duration, duration);
}

void Receiver::take_audio(Codec codec, const Packet& packet, Micros arrival) {
  std::vector<std::int16_t> samples = decode(codec, packet.payload);
  if (samples.empty()) return;
  stats_.decoded_samples[codec] += samples.size();
  tones_.feed(samples);
  stats_.tones = tones_.results();
  if (!dtmf_) dtmf_.reset(new DtmfRx);  // spandsp's detector: about 450 octets
  if (dtmf_->state) {
    dtmf_rx(dtmf_->state, samples.data(), static_cast<int>(samples.size()));
    char digits[MAX_DTMF_DIGITS + 1] = {};
    std::size_t n = dtmf_rx_get(dtmf_->state, digits, MAX_DTMF_DIGITS);
    stats_.inband_digits.append(digits, n);
  }
  if (!latest_) latest_ = std::make_unique<Frame>();
  Frame& latest = *latest_;
  std::size_t keep = std::min(samples.size(), latest.size());
  std::copy(latest.begin() + keep, latest.end(), latest.begin());
  std::copy(samples.end() - keep, samples.end(), latest.end() - keep);
  latest_at_ = arrival;
}

Frame Receiver::latest_frame(Micros now) const {
  if (!latest_ || !latest_at_ || now - *latest_at_ > latest_valid_us) return Frame{};
  return *latest_;
}

}  // namespace scn::media
