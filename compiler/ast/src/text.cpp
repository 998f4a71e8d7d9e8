#include "scn/ast/text.h"

namespace scn::ast {

namespace {

std::string escaped(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string ptr_text(const ExprPtr& expr) { return expr ? expr_text(*expr) : "?"; }

struct TextOf {
  std::string operator()(const StringLit& s) const { return escaped(s.value); }
  std::string operator()(const IntLit& i) const { return std::to_string(i.value); }
  std::string operator()(const BoolLit& b) const { return b.value ? "true" : "false"; }
  std::string operator()(const DurationLit& d) const {
    const char* unit = d.unit == TimeUnit::ms ? "ms" : d.unit == TimeUnit::s ? "s" : "min";
    return std::to_string(d.amount) + unit;
  }
  std::string operator()(const UriLit& u) const {
    std::string out = "<";
    for (const UriPart& part : u.parts) out += part.expr ? "{" + ptr_text(part.expr) + "}" : part.text;
    return out + ">";
  }
  std::string operator()(const NameRef& n) const { return n.name; }
  std::string operator()(const Member& m) const {
    return ptr_text(m.object) + "." + (m.quoted ? escaped(m.member) : m.member);
  }
  std::string operator()(const Index& i) const {
    return ptr_text(i.object) + "[" + std::to_string(i.index) + "]";
  }
  std::string operator()(const Call& c) const {
    std::string out = c.callee + "(";
    for (std::size_t i = 0; i < c.args.size(); ++i) out += (i ? ", " : "") + ptr_text(c.args[i]);
    return out + ")";
  }
  std::string operator()(const StepRef& r) const {
    return r.procedure + ":" + std::to_string(r.step);
  }
  std::string operator()(const Concat& c) const {
    std::string out;
    for (std::size_t i = 0; i < c.parts.size(); ++i) out += (i ? " + " : "") + ptr_text(c.parts[i]);
    return out;
  }
};

}  // namespace

std::string expr_text(const Expr& expr) { return std::visit(TextOf{}, expr.node); }

std::string cond_text(const CondExpr& cond) {
  switch (cond.op) {
    case CondOp::atom: return ptr_text(cond.atom);
    case CondOp::not_: {
      if (cond.operands.empty()) return "not ?";
      const CondExpr& operand = *cond.operands[0];
      bool wrap = operand.op == CondOp::and_ || operand.op == CondOp::or_;
      return wrap ? "not (" + cond_text(operand) + ")" : "not " + cond_text(operand);
    }
    case CondOp::and_:
    case CondOp::or_: break;
  }
  std::string out;
  const char* word = cond.op == CondOp::and_ ? " and " : " or ";
  for (std::size_t i = 0; i < cond.operands.size(); ++i) {
    const CondExpr& operand = *cond.operands[i];
    bool wrap = operand.op == CondOp::or_ || (operand.op == CondOp::and_ && cond.op == CondOp::and_);
    std::string text = cond_text(operand);
    out += (i ? word : "") + (wrap ? "(" + text + ")" : text);
  }
  return out;
}

}  // namespace scn::ast
