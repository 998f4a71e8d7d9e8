// Helpers for the message-layer tests: corpus files, MANIFEST.tsv, round-trip checks.
#pragma once

#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "msg/msg.h"

namespace scn_test {

inline std::string corpus_path(const std::string& relative) {
  return std::string(SCN_CORPORA_DIR) + "/" + relative;
}

// Whole file, binary, or "" when unreadable (callers check the size).
inline std::string read_binary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

using Row = std::map<std::string, std::string>;

// Tab-separated file whose first line names the columns.
inline std::vector<Row> read_manifest(const std::string& path) {
  std::istringstream in(read_binary(path));
  std::string line;
  std::vector<std::string> columns;
  std::vector<Row> rows;
  auto split = [](const std::string& text) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = text.find('\t', start);
      cells.push_back(text.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) return cells;
      start = tab + 1;
    }
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (columns.empty()) {
      columns = split(line);
      continue;
    }
    const auto cells = split(line);
    Row row;
    for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i) row[columns[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

// Serialises, re-parses and compares; returns "" when equivalent, else what differs.
inline std::string round_trip_problem(const scn::sip::Message& m) {
  const std::string text = scn::sip::serialize(m);
  const auto again = scn::sip::parse(text);
  if (!again) return "re-parse failed: " + again.reason();
  const auto& n = *again;
  if (n.method() != m.method() || n.status_code() != m.status_code()) return "start line differs";
  if (n.request_uri() != m.request_uri() || n.reason() != m.reason()) return "start line differs";
  if (n.headers().size() != m.headers().size()) return "header count differs";
  for (std::size_t i = 0; i < m.headers().size(); ++i) {
    const auto& a = m.headers()[i];
    const auto& b = n.headers()[i];
    if (a.canonical != b.canonical || a.value != b.value) return "header differs: " + std::string(a.name);
    if (m.values(a.name) != n.values(a.name)) return "values differ: " + std::string(a.name);
  }
  if (n.body() != m.body()) return "body differs";
  return "";
}

}  // namespace scn_test
