// Member chains (step(3).Contact.addr-spec, request.Via, dialog(focus).remote_tag,
// ss.address, ue.contact) and the functions reverse and subscribed.
#include <algorithm>

#include "builtins.h"
#include "exprs.h"
#include "paths.h"

namespace scn::check {

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

struct Chain {
  const ast::Expr* base = nullptr;
  std::vector<ast::PathSegment> segments;  // in reading order
  bool ok = true;
};

// A '.' postfix is located at the dot; its name starts one column later.
ast::SourceLoc after_dot(ast::SourceLoc loc) {
  loc.col += 1;
  return loc;
}

Chain unwind(const ast::Expr& expr, Reporter& report) {
  Chain chain;
  std::optional<std::int64_t> pending;
  const ast::Expr* current = &expr;
  while (current) {
    if (const auto* m = std::get_if<ast::Member>(&current->node)) {
      ast::PathSegment segment;
      segment.loc = after_dot(current->loc);
      segment.name = m->member;
      segment.quoted = m->quoted;
      segment.index = pending;
      pending.reset();
      chain.segments.push_back(std::move(segment));
      current = m->object.get();
    } else if (const auto* i = std::get_if<ast::Index>(&current->node)) {
      if (pending) {
        report.error(current->loc, "only one [N] can follow a header");
        chain.ok = false;
      }
      pending = i->index;
      current = i->object.get();
    } else {
      break;
    }
  }
  chain.base = current;
  if (pending && current) {
    report.error(current->loc, "[N] picks a value of a list header, as in "
                               "step(3).Record-Route[2]; it cannot follow this");
    chain.ok = false;
  }
  std::reverse(chain.segments.begin(), chain.segments.end());
  return chain;
}

ast::Path as_path(const std::vector<ast::PathSegment>& segments) {
  ast::Path path;
  path.loc = segments.front().loc;
  path.segments = segments;
  return path;
}

StaticType path_value_type(const ResolvedPath& path) {
  return StaticType::field(path.type,
                           path.list && !path.index && path.member_kind == MemberKind::none);
}

}  // namespace

std::optional<Typed> ExprResolver::resolve_chain(const ast::Expr& expr) {
  Chain chain = unwind(expr, env_.report);
  if (!chain.ok || !chain.base) return std::nullopt;
  const ast::Expr& base = *chain.base;
  const auto& segments = chain.segments;
  const auto* call = std::get_if<ast::Call>(&base.node);
  const auto* name = std::get_if<ast::NameRef>(&base.node);

  if (call && call->callee == "step") {
    std::string procedure;
    std::int64_t number = 0;
    const ast::Expr* arg = call->args.size() == 1 ? call->args.front().get() : nullptr;
    if (const auto* n = arg ? std::get_if<ast::IntLit>(&arg->node) : nullptr) {
      number = n->value;
    } else if (const auto* r = arg ? std::get_if<ast::StepRef>(&arg->node) : nullptr) {
      procedure = r->procedure;
      number = r->step;
    } else {
      env_.report.error(base.loc, "step(...) takes one step number, as in step(3) or step(A.25:4)");
      return std::nullopt;
    }
    const std::string label = (procedure.empty() ? "" : procedure + ":") + std::to_string(number);
    if (segments.empty()) {
      env_.report.error(base.loc, "step(" + label + ") needs a path, as in step(" + label +
                                      ").Contact");
      return std::nullopt;
    }
    auto target = flow_.step_ref(procedure, number, base.loc);
    if (!target) return std::nullopt;
    auto path = resolve_path(as_path(segments), target->shape, env_);
    if (!path) return std::nullopt;
    StaticType type = path_value_type(*path);
    return Typed{Value{expr.loc, StepFieldValue{target->index, std::move(*path)}}, type};
  }

  if (call && call->callee == "dialog") {
    std::string dialog_name;
    const ast::Expr* arg = call->args.size() == 1 ? call->args.front().get() : nullptr;
    if (arg) {
      if (const auto* n = std::get_if<ast::NameRef>(&arg->node)) dialog_name = n->name;
    }
    if (call->args.size() > 1 || (arg && dialog_name.empty())) {
      env_.report.error(base.loc, "dialog(...) takes a dialog name, as in dialog(focus), or "
                                  "nothing for the current dialog");
      return std::nullopt;
    }
    if (segments.size() != 1) {
      env_.report.error(base.loc, "dialog(...) needs one field: " + dialog_field_list());
      return std::nullopt;
    }
    auto field = dialog_field(segments[0].name);
    if (!field) {
      env_.report.error(segments[0].loc,
                        "unknown dialog field " + quote(segments[0].name) +
                            did_you_mean(segments[0].name, dialog_field_names()) +
                            " (the fields are " + dialog_field_list() + ")");
      return std::nullopt;
    }
    auto id = flow_.dialog(dialog_name, arg ? arg->loc : base.loc);
    if (!id) return std::nullopt;
    return Typed{Value{expr.loc, DialogFieldValue{*id, field->first}}, field->second};
  }

  if (call && call->callee == "party") {
    const ast::Expr* arg = call->args.size() == 1 ? call->args.front().get() : nullptr;
    const auto* party = arg ? std::get_if<ast::NameRef>(&arg->node) : nullptr;
    if (!party) {
      env_.report.error(base.loc, "party(...) takes a party's name, as in party(FOCUS).address");
      return std::nullopt;
    }
    if (segments.size() != 1 || segments[0].name != "address") {
      env_.report.error(segments.empty() ? base.loc : segments[0].loc,
                        "a party has one field: party(" + party->name + ").address");
      return std::nullopt;
    }
    auto name = flow_.party(party->name, arg->loc);
    if (!name) return std::nullopt;
    return Typed{Value{expr.loc, PartyAddressValue{*name}},
                 StaticType::field(schema::ValueType::hostport)};
  }

  if (name && name->name == "request" && !env_.scope.params.count("request")) {
    auto target = flow_.answered_request(base.loc);
    if (!target) return std::nullopt;
    auto path = resolve_path(as_path(segments), target->shape, env_);
    if (!path) return std::nullopt;
    StaticType type = path_value_type(*path);
    return Typed{Value{expr.loc, StepFieldValue{target->index, std::move(*path)}}, type};
  }

  if (name && name->name == "ss" && !env_.scope.params.count("ss")) {
    auto field = segments.size() == 1 ? ss_field(segments[0].name) : std::nullopt;
    if (!field) {
      const auto& at = segments.size() == 1 ? segments[0].loc : base.loc;
      env_.report.error(at, "unknown field of 'ss'" +
                                (segments.size() == 1
                                     ? did_you_mean(segments[0].name, ss_field_names())
                                     : std::string()) +
                                " (the fields are " + ss_field_list() + ")");
      return std::nullopt;
    }
    return Typed{Value{expr.loc, SsFieldValue{field->first}}, field->second};
  }

  if (name && name->name == "ue" && !env_.scope.params.count("ue")) {
    if (segments.size() != 1 || segments[0].name != "contact") {
      env_.report.error(segments.empty() ? base.loc : segments[0].loc,
                        "'ue' has one field: ue.contact");
      return std::nullopt;
    }
    return Typed{Value{expr.loc, UeContactValue{}}, StaticType::of(Kind::uri)};
  }

  // A parameter or stored value is one value without parts.
  auto inner = resolve(base);
  if (!inner) return std::nullopt;
  std::string what = name ? quote(name->name) : "this value";
  env_.report.error(segments.front().loc, what + " is a single value and has no part " +
                                              quote(segments.front().name));
  return std::nullopt;
}

std::optional<Typed> ExprResolver::resolve_call(const ast::Expr& expr, const ast::Call& call) {
  if (call.callee == "reverse") {
    if (call.args.size() != 1 || !call.args.front()) {
      env_.report.error(expr.loc, "reverse(...) takes one list, as in reverse(step(3).Record-Route)");
      return std::nullopt;
    }
    auto list = resolve(*call.args.front());
    if (!list) return std::nullopt;
    if (!list->type.list && list->type.kind != Kind::unknown) {
      env_.report.error(call.args.front()->loc,
                        "reverse(...) takes a list such as step(3).Record-Route or "
                        "dialog().route_set, not " + describe(list->type));
      return std::nullopt;
    }
    StaticType type = list->type;
    ReverseValue out;
    out.list.push_back(std::move(list->value));
    return Typed{Value{expr.loc, std::move(out)}, type};
  }
  if (call.callee == "subscribed") {
    const ast::Expr* arg = call.args.size() == 1 ? call.args.front().get() : nullptr;
    const auto* package = arg ? std::get_if<ast::NameRef>(&arg->node) : nullptr;
    if (!package) {
      env_.report.error(expr.loc, "subscribed(...) takes an event package, as in "
                                  "subscribed(conference)");
      return std::nullopt;
    }
    if (!env_.schema.find_event_package(package->name)) {
      std::vector<std::string> known;
      for (auto n : env_.schema.event_package_names()) known.emplace_back(n);
      env_.report.error(arg->loc, "unknown event package " + quote(package->name) +
                                      did_you_mean(package->name, known));
      return std::nullopt;
    }
    return Typed{Value{expr.loc, SubscribedValue{package->name}}, StaticType::of(Kind::boolean)};
  }
  if (call.callee == "aka_challenge" || call.callee == "digest_challenge")
    return resolve_challenge(expr, call);
  if (call.callee == "sdp_answer" || call.callee == "sdp_offer") {
    if (!call.args.empty()) {
      env_.report.error(expr.loc, call.callee + "() takes no value: the played party's media "
                                                "endpoint and the dialog decide the SDP");
      return std::nullopt;
    }
    const SdpKind kind = call.callee == "sdp_answer" ? SdpKind::answer : SdpKind::offer;
    return Typed{Value{expr.loc, SdpValue{kind}}, StaticType::of(Kind::text)};
  }
  if (call.callee == "digest_response") {
    env_.report.error(expr.loc, "digest_response(...) checks what the UE sends: write it as "
                                "the whole value of a row, as in Authorization.response = "
                                "digest_response(px_IMS_PrivateUserId, px_IMS_Password)");
    return std::nullopt;
  }
  env_.report.error(expr.loc, "unknown function " + quote(call.callee) +
                                  did_you_mean(call.callee, function_names()) +
                                  " (the functions are " + function_list() + ")");
  return std::nullopt;
}

}  // namespace scn::check
