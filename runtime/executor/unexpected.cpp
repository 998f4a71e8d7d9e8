// Executor: what the SS does with a message from a party under test that no step waits
// for, by the rules of scn_testcase.unexpected (a TTCN-3 default altstep): the first
// rule that fits answers it and gives its verdict. Without rules such requests stay
// queued (an inconc at the end) and a malformed message fails the run.
#include "executor/executor.h"
#include "msg/lenient.h"

namespace scn {

namespace {

bool method_fits(const scn_unexpected_rule& rule, std::string_view method) {
  return !rule.method || !*rule.method || method == rule.method;
}

// "200 OK", "481 Call/Transaction Does Not Exist": the rule's phrase or the standard one.
std::string reason_of(const scn_unexpected_rule& rule) {
  return rule.reason ? sip::reason_phrase(rule.reason)
                     : std::string(sip::default_reason(rule.status));
}

std::string origin_suffix(const scn_unexpected_rule& rule) {
  return rule.origin && *rule.origin ? " " + origin_note(rule.origin) : std::string();
}

// A transaction's request that a rule may answer: not ACK (never answered), not CANCEL
// (the transaction layer's).
bool answerable(const sip::Message& message, sip::TxId tx) {
  return message.is_request() && tx != sip::no_tx && message.method() != "ACK" &&
         message.method() != "CANCEL";
}

}  // namespace

report::Traffic Executor::traffic() const {
  return {strays_, unexpected_answered_, unexpected_unanswered_};
}

// Does a step from the current one on (table order) expect a request of `method` from
// `sender`? Such a request waits for its step. Without a step table (a hand-written
// program) only the current step is known.
bool Executor::step_ahead_expects(party::Index sender, std::string_view method) const {
  auto expects = [&](const StepInfo& step) {
    return step.direction == Direction::UeToSs && !step.action && step.from == sender &&
           step.message == method;
  };
  if (!testcase_.steps || testcase_.step_count == 0) return expects(step_);
  std::size_t first = 0;
  for (std::size_t i = 0; i < testcase_.step_count && !step_.id.empty(); ++i) {
    if (testcase_.steps[i].id && step_.id == testcase_.steps[i].id) {
      first = i;
      break;
    }
  }
  for (std::size_t i = first; i < testcase_.step_count; ++i) {
    const scn_step& step = testcase_.steps[i];
    if (step.kind == SCN_STEP_MESSAGE && expects(step_info(step))) return true;
  }
  return false;
}

// A request with a To tag that belongs to no dialog of the SS's, relayed ones included.
bool Executor::in_unknown_dialog(const sip::Message& request) {
  return !tag_of(request, "To").empty() && !dialogs_.find(request) && !relayed_dialog(request);
}

const scn_unexpected_rule* Executor::unexpected_rule(const sip::Message& request,
                                                     party::Index sender) {
  if (!testcase_.unexpected || testcase_.unexpected_count == 0) return nullptr;
  if (step_ahead_expects(sender, request.method())) return nullptr;
  for (std::size_t i = 0; i < testcase_.unexpected_count; ++i) {
    const scn_unexpected_rule& rule = testcase_.unexpected[i];
    if (!method_fits(rule, request.method())) continue;
    if (rule.what == SCN_UNEXPECTED_REQUEST) return &rule;
    if (rule.what == SCN_UNEXPECTED_UNKNOWN_DIALOG && in_unknown_dialog(request)) return &rule;
  }
  return nullptr;
}

bool Executor::answer_unexpected(const InboxItem& item, const net::Inbound& from) {
  const sip::Message& request = item.message;
  if (!item.sender || !roster_.under_test(*item.sender) || !answerable(request, item.tx))
    return false;
  const scn_unexpected_rule* rule = unexpected_rule(request, *item.sender);
  if (!rule) return false;
  std::optional<sip::Message> response;
  if (rule->status >= 100 && rule->status <= 699) {
    std::string tag = tag_of(request, "To");
    if (tag.empty()) tag = ids_.tag();
    if (auto made = sip::make_response(request, rule->status, reason_of(*rule), tag).message())
      response = std::move(made.value());
  }
  const std::string answer = std::to_string(rule->status) + " " + reason_of(*rule);
  record_inbound(request.raw(), from,
                 "unexpected: " + (response ? "answered " + answer : "not answered") +
                     origin_suffix(*rule),
                 item.sender);
  if (response && layer_->respond(item.tx, *response))
    ++unexpected_answered_;
  else
    ++unexpected_unanswered_;
  const bool unknown_dialog = rule->what == SCN_UNEXPECTED_UNKNOWN_DIALOG;
  unexpected_verdict(*rule, "unexpected " + std::string(request.method()) + " from " +
                                who(*item.sender) + (unknown_dialog ? " in no known dialog" : ""));
  return true;
}

bool Executor::answer_malformed(const net::InboundError& error, const net::Inbound& from,
                                std::optional<party::Index> sender) {
  const scn_unexpected_rule* rule = nullptr;
  for (std::size_t i = 0; testcase_.unexpected && i < testcase_.unexpected_count && !rule; ++i)
    if (testcase_.unexpected[i].what == SCN_UNEXPECTED_MALFORMED) rule = &testcase_.unexpected[i];
  if (!rule) return false;
  // RFC 3261 8.2.6: a response only to a request that is no ACK and names its
  // transaction; over TCP only on a connection that still frames messages.
  std::string bytes, answer;
  auto request = error.connection_closed ? std::nullopt : sip::read_request_essentials(error.raw);
  if (rule->status >= 100 && rule->status <= 699 && request && request->method != "ACK") {
    const std::string reason =
        rule->reason ? sip::reason_phrase(rule->reason) : sip::malformed_reason_phrase(error.reason);
    answer = std::to_string(rule->status) + " " + reason;
    bytes = sip::essential_response(*request, rule->status, reason, ids_.tag());
  }
  record_inbound(error.raw, from,
                 "malformed: " + (answer.empty() ? "not answered" : "answered " + answer) +
                     origin_suffix(*rule),
                 sender);
  net::Transport* at = from.transport ? from.transport : transport_.get();
  if (!bytes.empty() && layer_->send_raw(bytes, {at, error.source}))
    ++unexpected_answered_;
  else
    ++unexpected_unanswered_;
  unexpected_verdict(*rule,
                     "malformed message from " + sender_name(sender, error.source) + ": " +
                         error.reason);
  return true;
}

// After the verdict (lingering) nothing changes it.
void Executor::unexpected_verdict(const scn_unexpected_rule& rule, std::string reason) {
  if (lingering_) return;
  reason += origin_suffix(rule);
  if (rule.verdict == SCN_UNEXPECTED_FAIL) set_fail(std::move(reason));
  if (rule.verdict == SCN_UNEXPECTED_INCONC) set_inconc(std::move(reason));
}

}  // namespace scn
