// The built-in objects and fields of expressions: request.PATH, ss.*, ue.contact,
// dialog(NAME).* and the functions step, dialog, reverse and subscribed.
#pragma once

#include <optional>
#include <string>

#include "scn/check/checked.h"
#include "types.h"

namespace scn::check {

bool is_builtin_object(const std::string& name);  // request, ss, ue
std::string builtin_object_needs_field(const std::string& name);

// The fields of dialog(...), ss and ue, with their types; nothing for an unknown field.
std::optional<std::pair<DialogField, StaticType>> dialog_field(const std::string& name);
std::optional<std::pair<SsField, StaticType>> ss_field(const std::string& name);
std::string dialog_field_list();
std::string ss_field_list();
std::vector<std::string> dialog_field_names();
std::vector<std::string> ss_field_names();
std::vector<std::string> function_names();
std::string function_list();  // "step, dialog, ... and digest_response"

}  // namespace scn::check
