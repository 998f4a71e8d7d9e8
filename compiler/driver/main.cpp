// scn: the driver. Subcommands are parsed here and carried out in cmd_*.cpp.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"scn: SIP conformance test scenarios, compiled"};
  app.require_subcommand(1);

  std::vector<std::string> check_files;
  CLI::App* check = app.add_subcommand("check", "Parse and check files; diagnostics on stderr");
  check->add_option("FILE", check_files, "scenario files")->required();

  std::string stage;
  std::string emit_file;
  CLI::App* emit = app.add_subcommand("emit", "Print one compilation stage (ast, ir, llvm)");
  emit->add_option("STAGE", stage, "ast, ir or llvm")
      ->required()
      ->check(CLI::IsMember({"ast", "ir", "llvm"}));
  emit->add_option("FILE", emit_file, "scenario file")->required();

  std::string list_file;
  CLI::App* list = app.add_subcommand("list", "List the test cases and their steps");
  list->add_option("FILE", list_file, "scenario file")->required();

  std::string run_file;
  scn::driver::RunArgs run_args;
  CLI::App* run = app.add_subcommand("run", "Compile in memory (LLVM ORC JIT) and run as the SS");
  run->add_option("FILE", run_file, "scenario file")->required();
  scn::driver::add_run_options(*run, run_args);
  scn::driver::add_repeat_option(*run, run_args);

  std::string build_file, build_output;
  CLI::App* build = app.add_subcommand("build", "Compile to a standalone executable");
  build->add_option("FILE", build_file, "scenario file")->required();
  build->add_option("-o,--output", build_output, "the executable to write")->required();

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

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return scn::driver::exit_unusable;
  }

  if (check->parsed()) return scn::driver::check(check_files);
  if (emit->parsed()) return scn::driver::emit(stage, emit_file);
  if (list->parsed()) return scn::driver::list(list_file);
  if (run->parsed()) return scn::driver::run(run_file, run_args);
  if (build->parsed()) return scn::driver::build(build_file, build_output);
  if (repl->parsed()) return scn::driver::repl(repl_file, repl_args, repl_echo);
  if (test->parsed()) return scn::driver::test(test_args);
  if (merge->parsed()) return scn::driver::merge(merge_args);
  if (doc->parsed()) return scn::driver::doc(doc_format, doc_output, doc_module);
  return scn::driver::exit_unusable;
}
