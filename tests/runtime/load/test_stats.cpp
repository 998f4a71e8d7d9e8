// Load statistics: the histogram's percentiles, interval rows, the summary lines.
#include <doctest/doctest.h>

#include "load/load.h"

using namespace scn::load;
using std::chrono::microseconds;

TEST_CASE("load stats: percentiles lie within a bucket (6%) above the truth") {
  Histogram histogram;
  for (int i = 1; i <= 1000; ++i) histogram.add(microseconds(i * 10));  // 10 us .. 10 ms
  CHECK(histogram.count() == 1000);
  const double p50 = histogram.percentile_ms(0.5), p99 = histogram.percentile_ms(0.99);
  CHECK(p50 >= 5.0);
  CHECK(p50 <= 5.0 * 1.05);
  CHECK(p99 >= 9.9);
  CHECK(p99 <= 9.9 * 1.05);
  CHECK(Histogram().percentile_ms(0.5) == 0);
}

TEST_CASE("load stats: histograms merge by adding buckets") {
  Histogram a, b;
  a.add(microseconds(100));
  b.add(microseconds(100000));
  a.merge(b);
  CHECK(a.count() == 2);
  CHECK(a.non_empty().size() == 2);
}

TEST_CASE("load stats: rows count per interval, the summary names the reasons") {
  const auto start = Clock::now();
  Stats stats(start);
  for (int i = 0; i < 3; ++i) stats.started();
  stats.ended(Outcome::Pass, "PASS", microseconds(400));
  stats.ended(Outcome::Fail, "FAIL step 4: x", std::nullopt);
  Stats::Row row = stats.next_row(start + std::chrono::seconds(1));
  CHECK(row.started == 3);
  CHECK(row.passed == 1);
  CHECK(row.failed == 1);
  CHECK(row.active == 1);
  CHECK(row.rate == doctest::Approx(3.0));
  CHECK(row.reasons.at("FAIL step 4: x") == 1);
  CHECK(csv_row(row).starts_with("1.000,3,1,1,0,0,1,0,0,3.00,"));
  CHECK(json_row(row).find("\"reasons\":{\"FAIL step 4: x\":1}") != std::string::npos);
  CHECK(json_row(row).find("\"histogram\":{\"buckets_per_octave\":16") != std::string::npos);
  Stats::Row next = stats.next_row(start + std::chrono::seconds(2));
  CHECK(next.rate == 0);
  CHECK(next.reasons.empty());
  CHECK(next.histogram.count() == 0);
  const auto lines = stats.summary(start + std::chrono::seconds(2));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].starts_with("load: 3 started, 1 passed, 1 failed, 0 inconc, 0 error in "));
  CHECK(lines[1] == "  1 x FAIL step 4: x");
  CHECK(stats.worst() == Outcome::Fail);
}
