// Executor: steps and the run-time values generated code reads (parameters, stored
// values, fields of earlier messages and of dialogs).
#include "base/base.h"
#include "executor/executor.h"

namespace scn {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) {
    if (!joined.empty()) joined += ", ";
    joined += item;
  }
  return joined;
}

// The enumerator an int of the ABI names. The runtime's enums take their values from
// scn_rt.h, so the cast keeps the meaning; the switch, which -Wswitch keeps complete,
// refuses any other int.
std::optional<sip::PathTarget> target_from(int value) {
  const auto target = static_cast<sip::PathTarget>(value);
  switch (target) {
    case sip::PathTarget::RequestUri:
    case sip::PathTarget::Status:
    case sip::PathTarget::Reason:
    case sip::PathTarget::Method:
    case sip::PathTarget::Header:
    case sip::PathTarget::Body: return target;
  }
  return std::nullopt;
}

std::optional<sip::PathPart> part_from(int value) {
  const auto part = static_cast<sip::PathPart>(value);
  switch (part) {
    case sip::PathPart::Whole:
    case sip::PathPart::AddrSpec:
    case sip::PathPart::DisplayName:
    case sip::PathPart::Param:
    case sip::PathPart::UriUser:
    case sip::PathPart::UriHost:
    case sip::PathPart::UriPort:
    case sip::PathPart::UriParam:
    case sip::PathPart::Token:
    case sip::PathPart::CSeqSeq:
    case sip::PathPart::CSeqMethod:
    case sip::PathPart::RAckRSeq:
    case sip::PathPart::RAckCSeq:
    case sip::PathPart::ViaSentBy:
    case sip::PathPart::ViaTransport:
    case sip::PathPart::ViaHost:
    case sip::PathPart::ViaPort: return part;
  }
  return std::nullopt;
}

}  // namespace

Result<sip::Path> to_path(const scn_path& path) {
  auto target = target_from(path.target);
  if (!target) return make_error("unknown path target " + std::to_string(path.target));
  auto part = part_from(path.part);
  if (!part) return make_error("unknown path part " + std::to_string(path.part));
  sip::Path result;
  result.target = *target;
  result.part = *part;
  if (result.target == sip::PathTarget::Header && path.header)
    result.header = std::string(sip::canonical_header_name(path.header));
  result.index = path.index;
  // Param names compare without case; an XML path is case-sensitive (isComposing).
  if (path.name)
    result.name = result.target == sip::PathTarget::Body ? std::string(path.name)
                                                         : sip::to_lower(path.name);
  return result;
}

std::string field_text(const sip::Message& message, const sip::Path& path) {
  return sip::resolve(message, path).joined();
}

int Executor::begin_step(const scn_step& step) {
  step_ = step_info(step);
  // The steps' times are for the reports, which a silent (load) instance writes none of.
  if (!stopped() && !aborted_ && !adhoc_ && !options_.silent) {
    close_steps();
    step_log_.push_back({step_, trace_.elapsed_ms(), 0, true, false});
  }
  if (!direction_from(step.direction))
    set_error("unknown step direction " + std::to_string(step.direction));
  if (stopped() || aborted_) return SCN_STOP;
  if (hook_ && !adhoc_ && hook_(hook_user_, handle(), &step) == SCN_HOOK_ABORT) aborted_ = true;
  // The hook may have run ad hoc steps that decided a verdict.
  return stopped() || aborted_ ? SCN_STOP : SCN_OK;
}

const std::string* Executor::param(std::string_view name) const {
  auto it = settings_->params.find(std::string(name));
  return it == settings_->params.end() ? nullptr : &it->second;
}

std::optional<bool> Executor::condition(std::string_view name) const {
  auto it = settings_->conditions.find(std::string(name));
  if (it == settings_->conditions.end()) return std::nullopt;
  return it->second;
}

const std::string* Executor::stored(std::string_view slot) const {
  auto it = stored_.find(std::string(slot));
  return it == stored_.end() ? nullptr : &it->second;
}

// A silent run (a load instance: no report, no trace) keeps only the messages that a
// later step reads, and of one whose fields only are read, those fields' values (a field
// of a message that does not change reads the same now as later); every other run keeps
// all, for the REPL and for what may ask later.
void Executor::keep_step_message(const sip::Message& message) {
  if (options_.silent && step_.message_unread) return;
  if (!options_.silent || step_.fields_read.empty()) {
    step_messages_[step_.id] = message;
    return;
  }
  std::erase_if(step_fields_, [&](const KeptField& kept) { return kept.step == step_.id; });
  step_fields_.reserve(step_fields_.size() + step_.fields_read.size());  // no spare room
  for (const scn_path& read : step_.fields_read) {
    auto path = to_path(read);
    if (path) step_fields_.push_back({step_.id, &read, field_text(message, *path)});
  }
}

std::string Executor::step_field(std::string_view step_id, const sip::Path& path) const {
  auto it = step_messages_.find(std::string(step_id));
  if (it != step_messages_.end()) return field_text(it->second, path);
  for (const KeptField& kept : step_fields_) {
    if (kept.step != step_id) continue;
    auto kept_path = to_path(*kept.path);
    if (kept_path && *kept_path == path) return kept.text;
  }
  return {};
}

// A dialog of the current step's parties; a relayed one (the SS is no UA in it) has
// only its Call-ID and the tags of its two ends. Fields are the SS's view of a dialog
// with the step's UE, so in a relayed dialog the step's UE is the remote end and the UE
// at the other end stands where the SS would: local.
std::string Executor::dialog_field(std::string_view name, int field) {
  const sip::Dialog* dialog = dialog_named(name, step_.from, step_.to);
  const RelayedDialog* relayed = dialog ? nullptr : relayed_named(name, step_.from, step_.to);
  if (relayed) {
    const party::Index ue = roster_.under_test(step_.from) ? step_.from : step_.to;
    const bool ue_called = ue == relayed->callee;
    switch (field) {
      case SCN_DIALOG_CALL_ID: return relayed->call_id;
      case SCN_DIALOG_LOCAL_TAG: return ue_called ? relayed->caller_tag : relayed->callee_tag;
      case SCN_DIALOG_REMOTE_TAG: return ue_called ? relayed->callee_tag : relayed->caller_tag;
      default: return {};
    }
  }
  if (!dialog) return {};
  switch (field) {
    case SCN_DIALOG_CALL_ID: return dialog->call_id();
    case SCN_DIALOG_LOCAL_TAG: return dialog->local_tag();
    case SCN_DIALOG_REMOTE_TAG: return dialog->remote_tag();
    case SCN_DIALOG_LOCAL_URI: return dialog->local_uri();
    case SCN_DIALOG_REMOTE_URI: return dialog->remote_uri();
    case SCN_DIALOG_REMOTE_TARGET: return dialog->remote_target();
    case SCN_DIALOG_ROUTE_SET: return join(dialog->route_set());
    case SCN_DIALOG_LOCAL_CSEQ:
      return dialog->local_cseq() ? std::to_string(dialog->local_cseq()) : std::string();
    case SCN_DIALOG_REMOTE_CSEQ:
      return dialog->remote_cseq() ? std::to_string(*dialog->remote_cseq()) : std::string();
    default: return {};
  }
}

}  // namespace scn
