#include "transaction/machine.h"

#include "transaction/transaction.h"

namespace scn::sip {

namespace {

// Route header fields copied in order, one field per element so list and
// one-per-line forms both survive.
void copy_routes(const Message& from, MessageBuilder& to) {
  for (auto route : from.values("Route")) to.add("Route", route);
}

std::string cseq_with_method(const Message& request, std::string_view method) {
  auto cseq = parse_cseq(request.value_or("CSeq"));
  return std::to_string(cseq ? cseq->number : 0) + " " + std::string(method);
}

// ACK to a non-2xx final response and CANCEL copy the request's top Via, From, Call-ID,
// CSeq number and Route set (RFC 3261 17.1.1.3, 9.1); only their To may differ.
MessageBuilder same_transaction_request(std::string_view method, const Message& request,
                                        std::string_view to) {
  auto built = MessageBuilder::request(method, request.request_uri());
  built.add("Via", request.first("Via").value_or(""));
  built.add("Max-Forwards", "70");
  built.add("From", request.value_or("From"));
  built.add("To", to);
  built.add("Call-ID", request.value_or("Call-ID"));
  built.add("CSeq", cseq_with_method(request, method));
  copy_routes(request, built);
  return built;
}

// One via-parm with received and rport filled in, or nothing when it needs neither.
// Appended piece by piece: every response sent comes here.
std::optional<std::string> stamped_via(std::string_view text, const net::Address& source) {
  auto via = parse_via(text);
  if (!via) return std::nullopt;
  const bool rport = via->has_rport() && !via->rport();
  if (!rport && iequals(via->host, source.host())) return std::nullopt;
  std::string out;
  out.reserve(text.size() + 48);
  out.append(via->protocol).append("/").append(via->version).append("/").append(via->transport);
  out.append(" ").append(via->sent_by());
  for (const Param& p : via->params.items) {
    if (iequals(p.name, "received")) continue;  // ours replaces any the request carried
    out.append(";").append(p.name);
    if (iequals(p.name, "rport") && rport)
      out.append("=").append(std::to_string(source.port()));
    else if (p.has_value)
      out.append("=").append(p.value);
  }
  return out.append(";received=").append(source.uri_host());
}

}  // namespace

// The octets of the response as parsed, the top via-parm replaced in place where it lies
// in them (not when unfolding made its value a copy): every response sent comes here, and
// writing the message anew field by field cost twice what the stamp did.
std::string stamped_response(const Message& response, const net::Address& source) {
  const std::string_view raw = response.raw();
  const Header* top = response.find("Via");
  if (!top) return std::string(raw);
  const std::size_t comma = detail::find_unquoted(top->value, ',');
  const std::string_view first = top->value.substr(0, comma);
  auto stamped = stamped_via(trim(first), source);
  if (!stamped) return std::string(raw);
  if (first.data() >= raw.data() && first.data() + first.size() <= raw.data() + raw.size()) {
    const auto at = static_cast<std::size_t>(first.data() - raw.data());
    std::string out;
    out.reserve(raw.size() + stamped->size() - first.size());
    out.append(raw.substr(0, at)).append(*stamped).append(raw.substr(at + first.size()));
    return out;
  }
  const std::string_view rest = comma == std::string_view::npos ? "" : top->value.substr(comma);
  stamped->append(rest);
  return serialize(response, *top, *stamped);
}

MessageBuilder make_non2xx_ack(const Message& invite, const Message& response) {
  return same_transaction_request("ACK", invite, response.value_or("To"));
}

MessageBuilder make_cancel(const Message& request) {
  return same_transaction_request("CANCEL", request, request.value_or("To"));
}

bool is_reliable_provisional(const Message& response) {
  int status = response.status_code();
  if (status <= 100 || status >= 200 || !response.has("RSeq")) return false;
  for (auto tag : response.values("Require"))
    if (iequals(trim(tag), "100rel")) return true;
  return false;
}

Result<void> check_for_transaction(const Message& message) {
  auto top = message.first("Via");
  if (!top) return make_error("no Via header");
  auto via = parse_via(*top);
  if (!via) return make_error("bad top Via: " + via.reason());
  auto cseq_text = message.first("CSeq");
  if (!cseq_text) return make_error("no CSeq header");
  auto cseq = parse_cseq(*cseq_text);
  if (!cseq) return make_error("bad CSeq: " + cseq.reason());
  if (!message.has("Call-ID")) return make_error("no Call-ID header");
  if (!message.has("From")) return make_error("no From header");
  if (!message.has("To")) return make_error("no To header");
  if (message.is_request() && cseq->method != message.method())
    return make_error("CSeq method " + std::string(cseq->method) +
                      " differs from the request method " + std::string(message.method()));
  return {};
}

std::optional<std::string> server_key_as(const Message& request, std::string_view method) {
  auto top = request.first("Via");
  if (!top) return std::nullopt;
  auto via = parse_via(*top);
  if (!via) return std::nullopt;
  if (method == "ACK") method = "INVITE";
  auto branch = via->branch().value_or("");
  if (branch.substr(0, branch_cookie.size()) == branch_cookie)
    return std::string(branch) + "|" + to_lower(via->sent_by()) + "|" + std::string(method);
  // RFC 2543 peer: no reliable branch, so key on what identifies its transaction.
  auto cseq = parse_cseq(request.value_or("CSeq"));
  auto from = parse_name_addr_shallow(request.value_or("From"));
  std::string from_tag(from ? from->tag().value_or("") : "");
  return "2543|" + std::string(request.request_uri()) + "|" + from_tag + "|" +
         std::string(request.value_or("Call-ID")) + "|" +
         std::to_string(cseq ? cseq->number : 0) + "|" + std::string(*top) + "|" +
         std::string(method);
}

std::optional<std::string> server_key(const Message& request) {
  return server_key_as(request, request.method());
}

std::optional<std::string> client_key(const Message& message) {
  auto top = message.first("Via");
  if (!top) return std::nullopt;
  auto via = parse_via(*top);
  if (!via) return std::nullopt;
  auto branch = via->branch();
  auto cseq = parse_cseq(message.value_or("CSeq"));
  if (!branch || branch->empty() || !cseq) return std::nullopt;
  return std::string(*branch) + "|" + std::string(cseq->method);
}

}  // namespace scn::sip
