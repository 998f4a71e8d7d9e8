// Walking a flat step list in order: which request each response answers, which
// dialog each step is in, which values are stored where, what step(N) and request.PATH
// refer to, and each step's rows after its default message and exceptions.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "exprs/exprs.h"
#include "scn/ast/actions.h"
#include "flatten.h"
#include "messages/rows.h"

namespace scn::check {

enum class FlowMode {
  testcase,   // a test case: every name must be known
  procedure,  // a procedure checked on its own: names a test case may provide are left open
};

// Checks the steps of a flattened container and builds its checked steps, windows,
// groups, dialogs and slots. `ns` is "" for a test case, the procedure's name otherwise.
// `parties` are the container's (UE and SS for a procedure or a test case declaring none);
// `declared` says whether the test case declared them.
Testcase check_flow(const Flattened& flat, FlowMode mode, const std::string& ns,
                    const std::vector<Party>& parties, bool declared, Env& env);

class Flow : public FlowView {
 public:
  Flow(const Flattened& flat, FlowMode mode, std::string ns, const std::vector<Party>& parties,
       bool declared, Env& env);
  Testcase run();

  std::optional<StepTarget> step_ref(const std::string& procedure, std::int64_t number,
                                     const ast::SourceLoc& loc) override;
  std::optional<StepTarget> answered_request(const ast::SourceLoc& loc) override;
  std::optional<std::size_t> dialog(const std::string& name, const ast::SourceLoc& loc) override;
  StoredLookup stored(const std::string& name, const ast::SourceLoc& loc) override;
  std::vector<std::string> stored_names() const override;
  std::optional<std::string> party(const std::string& name, const ast::SourceLoc& loc) override;

 private:
  struct OpenRequest {
    std::size_t step = 0;
    std::size_t from = 0;
    std::size_t to = 1;
    std::string method;
    std::size_t dialog = 0;
    bool final_answer = false;
  };
  // What a branch of an either starts from: the state before the block.
  struct Snapshot {
    std::vector<OpenRequest> open;
    std::map<std::string, std::size_t> dialog_names;
  };

  void check_step(std::size_t index);
  void enter_branch(std::size_t index);
  void check_provisional_status(const Step& step);
  std::optional<std::size_t> find_request(const ast::Step& step, const Step& out);
  void note_request(const ast::Step& step, std::size_t index);

  // Parties (flow_parties.cpp).
  std::optional<std::size_t> party_index(const std::string& name, const ast::SourceLoc& loc);
  void resolve_direction(const ast::Step& step, Step& out);
  std::string party_name(std::size_t index) const { return parties_.at(index).name; }

  // Dialogs (flow_dialogs.cpp).
  std::size_t resolve_dialog(const ast::Step& step, const Step& out,
                             std::optional<std::size_t> answered);
  bool serves(const Dialog& dialog, std::size_t a, std::size_t b) const;
  std::size_t implicit_dialog(std::size_t a, std::size_t b);
  void check_dialog_parties(std::size_t dialog, const Step& out, const ast::Name& name);
  void note_relayed_dialog(std::size_t relayed, const Step& out);

  // Relays and actions (flow_relay.cpp, flow_action.cpp).
  std::optional<std::size_t> relay_source(const ast::Step& step, const Step& out);
  void check_relayed_response(const Step& source, const Step& out, const ast::SourceLoc& loc);
  void check_action(const ast::Step& step, Step out);
  std::optional<Value> action_operand(const ast::Expr& expr, ast::OperandKind kind);
  // Wait steps (flow_wait.cpp).
  void check_wait(const ast::Step& step, Step out);
  // Media steps (flow_media.cpp).
  void check_media(const ast::Step& step, Step out);
  std::optional<Value> media_value(const ast::Expr& expr, bool digits);
  std::int64_t check_window(const ast::Expr& duration);
  void add_media_check(const ast::MediaCheck& check, Media& into);

  // Steps that never both run before the current one: another branch of its either, or
  // another member of its any-order block.
  bool exclusive(std::size_t a, std::size_t b) const;
  bool unordered(std::size_t a, std::size_t b) const;
  bool in_every_branch(std::size_t index) const;
  std::vector<Row> build_rows(const ast::Step& step, Step& out, const MessageShape& shape);
  void add_rows(const std::vector<ast::Assignment>& rows, RowSource source, Direction dir,
                const MessageShape& shape, std::vector<Row>& into);
  void merge(Row row, std::vector<Row>& into);
  std::optional<std::size_t> store(const std::string& name, const ResolvedPath& path, bool sent,
                                   const ast::SourceLoc& loc);
  std::optional<Cond> condition(const ast::CondExpr& cond);
  // The current step's condition: its `when` blocks' and its own, all of which must hold.
  std::optional<Cond> step_condition(const ast::CondPtr& own);
  MessageShape shape_of(std::size_t index) const;
  std::optional<StepTarget> target_of(std::size_t index, const std::string& label,
                                      const ast::SourceLoc& loc);

  // Reports a problem with the flow at the step being checked: at `loc` for the
  // container's own steps; at the reference that brought a procedure's step in, worded
  // by `in_reference`, when the problem only exists in this container.
  void flow_error(const ast::SourceLoc& loc, const std::string& message,
                  const std::string& in_reference);
  const FlatStep& current() const { return flat_.steps[current_]; }
  std::string current_label() const;

  const Flattened& flat_;
  FlowMode mode_;
  std::string ns_;
  const std::vector<Party>& parties_;
  bool declared_;
  Env& env_;
  std::map<std::size_t, Snapshot> snapshots_;  // either group -> the state before it
  std::map<std::size_t, std::size_t> dialog_creator_;  // dialog -> the step that created it
  std::set<std::pair<const ast::StepsRef*, std::string>> unknown_reported_;
  std::size_t current_ = 0;
  std::vector<Step> steps_;
  std::vector<Dialog> dialogs_;
  std::map<std::string, std::size_t> dialog_names_;
  std::vector<OpenRequest> open_;
  std::optional<std::size_t> answering_;  // the request the current step answers
  std::vector<Slot> slots_;
  std::map<std::string, std::size_t> slot_names_;
  std::map<std::string, std::vector<std::size_t>> storers_;  // name -> steps storing it
  std::map<int, std::vector<std::size_t>> numbered_;          // number -> steps with it
  std::map<const ast::CondExpr*, std::optional<Cond>> block_conditions_;  // `when` blocks
};

}  // namespace scn::check
