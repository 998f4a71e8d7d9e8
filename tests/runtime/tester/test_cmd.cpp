// The cmd driver: /bin/sh -c with the action filled in, the outcome from its exit.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support.h"

using namespace scn;
using namespace scn::testing;
using scn::tester::Action;

namespace {

const Action dial{"UE1", "dial", {"sip:user2@home2.net"}};

// A scratch directory, removed with what is in it.
struct ScratchDir {
  std::string path;
  ScratchDir() {
    char tmpl[] = "/tmp/scn-tester-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~ScratchDir() {
    std::error_code ignored;  // a leftover in /tmp is no test failure
    std::filesystem::remove_all(path, ignored);
  }
  std::string file(const std::string& name) const { return path + "/" + name; }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<void> run_cmd(const std::string& line, const Action& action = dial) {
  Loop loop;
  auto drv = driver("cmd:" + line, loop);
  Outcome outcome;
  drv->act(action, outcome.done());
  CHECK_FALSE(outcome.reported());
  REQUIRE(wait_for(loop, outcome));
  return outcome.result;
}

// Whether process `pid` is gone (or a zombie nobody reaped yet).
bool gone(pid_t pid) {
  if (::kill(pid, 0) != 0) return true;
  std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t paren = stat.rfind(')');
  return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] == 'Z';
}

}  // namespace

TEST_CASE("tester cmd: operands are shell-quoted only when they need it") {
  CHECK(tester::shell_quote("sip:user2@home2.net") == "sip:user2@home2.net");
  CHECK(tester::shell_quote("UE1") == "UE1");
  CHECK(tester::shell_quote("") == "''");
  CHECK(tester::shell_quote("a b") == "'a b'");
  CHECK(tester::shell_quote("it's") == R"('it'\''s')");
  CHECK(tester::shell_quote("$(id);`id`") == "'$(id);`id`'");
  CHECK(tester::shell_quote("sip:x@y;transport=tcp") == "'sip:x@y;transport=tcp'");
}

TEST_CASE("tester cmd: placeholders are filled in one pass, other braces left alone") {
  const Action action{"UE2", "subscribe", {"sip:conf@x.net", "it's {args}"}};
  CHECK(tester::expand_command("ue {party} {action} {args}", action) ==
        R"(ue UE2 subscribe sip:conf@x.net 'it'\''s {args}')");
  CHECK(tester::expand_command("{arg2}|{arg1}|{arg3}|{arg0}|{arg01}", action) ==
        R"('it'\''s {args}'|sip:conf@x.net||{arg0}|{arg01})");
  CHECK(tester::expand_command("awk '{print $1}' {x} ${HOME} {", action) ==
        "awk '{print $1}' {x} ${HOME} {");
  CHECK(tester::expand_command("{{party}}", action) == "{UE2}");
  CHECK(tester::expand_command("t {args}.", Action{"UE1", "hangup", {}}) == "t .");
}

TEST_CASE("tester cmd: exit status 0 completes the action") {
  auto r = run_cmd("echo this goes nowhere; test {action} = dial");
  CHECK_MESSAGE(r.ok(), r.reason());
}

TEST_CASE("tester cmd: a failing command's last non-empty stderr line is the reason") {
  CHECK(run_cmd("echo first >&2; echo '  no call  ' >&2; echo >&2; exit 3").reason() ==
        "no call");
  CHECK(run_cmd("printf 'partial line without newline' >&2; exit 1").reason() ==
        "partial line without newline");
  CHECK(run_cmd("no-such-program-here 2>/dev/null; exit 7").reason() == "exit status 7");
  CHECK(run_cmd("false").reason() == "exit status 1");
  CHECK(run_cmd("kill -TERM $$").reason() == "killed by signal 15 (Terminated)");
  CHECK(run_cmd("no-such-program-here").reason().ends_with("not found"));
  CHECK(run_cmd("echo ok on stderr >&2; exit 0").ok());
}

TEST_CASE("tester cmd: operands with spaces and quotes reach the command intact") {
  ScratchDir dir;
  const Action action{"UE1", "transfer",
                      {"sip:a b@x.net", R"(it's "quoted")", "$(touch pwned)`touch pwned`;|&", ""}};
  auto r = run_cmd("cd " + tester::shell_quote(dir.path) +
                       " && printf '[%s]\\n' {party} {action} {args} > out && "
                       "printf '<%s>' {arg2} >> out",
                   action);
  REQUIRE_MESSAGE(r.ok(), r.reason());
  CHECK(read_file(dir.file("out")) ==
        "[UE1]\n[transfer]\n[sip:a b@x.net]\n[it's \"quoted\"]\n"
        "[$(touch pwned)`touch pwned`;|&]\n[]\n<it's \"quoted\">");
  CHECK(::access(dir.file("pwned").c_str(), F_OK) != 0);
}

TEST_CASE("tester cmd: the command reads /dev/null, not the terminal") {
  auto r = run_cmd("read line; test -z \"$line\"");  // EOF at once rather than waiting
  CHECK_MESSAGE(r.ok(), r.reason());
}

TEST_CASE("tester cmd: cancel kills the command's process group and forgets the action") {
  ScratchDir dir;
  Loop loop;
  auto drv = driver("cmd:sleep 30 & echo $! > " + tester::shell_quote(dir.file("pid")) +
                        "; echo $$ > " + tester::shell_quote(dir.file("sh")) + "; wait",
                    loop);
  Outcome outcome;
  drv->act(dial, outcome.done());
  auto written = [&] {
    return read_file(dir.file("pid")).ends_with("\n") && read_file(dir.file("sh")).ends_with("\n");
  };
  REQUIRE(loop.run_until(written, tester_wait));
  const pid_t sleeper = std::stoi(read_file(dir.file("pid")));
  const pid_t shell = std::stoi(read_file(dir.file("sh")));
  CHECK_FALSE(gone(sleeper));
  drv->cancel();
  REQUIRE(loop.run_until([&] { return gone(sleeper) && ::kill(shell, 0) != 0; }, tester_wait));
  run_for(loop, 30);
  CHECK(outcome.calls == 0);

  Outcome next;  // the driver runs the next action as usual
  drv->act(dial, next.done());
  drv.reset();   // ... unless it goes away first: that kills the command as well
  run_for(loop, 30);
  CHECK(next.calls == 0);
}

TEST_CASE("tester cmd: a command that leaves a background child holding stderr still ends") {
  ScratchDir dir;
  Loop loop;
  auto drv = driver("cmd:sleep 30 & echo $! > " + tester::shell_quote(dir.file("pid")) +
                        "; echo bad >&2; exit 2",
                    loop);
  Outcome outcome;
  drv->act(dial, outcome.done());
  REQUIRE(wait_for(loop, outcome, 3000));
  CHECK(outcome.result.reason() == "bad");
  ::kill(std::stoi(read_file(dir.file("pid"))), SIGKILL);
}
