// One source file: imports, parameters, default messages, procedures and test cases.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "scn/ast/step.h"
#include "scn/ast/unexpected.h"

namespace scn::ast {

struct Import {  // import ts34229.annex_a
  SourceLoc loc;
  std::vector<std::string> path;
  std::string dotted() const;
};

struct Param {  // param NAME = EXPR ["description"]
  SourceLoc loc;
  std::string name;
  ExprPtr value;
  std::optional<Text> description;
};

struct ConditionDecl {  // A1 "IMS security"
  SourceLoc loc;
  std::string code;
  std::string description;
};

struct ConditionalRows {  // when A1 or A7 { rows }
  SourceLoc loc;
  CondPtr when;
  std::vector<Assignment> rows;
};

// default "MO REFER" REFER "A.2.10" { conditions { ... } rows... when ... { rows } }
struct DefaultMessage {
  SourceLoc loc;
  std::string name;
  Message message;
  std::optional<Text> clause;
  std::vector<ConditionDecl> conditions;
  std::vector<Assignment> rows;
  std::vector<ConditionalRows> conditional_rows;
};

struct Procedure {  // procedure A.15.1 "title" { steps }
  SourceLoc loc;
  std::string name;
  std::optional<Text> title;
  std::vector<StepItem> items;
};

struct Testcase {  // testcase NAME "title" { parties steps }
  SourceLoc loc;
  SourceLoc end;  // the closing brace (the REPL inserts typed steps before it)
  std::string name;
  Text title;
  std::vector<PartyDecl> parties;  // empty: the parties are UE and SS
  std::optional<UnexpectedBlock> unexpected;  // tried before the file's and the stdlib's
  std::vector<StepItem> items;
};

struct Module {
  std::shared_ptr<const SourceFile> file;
  std::vector<Import> imports;
  std::vector<Param> params;
  std::vector<DefaultMessage> defaults;
  std::vector<Procedure> procedures;
  std::vector<Testcase> testcases;
  std::vector<UnexpectedBlock> unexpected;  // file-level blocks, in file order
};

}  // namespace scn::ast
