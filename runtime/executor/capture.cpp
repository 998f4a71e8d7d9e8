// Executor: the run as a pcap capture (--pcap): every SIP message of the trace and every
// RTP datagram of the played parties' endpoints, in time order, as IPv4 or IPv6 UDP
// packets (LINKTYPE_RAW) that Wireshark and tshark decode. SIP over TCP is written as UDP
// datagrams, one per message: the capture shows the messages, not the segments.
//
// The classic pcap format is written here (24-octet file header, 16-octet record
// headers): libpcap's static archive pulls in D-Bus and RDMA, and its shared library
// would make every built executable depend on it for these two headers.
#include <netinet/in.h>

#include <algorithm>
#include <cstring>
#include <fstream>

#include "executor/executor.h"

namespace scn {

namespace {

constexpr std::uint32_t kLinktypeRaw = 101;

void put16(std::vector<std::uint8_t>& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

void put_bytes(std::vector<std::uint8_t>& out, const void* data, std::size_t n) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  out.insert(out.end(), p, p + n);
}

std::uint16_t ip_checksum(const std::uint8_t* header, std::size_t n) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < n; i += 2) sum += (header[i] << 8) | header[i + 1];
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

// The IP and UDP headers, then the payload. The UDP checksum is left 0 (none: allowed
// over IPv4; Wireshark does not verify it by default over IPv6 either).
std::vector<std::uint8_t> udp_packet(const CapturedPacket& p) {
  std::vector<std::uint8_t> out;
  const std::size_t udp_length = 8 + p.payload.size();
  if (p.from.family() == net::Family::v4) {
    const auto* from = reinterpret_cast<const sockaddr_in*>(p.from.sockaddr_ptr());
    const auto* to = reinterpret_cast<const sockaddr_in*>(p.to.sockaddr_ptr());
    out = {0x45, 0};
    put16(out, static_cast<std::uint16_t>(20 + udp_length));
    put16(out, 0);
    put16(out, 0x4000);  // don't fragment
    out.push_back(64);
    out.push_back(17);  // UDP
    put16(out, 0);
    put_bytes(out, &from->sin_addr, 4);
    put_bytes(out, &to->sin_addr, 4);
    const std::uint16_t sum = ip_checksum(out.data(), 20);
    out[10] = static_cast<std::uint8_t>(sum >> 8);
    out[11] = static_cast<std::uint8_t>(sum);
  } else {
    const auto* from = reinterpret_cast<const sockaddr_in6*>(p.from.sockaddr_ptr());
    const auto* to = reinterpret_cast<const sockaddr_in6*>(p.to.sockaddr_ptr());
    out = {0x60, 0, 0, 0};
    put16(out, static_cast<std::uint16_t>(udp_length));
    out.push_back(17);
    out.push_back(64);
    put_bytes(out, &from->sin6_addr, 16);
    put_bytes(out, &to->sin6_addr, 16);
  }
  put16(out, p.from.port());
  put16(out, p.to.port());
  put16(out, static_cast<std::uint16_t>(udp_length));
  put16(out, 0);
  out.insert(out.end(), p.payload.begin(), p.payload.end());
  return out;
}

template <class T>
void put_le(std::ostream& out, T value) {
  for (std::size_t i = 0; i < sizeof(T); ++i)
    out.put(static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xFF));
}

}  // namespace

Result<void> write_pcap(const std::string& path, std::vector<CapturedPacket> packets,
                        std::uint64_t start_unix_us) {
  std::stable_sort(packets.begin(), packets.end(),
                   [](const CapturedPacket& a, const CapturedPacket& b) { return a.us < b.us; });
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return make_error(std::strerror(errno));
  put_le<std::uint32_t>(out, 0xA1B2C3D4);  // microsecond timestamps
  put_le<std::uint16_t>(out, 2);
  put_le<std::uint16_t>(out, 4);
  put_le<std::uint32_t>(out, 0);
  put_le<std::uint32_t>(out, 0);
  put_le<std::uint32_t>(out, 65535);
  put_le<std::uint32_t>(out, kLinktypeRaw);
  for (const CapturedPacket& p : packets) {
    if (p.from.family() != p.to.family()) continue;
    const std::vector<std::uint8_t> bytes = udp_packet(p);
    const std::uint64_t at = start_unix_us + p.us;
    put_le<std::uint32_t>(out, static_cast<std::uint32_t>(at / 1'000'000));
    put_le<std::uint32_t>(out, static_cast<std::uint32_t>(at % 1'000'000));
    put_le<std::uint32_t>(out, static_cast<std::uint32_t>(bytes.size()));
    put_le<std::uint32_t>(out, static_cast<std::uint32_t>(bytes.size()));
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  out.close();
  if (!out) return make_error("write failed");
  return {};
}

// The SIP messages of the trace, then the RTP datagrams the endpoints saw.
Result<void> Executor::write_capture() {
  std::vector<CapturedPacket> packets;
  for (const TraceEntry& entry : trace_.entries()) {
    auto from = net::Address::parse(entry.from), to = net::Address::parse(entry.to);
    if (!from || !to) continue;
    packets.push_back({entry.ms * 1000, *from, *to,
                       std::vector<std::uint8_t>(entry.raw.begin(), entry.raw.end())});
  }
  packets.insert(packets.end(), rtp_capture_.begin(), rtp_capture_.end());
  return write_pcap(options_.pcap_file, std::move(packets), capture_start_unix_us_);
}

// What an endpoint's tap gives, kept for write_capture().
media::Endpoint::Tap Executor::capture_tap() {
  return [this](bool, const net::Address& from, const net::Address& to,
                std::span<const std::uint8_t> datagram) {
    const auto since = std::chrono::steady_clock::now() - trace_.start();
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(since).count();
    rtp_capture_.push_back({static_cast<std::uint64_t>(std::max<std::int64_t>(us, 0)), from, to,
                            std::vector<std::uint8_t>(datagram.begin(), datagram.end())});
  };
}

}  // namespace scn
