// Static types of expressions, and whether a value of one fits a schema value type.
#pragma once

#include <optional>
#include <string>

#include "scn/check/checked.h"
#include "scn/schema/value_type.hpp"

namespace scn::check {

enum class Kind {
  unknown,   // not known before run time (a stored value captured from an unknown path)
  text,      // "..." and concatenations
  integer,   // 42
  boolean,   // true / false, subscribed(...)
  duration,  // 3s
  uri,       // <sip:...>, ue.contact, dialog().remote_target
  field,     // a value read from a message: typed by the schema (field_type)
};

struct StaticType {
  Kind kind = Kind::unknown;
  schema::ValueType field_type = schema::ValueType::text;  // kind == field
  bool list = false;  // a whole list value: step(3).Record-Route, dialog().route_set

  static StaticType of(Kind kind) { return StaticType{kind}; }
  static StaticType field(schema::ValueType type, bool list = false) {
    return StaticType{Kind::field, type, list};
  }
};

// "a number", "a URI", "an address" ... for messages.
std::string describe(const StaticType& type);
// "a URI", "a whole number", "a word" ... what a schema type expects.
std::string expectation(schema::ValueType type);

// Why `value` (of static type `type`) cannot be an `expected` value, or nothing when it
// can (or when only the run time can tell). Looks into literals: URIs without a scheme,
// non-numeric text for numbers, numbers out of range. The reason continues the sentence
// "'PATH' expects <expectation(expected)>": ", not a URI", "; \"x\" has no scheme ...".
std::optional<std::string> mismatch(schema::ValueType expected, const StaticType& type,
                                    const Value& value);

// The literal text of a value when it is plain text ("..." or an int), else nothing.
std::optional<std::string> literal_text(const Value& value);

}  // namespace scn::check
