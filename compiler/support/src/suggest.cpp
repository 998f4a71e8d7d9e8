#include "scn/support/suggest.hpp"

#include <algorithm>
#include <utility>

#include "scn/support/text.hpp"

namespace scn::support {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows are enough for the optimal-string-alignment recurrence.
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      const bool swapped = i > 1 && j > 1 &&
                           ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) &&
                           ascii_lower(a[i - 2]) == ascii_lower(b[j - 1]);
      if (swapped) cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::size_t suggestion_limit(std::size_t name_length) noexcept {
  return std::max<std::size_t>(1, name_length / 3);
}

namespace {

struct Scored {
  std::size_t distance;
  std::size_t order;
  std::string_view text;
};

std::vector<Scored> within_limit(std::string_view name,
                                 std::span<const std::string_view> candidates) {
  std::vector<Scored> hits;
  if (name.empty()) return hits;
  const std::size_t limit = suggestion_limit(name.size());
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const std::size_t d = edit_distance(name, candidates[k]);
    // A distance as large as the name itself means nothing in common worth showing.
    if (d <= limit && d < std::max(name.size(), candidates[k].size()))
      hits.push_back({d, k, candidates[k]});
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const Scored& x, const Scored& y) { return x.distance < y.distance; });
  return hits;
}

}  // namespace

std::optional<std::string> suggest(std::string_view name,
                                   std::span<const std::string_view> candidates) {
  auto hits = within_limit(name, candidates);
  if (hits.empty()) return std::nullopt;
  return std::string(hits.front().text);
}

std::optional<std::string> suggest(std::string_view name,
                                   std::span<const std::string> candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return suggest(name, std::span<const std::string_view>(views));
}

std::vector<std::string> suggest_all(std::string_view name,
                                     std::span<const std::string_view> candidates) {
  std::vector<std::string> out;
  for (const auto& hit : within_limit(name, candidates)) out.emplace_back(hit.text);
  return out;
}

std::vector<std::string> complete(std::string_view prefix,
                                  std::span<const std::string_view> candidates) {
  std::vector<std::string> out;
  for (auto c : candidates)
    if (istarts_with(c, prefix)) out.emplace_back(c);
  return out;
}

}  // namespace scn::support
