// dialog: SIP dialogs as the SS sees them, their subscriptions, and the set of dialogs
// of one run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/base.h"

// SIP dialogs (RFC 3261 section 12) as the SS sees them, plus the subscriptions that
// live in them (RFC 6665 SUBSCRIBE, RFC 3515 REFER implicit subscriptions).
//
// Pure logic over messages: a Dialog is created from a request and a response, updated
// by later messages, and produces the dialog part of the requests the SS sends inside it
// (Request-URI, Route, From, To, Call-ID, CSeq). Protocol errors of the peer (a CSeq
// going backwards, a response without a To tag) come back as values for the executor
// to report, never as exceptions.
namespace scn::sip {

class Message;

enum class DialogRole { Uac, Uas };  // which side of the creating request the SS was
enum class DialogState { Early, Confirmed, Terminated };

std::string_view to_string(DialogState state);

// A subscription the peer holds towards the SS (the SS is the notifier).
struct Subscription {
  std::string event;       // package, lower-case: "conference", "refer", "reg"
  std::string id;          // Event id param; for REFER the CSeq of the REFER (RFC 3515)
  bool active = true;      // false once terminated (Expires: 0, Subscription-State: terminated)
  bool implicit = false;   // created by REFER
  bool ours = false;       // this end subscribed (a played UE in the mirror); else the peer
};

// What a message from the peer changed in its dialog.
struct DialogUpdate {
  bool target_refreshed = false;  // the remote target changed
};
// Feeding a message to a dialog: the update, or the peer's protocol error (e.g. "CSeq 3
// is lower than the last CSeq 5"). The dialog takes what it can from the message either
// way.
using DialogOutcome = Result<DialogUpdate>;

// The dialog part of a request the SS sends inside the dialog.
struct DialogRequestFields {
  struct Field {
    std::string name;
    std::string value;
  };
  std::string request_uri;
  std::vector<Field> fields;  // Route (one per route-set entry), From, To, Call-ID, CSeq
};

class Dialog {
 public:
  Dialog() = default;

  // The SS answered `request` (INVITE, SUBSCRIBE, REFER, ...) with `response` (1xx with a
  // To tag, or 2xx): RFC 3261 12.1.1. Route set = Record-Route of the request, in order.
  static Result<Dialog> create_uas(const Message& request, const Message& response);
  // The SS sent `request` and the peer answered with `response`: RFC 3261 12.1.2.
  // Route set = Record-Route of the response, reversed.
  static Result<Dialog> create_uac(const Message& request, const Message& response);

  // A response from the peer to a request the SS sent in this dialog (or to the creating
  // request): early -> confirmed on 2xx, terminated on a final error to the creating
  // INVITE while early; remote target refreshed from Contact; a UAC route set is
  // recomputed from a 2xx that confirms an early dialog (RFC 3261 13.2.2.4).
  DialogOutcome on_response(const Message& response);
  // A request from the peer in this dialog: CSeq must not go backwards (12.2.2; ACK and
  // CANCEL, which reuse their INVITE's number, are exempt and leave the remote CSeq as
  // it is), target refresh for INVITE/UPDATE/SUBSCRIBE/NOTIFY Contact, subscriptions,
  // BYE terminates.
  DialogOutcome on_remote_request(const Message& request);
  // A response the SS sent to a request of the peer: a 2xx to the creating request
  // confirms an early dialog, a final error to it while early terminates the dialog.
  void on_local_response(const Message& response);
  // A request the SS sent in this dialog (as built): records its CSeq, the subscriptions
  // it makes (a played UE's SUBSCRIBE or REFER) and those it terminates (NOTIFY with
  // Subscription-State: terminated).
  void on_local_request(const Message& request);

  // The CSeq number for the next request the SS sends: local + 1, except ACK and CANCEL,
  // which reuse the last INVITE's number.
  std::uint32_t next_local_cseq(std::string_view method);
  // Request-URI, Route, From, To, Call-ID and CSeq for an SS request (consumes a CSeq).
  // Loose routing as in 12.2.1.1; with a strict first route the Request-URI is that
  // route and the remote target goes last in the Route list.
  // Without `with_cseq` no CSeq field is produced and none is consumed.
  DialogRequestFields request_fields(std::string_view method, bool with_cseq = true);
  // From / To values for SS requests: the URI with its tag ("<sip:a@b>;tag=x").
  std::string local_party() const;
  std::string remote_party() const;

  void terminate() { state_ = DialogState::Terminated; }
  void set_name(std::string name) { name_ = std::move(name); }

  const std::string& call_id() const { return call_id_; }
  const std::string& local_tag() const { return local_tag_; }
  const std::string& remote_tag() const { return remote_tag_; }
  // name-addr without params: "\"Alice\" <sip:alice@home1.net>"
  const std::string& local_uri() const { return local_uri_; }
  const std::string& remote_uri() const { return remote_uri_; }
  const std::string& remote_target() const { return remote_target_; }  // a URI
  const std::vector<std::string>& route_set() const { return route_set_; }  // "<uri>" each
  std::uint32_t local_cseq() const { return local_cseq_; }  // 0: none sent yet
  std::optional<std::uint32_t> remote_cseq() const { return remote_cseq_; }
  bool secure() const { return secure_; }
  DialogState state() const { return state_; }
  DialogRole role() const { return role_; }
  const std::string& method() const { return method_; }  // of the creating request
  const std::string& name() const { return name_; }

  const std::vector<Subscription>& subscriptions() const { return subscriptions_; }
  // Active subscription to that package (and id, when given), or nullptr.
  const Subscription* subscription(std::string_view event, std::string_view id = {}) const;
  bool subscribed(std::string_view event) const { return subscription(event) != nullptr; }

 private:
  void track_subscription(const Message& request, bool ours);
  DialogOutcome update_target(const Message& message);

  std::string call_id_;
  std::string local_tag_, remote_tag_;
  std::string local_uri_, remote_uri_;
  std::string remote_target_;
  std::vector<std::string> route_set_;
  std::uint32_t local_cseq_ = 0;
  std::uint32_t invite_cseq_ = 0;
  std::optional<std::uint32_t> remote_cseq_;
  bool secure_ = false;
  DialogState state_ = DialogState::Early;
  DialogRole role_ = DialogRole::Uas;
  std::string method_;
  std::string name_;
  std::vector<Subscription> subscriptions_;
};

}  // namespace scn::sip

// Several dialogs at once (an INVITE dialog next to a conference subscription, ...),
// found by Call-ID and tags for incoming messages and by the names the scenario gives
// them (`as focus`, `in dialog sub`).
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
  Dialog& at(std::size_t index) { return *dialogs_.at(index); }
  const Dialog& at(std::size_t index) const { return *dialogs_.at(index); }

 private:
  // Each on its own: references survive push_back, and an empty set allocates nothing
  // (a deque allocates its map and a node when made).
  std::vector<std::unique_ptr<Dialog>> dialogs_;
};

}  // namespace scn::sip
