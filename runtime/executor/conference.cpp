// Executor: the version of the conference-info documents the SS's NOTIFYs carry. RFC 4575
// 4.1: versions start at 0 and grow by one with each document sent in a subscription, and
// a subscriber discards a document whose version is not newer than the last it saw, so a
// default message with a fixed `version="0"` must not go out twice in one subscription.
#include "body/body.h"
#include "executor/executor.h"

namespace scn {

namespace {

// The text the template's rows finally give the whole header, or "".
std::string last_whole_value(const sip::SendTemplate& tmpl, std::string_view header) {
  std::string value;
  for (const sip::SendRow& row : tmpl.rows)
    if (row.path.target == sip::PathTarget::Header && row.path.part == sip::PathPart::Whole &&
        row.path.index == 0 && sip::iequals(row.path.header, header))
      value = row.value.kind == sip::SendValue::Kind::Text ? row.value.text : std::string();
  return value;
}

}  // namespace

void Executor::number_conference_document(sip::SendTemplate& tmpl, const sip::Dialog* dialog) {
  if (!sip::iequals(tmpl.method, "NOTIFY") ||
      !body::is_conference_info(last_whole_value(tmpl, "Content-Type")))
    return;
  std::string key = last_whole_value(tmpl, "Event");
  if (dialog) key += " " + dialog->call_id() + " " + dialog->local_tag() + " " + dialog->remote_tag();
  sip::Path version = sip::Path::body();
  version.name = "conference-info.@version";
  tmpl.set(version, std::to_string(conference_versions_[key]++));
}

}  // namespace scn
