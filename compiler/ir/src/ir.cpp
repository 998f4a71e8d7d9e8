#include "scn/ir/ir.h"

namespace scn::ir {

const std::string* const_text(const Value& value) {
  const auto* c = std::get_if<Const>(&value.node);
  return c ? &c->text : nullptr;
}

bool is_const(const Value& value) { return const_text(value) != nullptr; }

}  // namespace scn::ir
