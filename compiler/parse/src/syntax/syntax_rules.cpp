// Explanations tied to the rule the parser was in: a missing arrow, a 'use' without a
// quoted name, an incomplete step range, a missing '=' ...
#include "ScnLexer.h"
#include "ScnParser.h"
#include "parse_tree.h"
#include "scn/support/suggest.hpp"
#include "syntax_messages.h"

namespace scn::parse {

using grammar::ScnLexer;
using grammar::ScnParser;

namespace {

std::string text_of(antlr4::Token* token) {
  return real_token(token) != nullptr ? token->getText() : "";
}

// "UE -> SS" of the step that contains ctx, or "" when not known.
std::string direction_text(antlr4::ParserRuleContext* ctx) {
  for (; ctx != nullptr; ctx = parent_rule(ctx)) {
    auto* step = dynamic_cast<ScnParser::StepContext*>(ctx);
    if (step == nullptr) continue;
    ScnParser::DirectionContext* d = step->direction();
    if (d == nullptr || text_of(d->from).empty() || text_of(d->to).empty()) return "";
    return text_of(d->from) + " -> " + text_of(d->to);
  }
  return "";
}

bool is_role(const std::string& name) { return name == "UE" || name == "SS"; }

Explanation explain_direction(const SyntaxProblem& p, ScnParser::DirectionContext* d) {
  antlr4::Token* t = p.token;
  antlr4::Token* from_token = d != nullptr ? real_token(d->from) : nullptr;
  std::string from = text_of(from_token);
  if (from.empty()) {
    return {t, "expected a direction such as 'UE -> SS' after the step number, found " +
                   describe_token(t)};
  }
  std::size_t dash = from.find('-');
  if (dash != std::string::npos && is_role(from.substr(0, dash)) &&
      is_role(from.substr(dash + 1))) {
    return {from_token, "expected '->' between " + from.substr(0, dash) + " and " +
                            from.substr(dash + 1) + ": write " + from.substr(0, dash) + " -> " +
                            from.substr(dash + 1)};
  }
  if (!is_role(from)) {
    if (t->getType() == ScnLexer::ID && support::suggest(from, std::vector<std::string>{"make"}))
      return {from_token, "unknown keyword '" + from + "'; did you mean 'make'?"};
    return {from_token, "expected a direction (UE -> SS or SS -> UE) before '" + from + "'"};
  }
  if (expects(p.expected, ScnLexer::ARROW)) {
    if (t->getType() == ScnLexer::ID) {
      return {t, "missing '->' between " + from + " and " + t->getText()};
    }
    return {t, "expected '->' after '" + from + "'"};
  }
  return {t, "expected a role (UE or SS) after '->', found " + describe_token(t)};
}

Explanation explain_message(const SyntaxProblem& p) {
  if (auto* head = dynamic_cast<ScnParser::DefaultHeadContext*>(parent_rule(p.ctx))) {
    return {p.token, "expected the method or status code of default message " +
                         text_of(head->name) + ", found " + describe_token(p.token)};
  }
  std::string direction = direction_text(p.ctx);
  return {p.token, "expected a method (such as INVITE) or a status code (such as 200 OK)" +
                       (direction.empty() ? "" : " after '" + direction + "'") + ", found " +
                       describe_token(p.token)};
}

// After which token a value was expected, for "expected a value after '='".
Explanation explain_value(const SyntaxProblem& p) {
  antlr4::Token* before = previous_token(p.parser->getTokenStream(), p.token->getTokenIndex());
  std::size_t type = before != nullptr ? before->getType() : 0;
  std::string found = describe_token(p.token);
  switch (type) {
    case ScnLexer::ASSIGN: case ScnLexer::PLUS: case ScnLexer::COMMA:
      return {p.token, "expected a value after '" + before->getText() + "', found " + found};
    case ScnLexer::STARTS:
      return {p.token, "'starts' needs a prefix, as in starts \"z9hG4bK\""};
    case ScnLexer::WHEN: case ScnLexer::AND: case ScnLexer::OR: case ScnLexer::NOT:
      return {p.token, "expected a condition after '" + before->getText() + "', found " + found};
    default: return {};
  }
}

Explanation explain_head(const SyntaxProblem& p, std::size_t rule) {
  antlr4::Token* t = p.token;
  switch (rule) {
    case ScnParser::RuleTestcaseHead: {
      auto* head = dynamic_cast<ScnParser::TestcaseHeadContext*>(p.ctx);
      if (expects(p.expected, ScnLexer::ID)) {
        return {t, "missing test case name: write testcase NAME \"title\" { ... }"};
      }
      return {t, "missing test case title: add a quoted title after '" +
                     text_of(head != nullptr ? head->name : nullptr) + "'"};
    }
    case ScnParser::RuleDefaultHead:
      return {t, "a default message needs a quoted name, as in default \"MO REFER\" REFER { ... }"};
    case ScnParser::RuleImportDecl: case ScnParser::RuleModulePath:
      return {t, "expected a module name, as in import ts34229.annex_a"};
    case ScnParser::RuleParamDecl: {
      auto* param = dynamic_cast<ScnParser::ParamDeclContext*>(p.ctx);
      if (param == nullptr) return {};
      if (real_token(param->ID()) == nullptr) {
        return {t, "expected a parameter name after 'param'"};
      }
      if (expects(p.expected, ScnLexer::ASSIGN)) {
        return {t, "missing '=' after parameter '" + text_of(param->ID()->getSymbol()) + "'"};
      }
      return {};
    }
    default: return {};
  }
}

Explanation explain_steps_ref(const SyntaxProblem& p, std::size_t rule) {
  antlr4::Token* t = p.token;
  switch (rule) {
    case ScnParser::RuleStepRange:
      return {t, "incomplete step range: expected the last step number after '-', as in "
                 "steps 1-7 of A.15.1"};
    case ScnParser::RuleStepsRef:
      return {t, "expected 'of' and a procedure, as in steps 1-7 of A.15.1"};
    case ScnParser::RuleProcName:
      if (dynamic_cast<ScnParser::ProcedureHeadContext*>(parent_rule(p.ctx)) != nullptr) {
        return {t, "missing procedure name: write procedure A.15.1 \"title\" { ... }"};
      }
      return {t, "expected a procedure name such as A.15.1, found " + describe_token(t)};
    case ScnParser::RuleStepException:
      if (expects(p.expected, ScnLexer::COLON)) return {t, "expected ':' after the step number"};
      if (expects(p.expected, ScnLexer::LBRACE)) {
        return {t, "expected '{' and the rows that change this step"};
      }
      return {};
    default: return {};
  }
}

// Parties, relays, actions and either blocks (docs/parties.md).
Explanation explain_party_parts(const SyntaxProblem& p, std::size_t rule) {
  antlr4::Token* t = p.token;
  switch (rule) {
    case ScnParser::RuleRelayClause:
      return {t, "'relay' needs the step it forwards, as in relay 5 or relay A.25:3"};
    case ScnParser::RuleStepAction: {
      auto* action = dynamic_cast<ScnParser::StepActionContext*>(p.ctx);
      if (action == nullptr || !expects(p.expected, ScnLexer::ID)) return {};
      if (real_token(action->party) == nullptr)
        return {t, "expected the party to make act after 'make', as in make UE dial \"sip:...\""};
      return {t, "expected an action after 'make " + text_of(action->party) +
                     "', such as dial, answer or hangup"};
    }
    case ScnParser::RuleEitherBlock:
      if (expects(p.expected, ScnLexer::OR))
        return {t, "'either' needs two or more branches: either { ... } or { ... }"};
      return {};
    case ScnParser::RulePartyDecl:
      return {t, "expected a party's name and kind, as in party UE1 ue \"description\""};
    case ScnParser::RulePartyBinding: case ScnParser::RulePartyMap:
      return {t, "expected a mapping such as UE = UE1 after 'with'"};
    default: return {};
  }
}

Explanation explain_step_parts(const SyntaxProblem& p, std::size_t rule) {
  antlr4::Token* t = p.token;
  switch (rule) {
    case ScnParser::RuleUseClause:
      return {t, "'use' needs the default message's name in quotes, as in use \"MO REFER\""};
    case ScnParser::RuleConditionList: case ScnParser::RuleConditionRef:
      return {t, "expected a condition code such as A1, found " + describe_token(t)};
    case ScnParser::RuleDialogClause:
      if (expects(p.expected, ScnLexer::DIALOG)) {
        return {t, "expected 'dialog' after 'in', as in in dialog sub"};
      }
      return {t, "expected a dialog name, found " + describe_token(t)};
    case ScnParser::RuleOptionalBlock:
      if (expects(p.expected, ScnLexer::WITHIN)) {
        return {t, "'optional' needs 'within' and a duration, as in optional within 3s { ... }"};
      }
      return {};
    case ScnParser::RuleDuration:
      if (dynamic_cast<ScnParser::StepActionContext*>(parent_rule(p.ctx)) != nullptr)
        return {t, "'within' needs a duration, as in make UE hangup within 5s"};
      return {t, "'optional within' needs a duration, as in optional within 3s { ... }"};
    default: return explain_party_parts(p, rule);
  }
}

// After '.' in a path, or after ':' in a prefixed XML name (ci:users).
Explanation explain_name(const SyntaxProblem& p) {
  antlr4::Token* before = previous_token(p.parser->getTokenStream(), p.token->getTokenIndex());
  const bool prefix = before != nullptr && before->getType() == ScnLexer::COLON;
  return {p.token, std::string("expected a name after '") + (prefix ? ":" : ".") + "', found " +
                       describe_token(p.token)};
}

// Inside [...] of a path: a header's value by number, or an element of a body by
// position or attribute (body.conference-info.users.user[entity = "sip:u@h"]).
Explanation explain_index(const SyntaxProblem& p) {
  auto* path = dynamic_cast<ScnParser::PathContext*>(parent_rule(p.ctx));
  if (path == nullptr) path = dynamic_cast<ScnParser::PathContext*>(parent_rule(parent_rule(p.ctx)));
  if (path == nullptr || text_of(path->pathHead) != "body")
    return {p.token, "expected a number between '[' and ']'"};
  if (expects(p.expected, ScnLexer::ASSIGN))
    return {p.token, "expected '=' after the attribute's name, as in user[entity = \"sip:u@h\"]"};
  return {p.token, "expected a position or an attribute's value between '[' and ']', as in "
                   "user[2] or user[entity = \"sip:u@h\"]"};
}

Explanation explain_row_parts(const SyntaxProblem& p, std::size_t rule) {
  antlr4::Token* t = p.token;
  switch (rule) {
    case ScnParser::RuleRow: {
      auto* row = dynamic_cast<ScnParser::RowContext*>(p.ctx);
      if (!expects(p.expected, ScnLexer::ASSIGN) || row == nullptr || row->path() == nullptr) {
        return {};
      }
      std::string path = p.parser->getTokenStream()->getText(row->path()->getSourceInterval());
      return {t, "missing '=' after '" + path + "'"};
    }
    case ScnParser::RuleValueItem:
      if (expects(p.expected, ScnLexer::REGEX)) {
        return {t, "'matches' needs a regular expression between slashes, as in matches /^z9/"};
      }
      if (expects(p.expected, ScnLexer::OF)) return {t, "expected 'of' after 'one'"};
      if (expects(p.expected, ScnLexer::LPAREN)) return {t, "expected '(' after 'one of'"};
      return explain_value(p);
    case ScnParser::RuleCapture:
      return {t, "expected a name after '->' to store the value in"};
    case ScnParser::RuleMemberName: case ScnParser::RulePathSegment: case ScnParser::RuleXmlName:
      return explain_name(p);
    case ScnParser::RuleIndex:
      return explain_index(p);
    case ScnParser::RuleRowValue: case ScnParser::RuleExpr: case ScnParser::RuleOperand:
    case ScnParser::RulePrimary: case ScnParser::RuleCondExpr: case ScnParser::RuleStepCondition:
      return explain_value(p);
    default: return {};
  }
}

// '{' expected where a block starts.
Explanation explain_block_start(const SyntaxProblem& p, std::size_t rule) {
  bool opens_here = expects(p.expected, ScnLexer::LBRACE) &&
                    child_token(p.ctx, ScnLexer::LBRACE) == nullptr;
  if (!opens_here) return {};
  switch (rule) {
    case ScnParser::RuleStepBlock:
      return {p.token, "expected '{' to start the steps"};
    case ScnParser::RuleExceptBlock: case ScnParser::RuleStepExceptions:
      return {p.token, "expected '{' after 'except'"};
    case ScnParser::RuleConditionsBlock:
      return {p.token, "expected '{' after 'conditions'"};
    case ScnParser::RuleConditionalRows:
      return {p.token, "expected '{' after the condition"};
    case ScnParser::RuleDefaultDecl:
      return {p.token, "expected '{' and the rows of the default message"};
    case ScnParser::RuleUnexpectedBlock:
      return {p.token, "expected '{' and the rules after 'unexpected'"};
    default: return {};
  }
}

}  // namespace

Explanation explain_in_rule(const SyntaxProblem& p) {
  if (p.ctx == nullptr || p.token == nullptr) return {};
  std::size_t rule = p.ctx->getRuleIndex();
  if (rule == ScnParser::RuleDirection) {
    return explain_direction(p, dynamic_cast<ScnParser::DirectionContext*>(p.ctx));
  }
  if (rule == ScnParser::RuleArrow) {
    return explain_direction(p, dynamic_cast<ScnParser::DirectionContext*>(parent_rule(p.ctx)));
  }
  if (rule == ScnParser::RuleMessage) return explain_message(p);
  if (rule == ScnParser::RuleUnexpectedRule || rule == ScnParser::RuleUnexpectedAction) {
    return {p.token, "unexpected " + describe_token(p.token) + " in a rule for unexpected "
                     "messages: write the pattern (a method, 'request' or 'malformed'), then "
                     "answer CODE, fail, inconc or record"};
  }
  // After the step number (and `when`): a direction, or `make` for an action.
  if (rule == ScnParser::RuleStep && expects(p.expected, ScnLexer::ID) &&
      expects(p.expected, ScnLexer::MAKE)) {
    return explain_direction(p, nullptr);
  }
  for (auto part : {explain_block_start, explain_head, explain_steps_ref, explain_step_parts,
                    explain_row_parts}) {
    Explanation e = part(p, rule);
    if (!e.message.empty()) return e;
  }
  return {};
}

}  // namespace scn::parse
