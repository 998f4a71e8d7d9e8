// Expressions: parameters, stored values, step(N).PATH, request.PATH, dialog(NAME).field,
// ss.*, ue.contact, party(NAME).address, reverse(...), subscribed(...), the registrar's
// aka_challenge(...) and digest_challenge(...), concatenation and URI interpolation.
// The resolver types them and turns them into checked Values; what they refer to in the
// flow (earlier steps, dialogs, stored values) is answered by a FlowView.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "env.h"
#include "scn/ast/value.h"

namespace scn::check {

struct Typed {
  Value value;
  StaticType type;
};

struct StepTarget {
  std::size_t index = 0;  // Testcase::steps
  MessageShape shape;
};

enum class NameState {
  found,     // a value stored earlier
  deferred,  // cannot be told here (a default message or a procedure checked alone)
  unknown,   // no such stored value: the resolver reports an unknown name
  reported,  // the view reported why the name cannot be used here
};

struct StoredLookup {
  NameState state = NameState::unknown;
  StoredValue value;
  StaticType type;
};

// What the flow around an expression says about the names it uses. Each method reports
// its own errors at `loc` and returns nothing (or `reported`) after doing so.
class FlowView {
 public:
  virtual ~FlowView() = default;
  // step(N) (procedure empty) or step(P:N).
  virtual std::optional<StepTarget> step_ref(const std::string& procedure, std::int64_t number,
                                             const ast::SourceLoc& loc) = 0;
  // The request the current response answers.
  virtual std::optional<StepTarget> answered_request(const ast::SourceLoc& loc) = 0;
  // dialog(NAME), or dialog() when name is empty.
  virtual std::optional<std::size_t> dialog(const std::string& name,
                                            const ast::SourceLoc& loc) = 0;
  virtual StoredLookup stored(const std::string& name, const ast::SourceLoc& loc) = 0;
  virtual std::vector<std::string> stored_names() const = 0;
  // party(NAME): the name of the test case's party NAME stands for (a procedure's UE and
  // SS are renamed by `with`).
  virtual std::optional<std::string> party(const std::string& name,
                                           const ast::SourceLoc& loc) = 0;
};

// The view of expressions that belong to no flow: default messages checked on their own
// (is_response tells whether `request` exists) and parameter values (constants only).
class DetachedFlow : public FlowView {
 public:
  enum class Kind { request_default, response_default, parameter };
  DetachedFlow(Env& env, Kind kind) : env_(env), kind_(kind) {}

  std::optional<StepTarget> step_ref(const std::string&, std::int64_t,
                                     const ast::SourceLoc& loc) override;
  std::optional<StepTarget> answered_request(const ast::SourceLoc& loc) override;
  std::optional<std::size_t> dialog(const std::string&, const ast::SourceLoc& loc) override;
  StoredLookup stored(const std::string& name, const ast::SourceLoc& loc) override;
  std::vector<std::string> stored_names() const override { return {}; }
  std::optional<std::string> party(const std::string& name, const ast::SourceLoc& loc) override;

 private:
  Env& env_;
  Kind kind_;
};

class ExprResolver {
 public:
  ExprResolver(Env& env, FlowView& flow) : env_(env), flow_(flow) {}

  std::optional<Typed> resolve(const ast::Expr& expr);
  // digest_response(user, password) as the matcher of a row (auth_calls.cpp): the two
  // values, or nothing after reporting why not.
  std::optional<std::vector<Value>> resolve_digest_response(const ast::Expr& expr,
                                                            const ast::Call& call);

 private:
  // aka_challenge(...) and digest_challenge(...) (auth_calls.cpp).
  std::optional<Typed> resolve_challenge(const ast::Expr& expr, const ast::Call& call);
  std::optional<std::vector<Value>> resolve_text_args(const ast::Call& call,
                                                      const std::string& usage);
  std::optional<Typed> resolve_name(const ast::Expr& expr, const std::string& name);
  std::optional<Typed> resolve_call(const ast::Expr& expr, const ast::Call& call);
  std::optional<Typed> resolve_chain(const ast::Expr& expr);
  std::optional<Typed> resolve_uri(const ast::Expr& expr, const ast::UriLit& uri);
  std::optional<Typed> resolve_concat(const ast::Expr& expr, const ast::Concat& concat);

  Env& env_;
  FlowView& flow_;
};

// The static type of a parameter's value (resolved once; a parameter defined through
// itself is reported and gets an unknown type).
StaticType param_type(Env& env, const ast::Param& param);

// "A7" looks like a condition code of a default message.
bool looks_like_condition_code(const std::string& name);

}  // namespace scn::check
