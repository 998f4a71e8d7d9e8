#include "lower_mirror.h"

#include <regex>

#include "scn/support/text.hpp"

namespace scn::ir {

namespace {

// A recursive reader of an ECMAScript pattern that writes the shortest text of each part:
// quantifiers take their minimum, alternatives the shortest branch, a class its first
// member, anchors nothing, and lookaheads (`(?=...)`) their own example, joined to the
// others by ", " (the list headers such patterns describe).
class Inverter {
 public:
  explicit Inverter(const std::string& pattern) : p_(pattern) {}

  std::optional<std::string> run() {
    std::string out = alternatives();
    if (!ok_ || i_ != p_.size()) return std::nullopt;
    for (const std::string& ahead : lookaheads_) out = out.empty() ? ahead : out + ", " + ahead;
    return out;
  }

 private:
  std::string alternatives() {
    std::optional<std::string> best;
    while (true) {
      std::string branch = sequence();
      if (!best || branch.size() < best->size()) best = branch;
      if (i_ < p_.size() && p_[i_] == '|') { ++i_; continue; }
      return *best;
    }
  }

  std::string sequence() {
    std::string out;
    while (ok_ && i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      std::string atom_text = atom();
      const std::size_t min = quantifier();
      for (std::size_t k = 0; k < min; ++k) out += atom_text;
    }
    return out;
  }

  // Repetitions the quantifier after an atom demands at least (1 without one).
  std::size_t quantifier() {
    if (i_ >= p_.size()) return 1;
    std::size_t min = 1;
    const char c = p_[i_];
    if (c == '*' || c == '?') min = 0, ++i_;
    else if (c == '+') ++i_;
    else if (c == '{') {
      const std::size_t close = p_.find('}', i_);
      if (close == std::string::npos) return fail(), 1;
      min = static_cast<std::size_t>(std::atoi(p_.c_str() + i_ + 1));
      i_ = close + 1;
    } else {
      return 1;
    }
    if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy
    return min;
  }

  std::string atom() {
    const char c = p_[i_++];
    switch (c) {
      case '^': case '$': return "";
      case '.': return "x";
      case '[': return char_class();
      case '(': return group();
      case '\\': return escape();
      default: return std::string(1, c);
    }
  }

  std::string group() {
    bool ahead = false;
    if (p_.compare(i_, 2, "?:") == 0) i_ += 2;
    else if (p_.compare(i_, 2, "?=") == 0) i_ += 2, ahead = true;
    else if (i_ < p_.size() && p_[i_] == '?') return fail(), "";  // (?! ...) cannot be inverted
    std::string inner = alternatives();
    if (i_ >= p_.size() || p_[i_] != ')') return fail(), "";
    ++i_;
    if (ahead) {
      lookaheads_.push_back(inner);
      return "";
    }
    return inner;
  }

  std::string escape() {
    if (i_ >= p_.size()) return fail(), "";
    const char c = p_[i_++];
    switch (c) {
      case 'd': return "0";
      case 'w': return "a";
      case 's': return " ";
      case 't': return "\t";
      case 'r': return "\r";
      case 'n': return "\n";
      case 'b': case 'B': return "";
      default:
        if (c >= '1' && c <= '9') return fail(), "";  // back-reference
        return std::string(1, c);
    }
  }

  std::string char_class() {
    const bool negated = i_ < p_.size() && p_[i_] == '^';
    if (negated) ++i_;
    std::string members;
    while (i_ < p_.size() && p_[i_] != ']') {
      char c = p_[i_++];
      if (c == '\\' && i_ < p_.size()) {
        const char e = p_[i_++];
        c = e == 'd' ? '0' : e == 'w' ? 'a' : e == 's' ? ' ' : e == 't' ? '\t' : e;
      }
      members += c;
    }
    if (i_ >= p_.size()) return fail(), "";
    ++i_;
    if (!negated) return members.empty() ? (fail(), "") : std::string(1, members.front());
    for (char candidate : std::string("xa0-")) 
      if (members.find(candidate) == std::string::npos) return std::string(1, candidate);
    return fail(), "";
  }

  void fail() { ok_ = false; }

  const std::string& p_;
  std::size_t i_ = 0;
  bool ok_ = true;
  std::vector<std::string> lookaheads_;
};

bool runtime_fills(const check::ResolvedPath& path) {
  if (path.root != check::PathRoot::header) return false;
  for (const char* h : {"Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards", "Contact",
                        "Content-Length", "Content-Type"})
    if (support::iequals(path.name, h)) return true;
  return false;
}

}  // namespace

std::optional<std::string> regex_example(const std::string& pattern) {
  std::optional<std::string> text = Inverter(pattern).run();
  if (!text) return std::nullopt;
  try {
    if (!std::regex_search(*text, std::regex(pattern, std::regex::ECMAScript))) return std::nullopt;
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> present_example(const check::ResolvedPath& path) {
  if (runtime_fills(path) || path.root != check::PathRoot::header) return std::nullopt;
  using schema::ValueType;
  switch (path.type) {
    case ValueType::name_addr:
    case ValueType::contact:
    case ValueType::angle_uri: return "<sip:mirror.invalid;lr>";
    case ValueType::uri: return "sip:mirror.invalid";
    case ValueType::host: return "mirror.invalid";
    case ValueType::port: return "5060";
    case ValueType::hostport: return "mirror.invalid:5060";
    case ValueType::method: return "INVITE";
    case ValueType::media_type:
    case ValueType::media_range: return "application/sdp";
    case ValueType::boolean: return "true";
    case ValueType::integer:
    case ValueType::uint32:
    case ValueType::delta_seconds:
    case ValueType::qvalue: return "1";
    case ValueType::status_code: return "200";
    case ValueType::quoted_string: return "\"mirror\"";
    case ValueType::star: return "*";
    // Rows on the parts (RAck.rseq = step(3).RSeq) then edit a well-formed value.
    case ValueType::rack: return "1 1 INVITE";
    case ValueType::cseq: return "1 INVITE";
    case ValueType::via: return "SIP/2.0/UDP mirror.invalid";
    case ValueType::sent_protocol: return "SIP/2.0/UDP";
    case ValueType::warning: return "399 mirror.invalid \"mirror\"";
    case ValueType::auth: return "Digest realm=\"mirror\"";
    case ValueType::date: return "Thu, 01 Jan 2026 00:00:00 GMT";
    default: return "mirror";
  }
}

}  // namespace scn::ir
