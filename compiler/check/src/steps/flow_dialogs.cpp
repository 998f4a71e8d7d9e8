// Which dialog each step is in. Dialogs belong to pairs of parties: a step without a
// dialog clause is in the first dialog of its pair (the implicit one), `in dialog NAME`
// must name a dialog of its parties, and a dialog created by a request a played party
// relays belongs to the two parties under test at its ends.
#include "flow.h"

namespace scn::check {

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

bool creates_dialog(const std::string& method) {
  return method == "INVITE" || method == "SUBSCRIBE" || method == "REFER";
}

}  // namespace

std::size_t Flow::resolve_dialog(const ast::Step& step, const Step& out,
                                 std::optional<std::size_t> answered) {
  std::optional<std::size_t> id;
  // A relayed dialog-creating request makes its dialog the two UEs' before the step's own
  // dialog clause is judged: `SS -> UE2 REFER in dialog ref relay 3`, with `as ref` on 3.
  if (out.relays) note_relayed_dialog(*out.relays, out);
  if (step.dialog_in) {
    id = dialog(step.dialog_in->value, step.dialog_in->loc);
    if (id) check_dialog_parties(*id, out, *step.dialog_in);
  } else if (out.relays) {
    id = steps_[*out.relays].dialog;
  } else if (answered) {
    id = steps_[*answered].dialog;
  }
  if (step.dialog_as) {
    const std::string& name = step.dialog_as->value;
    auto it = dialog_names_.find(name);
    if (it != dialog_names_.end() && !current().via) {
      env_.report.error(step.dialog_as->loc, "dialog " + quote(name) +
                                                 " is already named by an earlier step");
    }
    if (out.relays) {
      // A relayed message travels in the dialog of the message it forwards.
      Dialog& d = dialogs_[*id];
      if (!d.name.empty() && d.name != name)
        flow_error(step.dialog_as->loc, "step " + current_label() + " relays a message of "
                                        "dialog " + quote(d.name) + ", which it cannot rename",
                   "");
      if (d.name.empty()) {
        d.name = name;
        d.loc = step.dialog_as->loc;
      }
    } else if (step.message.kind == ast::Message::Kind::method) {
      dialogs_.push_back(Dialog{step.dialog_as->loc, name, std::pair{out.from, out.to}, false});
      id = dialogs_.size() - 1;
      dialog_creator_[*id] = current_;
    } else {
      if (!id) id = implicit_dialog(out.from, out.to);
      if (dialogs_[*id].name.empty()) {
        dialogs_[*id].name = name;
        dialogs_[*id].loc = step.dialog_as->loc;
      }
    }
    dialog_names_[name] = *id;
  }
  return id ? *id : implicit_dialog(out.from, out.to);
}

bool Flow::serves(const Dialog& d, std::size_t a, std::size_t b) const {
  if (!d.parties) return false;
  const auto [x, y] = *d.parties;
  if ((x == a && y == b) || (x == b && y == a)) return true;
  if (!d.relayed) return false;
  // A relayed dialog runs between its two parties under test through any played party
  // (in the mirror: between two played parties through a party under test).
  const bool ends_role = parties_[x].under_test;
  const std::size_t end = parties_[a].under_test == ends_role ? a : b;
  const std::size_t other = end == a ? b : a;
  return (end == x || end == y) && parties_[other].under_test != ends_role;
}

std::size_t Flow::implicit_dialog(std::size_t a, std::size_t b) {
  for (std::size_t i = 0; i < dialogs_.size(); ++i)
    if (serves(dialogs_[i], a, b)) return i;
  std::size_t id = 0;
  if (dialogs_[0].parties) {
    dialogs_.push_back(Dialog{});
    id = dialogs_.size() - 1;
  }
  dialogs_[id].parties = std::pair{a, b};
  dialog_creator_[id] = current_;
  return id;
}

void Flow::check_dialog_parties(std::size_t id, const Step& out, const ast::Name& name) {
  const Dialog& d = dialogs_[id];
  if (!d.parties || serves(d, out.from, out.to)) return;
  const std::string between =
      party_name(d.parties->first) + " and " + party_name(d.parties->second);
  flow_error(name.loc, "dialog " + quote(name.value) + " is between " + between +
                           ", and step " + current_label() + " goes between " +
                           party_name(out.from) + " and " + party_name(out.to), "");
}

// A dialog-creating request that a played party relays to another party under test
// creates a dialog between the two parties under test (in the mirror: a party under test
// relays between two played parties).
void Flow::note_relayed_dialog(std::size_t index, const Step& out) {
  const Step& relayed = steps_[index];
  Dialog& d = dialogs_[relayed.dialog];
  if (!relayed.is_request || !creates_dialog(relayed.method) || d.relayed) return;
  auto creator = dialog_creator_.find(relayed.dialog);
  if (creator == dialog_creator_.end() || creator->second != index) return;
  if (parties_[out.to].under_test == parties_[out.from].under_test || out.to == relayed.from)
    return;
  d.parties = std::pair{relayed.from, out.to};
  d.relayed = true;
}

}  // namespace scn::check
