// Test doubles for the transaction tests: a transport that records what is sent and
// injects what a peer would send, a transaction user that records every callback, and
// builders for the messages a UE would send.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "transaction/transaction.h"
#include "transport/transport.h"

namespace scn::testing {

class FakeTransport final : public net::Transport {
public:
  struct Sent {
    net::Address to;
    std::string bytes;
  };

  FakeTransport(net::Proto proto, net::Address local) : proto_(proto) { local_ = local; }
  net::Proto proto() const override { return proto_; }
  Result<void> send(const net::Address& to, std::string_view bytes) override {
    if (fail_sends) return make_error("fake send failure");
    sent.push_back({to, std::string(bytes)});
    return {};
  }
  // What the peer at `from` sends us.
  void inject(std::string_view bytes, const net::Address& from) {
    auto parsed = sip::parse(bytes);
    if (parsed)
      deliver(std::move(parsed).value(), from, local_);
    else
      deliver_error({std::string(bytes), parsed.reason(), 0, from, local_, this, false});
  }
  // How many sent messages start with `start_line_prefix` ("INVITE ", "SIP/2.0 180").
  std::size_t count(std::string_view start_line_prefix) const {
    std::size_t n = 0;
    for (const auto& s : sent) n += s.bytes.rfind(start_line_prefix, 0) == 0 ? 1 : 0;
    return n;
  }
  sip::Message last() const { return sent.empty() ? sip::Message{} : *sip::parse(sent.back().bytes); }

  std::vector<Sent> sent;
  bool fail_sends = false;

private:
  net::Proto proto_;
};

struct RecordingUser final : sip::TransactionUser {
  struct Request {
    sip::TxId tx;
    sip::Message message;
    sip::TxId cancels;
    bool prack_matched;
  };
  struct Response {
    sip::TxId tx;
    sip::Message message;
  };
  struct Ack {
    sip::TxId tx;
    sip::Message message;
    bool for_2xx;
  };

  void on_request(const sip::IncomingRequest& in) override {
    requests.push_back({in.tx, in.request, in.cancels, in.prack_matched});
    if (on_request_hook) on_request_hook(in);
  }
  void on_response(const sip::IncomingResponse& in) override {
    responses.push_back({in.tx, in.response});
    if (on_response_hook) on_response_hook(in);
  }
  void on_ack(const sip::IncomingAck& in) override { acks.push_back({in.tx, in.ack, in.for_2xx}); }
  void on_timeout(sip::TxId tx, sip::TimerName timer) override { timeouts.push_back({tx, timer}); }
  void on_transport_error(sip::TxId tx, const std::string& reason) override {
    transport_errors.push_back({tx, reason});
  }
  void on_bad_message(const net::InboundError& error) override { bad.push_back(error); }
  void on_absorbed(const sip::Message&, const net::Inbound&) override { ++absorbed; }
  void on_terminated(sip::TxId tx) override { terminated.push_back(tx); }

  std::vector<Request> requests;
  std::vector<Response> responses;
  std::vector<Ack> acks;
  std::vector<std::pair<sip::TxId, sip::TimerName>> timeouts;
  std::vector<std::pair<sip::TxId, std::string>> transport_errors;
  std::vector<net::InboundError> bad;
  std::vector<sip::TxId> terminated;
  std::size_t absorbed = 0;
  std::function<void(const sip::IncomingRequest&)> on_request_hook;
  std::function<void(const sip::IncomingResponse&)> on_response_hook;
};

// A request as a UE at `ue` ("10.0.0.2:5060") would send it to the SS.
inline std::string ue_request(std::string_view method, std::string_view branch,
                              std::uint32_t cseq = 1, std::string_view call_id = "call-1",
                              std::string_view ue = "10.0.0.2:5060",
                              std::string_view extra_headers = "") {
  std::string m(method);
  return m + " sip:ss@10.0.0.1 SIP/2.0\r\n" + "Via: SIP/2.0/UDP " + std::string(ue) +
         ";branch=" + std::string(branch) + "\r\n" +
         "Max-Forwards: 70\r\n"
         "From: <sip:ue@home1.net>;tag=ue-tag\r\n"
         "To: <sip:ss@home1.net>\r\n"
         "Call-ID: " + std::string(call_id) + "\r\n" +
         "CSeq: " + std::to_string(cseq) + " " + m + "\r\n" +
         std::string(extra_headers) + "Content-Length: 0\r\n\r\n";
}

// A request the SS sends (its Via names the SS at 10.0.0.1:5060).
inline sip::Message ss_request(std::string_view method, std::string_view branch,
                               std::uint32_t cseq = 1) {
  auto b = sip::MessageBuilder::request(method, "sip:ue@10.0.0.2:5060");
  b.add("Via", "SIP/2.0/UDP 10.0.0.1:5060;branch=" + std::string(branch));
  b.add("Max-Forwards", "70");
  b.add("From", "<sip:ss@home1.net>;tag=ss-tag");
  b.add("To", "<sip:ue@home1.net>");
  b.add("Call-ID", "ss-call-1");
  b.add("CSeq", std::to_string(cseq) + " " + std::string(method));
  return *b.message();
}

// The UE's response to an SS request, serialised.
inline std::string ue_response(const sip::Message& request, int status,
                               std::string_view to_tag = "ue-tag",
                               std::string_view extra_header = "") {
  auto b = sip::make_response(request, status, {}, status > 100 ? to_tag : "");
  if (!extra_header.empty()) {
    auto colon = extra_header.find(':');
    b.add(extra_header.substr(0, colon), sip::trim(extra_header.substr(colon + 1)));
  }
  return b.build();
}

inline net::Address addr(std::string_view text) { return *net::Address::parse(text); }

}  // namespace scn::testing
