// Second pass over everything the files declared: link columns to methods, includes to
// paramsets and value types to their parts, then check names (check_names.cpp).
#include <algorithm>
#include <unordered_map>

#include "builder.hpp"
#include "scn/support/text.hpp"

namespace scn::schema::detail {

void check_names(Builder& b);  // check_names.cpp

namespace {

using support::iequals;

std::vector<std::string_view> column_candidates(const std::vector<MethodSpec>& methods) {
  std::vector<std::string_view> out;
  for (const auto& m : methods) {
    out.emplace_back(m.name);
    out.emplace_back(m.abbrev);
  }
  return out;
}

void check_methods(Builder& b) {
  const auto& methods = b.data.methods;
  for (std::size_t i = 0; i < methods.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      if (methods[i].name == methods[j].name)
        b.error(methods[i].loc, "method '" + methods[i].name + "' declared twice");
      else if (methods[i].abbrev == methods[j].abbrev)
        b.error(methods[i].loc, "abbreviation '" + methods[i].abbrev + "' already stands for " +
                                    methods[j].name);
    }
}

std::optional<std::size_t> find_column_method(const std::vector<MethodSpec>& methods,
                                              std::string_view name) {
  for (std::size_t i = 0; i < methods.size(); ++i)
    if (methods[i].name == name || methods[i].abbrev == name) return i;
  return std::nullopt;
}

void resolve_columns(Builder& b) {
  const auto candidates = column_candidates(b.data.methods);
  for (auto& cols : b.columns) {
    for (const auto& token : cols->names) {
      const auto index = find_column_method(b.data.methods, token.text);
      const SourceLoc loc{cols->file, cols->line, token.column};
      if (!index)
        b.error(loc, with_suggestion("unknown method '" + token.text + "' in columns",
                                     token.text, candidates));
      else if (std::count(cols->methods.begin(), cols->methods.end(), index) > 0)
        b.error(loc, "method '" + token.text + "' appears twice in columns");
      cols->methods.push_back(index);
    }
  }
}

void resolve_rules(Builder& b) {
  for (auto& pending : b.rules) {
    const auto& cols = pending.columns->methods;
    if (std::any_of(cols.begin(), cols.end(), [](const auto& m) { return !m.has_value(); }))
      continue;  // reported by resolve_columns
    Header& h = b.data.headers[pending.header];
    const auto same = std::find_if(h.rules.begin(), h.rules.end(), [&](const Rule& r) {
      return r.where.text == pending.rule.where.text;
    });
    if (same != h.rules.end()) {
      b.error(pending.rule.loc, "header '" + h.name + "' already has a 'where " +
                                    same->where.text + "' row (line " +
                                    std::to_string(same->loc.line) + ")");
      continue;
    }
    pending.rule.by_method.assign(b.data.methods.size(), Presence::unspecified);
    for (std::size_t i = 0; i < cols.size(); ++i)
      pending.rule.by_method[*cols[i]] = pending.values[i];
    h.rules.push_back(std::move(pending.rule));
  }
}

void resolve_includes(Builder& b) {
  std::vector<std::string_view> set_names;
  for (const auto& set : b.param_sets) {
    if (std::find(set_names.begin(), set_names.end(), set.name) != set_names.end())
      b.error(set.loc, "paramset '" + set.name + "' declared twice");
    set_names.emplace_back(set.name);
  }
  for (const auto& use : b.set_uses) {
    const auto set = std::find_if(b.param_sets.begin(), b.param_sets.end(),
                                  [&](const ParamSet& s) { return s.name == use.set; });
    if (set == b.param_sets.end()) {
      b.error(use.loc, with_suggestion("unknown paramset '" + use.set + "'", use.set, set_names));
      continue;
    }
    auto& params = b.data.headers[use.header].params;
    for (auto p : set->params) {
      p.from_set = set->name;
      params.push_back(std::move(p));
    }
  }
}

void resolve_parts(Builder& b) {
  for (std::size_t i = 0; i < b.type_parts.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (b.type_parts[i].type == b.type_parts[j].type)
        b.error(b.type_parts[i].loc, "parts of '" + std::string(to_string(b.type_parts[i].type)) +
                                         "' declared twice");
  for (auto& h : b.data.headers) {
    const auto common = std::find_if(b.type_parts.begin(), b.type_parts.end(),
                                     [&](const TypeParts& t) { return t.type == h.type; });
    if (common != b.type_parts.end())
      h.parts.insert(h.parts.begin(), common->parts.begin(), common->parts.end());
  }
}

template <class Spec>
void check_unique(Builder& b, const Header& h, const std::vector<Spec>& specs,
                  const char* what) {
  for (std::size_t i = 0; i < specs.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (iequals(specs[i].name, specs[j].name)) {
        b.error(specs[i].loc, std::string(what) + " '" + specs[i].name + "' of header '" +
                                  h.name + "' declared twice (also at line " +
                                  std::to_string(specs[j].loc.line) + ")");
        break;
      }
}

void check_aliases(Builder& b, const Header& h) {
  for (const auto& p : h.parts) {
    if (p.alias_of.empty()) continue;
    const auto target = std::find_if(h.parts.begin(), h.parts.end(), [&](const PartSpec& t) {
      return iequals(t.name, p.alias_of);
    });
    if (target == h.parts.end())
      b.error(p.loc, "alias '" + p.name + "' names no part of header '" + h.name + "'");
    else if (!target->alias_of.empty())
      b.error(p.loc, "alias '" + p.name + "' names another alias");
  }
}

void check_headers(Builder& b) {
  for (std::size_t i = 0; i < b.data.headers.size(); ++i) {
    const Header& h = b.data.headers[i];
    if (!b.header_has_type[i]) b.error(h.loc, "header '" + h.name + "' has no 'type' line");
    if (h.rules.empty())
      b.warning(h.loc, "header '" + h.name + "' has no 'where' rows; its presence is unspecified");
    check_unique(b, h, h.params, "param");
    check_unique(b, h, h.parts, "part");
    check_aliases(b, h);
  }
}

}  // namespace

void resolve(Builder& b) {
  check_methods(b);
  resolve_columns(b);
  resolve_rules(b);
  resolve_includes(b);
  resolve_parts(b);
  check_headers(b);
  check_names(b);
}

}  // namespace scn::schema::detail
