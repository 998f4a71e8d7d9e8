// What stdout shows beyond the plain flow: on a terminal, timestamps, waits and the live
// waiting line, and colours unless NO_COLOR asks for none (https://no-color.org). Decided
// once per run; captured output (files, pipes, tests) stays plain.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "verdict/verdict.h"

namespace scn {

namespace {

std::string_view sgr(Tone tone) {
  switch (tone) {
    case Tone::Pass: return "\033[32m";    // green
    case Tone::Fail: return "\033[31m";    // red
    case Tone::Inconc: return "\033[33m";  // yellow
    case Tone::Step: return "\033[36m";    // cyan
    case Tone::Dim: return "\033[2m";
  }
  return {};
}

Tone tone_of(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::Pass: return Tone::Pass;
    case VerdictKind::Inconc: return Tone::Inconc;
    case VerdictKind::Fail:
    case VerdictKind::Error: return Tone::Fail;
  }
  return Tone::Fail;
}

}  // namespace

ConsoleStyle console_style(bool stdout_is_terminal, const char* no_color) {
  ConsoleStyle style;
  style.terminal = stdout_is_terminal;
  style.colour = stdout_is_terminal && !(no_color && *no_color);
  return style;
}

ConsoleStyle detect_console_style() {
  return console_style(isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR"));
}

std::string paint(const ConsoleStyle& style, Tone tone, std::string_view text) {
  if (!style.colour || text.empty()) return std::string(text);
  return std::string(sgr(tone)) + std::string(text) + "\033[0m";
}

std::string styled_final_line(const ConsoleStyle& style, const Verdict& verdict) {
  const std::string line = render_final_line(verdict);
  const std::size_t word = line.find_first_of(" :");
  const std::size_t end = word == std::string::npos ? line.size() : word;
  return paint(style, tone_of(verdict.kind), line.substr(0, end)) + line.substr(end);
}

std::string stamp_text(std::uint64_t ms) {
  char stamp[40];
  std::snprintf(stamp, sizeof stamp, "[%3llu.%03llu]", static_cast<unsigned long long>(ms / 1000),
                static_cast<unsigned long long>(ms % 1000));
  return stamp;
}

std::string waited_text(std::uint64_t ms) {
  char text[48];
  std::snprintf(text, sizeof text, "(after %.2f s)", static_cast<double>(ms) / 1000.0);
  return text;
}

std::string not_run_line(std::string_view first, std::string_view last, std::string_view why) {
  const bool range = !last.empty() && last != first;
  std::string out = range ? "steps " + std::string(first) + "-" + std::string(last)
                          : "step " + std::string(first);
  return out + " not run: " + std::string(why);
}

std::string waiting_line(std::string_view what, Millis left_ms) {
  const Millis seconds = left_ms <= 0 ? 0 : (left_ms + 999) / 1000;
  return "waiting for " + std::string(what) + " (" + std::to_string(seconds) + " s left)";
}

void LiveLine::show(const std::string& text) {
  if (!style_.terminal) return;
  std::fputs(("\r\033[K" + paint(style_, Tone::Dim, text)).c_str(), stdout);
  std::fflush(stdout);
  shown_ = true;
}

void LiveLine::clear() {
  if (!shown_) return;
  std::fputs("\r\033[K", stdout);
  std::fflush(stdout);
  shown_ = false;
}

}  // namespace scn
