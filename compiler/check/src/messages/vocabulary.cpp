#include "vocabulary.h"

#include "scn/support/text.hpp"

namespace scn::check {

namespace {

using schema::ValueType;

std::string quote(const std::string& s) { return "'" + s + "'"; }

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

// The word before any params: "active" of "active;expires=7200".
std::string first_word(const std::string& text, const char* stops = ";, \t") {
  return trim(text.substr(0, text.find_first_of(stops)));
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string::npos ? text.size() : comma;
    auto word = first_word(text.substr(start, end - start), ";");
    if (!word.empty()) out.push_back(word);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

const schema::ValueSet* value_set(const ResolvedPath& path, const schema::Schema& schema) {
  const schema::Header* header = schema.find_header(path.name);
  if (!header || path.root != PathRoot::header) return nullptr;
  switch (path.member_kind) {
    case MemberKind::none: return &header->values;
    case MemberKind::part: {
      const auto* part = header->find_part(path.member);
      return part ? &part->values : nullptr;
    }
    case MemberKind::param: {
      const auto* param = header->find_param(path.member);
      return param ? &param->values : nullptr;
    }
  }
  return nullptr;
}

void check_value_set(const ResolvedPath& path, const std::string& word,
                     const ast::SourceLoc& loc, Env& env) {
  const schema::ValueSet* set = value_set(path, env.schema);
  if (!set || set->empty() || word.empty() || set->contains(word)) return;
  const std::string hint = did_you_mean(word, set->words);
  if (!set->open) {
    env.report.error(loc, quote(path.text) + " is " + joined(set->words) + ", not " +
                              quote(word) + hint);
  } else if (!hint.empty()) {
    env.report.warning(loc, quote(word) + " is not a known value of " + quote(path.text) + hint);
  }
}

void check_known(bool known, const std::string& what, const std::string& word,
                 const std::vector<std::string>& candidates, const ast::SourceLoc& loc,
                 Env& env) {
  if (known || word.empty()) return;
  env.report.warning(loc, "unknown " + what + " " + quote(word) + did_you_mean(word, candidates));
}

}  // namespace

void check_vocabulary(const ResolvedPath& path, const std::string& text,
                      const ast::SourceLoc& loc, Env& env) {
  const auto& schema = env.schema;
  switch (path.type) {
    case ValueType::method: {
      const std::string word = first_word(text);
      if (!word.empty() && !schema.find_method(word))
        env.report.error(loc, quote(word) + " is not a SIP method" +
                                  did_you_mean(word, strings(schema.method_names())));
      return;
    }
    case ValueType::option_tag:
      for (const auto& word : split_commas(text))
        check_known(schema.find_option_tag(word) != nullptr, "option tag", word,
                    strings(schema.option_tag_names()), loc, env);
      return;
    case ValueType::event_type: {
      const std::string package = first_word(text, ";. \t");
      check_known(schema.find_event_package(package) != nullptr, "event package", package,
                  strings(schema.event_package_names()), loc, env);
      return;
    }
    case ValueType::media_type: {
      const std::string type = first_word(text);
      std::vector<std::string> known;
      for (const auto& c : schema.content_types()) known.push_back(c.name);
      check_known(schema.find_content_type(type) != nullptr, "content type", type, known, loc,
                  env);
      return;
    }
    default:
      check_value_set(path, first_word(text), loc, env);
  }
}

}  // namespace scn::check
