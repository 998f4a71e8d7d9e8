// The guard every C ABI entry runs its body in: no C++ exception crosses into generated
// code; a failure inside becomes an error verdict of the run.
#pragma once

#include <cstddef>
#include <exception>
#include <string>
#include <string_view>

#include "executor/executor.h"

namespace scn::abi {

inline void note_internal_error(Executor& executor, const char* what) noexcept {
  try {
    executor.set_error(std::string("internal error: ") + what);
  } catch (...) {  // out of memory while reporting: the verdict stays as it was
  }
}

// body(executor), or `fallback` when rt is unusable or body threw.
template <class R, class F>
R guarded(scn_rt* rt, R fallback, F&& body) noexcept {
  if (!rt || !rt->executor) return fallback;
  try {
    return body(*rt->executor);
  } catch (const std::exception& e) {
    note_internal_error(*rt->executor, e.what());
  } catch (...) {
    note_internal_error(*rt->executor, "unknown exception");
  }
  return fallback;
}

inline std::string_view view(const char* text) {
  return text ? std::string_view(text) : std::string_view();
}

// Copies a reason into a caller's buffer: NUL-terminated, truncated to fit.
inline void copy_text(std::string_view text, char* buffer, std::size_t size) noexcept {
  if (!buffer || size == 0) return;
  const std::size_t n = text.size() < size - 1 ? text.size() : size - 1;
  text.copy(buffer, n);
  buffer[n] = '\0';
}

}  // namespace scn::abi
