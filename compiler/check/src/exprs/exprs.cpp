#include "exprs.h"

#include <algorithm>
#include <cctype>

#include "builtins.h"

namespace scn::check {

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

}  // namespace

bool looks_like_condition_code(const std::string& name) {
  return name.size() >= 2 && name[0] == 'A' &&
         std::all_of(name.begin() + 1, name.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// ---- the detached view ---------------------------------------------------------------

std::optional<StepTarget> DetachedFlow::step_ref(const std::string&, std::int64_t,
                                                 const ast::SourceLoc& loc) {
  env_.report.error(loc, kind_ == Kind::parameter
                             ? "a parameter's value is a constant: step(...) cannot be used"
                             : "step(...) names a step of a test case; a default message "
                               "belongs to no flow, so use request.PATH or a stored value");
  return std::nullopt;
}

std::optional<StepTarget> DetachedFlow::answered_request(const ast::SourceLoc& loc) {
  if (kind_ == Kind::response_default) return StepTarget{0, MessageShape{true, "", 0}};
  env_.report.error(loc, kind_ == Kind::parameter
                             ? "a parameter's value is a constant: 'request' cannot be used"
                             : "'request' is the request a response answers, and this "
                               "default message is a request");
  return std::nullopt;
}

std::optional<std::size_t> DetachedFlow::dialog(const std::string&, const ast::SourceLoc& loc) {
  if (kind_ != Kind::parameter) return 0;
  env_.report.error(loc, "a parameter's value is a constant: dialog(...) cannot be used");
  return std::nullopt;
}

StoredLookup DetachedFlow::stored(const std::string& name, const ast::SourceLoc&) {
  StoredLookup out;
  if (kind_ != Kind::parameter && env_.tables.captured_names.count(name))
    out.state = NameState::deferred;
  return out;
}

// A default message serves steps of any test case: it may name the parties every
// procedure knows, UE and SS.
std::optional<std::string> DetachedFlow::party(const std::string& name,
                                               const ast::SourceLoc& loc) {
  if (kind_ == Kind::parameter) {
    env_.report.error(loc, "a parameter's value is a constant: party(...) cannot be used");
    return std::nullopt;
  }
  if (name == "UE" || name == "SS") return name;
  env_.report.error(loc, "a default message names the parties UE and SS only, not '" + name + "'");
  return std::nullopt;
}

// ---- parameters ------------------------------------------------------------------------

StaticType param_type(Env& env, const ast::Param& param) {
  auto& types = env.tables.param_types;
  if (auto it = types.find(&param); it != types.end()) return it->second;
  if (!param.value) return StaticType::of(Kind::unknown);
  if (!env.tables.resolving.insert(&param).second) {
    env.report.error(param.loc, "parameter " + param.name + " is defined through itself");
    types[&param] = StaticType::of(Kind::unknown);
    return types[&param];
  }
  DetachedFlow flow(env, DetachedFlow::Kind::parameter);
  ExprResolver resolver(env, flow);
  auto typed = resolver.resolve(*param.value);
  env.tables.resolving.erase(&param);
  if (auto it = types.find(&param); it != types.end()) return it->second;  // cycle found
  const StaticType type = typed ? typed->type : StaticType::of(Kind::unknown);
  types[&param] = type;
  return type;
}

// ---- the resolver ----------------------------------------------------------------------

std::optional<Typed> ExprResolver::resolve(const ast::Expr& expr) {
  const auto& node = expr.node;
  Typed out{Value{expr.loc, TextValue{}}, StaticType::of(Kind::text)};
  if (const auto* s = std::get_if<ast::StringLit>(&node)) {
    out.value.node = TextValue{s->value};
    return out;
  }
  if (const auto* i = std::get_if<ast::IntLit>(&node)) {
    out.value.node = IntValue{i->value};
    out.type = StaticType::of(Kind::integer);
    return out;
  }
  if (const auto* b = std::get_if<ast::BoolLit>(&node)) {
    out.value.node = BoolValue{b->value};
    out.type = StaticType::of(Kind::boolean);
    return out;
  }
  if (const auto* d = std::get_if<ast::DurationLit>(&node)) {
    out.value.node = DurationValue{d->millis()};
    out.type = StaticType::of(Kind::duration);
    return out;
  }
  if (const auto* u = std::get_if<ast::UriLit>(&node)) return resolve_uri(expr, *u);
  if (const auto* c = std::get_if<ast::Concat>(&node)) return resolve_concat(expr, *c);
  if (const auto* n = std::get_if<ast::NameRef>(&node)) return resolve_name(expr, n->name);
  if (const auto* c = std::get_if<ast::Call>(&node)) {
    if (c->callee == "step" || c->callee == "dialog" || c->callee == "party")
      return resolve_chain(expr);
    return resolve_call(expr, *c);
  }
  if (std::holds_alternative<ast::Member>(node) || std::holds_alternative<ast::Index>(node))
    return resolve_chain(expr);
  if (const auto* r = std::get_if<ast::StepRef>(&node)) {
    env_.report.error(expr.loc, quote(r->procedure + ":" + std::to_string(r->step)) +
                                    " names a step: use it inside step(...), as in step(" +
                                    r->procedure + ":" + std::to_string(r->step) + ").Contact");
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Typed> ExprResolver::resolve_uri(const ast::Expr& expr, const ast::UriLit& uri) {
  UriValue out;
  bool ok = true;
  for (const ast::UriPart& part : uri.parts) {
    UriPiece piece;
    piece.text = part.text;
    if (part.expr) {
      auto typed = resolve(*part.expr);
      if (!typed) {
        ok = false;
        continue;
      }
      if (typed->type.kind == Kind::duration || typed->type.kind == Kind::boolean) {
        env_.report.error(part.expr->loc, describe(typed->type) + " cannot be put inside a URI");
        ok = false;
      }
      piece.expr.push_back(std::move(typed->value));
    }
    out.pieces.push_back(std::move(piece));
  }
  if (!ok) return std::nullopt;
  return Typed{Value{expr.loc, std::move(out)}, StaticType::of(Kind::uri)};
}

std::optional<Typed> ExprResolver::resolve_concat(const ast::Expr& expr,
                                                  const ast::Concat& concat) {
  ConcatValue out;
  bool ok = true;
  for (const ast::ExprPtr& part : concat.parts) {
    auto typed = part ? resolve(*part) : std::nullopt;
    if (!typed) {
      ok = false;
      continue;
    }
    const Kind k = typed->type.kind;
    if (k == Kind::duration || k == Kind::boolean || typed->type.list) {
      env_.report.error(part->loc, describe(typed->type) + " cannot be joined with '+'");
      ok = false;
    }
    out.parts.push_back(std::move(typed->value));
  }
  if (!ok) return std::nullopt;
  return Typed{Value{expr.loc, std::move(out)}, StaticType::of(Kind::text)};
}

std::optional<Typed> ExprResolver::resolve_name(const ast::Expr& expr, const std::string& name) {
  if (auto it = env_.scope.params.find(name); it != env_.scope.params.end()) {
    const ast::Param* param = it->second;
    env_.tables.used_params.insert(param);
    std::size_t index = 0;
    if (auto p = env_.tables.param_index.find(param); p != env_.tables.param_index.end())
      index = p->second;
    return Typed{Value{expr.loc, ParamValue{name, index}}, param_type(env_, *param)};
  }
  if (is_builtin_object(name)) {
    env_.report.error(expr.loc, builtin_object_needs_field(name));
    return std::nullopt;
  }
  StoredLookup found = flow_.stored(name, expr.loc);
  switch (found.state) {
    case NameState::found:
      return Typed{Value{expr.loc, found.value}, found.type};
    case NameState::deferred:
      return Typed{Value{expr.loc, StoredValue{name, 0}}, StaticType::of(Kind::unknown)};
    case NameState::reported:
      return std::nullopt;
    case NameState::unknown:
      break;
  }
  std::vector<std::string> candidates = env_.scope.param_names();
  for (auto& stored : flow_.stored_names()) candidates.push_back(stored);
  std::string message = "unknown name " + quote(name) + did_you_mean(name, candidates);
  if (looks_like_condition_code(name))
    message += " (condition codes such as " + name +
               " belong to a default message: apply them with use \"...\" [" + name + "])";
  env_.report.error(expr.loc, message);
  return std::nullopt;
}

}  // namespace scn::check
