// scn-fuzz-links: scn_runtime
// libFuzzer target for the executor with state: the input is a sequence of messages the
// UE sends, separated by "%%%%", and one run of a test case written as generated code is
// (INVITE, 100, reliable 183, PRACK, 200, UPDATE, 200, 200, ACK, BYE, 200) takes them:
// before each step that waits for the UE, the next message goes from the UE's address to
// the SS over loopback UDP; what is left goes before the last one. "$SS", "$UE" and
// "$TAG" in a message stand for the SS's address, the UE's and the To tag of the last
// response the SS sent, so that well-formed seeds get deep into the call.
// Invariants: no crash or sanitizer report, the run ends (every wait is short; libFuzzer's
// -timeout catches the rest), the exit code is a verdict's (0-3) and no verdict is an
// internal error.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "scn/scn_rt.h"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

constexpr std::string_view separator = "%%%%";
constexpr std::size_t max_messages = 16;
// Long enough for a loopback datagram already queued, short enough for many runs a second.
constexpr unsigned wait_ms = 30;

// The UE: one UDP socket, bound once for the whole fuzzing session.
struct Feed {
  int fd = -1;
  std::string address;  // "127.0.0.1:PORT"
  std::vector<std::string> messages;
  std::size_t next = 0;
};

Feed& feed() {
  static Feed instance;
  return instance;
}

void open_ue() {
  Feed& f = feed();
  f.fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  require(f.fd >= 0);
  sockaddr_in any{};
  any.sin_family = AF_INET;
  any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  require(::bind(f.fd, reinterpret_cast<sockaddr*>(&any), sizeof any) == 0);
  socklen_t len = sizeof any;
  require(::getsockname(f.fd, reinterpret_cast<sockaddr*>(&any), &len) == 0);
  f.address = "127.0.0.1:" + std::to_string(ntohs(any.sin_port));
}

// Forgets what the SS sent the UE, so the socket's queue never grows.
void drain_ue() {
  char buffer[65536];
  while (::recv(feed().fd, buffer, sizeof buffer, 0) >= 0) {
  }
}

std::vector<std::string> split(std::string_view input) {
  std::vector<std::string> messages;
  while (messages.size() < max_messages) {
    const auto at = input.find(separator);
    std::string_view piece = input.substr(0, at);
    if (piece.substr(0, 2) == "\r\n") piece.remove_prefix(2);
    else if (piece.substr(0, 1) == "\n") piece.remove_prefix(1);
    if (!piece.empty()) messages.emplace_back(piece);
    if (at == std::string_view::npos) break;
    input.remove_prefix(at + separator.size());
  }
  return messages;
}

void replace_all(std::string& text, std::string_view what, std::string_view with) {
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
}

std::string text(scn_str value) {
  return value.ptr ? std::string(value.ptr, value.len) : std::string();
}

#define HEADER(name) {SCN_PATH_HEADER, name, 0, SCN_PART_WHOLE, nullptr}
#define PARAM(name, param) {SCN_PATH_HEADER, name, 0, SCN_PART_PARAM, param}

const scn_path path_to_tag = PARAM("To", "tag");
const scn_path path_body = {SCN_PATH_BODY, nullptr, 0, SCN_PART_WHOLE, nullptr};

void send_to_ss(scn_rt* rt, std::string message) {
  const std::string ss = text(scn_ss_address(rt));
  replace_all(message, "$SS", ss);
  replace_all(message, "$UE", feed().address);
  replace_all(message, "$TAG", text(scn_last_field(rt, SCN_SS_TO_UE, &path_to_tag)));
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  to.sin_port = htons(static_cast<std::uint16_t>(std::stoi(ss.substr(ss.rfind(':') + 1))));
  (void)::sendto(feed().fd, message.data(), message.size(), 0, reinterpret_cast<sockaddr*>(&to),
                 sizeof to);
}

// The UE's next message, or all that are left before the last wait.
void send_next(scn_rt* rt, bool last) {
  Feed& f = feed();
  do {
    if (f.next < f.messages.size()) send_to_ss(rt, f.messages[f.next++]);
  } while (last && f.next < f.messages.size());
}

const scn_str v_100rel[] = {{"100rel", 6}};
const scn_match_row rows_invite[] = {
    {HEADER("Supported"), SCN_MATCH_EQUAL, v_100rel, 1, nullptr, nullptr},
    {PARAM("From", "tag"), SCN_MATCH_PRESENT, nullptr, 0, nullptr, nullptr},
    {{SCN_PATH_HEADER, "CSeq", 0, SCN_PART_CSEQ_SEQ, nullptr}, SCN_MATCH_ANY, nullptr, 0,
     "invite_cseq", nullptr},
};
const scn_match_template t_invite = {"INVITE", 0, rows_invite, 3, nullptr, nullptr};
const scn_match_template t_update = {"UPDATE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_ack = {"ACK", 0, nullptr, 0, nullptr, nullptr};
const scn_send_row rows_183[] = {
    {HEADER("Require"), SCN_SEND_SET, {"100rel", 6}},
    {HEADER("RSeq"), SCN_SEND_SET, {"1", 1}},
};
const char sdp[] =
    "v=0\r\no=ss 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

enum { UE = 0, SS = 1 };
const scn_party parties[] = {{"UE", SCN_PARTY_UNDER_TEST, nullptr},
                             {"SS", SCN_PARTY_PLAYED, nullptr}};
const scn_step steps[] = {
    {"1", SCN_UE_TO_SS, "INVITE", nullptr, nullptr, UE, SS, SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0},
    {"2", SCN_SS_TO_UE, "100 Trying", nullptr, nullptr, SS, UE, SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0},
    {"3", SCN_SS_TO_UE, "183 Session Progress", nullptr, nullptr, SS, UE, SCN_STEP_MESSAGE,
     nullptr, 0, nullptr, 0},
    {"4", SCN_UE_TO_SS, "PRACK", nullptr, nullptr, UE, SS, SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0},
    {"5", SCN_SS_TO_UE, "200 OK", nullptr, nullptr, SS, UE, SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0},
    {"6", SCN_UE_TO_SS, "UPDATE", nullptr, nullptr, UE, SS, SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0},
    {"7", SCN_SS_TO_UE, "200 OK", nullptr, nullptr, SS, UE, SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0},
    {"8", SCN_SS_TO_UE, "200 OK", nullptr, nullptr, SS, UE, SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0},
    {"9", SCN_UE_TO_SS, "ACK", nullptr, nullptr, UE, SS, SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0},
    {"10", SCN_UE_TO_SS, "BYE", nullptr, nullptr, UE, SS, SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0},
    {"11", SCN_SS_TO_UE, "200 OK", nullptr, nullptr, SS, UE, SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0},
};

int respond(scn_rt* rt, int status, const char* method, bool with_sdp) {
  scn_out* out = scn_out_response(rt, status, nullptr, nullptr, method);
  if (with_sdp) scn_out_set(out, &path_body, scn_str{sdp, sizeof sdp - 1});
  return scn_send(rt, out);
}

int send_183(scn_rt* rt) {
  scn_out* out = scn_out_response(rt, 183, "Session Progress", nullptr, "INVITE");
  scn_out_rows(out, rows_183, 2);
  scn_out_body(out, scn_str{sdp, sizeof sdp - 1});
  return scn_send(rt, out);
}

int expect_prack(scn_rt* rt) {
  const scn_str parts[] = {{"1 ", 2}, scn_stored(rt, "invite_cseq"), {" INVITE", 7}};
  const scn_str rack = scn_concat(rt, parts, 3);
  const scn_match_row rows[] = {{HEADER("RAck"), SCN_MATCH_EQUAL, &rack, 1, nullptr, nullptr}};
  const scn_match_template t = {"PRACK", 0, rows, 1, nullptr, nullptr};
  return scn_expect(rt, &t, wait_ms, 0);
}

int expect_bye(scn_rt* rt) {
  const scn_str local_tag = scn_dialog_field(rt, nullptr, SCN_DIALOG_LOCAL_TAG);
  const scn_match_row rows[] = {{path_to_tag, SCN_MATCH_EQUAL, &local_tag, 1, nullptr, nullptr}};
  const scn_match_template t = {"BYE", 0, rows, 1, nullptr, nullptr};
  return scn_expect(rt, &t, wait_ms, 0);
}

#define CHECK(call)                   \
  do {                                \
    if ((call) < 0) return SCN_STOP;  \
  } while (0)

int call_flow(scn_rt* rt) {
  CHECK(scn_step_begin(rt, &steps[0]));
  send_next(rt, false);
  CHECK(scn_expect(rt, &t_invite, wait_ms, 0));
  CHECK(scn_step_begin(rt, &steps[1]));
  CHECK(respond(rt, 100, "INVITE", false));
  CHECK(scn_step_begin(rt, &steps[2]));
  CHECK(send_183(rt));
  CHECK(scn_step_begin(rt, &steps[3]));
  send_next(rt, false);
  CHECK(expect_prack(rt));
  CHECK(scn_step_begin(rt, &steps[4]));
  CHECK(respond(rt, 200, "PRACK", false));
  CHECK(scn_step_begin(rt, &steps[5]));
  send_next(rt, false);
  CHECK(scn_expect(rt, &t_update, wait_ms, 0));
  CHECK(scn_step_begin(rt, &steps[6]));
  CHECK(respond(rt, 200, "UPDATE", true));
  CHECK(scn_step_begin(rt, &steps[7]));
  CHECK(respond(rt, 200, "INVITE", false));
  CHECK(scn_step_begin(rt, &steps[8]));
  send_next(rt, false);
  CHECK(scn_expect(rt, &t_ack, wait_ms, 0));
  CHECK(scn_step_begin(rt, &steps[9]));
  send_next(rt, true);
  CHECK(expect_bye(rt));
  CHECK(scn_step_begin(rt, &steps[10]));
  CHECK(respond(rt, 200, "BYE", false));
  return SCN_OK;
}

const scn_testcase testcases[] = {
    {"call_flow", "a call the UE makes, fed by the fuzzer", call_flow, parties, 2, steps,
     sizeof steps / sizeof steps[0], nullptr, 0},
};
const scn_program program = {SCN_RT_ABI_VERSION, "fuzz_executor", testcases, 1,
                             nullptr, 0, nullptr, 0};

}  // namespace

// SCN_FUZZ_SHOW_RUNS=1 keeps the flow and verdict lines, to see how far a seed gets.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* show = std::getenv("SCN_FUZZ_SHOW_RUNS");
  if (!show || std::string_view(show) != "1") {
    // Every run's lines would drown libFuzzer's own (on stderr).
    const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    require(null >= 0 && ::dup2(null, 1) == 1);
    ::close(null);
  }
  open_ue();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Feed& f = feed();
  f.messages = split(std::string_view(reinterpret_cast<const char*>(data), size));
  f.next = 0;
  drain_ue();
  scn_run_config config;
  scn_run_config_init(&config);
  config.bind = "127.0.0.1:0";
  config.ue = f.address.c_str();
  config.quiet = 1;
  config.timeout_ms = wait_ms;
  config.linger_ms = 0;
  char error[256];
  scn_rt* rt = scn_rt_open(&config, &program, error, sizeof error);
  require(rt != nullptr);
  (void)scn_rt_call(rt, testcases[0].entry, 0);
  const int code = scn_rt_finish(rt);
  require(code >= 0 && code <= 3);
  require(text(scn_verdict_text(rt)).find("internal error") == std::string::npos);
  scn_rt_close(rt);
  drain_ue();
  return 0;
}
