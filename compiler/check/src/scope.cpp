#include "scope.h"

namespace scn::check {

namespace {

template <class T>
std::vector<std::string> keys(const std::map<std::string, T>& map) {
  std::vector<std::string> out;
  for (const auto& [name, value] : map) out.push_back(name);
  return out;
}

std::string where(const ast::SourceLoc& loc) {
  return loc.path() + ":" + std::to_string(loc.line);
}

// Adds name -> decl; a different declaration of the same name is reported at `decl`.
// `shown` is how the message names it: procedure A.15.1, default message "MO REFER".
template <class T>
void add(std::map<std::string, const T*>& map, const std::string& name, const T* decl,
         const std::string& shown, Reporter& report) {
  if (name.empty()) return;
  auto [it, inserted] = map.emplace(name, decl);
  if (inserted || it->second == decl) return;
  report.error(decl->loc, shown + " is already defined at " + where(it->second->loc));
}

}  // namespace

std::vector<std::string> Scope::default_names() const { return keys(defaults); }
std::vector<std::string> Scope::procedure_names() const { return keys(procedures); }
std::vector<std::string> Scope::param_names() const { return keys(params); }

Scope build_scope(const modules::Program& program, std::size_t module, Reporter& report) {
  Scope scope;
  for (std::size_t m : program.visible(module)) {
    const ast::Module& mod = program.modules[m].module;
    for (const auto& d : mod.defaults)
      add(scope.defaults, d.name, &d, "default message \"" + d.name + "\"", report);
    for (const auto& p : mod.procedures)
      add(scope.procedures, p.name, &p, "procedure " + p.name, report);
    for (const auto& p : mod.params) add(scope.params, p.name, &p, "parameter " + p.name, report);
  }
  return scope;
}

}  // namespace scn::check
