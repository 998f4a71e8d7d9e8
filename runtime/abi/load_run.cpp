// Load mode: the dispatcher routes the shared socket's datagrams to instances; each
// instance is a quiet session (no linger, no reports) on a fiber of its own (load::Fibers:
// generated code blocks inside its executor's loop, which yields the fiber); the main
// thread starts calling instances at the rate, writes the statistics and decides the end.
#include "abi/load_run.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>

#include "abi/session.h"
#include "abi/stop_signals.h"
#include "load/load.h"
#include "media/media.h"

namespace scn {

namespace {

using load::Clock;

// Late retransmissions of an ended call (64*T1) count as late, not as new calls.
constexpr auto late_window = std::chrono::seconds(32);

// Descriptors an instance holds: an RTP and an RTCP socket per media session (mo_call:
// 2, measured); its event loop has no epoll of its own (the fiber's scheduler watches).
constexpr std::uint64_t descriptors_per_call = 2;
constexpr std::uint64_t descriptors_besides = 64;  // the sockets, files and pipes of the run

// Media sockets handed from one call to a later one (media::PortPairs): a pair rests a
// quarter of a second first (RTP still on its way from the last call's peer arrives, on a
// LAN, within milliseconds of its BYE), and no more wait than the descriptors left beside
// --concurrency calls hold, nor 4,096.
constexpr Millis pair_rest_ms = 250;
constexpr std::uint64_t most_resting_pairs = 4096;

std::size_t resting_pairs(unsigned concurrency, std::optional<std::uint64_t> limit) {
  if (!limit) return most_resting_pairs;
  const std::uint64_t needed = concurrency * descriptors_per_call + descriptors_besides;
  if (*limit <= needed) return 0;
  return std::min(most_resting_pairs, (*limit - needed) / 2);
}

// Raises the soft limit of open descriptors to the hard one (Debian's soft limit, 1,024,
// holds about 480 calls at once) and returns the limit in force; nullopt: none known.
std::optional<std::uint64_t> raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return std::nullopt;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY) return std::nullopt;
  return static_cast<std::uint64_t>(limit.rlim_cur);
}

// Said before the run rather than found in its failures: "Too many open files".
std::optional<std::string> descriptor_warning(unsigned concurrency,
                                              std::optional<std::uint64_t> limit) {
  if (!limit) return std::nullopt;
  const std::uint64_t needed = concurrency * descriptors_per_call + descriptors_besides;
  if (needed <= *limit) return std::nullopt;
  const std::uint64_t fit =
      *limit > descriptors_besides ? (*limit - descriptors_besides) / descriptors_per_call : 0;
  return "load: warning: --concurrency " + std::to_string(concurrency) + " may need " +
         std::to_string(needed) + " open descriptors (" + std::to_string(descriptors_per_call) +
         " a call with media), the limit is " + std::to_string(*limit) + ": beyond about " +
         std::to_string(fit) + " calls at once, new ones end in ERROR (Too many open files); "
         "raise the limit (ulimit -n) or lower --concurrency";
}

// Does the test case's played party send first (it calls: instances start at --rate)?
bool sends_first(const scn_testcase& testcase) {
  for (std::size_t i = 0; testcase.steps && i < testcase.step_count; ++i) {
    const scn_step& step = testcase.steps[i];
    if (step.kind != SCN_STEP_MESSAGE) continue;
    return direction_from(step.direction) == Direction::SsToUe;
  }
  return false;
}

class LoadRun {
public:
  LoadRun(const RunOptions& options, const scn_program& program, const scn_testcase& testcase)
      : options_(options), program_(program), testcase_(testcase), start_(Clock::now()),
        stats_(start_), calling_(sends_first(testcase)),
        // A calling instance's peer starts no call: its new requests get 503.
        dispatcher_(router_, stats_, [this] { return calling_ ? nullptr : admit(); }) {}
  ~LoadRun() { stop_workers(); }

  int run();

private:
  Result<void> start();
  Result<void> preflight(const net::Address& bind);
  std::shared_ptr<load::Channel> admit();
  bool may_start(Clock::time_point now) const;
  void start_due(Clock::time_point now);
  bool finished(Clock::time_point now);
  void run_instance(const std::shared_ptr<load::Channel>& channel, Loop::Waiter& waiter);
  [[gnu::noinline]] std::unique_ptr<Session> open_instance(
      const std::shared_ptr<load::Channel>& channel, Loop::Waiter& waiter,
      load::ChannelTransport*& transport);
  [[gnu::noinline]] void report_instance(Session& session,
                                         const load::ChannelTransport* transport);
  void end_instance(const load::Channel& channel);
  void write_row(Clock::time_point now);
  void stop_workers();

  const RunOptions& options_;
  const scn_program& program_;
  const scn_testcase& testcase_;
  std::shared_ptr<const RunOptions> shared_;  // every instance's, made by start()
  Clock::time_point start_;
  load::Router router_;
  load::Stats stats_;
  const bool calling_;  // the played party sends first: instances start at --rate
  load::Dispatcher dispatcher_;
  std::ofstream stats_file_;
  bool json_ = false;
  bool terminal_ = false;
  std::optional<std::uint64_t> descriptor_limit_;  // raised to the hard limit by start()
  std::unique_ptr<media::PortPairs> port_pairs_;   // made by start()
  // Last: its fibers use the members above, and its destructor waits for them to end.
  load::Fibers fibers_;

  std::mutex mutex_;  // guards what follows
  unsigned admitted_ = 0;
  unsigned active_ = 0;
  bool closing_ = false;  // no new instance: the end has come
};

// One session opened on a channel of no socket and dropped: what would stop every
// instance (a bad --set, a party option naming no party) stops the run before it binds.
Result<void> LoadRun::preflight(const net::Address& bind) {
  auto channel = std::make_shared<load::Channel>();
  InstanceHooks hooks;
  hooks.make_transport = [&](Loop& loop, const net::Address&)
      -> Result<std::unique_ptr<net::Transport>> {
    auto opened = load::ChannelTransport::open(loop, dispatcher_, bind, channel, router_);
    if (!opened) return opened.error();
    return std::unique_ptr<net::Transport>(std::move(opened).value());
  };
  auto opened = Session::open(shared_, std::move(hooks), program_);
  if (!opened) return opened.error();
  router_.remove(*channel, Clock::now());
  return {};
}

Result<void> LoadRun::start() {
  const LoadOptions& load = options_.load;
  if (!load.stats_file.empty()) {
    stats_file_.open(load.stats_file, std::ios::trunc);
    if (!stats_file_) return make_error("--stats: cannot write " + load.stats_file);
    json_ = load.stats_file.ends_with(".json");
    if (!json_) stats_file_ << load::csv_header() << "\n" << std::flush;
  }
  auto bind = net::Address::parse(options_.bind);
  if (!bind) return make_error("cannot bind " + options_.bind + ": not a numeric HOST:PORT");
  descriptor_limit_ = raise_descriptor_limit();
  port_pairs_ = std::make_unique<media::PortPairs>(
      resting_pairs(options_.load.concurrency, descriptor_limit_), pair_rest_ms);
  // An instance is a quiet single run without linger, its own load options none.
  RunOptions instance = options_;
  instance.load = {};
  instance.quiet = true;
  instance.silent = true;
  instance.linger_ms = 0;
  instance.port_pairs = port_pairs_.get();
  // One settings table for every instance, --set applied once.
  auto settings = make_settings_table(program_, instance.settings);
  if (!settings) return settings.error();
  instance.settings_table = std::move(settings).value();
  instance.regexes = std::make_shared<sip::RegexCache>();
  instance.match_rows = std::make_shared<sip::MatchRowCache>();
  shared_ = std::make_shared<const RunOptions>(std::move(instance));
  if (auto ready = preflight(*bind); !ready) return ready;
  // The party under test's address, when given, is the only one whose calls count.
  if (!calling_ && !options_.ue.empty()) {
    if (auto caller = net::Address::parse(options_.ue)) dispatcher_.only_from(*caller);
  }
  const net::Proto proto = options_.transport == "tcp" ? net::Proto::tcp : net::Proto::udp;
  // UDP without --threads: no reading thread; the first fiber thread reads the socket
  // between its fibers (no hand-over between threads for a datagram). With --threads N,
  // N threads read it (two reading one socket can hand a call's 200 to its instance
  // before the 180 read just before it, a reordering the network did not make); TCP has
  // one.
  const bool polled = proto == net::Proto::udp && load.threads == 0;
  const unsigned readers = polled ? 0u : std::max(load.threads, 1u);
  // The instances' fibers run on a thread per core: polled, the first also reads; over
  // TCP beside the reading thread, which frames and routes and does little else. Over UDP
  // with --threads, on the cores the reading threads leave, at least one. Measured on 2
  // cores against a SIPp UAC (UDP: bench/load/cpu_per_call.sh): one fiber thread fell
  // behind from about 9,000 calls/s over UDP (7,300 reached at 11,000, 128 us a call), two
  // held 13,000 with no call lost (87 us a call); over TCP (one connection, 4 s at 10,000
  // and 12,000 offered) one reached 8,300 calls/s, two beside the reader 11,000.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned fiber_threads =
      polled || proto == net::Proto::tcp ? cores : cores > readers ? cores - readers : 1u;
  if (auto started = fibers_.start(fiber_threads); !started) return started;
  // After the fibers: the reading threads admit calls as soon as the socket is bound.
  if (auto opened = dispatcher_.open(*bind, readers, proto); !opened)
    return make_error("cannot bind " + options_.transport + " " + bind->to_string() + ": " +
                      opened.reason());
  if (polled) {
    // A bounded batch, so that the fibers woken by it run between batches.
    auto watched = fibers_.watch(dispatcher_.socket(), [this] { dispatcher_.read_ready(64); });
    if (!watched) return watched;
  }
  terminal_ = isatty(STDERR_FILENO) != 0;
  return {};
}

bool LoadRun::may_start(Clock::time_point now) const {
  const LoadOptions& load = options_.load;
  if (closing_ || active_ >= load.concurrency) return false;
  if (load.calls && admitted_ >= load.calls) return false;
  return !load.duration_ms || now - start_ < std::chrono::milliseconds(load.duration_ms);
}

// From a reading thread (a new call) or the main thread (a calling instance is due).
std::shared_ptr<load::Channel> LoadRun::admit() {
  std::lock_guard lock(mutex_);
  if (!may_start(Clock::now())) return nullptr;
  auto channel = std::make_shared<load::Channel>();
  const bool spawned = fibers_.spawn([this, channel](Loop::Waiter& waiter) {
    run_instance(channel, waiter);
    end_instance(*channel);
  });
  if (!spawned) return nullptr;
  ++admitted_;
  ++active_;
  stats_.started();
  return channel;
}

// Calling instances: as many started as the rate allows by now (no burst after a stall
// beyond what --concurrency lets wait).
void LoadRun::start_due(Clock::time_point now) {
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const auto due = static_cast<std::uint64_t>(std::floor(elapsed * options_.load.rate)) + 1;
  while (stats_.started_count() < due)
    if (!admit()) break;
}

void LoadRun::end_instance(const load::Channel& channel) {
  router_.remove(channel, Clock::now());
  std::lock_guard lock(mutex_);
  --active_;
}

load::Outcome outcome_of(VerdictKind kind) { return static_cast<load::Outcome>(kind); }

// The frames here stay under every frame of the instance's test case while it waits (a
// held call's fiber keeps the stack pages down to there): opening and ending, with their
// options and strings, each have a frame of their own that is gone by then.
void LoadRun::run_instance(const std::shared_ptr<load::Channel>& channel,
                           Loop::Waiter& waiter) {
  try {
    load::ChannelTransport* transport = nullptr;
    std::unique_ptr<Session> session = open_instance(channel, waiter, transport);
    if (!session) return;
    session->call(session->testcase().entry, false);
    session->finish();
    report_instance(*session, transport);
  } catch (const std::exception& e) {
    stats_.ended(load::Outcome::Error, std::string("ERROR: internal error: ") + e.what(),
                 std::nullopt);
  }
}

std::unique_ptr<Session> LoadRun::open_instance(const std::shared_ptr<load::Channel>& channel,
                                                Loop::Waiter& waiter,
                                                load::ChannelTransport*& transport) {
  InstanceHooks hooks;
  hooks.waiter = &waiter;
  hooks.make_transport = [&](Loop& loop, const net::Address&)
      -> Result<std::unique_ptr<net::Transport>> {
    auto opened =
        load::ChannelTransport::open(loop, dispatcher_, dispatcher_.local(), channel, router_);
    if (!opened) return opened.error();
    transport = opened->get();
    return std::unique_ptr<net::Transport>(std::move(opened).value());
  };
  auto opened = Session::open(shared_, std::move(hooks), program_);
  if (!opened) {
    stats_.ended(load::Outcome::Error, "ERROR: " + opened.reason(), std::nullopt);
    return nullptr;
  }
  return std::move(opened).value();
}

void LoadRun::report_instance(Session& session, const load::ChannelTransport* transport) {
  const Verdict& verdict = session.executor().verdict().verdict();
  stats_.ended(outcome_of(verdict.kind), styled_final_line(ConsoleStyle{}, verdict),
               transport ? transport->response_time() : std::nullopt);
}

void LoadRun::write_row(Clock::time_point now) {
  const load::Stats::Row row = stats_.next_row(now);
  if (stats_file_.is_open())
    stats_file_ << (json_ ? load::json_row(row) : load::csv_row(row)) << "\n" << std::flush;
  if (options_.quiet) return;
  const std::string text = load::live_text(row);
  std::fputs(terminal_ ? ("\r\033[K" + text).c_str() : (text + "\n").c_str(), stderr);
  std::fflush(stderr);
}

bool LoadRun::finished(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const LoadOptions& load = options_.load;
  const bool out_of_calls = load.calls && admitted_ >= load.calls;
  const bool out_of_time = load.duration_ms && now - start_ >= std::chrono::milliseconds(load.duration_ms);
  if (out_of_calls || out_of_time) closing_ = true;
  return closing_ && active_ == 0;
}

void LoadRun::stop_workers() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;  // no instance starts after this
  }
  fibers_.stop();  // the running ones end as they would
  dispatcher_.stop();
}

int LoadRun::run() {
  StopSignals stop;  // before the threads start: they inherit the blocked signals
  if (auto started = start(); !started) return print_error_line(started.reason());
  if (auto warning = descriptor_warning(options_.load.concurrency, descriptor_limit_)) {
    std::fputs((*warning + "\n").c_str(), stderr);
    std::fflush(stderr);
  }
  // Even with --quiet: scripts wait for it before they send.
  print_line("load: " + std::string(testcase_.name ? testcase_.name : "") + " on " +
             options_.transport + " " + dispatcher_.local().to_string());
  const auto interval = std::chrono::milliseconds(options_.load.stats_interval_ms);
  auto next_row = start_ + interval;
  for (;;) {
    const auto now = Clock::now();
    if (calling_) start_due(now);
    if (stop.requested()) {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    if (finished(now)) break;
    if (now >= next_row) {
      write_row(now);
      router_.prune(now - late_window);
      next_row += interval;
    }
    // Calling instances start on time to the millisecond; else the thread only notices
    // the end, a stop and the rows, and a wake-up a millisecond cost 2.5% of the SS's CPU
    // at 4,000 calls/s (perf).
    std::this_thread::sleep_for(std::chrono::milliseconds(calling_ ? 1 : 10));
  }
  stop_workers();
  const auto end = Clock::now();
  write_row(end);
  if (!options_.quiet && terminal_) std::fputs("\n", stderr);
  for (const std::string& line : stats_.summary(end)) print_line(line);
  return exit_code(static_cast<VerdictKind>(stats_.worst()));
}

}  // namespace

int run_load(const RunOptions& options, const scn_program& program) {
  if (program.abi_version != SCN_RT_ABI_VERSION)
    return print_error_line("the program was compiled for runtime ABI " +
                            std::to_string(program.abi_version) + ", this runtime has " +
                            std::to_string(SCN_RT_ABI_VERSION));
  // The test case is chosen (and an unknown one reported) as a single run would.
  const scn_testcase* testcase = nullptr;
  for (std::size_t i = 0; i < program.testcase_count; ++i)
    if (options.testcase.empty() ? program.testcase_count == 1
                                 : program.testcases[i].name &&
                                       options.testcase == program.testcases[i].name)
      testcase = &program.testcases[i];
  if (!testcase) {
    // A session reports the reason as usual.
    auto opened = Session::open(options, program);
    return print_error_line(opened ? "no test case" : opened.reason());
  }
  LoadRun run(options, program, *testcase);
  return run.run();
}

}  // namespace scn
