// How stdout looks (console.cpp): the style of the terminal, colours, the live waiting line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "executor/verdict.h"
#include "transport/transport.h"

// How stdout is styled, decided once per run (console.cpp, detect_console_style()): on a
// terminal, flow lines carry timestamps and waits and a live line shows what a step waits
// for; colours besides, unless NO_COLOR is set and not empty. Captured output is plain.
namespace scn {

struct ConsoleStyle {
  bool terminal = false;  // timestamps, waits, the live waiting line
  bool colour = false;    // ANSI colours
};

}  // namespace scn

// Console styling (console.cpp).
namespace scn {

// The style for stdout as it is: a terminal, and NO_COLOR.
ConsoleStyle detect_console_style();
// The decision itself: colour only on a terminal and when no_color is null or empty.
ConsoleStyle console_style(bool stdout_is_terminal, const char* no_color);

enum class Tone { Pass, Fail, Inconc, Step, Dim };
// The text in the tone's colour when the style has colour, else the text as is.
std::string paint(const ConsoleStyle& style, Tone tone, std::string_view text);
// render_final_line() with its first word coloured: PASS green, FAIL/ERROR red, INCONC yellow.
std::string styled_final_line(const ConsoleStyle& style, const Verdict& verdict);
// "[  1.234]": a time since the run started.
std::string stamp_text(std::uint64_t ms);
// "(after 0.41 s)".
std::string waited_text(std::uint64_t ms);
// "steps 10-13 not run: WHY"; "step 10 not run: WHY" when last is empty or first.
std::string not_run_line(std::string_view first, std::string_view last, std::string_view why);
// "waiting for PRACK from UE (4 s left)"; seconds rounded up.
std::string waiting_line(std::string_view what, Millis left_ms);

// The live waiting line of a terminal: written in place (\r) and cleared before any
// other line is printed. Nothing at all when the style is not a terminal's.
class LiveLine {
 public:
  explicit LiveLine(ConsoleStyle style) : style_(style) {}
  void show(const std::string& text);
  void clear();
  bool shown() const { return shown_; }

 private:
  ConsoleStyle style_;
  bool shown_ = false;
};

}  // namespace scn
