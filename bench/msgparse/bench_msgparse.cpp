// Times scn's message parser on a typical IMS INVITE and on the RFC 4475 valid torture
// messages, and libosip2's on the same bytes when it is built in; ends with one
// machine-readable ratio line per corpus (see bench/README.md).
// Usage: bench_msgparse [iterations] [corpora-dir]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <optional>
#include <utility>
#include <sstream>
#include <string>
#include <vector>

#include "msg/msg.h"

#ifdef SCN_BENCH_OSIP2
#include <osipparser2/osip_parser.h>
#endif

namespace {

const std::string kInvite =
    "INVITE sip:+441234567890@ims.mnc001.mcc001.3gppnetwork.org;user=phone SIP/2.0\r\n"
    "Via: SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK-524287-1---a6f6a1b8c3e2d1f0;rport\r\n"
    "Max-Forwards: 70\r\n"
    "Route: <sip:[2001:db8::10]:5060;lr>\r\n"
    "Contact: <sip:+441111111111@[2001:db8::1]:5060>;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"\r\n"
    "To: <tel:+441234567890>\r\n"
    "From: <sip:+441111111111@ims.mnc001.mcc001.3gppnetwork.org>;tag=5bfc1a2e\r\n"
    "Call-ID: 8d4d4f5a-1c2b-4e3f-9a8b-7c6d5e4f3a2b@2001:db8::1\r\n"
    "CSeq: 1 INVITE\r\n"
    "Allow: INVITE, ACK, CANCEL, BYE, UPDATE, PRACK, MESSAGE, REFER, NOTIFY, INFO, OPTIONS\r\n"
    "Supported: 100rel, timer, precondition, gruu, sec-agree\r\n"
    "Require: sec-agree\r\nProxy-Require: sec-agree\r\n"
    "Security-Verify: ipsec-3gpp;alg=hmac-sha-1-96;prot=esp;mod=trans;ealg=null;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064\r\n"
    "P-Preferred-Identity: <sip:+441111111111@ims.mnc001.mcc001.3gppnetwork.org>\r\n"
    "P-Access-Network-Info: 3GPP-E-UTRAN-FDD;utran-cell-id-3gpp=0010100010019b01\r\n"
    "Accept-Contact: *;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"\r\n"
    "Session-Expires: 1800\r\nMin-SE: 90\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 129\r\n\r\n"
    "v=0\r\no=- 1 1 IN IP6 2001:db8::1\r\ns=-\r\nc=IN IP6 2001:db8::1\r\nt=0 0\r\n"
    "m=audio 49152 RTP/AVP 116\r\na=rtpmap:116 AMR-WB/16000/1\r\na=sendrecv\r\n";

// Repetitions of each measurement; the fastest counts (the others met a busier machine).
constexpr int kRepetitions = 5;

// CPU time of this thread, so that a loaded machine does not inflate the numbers.
double cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

// One run of `calls` calls of f, in ns per call.
template <class F>
double ns_once(long calls, F& f) {
  const double start = cpu_ns();
  for (long i = 0; i < calls; ++i) f();
  return (cpu_ns() - start) / static_cast<double>(calls);
}

// Best of kRepetitions runs of `calls` calls of f, in ns per call.
template <class F>
double ns_per_call(long calls, F&& f) {
  double best = 0;
  for (int r = 0; r < kRepetitions; ++r) {
    const double ns = ns_once(calls, f);
    if (r == 0 || ns < best) best = ns;
  }
  return best;
}

// Best of kRepetitions runs of f and of g, the two alternated run by run, so that a busy
// phase of the machine slows both rather than one (their ratio is what matters).
template <class F, class G>
std::pair<double, double> ns_per_call_alternated(long calls, F&& f, G&& g) {
  double best_f = 0, best_g = 0;
  for (int r = 0; r < kRepetitions; ++r) {
    const double ns_f = ns_once(calls, f);
    const double ns_g = ns_once(calls, g);
    if (r == 0 || ns_f < best_f) best_f = ns_f;
    if (r == 0 || ns_g < best_g) best_g = ns_g;
  }
  return {best_f, best_g};
}

void report(const char* what, double ns) {
  std::printf("%-40s %10.0f ns/msg (CPU) %12.0f msg/s\n", what, ns, 1e9 / ns);
}

bool scn_accepts(const std::string& bytes) { return scn::sip::parse(bytes).ok(); }

#ifdef SCN_BENCH_OSIP2
bool osip_parse(const std::string& bytes) {
  osip_message_t* sip = nullptr;
  osip_message_init(&sip);
  const bool ok = osip_message_parse(sip, bytes.data(), bytes.size()) == 0;
  osip_message_free(sip);
  return ok;
}
#endif

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, '\t');) cells.push_back(cell);
  return cells;
}

// The files MANIFEST.tsv classes as "valid", read whole; nullopt without a manifest.
std::optional<std::vector<std::pair<std::string, std::string>>> rfc4475_valid(const std::string& dir) {
  const auto manifest = read_file(dir + "/MANIFEST.tsv");
  if (!manifest) return std::nullopt;
  std::stringstream lines(*manifest);
  std::string line;
  std::getline(lines, line);
  const auto columns = split_tabs(line);
  const auto expectation = std::find(columns.begin(), columns.end(), "expectation") - columns.begin();
  std::vector<std::pair<std::string, std::string>> out;
  while (std::getline(lines, line)) {
    const auto cells = split_tabs(line);
    if (cells.size() <= static_cast<std::size_t>(expectation) || cells[expectation] != "valid") continue;
    if (auto bytes = read_file(dir + "/" + cells[0])) out.emplace_back(cells[0], *bytes);
  }
  return out;
}

void ratio_line(const char* corpus, double scn_ns, double osip_ns) {
  std::printf("ratio parser %s scn_ns=%.0f osip_ns=%.0f ratio=%.2f\n", corpus, scn_ns, osip_ns, osip_ns / scn_ns);
}

// Times one pass over `messages` (ns per message); nullopt when not measured.
struct Timing {
  double scn_ns = 0;
  std::optional<double> osip_ns;
};

Timing time_set(const std::vector<std::string>& messages, long passes, std::size_t& sink) {
  const double count = static_cast<double>(messages.size());
  const auto scn_pass = [&] {
    for (const std::string& m : messages) sink += scn::sip::parse(m)->headers().size();
  };
  Timing t;
#ifdef SCN_BENCH_OSIP2
  const auto [scn_ns, osip_ns] = ns_per_call_alternated(passes, scn_pass, [&] {
    for (const std::string& m : messages) sink += osip_parse(m) ? 1 : 0;
  });
  t.scn_ns = scn_ns / count;
  t.osip_ns = osip_ns / count;
#else
  t.scn_ns = ns_per_call(passes, scn_pass) / count;
#endif
  return t;
}

// The RFC 4475 valid messages both parsers accept, as one set; nullopt when absent.
// `each`: also time every message alone, to find the costly ones.
std::optional<Timing> bench_rfc4475(const std::string& corpora, long iterations, bool each, std::size_t& sink) {
  const auto files = rfc4475_valid(corpora + "/rfc4475");
  if (!files || files->empty()) {
    std::printf("rfc4475: no MANIFEST.tsv with valid messages under %s/rfc4475: skipped\n", corpora.c_str());
    return std::nullopt;
  }
  std::vector<std::string> messages;
  std::string left_out;
  for (const auto& [name, bytes] : *files) {
    bool both = scn_accepts(bytes);
#ifdef SCN_BENCH_OSIP2
    both = both && osip_parse(bytes);
#endif
    if (both) messages.push_back(bytes);
    else left_out += " " + name;
    if (both && each) {
      const Timing t = time_set({bytes}, std::max(1L, iterations / 20), sink);
      std::printf("  %-16s %5zu octets  scn %6.0f ns  libosip2 %6.0f ns\n", name.c_str(), bytes.size(), t.scn_ns,
                  t.osip_ns.value_or(0));
    }
  }
  std::printf("rfc4475: %zu of %zu valid messages accepted by both parsers%s%s\n", messages.size(),
              files->size(), left_out.empty() ? "" : "; left out:", left_out.c_str());
  if (messages.empty()) return std::nullopt;
  const long passes = std::max(1L, iterations / static_cast<long>(messages.size()));
  const Timing t = time_set(messages, passes, sink);
  report("scn parse rfc4475 valid (datagram)", t.scn_ns);
  if (t.osip_ns) report("libosip2 rfc4475 valid", *t.osip_ns);
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const bool each = argc > 1 && std::string(argv[1]) == "--each";
  if (each) --argc, ++argv;
  const long iterations = argc > 1 ? std::atol(argv[1]) : 200000;
  const std::string corpora = argc > 2 ? argv[2] : SCN_CORPORA_DIR;
  if (iterations <= 0 || !scn::sip::parse(kInvite).ok()) {
    std::fprintf(stderr, "usage: bench_msgparse [--each] [iterations>0] [corpora-dir]\n");
    return 2;
  }
  const long calls = std::max(1L, iterations / kRepetitions);
  std::size_t sink = 0;
  const auto scn_invite = [&] { sink += scn::sip::parse(kInvite)->headers().size(); };
  double invite_ns = 0;
  std::optional<double> invite_osip_ns;
#ifdef SCN_BENCH_OSIP2
  parser_init();
  const auto [scn_ns, osip_ns] =
      ns_per_call_alternated(calls, scn_invite, [&] { sink += osip_parse(kInvite) ? 1 : 0; });
  invite_ns = scn_ns;
  invite_osip_ns = osip_ns;
#else
  invite_ns = ns_per_call(calls, scn_invite);
#endif
  report("scn parse (datagram)", invite_ns);
  report("scn frame (stream)", ns_per_call(calls, [&] { sink += scn::sip::frame(kInvite).length; }));
  const auto message = scn::sip::parse(kInvite).value();
  report("scn serialize", ns_per_call(calls, [&] { sink += scn::sip::serialize(message).size(); }));
  report("scn parse + Via/From/To/CSeq values", ns_per_call(calls, [&] {
           const auto m = scn::sip::parse(kInvite);
           sink += scn::sip::parse_via(m->value_or("Via"))->branch()->size();
           sink += scn::sip::parse_name_addr(m->value_or("From"))->tag()->size();
           sink += scn::sip::parse_name_addr(m->value_or("To"))->uri.user.size();
           sink += scn::sip::parse_cseq(m->value_or("CSeq"))->number;
         }));
  if (invite_osip_ns) {
    report("libosip2 osip_message_parse", *invite_osip_ns);
  } else {
    std::printf("libosip2 not found at configure time (Debian: libosip2-dev): no comparison\n");
  }
  const auto torture = bench_rfc4475(corpora, calls, each, sink);
  std::printf("(%ld calls per repetition, best of %d, checksum %zu)\n", calls, kRepetitions, sink);
  if (invite_osip_ns) ratio_line("ims_invite", invite_ns, *invite_osip_ns);
  if (torture && torture->osip_ns) ratio_line("rfc4475_valid", torture->scn_ns, *torture->osip_ns);
  if (!invite_osip_ns) std::printf("no ratio lines: libosip2 not built in\n");
  return 0;
}
