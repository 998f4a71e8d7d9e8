// The structs of scn_rt.h as LLVM types, and the check that LLVM lays them out as C does.
#include "abi.h"

namespace scn::codegen {

std::string layout_mismatch(const CStruct& s, const llvm::DataLayout& layout) {
  const llvm::StructLayout* l = layout.getStructLayout(s.type);
  std::string out;
  auto differ = [&](const std::string& what, std::uint64_t in_llvm, std::size_t in_c) {
    if (in_llvm == in_c) return;
    out += (out.empty() ? "" : "; ") + what + " " + std::to_string(in_llvm) + ", in C " +
           std::to_string(in_c);
  };
  differ(std::string(s.name) + " size", l->getSizeInBytes(), s.size);
  differ(std::string(s.name) + " alignment", l->getAlignment().value(), s.align);
  for (std::size_t i = 0; i < s.members.size(); ++i)
    differ(std::string(s.name) + "." + s.members[i].name + " at", l->getElementOffset(i),
           s.members[i].offset);
  return out;
}

AbiTypes::AbiTypes(llvm::Module& module) {
  llvm::LLVMContext& c = module.getContext();
  i32 = llvm::Type::getInt32Ty(c);
  size = module.getDataLayout().getIntPtrType(c);
  ptr = llvm::PointerType::get(c, 0);
  str_pair = llvm::StructType::get(c, {ptr, size});
  auto add = [&](CStruct s) {
    structs.push_back(std::move(s));
    return structs.back().type;
  };
  const AbiTypes& t = *this;
  str = add(SCN_ABI_STRUCT(c, scn_str, SCN_ABI_FIELD(t, scn_str, ptr),
                           SCN_ABI_FIELD(t, scn_str, len)));
  party = add(SCN_ABI_STRUCT(c, scn_party, SCN_ABI_FIELD(t, scn_party, name),
                             SCN_ABI_FIELD(t, scn_party, kind),
                             SCN_ABI_FIELD(t, scn_party, description)));
  unexpected_rule = add(SCN_ABI_STRUCT(c, scn_unexpected_rule,
                                       SCN_ABI_FIELD(t, scn_unexpected_rule, what),
                                       SCN_ABI_FIELD(t, scn_unexpected_rule, method),
                                       SCN_ABI_FIELD(t, scn_unexpected_rule, status),
                                       SCN_ABI_FIELD(t, scn_unexpected_rule, reason),
                                       SCN_ABI_FIELD(t, scn_unexpected_rule, verdict),
                                       SCN_ABI_FIELD(t, scn_unexpected_rule, origin)));
  testcase = add(SCN_ABI_STRUCT(c, scn_testcase, SCN_ABI_FIELD(t, scn_testcase, name),
                                SCN_ABI_FIELD(t, scn_testcase, title),
                                SCN_ABI_FIELD(t, scn_testcase, entry),
                                SCN_ABI_FIELD(t, scn_testcase, parties),
                                SCN_ABI_FIELD(t, scn_testcase, party_count),
                                SCN_ABI_FIELD(t, scn_testcase, steps),
                                SCN_ABI_FIELD(t, scn_testcase, step_count),
                                SCN_ABI_FIELD(t, scn_testcase, unexpected),
                                SCN_ABI_FIELD(t, scn_testcase, unexpected_count)));
  param_def = add(SCN_ABI_STRUCT(c, scn_param_def, SCN_ABI_FIELD(t, scn_param_def, name),
                                 SCN_ABI_FIELD(t, scn_param_def, default_value),
                                 SCN_ABI_FIELD(t, scn_param_def, description)));
  condition_def = add(SCN_ABI_STRUCT(c, scn_condition_def,
                                     SCN_ABI_FIELD(t, scn_condition_def, name),
                                     SCN_ABI_FIELD(t, scn_condition_def, default_value),
                                     SCN_ABI_FIELD(t, scn_condition_def, description)));
  program = add(SCN_ABI_STRUCT(
      c, scn_program, SCN_ABI_FIELD(t, scn_program, abi_version),
      SCN_ABI_FIELD(t, scn_program, name), SCN_ABI_FIELD(t, scn_program, testcases),
      SCN_ABI_FIELD(t, scn_program, testcase_count), SCN_ABI_FIELD(t, scn_program, params),
      SCN_ABI_FIELD(t, scn_program, param_count), SCN_ABI_FIELD(t, scn_program, conditions),
      SCN_ABI_FIELD(t, scn_program, condition_count)));
  add(SCN_ABI_STRUCT(c, scn_setting, SCN_ABI_FIELD(t, scn_setting, name),
                     SCN_ABI_FIELD(t, scn_setting, value)));
  add(SCN_ABI_STRUCT(c, scn_party_option, SCN_ABI_FIELD(t, scn_party_option, kind),
                     SCN_ABI_FIELD(t, scn_party_option, party),
                     SCN_ABI_FIELD(t, scn_party_option, value)));
  add(SCN_ABI_STRUCT(
      c, scn_run_config, SCN_ABI_FIELD(t, scn_run_config, testcase),
      SCN_ABI_FIELD(t, scn_run_config, bind), SCN_ABI_FIELD(t, scn_run_config, ue),
      SCN_ABI_FIELD(t, scn_run_config, transport), SCN_ABI_FIELD(t, scn_run_config, settings),
      SCN_ABI_FIELD(t, scn_run_config, setting_count),
      SCN_ABI_FIELD(t, scn_run_config, timeout_ms),
      SCN_ABI_FIELD(t, scn_run_config, trace_file),
      SCN_ABI_FIELD(t, scn_run_config, junit_file), SCN_ABI_FIELD(t, scn_run_config, quiet),
      SCN_ABI_FIELD(t, scn_run_config, linger_ms),
      SCN_ABI_FIELD(t, scn_run_config, party_options),
      SCN_ABI_FIELD(t, scn_run_config, party_option_count),
      SCN_ABI_FIELD(t, scn_run_config, pcap_file), SCN_ABI_FIELD(t, scn_run_config, json_file),
      SCN_ABI_FIELD(t, scn_run_config, html_file),
      SCN_ABI_FIELD(t, scn_run_config, log_level), SCN_ABI_FIELD(t, scn_run_config, repeat),
      SCN_ABI_FIELD(t, scn_run_config, load), SCN_ABI_FIELD(t, scn_run_config, load_calls),
      SCN_ABI_FIELD(t, scn_run_config, load_duration_ms),
      SCN_ABI_FIELD(t, scn_run_config, load_rate_mcps),
      SCN_ABI_FIELD(t, scn_run_config, load_concurrency),
      SCN_ABI_FIELD(t, scn_run_config, load_threads),
      SCN_ABI_FIELD(t, scn_run_config, load_stats_file),
      SCN_ABI_FIELD(t, scn_run_config, load_stats_interval_ms)));
  path = add(SCN_ABI_STRUCT(c, scn_path, SCN_ABI_FIELD(t, scn_path, target),
                            SCN_ABI_FIELD(t, scn_path, header), SCN_ABI_FIELD(t, scn_path, index),
                            SCN_ABI_FIELD(t, scn_path, part), SCN_ABI_FIELD(t, scn_path, name)));
  step = add(SCN_ABI_STRUCT(c, scn_step, SCN_ABI_FIELD(t, scn_step, id),
                            SCN_ABI_FIELD(t, scn_step, direction),
                            SCN_ABI_FIELD(t, scn_step, message),
                            SCN_ABI_FIELD(t, scn_step, comment),
                            SCN_ABI_FIELD(t, scn_step, dialog),
                            SCN_ABI_FIELD(t, scn_step, from), SCN_ABI_FIELD(t, scn_step, to),
                            SCN_ABI_FIELD(t, scn_step, kind),
                            SCN_ABI_FIELD(t, scn_step, window_end),
                            SCN_ABI_FIELD(t, scn_step, message_unread),
                            SCN_ABI_FIELD(t, scn_step, fields_read),
                            SCN_ABI_FIELD(t, scn_step, fields_read_count)));
  send_row = add(SCN_ABI_STRUCT(c, scn_send_row, SCN_ABI_FIELD(t, scn_send_row, path),
                                SCN_ABI_FIELD(t, scn_send_row, op),
                                SCN_ABI_FIELD(t, scn_send_row, value)));
  match_row = add(SCN_ABI_STRUCT(c, scn_match_row, SCN_ABI_FIELD(t, scn_match_row, path),
                                 SCN_ABI_FIELD(t, scn_match_row, kind),
                                 SCN_ABI_FIELD(t, scn_match_row, values),
                                 SCN_ABI_FIELD(t, scn_match_row, value_count),
                                 SCN_ABI_FIELD(t, scn_match_row, capture),
                                 SCN_ABI_FIELD(t, scn_match_row, origin)));
  match_template = add(SCN_ABI_STRUCT(c, scn_match_template,
                                      SCN_ABI_FIELD(t, scn_match_template, method),
                                      SCN_ABI_FIELD(t, scn_match_template, status),
                                      SCN_ABI_FIELD(t, scn_match_template, rows),
                                      SCN_ABI_FIELD(t, scn_match_template, row_count),
                                      SCN_ABI_FIELD(t, scn_match_template, row_on),
                                      SCN_ABI_FIELD(t, scn_match_template, row_values)));
  expect_alt = add(SCN_ABI_STRUCT(c, scn_expect_alt, SCN_ABI_FIELD(t, scn_expect_alt, step),
                                  SCN_ABI_FIELD(t, scn_expect_alt, tmpl)));
  media_check = add(SCN_ABI_STRUCT(
      c, scn_media_check, SCN_ABI_FIELD(t, scn_media_check, duration_ms),
      SCN_ABI_FIELD(t, scn_media_check, tones), SCN_ABI_FIELD(t, scn_media_check, tone_count),
      SCN_ABI_FIELD(t, scn_media_check, dtmf),
      SCN_ABI_FIELD(t, scn_media_check, max_loss_permille),
      SCN_ABI_FIELD(t, scn_media_check, max_jitter_us), SCN_ABI_FIELD(t, scn_media_check, flags)));
  for (const CStruct& s : structs) {
    const std::string why = layout_mismatch(s, module.getDataLayout());
    if (!why.empty()) mismatch += (mismatch.empty() ? "" : "; ") + why;
  }
}

}  // namespace scn::codegen
