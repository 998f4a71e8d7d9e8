// The mirror's lowering (check::CheckOptions::mirror; lower_mirror.cpp the example values,
// lower_mirror_rows.cpp the rows): a played party sends what the rows
// describe for a UE, so each matcher becomes one value that satisfies it; what a played
// party receives is checked as the SS's rows say, except the SS's own SDP and challenges,
// which can only be checked for presence.
#pragma once

#include <optional>
#include <string>

#include <vector>

#include "lower_context.h"
#include "scn/check/checked.h"

namespace scn::ir {

// A text the ECMAScript `pattern` matches (std::regex_search), built from its shortest
// branches; nothing when the pattern uses what this cannot invert (back-references, ...)
// or the text built does not match after all.
std::optional<std::string> regex_example(const std::string& pattern);

// What a played party sends for `present` on `path`: nothing when the runtime fills the
// value itself (Via, tags, Contact, ...), else a text of the path's type.
std::optional<std::string> present_example(const check::ResolvedPath& path);

// A row of a step with the condition it applies under (lower_rows.cpp plans them).
struct Planned {
  const check::Row* row = nullptr;
  std::optional<Cond> when;  // nullopt: always
};

// ---- what a played party sends ----
// The one value sent for a row's matcher (`present`, `starts`, `one of`, `matches`).
std::optional<SendRow> mirror_send_row(const check::Row& row, const check::RowItem& item,
                                       SendRow out, const ValueScope& scope, Lowering& lowering);
// Example whole values under rows on parts (Event.package) or on the N-th value (Route[2]).
std::vector<SendRow> mirror_bases(const std::vector<Planned>& planned, Lowering& lowering);
// The credentials row for a `digest_response(...)` row, which it takes out of `planned`.
std::vector<SendRow> answer_challenge(const check::Step& step, std::vector<Planned>& planned,
                                      const ValueScope& scope, Lowering& lowering);

// ---- what a played party receives ----
// The SS's SDP or challenge: checked for presence.
bool is_ss_own(const check::RowItem& item);
// How a whole value the SS stacks params on, or a body it edits, is compared.
enum class Stacked { no, address, prefix, present };
Stacked stacked(const check::Row& row, const std::vector<Planned>& planned);
check::ResolvedPath address_of(const check::ResolvedPath& path);
// Max-Forwards and Content-Length rows of defaults: the runtime writes its own.
bool runtime_written(const check::Row& row);
// Rows under a body element another row removes apply only where it is not removed.
void drop_under_absent(std::vector<Planned>& planned);

// ---- steps that change kind (lower_mirror_steps.cpp) ----
// A relay by the party under test, expected by the played receiver: the relayed step's
// Call-ID, From, To, CSeq (and body) as its played sender sent them.
std::vector<MatchRow> relayed_identity_rows(const check::Testcase& tc, const check::Step& step);
// The media step before `index` in which the network party of the media step at `index`
// was told what to send its played party (nullptr: none, or a check came first).
const check::Step* network_media_before(const check::Testcase& tc, std::size_t index);
// Whether a later media step of the mirror judges what the network's media step at
// `index` (a send as written) makes it send.
bool judged_later(const check::Testcase& tc, std::size_t index);
// A media step seen from the other end of its stream; `heard`: the check of what the
// network sends meanwhile (the Media op of a check), if any.
std::vector<Op> mirror_media_ops(const check::Step& step, Media media,
                                 std::optional<Media> heard);

}  // namespace scn::ir
