// The only code that reads ANTLR parse trees: one transform function per grammar rule,
// each building the AST node of its rule with locations. Trees built during error
// recovery may lack any child, so every child is checked before use. Problems the
// grammar cannot express (unknown roles, missing units, numbers out of range) are
// reported here, under the statement being transformed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ScnParser.h"
#include "diag_sink.h"
#include "scn/ast/module.h"
#include "scn/parse/frontend.h"

namespace scn::parse {

class Transformer {
public:
  using P = grammar::ScnParser;

  Transformer(DiagSink& sink, const Limits& limits) : sink_(sink), limits_(limits) {}

  ast::Module transform_module(P::ModuleContext* ctx);
  ast::ExprPtr transform_interpolation(P::InterpolationContext* ctx);

  // Declarations (transform_decl.cpp).
  ast::Import transform_import(P::ImportDeclContext* ctx);
  ast::Param transform_param(P::ParamDeclContext* ctx);
  ast::Testcase transform_testcase(P::TestcaseDeclContext* ctx);
  ast::PartyDecl transform_party(P::PartyDeclContext* ctx);
  ast::Procedure transform_procedure(P::ProcedureDeclContext* ctx);
  ast::DefaultMessage transform_default(P::DefaultDeclContext* ctx);
  void transform_conditions(P::ConditionsBlockContext* ctx, ast::DefaultMessage& out);
  ast::ConditionalRows transform_conditional_rows(P::ConditionalRowsContext* ctx);

  // Rules for unexpected messages (transform_unexpected.cpp).
  ast::UnexpectedBlock transform_unexpected(P::UnexpectedBlockContext* ctx);
  ast::UnexpectedRule transform_unexpected_rule(P::UnexpectedRuleContext* ctx);
  void transform_unexpected_action(P::UnexpectedActionContext* ctx, ast::UnexpectedRule& rule,
                                   bool& has_verdict);
  void transform_answer(P::UnexpectedActionContext* ctx, ast::UnexpectedRule& rule);

  // Steps (transform_step.cpp).
  std::vector<ast::StepItem> transform_step_block(P::StepBlockContext* ctx);
  std::optional<ast::StepItem> transform_step_item(P::StepItemContext* ctx);
  ast::Step transform_step(P::StepContext* ctx);
  int transform_step_number(P::StepNumberContext* ctx);
  ast::Direction transform_direction(P::DirectionContext* ctx);
  // make PARTY ACTION ...: the action, and the comment into `step`.
  ast::Action transform_step_action(P::StepActionContext* ctx, ast::Step& step);
  ast::ExprPtr transform_action_operand(P::ActionOperandContext* ctx);
  // wait DURATION: the duration, and the comment into `step`.
  ast::Wait transform_wait_step(P::WaitStepContext* ctx, ast::Step& step);
  // Media steps (transform_media.cpp): the operation and checks; parties, dialog and
  // comment into `step`.
  ast::Media transform_step_media(P::StepMediaContext* ctx, ast::Step& step);
  ast::MediaCheck transform_media_check(P::MediaCheckItemContext* ctx);
  void transform_media_operand(P::MediaWordContext* ctx, ast::Media& out, ast::Step& step);
  // 440 Hz (an expression and its unit) or 440Hz (one bad number).
  ast::ExprPtr transform_hertz(P::ExprContext* value, antlr4::Token* unit, antlr4::Token* glued);
  ast::RelayClause transform_relay(P::RelayClauseContext* ctx);
  ast::Message transform_message(P::MessageContext* ctx);
  void transform_dialog_clause(P::DialogClauseContext* ctx, ast::Step& step);
  ast::UseClause transform_use(P::UseClauseContext* ctx);
  ast::ExceptBlock transform_except(P::ExceptBlockContext* ctx);
  ast::StepsRef transform_steps_ref(P::StepsRefContext* ctx);
  std::vector<ast::PartyBinding> transform_party_map(P::PartyMapContext* ctx);
  ast::PartyBinding transform_party_binding(P::PartyBindingContext* ctx);
  ast::StepException transform_step_exception(P::StepExceptionContext* ctx);
  ast::OptionalBlock transform_optional(P::OptionalBlockContext* ctx);
  ast::Expr transform_duration(P::DurationContext* ctx);
  ast::EitherBlock transform_either(P::EitherBlockContext* ctx);
  ast::AnyOrderBlock transform_any_order(P::AnyOrderBlockContext* ctx);
  ast::WhenBlock transform_when_block(P::WhenBlockContext* ctx);

  // Rows and conditions (transform_value.cpp).
  ast::Assignment transform_row(P::RowContext* ctx);
  ast::Path transform_path(P::PathContext* ctx);
  ast::PathSegment transform_path_segment(P::PathSegmentContext* ctx);
  // ci:users: a name with its prefix; quoted = true when a part was written in quotes.
  std::string transform_xml_name(P::XmlNameContext* ctx, bool& quoted);
  // [N] or [name = "value"] on the segment.
  void transform_index(P::IndexContext* ctx, ast::PathSegment& into);
  ast::RowValue transform_row_value(P::RowValueContext* ctx);
  ast::ValueItem transform_value_item(P::ValueItemContext* ctx);
  ast::CondPtr transform_cond(P::CondExprContext* ctx);

  // Expressions (transform_expr.cpp).
  ast::ExprPtr transform_expr(P::ExprContext* ctx);
  ast::ExprPtr transform_operand(P::OperandContext* ctx);
  ast::ExprPtr transform_primary(P::PrimaryContext* ctx);
  ast::ExprPtr transform_argument(P::ArgumentContext* ctx);
  ast::ExprPtr transform_uri(antlr4::Token* token);
  ast::ExprPtr transform_string(antlr4::Token* token);
  ast::ExprPtr transform_int(antlr4::Token* token);
  std::string transform_proc_name(P::ProcNameContext* ctx);
  // A name after a dot: an identifier, a keyword, or a quoted string (quoted = true).
  std::string transform_member_name(P::MemberNameContext* ctx, bool& quoted);

private:
  // Problems found while transforming belong to the innermost statement being built.
  class StatementScope {
  public:
    StatementScope(Transformer& t, antlr4::ParserRuleContext* ctx);
    ~StatementScope() { t_.statement_ = saved_; }
    StatementScope(const StatementScope&) = delete;
    StatementScope& operator=(const StatementScope&) = delete;

  private:
    Transformer& t_;
    std::size_t saved_;
  };

  ast::SourceLoc loc(antlr4::Token* token) const;
  ast::SourceLoc loc(antlr4::ParserRuleContext* ctx) const;
  void error(const ast::SourceLoc& at, std::string message);
  void warning(const ast::SourceLoc& at, std::string message);
  std::optional<ast::Text> text(antlr4::Token* string_token);  // unescaped, with location
  std::optional<std::int64_t> number(antlr4::Token* int_token, const char* what);
  ast::CondPtr flatten_cond(P::CondExprContext* ctx, ast::CondOp op);
  ast::ExprPtr interpolate(const std::string& text, std::uint32_t line, std::uint32_t col);

  DiagSink& sink_;
  Limits limits_;
  std::size_t statement_ = DiagSink::no_statement;
  // Set while transforming a test case that declares parties: its steps may name any
  // party (the checker resolves them); elsewhere a step names UE and SS only.
  bool parties_declared_ = false;
  bool in_procedure_ = false;  // party lines there get their own explanation
};

// The text of a token really in the input, or "" for a missing one.
std::string token_text(antlr4::Token* token);
std::string token_text(antlr4::tree::TerminalNode* node);

}  // namespace scn::parse
