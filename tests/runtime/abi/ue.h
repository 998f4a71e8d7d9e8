// A UE played by the test: one UDP socket, and the UA side of SIP written out by hand
// (requests, responses, the dialog it is in), so that tests of several parties can
// script two UEs around the runtime. Every wait is bounded.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "msg/msg.h"
#include "support.h"

namespace scn_rt_test {

// The UA side of one dialog, as the UE keeps it (RFC 3261 12).
struct UeDialog {
  std::string call_id, local_tag, remote_tag, local_uri, remote_uri, remote_target;
  std::vector<std::string> route_set;  // "<uri>" each, in the order to send them
  int cseq = 1;
};

class Ue {
 public:
  explicit Ue(std::string name) : name_(std::move(name)) {}

  int port() const { return socket_.port(); }
  std::string address() const { return "127.0.0.1:" + std::to_string(port()); }
  std::string uri() const { return "sip:" + name_ + "@" + address(); }
  const std::string& name() const { return name_; }

  void send(const std::string& to, const std::string& text) const { socket_.send_to(to, text); }

  // The next message within timeout_ms, skipping retransmissions of ones already seen
  // (same start line and top Via branch and CSeq); nullopt when none.
  std::optional<scn::sip::Message> receive(int timeout_ms = 2000) {
    for (;;) {
      auto text = socket_.receive(timeout_ms);
      if (!text) return std::nullopt;
      auto message = scn::sip::parse(*text);
      if (!message) continue;
      const std::string key = std::string(message->start_line()) + "|" +
                              std::string(message->value_or("Via")) + "|" +
                              std::string(message->value_or("CSeq"));
      if (std::find(seen_.begin(), seen_.end(), key) != seen_.end()) continue;
      seen_.push_back(key);
      return *message;
    }
  }

  // A request outside a dialog; extra: header lines, each ending in CRLF.
  std::string request(const std::string& method, const std::string& request_uri,
                      const std::string& call_id, const std::string& extra = {},
                      const std::string& body = {}) {
    return "" + method + " " + request_uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + address() +
           ";branch=" + branch() + ";rport\r\nMax-Forwards: 70\r\nFrom: <" + uri() + ">;tag=" +
           name_ + "-tag\r\nTo: <" + request_uri + ">\r\nCall-ID: " + call_id + "\r\nCSeq: 1 " +
           method + "\r\nContact: <" + uri() + ">\r\n" + extra + content(body);
  }

  // A request in `dialog` (CSeq counted up, ACK reusing the INVITE's).
  std::string in_dialog(UeDialog& dialog, const std::string& method, const std::string& extra = {},
                        int ack_cseq = 0) {
    const int cseq = method == "ACK" ? ack_cseq : ++dialog.cseq;
    std::string text = method + " " + dialog.remote_target + " SIP/2.0\r\nVia: SIP/2.0/UDP " +
                       address() + ";branch=" + branch() + ";rport\r\nMax-Forwards: 70\r\n";
    for (const std::string& route : dialog.route_set) text += "Route: " + route + "\r\n";
    return text + "From: " + dialog.local_uri + ";tag=" + dialog.local_tag + "\r\nTo: " +
           dialog.remote_uri + ";tag=" + dialog.remote_tag + "\r\nCall-ID: " + dialog.call_id +
           "\r\nCSeq: " + std::to_string(cseq) + " " + method + "\r\nContact: <" + uri() +
           ">\r\n" + extra + content({});
  }

  // A response to `request` with this UE's To tag and Contact (RFC 3261 8.2.6).
  std::string answer(const scn::sip::Message& request, int status, const std::string& extra = {}) {
    auto response = scn::sip::make_response(request, status, {}, status > 100 ? name_ + "-tag" : "");
    for (const scn::sip::Header* h : request.find_all("Record-Route"))
      response.add("Record-Route", h->value);
    if (status > 100 && status < 300) response.add("Contact", "<" + uri() + ">");
    std::string text = response.build();
    return text.insert(text.find("\r\n") + 2, extra);
  }

  // The dialog a 2xx (or 1xx with a tag) to this UE's request makes (12.1.2).
  static UeDialog as_caller(const scn::sip::Message& response) {
    UeDialog d = common(response, "From", "To");
    auto routes = response.values("Record-Route");
    for (auto it = routes.rbegin(); it != routes.rend(); ++it) d.route_set.emplace_back(*it);
    return d;
  }
  // The dialog of a request this UE answered (12.1.1): Record-Route as is.
  UeDialog as_callee(const scn::sip::Message& request) const {
    UeDialog d = common(request, "To", "From");
    d.local_tag = name_ + "-tag";
    for (auto route : request.values("Record-Route")) d.route_set.emplace_back(route);
    d.cseq = 100;
    return d;
  }

 private:
  static std::string content(const std::string& body) {
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }
  static std::string tag(const scn::sip::Message& m, const char* header) {
    auto parsed = scn::sip::parse_name_addr(m.value_or(header));
    return parsed && parsed->tag() ? std::string(*parsed->tag()) : std::string();
  }
  static std::string uri_of(const scn::sip::Message& m, const char* header) {
    auto parsed = scn::sip::parse_name_addr(m.value_or(header));
    return parsed ? "<" + std::string(parsed->uri_text) + ">" : std::string();
  }
  static UeDialog common(const scn::sip::Message& m, const char* local, const char* remote) {
    UeDialog d;
    d.call_id = std::string(m.value_or("Call-ID"));
    d.local_tag = tag(m, local);
    d.remote_tag = tag(m, remote);
    d.local_uri = uri_of(m, local);
    d.remote_uri = uri_of(m, remote);
    auto contact = scn::sip::parse_contact(m.value_or("Contact"));
    d.remote_target = contact ? std::string(contact->addr.uri_text) : std::string();
    return d;
  }
  std::string branch() { return "z9hG4bK" + name_ + std::to_string(++branches_); }

  std::string name_;
  FakeUe socket_;
  std::vector<std::string> seen_;
  int branches_ = 0;
};

}  // namespace scn_rt_test
