// scn: the driver. Subcommands are parsed here and carried out in cmd_*.cpp.
#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>

#include "commands.h"
#include "scn/support/suggest.hpp"

namespace {

// What is wrong with a first argument that names no command, or nothing. CLI11 would
// take it for a stray positional and only say that a subcommand is required.
std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  const std::string word = argv[1];
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands({})) {
    if (command->check_name(word)) return std::nullopt;
    names.push_back(command->get_name());
  }
  std::string message = "scn: unknown command '" + word + "'";
  if (auto close = scn::support::suggest(word, std::span<const std::string>(names)))
    return message + "; did you mean '" + *close + "'?\n";
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
  return message + " (commands: " + list + ")\n";
}

// "--ue=" with nothing after '=': CLI11 would take the arguments after it as the value
// ("--ue= --bind H:P" ran with --bind eaten, on the default address), so it is an error.
std::optional<std::string> empty_inline_value(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg.size() > 3 && arg.starts_with("--") && arg.find('=') == arg.size() - 1)
      return "scn: " + std::string(arg.substr(0, arg.size() - 1)) + ": empty value\n";
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"scn: SIP conformance test scenarios, compiled"};
  app.require_subcommand(1);

  std::vector<std::string> check_files;
  CLI::App* check = app.add_subcommand("check", "Parse and check files; diagnostics on stderr");
  check->add_option("FILE", check_files, "scenario files")->required();
  bool check_mirror = false, emit_mirror = false, build_mirror = false;
  check->add_flag("--mirror", check_mirror, scn::driver::mirror_help);

  std::string stage;
  std::string emit_file;
  CLI::App* emit = app.add_subcommand("emit", "Print one compilation stage (ast, ir, llvm)");
  emit->add_option("STAGE", stage, "ast, ir or llvm")
      ->required()
      ->check(CLI::IsMember({"ast", "ir", "llvm"}));
  emit->add_option("FILE", emit_file, "scenario file")->required();
  emit->add_flag("--mirror", emit_mirror, scn::driver::mirror_help);

  std::string list_file;
  CLI::App* list = app.add_subcommand("list", "List the test cases and their steps");
  list->add_option("FILE", list_file, "scenario file")->required();

  std::string run_file;
  scn::driver::RunArgs run_args;
  CLI::App* run = app.add_subcommand("run", "Compile in memory (LLVM ORC JIT) and run as the SS");
  run->add_option("FILE", run_file, "scenario file")->required();
  scn::driver::add_run_options(*run, run_args);
  scn::driver::add_repeat_option(*run, run_args);
  run->add_flag("--mirror", run_args.mirror, scn::driver::mirror_help);
  scn::driver::add_load_options(*run, run_args);

  std::string build_file, build_output;
  CLI::App* build = app.add_subcommand("build", "Compile to a standalone executable");
  build->add_option("FILE", build_file, "scenario file")->required();
  build->add_option("-o,--output", build_output, "the executable to write")->required();
  build->add_flag("--mirror", build_mirror, scn::driver::mirror_help);

  std::string repl_file;
  scn::driver::RunArgs repl_args;
  bool repl_echo = false;
  CLI::App* repl = app.add_subcommand("repl", "Step through a test case against a UE, interactively");
  repl->add_option("FILE", repl_file, "scenario file (or 'load FILE' in the session)");
  scn::driver::add_run_options(*repl, repl_args);
  repl->add_flag("--echo", repl_echo, "print each command read from a pipe or file after '> '");

  scn::driver::TestArgs test_args;
  CLI::App* test = app.add_subcommand(
      "test", "Run many test cases (files, directories), each in its own process, with a summary");
  scn::driver::add_test_options(*test, test_args);

  scn::driver::MergeArgs merge_args;
  CLI::App* merge = app.add_subcommand("merge", "Merge the reports of scn test shards");
  scn::driver::add_merge_options(*merge, merge_args);
  std::string doc_format = "md", doc_output, doc_module = "ts34229.annex_a";
  CLI::App* doc = app.add_subcommand("doc", "Catalogue of a stdlib module's defaults and procedures");
  doc->add_option("--format", doc_format, "md or html")->check(CLI::IsMember({"md", "html"}));
  doc->add_option("-o,--output", doc_output, "the file to write (default: stdout)");
  doc->add_option("MODULE", doc_module, "module name or .scn file (default: ts34229.annex_a)");

  for (auto problem : {unknown_command(app, argc, argv), empty_inline_value(argc, argv)}) {
    if (!problem) continue;
    std::cerr << *problem << "Run with --help for more information.\n";
    return scn::driver::exit_unusable;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return scn::driver::exit_unusable;
  }

  if (check->parsed()) return scn::driver::check(check_files, check_mirror);
  if (emit->parsed()) return scn::driver::emit(stage, emit_file, emit_mirror);
  if (list->parsed()) return scn::driver::list(list_file);
  if (run->parsed()) return scn::driver::run(run_file, run_args);
  if (build->parsed()) return scn::driver::build(build_file, build_output, build_mirror);
  if (repl->parsed()) return scn::driver::repl(repl_file, repl_args, repl_echo);
  if (test->parsed()) return scn::driver::test(test_args);
  if (merge->parsed()) return scn::driver::merge(merge_args);
  if (doc->parsed()) return scn::driver::doc(doc_format, doc_output, doc_module);
  return scn::driver::exit_unusable;
}
