#include "base/random.h"

#include <sys/random.h>

#include <random>

namespace scn {

namespace {

std::uint64_t kernel_random() {
  std::uint64_t value = 0;
  if (getrandom(&value, sizeof value, 0) == static_cast<ssize_t>(sizeof value)) return value;
  std::random_device device;  // getrandom is missing only on very old kernels
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace

std::uint64_t random_seed() {
  thread_local SplitMix64 engine(kernel_random());
  return engine();
}

}  // namespace scn
