// Several dialogs at once, found by Call-ID + tags or by name.
#include "dialog/dialog.h"

#include "dialog/parts.h"
#include "msg/msg.h"

namespace scn::sip {

Dialog& DialogSet::add(Dialog dialog, std::string name) {
  Dialog& added = *dialogs_.emplace_back(std::make_unique<Dialog>(std::move(dialog)));
  if (!name.empty()) this->name(added, std::move(name));
  return added;
}

Dialog* DialogSet::find(std::string_view call_id, std::string_view local_tag,
                        std::string_view remote_tag) {
  Dialog* early = nullptr;  // a dialog whose remote tag is not known yet
  for (auto& each : dialogs_) {
    Dialog& d = *each;
    if (d.call_id() != call_id || d.local_tag() != local_tag) continue;
    if (d.remote_tag() == remote_tag) return &d;
    if (d.remote_tag().empty() && early == nullptr) early = &d;
  }
  return early;
}

Dialog* DialogSet::find(const Message& incoming) {
  const auto call_id = incoming.first("Call-ID");
  // Only the tags count: no party is built (read_party) to find a dialog.
  const auto from = incoming.first("From"), to = incoming.first("To");
  const auto from_tag = from ? name_addr_tag(*from) : std::nullopt;
  const auto to_tag = to ? name_addr_tag(*to) : std::nullopt;
  if (!call_id || !from_tag || !to_tag) return nullptr;
  if (incoming.is_request()) return find(*call_id, *to_tag, *from_tag);
  return find(*call_id, *from_tag, *to_tag);
}

Dialog* DialogSet::named(std::string_view name) {
  if (name.empty()) return dialogs_.empty() ? nullptr : dialogs_.front().get();
  for (auto& each : dialogs_) {
    Dialog& d = *each;
    if (d.name() == name) return &d;
  }
  return nullptr;
}

void DialogSet::name(Dialog& dialog, std::string name) {
  for (auto& each : dialogs_) {
    Dialog& d = *each;
    if (&d != &dialog && d.name() == name) d.set_name({});
  }
  dialog.set_name(std::move(name));
}

bool DialogSet::subscribed(std::string_view event) const {
  for (const auto& each : dialogs_) {
    const Dialog& d = *each;
    if (d.subscribed(event)) return true;
  }
  return false;
}

}  // namespace scn::sip
