// The mixer of an MRFP: each participant hears the sum of the others.
#include <algorithm>

#include "media/media.h"

namespace scn::media {

Source mix_source(Participants others) {
  return [others = std::move(others)](std::span<std::int16_t> frame) {
    std::array<std::int32_t, frame_samples> sum{};
    for (const Endpoint* e : others()) {
      const Frame heard = e->latest_frame();
      for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += heard[k];
    }
    for (std::size_t k = 0; k < frame.size() && k < sum.size(); ++k)
      frame[k] = static_cast<std::int16_t>(std::clamp(sum[k], -32768, 32767));
  };
}

}  // namespace scn::media
