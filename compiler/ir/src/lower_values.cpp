// Checked values -> IR values: constants folded, run-time values as ABI calls.
#include <type_traits>

#include "lower_context.h"

namespace scn::ir {

namespace {

const std::string& dialog_name(const ValueScope& scope, std::size_t dialog) {
  static const std::string none;
  if (!scope.testcase || dialog >= scope.testcase->dialogs.size()) return none;
  return scope.testcase->dialogs[dialog].name;
}

std::string step_label(const ValueScope& scope, std::size_t step) {
  if (!scope.testcase || step >= scope.testcase->steps.size()) return {};
  return scope.testcase->steps[step].label;
}

// step(N).PATH (scn_step_field).
Value step_field(const ValueScope& scope, std::size_t step, const check::ResolvedPath& path,
                 Lowering& lowering) {
  return Value{StepFieldRef{step_label(scope, step), lower_path(path, lowering).value_or(Path{})}};
}

// A stored value; in the mirror, one a played party sent is read back from its step.
Value stored_value(const check::StoredValue& node, const ValueScope& scope, Lowering& lowering) {
  const check::Testcase* tc = scope.testcase;
  if (tc && node.slot < tc->slots.size() && tc->slots[node.slot].sent)
    return step_field(scope, tc->slots[node.slot].step, *tc->slots[node.slot].sent, lowering);
  return Value{StoredRef{node.name}};
}

Value uri_value(const check::UriValue& uri, const ValueScope& scope, Lowering& lowering) {
  std::vector<Value> parts;
  for (const check::UriPiece& piece : uri.pieces) {
    if (!piece.text.empty()) parts.push_back(Value{Const{piece.text}});
    for (const check::Value& inner : piece.expr) parts.push_back(lower_value(inner, scope, lowering));
  }
  return make_concat(std::move(parts));
}

Value ss_field(const check::SsFieldValue& field, const check::SourceLoc& loc,
               const ValueScope& scope, Lowering& lowering) {
  if (field.field != check::SsField::address)
    lowering.error(loc, "the runtime gives only ss.address (HOST:PORT) yet; write {ss.address}");
  // In the mirror the SS is under test: its address is that of its first party.
  if (mirrored(scope))
    for (const check::Party& party : scope.testcase->parties)
      if (party.under_test) return Value{PartyAddress{party.name}};
  return Value{SsAddress{}};
}

// In the mirror the UE is played: its contact in the dialog is the Contact of its latest
// request in it before this step.
std::optional<Value> mirrored_ue_contact(const ValueScope& scope, std::size_t dialog) {
  const check::Testcase& tc = *scope.testcase;
  for (std::size_t i = std::min(scope.step, tc.steps.size()); i-- > 0;) {
    const check::Step& s = tc.steps[i];
    if (s.dialog != dialog || !s.is_request || tc.parties.at(s.from).under_test) continue;
    Path path;
    path.target = Target::header;
    path.header = "Contact";
    path.part = Part::addr_spec;
    return Value{StepFieldRef{step_label(scope, i), path}};
  }
  return std::nullopt;
}

// The UE's contact as the SS sees it: the remote target of the step's dialog.
Value ue_contact(const ValueScope& scope) {
  std::size_t dialog = 0;
  if (scope.testcase && scope.step < scope.testcase->steps.size())
    dialog = scope.testcase->steps[scope.step].dialog;
  if (mirrored(scope))
    if (auto own = mirrored_ue_contact(scope, dialog)) return std::move(*own);
  return Value{DialogFieldRef{dialog_name(scope, dialog), DialogField::remote_target}};
}

}  // namespace

namespace {

// Appends one part, merging it into a constant before it and flattening nested concats.
void append_part(std::vector<Value>& folded, Value part) {
  if (auto* inner = std::get_if<Concat>(&part.node)) {
    for (Value& p : inner->parts) append_part(folded, std::move(p));
    return;
  }
  const std::string* text = const_text(part);
  if (text && text->empty()) return;
  const std::string* last = folded.empty() ? nullptr : const_text(folded.back());
  if (text && last) {
    std::get<Const>(folded.back().node).text += *text;
    return;
  }
  folded.push_back(std::move(part));
}

}  // namespace

Value make_concat(std::vector<Value> parts) {
  std::vector<Value> folded;
  for (Value& part : parts) append_part(folded, std::move(part));
  if (folded.empty()) return Value{Const{}};
  if (folded.size() == 1) return std::move(folded.front());
  return Value{Concat{std::move(folded)}};
}

Value lower_value(const check::Value& value, const ValueScope& scope, Lowering& lowering) {
  return std::visit(
      [&](const auto& node) -> Value {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, check::TextValue>) {
          return Value{Const{node.text}};
        } else if constexpr (std::is_same_v<T, check::IntValue>) {
          return Value{Const{std::to_string(node.value)}};
        } else if constexpr (std::is_same_v<T, check::BoolValue>) {
          return Value{Const{node.value ? "true" : "false"}};
        } else if constexpr (std::is_same_v<T, check::DurationValue>) {
          // Header values count seconds (Expires, Session-Expires).
          return Value{Const{std::to_string(node.millis / 1000)}};
        } else if constexpr (std::is_same_v<T, check::UriValue>) {
          return uri_value(node, scope, lowering);
        } else if constexpr (std::is_same_v<T, check::ParamValue>) {
          return Value{ParamRef{node.name}};
        } else if constexpr (std::is_same_v<T, check::StoredValue>) {
          return stored_value(node, scope, lowering);
        } else if constexpr (std::is_same_v<T, check::StepFieldValue>) {
          return step_field(scope, node.step, node.path, lowering);
        } else if constexpr (std::is_same_v<T, check::DialogFieldValue>) {
          if (scope.ue_view) return ue_view_field(node, scope, value.loc, lowering);
          return Value{DialogFieldRef{dialog_name(scope, node.dialog), node.field}};
        } else if constexpr (std::is_same_v<T, check::SsFieldValue>) {
          return ss_field(node, value.loc, scope, lowering);
        } else if constexpr (std::is_same_v<T, check::UeContactValue>) {
          return ue_contact(scope);
        } else if constexpr (std::is_same_v<T, check::ReverseValue>) {
          if (node.list.empty()) return Value{Const{}};
          Value inner = lower_value(node.list.front(), scope, lowering);
          return Value{Reverse{{std::move(inner)}}};
        } else if constexpr (std::is_same_v<T, check::SubscribedValue>) {
          lowering.error(value.loc, "subscribed(...) is a condition, not a value");
          return Value{Const{}};
        } else if constexpr (std::is_same_v<T, check::ConditionValue>) {
          lowering.error(value.loc, node.code + " is a condition, not a value");
          return Value{Const{}};
        } else if constexpr (std::is_same_v<T, check::PartyAddressValue>) {
          return Value{PartyAddress{node.party}};
        } else if constexpr (std::is_same_v<T, check::SdpValue>) {
          return Value{Sdp{node.kind == check::SdpKind::answer ? SdpKind::answer
                                                               : SdpKind::offer}};
        } else if constexpr (std::is_same_v<T, check::ChallengeValue>) {
          Challenge challenge{node.scheme == check::AuthScheme::aka ? AuthScheme::aka
                                                                    : AuthScheme::digest,
                              {}};
          for (const check::Value& a : node.args)
            challenge.args.push_back(lower_value(a, scope, lowering));
          return Value{std::move(challenge)};
        } else {
          std::vector<Value> parts;
          for (const check::Value& p : node.parts) parts.push_back(lower_value(p, scope, lowering));
          return make_concat(std::move(parts));
        }
      },
      value.node);
}

Value lower_value_at(const check::Value& value, const check::ResolvedPath& path,
                     const ValueScope& scope, Lowering& lowering) {
  Value lowered = lower_value(value, scope, lowering);
  if (!std::holds_alternative<check::UriValue>(value.node) || !holds_name_addr(path))
    return lowered;
  return make_concat({Value{Const{"<"}}, std::move(lowered), Value{Const{">"}}});
}

std::optional<std::string> evaluate_default(const check::Value& value, Lowering& lowering,
                                            int depth) {
  if (depth > 32) return std::nullopt;  // the checker rejects cycles; stay bounded anyway
  if (const auto* param = std::get_if<check::ParamValue>(&value.node)) {
    if (param->param >= lowering.program.params.size()) return std::nullopt;
    return evaluate_default(lowering.program.params[param->param].value, lowering, depth + 1);
  }
  if (const auto* concat = std::get_if<check::ConcatValue>(&value.node)) {
    std::string text;
    for (const check::Value& part : concat->parts) {
      auto piece = evaluate_default(part, lowering, depth + 1);
      if (!piece) return std::nullopt;
      text += *piece;
    }
    return text;
  }
  if (const auto* uri = std::get_if<check::UriValue>(&value.node)) {
    std::string text;
    for (const check::UriPiece& piece : uri->pieces) {
      text += piece.text;
      for (const check::Value& inner : piece.expr) {
        auto part = evaluate_default(inner, lowering, depth + 1);
        if (!part) return std::nullopt;
        text += *part;
      }
    }
    return text;
  }
  Value lowered = lower_value(value, ValueScope{}, lowering);
  if (const std::string* text = const_text(lowered)) return *text;
  return std::nullopt;
}

}  // namespace scn::ir
