// The UE of the body-path run tests: it sends one MESSAGE with a body and, from a thread
// of its own, keeps the SS's MESSAGE and answers it 200.
#pragma once

#include <atomic>
#include <string>
#include <thread>

#include "support.h"
#include "udp_peer.h"

namespace scn::test {

class MessageUe {
 public:
  ~MessageUe() {
    stop_ = true;
    if (answerer_.joinable()) answerer_.join();
  }

  const std::string& address() const { return peer_.address(); }

  // `id` names the Call-ID and the branch, so that each test's messages are its own.
  void send_message(const std::string& ss, const std::string& id,
                    const std::string& content_type, const std::string& body) {
    peer_.send_to(ss, "MESSAGE sip:ss@example.org SIP/2.0\r\n"
                      "Via: SIP/2.0/UDP " + address() + ";branch=z9hG4bK" + id + "\r\n"
                      "Max-Forwards: 70\r\n"
                      "From: <sip:alice@example.org>;tag=a1\r\n"
                      "To: <sip:ss@example.org>\r\n"
                      "Call-ID: " + id + "@test\r\n"
                      "CSeq: 1 MESSAGE\r\n"
                      "Content-Type: " + content_type + "\r\n"
                      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }

  void answer_message(const std::string& ss) {
    answerer_ = std::thread([this, ss] {
      while (!stop_) {
        std::string request = peer_.receive(100);
        if (request.rfind("MESSAGE ", 0) != 0) continue;
        received_ = request;
        std::string out = "SIP/2.0 200 OK\r\n";
        for (const char* name : {"Via", "From", "To", "Call-ID", "CSeq"}) {
          std::string value = header_value(request, name);
          if (std::string(name) == "To") value += ";tag=u1";
          out += std::string(name) + ": " + value + "\r\n";
        }
        peer_.send_to(ss, out + "Content-Length: 0\r\n\r\n");
        return;
      }
    });
  }

  // The SS's MESSAGE, once the run has ended.
  std::string received() {
    stop_ = true;
    if (answerer_.joinable()) answerer_.join();
    return received_;
  }

 private:
  UdpPeer peer_;
  std::atomic<bool> stop_{false};
  std::thread answerer_;
  std::string received_;
};

}  // namespace scn::test
