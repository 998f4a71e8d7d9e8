// The pieces of the SIP header schema: headers with their parts, params and
// per-method presence rules, and the vocabularies around them (methods, option tags,
// event packages, content types, status codes, pseudo-paths).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scn/schema/diagnostic.hpp"
#include "scn/schema/presence.hpp"
#include "scn/schema/value_type.hpp"

namespace scn::schema {

// Allowed words for a token value. Closed: anything else is wrong. Open (written with a
// trailing "..."): the list names the known words and extensions are allowed.
struct ValueSet {
  std::vector<std::string> words;
  bool open = false;

  bool empty() const noexcept { return words.empty(); }
  bool contains(std::string_view word) const noexcept;  // ignores ASCII case
};

// A named piece of a header value: display-name, addr-spec, sent-by, seq, ...
struct PartSpec {
  std::string name;
  ValueType type = ValueType::text;
  ValueSet values;
  std::string alias_of;  // non-empty for an alias; find_part resolves it
  SourceLoc loc;
};

// A ";name=value" header param (or an auth param for auth-typed headers).
struct ParamSpec {
  std::string name;
  ValueType type = ValueType::token;
  bool value_optional = false;  // "TYPE?": may also appear without a value (rport)
  ValueSet values;
  std::string from_set;  // the paramset it came from, empty if declared in the header
  SourceLoc loc;
};

enum class Cardinality {
  single,  // one value
  list,    // comma-separated values, possibly over several header lines
  multi,   // several header lines, never joined with commas (Authorization)
};

// What the checker should do with a param the schema does not list.
enum class ParamPolicy {
  open,    // the grammar allows generic-param: unknown params earn a warning
  closed,  // the grammar allows only the listed params: unknown ones are errors
};

// The "where" column of the RFC tables: requests and/or a set of status codes.
struct Where {
  bool requests = false;
  std::vector<std::pair<int, int>> statuses;  // inclusive ranges within 100..699
  std::string text;                           // as written in the schema

  bool covers(int status) const noexcept;
  int width() const noexcept;  // how many status codes it covers; smaller is more specific
};

// One "where" row: the presence of the header in each method's messages.
struct Rule {
  Where where;
  std::vector<Presence> by_method;  // indexed like Schema::methods(); unspecified if absent
  SourceLoc loc;
};

// What a name after "Header." denotes: a part of the value or a param (language.md
// "Paths": Contact.addr-spec, Contact.isfocus). Parts win when both exist.
struct Field {
  const PartSpec* part = nullptr;
  const ParamSpec* param = nullptr;

  explicit operator bool() const noexcept { return part || param; }
  ValueType type() const noexcept {
    return part ? part->type : param ? param->type : ValueType::text;
  }
};

struct Header {
  std::string name;     // canonical spelling, e.g. "Subscription-State"
  std::string compact;  // compact form, e.g. "m" for Contact; empty if none
  ValueType type = ValueType::text;
  Cardinality cardinality = Cardinality::single;
  char separator = ',';  // between list values (';' for Privacy)
  ParamPolicy param_policy = ParamPolicy::open;
  ValueSet values;  // allowed words when the value is a token (Subscription-State, ...)
  std::vector<PartSpec> parts;
  std::vector<ParamSpec> params;
  std::vector<Rule> rules;
  std::string spec;  // where the header is defined, e.g. "RFC 3261 20.10"
  SourceLoc loc;

  bool is_list() const noexcept { return cardinality != Cardinality::single; }
  // Case-insensitive; aliases resolve to the part they name.
  const PartSpec* find_part(std::string_view name) const noexcept;
  const ParamSpec* find_param(std::string_view name) const noexcept;
  std::vector<std::string_view> part_names() const;
  std::vector<std::string_view> param_names() const;
  std::optional<std::string> suggest_part(std::string_view name) const;
  std::optional<std::string> suggest_param(std::string_view name) const;
  // Parts and params together, for paths such as "Contact.isfocus".
  Field find_field(std::string_view name) const noexcept;
  std::optional<std::string> suggest_field(std::string_view name) const;
};

struct MethodSpec {
  std::string name;    // INVITE
  std::string abbrev;  // INV, as in the RFC table columns
  bool creates_dialog = false;
  bool target_refresh = false;
  bool has_responses = true;  // false for ACK, which is never answered
  SourceLoc loc;
};

struct OptionTag {
  std::string name;
  SourceLoc loc;
};

struct EventPackage {
  std::string name;
  std::vector<std::string> content_types;  // bodies its NOTIFYs carry
  SourceLoc loc;
};

// "type/subtype"; a subtype ending in "*" names a family (application/vnd.3gpp.*).
struct ContentType {
  std::string name;
  SourceLoc loc;
  std::string xml_root;  // the root element of its XML documents, when the schema says

  bool is_family() const noexcept { return !name.empty() && name.back() == '*'; }
  bool matches(std::string_view media_type) const noexcept;  // ignores case
};

struct StatusCode {
  int code = 0;
  std::string reason;  // default reason phrase
  SourceLoc loc;
};

// A path that is not a header: Request-URI, Method, Status, Reason-Phrase, body.
struct PseudoPath {
  std::string name;
  ValueType type = ValueType::text;
  bool in_requests = false;
  bool in_responses = false;
  SourceLoc loc;
};

}  // namespace scn::schema
