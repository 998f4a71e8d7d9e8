// RTP packets (RFC 3550 5.1): the fixed header, the CSRC list, the header extension
// (5.3.1) and padding, parsed without repairing anything.
#include "media/media.h"

#include <algorithm>

namespace scn::media {

namespace {

constexpr std::size_t fixed_header = 12;

std::uint16_t be16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}

std::uint32_t be32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

// Strips the padding (P bit): the last octet counts the padding, itself included.
Result<std::size_t> unpadded_size(std::span<const std::uint8_t> d, std::size_t header) {
  if (!(d[0] & 0x20)) return d.size();
  std::uint8_t pad = d.back();
  if (pad == 0) return make_error("padding count is 0", d.size() - 1);
  if (pad > d.size() - header)
    return make_error("padding of " + std::to_string(pad) + " octets overruns the payload",
                      d.size() - 1);
  return d.size() - pad;
}

}  // namespace

Result<Packet> parse(std::span<const std::uint8_t> d) {
  if (d.size() < fixed_header)
    return make_error("datagram of " + std::to_string(d.size()) +
                      " octets is shorter than the 12-octet RTP header");
  if ((d[0] >> 6) != 2)
    return make_error("RTP version " + std::to_string(d[0] >> 6) + ", not 2");
  Packet p;
  p.marker = d[1] & 0x80;
  p.payload_type = d[1] & 0x7f;
  p.seq = be16(&d[2]);
  p.timestamp = be32(&d[4]);
  p.ssrc = be32(&d[8]);
  std::size_t at = fixed_header;
  std::size_t csrc_count = d[0] & 0x0f;
  if (d.size() < at + 4 * csrc_count)
    return make_error("CSRC list of " + std::to_string(csrc_count) + " overruns the datagram", at);
  for (std::size_t i = 0; i < csrc_count; ++i, at += 4) p.csrcs.push_back(be32(&d[at]));
  if (d[0] & 0x10) {
    if (d.size() < at + 4) return make_error("header extension overruns the datagram", at);
    std::size_t words = be16(&d[at + 2]);
    if (d.size() < at + 4 + 4 * words)
      return make_error("header extension of " + std::to_string(words) +
                        " words overruns the datagram", at);
    p.extension = Extension{be16(&d[at]), d.subspan(at + 4, 4 * words)};
    at += 4 + 4 * words;
  }
  auto end = unpadded_size(d, at);
  if (!end) return end.error();
  p.padding = static_cast<std::uint8_t>(d.size() - *end);
  p.payload = d.subspan(at, *end - at);
  return p;
}

std::vector<std::uint8_t> serialise(const Packet& p) {
  std::vector<std::uint8_t> out;
  out.reserve(fixed_header + 4 * p.csrcs.size() + p.payload.size() + p.padding + 4);
  std::size_t csrcs = std::min<std::size_t>(p.csrcs.size(), 15);
  out.push_back(static_cast<std::uint8_t>(0x80 | (p.padding ? 0x20 : 0) |
                                          (p.extension ? 0x10 : 0) | csrcs));
  out.push_back(static_cast<std::uint8_t>((p.marker ? 0x80 : 0) | (p.payload_type & 0x7f)));
  put16(out, p.seq);
  put32(out, p.timestamp);
  put32(out, p.ssrc);
  for (std::size_t i = 0; i < csrcs; ++i) put32(out, p.csrcs[i]);
  if (p.extension) {
    put16(out, p.extension->profile);
    put16(out, static_cast<std::uint16_t>(p.extension->data.size() / 4));
    // Whole words only, as the length field counts them.
    out.insert(out.end(), p.extension->data.begin(),
               p.extension->data.begin() + p.extension->data.size() / 4 * 4);
  }
  out.insert(out.end(), p.payload.begin(), p.payload.end());
  if (p.padding) {
    out.insert(out.end(), p.padding - 1u, 0);
    out.push_back(p.padding);
  }
  return out;
}

}  // namespace scn::media
