// `scn emit ir`: the scenario IR as indented text, one operation or row per line.
#include "scn/ir/dump.h"

#include <sstream>

namespace scn::ir {

namespace {

const char* send_op_name(SendOp op) {
  switch (op) {
    case SendOp::set: return "set";
    case SendOp::absent: return "remove";
    case SendOp::present: return "present";
    case SendOp::append: return "append";
  }
  return "?";
}

const char* match_kind_name(MatchKind kind) {
  switch (kind) {
    case MatchKind::equal: return "equal";
    case MatchKind::equal_list: return "equal-list";
    case MatchKind::present: return "present";
    case MatchKind::absent: return "absent";
    case MatchKind::any: return "any";
    case MatchKind::prefix: return "prefix";
    case MatchKind::regex: return "regex";
    case MatchKind::one_of: return "one-of";
    case MatchKind::digest: return "digest";
  }
  return "?";
}

// unexpected OPTIONS in unknown dialog answer 481 "reason" fail  [FILE:LINE]
std::string unexpected_text(const UnexpectedRule& r) {
  std::string text = r.what == UnexpectedWhat::malformed ? "malformed"
                     : r.method.empty()                  ? "request"
                                                         : r.method;
  if (r.what == UnexpectedWhat::unknown_dialog) text += " in unknown dialog";
  if (r.status != 0) text += " answer " + std::to_string(r.status);
  if (!r.reason.empty()) text += " \"" + r.reason + "\"";
  switch (r.verdict) {
    case UnexpectedVerdict::record: text += " record"; break;
    case UnexpectedVerdict::fail: text += " fail"; break;
    case UnexpectedVerdict::inconc: text += " inconc"; break;
  }
  return text + "  [" + r.origin + "]";
}

class Dumper {
 public:
  Dumper(std::ostream& out, const Testcase& tc) : out_(out), tc_(tc) {}

  void ops(const std::vector<Op>& list, int depth) {
    for (const Op& op : list) std::visit([&](const auto& node) { this->op(node, depth); }, op.node);
  }

 private:
  std::string pad(int depth) const { return std::string(static_cast<std::size_t>(depth) * 2, ' '); }

  void when(const std::optional<Cond>& cond) {
    if (cond) out_ << "  when " << cond_text(*cond);
  }

  const std::string& party(int index) const {
    return tc_.parties.at(static_cast<std::size_t>(index)).name;
  }

  // "step 8  SS -> UE  200 OK  dialog conf  \"comment\"", "step 1  make UE1 dial".
  void step_line(std::size_t index, const char* word, int depth) {
    const StepDesc& s = tc_.steps.at(index);
    out_ << pad(depth) << word << " " << s.id << "  ";
    if (s.kind == StepKind::action) out_ << "make " << party(s.to) << " " << s.message;
    else if (s.kind == StepKind::wait) out_ << s.message;
    else if (s.kind == StepKind::media)
      out_ << "media " << party(s.from) << " -> " << party(s.to) << "  " << s.message.substr(6);
    else out_ << party(s.from) << " -> " << party(s.to) << "  " << s.message;
    if (!s.dialog.empty()) out_ << "  dialog " << s.dialog;
    if (!s.comment.empty()) out_ << "  \"" << s.comment << "\"";
    out_ << "\n";
  }

  void op(const StepBegin& begin, int depth) { step_line(begin.step, "step", depth); }

  void send_rows(const std::vector<SendRow>& rows, int depth) {
    for (const SendRow& row : rows) {
      out_ << pad(depth) << send_op_name(row.op) << " " << path_text(row.path);
      if (row.op == SendOp::set || row.op == SendOp::append) out_ << " = " << value_text(row.value);
      when(row.when);
      out_ << "\n";
    }
  }

  void op(const Relay& relay, int depth) {
    out_ << pad(depth + 1) << "relay " << relay.step << "\n";
    send_rows(relay.rows, depth + 2);
  }

  void op(const Wait& wait, int depth) { out_ << pad(depth + 1) << "wait " << wait.ms << " ms\n"; }

  void op(const Act& act, int depth) {
    out_ << pad(depth + 1) << "act " << act.action;
    for (const Value& v : act.operands) out_ << " " << value_text(v);
    if (act.timeout_ms) out_ << "  within " << act.timeout_ms << " ms";
    out_ << "\n";
  }

  void op(const Media& media, int depth) {
    static const char* const names[] = {"tone", "silence", "mix", "dtmf", "stop", "check"};
    out_ << pad(depth + 1) << "media " << names[static_cast<int>(media.op)];
    if (media.value) out_ << " " << value_text(*media.value);
    if (!media.dialog.empty()) out_ << "  dialog " << media.dialog;
    if (media.op == MediaOp::check) {
      out_ << "  for " << media.duration_ms << " ms";
      for (const Value& t : media.tones) out_ << "  tone " << value_text(t) << " Hz";
      if (media.dtmf) out_ << "  dtmf " << value_text(*media.dtmf);
      if (media.max_loss_permille >= 0)
        out_ << "  loss " << ((media.flags & SCN_MEDIA_LOSS_INCLUSIVE) ? "<=" : "<") << " "
             << media.max_loss_permille << " permille";
      if (media.max_jitter_us >= 0)
        out_ << "  jitter " << ((media.flags & SCN_MEDIA_JITTER_INCLUSIVE) ? "<=" : "<") << " "
             << media.max_jitter_us << " us";
      if (media.flags & SCN_MEDIA_RTCP) out_ << "  rtcp";
    }
    out_ << "\n";
  }

  void awaited(const Awaited& a, const char* word, int depth) {
    step_line(a.step, word, depth);
    op(a.expect, depth);
  }

  void op(const ExpectFirst& first, int depth) {
    out_ << pad(depth) << "either";
    if (!first.comment.empty()) out_ << "  \"" << first.comment << "\"";
    out_ << "\n";
    for (std::size_t i = 0; i < first.alternatives.size(); ++i) {
      awaited(first.alternatives[i], "first", depth + 1);
      ops(first.branches.at(i), depth + 2);
    }
  }

  void op(const ExpectEach& each, int depth) {
    out_ << pad(depth) << "in any order\n";
    for (const Awaited& a : each.members) awaited(a, "member", depth + 1);
  }

  void op(const Send& send, int depth) {
    out_ << pad(depth + 1) << "send ";
    if (send.request) {
      out_ << "request " << send.method;
    } else {
      out_ << "response " << send.status;
      if (!send.reason.empty()) out_ << " \"" << send.reason << "\"";
      if (!send.method.empty()) out_ << " to " << send.method;
    }
    out_ << "\n";
    send_rows(send.rows, depth + 2);
  }

  void op(const Expect& expect, int depth) {
    out_ << pad(depth + 1) << "expect ";
    if (!expect.method.empty()) out_ << expect.method;
    else if (expect.status == 0) out_ << "any final response";
    else out_ << "response " << expect.status;
    if (expect.optional) out_ << "  optional";
    if (expect.timeout_ms) out_ << "  within " << expect.timeout_ms << " ms";
    out_ << "\n";
    for (const MatchRow& row : expect.rows) {
      out_ << pad(depth + 2) << path_text(row.path) << " " << match_kind_name(row.kind);
      for (std::size_t i = 0; i < row.values.size(); ++i)
        out_ << (i ? ", " : " ") << value_text(row.values[i]);
      if (!row.capture.empty()) out_ << " -> " << row.capture;
      when(row.when);
      out_ << "\n";
    }
  }

  void op(const If& branch, int depth) {
    out_ << pad(depth) << "when " << cond_text(branch.cond) << "\n";
    ops(branch.ops, depth + 1);
  }

  void op(const Window& window, int depth) {
    out_ << pad(depth) << "window within " << window.within_ms << " ms";
    if (!window.comment.empty()) out_ << "  \"" << window.comment << "\"";
    out_ << "\n";
    ops(window.ops, depth + 1);
  }

  std::ostream& out_;
  const Testcase& tc_;
};

}  // namespace

std::string dump(const Program& program) {
  std::ostringstream out;
  out << "program " << program.name << "\n";
  for (const ParamDef& p : program.params)
    out << "param " << p.name << " = " << value_text(Value{Const{p.default_value}}) << "\n";
  for (const ConditionDef& c : program.conditions)
    out << "condition " << c.name << " = " << (c.default_value ? "true" : "false") << "\n";
  for (const Testcase& tc : program.testcases) {
    out << "\ntestcase " << tc.name;
    if (!tc.title.empty()) out << "  \"" << tc.title << "\"";
    out << "\n";
    if (tc.parties_declared)
      for (const PartyDef& p : tc.parties) {
        out << "  party " << p.name << (p.under_test ? " ue" : " ss");
        if (!p.description.empty()) out << "  \"" << p.description << "\"";
        out << "\n";
      }
    for (const UnexpectedRule& r : tc.unexpected) out << "  unexpected " << unexpected_text(r) << "\n";
    Dumper(out, tc).ops(tc.ops, 1);
  }
  return out.str();
}

}  // namespace scn::ir
