// Value-or-error results used by the SIP message layer. Parsing never throws:
// every failure is a value carrying a human-readable reason and a byte offset.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

namespace scn::sip {

// Why parsing failed and where (offset into the text that was given to the parser).
struct Error {
  std::string reason;
  std::size_t offset = 0;
  // For a request that failed to parse: the response a UAS should send (400, 505 for
  // an unsupported version, 513 for an oversized message); 0 when the input was a
  // response (discard it) or the error is not about a whole message.
  int response_code = 0;
};

// Either a T or an Error. T must be default-constructible: on error value() returns
// an empty T instead of crashing, so a caller that forgets to check stays memory-safe.
template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}                     // NOLINT: implicit by design
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT: implicit by design

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return value_; }
  T& value() & { return value_; }
  T&& value() && { return std::move(value_); }
  const T& operator*() const& { return value_; }
  const T* operator->() const { return &value_; }

  const Error& error() const { return error_; }
  // The reason, or "" when ok().
  const std::string& reason() const { return error_.reason; }

 private:
  T value_{};
  Error error_{};
  bool failed_ = false;
};

inline Error make_error(std::string reason, std::size_t offset = 0) {
  return Error{std::move(reason), offset, 0};
}

}  // namespace scn::sip
