// Load statistics: counters, the response-time histogram, interval rows, the summary.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "load/load.h"

namespace scn::load {

namespace {

constexpr std::size_t per_octave = 16;

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

// --- Histogram ---

void Histogram::add(Clock::duration time) {
  const double us = std::max(1.0, std::chrono::duration<double, std::micro>(time).count());
  const double position = std::log2(us) * per_octave;
  const std::size_t bucket = std::min<std::size_t>(static_cast<std::size_t>(position),
                                                   bucket_count - 1);
  ++buckets_[bucket];
  ++total_;
}

void Histogram::merge(const Histogram& other) {
  for (std::size_t i = 0; i < bucket_count; ++i) buckets_[i] += other.buckets_[i];
  total_ += other.total_;
}

double Histogram::bucket_floor_us(std::size_t bucket) {
  return std::exp2(static_cast<double>(bucket) / per_octave);
}

// The upper bound of the bucket holding the fraction's rank: never below the truth.
double Histogram::percentile_ms(double fraction) const {
  if (total_ == 0) return 0;
  const auto rank = static_cast<std::uint64_t>(std::ceil(fraction * static_cast<double>(total_)));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < bucket_count; ++i) {
    seen += buckets_[i];
    if (seen >= std::max<std::uint64_t>(rank, 1)) return bucket_floor_us(i + 1) / 1000.0;
  }
  return bucket_floor_us(bucket_count) / 1000.0;
}

std::vector<std::pair<std::size_t, std::uint64_t>> Histogram::non_empty() const {
  std::vector<std::pair<std::size_t, std::uint64_t>> out;
  for (std::size_t i = 0; i < bucket_count; ++i)
    if (buckets_[i]) out.emplace_back(i, buckets_[i]);
  return out;
}

void Histogram::clear() {
  std::fill(buckets_.begin(), buckets_.end(), 0);
  total_ = 0;
}

// --- Stats ---

void Stats::started() {
  std::lock_guard lock(mutex_);
  if (!first_started_) first_started_ = Clock::now();
  ++started_;
}

void Stats::ended(Outcome outcome, const std::string& reason,
                  std::optional<Clock::duration> time) {
  std::lock_guard lock(mutex_);
  ++outcomes_[static_cast<std::size_t>(outcome)];
  if (time) {
    all_.add(*time);
    interval_.add(*time);
  }
  if (outcome != Outcome::Pass) {
    ++reasons_[reason];
    ++interval_reasons_[reason];
  }
}

std::uint64_t Stats::count(Outcome outcome) const {
  std::lock_guard lock(mutex_);
  return outcomes_[static_cast<std::size_t>(outcome)];
}

std::uint64_t Stats::active() const {
  std::lock_guard lock(mutex_);
  const std::uint64_t ended = outcomes_[0] + outcomes_[1] + outcomes_[2] + outcomes_[3];
  const std::uint64_t started = started_;
  return started > ended ? started - ended : 0;
}

Stats::Row Stats::next_row(Clock::time_point now) {
  Row row;
  const std::uint64_t started = started_;
  std::lock_guard lock(mutex_);
  row.time_s = std::chrono::duration<double>(now - start_).count();
  row.started = started;
  row.passed = outcomes_[static_cast<std::size_t>(Outcome::Pass)];
  row.failed = outcomes_[static_cast<std::size_t>(Outcome::Fail)];
  row.inconc = outcomes_[static_cast<std::size_t>(Outcome::Inconc)];
  row.error = outcomes_[static_cast<std::size_t>(Outcome::Error)];
  const std::uint64_t ended = row.passed + row.failed + row.inconc + row.error;
  row.active = started > ended ? started - ended : 0;
  row.rejected = rejected_;
  row.strays = strays_ + late_;
  const double seconds = std::chrono::duration<double>(now - last_row_).count();
  row.rate = seconds > 0 ? static_cast<double>(started - started_at_last_row_) / seconds : 0;
  row.p50_ms = interval_.percentile_ms(0.5);
  row.p90_ms = interval_.percentile_ms(0.9);
  row.p99_ms = interval_.percentile_ms(0.99);
  row.histogram = interval_;
  row.reasons.swap(interval_reasons_);
  interval_.clear();
  last_row_ = now;
  started_at_last_row_ = started;
  return row;
}

Outcome Stats::worst() const {
  std::lock_guard lock(mutex_);
  for (Outcome outcome : {Outcome::Error, Outcome::Fail, Outcome::Inconc})
    if (outcomes_[static_cast<std::size_t>(outcome)]) return outcome;
  return Outcome::Pass;
}

std::vector<std::string> Stats::summary(Clock::time_point now, std::size_t top) const {
  std::lock_guard lock(mutex_);
  const double seconds =
      std::chrono::duration<double>(now - first_started_.value_or(now)).count();
  const std::uint64_t started = started_;
  auto n = [&](Outcome o) { return std::to_string(outcomes_[static_cast<std::size_t>(o)]); };
  std::vector<std::string> lines;
  lines.push_back("load: " + std::to_string(started) + " started, " + n(Outcome::Pass) +
                  " passed, " + n(Outcome::Fail) + " failed, " + n(Outcome::Inconc) +
                  " inconc, " + n(Outcome::Error) + " error in " + fixed(seconds, 1) + " s (" +
                  fixed(seconds > 0 ? static_cast<double>(started) / seconds : 0, 1) +
                  " calls/s); response time p50 " + fixed(all_.percentile_ms(0.5), 1) +
                  " ms, p90 " + fixed(all_.percentile_ms(0.9), 1) + " ms, p99 " +
                  fixed(all_.percentile_ms(0.99), 1) + " ms");
  if (rejected_ || strays_ || late_)
    lines.push_back("load: " + std::to_string(rejected_) + " new calls answered 503, " +
                    std::to_string(strays_) + " messages for no call, " +
                    std::to_string(late_) + " for calls that had ended");
  if (tcp_refused_ || tcp_timeouts_ || tcp_unframed_)
    lines.push_back("load: TCP connections closed: " + std::to_string(tcp_refused_) +
                    " beyond the inbound cap, " + std::to_string(tcp_timeouts_) +
                    " without a whole message in time, " + std::to_string(tcp_unframed_) +
                    " whose stream could not be framed");
  std::vector<std::pair<std::uint64_t, std::string>> ranked;
  for (const auto& [reason, count] : reasons_) ranked.emplace_back(count, reason);
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < ranked.size() && i < top; ++i)
    lines.push_back("  " + std::to_string(ranked[i].first) + " x " + ranked[i].second);
  return lines;
}

// --- rows ---

std::string csv_header() {
  return "time_s,started,passed,failed,inconc,error,active,rejected,strays,rate,p50_ms,p90_ms,"
         "p99_ms";
}

std::string csv_row(const Stats::Row& row) {
  return fixed(row.time_s, 3) + "," + std::to_string(row.started) + "," +
         std::to_string(row.passed) + "," + std::to_string(row.failed) + "," +
         std::to_string(row.inconc) + "," + std::to_string(row.error) + "," +
         std::to_string(row.active) + "," + std::to_string(row.rejected) + "," +
         std::to_string(row.strays) + "," + fixed(row.rate, 2) + "," + fixed(row.p50_ms, 3) +
         "," + fixed(row.p90_ms, 3) + "," + fixed(row.p99_ms, 3);
}

// The histogram as {"bucket": count} with its rule, so that rows of several processes
// merge exactly (docs/load.md).
std::string json_row(const Stats::Row& row) {
  std::string out = "{\"time_s\":" + fixed(row.time_s, 3) +
                    ",\"started\":" + std::to_string(row.started) +
                    ",\"passed\":" + std::to_string(row.passed) +
                    ",\"failed\":" + std::to_string(row.failed) +
                    ",\"inconc\":" + std::to_string(row.inconc) +
                    ",\"error\":" + std::to_string(row.error) +
                    ",\"active\":" + std::to_string(row.active) +
                    ",\"rejected\":" + std::to_string(row.rejected) +
                    ",\"strays\":" + std::to_string(row.strays) + ",\"rate\":" + fixed(row.rate, 2) +
                    ",\"p50_ms\":" + fixed(row.p50_ms, 3) + ",\"p90_ms\":" + fixed(row.p90_ms, 3) +
                    ",\"p99_ms\":" + fixed(row.p99_ms, 3) +
                    ",\"histogram\":{\"buckets_per_octave\":16,\"unit\":\"us\",\"counts\":{";
  bool first = true;
  for (const auto& [bucket, count] : row.histogram.non_empty()) {
    out += (first ? "\"" : ",\"") + std::to_string(bucket) + "\":" + std::to_string(count);
    first = false;
  }
  out += "}},\"reasons\":{";
  first = true;
  for (const auto& [reason, count] : row.reasons) {
    out += (first ? "" : ",") + json_string(reason) + ":" + std::to_string(count);
    first = false;
  }
  return out + "}}";
}

std::string live_text(const Stats::Row& row) {
  return fixed(row.time_s, 1) + " s  " + std::to_string(row.started) + " started  " +
         std::to_string(row.passed) + " passed  " + std::to_string(row.failed) + " failed  " +
         std::to_string(row.inconc) + " inconc  " + std::to_string(row.error) + " error  " +
         std::to_string(row.active) + " active  " + fixed(row.rate, 1) + " calls/s  p50 " +
         fixed(row.p50_ms, 1) + " ms  p99 " + fixed(row.p99_ms, 1) + " ms";
}

}  // namespace scn::load
