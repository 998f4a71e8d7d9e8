// A lossy UDP relay for tests: listens on one loopback port and forwards datagrams
// between the SS (a fixed address) and the UE (whoever else sends to the relay), dropping
// a share of them in each direction with a seeded PRNG, so runs are repeatable.
//
//   udp_lossy_relay --listen 127.0.0.1:PORT --ss 127.0.0.1:PORT [--loss PERCENT]
//                   [--seed N] [--max-seconds N]
//
// Prints "ready" once bound, and on exit (SIGTERM, SIGINT or --max-seconds) one line:
//   relay: ue->ss forwarded 9 dropped 3, ss->ue forwarded 11 dropped 2, dropped 5
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>

namespace {

volatile std::sig_atomic_t stop_requested = 0;

void on_signal(int) { stop_requested = 1; }

struct Options {
  sockaddr_in listen{};
  sockaddr_in ss{};
  unsigned loss_percent = 20;
  unsigned long seed = 1;
  unsigned max_seconds = 120;  // the relay never outlives a test that forgot it
};

struct Counts {
  unsigned long forwarded = 0;
  unsigned long dropped = 0;
};

std::optional<sockaddr_in> parse_address(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  if (inet_pton(AF_INET, text.substr(0, colon).c_str(), &address.sin_addr) != 1)
    return std::nullopt;
  const long port = std::strtol(text.c_str() + colon + 1, nullptr, 10);
  if (port <= 0 || port > 65535) return std::nullopt;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  return address;
}

bool same(const sockaddr_in& a, const sockaddr_in& b) {
  return a.sin_addr.s_addr == b.sin_addr.s_addr && a.sin_port == b.sin_port;
}

std::optional<Options> parse_options(int argc, char** argv) {
  Options options;
  bool have_listen = false, have_ss = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i], value = argv[i + 1];
    if (name == "--listen" || name == "--ss") {
      auto address = parse_address(value);
      if (!address) return std::nullopt;
      (name == "--listen" ? options.listen : options.ss) = *address;
      (name == "--listen" ? have_listen : have_ss) = true;
    } else if (name == "--loss") {
      options.loss_percent = static_cast<unsigned>(std::strtoul(value.c_str(), nullptr, 10));
    } else if (name == "--seed") {
      options.seed = std::strtoul(value.c_str(), nullptr, 10);
    } else if (name == "--max-seconds") {
      options.max_seconds = static_cast<unsigned>(std::strtoul(value.c_str(), nullptr, 10));
    } else {
      return std::nullopt;
    }
  }
  if (!have_listen || !have_ss || options.loss_percent > 100) return std::nullopt;
  return options;
}

class Relay {
 public:
  Relay(int fd, const Options& options)
      : fd_(fd), options_(options), random_(options.seed), percent_(0, 99) {}

  // Forwards one datagram waiting on the socket.
  void forward_one() {
    char buffer[65536];
    sockaddr_in from{};
    socklen_t from_len = sizeof from;
    const ssize_t n =
        recvfrom(fd_, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &from_len);
    if (n < 0) return;
    const bool from_ss = same(from, options_.ss);
    if (!from_ss) ue_ = from;  // the UE is whoever is not the SS
    if (from_ss && !ue_) return;  // nobody to forward to yet
    Counts& counts = from_ss ? ss_to_ue_ : ue_to_ss_;
    if (percent_(random_) < static_cast<int>(options_.loss_percent)) {
      ++counts.dropped;
      return;
    }
    const sockaddr_in& to = from_ss ? *ue_ : options_.ss;
    if (sendto(fd_, buffer, static_cast<std::size_t>(n), 0,
               reinterpret_cast<const sockaddr*>(&to), sizeof to) == n)
      ++counts.forwarded;
  }

  void report() const {
    std::printf("relay: ue->ss forwarded %lu dropped %lu, ss->ue forwarded %lu dropped %lu, "
                "dropped %lu\n",
                ue_to_ss_.forwarded, ue_to_ss_.dropped, ss_to_ue_.forwarded, ss_to_ue_.dropped,
                ue_to_ss_.dropped + ss_to_ue_.dropped);
    std::fflush(stdout);
  }

 private:
  int fd_;
  Options options_;
  std::mt19937 random_;
  std::uniform_int_distribution<int> percent_;
  std::optional<sockaddr_in> ue_;
  Counts ue_to_ss_, ss_to_ue_;
};

}  // namespace

int main(int argc, char** argv) {
  auto options = parse_options(argc, argv);
  if (!options) {
    std::fprintf(stderr,
                 "usage: udp_lossy_relay --listen IP:PORT --ss IP:PORT [--loss PERCENT] "
                 "[--seed N] [--max-seconds N]\n");
    return 2;
  }
  const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || bind(fd, reinterpret_cast<const sockaddr*>(&options->listen),
                     sizeof options->listen) != 0) {
    std::perror("udp_lossy_relay: bind");
    return 2;
  }
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  std::printf("ready\n");
  std::fflush(stdout);

  Relay relay(fd, *options);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(options->max_seconds);
  while (!stop_requested && std::chrono::steady_clock::now() < deadline) {
    pollfd watch{fd, POLLIN, 0};
    if (poll(&watch, 1, 100) > 0 && (watch.revents & POLLIN)) relay.forward_one();
  }
  relay.report();
  close(fd);
  return 0;
}
