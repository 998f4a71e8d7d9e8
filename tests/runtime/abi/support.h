// Helpers for the C ABI tests: a raw UDP socket playing the UE, a stdout capture, and a
// way to run a program through scn_rt_main in-process.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "parties.h"
#include "scn/scn_rt.h"

namespace scn_rt_test {

// A UE made of one UDP socket on 127.0.0.1; messages are written by hand.
class FakeUe {
 public:
  FakeUe() {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in any{};
    any.sin_family = AF_INET;
    any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&any), sizeof any);
    socklen_t len = sizeof any;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&any), &len);
    port_ = ntohs(any.sin_port);
  }
  ~FakeUe() { ::close(fd_); }
  FakeUe(const FakeUe&) = delete;
  FakeUe& operator=(const FakeUe&) = delete;

  int port() const { return port_; }

  // Sends to "127.0.0.1:PORT" (as scn_ss_address returns it).
  void send_to(const std::string& address, const std::string& text) const {
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to.sin_port = htons(static_cast<uint16_t>(std::atoi(address.substr(address.rfind(':') + 1).c_str())));
    ::sendto(fd_, text.data(), text.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
  }

  // The next datagram within timeout_ms, or nullopt.
  std::optional<std::string> receive(int timeout_ms) const {
    pollfd watch{fd_, POLLIN, 0};
    if (::poll(&watch, 1, timeout_ms) <= 0) return std::nullopt;
    char buffer[65536];
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n < 0) return std::nullopt;
    return std::string(buffer, static_cast<std::size_t>(n));
  }

  // A request from this UE to the SS with the headers a transaction needs.
  std::string request(const std::string& method, const std::string& ss,
                      const std::string& extra = {}, const std::string& branch = "z9hG4bKue1",
                      int cseq = 1) const {
    const std::string me = "127.0.0.1:" + std::to_string(port_);
    return method + " sip:ss@" + ss + " SIP/2.0\r\n" + "Via: SIP/2.0/UDP " + me +
           ";branch=" + branch + ";rport\r\n" + "From: <sip:ue@" + me + ">;tag=ue1\r\n" +
           "To: <sip:ss@" + ss + ">\r\n" + "Call-ID: call-1@" + me + "\r\n" + "CSeq: " +
           std::to_string(cseq) + " " + method + "\r\n" + "Max-Forwards: 70\r\n" + extra +
           "Content-Length: 0\r\n\r\n";
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Redirects file descriptor 1 into a temporary file until finish().
class StdoutCapture {
 public:
  StdoutCapture() {
    std::fflush(stdout);
    file_ = std::tmpfile();
    saved_ = ::dup(1);
    ::dup2(::fileno(file_), 1);
  }
  ~StdoutCapture() { finish(); }

  std::string finish() {
    if (!file_) return text_;
    std::fflush(stdout);
    ::dup2(saved_, 1);
    ::close(saved_);
    std::rewind(file_);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file_)) > 0) text_.append(buffer, n);
    std::fclose(file_);
    file_ = nullptr;
    return text_;
  }

 private:
  std::FILE* file_ = nullptr;
  int saved_ = -1;
  std::string text_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;

  std::vector<std::string> lines() const {
    std::vector<std::string> result;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) result.push_back(line);
    return result;
  }
  std::string last_line() const {
    auto all = lines();
    return all.empty() ? std::string() : all.back();
  }
};

// Runs through scn_rt_main as a built executable would, capturing stdout.
inline RunResult run_main(const scn_program& program, std::vector<std::string> args) {
  args.insert(args.begin(), "scn-test");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  StdoutCapture capture;
  RunResult result;
  result.exit_code = scn_rt_main(static_cast<int>(args.size()), argv.data(), &program);
  result.out = capture.finish();
  return result;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::string temp_path(const std::string& name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/scn_rt_test_" + std::to_string(::getpid()) +
         "_" + name;
}

inline std::string text(scn_str value) { return std::string(value.ptr, value.len); }

// The value of ";tag=" in a header value ("<sip:a@b>;tag=x" -> "x"), or "".
inline std::string tag_param(std::string_view value) {
  const auto at = value.find(";tag=");
  if (at == std::string_view::npos) return {};
  const auto start = at + 5;
  const auto end = value.find_first_of(";, \r\n", start);
  return std::string(value.substr(start, end == std::string_view::npos ? end : end - start));
}

}  // namespace scn_rt_test
