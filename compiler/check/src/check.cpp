#include "scn/check/check.h"

#include <map>

#include "exprs/exprs.h"
#include "gather.h"
#include "messages/defaults.h"
#include "parties/parties.h"
#include "steps/flow.h"
#include "steps/structure.h"
#include "unexpected.h"

namespace scn::check {

namespace {

void index_params(const modules::Program& program, ProgramTables& tables,
                  CheckedProgram& out) {
  for (const auto& loaded : program.modules) {
    for (const ast::Param& p : loaded.module.params) {
      tables.param_index[&p] = out.params.size();
      Parameter param;
      param.loc = p.loc;
      param.name = p.name;
      param.value.loc = p.loc;
      if (p.description) param.description = p.description->value;
      out.params.push_back(std::move(param));
    }
  }
}

void check_params(const ast::Module& module, Env& env, CheckedProgram& out) {
  for (const ast::Param& p : module.params) {
    if (!p.value) continue;
    param_type(env, p);
    DetachedFlow flow(env, DetachedFlow::Kind::parameter);
    ExprResolver exprs(env, flow);
    if (auto typed = exprs.resolve(*p.value))
      out.params[env.tables.param_index[&p]].value = std::move(typed->value);
  }
}

void check_procedure(const ast::Procedure& proc, Env& env) {
  const std::vector<Party> parties = default_parties();
  const PartyNames names = party_names(parties);
  Flattened flat = flatten(proc.items, proc.name, names, env);
  check_numbering(flat, proc.name, env);
  check_windows(flat, names, env);
  check_groups(flat, names, env);
  check_flow(flat, FlowMode::procedure, proc.name, parties, false, env);
}

// The mirror swaps who is under test and who is played. Steps are flattened and grouped
// with the parties as written (a procedure's UE is still the test case's UE), and checked
// as flow with the parties swapped: a UE's step becomes a send, the SS's an expectation.
void mirror_parties(std::vector<Party>& parties) {
  for (Party& party : parties) party.under_test = !party.under_test;
}

Testcase check_testcase(const ast::Testcase& tc, Env& env, const CheckOptions& options) {
  if (tc.unexpected) check_unexpected(*tc.unexpected, env);
  std::vector<Party> parties = test_case_parties(tc, env);
  const PartyNames names = party_names(parties);
  Flattened flat = flatten(tc.items, "", names, env);
  check_numbering(flat, "", env);
  check_windows(flat, names, env);
  check_groups(flat, names, env);
  const bool declared = !tc.parties.empty();
  if (options.mirror) mirror_parties(parties);
  Testcase out = check_flow(flat, FlowMode::testcase, "", parties, declared, env);
  out.parties = std::move(parties);
  out.parties_declared = declared;
  out.mirrored = options.mirror;
  out.loc = tc.loc;
  out.name = tc.name;
  out.title = tc.title.value;
  return out;
}

void check_module(const modules::Program& program, std::size_t index, Env& env,
                  const CheckOptions& options, CheckResult& result) {
  const ast::Module& module = program.modules[index].module;
  check_params(module, env, result.program);
  for (const auto& d : module.defaults) check_default_decl(d, env);
  for (const auto& p : module.procedures) check_procedure(p, env);
  for (const auto& b : module.unexpected) check_unexpected(b, env);
  std::map<std::string, const ast::Testcase*> names;
  for (const auto& tc : module.testcases) {
    if (auto [it, added] = names.emplace(tc.name, &tc); !added)
      env.report.error(tc.loc, "test case " + tc.name + " is already defined at line " +
                                   std::to_string(it->second->loc.line));
    Testcase checked = check_testcase(tc, env, options);
    if (!program.modules[index].root) continue;
    checked.unexpected = unexpected_rules(tc, program, index);
    note_applied_conditions(checked, env, result.program.conditions);
    result.program.testcases.push_back(std::move(checked));
  }
}

// Parameters of a test-case file that nothing uses are probably leftovers or typos.
void report_unused(const modules::Program& program, const ProgramTables& tables,
                   Reporter& report) {
  for (const auto& loaded : program.modules) {
    if (!loaded.root || loaded.module.testcases.empty()) continue;
    for (const ast::Param& p : loaded.module.params)
      if (!tables.used_params.count(&p))
        report.warning(p.loc, "parameter " + p.name + " is never used");
  }
}

}  // namespace

CheckResult check_program(const modules::Program& program, const schema::Schema& schema,
                          const CheckOptions& options) {
  CheckResult result;
  Reporter report(result.diagnostics);
  ProgramTables tables;
  index_params(program, tables, result.program);
  gather_names(program, tables);
  for (std::size_t m = 0; m < program.modules.size(); ++m) {
    Scope scope = build_scope(program, m, report);
    Env env{schema, report, scope, tables, options.mirror};
    check_module(program, m, env, options, result);
  }
  report_unused(program, tables, report);
  diag::sort_diagnostics(result.diagnostics);
  return result;
}

}  // namespace scn::check
