// Private to media: spandsp's headers, included one by one in the order its umbrella
// spandsp.h uses (that one wants libtiff's headers for fax modules the runtime never uses).
#pragma once

#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <spandsp/telephony.h>
#include <spandsp/fast_convert.h>
#include <spandsp/bit_operations.h>
#include <spandsp/complex.h>
#include <spandsp/logging.h>
#include <spandsp/super_tone_rx.h>
#include <spandsp/g711.h>
#include <spandsp/tone_detect.h>
#include <spandsp/dtmf.h>

namespace scn::media {

// The power of a 0 dBm0 sine relative to full scale (spandsp's DBM0_MAX_SINE_POWER: a
// full-scale G.711 sine is +3.14 dBm0).
inline constexpr double max_sine_dbm0 = 3.14;
inline constexpr double full_scale = 32767.0;

}  // namespace scn::media
