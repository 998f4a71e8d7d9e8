// What a module can name: its own default messages, procedures and parameters and those
// of every module it imports (directly or not).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "report.h"
#include "scn/ast/module.h"
#include "scn/modules/loader.h"

namespace scn::check {

struct Scope {
  std::map<std::string, const ast::DefaultMessage*> defaults;
  std::map<std::string, const ast::Procedure*> procedures;
  std::map<std::string, const ast::Param*> params;

  std::vector<std::string> default_names() const;
  std::vector<std::string> procedure_names() const;
  std::vector<std::string> param_names() const;
};

// Reports a name defined twice among the modules the scope sees, at the later definition.
Scope build_scope(const modules::Program& program, std::size_t module, Reporter& report);

}  // namespace scn::check
