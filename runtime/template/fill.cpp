// What the runtime fills in around a template's rows (RFC 3261 8.1.1, 8.2.6.2, 12.2.1.1).
#include <functional>

#include "dialog/dialog.h"
#include "msg/msg.h"
#include "template/draft.h"
#include "template/value.h"

namespace scn::sip::detail {

namespace {

bool is_one_of(std::string_view method, std::initializer_list<std::string_view> methods) {
  for (std::string_view m : methods) {
    if (m == method) return true;
  }
  return false;
}

std::string sent_by(const BuildContext& ctx) {
  const std::string host =
      is_ipv6_address(ctx.local_host) ? "[" + ctx.local_host + "]" : ctx.local_host;
  return host + ":" + std::to_string(ctx.local_port);
}

bool has_param(std::string_view value, std::string_view name) {
  auto ev = EditableValue::parse(value);
  return ev && ev.value().find(name) != nullptr;
}

// Adds ";name=value" to every value of the header that lacks the param, except where a
// row decided that param itself.
void add_missing_param(Draft& draft, const RowsSummary& rows, std::string_view header,
                       std::string_view name, const std::function<std::string()>& make) {
  const std::vector<Draft::Slot> slots = draft.slots(header);
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const Draft::Slot slot = slots[i];
    const std::string value = draft.value_at(slot);
    if (rows.touches_param(header, name, i + 1) || has_param(value, name)) continue;
    auto ev = EditableValue::parse(value);
    if (!ev) continue;  // a deliberately broken value stays as the template wrote it
    ev.value().set(name, make());
    draft.replace_at(slot, ev.value().text());
  }
}

void fill_dialog_request(Draft& draft, const SendTemplate& tmpl, const RowsSummary& rows,
                         BuildContext& ctx) {
  const FillFlags& fill = tmpl.fill;
  const bool with_cseq = fill.cseq && !rows.sets_whole("CSeq");
  DialogRequestFields df = ctx.dialog->request_fields(draft.method, with_cseq);
  if (fill.request_uri && draft.request_uri.empty()) draft.request_uri = df.request_uri;
  for (auto& f : df.fields) {
    if (rows.sets_whole(f.name)) continue;
    if (f.name == "Route" && !fill.route) continue;
    if ((f.name == "From" || f.name == "To") && !fill.from_to) continue;
    if (f.name == "Call-ID" && !fill.call_id) continue;
    draft.fields.push_back({f.name, std::move(f.value)});
  }
}

Result<void> fill_request(Draft& draft, const SendTemplate& tmpl, const RowsSummary& rows,
                          BuildContext& ctx) {
  const FillFlags& fill = tmpl.fill;
  if (fill.via && !rows.sets_whole("Via")) {
    draft.fields.push_back({"Via", "SIP/2.0/" + ctx.transport + " " + sent_by(ctx)});
  }
  if (fill.max_forwards && !rows.sets_whole("Max-Forwards")) {
    draft.fields.push_back({"Max-Forwards", "70"});
  }
  if (ctx.dialog != nullptr) {
    fill_dialog_request(draft, tmpl, rows, ctx);
  } else {
    if (fill.call_id && !rows.sets_whole("Call-ID")) {
      draft.fields.push_back({"Call-ID", ctx.ids->call_id(ctx.local_host)});
    }
    if (fill.cseq && !rows.sets_whole("CSeq")) draft.fields.push_back({"CSeq", "1 " + draft.method});
    // A request outside a dialog whose rows name neither end (a played UE's INVITE, whose
    // Annex A rows check only the tags): from the sender's contact to the Request-URI.
    // Rows on its parts then edit it; To, when no row makes it, is the Request-URI (fill_after).
    if (fill.from_to && !rows.sets_whole("From") && !ctx.contact.empty())
      draft.fields.push_back({"From", ctx.contact.front() == '<' ? ctx.contact
                                                                 : "<" + ctx.contact + ">"});

  }
  if (fill.contact && !ctx.contact.empty() && !rows.sets_whole("Contact") &&
      is_one_of(draft.method, {"INVITE", "SUBSCRIBE", "REFER", "NOTIFY", "UPDATE", "REGISTER"})) {
    draft.fields.push_back({"Contact", ctx.contact});
  }
  return {};
}

void copy_first(Draft& draft, const Message& request, std::string_view name) {
  if (auto value = request.first(name)) {
    draft.fields.push_back({std::string(canonical_header_name(name)), std::string(*value)});
  }
}

Result<void> fill_response(Draft& draft, const SendTemplate& tmpl, const RowsSummary& rows,
                           BuildContext& ctx) {
  if (ctx.request == nullptr) return make_error("a response needs the request it answers");
  const Message& request = *ctx.request;
  const FillFlags& fill = tmpl.fill;
  if (fill.via && !rows.sets_whole("Via")) {
    for (const Header* h : request.find_all("Via")) draft.fields.push_back({"Via", std::string(h->value)});
  }
  for (std::string_view name : {"From", "To"}) {
    if (fill.from_to && !rows.sets_whole(name)) copy_first(draft, request, name);
  }
  if (fill.call_id && !rows.sets_whole("Call-ID")) copy_first(draft, request, "Call-ID");
  if (fill.cseq && !rows.sets_whole("CSeq")) copy_first(draft, request, "CSeq");
  if (draft.status == 100 && !rows.sets_whole("Timestamp")) copy_first(draft, request, "Timestamp");
  const int status = draft.status;
  if (fill.contact && !ctx.contact.empty() && !rows.sets_whole("Contact") && status > 100 &&
      status < 300 && is_one_of(request.method(), {"INVITE", "SUBSCRIBE", "REFER", "UPDATE"})) {
    draft.fields.push_back({"Contact", ctx.contact});
  }
  return {};
}

std::string our_tag(BuildContext& ctx) {
  if (ctx.dialog != nullptr && !ctx.dialog->local_tag().empty()) return ctx.dialog->local_tag();
  if (!ctx.local_tag.empty()) return ctx.local_tag;
  return ctx.ids->tag();
}

void fill_tags(Draft& draft, const RowsSummary& rows, BuildContext& ctx) {
  if (!draft.request) {
    if (draft.status != 100) add_missing_param(draft, rows, "To", "tag", [&] { return our_tag(ctx); });
    return;
  }
  add_missing_param(draft, rows, "From", "tag", [&] { return our_tag(ctx); });
  if (ctx.dialog != nullptr && !ctx.dialog->remote_tag().empty()) {
    add_missing_param(draft, rows, "To", "tag", [&] { return ctx.dialog->remote_tag(); });
  }
}

}  // namespace

RowsSummary::RowsSummary(const SendTemplate& tmpl, std::span<const SendRow> overrides) {
  auto note = [&](const SendRow& row) {
    paths_.push_back(&row.path);
    if (row.path.target == PathTarget::RequestUri) request_uri_ = true;
  };
  for (const SendRow& row : tmpl.rows) note(row);
  for (const SendRow& row : overrides) note(row);
  for (const SendRow& row : tmpl.rows) kinds_.push_back(row.value.kind);
  for (const SendRow& row : overrides) kinds_.push_back(row.value.kind);
}

bool RowsSummary::sets_whole(std::string_view header) const {
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    const Path& p = *paths_[i];
    const bool replaces = kinds_[i] == SendValue::Kind::Text || kinds_[i] == SendValue::Kind::Absent;
    if (p.target == PathTarget::Header && p.part == PathPart::Whole && p.index == 0 && replaces &&
        same_header(p.header, header)) {
      return true;
    }
  }
  return false;
}

bool RowsSummary::touches_param(std::string_view header, std::string_view param,
                                std::size_t value) const {
  for (const Path* p : paths_) {
    const std::size_t index = p->index == 0 ? 1 : p->index;
    if (p->target == PathTarget::Header && p->part == PathPart::Param && index == value &&
        same_header(p->header, header) && iequals(p->name, param)) {
      return true;
    }
  }
  return false;
}

Result<void> fill_before(Draft& draft, const SendTemplate& tmpl, const RowsSummary& rows,
                         BuildContext& context) {
  if (context.ids == nullptr) return make_error("no identifier generator in the build context");
  return draft.request ? fill_request(draft, tmpl, rows, context)
                       : fill_response(draft, tmpl, rows, context);
}

void fill_after(Draft& draft, const SendTemplate& tmpl, const RowsSummary& rows,
                BuildContext& context) {
  const FillFlags& fill = tmpl.fill;
  if (draft.request && fill.branch) {
    add_missing_param(draft, rows, "Via", "branch", [&] { return context.ids->branch(); });
  }
  if (fill.tags) fill_tags(draft, rows, context);
  if (draft.request && context.dialog == nullptr && fill.from_to && !draft.has("To") &&
      !rows.sets_whole("To"))
    draft.fields.push_back({"To", "<" + draft.request_uri + ">"});
  const bool has_body = draft.body && !draft.body->empty();
  if (fill.content_type && has_body && !draft.has("Content-Type")) {
    draft.fields.push_back({"Content-Type", guess_content_type(*draft.body)});
  }
  if (fill.content_length) {
    draft.set("Content-Length", std::to_string(draft.body ? draft.body->size() : 0));
  }
}

}  // namespace scn::sip::detail
