// tester: the upper tester, which makes a party under test act (dial, answer, hang up,
// add a user to a conference, subscribe) when a test case's action step says so
// (`make UE1 dial "sip:..."`, scn_act). A driver per party, chosen by --drive:
//   ctrl:HOST:PORT   a UE speaking baresip's ctrl_tcp protocol (netstring-framed JSON).
//                    Connects (non-blocking) on the first action and keeps the connection
//                    (made again after the UE closed it); sends
//                    {"command":NAME,"params":"OPERANDS SPACE-SEPARATED","token":"scnN"}
//                    (`answer` as "accept", no params without operands) and waits for the
//                    response with that token, skipping events and other frames. Reasons:
//                    "ctrl H:P: hangup: <the response's data>" (ok:false),
//                    "ctrl H:P: cannot connect: Connection refused",
//                    "ctrl H:P: connection closed before the response to hangup",
//                    "ctrl H:P: bad frame from the UE: <netstring or JSON error>".
//   cmd:COMMAND      `/bin/sh -c COMMAND` with {party} {action} {args} {arg1}... filled in
//                    (expand_command()), in a process group of its own, stdin and stdout
//                    on /dev/null. Exit 0: done; else the last non-empty line of its
//                    standard error, or "exit status N", "killed by signal N (Name)".
//                    cancel() kills the process group.
//   prompt           an operator at the terminal: prompt_text() on console.out, then a
//                    line from console.in: "fail REASON" fails with REASON, any other line
//                    (or Enter) is done; the end of the input is "operator input ended".
// Drivers run inside the run's event loop and never block: act() starts the action and
// returns at once; the driver reports the outcome through `done`, from a loop callback
// (never from inside act()), exactly once, unless cancel() was called first. `done` may
// destroy the driver. One action at a time: another act() before the outcome fails with
// "...: another action is still pending". A driver must not outlive its loop.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/base.h"
#include "transport/transport.h"

namespace scn::tester {

struct Action {
  std::string party;              // "UE1"
  std::string name;               // "dial", "answer", "hangup", "transfer", ...
  std::vector<std::string> args;  // operands, evaluated ("sip:user2@home2.net")
};

// Ok, or why the action was not done, in words a verdict carries ("ctrl 127.0.0.1:4444:
// hangup: no active call", "ctrl 127.0.0.1:4444: cannot connect: Connection refused").
using Done = std::function<void(Result<void>)>;

class Driver {
public:
  virtual ~Driver() = default;
  // Starts `action`; `done` is called later from the loop, exactly once.
  virtual void act(const Action& action, Done done) = 0;
  // The step gave up waiting: forget the pending action (its `done` is never called).
  virtual void cancel() = 0;
  // "ctrl:127.0.0.1:4444", for reports.
  virtual std::string describe() const = 0;
};

// Where the drivers print to and read from: the operator's terminal for `prompt`.
struct Console {
  int in = 0;   // read by `prompt`
  int out = 2;  // prompt text
};

// The driver a --drive value names, or why it cannot be made (unknown kind, bad
// address). Nothing connects or runs before the first act().
Result<std::unique_ptr<Driver>> make_driver(std::string_view spec, Loop& loop,
                                            const Console& console = {});

// What `cmd:` runs and `prompt` shows for an action, exposed for tests.
// A word of letters, digits and _@%+=:,./- as it is, anything else in single quotes
// ('it'\''s'); the empty word as ''.
std::string shell_quote(std::string_view word);
// The command line with {party}, {action}, {args} (every operand, quoted, separated by
// spaces) and {arg1}, {arg2}... (one operand, quoted; nothing when there is no such
// operand) replaced, in one pass: replaced text is not scanned again, and any other
// brace is left as written.
std::string expand_command(std::string_view line, const Action& action);
// "UPPER TESTER: make UE1 dial sip:user2@home2.net, then press Enter (or type: fail REASON)"
std::string prompt_text(const Action& action);

}  // namespace scn::tester

// The wire format of the ctrl_tcp protocol, exposed for tests: netstrings (LENGTH ":"
// BYTES ",") holding JSON objects. Strict: a malformed frame is an error, never guessed at.
namespace scn::tester::ctrl {

// Largest payload accepted from a UE (bigger frames are an error, not buffered).
inline constexpr std::size_t max_frame = 1u << 20;

// "LEN:payload,"
std::string netstring(std::string_view payload);

// The first netstring of a buffer: its payload (a view into the buffer) and the octets
// it takes; size 0 when the buffer does not hold all of it yet. An error when the buffer
// cannot start a netstring: no decimal length, a leading zero ("01:"), a length above
// max_payload (said as soon as the length is read), or no ',' after the payload.
struct Frame {
  std::string_view payload;
  std::size_t size = 0;
};
Result<Frame> take_netstring(std::string_view buffer, std::size_t max_payload = max_frame);

// The members of a JSON object (RFC 8259). Strings are unescaped (\uXXXX and surrogate
// pairs to UTF-8), numbers kept as written, nested objects and arrays checked and
// skipped (only their type is kept). Errors: anything but one object (and white space),
// duplicate member names, control characters in strings, nesting deeper than 32.
enum class JsonType { string, number, boolean, null, object, array };
struct JsonValue {
  JsonType type = JsonType::null;
  std::string text;      // string contents, or a number as written
  bool boolean = false;  // for JsonType::boolean
};
using JsonObject = std::map<std::string, JsonValue, std::less<>>;
Result<JsonObject> parse_json_object(std::string_view text);

// `text` as a JSON string, quotes included: '"', '\\' and control characters escaped,
// other octets (UTF-8) as they are.
std::string json_string(std::string_view text);
// An object of string members, in the order given.
std::string json_object(const std::vector<std::pair<std::string, std::string>>& members);

}  // namespace scn::tester::ctrl
