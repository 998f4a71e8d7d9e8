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

// The party under test of the step in scope: its sender or its receiver.
std::size_t ue_of(const ValueScope& scope) {
  const check::Step& step = scope.testcase->steps[scope.step];
  return step.direction == check::Direction::ue_to_ss ? step.from : step.to;
}

// The latest step before `scope.step` in `dialog` that a played party sent to the UE of
// the step in scope, for which `fits` holds. In a dialog relayed between two UEs each UE
// sees only what was sent to it: UE2's remote target is the Contact relayed to UE2.
template <typename Fits>
const check::Step* latest_ss_step(const ValueScope& scope, std::size_t dialog, Fits fits) {
  const std::size_t ue = ue_of(scope);
  for (std::size_t i = scope.step; i-- > 0;) {
    const check::Step& s = scope.testcase->steps[i];
    if (s.dialog == dialog && s.direction == check::Direction::ss_to_ue && s.to == ue && fits(s))
      return &s;
  }
  return nullptr;
}

Path header_path(const char* header, Part part = Part::whole) {
  Path p;
  p.header = header;
  p.part = part;
  return p;
}

// Whether a step runs whenever the steps around it run: not under `when`, not in an
// optional window, not in a branch of `either`.
bool always_runs(const check::Step& step) {
  return !step.when && !step.window && !step.group;
}

// Whether the message of a step that carries a Contact has one at run time: the SS fills
// the Contact of its target refresh requests and every forwarded request has its own
// (RFC 3261 12.2.1.1), as has a 2xx to INVITE (13.3.1.4); a 202 to an in-dialog REFER or
// a 200 to a NOTIFY may have none (RFC 6665 leaves it out in practice), so an earlier
// target is still needed behind it.
bool surely_has_contact(const check::Step& step) {
  return step.is_request || step.method == "INVITE";
}

Value ss_contact(const check::DialogFieldValue& field, const ValueScope& scope,
                 const check::SourceLoc& loc, Lowering& lowering) {
  if (auto contact = latest_contact(scope, field.dialog, header_path("Contact", Part::addr_spec)))
    return std::move(*contact);
  lowering.warning(loc, "the UE's remote target is the SS's Contact, and no earlier SS "
                        "message of this dialog carries one: compared with an empty value");
  return Value{Const{}};
}

// The request that created `dialog` for `ue`: the first request step of the dialog the
// UE sent or received (in a relayed dialog, UE2's is the request relayed to it), if it
// may create one.
std::optional<std::size_t> creating_request(const check::Testcase& tc, std::size_t dialog,
                                            std::size_t ue) {
  for (std::size_t i = 0; i < tc.steps.size(); ++i) {
    const check::Step& s = tc.steps[i];
    // A registration is never part of a dialog (RFC 3261 10.2): a preamble's REGISTER
    // does not decide whether the implicit dialog was created.
    if (s.method == "REGISTER") continue;
    if (s.dialog == dialog && s.is_request && (s.from == ue || s.to == ue))
      return creates_dialog(s.method) ? std::optional(i) : std::nullopt;
  }
  return std::nullopt;
}

// RFC 3261 12.1: a UAC's route set is the Record-Route of the response, reversed; a
// UAS's is the Record-Route of the request, in order.
Value ue_route_set(const check::DialogFieldValue& field, const ValueScope& scope) {
  auto creator = creating_request(*scope.testcase, field.dialog, ue_of(scope));
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

std::optional<Value> latest_contact(const ValueScope& scope, std::size_t dialog,
                                    const Path& path) {
  // The latest SS message to the UE with a Contact, and earlier ones in case it did not
  // run or carried none.
  std::vector<Value> candidates;
  const std::size_t ue = ue_of(scope);
  for (std::size_t i = scope.step; i-- > 0;) {
    const check::Step& s = scope.testcase->steps[i];
    if (s.dialog != dialog || s.direction != check::Direction::ss_to_ue || s.to != ue ||
        !carries_contact(s))
      continue;
    candidates.push_back(Value{StepFieldRef{s.label, path}});
    if (always_runs(s) && surely_has_contact(s)) break;
  }
  if (candidates.empty()) return std::nullopt;
  if (candidates.size() == 1) return std::move(candidates.front());
  return Value{FirstOf{std::move(candidates)}};
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
