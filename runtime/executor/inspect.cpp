// Executor: what an interactive session shows between steps (stored values, dialogs,
// the last messages each way) and the idle loop while the user types.
#include <algorithm>
#include <utility>

#include "executor/executor.h"

namespace scn {

namespace {

std::string cseq_text(std::uint32_t local, std::optional<std::uint32_t> remote) {
  return (local ? std::to_string(local) : "-") + "/" +
         (remote ? std::to_string(*remote) : "-");
}

// The first dialog without a name is the implicit one; later unnamed ones lost their
// name to a newer dialog.
std::string dialog_label(const sip::Dialog& dialog, std::size_t index) {
  if (!dialog.name().empty()) return dialog.name();
  return index == 0 ? "(default)" : "(unnamed)";
}

std::string dialog_line(const sip::Dialog& d, std::size_t index) {
  std::string route;
  for (const std::string& entry : d.route_set()) route += (route.empty() ? "" : ",") + entry;
  return dialog_label(d, index) + " " + std::string(sip::to_string(d.state())) +
         " call-id=" + d.call_id() + " local-tag=" + d.local_tag() +
         " remote-tag=" + d.remote_tag() + " target=" + d.remote_target() + " route=" + route +
         " cseq=" + cseq_text(d.local_cseq(), d.remote_cseq()) + "\n";
}

}  // namespace

std::string Executor::stored_text() const {
  std::vector<std::pair<std::string, std::string>> sorted(stored_.begin(), stored_.end());
  std::sort(sorted.begin(), sorted.end());
  std::string text;
  for (const auto& [slot, value] : sorted) text += slot + " = " + value + "\n";
  return text;
}

std::string Executor::dialogs_text() const {
  std::string text;
  for (std::size_t i = 0; i < dialogs_.size(); ++i) text += dialog_line(dialogs_.at(i), i);
  return text;
}

const std::string* Executor::last_message(Direction direction) const {
  const auto& entries = trace_.entries();
  for (auto it = entries.rbegin(); it != entries.rend(); ++it)
    if (it->direction == direction && it->note != "retransmission" &&
        !it->note.ends_with("ignored"))
      return &it->raw;
  return nullptr;
}

std::string Executor::last_field(Direction direction, const sip::Path& path) const {
  const std::string* raw = last_message(direction);
  if (!raw) return {};
  auto message = sip::parse(*raw);
  return message ? field_text(*message, path) : std::string();
}

bool Executor::idle_until_readable(int fd) {
  bool readable = false;
  const WatchId watch = loop_.watch(fd, io_readable, [&readable](unsigned) { readable = true; });
  if (watch == 0) return false;
  // Unwatched on every way out: the callback refers to this frame.
  struct Unwatch {
    Loop& loop;
    WatchId id;
    ~Unwatch() { loop.unwatch(id); }
  } unwatch{loop_, watch};
  // Long waits are fine: the descriptor wakes the loop as soon as it is readable.
  while (!readable) loop_.run_once(60 * 1000);
  return true;
}

}  // namespace scn
