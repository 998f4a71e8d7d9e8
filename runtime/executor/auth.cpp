// The played registrar (RFC 3261 22, RFC 3310): challenges made for SS rows
// (scn_auth_challenge) and the digest rows of UE messages (SCN_MATCH_DIGEST), judged by
// the run's auth::Registrar.
#include "auth/auth.h"
#include "executor/executor.h"

namespace scn {

namespace {

std::string arg_at(const std::vector<std::string>& args, std::size_t i) {
  return i < args.size() ? args[i] : std::string();
}

// RFC 7616 3.3: opaque is returned unchanged by the client; a fresh one per challenge
// lets a test check that the UE answers the challenge it was given.
Result<std::string> with_opaque(std::string header) {
  auto octets = auth::random_octets(16);
  if (!octets) return octets.error();
  return header + ", opaque=\"" + auth::to_hex(*octets) + "\"";
}

}  // namespace

std::string Executor::auth_challenge(int scheme, const std::vector<std::string>& args) {
  const std::string user = arg_at(args, 0), realm = arg_at(args, 1);
  Result<auth::Challenge> made = Error{"unknown challenge scheme " + std::to_string(scheme)};
  if (scheme == SCN_AUTH_DIGEST) {
    auto algorithm = auth::algorithm_from(arg_at(args, 2));
    if (!algorithm || *algorithm == auth::Algorithm::akav1_md5) {
      set_error("digest_challenge: unknown algorithm \"" + arg_at(args, 2) + "\"");
      return {};
    }
    made = registrar_.challenge_digest(user, realm, *algorithm);
  } else if (scheme == SCN_AUTH_AKA) {
    auto subscriber = auth::Subscriber::from_hex(arg_at(args, 2), arg_at(args, 3), arg_at(args, 4));
    if (!subscriber) {
      set_error("aka_challenge: " + subscriber.reason());
      return {};
    }
    made = registrar_.challenge_aka(user, realm, *subscriber);
  }
  if (!made) {
    set_error("cannot make a challenge: " + made.reason());
    return {};
  }
  auto header = with_opaque(made->header);
  if (!header) {
    set_error("cannot make a challenge: " + header.reason());
    return {};
  }
  return *header;
}

std::string Executor::auth_credentials(const std::vector<std::string>& args) {
  std::vector<std::string> a = args;  // the answer's views need texts that live
  a.resize(8);
  auth::ChallengeAnswer answer{a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], {}};
  auto credentials = auth::answer_challenge(answer);
  if (!credentials) {
    set_error("cannot answer the challenge: " + credentials.reason());
    return {};
  }
  return *credentials;
}

// Each digest row of the template, once the other rows matched: the credentials at the
// row's header against the challenges issued. The first failure fails the step.
bool Executor::check_digests(const scn_match_template& tmpl, const sip::Message& message) {
  bool ok = true;
  sip::visit_rows(tmpl, [&](const scn_match_row& row, std::size_t) {
    if (row.kind != SCN_MATCH_DIGEST) return true;
    auto path = to_path(row.path);
    if (!path) return true;  // compile() reported it
    auto text = [&](std::size_t n) {
      return n < row.value_count && row.values[n].ptr
                 ? std::string(row.values[n].ptr, row.values[n].len)
                 : std::string();
    };
    const std::string header(path->header);
    const std::string credentials(message.value_or(header));
    auth::Verification v = registrar_.verify(message.method(), credentials, text(0), text(1));
    if (v.ok()) return true;  // with auts: resynchronised, the next challenge uses SQN_MS
    const std::string at = header + "." + std::string(v.parameter().empty() ? "response" : v.parameter());
    sip::Mismatch mismatch{at, "credentials for the SS's challenge", credentials};
    verdict_.fail(step_.id, expected_text(tmpl) + ": " + at + ": " + v.reason, {mismatch});
    ok = false;
    return false;
  });
  return ok;
}

}  // namespace scn
