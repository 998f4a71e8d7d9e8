// The SS's side of a dialog as the compiler sees it from the steps, and dialog fields in
// rows of UE -> SS steps are written as the UE sees the dialog: its
// local tag is the SS's remote tag, and so on. The runtime keeps the SS's view only, so
// the two fields the SS does not store (the UE's remote target = the SS's Contact, and
// the UE's route set) are read from the SS's own earlier messages in that dialog.
#include <optional>

#include "lower_context.h"
#include "scn/support/text.hpp"

namespace scn::ir {

namespace {

bool creates_dialog(const std::string& method) {
  return method == "INVITE" || method == "SUBSCRIBE" || method == "REFER";
}

// The latest SS -> UE step before `scope.step` in `dialog` for which `fits` holds.
template <typename Fits>
const check::Step* latest_ss_step(const ValueScope& scope, std::size_t dialog, Fits fits) {
  for (std::size_t i = scope.step; i-- > 0;) {
    const check::Step& s = scope.testcase->steps[i];
    if (s.dialog == dialog && s.direction == check::Direction::ss_to_ue && fits(s)) return &s;
  }
  return nullptr;
}

Path header_path(const char* header, Part part = Part::whole) {
  Path p;
  p.header = header;
  p.part = part;
  return p;
}

Value ss_contact(const check::DialogFieldValue& field, const ValueScope& scope,
                 const check::SourceLoc& loc, Lowering& lowering) {
  const check::Step* s = ss_contact_step(scope, field.dialog);
  if (!s) {
    lowering.warning(loc, "the UE's remote target is the SS's Contact, and no earlier SS "
                          "message of this dialog carries one: compared with an empty value");
    return Value{Const{}};
  }
  return Value{StepFieldRef{s->label, header_path("Contact", Part::addr_spec)}};
}

// The request that created `dialog`: its first request step, if it may create one.
std::optional<std::size_t> creating_request(const check::Testcase& tc, std::size_t dialog) {
  for (std::size_t i = 0; i < tc.steps.size(); ++i) {
    const check::Step& s = tc.steps[i];
    if (s.dialog == dialog && s.is_request)
      return creates_dialog(s.method) ? std::optional(i) : std::nullopt;
  }
  return std::nullopt;
}

// RFC 3261 12.1: a UAC's route set is the Record-Route of the response, reversed; a
// UAS's is the Record-Route of the request, in order.
Value ue_route_set(const check::DialogFieldValue& field, const ValueScope& scope) {
  auto creator = creating_request(*scope.testcase, field.dialog);
  if (!creator) return Value{Const{}};
  const check::Step& request = scope.testcase->steps[*creator];
  if (request.direction == check::Direction::ss_to_ue)
    return Value{StepFieldRef{request.label, header_path("Record-Route")}};
  const check::Step* response = latest_ss_step(scope, field.dialog, [&](const check::Step& s) {
    return !s.is_request && s.answers == creator && s.status > 100 && s.status < 300;
  });
  if (!response) return Value{Const{}};
  return Value{Reverse{{Value{StepFieldRef{response->label, header_path("Record-Route")}}}}};
}

}  // namespace

bool carries_contact(const check::Step& step) {
  // Target refresh requests (RFC 3261 12.2, RFC 6665 4.1) and the dialog-creating REFER.
  bool method_ok = false;
  for (const char* m : {"INVITE", "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER"})
    method_ok = method_ok || step.method == m;
  return method_ok && (step.is_request || (step.status > 100 && step.status < 300));
}

const check::Step* ss_contact_step(const ValueScope& scope, std::size_t dialog) {
  return latest_ss_step(scope, dialog, carries_contact);
}

Value ue_view_field(const check::DialogFieldValue& field, const ValueScope& scope,
                    const check::SourceLoc& loc, Lowering& lowering) {
  const std::string& name = scope.testcase->dialogs[field.dialog].name;
  auto ss_view = [&](ir::DialogField f) { return Value{DialogFieldRef{name, f}}; };
  switch (field.field) {
    case check::DialogField::call_id: return ss_view(ir::DialogField::call_id);
    case check::DialogField::local_tag: return ss_view(ir::DialogField::remote_tag);
    case check::DialogField::remote_tag: return ss_view(ir::DialogField::local_tag);
    case check::DialogField::local_uri: return ss_view(ir::DialogField::remote_uri);
    case check::DialogField::remote_uri: return ss_view(ir::DialogField::local_uri);
    case check::DialogField::local_cseq: return ss_view(ir::DialogField::remote_cseq);
    case check::DialogField::remote_cseq: return ss_view(ir::DialogField::local_cseq);
    case check::DialogField::remote_target: return ss_contact(field, scope, loc, lowering);
    case check::DialogField::route_set: return ue_route_set(field, scope);
  }
  return Value{Const{}};
}

}  // namespace scn::ir
