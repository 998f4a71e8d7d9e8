// The scn_program constant (test cases, parameters with their defaults, the condition
// codes --set may withdraw) and, for built executables, main().
#include "emitter.h"
#include "scn/codegen/codegen.h"

namespace scn::codegen {

void Emitter::program(const ir::Program& program, bool with_main) {
  llvm::Constant* null = llvm::ConstantPointerNull::get(types.ptr);
  auto table = [&](llvm::StructType* type, const std::vector<llvm::Constant*>& items,
                   const char* name) -> llvm::Constant* {
    if (items.empty()) return null;
    return constant_global(
        llvm::ConstantArray::get(llvm::ArrayType::get(type, items.size()), items), name);
  };
  std::vector<llvm::Constant*> testcases;
  for (std::size_t i = 0; i < program.testcases.size(); ++i) {
    const ir::Testcase& tc = program.testcases[i];
    std::vector<llvm::Constant*> parties;
    for (const ir::PartyDef& p : tc.parties)
      parties.push_back(llvm::ConstantStruct::get(
          types.party, {cstring(p.name), i32(p.under_test ? SCN_PARTY_UNDER_TEST : SCN_PARTY_PLAYED),
                        cstring_or_null(p.description)}));
    std::vector<llvm::Constant*> unexpected;
    for (const ir::UnexpectedRule& r : tc.unexpected)
      unexpected.push_back(llvm::ConstantStruct::get(
          types.unexpected_rule,
          {i32(static_cast<int>(r.what)), cstring(r.method), i32(r.status),
           cstring_or_null(r.reason), i32(static_cast<int>(r.verdict)), cstring(r.origin)}));
    const TestcaseCode code = testcase_function(tc, i);
    testcases.push_back(llvm::ConstantStruct::get(
        types.testcase, {cstring(tc.name), cstring_or_null(tc.title), code.entry,
                         table(types.party, parties, "parties"), size(parties.size()),
                         code.steps, size(tc.steps.size()),
                         table(types.unexpected_rule, unexpected, "unexpected"),
                         size(unexpected.size())}));
  }
  std::vector<llvm::Constant*> params;
  for (const ir::ParamDef& p : program.params)
    params.push_back(llvm::ConstantStruct::get(
        types.param_def, {cstring(p.name), cstring(p.default_value), cstring_or_null(p.description)}));
  std::vector<llvm::Constant*> conditions;
  for (const ir::ConditionDef& c : program.conditions)
    conditions.push_back(llvm::ConstantStruct::get(
        types.condition_def,
        {cstring(c.name), i32(c.default_value ? 1 : 0), cstring_or_null(c.description)}));
  llvm::Constant* init = llvm::ConstantStruct::get(
      types.program,
      {i32(SCN_RT_ABI_VERSION), cstring(program.name),
       table(types.testcase, testcases, "testcases"), size(testcases.size()),
       table(types.param_def, params, "params"), size(params.size()),
       table(types.condition_def, conditions, "conditions"), size(conditions.size())});
  auto* g = new llvm::GlobalVariable(module, types.program, true,
                                     llvm::GlobalValue::ExternalLinkage, init, program_symbol);
  if (!with_main) return;
  auto* main_type = llvm::FunctionType::get(types.i32, {types.i32, types.ptr}, false);
  auto* main = llvm::Function::Create(main_type, llvm::GlobalValue::ExternalLinkage, "main", module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context, "entry", main));
  b.CreateRet(b.CreateCall(fns.rt_main, {main->getArg(0), main->getArg(1), g}));
}

}  // namespace scn::codegen
