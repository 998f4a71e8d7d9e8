// Executor: building the SS's messages from templates and sending them through the
// transaction layer.
#include "executor/executor.h"

namespace scn {

namespace {

std::string start_line_name(const sip::SendTemplate& tmpl) {
  if (tmpl.is_request()) return tmpl.method;
  std::string reason = tmpl.reason.empty() ? std::string(sip::default_reason(tmpl.status))
                                           : tmpl.reason;
  return std::to_string(tmpl.status) + " " + reason;
}

// The message built from TMPL and parsed back (which checks it), or why that failed.
sip::ParseResult build_message(const sip::SendTemplate& tmpl, sip::BuildContext& context,
                               const std::string& name) {
  auto text = sip::build(tmpl, context);
  if (!text) return make_error("cannot build " + name + ": " + text.reason());
  auto message = sip::parse(*text);
  if (!message) {
    return make_error("the " + name + " built does not parse: " + message.reason());
  }
  return message;
}

}  // namespace

// The played party's Contact: "ss" on the shared transport (for every played party
// there, as before parties), its own name on its own.
std::string Executor::contact(party::Index played) const {
  const net::Transport* transport = transport_of(played);
  const net::Address& local = transport->local();
  const bool own = transport != transport_.get();
  const std::string user = own ? sip::to_lower(name_of(played)) : std::string("ss");
  std::string uri = "sip:" + user + "@" + local.uri_host() + ":" + std::to_string(local.port());
  if (transport->reliable()) uri += ";transport=tcp";
  return "<" + uri + ">";
}

std::string Executor::ss_address() const {
  return transport_ ? transport_->local().to_string() : options_.bind;
}

sip::BuildContext Executor::build_context(party::Index played) {
  const net::Transport* transport = transport_of(played);
  sip::BuildContext context;
  context.local_host = transport->local().host();
  context.local_port = transport->local().port();
  context.transport = transport->reliable() ? "TCP" : "UDP";
  context.ids = &ids_;
  context.contact = contact(played);
  return context;
}

scn_out* Executor::new_request(std::string_view method, std::string_view dialog) {
  auto out = std::make_unique<scn_out>();
  out->tmpl = sip::SendTemplate::request(std::string(method));
  out->dialog = dialog;
  out->from = step_.from;
  out->to = step_.to;
  outs_.push_back(std::move(out));
  building_ = outs_.back().get();
  return building_;
}

scn_out* Executor::new_response(int status, std::string_view reason, std::string_view dialog,
                                std::string_view method) {
  auto out = std::make_unique<scn_out>();
  out->tmpl = sip::SendTemplate::response(status, std::string(reason));
  out->dialog = dialog;
  out->answer_method = method;
  out->from = step_.from;
  out->to = step_.to;
  outs_.push_back(std::move(out));
  building_ = outs_.back().get();
  return building_;
}

int Executor::send(scn_out& out) {
  if (&out == building_) building_ = nullptr;
  if (stopped()) return SCN_STOP;
  sending_ = std::pair{out.from, out.to};
  // The SS's BYE ends the streams of its dialog (a UE's BYE: in take()).
  if (!out.relay && out.tmpl.is_request() && start_line_name(out.tmpl) == "BYE")
    end_media(out.from, out.to, out.dialog.empty() ? step_.dialog : out.dialog);
  const int result = out.relay                ? send_relay(out)
                     : out.tmpl.is_request() ? send_request(out)
                                             : send_response(out);
  sending_.reset();
  release(out);  // consumed (scn_rt.h): freed now rather than at the end of the run
  return stopped() ? SCN_STOP : result;
}

void Executor::release(const scn_out& out) {
  // Usually the last one made: searched from the back.
  for (auto it = outs_.end(); it != outs_.begin();) {
    --it;
    if (it->get() == &out) {
      outs_.erase(it);
      return;
    }
  }
}

int Executor::send_response(scn_out& out) {
  const std::string name = start_line_name(out.tmpl);
  ReceivedRequest* answered = request_to_answer(out.dialog, out.answer_method, out.to);
  if (!answered) {
    set_error("no request from " + who(out.to) + " to answer with " + name);
    return SCN_STOP;
  }
  const sip::Message& request = answered->request;
  if (answered->local_tag.empty()) {  // in a dialog already: the request's To tag is ours
    answered->local_tag = tag_of(request, "To");
    if (answered->local_tag.empty()) answered->local_tag = ids_.tag();
  }
  sip::BuildContext context = build_context(out.from);
  context.request = &request;
  context.local_tag = answered->local_tag;
  context.dialog =
      dialogs_.find(request.value_or("Call-ID"), answered->local_tag, tag_of(request, "From"));
  auto message = build_message(out.tmpl, context, name);
  if (!message) {
    set_error(message.reason());
    return SCN_STOP;
  }
  if (auto sent = layer_->respond(answered->tx, *message); !sent) {
    set_error("cannot send " + name + ": " + sent.reason());
    return SCN_STOP;
  }
  keep_step_message(*message);
  after_response_sent(*answered, *message, out.from);
  return SCN_OK;
}

int Executor::send_request(scn_out& out) {
  const std::string name = start_line_name(out.tmpl);
  sip::Dialog* dialog = dialog_named(out.dialog, out.from, out.to);
  number_conference_document(out.tmpl, dialog);
  sip::BuildContext context = build_context(out.from);
  context.dialog = dialog;
  auto to = request_destination(dialog, out.from, out.to);
  // RFC 3261 10.2: a REGISTER names the registrar's domain; a UE given the registrar's
  // address (a played UE) names that address when no row gives one.
  if (!dialog && to && out.tmpl.method == "REGISTER")
    context.default_request_uri = "sip:" + to->address.to_string();
  auto message = build_message(out.tmpl, context, name);
  if (!message) {
    set_error(message.reason());
    return SCN_STOP;
  }
  if (!to) {
    const std::string party = roster_.declared() ? name_of(out.to) : std::string();
    set_error("no address to send " + name + " to" + (party.empty() ? "" : " " + party) +
              ": give --ue " + (party.empty() ? "" : party + "=") + "HOST:PORT");
    return SCN_STOP;
  }
  sip::TxId tx = sip::no_tx;
  if (message->method() == "ACK") {
    if (auto sent = layer_->send_stateless(*message, *to); !sent) {
      set_error("cannot send ACK: " + sent.reason());
      return SCN_STOP;
    }
  } else {
    auto started = layer_->send_request(*message, *to);
    if (!started) {
      set_error("cannot send " + name + ": " + started.reason());
      return SCN_STOP;
    }
    tx = *started;
  }
  keep_step_message(*message);
  after_request_sent(out, *message, tx, *to);
  return SCN_OK;
}

}  // namespace scn
