// The run as a pcap capture (--pcap), written with libpcap's dump API: every
// SIP message of the trace and every RTP datagram of the played parties' endpoints, in
// time order, as raw IPv4 or IPv6 packets (LINKTYPE_RAW) with correct checksums. SIP over
// UDP is one UDP datagram per message; SIP over TCP one TCP segment per message, each
// connection (a pair of addresses, opened by the first sender) starting with its
// SYN / SYN-ACK / ACK and its sequence and acknowledgement numbers counting the octets
// sent each way, so that Wireshark reassembles the streams.
#include <netinet/in.h>
#include <pcap/pcap.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>

#include "capture/capture.h"

namespace scn {

namespace {

constexpr std::uint8_t kUdp = 17, kTcp = 6;
constexpr std::uint8_t kSyn = 0x02, kPsh = 0x08, kAck = 0x10;
constexpr int kSnapLength = 262144;

void set16(std::vector<std::uint8_t>& out, std::size_t at, std::uint16_t v) {
  out[at] = static_cast<std::uint8_t>(v >> 8);
  out[at + 1] = static_cast<std::uint8_t>(v);
}

// The address octets in network order: 4 for IPv4, 16 for IPv6.
std::vector<std::uint8_t> ip_octets(const net::Address& a) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(
      a.family() == net::Family::v4
          ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(a.sockaddr_ptr())->sin_addr)
          : static_cast<const void*>(&reinterpret_cast<const sockaddr_in6*>(a.sockaddr_ptr())->sin6_addr));
  return {p, p + (a.family() == net::Family::v4 ? 4 : 16)};
}

// RFC 1071: the ones' complement sum of 16-bit words, an odd last octet padded.
std::uint32_t sum_words(std::uint32_t sum, const std::vector<std::uint8_t>& data) {
  for (std::size_t i = 0; i < data.size(); i += 2)
    sum += static_cast<std::uint32_t>(data[i] << 8) | (i + 1 < data.size() ? data[i + 1] : 0u);
  return sum;
}

std::uint16_t fold(std::uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

// The UDP or TCP checksum: over the pseudo-header of RFC 768 / RFC 8200 8.1 and the
// segment (its checksum field zero). UDP sends a computed 0 as 0xFFFF.
std::uint16_t transport_checksum(const std::vector<std::uint8_t>& src,
                                 const std::vector<std::uint8_t>& dst, std::uint8_t protocol,
                                 const std::vector<std::uint8_t>& segment) {
  std::vector<std::uint8_t> pseudo = src;
  pseudo.insert(pseudo.end(), dst.begin(), dst.end());
  if (src.size() == 4) {
    pseudo.push_back(0);
    pseudo.push_back(protocol);
    put16(pseudo, static_cast<std::uint16_t>(segment.size()));
  } else {
    put32(pseudo, static_cast<std::uint32_t>(segment.size()));
    put32(pseudo, protocol);
  }
  const std::uint16_t sum = fold(sum_words(sum_words(0, pseudo), segment));
  return protocol == kUdp && sum == 0 ? 0xFFFF : sum;
}

// The IP header before the segment, whose checksum (at checksum_at) is filled in here.
std::vector<std::uint8_t> ip_packet(const net::Address& from, const net::Address& to,
                                    std::uint8_t protocol, std::vector<std::uint8_t> segment,
                                    std::size_t checksum_at) {
  const std::vector<std::uint8_t> src = ip_octets(from), dst = ip_octets(to);
  set16(segment, checksum_at, transport_checksum(src, dst, protocol, segment));
  std::vector<std::uint8_t> out;
  if (src.size() == 4) {
    out = {0x45, 0};
    put16(out, static_cast<std::uint16_t>(20 + segment.size()));
    put16(out, 0);
    put16(out, 0x4000);  // don't fragment
    out.push_back(64);
    out.push_back(protocol);
    put16(out, 0);
    out.insert(out.end(), src.begin(), src.end());
    out.insert(out.end(), dst.begin(), dst.end());
    set16(out, 10, fold(sum_words(0, out)));
  } else {
    out = {0x60, 0, 0, 0};
    put16(out, static_cast<std::uint16_t>(segment.size()));
    out.push_back(protocol);
    out.push_back(64);
    out.insert(out.end(), src.begin(), src.end());
    out.insert(out.end(), dst.begin(), dst.end());
  }
  out.insert(out.end(), segment.begin(), segment.end());
  return out;
}

std::vector<std::uint8_t> udp_packet(const CapturedPacket& p) {
  std::vector<std::uint8_t> segment;
  put16(segment, p.from.port());
  put16(segment, p.to.port());
  put16(segment, static_cast<std::uint16_t>(8 + p.payload.size()));
  put16(segment, 0);
  segment.insert(segment.end(), p.payload.begin(), p.payload.end());
  return ip_packet(p.from, p.to, kUdp, std::move(segment), 6);
}

std::vector<std::uint8_t> tcp_packet(const net::Address& from, const net::Address& to,
                                     std::uint32_t seq, std::uint32_t ack, std::uint8_t flags,
                                     const std::vector<std::uint8_t>& payload) {
  std::vector<std::uint8_t> segment;
  put16(segment, from.port());
  put16(segment, to.port());
  put32(segment, seq);
  put32(segment, (flags & kAck) ? ack : 0);
  segment.push_back(5 << 4);  // 20-octet header, no options
  segment.push_back(flags);
  put16(segment, 65535);      // window
  put16(segment, 0);          // checksum
  put16(segment, 0);          // urgent pointer
  segment.insert(segment.end(), payload.begin(), payload.end());
  return ip_packet(from, to, kTcp, std::move(segment), 16);
}

struct Frame {
  std::uint64_t us = 0;
  std::vector<std::uint8_t> bytes;
};

// The TCP connections of the capture, by their pair of addresses: the next sequence
// number each way. The first sender of a pair is its client.
class TcpFlows {
 public:
  void add(const CapturedPacket& p, std::vector<Frame>& frames) {
    const std::string forward = p.from.to_string() + " " + p.to.to_string();
    const std::string backward = p.to.to_string() + " " + p.from.to_string();
    auto it = flows_.find(forward);
    bool client = true;
    if (it == flows_.end()) {
      it = flows_.find(backward);
      client = false;
    }
    if (it == flows_.end()) {
      it = flows_.emplace(forward, Flow{}).first;
      client = true;
      open(p, it->second, frames);
    }
    Flow& flow = it->second;
    std::uint32_t& seq = client ? flow.client_seq : flow.server_seq;
    const std::uint32_t ack = client ? flow.server_seq : flow.client_seq;
    frames.push_back({p.us, tcp_packet(p.from, p.to, seq, ack, kPsh | kAck, p.payload)});
    seq += static_cast<std::uint32_t>(p.payload.size());
  }

 private:
  struct Flow {
    std::uint32_t client_seq = 1000;
    std::uint32_t server_seq = 5000;
  };

  // SYN, SYN-ACK, ACK at the time of the first message: each SYN takes one number.
  static void open(const CapturedPacket& p, Flow& flow, std::vector<Frame>& frames) {
    frames.push_back({p.us, tcp_packet(p.from, p.to, flow.client_seq, 0, kSyn, {})});
    frames.push_back(
        {p.us, tcp_packet(p.to, p.from, flow.server_seq, flow.client_seq + 1, kSyn | kAck, {})});
    ++flow.client_seq;
    ++flow.server_seq;
    frames.push_back(
        {p.us, tcp_packet(p.from, p.to, flow.client_seq, flow.server_seq, kAck, {})});
  }

  std::map<std::string, Flow> flows_;
};

struct PcapCloser {
  void operator()(pcap_t* p) const { pcap_close(p); }
};
struct DumperCloser {
  void operator()(pcap_dumper_t* d) const { pcap_dump_close(d); }
};

}  // namespace

Result<void> write_pcap(const std::string& path, std::vector<CapturedPacket> packets,
                        std::uint64_t start_unix_us) {
  std::stable_sort(packets.begin(), packets.end(),
                   [](const CapturedPacket& a, const CapturedPacket& b) { return a.us < b.us; });
  std::vector<Frame> frames;
  TcpFlows tcp;
  for (const CapturedPacket& p : packets) {
    if (p.from.family() != p.to.family()) continue;
    if (p.tcp)
      tcp.add(p, frames);
    else
      frames.push_back({p.us, udp_packet(p)});
  }
  std::unique_ptr<pcap_t, PcapCloser> pcap(pcap_open_dead(DLT_RAW, kSnapLength));
  if (!pcap) return make_error("cannot start a capture");
  std::unique_ptr<pcap_dumper_t, DumperCloser> dumper(pcap_dump_open(pcap.get(), path.c_str()));
  if (!dumper) return make_error(pcap_geterr(pcap.get()));
  for (const Frame& frame : frames) {
    const std::uint64_t at = start_unix_us + frame.us;
    pcap_pkthdr header{};
    header.ts.tv_sec = static_cast<time_t>(at / 1'000'000);
    header.ts.tv_usec = static_cast<suseconds_t>(at % 1'000'000);
    header.caplen = header.len = static_cast<bpf_u_int32>(frame.bytes.size());
    pcap_dump(reinterpret_cast<u_char*>(dumper.get()), &header, frame.bytes.data());
  }
  if (pcap_dump_flush(dumper.get()) != 0) return make_error("write failed");
  return {};
}

}  // namespace scn
