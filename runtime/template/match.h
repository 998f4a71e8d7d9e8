// Matching incoming messages (UE -> SS) against matching templates.
//
// A MatchTemplate is the expected method or status plus rows {path, Matcher}. match()
// checks every row and collects every mismatch with its path, what was expected and
// what was received. Regular expressions are compiled once, when the Matcher is made.
#pragma once

#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "template/match_result.h"
#include "base/base.h"
#include "template/path.h"

namespace scn::sip {

class Message;

class Matcher {
 public:
  enum class Kind { Equal, Present, Absent, Any, Prefix, Regex, OneOf };

  Matcher() = default;  // Any

  // Equality by the kind of value at the path: URIs by RFC 3261 19.1.4, tokens
  // case-insensitively, numbers numerically, everything else exactly.
  static Matcher equal(std::string value);
  // Ordered list (Route = <a>, <b>): one expected value per received value, in order.
  static Matcher equal_list(std::vector<std::string> values);
  static Matcher present();
  static Matcher absent();
  static Matcher any();
  static Matcher prefix(std::string text);  // case-sensitive, on the value as received
  // ECMAScript; found anywhere in the value (anchor with ^...$ for a whole match).
  // An invalid pattern is an error here, never at match time. Values longer than 4096
  // bytes are not searched (std::regex would overflow the stack): they do not match.
  static Result<Matcher> regex(std::string pattern);
  static Matcher one_of(std::vector<std::string> values);
  // Value not checked but stored.
  static Matcher capture_only(std::string slot) { return any().capture(std::move(slot)); }

  // Also store the value (when present) under `slot`; combines with any matcher.
  Matcher& capture(std::string slot) {
    slot_ = std::move(slot);
    return *this;
  }

  Kind kind() const { return kind_; }
  const std::vector<std::string>& values() const { return values_; }
  const std::string& capture_slot() const { return slot_; }
  // The compiled expression (shared by copies of this matcher), nullptr unless Regex.
  const std::regex* compiled() const { return regex_.get(); }
  // As a report shows it: "\"INVITE\"", "present", "starts \"z9hG4bK\"", "matches /x/".
  std::string describe() const;

 private:
  Matcher(Kind kind, std::vector<std::string> values) : kind_(kind), values_(std::move(values)) {}

  Kind kind_ = Kind::Any;
  std::vector<std::string> values_;
  std::shared_ptr<const std::regex> regex_;
  std::string slot_;
};

struct MatchRow {
  Path path;
  Matcher matcher;
};

class MatchTemplate {
 public:
  static MatchTemplate request(std::string method);
  static MatchTemplate response(int status);  // 0: any status
  static MatchTemplate any_message() { return {}; }

  // Adds a row. An Equal with one value on a whole list header (Route, Record-Route,
  // Via, Require, ...) is split into an ordered list here, once.
  MatchTemplate& add(Path path, Matcher matcher);
  // Text path (tests, REPL); an unparsable path is recorded and reported by match().
  MatchTemplate& add(std::string_view path, Matcher matcher);

  const std::string& method() const { return method_; }
  int status() const { return status_; }
  bool expects_request() const { return !method_.empty(); }
  const std::vector<MatchRow>& rows() const { return rows_; }
  const std::vector<std::string>& path_errors() const { return path_errors_; }

 private:
  std::string method_;
  int status_ = 0;
  std::vector<MatchRow> rows_;
  std::vector<std::string> path_errors_;
};

MatchResult match(const MatchTemplate& tmpl, const Message& message);

// Equality of one expected and one received value of the given kind.
bool values_equal(ValueKind kind, std::string_view expected, std::string_view received);

}  // namespace scn::sip
