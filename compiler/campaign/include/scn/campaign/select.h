// Which test cases a `scn test` command runs: the .scn files of its paths (directories
// searched recursively, in name order), a --filter over test case names, a --shard.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scn/campaign/campaign.h"

namespace scn::campaign {

// Files named as given; directories give their *.scn files, recursively, sorted. A path
// that does not exist is an error ("scn: error: no such file or directory: x").
std::vector<std::string> expand_paths(const std::vector<std::string>& paths,
                                      std::vector<std::string>& errors);

// --shard I/N: this process runs every N-th test case starting with the I-th (1-based),
// in the order of the whole campaign, so N hosts given the same command and I = 1..N
// run every test case exactly once.
struct Shard {
  unsigned index = 1;  // 1..count
  unsigned count = 1;
};
std::optional<Shard> parse_shard(const std::string& text);

// The cases kept by the filters (none: all; else any may match) and by the shard.
std::vector<CaseRef> select(const std::vector<CaseRef>& all,
                            const std::vector<std::string>& filters, const Shard& shard);

}  // namespace scn::campaign
