// The functions of scn_rt.h that generated code calls, declared from their prototypes,
// and the scn_rt.h values of the enumerations the IR shares with the checker.
#include <cstring>

#include "abi.h"

namespace scn::codegen {

AbiFunctions::AbiFunctions(llvm::Module& m, const AbiTypes& t) {
  step_begin = SCN_ABI_DECLARE(m, t, scn_step_begin);
  out_request = SCN_ABI_DECLARE(m, t, scn_out_request);
  out_response = SCN_ABI_DECLARE(m, t, scn_out_response);
  out_rows = SCN_ABI_DECLARE(m, t, scn_out_rows);
  out_set = SCN_ABI_DECLARE(m, t, scn_out_set);
  out_add = SCN_ABI_DECLARE(m, t, scn_out_add);
  out_remove = SCN_ABI_DECLARE(m, t, scn_out_remove);
  out_present = SCN_ABI_DECLARE(m, t, scn_out_present);
  out_relay = SCN_ABI_DECLARE(m, t, scn_out_relay);
  send = SCN_ABI_DECLARE(m, t, scn_send);
  expect = SCN_ABI_DECLARE(m, t, scn_expect);
  expect_first = SCN_ABI_DECLARE(m, t, scn_expect_first);
  expect_each = SCN_ABI_DECLARE(m, t, scn_expect_each);
  act = SCN_ABI_DECLARE(m, t, scn_act);
  param = SCN_ABI_DECLARE(m, t, scn_param);
  stored = SCN_ABI_DECLARE(m, t, scn_stored);
  step_field = SCN_ABI_DECLARE(m, t, scn_step_field);
  dialog_field = SCN_ABI_DECLARE(m, t, scn_dialog_field);
  ss_address = SCN_ABI_DECLARE(m, t, scn_ss_address);
  party_address = SCN_ABI_DECLARE(m, t, scn_party_address);
  concat = SCN_ABI_DECLARE(m, t, scn_concat);
  list_reverse = SCN_ABI_DECLARE(m, t, scn_list_reverse);
  subscribed = SCN_ABI_DECLARE(m, t, scn_subscribed);
  condition = SCN_ABI_DECLARE(m, t, scn_condition);
  auth_challenge = SCN_ABI_DECLARE(m, t, scn_auth_challenge);
  auth_credentials = SCN_ABI_DECLARE(m, t, scn_auth_credentials);
  media = SCN_ABI_DECLARE(m, t, scn_media);
  sdp = SCN_ABI_DECLARE(m, t, scn_sdp);
  wait = SCN_ABI_DECLARE(m, t, scn_wait);
  rt_main = SCN_ABI_DECLARE(m, t, scn_rt_main);
  strcmp = abi::declare<decltype(std::strcmp)>(m, t, "strcmp");
  entry = abi::Prototype<std::remove_pointer_t<decltype(scn_testcase::entry)>>::type(t);
}

int abi_value(ir::Direction direction) {
  switch (direction) {
    case ir::Direction::ss_to_ue: return SCN_SS_TO_UE;
    case ir::Direction::ue_to_ss: return SCN_UE_TO_SS;
  }
  return SCN_UE_TO_SS;
}

int abi_value(ir::StepKind kind) {
  switch (kind) {
    case ir::StepKind::message: return SCN_STEP_MESSAGE;
    case ir::StepKind::action: return SCN_STEP_ACTION;
    case ir::StepKind::media: return SCN_STEP_MEDIA;
    case ir::StepKind::wait: return SCN_STEP_WAIT;
  }
  return SCN_STEP_MESSAGE;
}

int abi_value(ir::DialogField field) {
  switch (field) {
    case ir::DialogField::call_id: return SCN_DIALOG_CALL_ID;
    case ir::DialogField::local_tag: return SCN_DIALOG_LOCAL_TAG;
    case ir::DialogField::remote_tag: return SCN_DIALOG_REMOTE_TAG;
    case ir::DialogField::local_uri: return SCN_DIALOG_LOCAL_URI;
    case ir::DialogField::remote_uri: return SCN_DIALOG_REMOTE_URI;
    case ir::DialogField::remote_target: return SCN_DIALOG_REMOTE_TARGET;
    case ir::DialogField::route_set: return SCN_DIALOG_ROUTE_SET;
    case ir::DialogField::local_cseq: return SCN_DIALOG_LOCAL_CSEQ;
    case ir::DialogField::remote_cseq: return SCN_DIALOG_REMOTE_CSEQ;
  }
  return SCN_DIALOG_CALL_ID;
}

}  // namespace scn::codegen
