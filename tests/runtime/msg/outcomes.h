// What parse() and frame() make of the torture corpora and of mutations of them, one
// line per input: the exact error (reason, offset, response code) or a digest of the
// parsed message. parse_outcomes.tsv pins these lines, so a faster parser must keep every
// result and every error message as it was. Only the public msg.h API is used here.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "msg/msg.h"
#include "support.h"

namespace scn_test {

struct Input {
  std::string name;
  std::string bytes;
};

inline std::string digest(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

// Control octets spelt \xNN, so that each outcome stays one printable line.
inline std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x20 && b < 0x7f && c != '\\') {
      out.push_back(c);
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", b);
      out += hex;
    }
  }
  return out;
}

inline std::string parse_outcome(const std::string& bytes, scn::sip::ParseMode mode) {
  const auto r = scn::sip::parse(bytes, mode);
  if (!r.ok()) {
    return "error " + std::to_string(r.error().response_code) + " @" + std::to_string(r.error().offset) + " " +
           printable(r.reason());
  }
  std::string fields;
  for (const scn::sip::Header& h : r->headers()) {
    fields += std::string(h.name) + "|" + std::string(h.canonical) + "|" + std::string(h.value) + "\n";
  }
  return "ok " + std::to_string(r->headers().size()) + " headers " + digest(fields) + " start " +
         digest(r->start_line()) + " body " + std::to_string(r->body().size()) + " trailing " +
         std::to_string(r->trailing_octets()) + (r->body_from_datagram_end() ? " implicit" : "");
}

inline std::string frame_outcome(const std::string& bytes) {
  const auto f = scn::sip::frame(bytes);
  const char* status = f.status == scn::sip::FrameStatus::Complete ? "complete"
                       : f.status == scn::sip::FrameStatus::Error  ? "error"
                                                                    : "need-more";
  return std::string(status) + " skip " + std::to_string(f.skip) + " length " + std::to_string(f.length) +
         (f.ping ? " ping" : "") + (f.reason.empty() ? "" : " " + printable(f.reason));
}

// Deterministic damage of one message: the kinds of faults the line scanner decides on.
inline std::vector<Input> mutations(const Input& in) {
  const std::string& b = in.bytes;
  std::vector<Input> out;
  auto add = [&](const std::string& what, std::string bytes) { out.push_back({in.name + "~" + what, std::move(bytes)}); };
  for (std::size_t cut : {std::size_t{1}, b.size() / 3, b.size() / 2, b.size() - 1}) {
    if (cut < b.size()) add("cut" + std::to_string(cut), b.substr(0, cut));
  }
  const std::size_t second = b.find('\n') + 1;        // first header line
  const std::size_t colon = b.find(':', second);
  if (second > 0 && colon != std::string::npos) {
    add("nocolon", std::string(b).erase(colon, 1));
    add("bare-cr", std::string(b).insert(colon + 2, "\r"));
    add("nul", std::string(b).insert(colon + 2, std::string(1, '\0')));
    add("space-name", std::string(b).insert(second + 1, " "));
    add("fold", std::string(b).insert(colon + 1, "\r\n "));
    add("continuation-first", std::string(b).insert(second, " "));
  }
  std::string lf_only;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (!(b[i] == '\r' && i + 1 < b.size() && b[i + 1] == '\n')) lf_only.push_back(b[i]);
  }
  add("lf-only", lf_only);
  const std::size_t end = b.find("\r\n\r\n");
  if (end != std::string::npos) {
    add("extra-length", std::string(b).insert(end + 2, "l: 0\r\n"));
    add("long-line", std::string(b).insert(end + 2, "X-Long: " + std::string(9000, 'a') + "\r\n"));
    add("cr-end", std::string(b).insert(end + 2, "X-Cr: a\r\r\n"));
    if (colon != std::string::npos && colon < end) {
      add("nocolon-long", std::string(b).insert(end + 2, "X-Long: " + std::string(9000, 'a') + "\r\n").erase(colon, 1));
    }
  }
  return out;
}

// Every file of the RFC 4475 and RFC 5118 corpora (variants included) and its mutations,
// in a stable order.
inline std::vector<Input> outcome_inputs(const std::string& corpora) {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"rfc4475", "rfc5118"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(corpora + "/" + dir)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && ext != ".tsv" && ext != ".txt") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Input> inputs;
  for (const auto& path : files) {
    Input in{std::filesystem::relative(path, corpora).string(), read_binary(path.string())};
    const auto damaged = mutations(in);
    inputs.push_back(std::move(in));
    inputs.insert(inputs.end(), damaged.begin(), damaged.end());
  }
  return inputs;
}

inline std::string outcome_line(const Input& in) {
  return in.name + "\t" + parse_outcome(in.bytes, scn::sip::ParseMode::Datagram) + "\t" +
         parse_outcome(in.bytes, scn::sip::ParseMode::Stream) + "\t" + frame_outcome(in.bytes) + "\n";
}

}  // namespace scn_test
