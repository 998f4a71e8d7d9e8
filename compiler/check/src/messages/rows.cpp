#include "rows.h"

#include <regex>

#include "exprs/paths.h"
#include "vocabulary.h"

namespace scn::check {

namespace {

using schema::ValueType;

std::string quote(const std::string& s) { return "'" + s + "'"; }

bool is_flag(ValueType t) { return t == ValueType::flag; }
bool valueless_ok(ValueType t) { return t == ValueType::flag || t == ValueType::feature_value; }

class RowChecker {
 public:
  RowChecker(const ResolvedPath& path, const RowMode& mode, ExprResolver& exprs, Env& env)
      : path_(path), mode_(mode), exprs_(exprs), env_(env) {}

  std::optional<RowItem> item(const ast::ValueItem& item) {
    RowItem out;
    out.loc = item.loc;
    const auto& node = item.node;
    if (const auto* expr = std::get_if<ast::ExprPtr>(&node)) {
      out.kind = MatchKind::equal;
      if (!*expr) return std::nullopt;
      if (const auto* call = std::get_if<ast::Call>(&(*expr)->node);
          call && call->callee == "digest_response")
        return digest(**expr, *call, out);
      return value(**expr, out) ? std::optional(out) : std::nullopt;
    }
    if (std::holds_alternative<ast::MatchPresent>(node)) {
      out.kind = MatchKind::present;
      if (ss_builds() && !valueless_ok(path_.type)) {
        error(item.loc, "the SS sends concrete values: 'present' only says that the UE's "
                        "message must have " + quote(path_.text) +
                        "; give the value to send, or 'absent' to leave it out");
        return std::nullopt;
      }
      return out;
    }
    if (std::holds_alternative<ast::MatchAbsent>(node)) {
      out.kind = MatchKind::absent;
      return out;
    }
    if (std::holds_alternative<ast::MatchAny>(node)) {
      out.kind = MatchKind::any;
      return matcher_allowed(item.loc, "any") ? std::optional(out) : std::nullopt;
    }
    if (const auto* starts = std::get_if<ast::MatchStarts>(&node)) {
      out.kind = MatchKind::starts;
      if (!matcher_allowed(item.loc, "starts") || !starts->prefix) return std::nullopt;
      auto typed = exprs_.resolve(*starts->prefix);
      if (!typed) return std::nullopt;
      out.values.push_back(std::move(typed->value));
      return out;
    }
    if (const auto* regex = std::get_if<ast::MatchRegex>(&node)) {
      out.kind = MatchKind::regex;
      out.regex = regex->pattern;
      if (!matcher_allowed(item.loc, "matches")) return std::nullopt;
      return compiles(regex->pattern, item.loc) ? std::optional(out) : std::nullopt;
    }
    if (const auto* one_of = std::get_if<ast::MatchOneOf>(&node)) {
      out.kind = MatchKind::one_of;
      if (!matcher_allowed(item.loc, "one of")) return std::nullopt;
      bool ok = true;
      for (const auto& option : one_of->options)
        ok = option && value(*option, out) && ok;
      return ok ? std::optional(out) : std::nullopt;
    }
    return std::nullopt;
  }

 private:
  // In the mirror, a played party sends what was written for a UE: its matchers become
  // example values when lowered (ir/lower_rows.cpp).
  bool ss_builds() const {
    return mode_.direction == Direction::ss_to_ue && !mode_.from_default && !env_.mirror;
  }

  bool matcher_allowed(const ast::SourceLoc& loc, const char* word) {
    if (!ss_builds()) return true;
    error(loc, std::string("the SS sends concrete values: '") + word +
                   "' only makes sense for what the UE sends; give the value to send");
    return false;
  }

  // Authorization.response = digest_response(user, password): checked against the
  // challenge the SS issued, at run time.
  std::optional<RowItem> digest(const ast::Expr& expr, const ast::Call& call, RowItem& out) {
    const bool credentials = path_.root == PathRoot::header &&
                             (path_.name == "Authorization" || path_.name == "Proxy-Authorization") &&
                             path_.member_kind == MemberKind::param && path_.member == "response";
    if (!credentials) {
      error(expr.loc, "digest_response(...) checks the response of the UE's credentials: write "
                      "it on Authorization.response or Proxy-Authorization.response, not " +
                      quote(path_.text));
      return std::nullopt;
    }
    if (mode_.direction == Direction::ss_to_ue && !env_.mirror) {
      error(expr.loc, "digest_response(...) checks what the UE sends; the SS sends no "
                      "credentials");
      return std::nullopt;
    }
    auto values = exprs_.resolve_digest_response(expr, call);
    if (!values) return std::nullopt;
    out.kind = MatchKind::digest;
    out.values = std::move(*values);
    return out;
  }

  // A challenge is made by the SS, as the whole value of its WWW-Authenticate or
  // Proxy-Authenticate header.
  bool challenge_allowed(const ast::Expr& expr) {
    const bool header = path_.root == PathRoot::header &&
                        (path_.name == "WWW-Authenticate" || path_.name == "Proxy-Authenticate") &&
                        path_.member_kind == MemberKind::none;
    if (!header) {
      error(expr.loc, "a challenge is the whole value of WWW-Authenticate or Proxy-Authenticate, "
                      "not of " + quote(path_.text));
      return false;
    }
    if (mode_.direction == Direction::ue_to_ss && !env_.mirror) {
      error(expr.loc, "the SS makes challenges: a UE's challenge cannot be predicted; match its "
                      "parameters instead, as in WWW-Authenticate.realm = \"...\"");
      return false;
    }
    return true;
  }

  // SDP from the played party's media endpoint is the whole body of an SS message.
  bool sdp_allowed(const ast::Expr& expr) {
    if (path_.root != PathRoot::body || !path_.xml_path.empty()) {
      error(expr.loc, "sdp_answer() and sdp_offer() give a whole body: write body = "
                      "sdp_answer(), not " + quote(path_.text) + " = ...");
      return false;
    }
    if (mode_.direction == Direction::ue_to_ss && !env_.mirror) {
      error(expr.loc, "sdp_answer() and sdp_offer() are the SS's SDP; match what the UE sends "
                      "with body paths instead, as in body.sdp.m[audio].port = present");
      return false;
    }
    return true;
  }

  bool compiles(const std::string& pattern, const ast::SourceLoc& loc) {
    try {
      std::regex re(pattern, std::regex::ECMAScript);
      return true;
    } catch (const std::regex_error& e) {
      error(loc, "this regular expression does not compile: " + std::string(e.what()));
      return false;
    }
  }

  // An expression compared to (or sent as) the value of the path.
  bool value(const ast::Expr& expr, RowItem& out) {
    auto typed = exprs_.resolve(expr);
    if (!typed) return false;
    if (std::holds_alternative<ChallengeValue>(typed->value.node) && !challenge_allowed(expr))
      return false;
    if (std::holds_alternative<SdpValue>(typed->value.node) && !sdp_allowed(expr)) return false;
    if (is_flag(path_.type) && typed->type.kind != Kind::boolean) {
      error(expr.loc, quote(path_.text) + " is a flag without a value: write present or absent");
      return false;
    }
    if (auto why = mismatch(path_.type, typed->type, typed->value)) {
      error(expr.loc, quote(path_.text) + " expects " + expectation(path_.type) + *why);
      return false;
    }
    if (auto text = literal_text(typed->value)) check_vocabulary(path_, *text, expr.loc, env_);
    out.values.push_back(std::move(typed->value));
    return true;
  }

  void error(const ast::SourceLoc& loc, std::string message) {
    env_.report.error(loc, std::move(message));
  }

  const ResolvedPath& path_;
  const RowMode& mode_;
  ExprResolver& exprs_;
  Env& env_;
};

// How many values the path can hold: a whole list header holds several.
bool holds_list(const ResolvedPath& path) {
  return path.list && !path.index && path.member_kind == MemberKind::none;
}

}  // namespace

bool is_absent(const Row& row) {
  return row.items.size() == 1 && row.items.front().kind == MatchKind::absent;
}

std::optional<CheckedRow> check_row(const ast::Assignment& row, const MessageShape& shape,
                                    const RowMode& mode, ExprResolver& exprs, Env& env) {
  auto path = resolve_path(row.path, shape, env);
  if (!path) return std::nullopt;
  CheckedRow out;
  out.row.loc = row.loc;
  out.row.path = *path;
  out.row.source = mode.source;
  RowChecker checker(out.row.path, mode, exprs, env);
  bool has_absent = false;
  for (const ast::ValueItem& item : row.value.items) {
    has_absent = has_absent || std::holds_alternative<ast::MatchAbsent>(item.node);
    if (auto checked = checker.item(item)) out.row.items.push_back(std::move(*checked));
  }
  const auto& items = row.value.items;
  if (has_absent && items.size() > 1) {
    env.report.error(row.value.loc, "'absent' cannot be combined with other values of " +
                                        quote(path->text));
  } else if (items.size() > 1 && !holds_list(*path)) {
    env.report.error(items[1].loc, quote(path->text) + " holds one value, but " +
                                       std::to_string(items.size()) + " are given");
  }
  if (const auto& capture = row.value.capture) {
    if (mode.direction == Direction::ss_to_ue && !mode.from_default && !env.mirror) {
      env.report.error(capture->loc, "'-> " + capture->name +
                                         "' stores what the UE sends, but the SS sends this "
                                         "message: use the value itself");
    } else if (env.scope.params.count(capture->name)) {
      env.report.error(capture->loc, quote(capture->name) +
                                         " is a parameter: store the value under another name");
    } else {
      out.capture = capture->name;
      out.capture_loc = capture->loc;
    }
  }
  return out;
}

}  // namespace scn::check
