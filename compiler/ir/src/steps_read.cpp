// Which steps' messages the operations read later: a field of an earlier step's message
// (StepFieldRef, wherever a value may stand) or the message a relay forwards. A run that
// keeps no report (a load instance) keeps only those (scn_step::message_unread), and of a
// message only fields are read from, only those fields (scn_step::fields_read).
//
// Every alternative of every variant has its own overload, with no catch-all: a new kind
// of value or operation does not compile until it says what it reads.
#include <algorithm>
#include <set>
#include <string>

#include "lower_context.h"

namespace scn::ir {

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

class Reads {
public:
  StepsRead read;

  void field(const StepFieldRef& ref) {
    std::vector<Path>& paths = read.fields[ref.step];
    if (std::ranges::find(paths, ref.path) == paths.end()) paths.push_back(ref.path);
  }

  void values(const std::vector<Value>& list) {
    for (const Value& v : list) value(v);
  }

  void value(const Value& v) {
    std::visit(Overloaded{
                   [this](const StepFieldRef& ref) { field(ref); },
                   [this](const Concat& c) { values(c.parts); },
                   [this](const Reverse& r) { values(r.list); },
                   [this](const FirstOf& f) { values(f.values); },
                   [this](const Challenge& c) { values(c.args); },
                   [this](const Credentials& c) { values(c.args); },
                   [](const Const&) {}, [](const ParamRef&) {}, [](const StoredRef&) {},
                   [](const DialogFieldRef&) {}, [](const SsAddress&) {},
                   [](const PartyAddress&) {}, [](const Sdp&) {}},
               v.node);
  }

  void send_rows(const std::vector<SendRow>& rows) {
    for (const SendRow& row : rows) value(row.value);
  }

  void expect(const Expect& e) {
    for (const MatchRow& row : e.rows) values(row.values);
  }

  void ops(const std::vector<Op>& list) {
    for (const Op& o : list) op(o);
  }

  void op(const Op& o) {
    std::visit(Overloaded{
                   [this](const Send& s) { send_rows(s.rows); },
                   [this](const Expect& e) { expect(e); },
                   [this](const If& i) { ops(i.ops); },
                   [this](const Window& w) { ops(w.ops); },
                   [this](const Relay& r) {
                     read.whole.insert(r.step);
                     send_rows(r.rows);
                   },
                   [this](const Act& a) { values(a.operands); },
                   [this](const Media& m) {
                     if (m.value) value(*m.value);
                     values(m.tones);
                     if (m.dtmf) value(*m.dtmf);
                   },
                   [this](const ExpectFirst& f) {
                     for (const Awaited& a : f.alternatives) expect(a.expect);
                     for (const std::vector<Op>& branch : f.branches) ops(branch);
                   },
                   [this](const ExpectEach& e) {
                     for (const Awaited& a : e.members) expect(a.expect);
                   },
                   [](const StepBegin&) {}, [](const Wait&) {}},
               o.node);
  }
};

}  // namespace

StepsRead steps_read(const std::vector<Op>& ops) {
  Reads reads;
  reads.ops(ops);
  for (const std::string& step : reads.read.whole) reads.read.fields.erase(step);
  return std::move(reads.read);
}

}  // namespace scn::ir
