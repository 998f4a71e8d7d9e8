// An XML well-formedness check for the tests of the JUnit report.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace scn::test {

// A small XML 1.0 well-formedness check, enough for what junit_xml() may produce:
// prolog, nested elements, quoted attributes without '<' or raw '&', known entities,
// balanced tags, one root. Returns "" when well-formed, else what is wrong.
class XmlChecker {
 public:
  explicit XmlChecker(std::string_view text) : s_(text) {}

  std::string check() {
    if (s_.starts_with("<?xml")) {
      const std::size_t end = s_.find("?>");
      if (end == std::string_view::npos) return "unterminated prolog";
      i_ = end + 2;
    }
    int roots = 0;
    std::vector<std::string> open;
    while (i_ < s_.size()) {
      if (s_[i_] != '<') {
        if (auto e = text_until('<'); !e.empty()) return e;
        if (open.empty() && !blank_) return "text outside the root element";
        continue;
      }
      if (s_.substr(i_).starts_with("</")) {
        const std::size_t end = s_.find('>', i_);
        if (end == std::string_view::npos) return "unterminated end tag";
        const std::string name(s_.substr(i_ + 2, end - i_ - 2));
        if (open.empty() || open.back() != name) return "mismatched end tag </" + name + ">";
        open.pop_back();
        i_ = end + 1;
        continue;
      }
      std::string name;
      bool empty_element = false;
      if (auto e = start_tag(name, empty_element); !e.empty()) return e;
      if (open.empty() && ++roots > 1) return "more than one root element";
      if (!empty_element) open.push_back(name);
    }
    if (!open.empty()) return "unclosed element <" + open.back() + ">";
    return roots == 1 ? "" : "no root element";
  }

 private:
  std::string entity() {
    for (std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
      if (s_.substr(i_).starts_with(e)) {
        i_ += e.size();
        return "";
      }
    }
    return "bad entity";
  }

  std::string text_until(char stop) {
    blank_ = true;
    while (i_ < s_.size() && s_[i_] != stop) {
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return "control character in text";
      if (s_[i_] == '<') return "raw '<' in an attribute";
      if (s_[i_] == '&') {
        if (auto e = entity(); !e.empty()) return e;
        blank_ = false;
        continue;
      }
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r') blank_ = false;
      ++i_;
    }
    return "";
  }

  std::string start_tag(std::string& name, bool& empty_element) {
    ++i_;
    const std::size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-')) ++i_;
    name = std::string(s_.substr(start, i_ - start));
    if (name.empty()) return "element without a name";
    std::set<std::string> attrs;
    while (i_ < s_.size()) {
      while (i_ < s_.size() && s_[i_] == ' ') ++i_;
      if (s_.substr(i_).starts_with("/>")) {
        empty_element = true;
        i_ += 2;
        return "";
      }
      if (i_ < s_.size() && s_[i_] == '>') {
        ++i_;
        return "";
      }
      const std::size_t eq = s_.find('=', i_);
      if (eq == std::string_view::npos || eq + 1 >= s_.size() || s_[eq + 1] != '"') {
        return "attribute without a quoted value in <" + name + ">";
      }
      if (!attrs.insert(std::string(s_.substr(i_, eq - i_))).second) return "duplicate attribute";
      i_ = eq + 2;
      if (auto e = text_until('"'); !e.empty()) return e;
      if (i_ >= s_.size()) return "unterminated attribute value";
      ++i_;
    }
    return "unterminated start tag";
  }

  std::string_view s_;
  std::size_t i_ = 0;
  bool blank_ = true;
};

}  // namespace scn::test
