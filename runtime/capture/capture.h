// capture: the run as a pcap capture (--pcap), written with libpcap's dump API, from the
// SIP messages and RTP datagrams the executor hands it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/base.h"
#include "transport/transport.h"

namespace scn {

// A message or datagram of the run's capture (--pcap): when (us since the trace
// started), between which addresses, the UDP payload or the TCP segment's data.
struct CapturedPacket {
  std::uint64_t us = 0;
  net::Address from;
  net::Address to;
  std::vector<std::uint8_t> payload;
  bool tcp = false;  // SIP over TCP: a segment of the connection between from and to
};

// Writes a pcap file with libpcap (LINKTYPE_RAW; IPv4/IPv6, UDP and TCP headers made
// here, checksums included) of the packets in time order, each TCP connection opened by
// a handshake; start_unix_us is the wall-clock time of us = 0.
Result<void> write_pcap(const std::string& path, std::vector<CapturedPacket> packets,
                        std::uint64_t start_unix_us);

}  // namespace scn
