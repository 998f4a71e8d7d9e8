// media: the RTP media of a played party (RFC 3550): packets, G.711 audio (RFC 3551 PCMU
// and PCMA), RFC 4733 telephone-events, a sender of tones, silence or any 8 kHz source, a
// receiver that keeps the raw per-packet facts of a check window (SSRC changes, sequence
// gaps, timestamp jumps, loss, jitter, payload types, tones and digits heard), endpoints
// on the event loop, a mixer, and the findings a verdict can quote.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "transport/transport.h"

// RTP packets (RFC 3550 section 5.1), parsed as they are: nothing is hidden or repaired.
namespace scn::media {

// Microseconds on the loop's monotonic clock: arrival times, for jitter.
using Micros = std::int64_t;

struct Extension {
  std::uint16_t profile = 0;
  std::span<const std::uint8_t> data;  // the header extension's words, a view
};

struct Packet {
  std::uint8_t payload_type = 0;
  bool marker = false;
  std::uint16_t seq = 0;
  std::uint32_t timestamp = 0;
  std::uint32_t ssrc = 0;
  std::vector<std::uint32_t> csrcs;
  std::optional<Extension> extension;
  // A view into the parsed bytes (or, to serialise, into the caller's payload).
  std::span<const std::uint8_t> payload;
  // Octets of padding after the payload; serialise() adds as many (last one = count).
  std::uint8_t padding = 0;
};

// Refuses what is not RTP version 2 or whose CSRC list, extension or padding overruns the
// datagram; the reason says which.
Result<Packet> parse(std::span<const std::uint8_t> datagram);
std::vector<std::uint8_t> serialise(const Packet& packet);

}  // namespace scn::media

// G.711 (spandsp's tables) and the negotiated format of a stream.
namespace scn::media {

inline constexpr int clock_rate = 8000;       // G.711 and telephone-events, RFC 3551
inline constexpr int frame_samples = 160;     // 20 ms at 8 kHz
using Frame = std::array<std::int16_t, frame_samples>;
// 20 ms of audio to fill: what a sender sends next.
using Source = std::function<void(std::span<std::int16_t> frame)>;

enum class Codec { pcmu, pcma };
// "PCMU" / "PCMA", as in an rtpmap.
std::string_view to_string(Codec codec);
// The static payload type of a codec (0, 8) and the codec of a static payload type.
std::uint8_t static_payload_type(Codec codec);
std::optional<Codec> codec_of_static(int payload_type);

std::vector<std::uint8_t> encode(Codec codec, std::span<const std::int16_t> samples);
std::vector<std::int16_t> decode(Codec codec, std::span<const std::uint8_t> octets);

struct Format {
  Codec codec = Codec::pcmu;
  std::uint8_t payload_type = 0;
  int clock_rate = media::clock_rate;
  std::optional<std::uint8_t> event_payload_type;  // telephone-event, RFC 4733
  int ptime_ms = 20;
};

// Refuses payload types above 127, a clock rate other than 8000, a ptime that is not a
// positive multiple of 10 ms up to 200 ms, and an event type equal to the audio type.
Result<void> check(const Format& format);

// Level of a sine, in dBm0 (G.711: a full-scale sine is +3.14 dBm0).
inline constexpr double default_tone_level = -10.0;

// A tone's frequency given as text (a parameter may hold it: --set ue1_tone_hz=440): 50
// to 3950 Hz, as the checker accepts literals (8 kHz sampling); the reason otherwise.
Result<double> parse_frequency(std::string_view text);

Source silence_source();
// A phase-continuous sine of `hz` at `dbm0`.
Source tone_source(double hz, double dbm0 = default_tone_level);
// In-band DTMF (spandsp's generator: 50 ms tones, 55 ms pauses, -10 dBm0 per tone) then
// silence. Digits outside 0-9 * # A-D are skipped.
Source dtmf_source(std::string digits);

}  // namespace scn::media

// Tone detection (Goertzel) over 20 ms blocks of decoded audio.
namespace scn::media {

// A block counts for a frequency when the Goertzel power at that frequency holds at least
// a quarter of the block's energy (min_share; a pure tone holds all of it, white noise
// about 1/160, a tone 40 Hz or more away under 6%) and that component is at least
// -30 dBm0 (min_level_dbm0, so silence and faint hum never count). A tone is detected
// after 5 such blocks in a row (100 ms). Shares rather than absolute power keep the
// test independent of the overall level; a quarter lets up to three equal tones mix.
inline constexpr double min_share = 0.25;
inline constexpr double min_level_dbm0 = -30.0;
inline constexpr int min_blocks = 5;

struct ToneResult {
  double hz = 0;
  bool detected = false;
  int longest_run = 0;     // consecutive blocks that counted
  double peak_dbm0 = -99;  // loudest level of the component in any block
};

class ToneAnalyzer {
public:
  explicit ToneAnalyzer(std::vector<double> hz = {});
  // Samples in any chunking; analysed in blocks of 160.
  void feed(std::span<const std::int16_t> samples);
  const std::vector<ToneResult>& results() const { return results_; }

private:
  void analyse_block();

  std::vector<ToneResult> results_;
  std::vector<int> runs_;
  // Only while tones are listened for: an endpoint a call, most never asked for one.
  std::unique_ptr<Frame> block_;
  std::size_t filled_ = 0;
};

}  // namespace scn::media

// The receiving side: what arrived during a check window, packet by packet.
namespace scn::media {

struct SsrcChange {
  std::uint32_t from = 0;
  std::uint32_t to = 0;
  std::uint64_t after_packets = 0;  // packets of the window before the change
};

// A forward gap in sequence numbers (from = highest before, to = the packet that jumped),
// or a jump RFC 3550 A.3 treats as a restart of the sequence.
struct SeqJump {
  std::uint16_t from = 0;
  std::uint16_t to = 0;
  bool restart = false;
};

// An audio packet whose timestamp step does not match its sequence step.
struct TimestampJump {
  std::uint16_t seq = 0;
  std::uint32_t from = 0;      // timestamp of the previous audio packet
  std::uint32_t to = 0;        // this packet's timestamp
  std::uint32_t expected = 0;  // what the sequence step and packet size predicted
};

// One RFC 4733 event (de-duplicated by its start timestamp).
struct DtmfEvent {
  char digit = '?';  // '0'-'9', '*', '#', 'A'-'D'; '?' for other events
  std::uint32_t timestamp = 0;
  std::uint16_t duration = 0;  // longest duration seen, in timestamp units
  bool ended = false;          // an end packet arrived
};

struct ReceiveStats {
  Micros window_start = 0;
  std::optional<Micros> first_arrival;
  std::optional<Micros> last_arrival;
  std::uint64_t packets = 0;
  std::uint64_t octets = 0;       // payload octets (RFC 3550 sender's octet count)
  std::uint64_t malformed = 0;    // datagrams that are not RTP
  std::string malformed_reason;   // the first one's
  std::uint64_t rtcp_packets = 0;
  std::map<int, std::uint64_t> payload_types;  // packets per payload type
  std::optional<std::uint32_t> first_ssrc;
  std::vector<SsrcChange> ssrc_changes;
  // RFC 3550 A.3, summed over the sources of the window.
  std::uint64_t expected = 0;
  std::int64_t lost = 0;  // negative with duplicates
  std::uint64_t duplicates = 0;
  std::uint64_t out_of_order = 0;
  std::vector<SeqJump> seq_jumps;              // the first max_recorded
  std::vector<TimestampJump> timestamp_jumps;  // the first max_recorded
  std::uint32_t timestamp_step = 0;            // samples per packet, as first observed
  double jitter = 0;                           // RFC 3550 A.8, timestamp units
  std::vector<DtmfEvent> events;
  std::string inband_digits;  // DTMF heard in the decoded audio
  std::map<Codec, std::uint64_t> decoded_samples;
  std::vector<ToneResult> tones;

  static constexpr std::size_t max_recorded = 16;

  double loss_percent() const;
  double jitter_ms() const { return jitter * 1000.0 / clock_rate; }
  // Packets per second between the first and the last arrival; none before 2 packets.
  std::optional<double> packet_rate() const;
  // The digits of the RFC 4733 events, in order.
  std::string event_digits() const;
  Micros audio_us() const;
};

struct DtmfRx;
struct DtmfRxDeleter {
  void operator()(DtmfRx* rx) const;
};

class Receiver {
public:
  explicit Receiver(Format format = {});
  // Which payload type is audio in which codec, and which carries telephone-events
  // (PT 0 and 8 are always decoded as PCMU and PCMA).
  void set_format(const Format& format) { format_ = format; }
  // Starts a check window at `now`, listening for the given tone frequencies.
  void reset(Micros now, std::vector<double> tone_hz = {});
  void receive(const Packet& packet, Micros arrival);
  void receive_malformed(const std::string& reason);
  void receive_rtcp() { ++stats_.rtcp_packets; }
  const ReceiveStats& stats() const { return stats_; }
  // The last 20 ms of audio received, when it arrived less than 60 ms before `now`;
  // silence otherwise.
  Frame latest_frame(Micros now) const;

private:
  struct Stream {
    std::uint32_t ssrc = 0;
    bool started = false;  // a packet of this source arrived
    std::uint16_t max_seq = 0;
    std::uint32_t cycles = 0;
    std::uint32_t base_seq = 0;
    std::uint32_t bad_seq = 0x10001;  // none: RTP_SEQ_MOD + 1
    std::uint64_t received = 0;
    std::uint64_t folded_expected = 0;  // from sequences before a restart
    std::uint64_t folded_received = 0;
    std::optional<Micros> jitter_arrival;  // the previous audio packet's, for A.8
    std::uint32_t jitter_ts = 0;
    bool audio_before = false;  // the previous packet was audio (timestamp baseline)
    std::uint16_t audio_seq = 0;
    std::uint32_t audio_ts = 0;
  };

  void note_ssrc(const Packet& packet);
  bool update_seq(std::uint16_t seq);
  void restart_seq(std::uint16_t seq);
  void update_totals();
  void check_timestamp(const Packet& packet);
  void update_jitter(const Packet& packet, Micros arrival);
  void take_event(const Packet& packet);
  void take_audio(Codec codec, const Packet& packet, Micros arrival);
  std::optional<Codec> audio_codec(int payload_type) const;

  Format format_;
  ReceiveStats stats_;
  Stream stream_;
  std::uint64_t expected_done_ = 0;  // from sources of the window before the current
  std::uint64_t received_done_ = 0;
  std::vector<std::uint32_t> seen_;  // recent extended sequence numbers (duplicates)
  ToneAnalyzer tones_;
  std::unique_ptr<DtmfRx, DtmfRxDeleter> dtmf_;
  std::unique_ptr<Frame> latest_;  // from the first audio received on
  std::optional<Micros> latest_at_;
};

}  // namespace scn::media

// The sending side: one packet per ptime, audio from a Source, RFC 4733 digits.
namespace scn::media {

class Sender {
public:
  // Random SSRC, sequence number and timestamp (RFC 3550 5.1).
  explicit Sender(Format format);
  Sender(Format format, std::uint32_t ssrc, std::uint16_t seq, std::uint32_t timestamp);

  void set_format(const Format& format);
  // Null: silence.
  void set_source(Source source) { source_ = std::move(source); }
  // Each digit: events for 100 ms (marker on the first), the end packet sent 3 times,
  // then 100 ms of audio before the next digit (RFC 4733 2.5). Needs an event payload type.
  Result<void> queue_dtmf(std::string_view digits);
  bool dtmf_pending() const { return !digits_.empty() || event_tick_ >= 0; }

  // The packet of the next ptime interval, serialised.
  std::vector<std::uint8_t> tick();
  // Lets `intervals` go by unsent: the timestamp keeps up with time and the next packet
  // carries the marker (a new talkspurt, so receivers expect the jump).
  void skip(std::uint32_t intervals);

  std::uint32_t ssrc() const { return ssrc_; }
  std::uint16_t next_seq() const { return seq_; }
  std::uint32_t next_timestamp() const { return timestamp_; }
  const Format& format() const { return format_; }

private:
  std::vector<std::uint8_t> audio_packet();
  std::vector<std::uint8_t> event_packet();
  std::vector<std::uint8_t> finish(Packet& packet, std::span<const std::uint8_t> payload);
  int samples_per_packet() const { return format_.ptime_ms * clock_rate / 1000; }

  Format format_;
  Source source_;
  std::uint32_t ssrc_;
  std::uint16_t seq_;
  std::uint32_t timestamp_;
  bool marker_ = true;  // the first packet starts a talkspurt
  std::string digits_;
  int event_tick_ = -1;  // ticks into the current digit, -1 when none
  std::uint32_t event_timestamp_ = 0;
  int gap_ticks_ = 0;    // audio ticks still owed before the next digit
  std::vector<std::int16_t> pending_;  // samples from the source not yet sent
};

}  // namespace scn::media

// An RTP endpoint of a played party: one session with one remote, on the event loop.
namespace scn::media {

// Bound RTP/RTCP socket pairs that endpoints give back when they close, for later
// endpoints on the same host: load mode opens an endpoint a call, and the two sockets'
// socket, bind, getsockname and close were 7 of its 29 system calls. A pair rests `rest_ms`
// before it is handed out again, so that what the last call's peer still had on its way
// arrives first, and it is drained when taken. At most `most` pairs wait; one given back
// beyond that is closed. Thread-safe.
class PortPairs {
public:
  PortPairs(std::size_t most, Millis rest_ms) : most_(most), rest_ms_(rest_ms) {}
  PortPairs(const PortPairs&) = delete;
  PortPairs& operator=(const PortPairs&) = delete;

  struct Pair {
    net::Fd rtp, rtcp;
    net::Address local;  // RTP's; RTCP's port is the next one
  };
  // The pair that has rested longest, if it has rested enough and is on `host`'s address.
  std::optional<Pair> take(const net::Address& host);
  void give(Pair pair);
  std::size_t size() const;

private:
  struct Resting {
    Millis since;
    Pair pair;
  };
  const std::size_t most_;
  const Millis rest_ms_;
  mutable std::mutex mutex_;
  std::deque<Resting> resting_;  // oldest first
};

class Endpoint {
public:
  // Binds UDP sockets on `host` (its port is ignored): RTP on an ephemeral even port, RTCP
  // on the next one (RFC 3550 11). With `pairs`, a rested pair of its is taken first, and
  // the sockets go back to it when the endpoint closes.
  static Result<std::unique_ptr<Endpoint>> open(Loop& loop, const net::Address& host,
                                                PortPairs* pairs = nullptr);
  ~Endpoint();
  Endpoint(const Endpoint&) = delete;
  Endpoint& operator=(const Endpoint&) = delete;

  std::uint16_t port() const { return local_.port(); }
  const net::Address& local() const { return local_; }

  // Where to send and in which format; sending starts if a source or digits wait.
  Result<void> set_remote(const net::Address& remote, const Format& format);
  const std::optional<net::Address>& remote() const { return remote_; }
  // The address the last RTP packet came from (symmetric RTP); any source is accepted.
  const std::optional<net::Address>& stream_source() const { return stream_source_; }

  void send_tone(double hz, double dbm0 = default_tone_level);
  void send_silence();
  void send_source(Source source);
  Result<void> send_dtmf(std::string_view digits);
  void stop_sending();
  bool sending() const { return clock_.running(); }
  bool dtmf_pending() const { return sender_.dtmf_pending(); }
  std::uint64_t sent_packets() const { return sent_; }
  std::uint32_t ssrc() const { return sender_.ssrc(); }
  // The first send failure, "" when none.
  const std::string& send_error() const { return send_error_; }

  // Sees every RTP datagram sent (sent = true) and received, for a capture of the run.
  using Tap = std::function<void(bool sent, const net::Address& from, const net::Address& to,
                                 std::span<const std::uint8_t> datagram)>;
  void set_tap(Tap tap) { tap_ = std::move(tap); }

  void reset_window(std::vector<double> tone_hz = {});
  const ReceiveStats& stats() const { return receiver_.stats(); }
  // The last 20 ms received, silence when nothing arrived in the last 60 ms.
  Frame latest_frame() const;

private:
  Endpoint(Loop& loop, net::Fd rtp, net::Fd rtcp, net::Address local);
  bool watch();
  Micros now_us() const;
  void on_rtp();
  void on_rtcp();
  void update_clock();
  void on_tick();
  void transmit(const std::vector<std::uint8_t>& bytes);

  Loop& loop_;
  net::Fd rtp_;
  net::Fd rtcp_;
  net::Address local_;
  PortPairs* pairs_ = nullptr;  // where the sockets go when it closes, if anywhere
  WatchId rtp_watch_ = 0;
  WatchId rtcp_watch_ = 0;
  std::optional<net::Address> remote_;
  std::optional<net::Address> stream_source_;
  Sender sender_;
  bool has_source_ = false;
  Receiver receiver_;
  Timer clock_;
  Millis epoch_ = 0;         // when tick 0 was due
  std::int64_t ticks_ = 0;   // ticks sent (or skipped) since the epoch
  std::optional<Millis> stopped_at_;
  std::uint64_t sent_ = 0;
  std::string send_error_;
  std::vector<std::uint8_t> buffer_;
  Tap tap_;
};

// The endpoints whose audio a mix sums, asked again at every frame (a conference gains and
// loses participants); they must outlive the source.
using Participants = std::function<std::vector<const Endpoint*>()>;

// An MRFP's audio for one participant: at each frame, the saturated sum of the latest
// frames the other participants' endpoints received.
Source mix_source(Participants others);

}  // namespace scn::media

// Judging a check window: findings worded for a verdict, and a summary for a pass.
namespace scn::media {

struct Expectation {
  Millis window_ms = 0;                      // how long the window lasted
  std::vector<int> negotiated;               // payload types the SDP allows; empty: any
  std::optional<int> audio_payload_type;     // must be received
  std::vector<double> tones;                 // must be detected (pass them to reset too)
  std::optional<std::string> dtmf;           // digits, RFC 4733 or else in-band
  std::optional<double> max_loss_percent;
  std::optional<double> max_jitter_ms;
  std::optional<int> ptime_ms;               // checks the packet rate
  double rate_tolerance_percent = 25;
  bool allow_ssrc_change = false;
  int max_seq_gap = 50;                      // a larger forward gap is a jump
  bool allow_timestamp_jumps = false;
};

// One sentence per problem ("loss 12.0% > 5%"); none when the window passes.
std::vector<std::string> evaluate(const ReceiveStats& stats, const Expectation& expect);
// The figures of a window: "148 packets PCMU, loss 0.0%, jitter 0.3 ms, 440 Hz tone present".
std::string summary(const ReceiveStats& stats, const Expectation& expect);

}  // namespace scn::media
