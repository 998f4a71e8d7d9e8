// Executor: setting up the SS, running the entry function, lingering, reports.
#include <algorithm>
#include <cstring>
#include <exception>
#include <new>

#include "base/base.h"
#include "base/hints.h"
#include "executor/executor.h"

namespace scn {

// The drivers and the layer go first: their timers and transactions refer to the loop
// and the transports.
Executor::~Executor() {
  drivers_.clear();
  layer_.reset();
  own_transports_.clear();
  transport_.reset();
}

namespace {

// A transport of either kind as the executor holds it.
template <class T>
Result<std::unique_ptr<net::Transport>> as_transport(Result<std::unique_ptr<T>> opened) {
  if (!opened) return opened.error();
  return std::unique_ptr<net::Transport>(std::move(opened).value());
}

std::optional<bool> parse_bool(std::string_view text) {
  for (std::string_view yes : {"true", "1", "yes", "on"})
    if (sip::iequals(text, yes)) return true;
  for (std::string_view no : {"false", "0", "no", "off"})
    if (sip::iequals(text, no)) return false;
  return std::nullopt;
}

bool is_integer(std::string_view text) {
  if (text.starts_with('-')) text.remove_prefix(1);
  if (text.empty()) return false;
  for (char c : text)
    if (!sip::is_digit(c)) return false;
  return true;
}

// A parameter's type is its default's: true/false makes a boolean, which generated code
// compares with "true" (so 1, yes and on are spelt true), digits an integer, else text.
Result<std::string> typed_value(const std::string& name, std::string_view default_value,
                                const std::string& value) {
  if (default_value == "true" || default_value == "false") {
    auto flag = parse_bool(value);
    if (!flag) return make_error(name + ": expected true or false, got '" + value + "'");
    return std::string(*flag ? "true" : "false");
  }
  if (is_integer(default_value) && !is_integer(value))
    return make_error(name + ": expected an integer, got '" + value + "'");
  return value;
}

std::string_view default_of(const scn_program& program, const std::string& name) {
  for (std::size_t i = 0; program.params && i < program.param_count; ++i) {
    const scn_param_def& p = program.params[i];
    if (p.name && name == p.name) return p.default_value ? p.default_value : "";
  }
  return {};
}

template <class Map>
void add_names(const Map& map, std::vector<std::string>& names) {
  for (const auto& entry : map) names.push_back(entry.first);
}

// Sets one value in `table`; the reason without the "--set" its callers put before it.
Result<void> set_in(SettingsTable& table, const scn_program& program, const std::string& name,
                    const std::string& value) {
  if (auto it = table.params.find(name); it != table.params.end()) {
    auto typed = typed_value(name, default_of(program, name), value);
    if (!typed) return typed.error();
    it->second = std::move(typed).value();
    return {};
  }
  auto cond = table.conditions.find(name);
  if (cond == table.conditions.end()) {
    std::string why = "no parameter or condition '" + name + "'";
    std::vector<std::string> names;
    add_names(table.params, names);
    add_names(table.conditions, names);
    std::sort(names.begin(), names.end());  // the maps' order is no order: hints stay stable
    if (auto close = closest_name(name, names)) why += "; did you mean '" + *close + "'?";
    return make_error(why);
  }
  auto flag = parse_bool(value);
  if (!flag) return make_error(name + ": expected true or false, got '" + value + "'");
  cond->second = *flag;
  return {};
}

}  // namespace

// "--set: unknown ..." but "--set A1: expected ...", as the option errors read.
Result<std::shared_ptr<const SettingsTable>> make_settings_table(
    const scn_program& program, const std::vector<std::pair<std::string, std::string>>& settings) {
  auto table = std::make_shared<SettingsTable>();
  for (std::size_t i = 0; program.params && i < program.param_count; ++i) {
    const scn_param_def& p = program.params[i];
    if (p.name) table->params[p.name] = p.default_value ? p.default_value : "";
  }
  for (std::size_t i = 0; program.conditions && i < program.condition_count; ++i) {
    const scn_condition_def& c = program.conditions[i];
    if (c.name) table->conditions[c.name] = c.default_value != 0;
  }
  for (const auto& [name, value] : settings) {
    auto set = set_in(*table, program, name, value);
    if (set) continue;
    const bool known = table->params.contains(name) || table->conditions.contains(name);
    return make_error((known ? "--set " : "--set: ") + set.reason());
  }
  return std::shared_ptr<const SettingsTable>(std::move(table));
}

// A change after the start (the REPL's :set): a new table, as the old one may be shared.
Result<void> Executor::set_setting(const std::string& name, const std::string& value) {
  auto table = std::make_shared<SettingsTable>(*settings_);
  if (auto set = set_in(*table, program_, name, value); !set) return set;
  // Kept: scn_param handed out views of its values, which the entry function may hold.
  retired_settings_.push_back(std::move(settings_));
  settings_ = std::move(table);
  return {};
}

Result<void> Executor::apply_settings() {
  // Made with them (load mode), or none to apply: the defaults the constructor made stand.
  if (options_.settings_table || options_.settings.empty()) return {};
  auto table = make_settings_table(program_, options_.settings);
  if (!table) return table.error();
  settings_ = std::move(table).value();
  return {};
}

Result<std::unique_ptr<net::Transport>> Executor::bind_transport(const net::Address& address) {
  if (hooks_.make_transport) return hooks_.make_transport(loop_, address);
  return options_.transport == "tcp" ? as_transport(net::TcpTransport::open(loop_, address))
                                     : as_transport(net::UdpTransport::open(loop_, address));
}

Result<void> Executor::open() {
  if (!loop_.ok()) return make_error("cannot create the event loop: " + loop_.error());
  auto bind = net::Address::parse(options_.bind);
  if (!bind) return make_error("cannot bind " + options_.bind + ": not a numeric HOST:PORT");
  auto opened = bind_transport(*bind);
  if (!opened) {
    return make_error("cannot bind " + options_.transport + " " + bind->to_string() + ": " +
                      opened.reason());
  }
  transport_ = std::move(opened).value();
  layer_ = std::make_unique<sip::TransactionLayer>(loop_, *this);
  layer_->attach(*transport_);
  return open_parties();
}

int Executor::call(int (*entry)(scn_rt*), bool adhoc) {
  if (!entry) return SCN_OK;
  const StepInfo saved_step = step_;
  const bool saved_adhoc = adhoc_;  // an ad hoc call may come from inside the hook
  adhoc_ = adhoc_ || adhoc;
  int result = SCN_STOP;
  try {
    result = entry(handle());
  } catch (const std::exception& e) {
    set_error(std::string("internal error: ") + e.what());
  } catch (...) {
    set_error("internal error");
  }
  adhoc_ = saved_adhoc;
  if (adhoc) step_ = saved_step;
  return result;
}

void Executor::end_checks() {
  if (stopped()) return;
  if (aborted_) {
    set_inconc("run aborted by the user");
    return;
  }
  // Requests the UE sent that no step took, while steps were waiting for others.
  std::string leftover = passed_over_summary();
  if (!leftover.empty()) set_inconc(leftover);
}

void Executor::linger() {
  linger_inbox_start_ = inbox_.size();
  // Only a passed run lingers: after a fail the UE's ending does not matter.
  if (!transport_ || transport_->reliable() || options_.linger_ms == 0 || stopped()) return;
  lingering_ = true;  // the verdict line stays the last one
  const Millis limit = loop_.now() + 64 * sip::TimerConfig{}.t1;
  last_party_activity_ = loop_.now();
  // Messages from no party do not count (record_inbound): a flood of them would
  // otherwise hold the SS to the bound.
  auto quiet = [this] {
    const bool unacknowledged = layer_->unacknowledged_2xx() > 0;
    return !unacknowledged &&
           loop_.now() - last_party_activity_ >= static_cast<Millis>(options_.linger_ms);
  };
  while (!quiet() && loop_.now() < limit) {
    loop_.run_once(50);
    if (hand_over_ && !handed_over().empty()) return;
  }
}

// New requests only: responses and ACKs belong to what this run did.
std::vector<net::Inbound> Executor::handed_over() const {
  std::vector<net::Inbound> messages;
  if (!linger_inbox_start_) return messages;
  for (std::size_t i = *linger_inbox_start_; i < inbox_.size(); ++i) {
    const InboxItem& item = inbox_[i];
    if (!item.message.is_request() || item.message.method() == "ACK") continue;
    const net::Transport* at = item.transport ? item.transport : transport_.get();
    messages.push_back({item.message, item.source, at->local(), nullptr});
  }
  return messages;
}

void Executor::receive_handed_over(const std::vector<net::Inbound>& messages) {
  if (!layer_) return;
  for (net::Inbound in : messages) {
    in.transport = transport_.get();
    for (const auto& own : own_transports_)
      if (own->local() == in.local) in.transport = own.get();
    layer_->on_message(in);
  }
}

// Every file is tried; the first problem is reported.
Result<void> Executor::write_reports() {
  close_steps();
  const report::Run run = report_record();
  std::string problem;
  if (!options_.trace_file.empty()) {
    std::string text = trace_.text() + match_log_section() + cleanup_section() +
                       trace_ending(verdict_.verdict());
    if (auto written = report::write_text(options_.trace_file, text); !written)
      problem = "cannot write the trace " + options_.trace_file + ": " + written.reason();
  }
  if (!options_.pcap_file.empty()) {
    if (auto written = write_capture(); !written && problem.empty())
      problem = "cannot write the capture " + options_.pcap_file + ": " + written.reason();
  }
  auto written = report::write(run, {options_.junit_file, options_.json_file, options_.html_file});
  if (!written && problem.empty()) problem = written.reason();
  if (!problem.empty()) return make_error(problem);
  return {};
}

// "cleanup: BYE to UE (dialog x): 200 OK" per thing the cleanup ended, then a blank line.
std::string Executor::cleanup_section() const {
  std::string out;
  for (const std::string& note : cleanup_notes_) out += "cleanup: " + note + "\n";
  return out.empty() ? out : out + "\n";
}

double Executor::elapsed_seconds() const {
  return static_cast<double>(trace_.elapsed_ms()) / 1000.0;
}

void Executor::set_error(std::string reason) { verdict_.error(step_.id, std::move(reason)); }
void Executor::set_fail(std::string reason) { verdict_.fail(step_.id, std::move(reason)); }
void Executor::set_inconc(std::string reason) { verdict_.inconc(step_.id, std::move(reason)); }

struct Arena::Block {
  Block* before;
  std::size_t size;  // of the text area that follows
};

Arena::~Arena() {
  while (last_) {
    Block* before = last_->before;
    ::operator delete(last_);
    last_ = before;
  }
}

scn_str Arena::keep(std::string_view text) {
  for (const scn_str& kept : recent_)
    if (kept.ptr && kept.len == text.size() && std::memcmp(kept.ptr, text.data(), text.size()) == 0)
      return kept;
  const std::size_t need = text.size() + 1;
  if (need > left_) {
    // Each block twice the last (from 624 octets, up to 64 kB), or the value's size. A
    // first block with its header is 640 octets, one of the allocator's sizes, and holds
    // what a load instance of an IMS call keeps (mo_call: about 510 octets).
    const std::size_t grown = last_ ? std::min<std::size_t>(last_->size * 2, 65536) : 624;
    const std::size_t size = std::max(grown, need);
    void* memory = ::operator new(sizeof(Block) + size);
    last_ = new (memory) Block{last_, size};
    free_ = static_cast<char*>(memory) + sizeof(Block);
    left_ = size;
  }
  char* at = free_;
  if (!text.empty()) std::memcpy(at, text.data(), text.size());
  at[text.size()] = '\0';
  free_ += need;
  left_ -= need;
  recent_[next_recent_] = {at, text.size()};
  next_recent_ = (next_recent_ + 1) % recent_count;
  return {at, text.size()};
}

}  // namespace scn
