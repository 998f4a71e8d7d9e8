// Hex, base64 and random octets: how keys, RANDs and nonces are written and drawn.
#include "auth/auth.h"

#include <sys/random.h>

#include <cerrno>
#include <cstring>

#include <nettle/base64.h>

namespace scn::auth {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string to_hex(std::span<const std::uint8_t> octets) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(octets.size() * 2);
  for (std::uint8_t o : octets) {
    out.push_back(digits[o >> 4]);
    out.push_back(digits[o & 0x0f]);
  }
  return out;
}

Result<Bytes> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return make_error("odd number of hex digits", hex.size());
  Bytes out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_digit(hex[i]);
    const int lo = hex_digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return make_error("not a hex digit", hi < 0 ? i : i + 1);
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return out;
}

std::string to_base64(std::span<const std::uint8_t> octets) {
  std::string out(BASE64_ENCODE_RAW_LENGTH(octets.size()), '\0');
  base64_encode_raw(out.data(), octets.size(), octets.data());
  return out;
}

Result<Bytes> from_base64(std::string_view text) {
  // Nettle skips white space and checks the padding in base64_decode_final.
  Bytes out(BASE64_DECODE_LENGTH(text.size()));
  base64_decode_ctx ctx;
  base64_decode_init(&ctx);
  std::size_t length = out.size();
  if (!base64_decode_update(&ctx, &length, out.data(), text.size(), text.data()) ||
      !base64_decode_final(&ctx)) {
    return make_error("not base64");
  }
  out.resize(length);
  return out;
}

Result<Bytes> random_octets(std::size_t size) {
  Bytes out(size);
  std::size_t filled = 0;
  while (filled < size) {
    const ssize_t got = getrandom(out.data() + filled, size - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      return make_error(std::string("getrandom: ") + std::strerror(errno));
    }
    filled += static_cast<std::size_t>(got);
  }
  return out;
}

}  // namespace scn::auth
