// scn test PATH... : compiles every file once (ORC JIT), then runs each selected test case
// in a child process of its own (scn/campaign/runner.h), each with the run options the
// campaign gives it, and ends with the counts line. With --report-dir, each test case
// leaves its reports in a folder of its own, and the campaign junit.xml, summary.json
// and index.html over all of them.
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "commands.h"
#include "scn/campaign/runner.h"
#include "scn/campaign/select.h"
#include "scn/codegen/codegen.h"
#include "scn/jit/jit.h"
#include "stages.h"
#include "test_report.h"

namespace scn::driver {

namespace fs = std::filesystem;
using campaign::CaseRef;

namespace {

struct Compiled {
  std::string file;
  std::unique_ptr<jit::Jit> jit;
  const scn_program* program = nullptr;
  std::string error;  // why the file gives no program
};

Compiled compile(const std::string& file) {
  Compiled c{file, nullptr, nullptr, {}};
  int status = exit_ok;
  std::optional<ir::Program> program = compile_to_ir(file, exit_unusable, status);
  if (!program) {
    c.error = "cannot compile " + file;
    return c;
  }
  codegen::Module module = codegen::generate(*program);
  if (std::string why = module.verify(); !why.empty()) {
    c.error = "internal error: the generated code does not verify: " + why;
    return c;
  }
  c.jit = jit::Jit::create(std::move(module), c.error);
  if (c.jit) c.program = c.jit->program(c.error);
  if (!c.program && c.error.empty()) c.error = "JIT: no program";
  return c;
}

// A free UDP port on 127.0.0.1 for `bind auto` (the kernel's pick, released at once).
std::string free_loopback_address() {
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  if (fd >= 0) close(fd);
  return "127.0.0.1:" + std::to_string(port);
}

// "auto" and "PARTY=auto" get a free loopback address.
std::string resolve_auto(const std::string& value) {
  const std::size_t eq = value.find('=');
  const std::string address = eq == std::string::npos ? value : value.substr(eq + 1);
  if (address != "auto") return value;
  return (eq == std::string::npos ? std::string() : value.substr(0, eq + 1)) + free_loopback_address();
}

// The value of the last nameless option ("HOST:PORT"), "" when none.
std::string nameless(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values)
    if (v.find('=') == std::string::npos) out = v;
  return out;
}

void fill(std::string& text, const std::string& key, const std::string& value) {
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
    text.replace(at, key.size(), value);
}

std::pair<std::string, std::string> host_port(const std::string& address) {
  const std::size_t colon = address.rfind(':');
  if (colon == std::string::npos) return {address, ""};
  std::string host = address.substr(0, colon);
  if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
  return {host, address.substr(colon + 1)};
}

// {bind} {bind_host} {bind_port} {ue} {ue_host} {ue_port} {testcase} {file} {dir}
// {campaign_dir}
std::string fill_placeholders(std::string command, const RunArgs& args, const CaseRef& ref,
                              const std::string& dir, const std::string& campaign_dir) {
  const std::string bind = nameless(args.binds).empty() ? "127.0.0.1:5060" : nameless(args.binds);
  const std::string ue = nameless(args.ues);
  fill(command, "{bind}", bind);
  fill(command, "{bind_host}", host_port(bind).first);
  fill(command, "{bind_port}", host_port(bind).second);
  fill(command, "{ue}", ue);
  fill(command, "{ue_host}", host_port(ue).first);
  fill(command, "{ue_port}", host_port(ue).second);
  fill(command, "{testcase}", ref.testcase);
  fill(command, "{file}", ref.file);
  fill(command, "{dir}", dir);
  fill(command, "{campaign_dir}", campaign_dir);
  // The named ones: {ue:UE1} {ue_host:UE1} {ue_port:UE1}, and the same for bind.
  for (auto [values, kind] : {std::pair{&args.ues, "ue"}, std::pair{&args.binds, "bind"}}) {
    for (const std::string& v : *values) {
      const std::size_t eq = v.find('=');
      if (eq == std::string::npos) continue;
      const std::string party = v.substr(0, eq), address = v.substr(eq + 1);
      fill(command, "{" + std::string(kind) + ":" + party + "}", address);
      fill(command, "{" + std::string(kind) + "_host:" + party + "}", host_port(address).first);
      fill(command, "{" + std::string(kind) + "_port:" + party + "}", host_port(address).second);
    }
  }
  return command;
}

// The command line's run options, then the campaign's for this test case.
RunArgs case_args(const RunArgs& t, const campaign::CaseOptions& o, const CaseRef& ref) {
  RunArgs a = t;
  a.testcase = ref.testcase;
  for (const std::string& b : o.binds) a.binds.push_back(resolve_auto(b));
  for (const std::string& u : o.ues) a.ues.push_back(resolve_auto(u));
  a.drives.insert(a.drives.end(), o.drives.begin(), o.drives.end());
  a.sets.insert(a.sets.end(), o.sets.begin(), o.sets.end());
  a.transport = o.transport.empty() ? t.transport : o.transport;
  a.timeout_seconds = o.timeout_seconds ? o.timeout_seconds : t.timeout_seconds;
  a.linger_seconds = o.linger_seconds ? o.linger_seconds : t.linger_seconds;
  return a;
}

// Every address the run binds or talks to: two test cases sharing one never run at once.
std::vector<std::string> addresses_of(const RunArgs& a) {
  std::vector<std::string> out;
  bool nameless_bind = false;
  for (const std::string& v : a.binds) {
    out.push_back(v.substr(v.find('=') == std::string::npos ? 0 : v.find('=') + 1));
    nameless_bind = nameless_bind || v.find('=') == std::string::npos;
  }
  if (!nameless_bind) out.push_back("127.0.0.1:5060");
  for (const std::string& v : a.ues) out.push_back(v.substr(v.find('=') == std::string::npos ? 0 : v.find('=') + 1));
  return out;
}

// In the child: open the run, tell the parent, run the test case, finish.
int run_child(const scn_program* program, std::size_t index, const RunArgs& args,
              const campaign::ChildSignals& signals) {
  RunConfig config;
  if (std::string why = make_run_config(args, config); !why.empty()) {
    signals.ready(false);
    std::cout << "ERROR: " << why << std::endl;
    return exit_unusable;
  }
  char error[512] = "";
  scn_rt* rt = scn_rt_open(&config.config, program, error, sizeof error);
  if (!rt) {
    signals.ready(false);
    return scn_rt_report_error(&config.config, program->name, error);
  }
  signals.ready(true);
  scn_rt_call(rt, program->testcases[index].entry, 0);
  const int status = scn_rt_finish(rt);
  scn_rt_close(rt);
  return status;
}

// "conference_factory.conference_factory", made unique within the campaign.
std::string case_id(const CaseRef& ref, std::map<std::string, int>& used) {
  std::string id = fs::path(ref.file).stem().string() + "." + ref.testcase;
  for (char& ch : id)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != '_') ch = '_';
  const int n = ++used[id];
  return n == 1 ? id : id + "-" + std::to_string(n);
}

struct Plan {
  std::vector<Compiled> compiled;
  std::vector<CaseRef> all;
  std::map<std::string, std::pair<const scn_program*, std::size_t>> where;  // file:testcase
};

Plan compile_all(const std::vector<std::string>& files) {
  Plan plan;
  for (const std::string& file : files) {
    plan.compiled.push_back(compile(file));
    const Compiled& c = plan.compiled.back();
    if (!c.program) {
      plan.all.push_back({file, ""});  // a file that gives no program: one error result
      continue;
    }
    for (std::size_t i = 0; i < c.program->testcase_count; ++i) {
      plan.all.push_back({file, c.program->testcases[i].name});
      plan.where[file + ":" + plan.all.back().testcase] = {c.program, i};
    }
  }
  return plan;
}

const Compiled* compiled_of(const Plan& plan, const std::string& file) {
  for (const Compiled& c : plan.compiled)
    if (c.file == file) return &c;
  return nullptr;
}

}  // namespace

int test(const TestArgs& args) {
  std::vector<std::string> errors;
  const std::vector<std::string> files = campaign::expand_paths(args.paths, errors);
  campaign::Campaign book;
  if (!args.campaign.empty()) {
    std::ifstream in(args.campaign, std::ios::binary);
    if (!in) errors.push_back("scn: error: cannot read " + args.campaign);
    std::stringstream text;
    text << in.rdbuf();
    book = campaign::parse_campaign(text.str(), args.campaign, errors);
  }
  std::optional<campaign::Shard> shard = campaign::Shard{};
  if (!args.shard.empty() && !(shard = campaign::parse_shard(args.shard)))
    errors.push_back("scn: error: --shard: expected I/N with 1 <= I <= N, got '" + args.shard + "'");
  if (files.empty() && errors.empty()) errors.push_back("scn: error: no .scn file in the paths given");
  for (const std::string& e : errors) std::cerr << e << "\n";
  if (!errors.empty()) return exit_unusable;

  Plan plan = compile_all(files);
  for (const std::string& w : book.unused_sections(plan.all)) std::cerr << w << "\n";
  std::vector<CaseRef> chosen = campaign::select(plan.all, args.filters, *shard);
  if (chosen.empty()) {
    std::cout << "ERROR: no test case selected" << std::endl;
    return exit_unusable;
  }

  CampaignOutput output(args.report_dir);
  if (!output.ok()) {
    std::cout << "ERROR: " << output.error() << std::endl;
    return exit_unusable;
  }
  std::map<std::string, int> ids;
  std::vector<campaign::Job> jobs;
  const std::string campaign_dir =
      args.campaign.empty() ? std::string() : fs::absolute(args.campaign).parent_path().string();
  for (const CaseRef& ref : chosen) {
    const std::string id = case_id({ref.file, ref.testcase.empty() ? "compile" : ref.testcase}, ids);
    campaign::Job job;
    job.ref = ref;
    job.dir = output.case_dir(id);
    job.stdout_file = output.file(id, "stdout.txt");
    job.peers_log = output.file(id, "peers.log");
    if (ref.testcase.empty()) {  // the file did not compile: report it as an error
      const Compiled* c = compiled_of(plan, ref.file);
      const std::string reason = c ? c->error : "cannot compile " + ref.file;
      RunArgs a;
      output.add_report_files(id, a);
      job.run = [a, reason, file = ref.file](const campaign::ChildSignals& s) {
        s.ready(false);
        RunConfig config;
        make_run_config(a, config);
        return scn_rt_report_error(&config.config, file.c_str(), reason.c_str());
      };
      jobs.push_back(std::move(job));
      continue;
    }
    const campaign::CaseOptions options = book.options_for(ref);
    RunArgs a = case_args(args.common, options, ref);
    output.add_report_files(id, a);
    job.addresses = addresses_of(a);
    for (const std::string& command : options.starts)
      job.peers.push_back(fill_placeholders(command, a, ref, output.file(id, ""), campaign_dir));
    job.settle_seconds = options.settle_seconds;
    job.skip = options.skip.value_or("");
    const auto [program, index] = plan.where.at(ref.file + ":" + ref.testcase);
    job.run = [program, index, a](const campaign::ChildSignals& s) {
      return run_child(program, index, a, s);
    };
    jobs.push_back(std::move(job));
  }

  ProgressPrinter progress(jobs.size(), args.flow);
  campaign::RunnerOptions options{args.jobs, args.case_timeout_seconds,
                                  [&](const campaign::Job& j, const campaign::CaseResult& r) {
                                    progress.done(j, r);
                                  }};
  std::vector<campaign::CaseResult> results = campaign::run_jobs(jobs, options);
  if (std::string why = output.write_summary(results, args.shard); !why.empty())
    std::cerr << "scn: error: " << why << "\n";
  const campaign::Counts counts = campaign::count(results);
  std::cout << campaign::counts_line(counts) << std::endl;
  return campaign::exit_status(counts);
}

}  // namespace scn::driver
