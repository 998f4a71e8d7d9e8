// SSE2 helpers for the parsers' scans of short texts (hosts, tokens), which mostly end
// before a whole 16-octet block does. Every x86-64 has SSE2; elsewhere callers keep
// their scalar loops.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>

// Sanitizers see a read past the end of a text as an error even where the hardware
// cannot fault: those builds copy instead.
#if defined(__SANITIZE_ADDRESS__)
#define SCN_SIMD_COPY_TAILS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define SCN_SIMD_COPY_TAILS 1
#endif
#endif

namespace scn::sip::detail {

inline constexpr std::size_t kPage = 4096;

// 16 octets whose first n (n <= 16) are those at p; the others are unspecified. It loads
// 16 octets at p when they lie within p's page (a load inside a mapped page cannot
// fault, and the octets past n are never looked at), else copies the n octets.
inline __m128i load_partial(const char* p, std::size_t n) {
#if !defined(SCN_SIMD_COPY_TAILS)
  if (n == 16 || (reinterpret_cast<std::uintptr_t>(p) & (kPage - 1)) <= kPage - 16) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  }
#else
  if (n == 16) return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
#endif
  alignas(16) char copy[16] = {};
  std::memcpy(copy, p, n);
  return _mm_load_si128(reinterpret_cast<const __m128i*>(copy));
}

// The low n bits set: the lanes of a block that belong to the text (n <= 16).
inline unsigned lanes(std::size_t n) { return (1u << n) - 1u; }

// Lanes whose octet lies in [lo, hi] (ASCII bounds: octets >= 0x80 are never in).
inline __m128i in_range(__m128i block, char lo, char hi) {
  return _mm_and_si128(_mm_cmpgt_epi8(block, _mm_set1_epi8(static_cast<char>(lo - 1))),
                       _mm_cmplt_epi8(block, _mm_set1_epi8(static_cast<char>(hi + 1))));
}

inline unsigned mask_of(__m128i lanes_set) { return static_cast<unsigned>(_mm_movemask_epi8(lanes_set)); }

}  // namespace scn::sip::detail

#endif
