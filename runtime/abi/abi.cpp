// The C ABI of scn_rt.h for steps, sending, receiving, values and verdicts: thin
// wrappers over the Executor, each inside the guard of guard.h.
#include "abi/guard.h"

namespace {

using scn::Executor;
using scn::abi::guarded;
using scn::abi::view;

// scn_out calls have no context to report to: the failure is kept in the template and
// reported by scn_send (build() refuses a template with path errors).
template <class F>
void guarded_out(scn_out* out, F&& body) noexcept {
  if (!out) return;
  try {
    body(*out);
  } catch (...) {
    try {
      out->tmpl.path_errors.push_back("internal error while composing the message");
    } catch (...) {
    }
  }
}

std::string text(scn_str value) {
  return value.ptr ? std::string(value.ptr, value.len) : std::string();
}

// An operation scn_rt.h does not define is refused rather than taken for a set.
std::optional<scn::sip::SendValue> send_value(int op, scn_str value) {
  using scn::sip::SendValue;
  switch (op) {
    case SCN_SEND_SET: return SendValue::of(text(value));
    case SCN_SEND_ABSENT: return SendValue::absent();
    case SCN_SEND_PRESENT: return SendValue::present();
    case SCN_SEND_APPEND: return SendValue::append(text(value));
    default: return std::nullopt;
  }
}

void add_row(scn_out& out, const scn_path* path, int op, scn_str value) {
  if (!path) {
    out.tmpl.path_errors.push_back("a row without a path");
    return;
  }
  auto row_path = scn::to_path(*path);
  if (!row_path) {
    out.tmpl.path_errors.push_back(row_path.reason());
    return;
  }
  auto row_value = send_value(op, value);
  if (!row_value) {
    out.tmpl.path_errors.push_back("unknown send operation " + std::to_string(op));
    return;
  }
  out.tmpl.set(std::move(row_path.value()), std::move(*row_value));
}

}  // namespace

extern "C" {

int scn_step_begin(scn_rt* rt, const scn_step* step) {
  return guarded(rt, int{SCN_STOP}, [&](Executor& ex) -> int {
    if (!step) return ex.set_error("scn_step_begin without a step"), SCN_STOP;
    return ex.begin_step(*step);
  });
}

scn_out* scn_out_request(scn_rt* rt, const char* method, const char* dialog) {
  return guarded(rt, static_cast<scn_out*>(nullptr), [&](Executor& ex) {
    return ex.new_request(view(method), dialog ? view(dialog) : view(ex.step().dialog.c_str()));
  });
}

scn_out* scn_out_response(scn_rt* rt, int status, const char* reason, const char* dialog,
                          const char* method) {
  return guarded(rt, static_cast<scn_out*>(nullptr), [&](Executor& ex) {
    return ex.new_response(status, view(reason),
                           dialog ? view(dialog) : view(ex.step().dialog.c_str()), view(method));
  });
}

void scn_out_rows(scn_out* out, const scn_send_row* rows, size_t count) {
  guarded_out(out, [&](scn_out& o) {
    for (size_t i = 0; i < count; ++i) add_row(o, &rows[i].path, rows[i].op, rows[i].value);
  });
}

void scn_out_set(scn_out* out, const scn_path* path, scn_str value) {
  guarded_out(out, [&](scn_out& o) { add_row(o, path, SCN_SEND_SET, value); });
}

void scn_out_add(scn_out* out, const scn_path* path, scn_str value) {
  guarded_out(out, [&](scn_out& o) { add_row(o, path, SCN_SEND_APPEND, value); });
}

void scn_out_remove(scn_out* out, const scn_path* path) {
  guarded_out(out, [&](scn_out& o) { add_row(o, path, SCN_SEND_ABSENT, scn_str{"", 0}); });
}

void scn_out_present(scn_out* out, const scn_path* path) {
  guarded_out(out, [&](scn_out& o) { add_row(o, path, SCN_SEND_PRESENT, scn_str{"", 0}); });
}

void scn_out_body(scn_out* out, scn_str body) {
  guarded_out(out, [&](scn_out& o) { o.tmpl.body = text(body); });
}

void scn_out_no_fill(scn_out* out, unsigned fills) {
  guarded_out(out, [&](scn_out& o) {
    scn::sip::FillFlags& f = o.tmpl.fill;
    f.via = f.via && !(fills & SCN_FILL_VIA);
    f.branch = f.branch && !(fills & SCN_FILL_BRANCH);
    f.max_forwards = f.max_forwards && !(fills & SCN_FILL_MAX_FORWARDS);
    f.call_id = f.call_id && !(fills & SCN_FILL_CALL_ID);
    f.cseq = f.cseq && !(fills & SCN_FILL_CSEQ);
    f.from_to = f.from_to && !(fills & SCN_FILL_FROM_TO);
    f.tags = f.tags && !(fills & SCN_FILL_TAGS);
    f.route = f.route && !(fills & SCN_FILL_ROUTE);
    f.request_uri = f.request_uri && !(fills & SCN_FILL_REQUEST_URI);
    f.contact = f.contact && !(fills & SCN_FILL_CONTACT);
    f.content_type = f.content_type && !(fills & SCN_FILL_CONTENT_TYPE);
    f.content_length = f.content_length && !(fills & SCN_FILL_CONTENT_LENGTH);
  });
}

int scn_send(scn_rt* rt, scn_out* out) {
  return guarded(rt, int{SCN_STOP}, [&](Executor& ex) -> int {
    if (!out) return ex.set_error("scn_send without a message"), SCN_STOP;
    return ex.send(*out);
  });
}

int scn_expect(scn_rt* rt, const scn_match_template* tmpl, unsigned timeout_ms, int flags) {
  return guarded(rt, int{SCN_STOP}, [&](Executor& ex) -> int {
    if (!tmpl) return ex.set_error("scn_expect without a template"), SCN_STOP;
    return ex.expect(*tmpl, timeout_ms, flags);
  });
}

scn_str scn_param(scn_rt* rt, const char* name) {
  return guarded(rt, scn::Arena::empty(), [&](Executor& ex) {
    const std::string* value = ex.param(view(name));
    if (!value) {
      ex.set_error("unknown parameter '" + std::string(view(name)) + "'");
      return scn::Arena::empty();
    }
    return scn::Arena::view(*value);  // the settings table outlives the run
  });
}

int scn_condition(scn_rt* rt, const char* name) {
  return guarded(rt, 0, [&](Executor& ex) {
    auto value = ex.condition(view(name));
    if (!value) ex.set_error("unknown condition '" + std::string(view(name)) + "'");
    return value.value_or(false) ? 1 : 0;
  });
}

scn_str scn_stored(scn_rt* rt, const char* slot) {
  return guarded(rt, scn::Arena::empty(), [&](Executor& ex) {
    const std::string* value = ex.stored(view(slot));
    return value ? scn::Arena::view(*value) : scn::Arena::empty();
  });
}

scn_str scn_step_field(scn_rt* rt, const char* step_id, const scn_path* path) {
  return guarded(rt, scn::Arena::empty(), [&](Executor& ex) {
    if (!path) return scn::Arena::empty();
    auto field_path = scn::to_path(*path);
    if (!field_path) return ex.set_error(field_path.reason()), scn::Arena::empty();
    return ex.arena().keep(ex.step_field(view(step_id), *field_path));
  });
}

scn_str scn_dialog_field(scn_rt* rt, const char* dialog, int field) {
  return guarded(rt, scn::Arena::empty(), [&](Executor& ex) {
    return ex.arena().keep(ex.dialog_field(view(dialog), field));
  });
}

scn_str scn_ss_address(scn_rt* rt) {
  return guarded(rt, scn::Arena::empty(),
                 [&](Executor& ex) { return ex.arena().keep(ex.ss_address()); });
}

scn_str scn_concat(scn_rt* rt, const scn_str* parts, size_t count) {
  return guarded(rt, scn::Arena::empty(), [&](Executor& ex) {
    std::string joined;
    for (size_t i = 0; i < count; ++i) joined += text(parts[i]);
    return ex.arena().keep(std::move(joined));
  });
}

scn_str scn_auth_challenge(scn_rt* rt, int scheme, const scn_str* args, size_t count) {
  return guarded(rt, scn::Arena::empty(), [&](Executor& ex) {
    std::vector<std::string> values;
    for (size_t i = 0; args && i < count; ++i) values.push_back(text(args[i]));
    return ex.arena().keep(ex.auth_challenge(scheme, values));
  });
}

scn_str scn_auth_credentials(scn_rt* rt, const scn_str* args, size_t count) {
  return guarded(rt, scn::Arena::empty(), [&](Executor& ex) {
    std::vector<std::string> values;
    for (size_t i = 0; args && i < count; ++i) values.push_back(text(args[i]));
    return ex.arena().keep(ex.auth_credentials(values));
  });
}

scn_str scn_list_reverse(scn_rt* rt, scn_str list) {
  return guarded(rt, scn::Arena::empty(), [&](Executor& ex) {
    const std::string whole = text(list);
    auto items = scn::sip::split_list(whole);
    std::string reversed;
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
      if (!reversed.empty()) reversed += ", ";
      reversed += *it;
    }
    return ex.arena().keep(std::move(reversed));
  });
}

int scn_subscribed(scn_rt* rt, const char* package, int party) {
  return guarded(rt, 0,
                 [&](Executor& ex) { return ex.subscribed(view(package), party) ? 1 : 0; });
}

void scn_fail(scn_rt* rt, const char* reason) {
  guarded(rt, 0, [&](Executor& ex) { return ex.set_fail(std::string(view(reason))), 0; });
}

void scn_inconc(scn_rt* rt, const char* reason) {
  guarded(rt, 0, [&](Executor& ex) { return ex.set_inconc(std::string(view(reason))), 0; });
}

int scn_verdict(scn_rt* rt) {
  return guarded(rt, int{SCN_ERROR}, [&](Executor& ex) -> int {
    switch (ex.verdict().kind()) {
      case scn::VerdictKind::Pass: return SCN_PASS;
      case scn::VerdictKind::Inconc: return SCN_INCONC;
      case scn::VerdictKind::Fail: return SCN_FAIL;
      case scn::VerdictKind::Error: return SCN_ERROR;
    }
    return SCN_ERROR;
  });
}

}  // extern "C"
