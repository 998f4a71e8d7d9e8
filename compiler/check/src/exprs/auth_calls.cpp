// The played registrar's functions: aka_challenge(user, realm, K, OP, OPc) and
// digest_challenge(user, realm, algorithm) make the challenge an SS row sends;
// digest_response(user, password) is the matcher of Authorization.response. Arguments
// known at compile time are checked here, so that `scn check` rejects what the run would.
#include <algorithm>
#include <cctype>

#include "builtins.h"
#include "exprs.h"
#include "types.h"

namespace scn::check {

namespace {

bool is_hex(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
}

const Value* arg(const std::vector<Value>& args, std::size_t i) {
  return i < args.size() ? &args[i] : nullptr;
}

// The digest algorithms the registrar computes (RFC 7616 3.3 names them in upper case;
// the comparison is case-insensitive there, and here).
bool known_algorithm(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return name == "MD5" || name == "MD5-SESS" || name == "SHA-256" || name == "SHA-256-SESS";
}

}  // namespace

std::optional<std::vector<Value>> ExprResolver::resolve_text_args(const ast::Call& call,
                                                                  const std::string& usage) {
  std::vector<Value> values;
  bool ok = true;
  for (const ast::ExprPtr& a : call.args) {
    if (!a) return std::nullopt;
    auto typed = resolve(*a);
    if (!typed) {
      ok = false;
      continue;
    }
    if (typed->type.list || typed->type.kind == Kind::boolean ||
        typed->type.kind == Kind::duration) {
      env_.report.error(a->loc, call.callee + "(...) takes text values, not " +
                                    describe(typed->type) + " (" + usage + ")");
      ok = false;
      continue;
    }
    values.push_back(std::move(typed->value));
  }
  if (!ok) return std::nullopt;
  return values;
}

std::optional<Typed> ExprResolver::resolve_challenge(const ast::Expr& expr,
                                                     const ast::Call& call) {
  const bool aka = call.callee == "aka_challenge";
  const std::string usage =
      aka ? "aka_challenge(user, realm, K, OP, OPc), as in aka_challenge(px_IMS_PrivateUserId, "
            "px_IMS_HomeDomainName, px_IMS_AKA_K, px_IMS_AKA_OP, px_IMS_AKA_OPc)"
          : "digest_challenge(user, realm, algorithm), as in "
            "digest_challenge(px_IMS_PrivateUserId, px_IMS_HomeDomainName, \"MD5\")";
  const std::size_t wanted = aka ? 5 : 3;
  if (call.args.size() != wanted) {
    env_.report.error(expr.loc, call.callee + "(...) takes " + std::to_string(wanted) +
                                    " values, not " + std::to_string(call.args.size()) + ": " +
                                    usage);
    return std::nullopt;
  }
  auto args = resolve_text_args(call, usage);
  if (!args) return std::nullopt;
  bool ok = true;
  auto literal = [&](std::size_t i) { return literal_text(*arg(*args, i)); };
  if (aka) {
    const char* names[] = {"user", "realm", "K", "OP", "OPc"};
    for (std::size_t i = 2; i < 5; ++i) {
      auto text = literal(i);
      if (!text || text->empty() || (text->size() == 32 && is_hex(*text))) continue;
      env_.report.error(call.args[i]->loc, std::string(names[i]) + " is 128 bits written as 32 "
                                           "hex digits (3GPP TS 35.206), not \"" + *text + "\"");
      ok = false;
    }
    if (auto k = literal(2); k && k->empty()) {
      env_.report.error(call.args[2]->loc, "K is 128 bits written as 32 hex digits, not empty");
      ok = false;
    }
    auto op = literal(3), opc = literal(4);
    if (op && opc && op->empty() == opc->empty()) {
      env_.report.error(call.args[3]->loc,
                        "give exactly one of OP and OPc (the other one \"\"): OPc is derived "
                        "from OP and K (3GPP TS 35.206 4.1)");
      ok = false;
    }
  } else if (auto algorithm = literal(2); algorithm && !known_algorithm(*algorithm)) {
    env_.report.error(call.args[2]->loc,
                      "unknown digest algorithm \"" + *algorithm +
                          "\" (the registrar computes MD5, MD5-sess, SHA-256 and SHA-256-sess, "
                          "RFC 7616; IMS AKA is aka_challenge(...))");
    ok = false;
  }
  if (!ok) return std::nullopt;
  ChallengeValue challenge{aka ? AuthScheme::aka : AuthScheme::digest, std::move(*args)};
  return Typed{Value{expr.loc, std::move(challenge)},
               StaticType::field(schema::ValueType::auth)};
}

std::optional<std::vector<Value>> ExprResolver::resolve_digest_response(const ast::Expr& expr,
                                                                        const ast::Call& call) {
  const std::string usage =
      "digest_response(user, password), as in digest_response(px_IMS_PrivateUserId, "
      "px_IMS_Password)";
  if (call.args.size() != 2) {
    env_.report.error(expr.loc, "digest_response(...) takes 2 values, not " +
                                    std::to_string(call.args.size()) + ": " + usage);
    return std::nullopt;
  }
  return resolve_text_args(call, usage);
}

}  // namespace scn::check
