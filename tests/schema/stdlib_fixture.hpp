// Loads the standard schema (stdlib/sip) once for all tests that query it.
#pragma once

#include <doctest/doctest.h>

#include "scn/schema/load.hpp"

inline const scn::schema::LoadResult& stdlib_result() {
  static const scn::schema::LoadResult result = scn::schema::load_schema(SCN_SCHEMA_DIR);
  return result;
}

inline const scn::schema::Schema& stdlib() {
  const auto& result = stdlib_result();
  REQUIRE(result.schema.has_value());
  return *result.schema;
}

inline const scn::schema::Header& header(std::string_view name) {
  const auto* h = stdlib().find_header(name);
  REQUIRE_MESSAGE(h != nullptr, "no header " << name);
  return *h;
}
