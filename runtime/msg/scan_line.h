// scan_line(): one pass over a physical line for its LF, its first CR and its first ':'.
// Received header sections are read line by line with it, so it is the inner loop of
// parse(); with SSE2 (every x86-64) it compares 16 octets at once. Inline: its result
// is then read from registers, not from a structure the call returned in memory.
#pragma once

#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace scn::sip::detail {

namespace scan {

inline constexpr std::size_t kNone = std::string_view::npos;

// The first LF, CR and ':' at or after pos (kNone when absent), searched up to the LF.
struct Firsts {
  std::size_t lf = kNone, cr = kNone, colon = kNone;
};

inline void scalar_firsts(std::string_view s, std::size_t pos, Firsts& f) {
  for (std::size_t i = pos; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n') {
      f.lf = i;
      return;
    }
    if (c == '\r' && f.cr == kNone) f.cr = i;
    if (c == ':' && f.colon == kNone) f.colon = i;
  }
}

#if defined(__SSE2__)
inline unsigned first_bit(unsigned mask) { return static_cast<unsigned>(__builtin_ctz(mask)); }

// Whole 16-octet blocks; returns where the scalar tail starts (or s.size() when done).
inline std::size_t vector_firsts(std::string_view s, std::size_t pos, Firsts& f) {
  const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), colon = _mm_set1_epi8(':');
  for (; pos + 16 <= s.size(); pos += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + pos));
    const auto lfs = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, lf)));
    const auto crs = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, cr)));
    const auto colons = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, colon)));
    // Bits at or after the LF do not belong to this line.
    const unsigned before = lfs != 0 ? (1u << first_bit(lfs)) - 1 : 0xffffu;
    if (f.cr == kNone && (crs & before) != 0) f.cr = pos + first_bit(crs & before);
    if (f.colon == kNone && (colons & before) != 0) f.colon = pos + first_bit(colons & before);
    if (lfs != 0) {
      f.lf = pos + first_bit(lfs);
      return s.size();
    }
  }
  return pos;
}
#else
inline std::size_t vector_firsts(std::string_view, std::size_t pos, Firsts&) { return pos; }
#endif

}  // namespace scan

inline LineScan scan_line(std::string_view s, std::size_t pos) noexcept {
  using namespace scan;
  Firsts f;
  const std::size_t tail = vector_firsts(s, pos, f);
  if (tail < s.size()) scalar_firsts(s, tail, f);
  LineScan out;
  const std::size_t end = f.lf == kNone ? s.size() : f.lf;
  out.complete = f.lf != kNone;
  out.text_end = out.complete && end > pos && s[end - 1] == '\r' ? end - 1 : end;
  out.next = out.complete ? f.lf + 1 : s.size();
  out.colon = f.colon < out.text_end ? f.colon : kNone;
  out.bare_cr = f.cr < out.text_end;
  return out;
}

}  // namespace scn::sip::detail
