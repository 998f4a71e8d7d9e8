#include "program.h"

#include <algorithm>
#include <cctype>

namespace scn::repl {

namespace {

constexpr const char* kInput = "<input>";
constexpr int kFirstTypedStep = 9001;  // typed steps are numbered after any real one

// Byte offset of a 1-based line and code-point column.
std::size_t offset_of(const std::string& text, std::uint32_t line, std::uint32_t col) {
  std::size_t at = 0;
  for (std::uint32_t l = 1; l < line && at < text.size(); ++l) {
    at = text.find('\n', at);
    at = at == std::string::npos ? text.size() : at + 1;
  }
  for (std::uint32_t c = 1; c < col && at < text.size(); ++c) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  }
  return at;
}

void collect_names(const modules::Program& modules, LoadedProgram& out) {
  for (const modules::LoadedModule& m : modules.modules) {
    for (const ast::DefaultMessage& d : m.module.defaults) out.default_names.push_back(d.name);
    if (!m.root) continue;
    for (const ast::Testcase& t : m.module.testcases)
      if (t.end.known()) out.ends.push_back({t.name, offset_of(out.text, t.end.line, t.end.col)});
  }
}

bool starts_with_number(const std::string& text) {
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front()));
}

// The synthetic file: the typed steps on their own lines before the closing brace.
std::string with_typed_steps(const LoadedProgram& loaded, std::size_t brace,
                             const std::vector<std::string>& steps, std::uint32_t& first_line) {
  std::string head = loaded.text.substr(0, brace);
  first_line = 2;  // the steps start on the line after the brace's line start
  for (char c : head) first_line += c == '\n';
  std::string text = head + "\n";
  for (const std::string& step : steps) text += step + "\n";
  return text + loaded.text.substr(brace);
}

// Diagnostics of the last typed line move to <input>:1, and so do those at the closing
// brace right after it (the parser ran out of typed text: "found the end of the line").
// The others (earlier typed lines that no longer check, which should not happen) keep
// their synthetic location.
void relocate(std::vector<diag::Diagnostic>& diagnostics, const std::string& file,
              std::uint32_t typed_line, std::uint32_t prefix, const std::string& typed) {
  auto input = std::make_shared<ast::SourceFile>(ast::SourceFile{kInput, typed});
  const auto end_col = static_cast<std::uint32_t>(typed.size() + 1);
  for (diag::Diagnostic& d : diagnostics) {
    if (d.loc.path() != file) continue;
    if (d.loc.line == typed_line) {
      d.loc = {input, 1, d.loc.col > prefix ? d.loc.col - prefix : 1};
    } else if (d.loc.line == typed_line + 1 && d.loc.col == 1) {
      d.loc = {input, 1, end_col};
      if (std::size_t at = d.message.find("found '}'"); at != std::string::npos)
        d.message.replace(at, 9, "found the end of the line");
    }
  }
}

// Only the ops of the typed step (the last one of the test case) stay.
void keep_last_step(ir::Testcase& testcase) {
  const std::size_t last = testcase.steps.size() - 1;
  auto begins_last = [last](const ir::Op& op) {
    const ir::Op* first = &op;
    if (auto* when = std::get_if<ir::If>(&op.node); when && !when->ops.empty())
      first = &when->ops.front();
    auto* begin = std::get_if<ir::StepBegin>(&first->node);
    return begin && begin->step == last;
  };
  for (std::size_t i = 0; i < testcase.ops.size(); ++i)
    if (begins_last(testcase.ops[i])) {
      testcase.ops.erase(testcase.ops.begin(), testcase.ops.begin() + static_cast<long>(i));
      return;
    }
  testcase.ops.clear();
}

// The test case alone, running only its last step (the typed one).
std::optional<ir::Program> only_last_step(ir::Program program, const std::string& testcase) {
  std::erase_if(program.testcases, [&](const ir::Testcase& t) { return t.name != testcase; });
  if (program.testcases.size() != 1 || program.testcases[0].steps.empty()) return std::nullopt;
  keep_last_step(program.testcases[0]);
  return program;
}

}  // namespace

std::optional<LoadedProgram> load_program(const std::string& file, const std::string& stdlib_root,
                                          std::vector<diag::Diagnostic>& out) {
  auto pipeline = std::make_unique<pipeline::Pipeline>(pipeline::Options{stdlib_root, {}});
  pipeline::Compilation compilation = pipeline->load({file});
  // The text the file was compiled from: typed steps are inserted into it.
  const std::string* text = compilation.source(file);
  if (!text) return std::nullopt;
  const ir::LowerResult* lowered = compilation.lower();
  out = compilation.diagnostics();
  if (!lowered || !lowered->ok()) return std::nullopt;
  LoadedProgram loaded;
  loaded.file = file;
  loaded.text = *text;
  loaded.ir = lowered->program;
  loaded.schema = pipeline->schema();
  collect_names(compilation.modules(), loaded);
  loaded.pipeline = std::move(pipeline);
  return loaded;
}

TypedStep compile_typed_step(const LoadedProgram& loaded, const std::string& testcase,
                             const std::vector<std::string>& earlier, const std::string& typed) {
  TypedStep result;
  auto end = std::find_if(loaded.ends.begin(), loaded.ends.end(),
                          [&](const auto& e) { return e.name == testcase; });
  if (end == loaded.ends.end() || !loaded.pipeline) return result;
  std::string number;
  if (!starts_with_number(typed))
    number = std::to_string(kFirstTypedStep + static_cast<int>(earlier.size())) + " ";
  result.step_text = number + typed;
  std::vector<std::string> steps = earlier;
  steps.push_back("  " + result.step_text);
  std::uint32_t first_line = 0;
  std::string text = with_typed_steps(loaded, end->offset, steps, first_line);
  pipeline::Compilation compilation = loaded.pipeline->load({loaded.file}, {{loaded.file, text}});
  const check::CheckResult& checked = compilation.check();
  result.diagnostics = checked.diagnostics;
  const auto typed_line = first_line + static_cast<std::uint32_t>(earlier.size());
  relocate(result.diagnostics, loaded.file, typed_line,
           static_cast<std::uint32_t>(2 + number.size()), typed);
  const ir::LowerResult* lowered = compilation.lower();
  if (!lowered) return result;
  for (const auto& d : lowered->diagnostics) result.diagnostics.push_back(d);
  if (lowered->ok()) result.program = only_last_step(lowered->program, testcase);
  return result;
}

}  // namespace scn::repl
