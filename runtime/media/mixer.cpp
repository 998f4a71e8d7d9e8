// The mixer of an MRFP: each participant hears the sum of the others.
#include <algorithm>

#include "media/media.h"

namespace scn::media {

Mixer::Mixer(std::vector<Endpoint*> endpoints) : endpoints_(std::move(endpoints)) {
  for (std::size_t i = 0; i < endpoints_.size(); ++i)
    endpoints_[i]->send_source([this, i](std::span<std::int16_t> frame) {
      Frame mix = mix_for(i);
      std::copy_n(mix.begin(), std::min(frame.size(), mix.size()), frame.begin());
    });
}

Mixer::~Mixer() {
  for (Endpoint* e : endpoints_) e->stop_sending();
}

Frame Mixer::mix_for(std::size_t i) const {
  std::array<std::int32_t, frame_samples> sum{};
  for (std::size_t j = 0; j < endpoints_.size(); ++j) {
    if (j == i) continue;
    Frame heard = endpoints_[j]->latest_frame();
    for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += heard[k];
  }
  Frame mix{};
  for (std::size_t k = 0; k < sum.size(); ++k)
    mix[k] = static_cast<std::int16_t>(std::clamp(sum[k], -32768, 32767));
  return mix;
}

}  // namespace scn::media
