// The JSON of the ctrl_tcp protocol: a strict reader of one object's members and a
// writer of string-valued objects (RFC 8259).
#include <cstdint>
#include <cstdio>
#include <string>

#include "tester/tester.h"

namespace scn::tester::ctrl {

namespace {

constexpr int max_depth = 32;

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A recursive-descent reader over one text; every method leaves pos_ after what it read.
class Reader {
public:
  explicit Reader(std::string_view text) : s_(text) {}
  Result<JsonObject> top();

private:
  Error fail(const std::string& what) const {
    return make_error("JSON offset " + std::to_string(pos_) + ": " + what, pos_);
  }
  bool at_end() const { return pos_ >= s_.size(); }
  void skip_space() {
    while (!at_end() && is_json_space(s_[pos_])) ++pos_;
  }
  // Skips white space, then takes `c` when it comes next.
  bool take(char c) {
    skip_space();
    if (at_end() || s_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  Result<void> expect(char c) {
    if (take(c)) return {};
    return fail(std::string("expected '") + c + "'");
  }
  Result<JsonValue> value(int depth);
  Result<void> object(int depth, JsonObject* members);
  Result<void> member(int depth, JsonObject* members);
  Result<void> array(int depth);
  Result<std::string> string();
  Result<void> escape(std::string& out);
  Result<std::uint32_t> hex4();
  Result<std::uint32_t> code_point();
  Result<std::string> number();
  Result<void> digits();
  Result<void> literal(std::string_view word);

  std::string_view s_;
  std::size_t pos_ = 0;
};

Result<JsonObject> Reader::top() {
  JsonObject members;
  skip_space();
  if (at_end() || s_[pos_] != '{') return fail("not a JSON object");
  if (auto r = object(1, &members); !r) return r.error();
  skip_space();
  if (!at_end()) return fail("text after the object");
  return members;
}

Result<JsonValue> Reader::value(int depth) {
  if (depth > max_depth) return fail("nested deeper than " + std::to_string(max_depth));
  skip_space();
  if (at_end()) return fail("value expected, text ended");
  JsonValue v;
  const char c = s_[pos_];
  Result<void> r;
  if (c == '"') {
    auto text = string();
    if (!text) return text.error();
    v.type = JsonType::string;
    v.text = std::move(text).value();
  } else if (c == '-' || sip::is_digit(c)) {
    auto text = number();
    if (!text) return text.error();
    v.type = JsonType::number;
    v.text = std::move(text).value();
  } else if (c == '{') {
    v.type = JsonType::object;
    r = object(depth, nullptr);
  } else if (c == '[') {
    v.type = JsonType::array;
    r = array(depth);
  } else if (c == 't' || c == 'f') {
    v.type = JsonType::boolean;
    v.boolean = c == 't';
    r = literal(v.boolean ? "true" : "false");
  } else if (c == 'n') {
    r = literal("null");
  } else {
    return fail(std::string("unexpected '") + c + "'");
  }
  if (!r) return r.error();
  return v;
}

Result<void> Reader::object(int depth, JsonObject* members) {
  ++pos_;  // '{'
  if (take('}')) return {};
  do {
    if (auto r = member(depth, members); !r) return r;
  } while (take(','));
  return expect('}');
}

Result<void> Reader::member(int depth, JsonObject* members) {
  skip_space();
  if (at_end() || s_[pos_] != '"') return fail("member name expected");
  const std::size_t name_at = pos_;
  auto name = string();
  if (!name) return name.error();
  if (auto r = expect(':'); !r) return r;
  auto v = value(depth + 1);
  if (!v) return v.error();
  if (!members) return {};
  if (!members->emplace(name.value(), std::move(v).value()).second)
    return make_error("JSON offset " + std::to_string(name_at) + ": duplicate member \"" +
                      name.value() + "\"", name_at);
  return {};
}

Result<void> Reader::array(int depth) {
  ++pos_;  // '['
  if (take(']')) return {};
  do {
    if (auto v = value(depth + 1); !v) return v.error();
  } while (take(','));
  return expect(']');
}

Result<std::string> Reader::string() {
  ++pos_;  // '"'
  std::string out;
  for (;;) {
    if (at_end()) return fail("unterminated string");
    const char c = s_[pos_];
    if (c == '"') break;
    if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
    if (c == '\\') {
      if (auto r = escape(out); !r) return r.error();
      continue;
    }
    out += c;
    ++pos_;
  }
  ++pos_;
  return out;
}

Result<void> Reader::escape(std::string& out) {
  ++pos_;  // '\'
  if (at_end()) return fail("unterminated escape");
  const char c = s_[pos_++];
  switch (c) {
    case '"': case '\\': case '/': out += c; return {};
    case 'b': out += '\b'; return {};
    case 'f': out += '\f'; return {};
    case 'n': out += '\n'; return {};
    case 'r': out += '\r'; return {};
    case 't': out += '\t'; return {};
    case 'u': break;
    default: --pos_; return fail(std::string("bad escape '\\") + c + "'");
  }
  auto cp = code_point();
  if (!cp) return cp.error();
  append_utf8(out, *cp);
  return {};
}

// After "\u": one code point, from a surrogate pair when it takes two escapes.
Result<std::uint32_t> Reader::code_point() {
  auto unit = hex4();
  if (!unit) return unit;
  if (*unit >= 0xDC00 && *unit <= 0xDFFF) return fail("lone low surrogate");
  if (*unit < 0xD800 || *unit > 0xDBFF) return unit;
  if (s_.substr(pos_, 2) != "\\u") return fail("high surrogate without its low half");
  pos_ += 2;
  auto low = hex4();
  if (!low) return low;
  if (*low < 0xDC00 || *low > 0xDFFF) return fail("high surrogate without its low half");
  return 0x10000 + ((*unit - 0xD800) << 10) + (*low - 0xDC00);
}

Result<std::uint32_t> Reader::hex4() {
  if (s_.size() - pos_ < 4) return fail("\\u needs four hex digits");
  std::uint32_t unit = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = s_[pos_];
    if (!sip::is_hex(c)) return fail("\\u needs four hex digits");
    const std::uint32_t digit = sip::is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
    unit = unit * 16 + digit;
    ++pos_;
  }
  return unit;
}

// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
Result<std::string> Reader::number() {
  const std::size_t start = pos_;
  if (s_[pos_] == '-') ++pos_;
  if (!at_end() && s_[pos_] == '0') {
    ++pos_;
  } else if (auto r = digits(); !r) {
    return r.error();
  }
  if (!at_end() && s_[pos_] == '.') {
    ++pos_;
    if (auto r = digits(); !r) return r.error();
  }
  if (!at_end() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
    ++pos_;
    if (!at_end() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
    if (auto r = digits(); !r) return r.error();
  }
  return std::string(s_.substr(start, pos_ - start));
}

Result<void> Reader::digits() {
  if (at_end() || !sip::is_digit(s_[pos_])) return fail("digit expected in a number");
  while (!at_end() && sip::is_digit(s_[pos_])) ++pos_;
  return {};
}

Result<void> Reader::literal(std::string_view word) {
  if (s_.substr(pos_, word.size()) != word) return fail("unknown literal");
  pos_ += word.size();
  return {};
}

}  // namespace

Result<JsonObject> parse_json_object(std::string_view text) { return Reader(text).top(); }

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string json_object(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string out = "{";
  for (const auto& [name, text] : members) {
    if (out.size() > 1) out += ',';
    out += json_string(name) + ":" + json_string(text);
  }
  return out + "}";
}

}  // namespace scn::tester::ctrl
