// Dump of expressions, conditions and rows.
#include <cstdio>

#include "dump_writer.h"

namespace scn::ast::detail {

void DumpWriter::line(std::string_view kind, const SourceLoc& loc, std::string_view details) {
  out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  out_ += kind;
  out_ += '@' + std::to_string(loc.line) + ':' + std::to_string(loc.col);
  if (!details.empty()) {
    out_ += ' ';
    out_ += details;
  }
  out_ += '\n';
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char code[8];
          std::snprintf(code, sizeof code, "\\x%02X", static_cast<unsigned>(c));
          out += code;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

namespace {

const char* unit_name(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::ms: return "ms";
    case TimeUnit::s: return "s";
    case TimeUnit::min: return "min";
  }
  return "s";
}

struct ExprDumper {
  DumpWriter& w;
  const SourceLoc& loc;

  void operator()(const StringLit& s) { w.line("String", loc, quoted(s.value)); }
  void operator()(const IntLit& i) { w.line("Int", loc, std::to_string(i.value)); }
  void operator()(const BoolLit& b) { w.line("Bool", loc, b.value ? "true" : "false"); }
  void operator()(const DurationLit& d) {
    w.line("Duration", loc, std::to_string(d.amount) + unit_name(d.unit));
  }
  void operator()(const UriLit& u) {
    w.line("Uri", loc);
    Nested n(w);
    for (const UriPart& part : u.parts) {
      if (part.expr == nullptr) {
        w.line("UriText", part.loc, quoted(part.text));
        continue;
      }
      w.line("UriExpr", part.loc);
      Nested inner(w);
      dump_expr(w, part.expr.get());
    }
  }
  void operator()(const NameRef& n) { w.line("Name", loc, n.name); }
  void operator()(const Member& m) {
    w.line("Member", loc, m.quoted ? quoted(m.member) : m.member);
    Nested n(w);
    dump_expr(w, m.object.get());
  }
  void operator()(const Index& i) {
    w.line("Index", loc, "[" + std::to_string(i.index) + "]");
    Nested n(w);
    dump_expr(w, i.object.get());
  }
  void operator()(const Call& c) {
    w.line("Call", loc, c.callee);
    Nested n(w);
    for (const ExprPtr& arg : c.args) dump_expr(w, arg.get());
  }
  void operator()(const StepRef& r) {
    w.line("StepRef", loc, r.procedure + ":" + std::to_string(r.step));
  }
  void operator()(const Concat& c) {
    w.line("Concat", loc);
    Nested n(w);
    for (const ExprPtr& part : c.parts) dump_expr(w, part.get());
  }
};

struct ValueDumper {
  DumpWriter& w;
  const SourceLoc& loc;

  void operator()(const ExprPtr& e) { dump_expr(w, e.get()); }
  void operator()(const MatchPresent&) { w.line("Present", loc); }
  void operator()(const MatchAbsent&) { w.line("Absent", loc); }
  void operator()(const MatchAny&) { w.line("Any", loc); }
  void operator()(const MatchStarts& s) {
    w.line("Starts", loc);
    Nested n(w);
    dump_expr(w, s.prefix.get());
  }
  void operator()(const MatchRegex& r) { w.line("Matches", loc, "/" + r.pattern + "/"); }
  void operator()(const MatchOneOf& o) {
    w.line("OneOf", loc);
    Nested n(w);
    for (const ExprPtr& option : o.options) dump_expr(w, option.get());
  }
};

}  // namespace

void dump_expr(DumpWriter& w, const Expr* expr) {
  if (expr == nullptr) return;
  std::visit(ExprDumper{w, expr->loc}, expr->node);
}

void dump_cond(DumpWriter& w, const CondExpr* cond) {
  if (cond == nullptr) return;
  switch (cond->op) {
    case CondOp::atom: dump_expr(w, cond->atom.get()); return;
    case CondOp::not_: w.line("Not", cond->loc); break;
    case CondOp::and_: w.line("And", cond->loc); break;
    case CondOp::or_: w.line("Or", cond->loc); break;
  }
  Nested n(w);
  for (const CondPtr& operand : cond->operands) dump_cond(w, operand.get());
}

void dump_assignment(DumpWriter& w, const Assignment& row) {
  w.line("Assignment", row.loc, row.path.text());
  Nested n(w);
  for (const ValueItem& item : row.value.items) std::visit(ValueDumper{w, item.loc}, item.node);
  if (row.value.capture) w.line("Capture", row.value.capture->loc, row.value.capture->name);
}

}  // namespace scn::ast::detail
