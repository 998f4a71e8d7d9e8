// body: structured message bodies. XML bodies (RFC 4575 conference-info, RFC 3680
// reginfo, ...) are read and edited by paths, so a template row can say
// `body.conference-info.users.user[entity = "sip:u@h"].endpoint.status = "connected"`
// and a mismatch can name the element. pugixml parses and writes the XML.
//
// An XML path is the part after `body.`: element names from the root down, each
// optionally selected by a 1-based position (`user[2]`) or by an attribute value
// (`user[entity = "sip:u@h"]`); the last name is a child element (its text) or, when the
// element has no such child, an attribute of the element; `@name` always means the
// attribute. Names match the local part (no namespace prefix).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace scn::body {

struct XmlStep {
  std::string name;
  bool attribute = false;  // `@name`
  std::uint32_t index = 0; // `[N]`, 1-based; 0: none
  std::string key;         // `[key = "value"]`
  std::string key_value;
};

Result<std::vector<XmlStep>> parse_xml_path(std::string_view path);

// The text at `path`: an element's text content or an attribute's value; nullopt when
// the document has nothing there. An error when the body is not well-formed XML or the
// path is malformed.
Result<std::optional<std::string>> xml_get(std::string_view document, std::string_view path);

// The document with the value at `path` set (elements created along the way: a step
// selected by an attribute value is created with that attribute), or removed when
// `value` is nullopt (removing what is not there is no change).
Result<std::string> xml_set(std::string_view document, std::string_view path,
                            std::optional<std::string_view> value);

// RFC 4575: is this body a conference-info document?
bool is_conference_info(std::string_view content_type);

// RFC 4575 4.1: versions start at 0 and grow by one for each document sent in a
// subscription; the runtime numbers the documents it sends. The document with its root
// `version` attribute set.
Result<std::string> with_conference_version(std::string_view document, std::uint32_t version);

}  // namespace scn::body
