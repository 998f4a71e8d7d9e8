// Parses a typical IMS INVITE N times and reports the time per message; optionally the
// same for libosip2. Usage: bench_msgparse [iterations]
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

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

// CPU time of this thread, so that a loaded machine does not inflate the numbers.
double cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

template <class F>
double ns_per_call(long iterations, F&& f) {
  const double start = cpu_ns();
  for (long i = 0; i < iterations; ++i) f();
  return (cpu_ns() - start) / static_cast<double>(iterations);
}

void report(const char* what, double ns) {
  std::printf("%-40s %10.0f ns/msg (CPU) %12.0f msg/s\n", what, ns, 1e9 / ns);
}

}  // namespace

int main(int argc, char** argv) {
  const long iterations = argc > 1 ? std::atol(argv[1]) : 200000;
  if (iterations <= 0 || !scn::sip::parse(kInvite).ok()) {
    std::fprintf(stderr, "usage: bench_msgparse [iterations>0]\n");
    return 2;
  }
  std::size_t sink = 0;
  report("scn parse (datagram)", ns_per_call(iterations, [&] { sink += scn::sip::parse(kInvite)->headers().size(); }));
  report("scn frame (stream)", ns_per_call(iterations, [&] { sink += scn::sip::frame(kInvite).length; }));
  const auto message = scn::sip::parse(kInvite).value();
  report("scn serialize", ns_per_call(iterations, [&] { sink += scn::sip::serialize(message).size(); }));
  report("scn parse + Via/From/To/CSeq values", ns_per_call(iterations, [&] {
           const auto m = scn::sip::parse(kInvite);
           sink += scn::sip::parse_via(m->value_or("Via"))->branch()->size();
           sink += scn::sip::parse_name_addr(m->value_or("From"))->tag()->size();
           sink += scn::sip::parse_name_addr(m->value_or("To"))->uri.user.size();
           sink += scn::sip::parse_cseq(m->value_or("CSeq"))->number;
         }));
#ifdef SCN_BENCH_OSIP2
  parser_init();
  report("libosip2 osip_message_parse", ns_per_call(iterations, [&] {
           osip_message_t* sip = nullptr;
           osip_message_init(&sip);
           sink += osip_message_parse(sip, kInvite.data(), kInvite.size()) == 0 ? 1 : 0;
           osip_message_free(sip);
         }));
#else
  std::printf("libosip2 not found at configure time (Debian: libosip2-dev): no comparison\n");
#endif
  std::printf("(%ld iterations, checksum %zu)\n", iterations, sink);
  return 0;
}
