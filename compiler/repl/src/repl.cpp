// run_session: load a file (again after `load FILE`), compile it once into the session
// JIT and hand it to a Session.
#include <iostream>

#include "scn/codegen/codegen.h"
#include "scn/diag/render.h"
#include "session_impl.h"

namespace scn::repl {

namespace {

struct Compiled {
  std::unique_ptr<Session> session;
  int failure = 0;  // exit code when there is no session
};

Compiled compile(const ReplOptions& options, const std::string& file) {
  std::vector<diag::Diagnostic> diagnostics;
  std::optional<LoadedProgram> loaded = load_program(file, options.stdlib_root, diagnostics);
  for (const diag::Diagnostic& d : diagnostics) std::cout << diag::render(d);
  if (!loaded) {
    say(diagnostics.empty() ? "cannot read " + file : "cannot load " + file);
    return {nullptr, 3};
  }
  codegen::Module module = codegen::generate(loaded->ir);
  if (std::string why = module.verify(); !why.empty()) {
    say("internal error: the generated code does not verify: " + why);
    return {nullptr, 3};
  }
  std::string error;
  std::unique_ptr<jit::SessionJit> jit = jit::SessionJit::create(std::move(module), error);
  const scn_program* program = jit ? jit->program(error) : nullptr;
  if (!program) {
    say("JIT: " + error);
    return {nullptr, 3};
  }
  say("loaded " + file);
  return {std::make_unique<Session>(options, std::move(*loaded), std::move(jit), program), 0};
}

// Before any file is loaded only `load`, `help` and `quit` mean something.
std::optional<std::string> wait_for_load(LineReader& reader, bool echo) {
  while (std::optional<std::string> line = reader.read("scn> ")) {
    if (echo && !reader.interactive()) say("> " + *line);
    Command command = parse_command(*line);
    if (auto* load = std::get_if<Load>(&command)) return load->file;
    if (auto* move = std::get_if<Move>(&command); move && move->flow == Flow::quit) break;
    if (auto* mistake = std::get_if<Mistake>(&command)) say(mistake->message);
    else if (!std::holds_alternative<Empty>(command)) say("no file loaded: 'load FILE' first");
  }
  return std::nullopt;
}

}  // namespace

int run_session(const ReplOptions& options) {
  const Session* active = nullptr;
  LineReader reader(
      [&active](const std::string& line, const std::string& prefix) {
        return active ? active->complete(line, prefix) : std::vector<std::string>{};
      },
      "");
  std::optional<std::string> file = options.file;
  if (options.file.empty()) file = wait_for_load(reader, options.echo);
  int exit_code = 0;
  while (file) {
    Compiled compiled = compile(options, *file);
    if (!compiled.session) {
      exit_code = compiled.failure;
      file = reader.interactive() ? wait_for_load(reader, options.echo) : std::nullopt;
      continue;
    }
    active = compiled.session.get();
    file = compiled.session->loop(reader);
    exit_code = compiled.session->exit_code();
    active = nullptr;
  }
  return exit_code;
}

}  // namespace scn::repl
