// Both readers of stdlib/sip agree: the tables the runtime's build generates from the
// schema files (msg/msg.h: schema_headers, schema_statuses, schema_methods) hold what
// the compiler's schema loader reads from them, no more and no less.
#include <algorithm>
#include <string>

#include "msg/msg.h"
#include "stdlib_fixture.hpp"

using namespace scn::schema;

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// What the runtime calls a list: values joined with commas (Privacy's ';' is not).
bool comma_list(const Header& h) {
  return h.cardinality == Cardinality::list && h.separator == ',';
}

}  // namespace

TEST_CASE("the runtime knows every header of the schema and no other") {
  const auto runtime = scn::sip::schema_headers();
  CHECK(runtime.size() == stdlib().headers().size());
  for (const scn::sip::HeaderInfo& r : runtime) {
    CAPTURE(r.name);
    const Header* h = stdlib().find_header(r.name);
    REQUIRE(h != nullptr);
    CHECK(h->name == r.name);
    CHECK(h->compact == (r.compact ? std::string(1, r.compact) : std::string()));
    CHECK(comma_list(*h) == r.comma_list);
  }
}

TEST_CASE("the runtime's name lookups answer as the schema does") {
  for (const Header& h : stdlib().headers()) {
    CAPTURE(h.name);
    CHECK(scn::sip::canonical_header_name(lower(h.name)) == h.name);
    CHECK(scn::sip::is_list_header(h.name) == comma_list(h));
    CHECK(scn::sip::compact_form(h.name) == (h.compact.empty() ? 0 : h.compact[0]));
    if (!h.compact.empty()) CHECK(scn::sip::canonical_header_name(h.compact) == h.name);
  }
}

TEST_CASE("the runtime's reason phrases are the schema's status codes") {
  std::size_t known = 0;
  for (int code = 100; code <= 699; ++code) {
    CAPTURE(code);
    const StatusCode* s = stdlib().find_status(code);
    const auto runtime = std::ranges::find(scn::sip::schema_statuses(), code,
                                           &scn::sip::StatusInfo::code);
    CHECK((s != nullptr) == (runtime != scn::sip::schema_statuses().end()));
    if (s == nullptr) continue;
    ++known;
    CHECK(scn::sip::default_reason(code) == s->reason);
  }
  CHECK(known == scn::sip::schema_statuses().size());
}

TEST_CASE("the runtime's methods are the schema's") {
  const auto runtime = scn::sip::schema_methods();
  const auto names = stdlib().method_names();
  CHECK(std::ranges::equal(runtime, names));
  for (std::string_view m : names) CHECK(scn::sip::is_known_method(m));
}
