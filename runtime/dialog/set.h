// Several dialogs at once (an INVITE dialog next to a conference subscription, ...),
// found by Call-ID and tags for incoming messages and by the names the scenario gives
// them (`as focus`, `in dialog sub`).
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

#include "dialog/dialog.h"

namespace scn::sip {

class Message;

class DialogSet {
 public:
  // Adds a dialog; references stay valid for the life of the set. A non-empty name
  // already in use is taken away from the older dialog (the newest one answers to it).
  Dialog& add(Dialog dialog, std::string name = {});

  // The dialog an incoming message from the peer belongs to: for a request, From tag =
  // remote tag and To tag = local tag; for a response, the other way round. A dialog
  // whose remote tag is still unknown matches any remote tag. nullptr when none.
  Dialog* find(const Message& incoming);
  Dialog* find(std::string_view call_id, std::string_view local_tag,
               std::string_view remote_tag);
  // By name; the empty name is the implicit dialog (the first one added).
  Dialog* named(std::string_view name);
  // Gives a name to a dialog of this set (moving it from any other holder).
  void name(Dialog& dialog, std::string name);

  // Does the peer hold an active subscription to this event package in any dialog?
  bool subscribed(std::string_view event) const;

  std::size_t size() const { return dialogs_.size(); }
  bool empty() const { return dialogs_.empty(); }
  Dialog& at(std::size_t index) { return dialogs_.at(index); }
  const Dialog& at(std::size_t index) const { return dialogs_.at(index); }

 private:
  std::deque<Dialog> dialogs_;  // deque: references survive push_back
};

}  // namespace scn::sip
