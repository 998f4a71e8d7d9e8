// The mirror's steps that change kind: a relay by the party now under test (a proxy
// between two played parties) becomes what the receiving played party expects, and a
// media check becomes the played party's sending.
#include "lower_mirror.h"

namespace scn::ir {

namespace {

Path header_part(const char* header, Part part, const char* param = "") {
  Path p;
  p.header = header;
  p.part = part;
  p.name = param;
  return p;
}

bool mentions_body(const check::Step& step) {
  for (const check::Row& row : step.rows)
    if (row.path.root == check::PathRoot::body ||
        (row.path.root == check::PathRoot::header && row.path.name == "Content-Type"))
      return true;
  return false;
}

}  // namespace

// RFC 3261 16.6 / 16.7: a proxy forwards the request or response with its own Via,
// Route, Record-Route and Max-Forwards handling and may add headers, but the dialog's
// identity and the body travel unchanged. The To tag is left to the dialog (a request
// that creates one has none).
std::vector<MatchRow> relayed_identity_rows(const check::Testcase& tc, const check::Step& step) {
  const check::Step& source = tc.steps.at(*step.relays);
  const std::string origin = "relay of step " + source.label + ": as ";
  std::vector<std::pair<Path, std::string>> fields = {
      {header_part("Call-ID", Part::whole), "Call-ID"},
      {header_part("From", Part::addr_spec), "From.addr-spec"},
      {header_part("From", Part::param, "tag"), "From.tag"},
      {header_part("To", Part::addr_spec), "To.addr-spec"},
      {header_part("CSeq", Part::whole), "CSeq"}};
  if (mentions_body(source) || mentions_body(step)) {
    Path body;
    body.target = Target::body;
    fields.push_back({body, "body"});
  }
  std::vector<MatchRow> rows;
  for (auto& [path, name] : fields) {
    Value sent{StepFieldRef{source.label, path}};
    rows.push_back(MatchRow{path, MatchKind::equal, {std::move(sent)}, "", std::nullopt,
                            origin + tc.parties.at(source.from).name + " sent " + name});
  }
  return rows;
}

const check::Step* network_media_before(const check::Testcase& tc, std::size_t index) {
  const check::Step& step = tc.steps.at(index);
  for (std::size_t i = index; i-- > 0;) {
    const check::Step& s = tc.steps[i];
    if (s.media && s.from == step.to && s.to == step.from && s.media->dialog == step.media->dialog)
      return s.media->op == check::MediaOp::check ? nullptr : &s;
  }
  return nullptr;
}

bool judged_later(const check::Testcase& tc, std::size_t index) {
  for (std::size_t i = index + 1; i < tc.steps.size(); ++i)
    if (tc.steps[i].media && network_media_before(tc, i) == &tc.steps[index]) return true;
  return false;
}

// A check of the played party becomes its sending (the tone or digits checked for, else
// silence) for as long as the check watched, meanwhile judging what the network now
// under test sends it: the tone or digits it was last told to send (`heard`), else only
// that its stream flows. A send of the network takes no time, as it took none as
// written, so that both sides keep step (docs/mirror.md).
std::vector<Op> mirror_media_ops(const check::Step& step, Media media,
                                 std::optional<Media> heard) {
  std::vector<Op> ops;
  if (step.media->op != check::MediaOp::check) {
    ops.push_back(Op{Wait{0}});
    return ops;
  }
  if (!media.tones.empty()) {
    media.op = MediaOp::tone;
    media.value = std::move(media.tones.front());
  } else if (media.dtmf) {
    media.op = MediaOp::dtmf;
    media.value = std::move(*media.dtmf);
  } else {
    media.op = MediaOp::silence;
  }
  const std::int64_t watched = media.duration_ms;
  media.tones.clear();
  media.dtmf.reset();
  media.duration_ms = 0;
  media.max_loss_permille = media.max_jitter_us = -1;
  media.flags = 0;
  const std::string dialog = media.dialog;
  ops.push_back(Op{std::move(media)});
  if (!heard) {
    ops.push_back(Op{Wait{watched}});
    return ops;
  }
  heard->dialog = dialog;
  heard->duration_ms = watched;
  ops.push_back(Op{std::move(*heard)});
  return ops;
}

}  // namespace scn::ir
