/* The SS side of the reliable-provisional exchange, written against scn_rt.h only and
 * shaped the way generated code is: constant step, path, row and template tables, and
 * a straight-line entry function that stops at the first SCN_STOP.
 *
 *   1  UE -> SS  INVITE (SDP, Supported: 100rel)
 *   2  SS -> UE  100 Trying
 *   3  SS -> UE  183 Session Progress (Require: 100rel, RSeq: 1, SDP, Record-Route)
 *   4  UE -> SS  PRACK (RAck = RSeq of step 3, CSeq number of step 1, INVITE)
 *   5  SS -> UE  200 OK (PRACK)
 *   6  UE -> SS  UPDATE (SDP)
 *   7  SS -> UE  200 OK (UPDATE, SDP)
 *   8  SS -> UE  200 OK (INVITE)
 *   9  UE -> SS  ACK
 *  10  UE -> SS  BYE (To tag = the dialog's local tag)
 *  11  SS -> UE  200 OK (BYE)
 *
 * Written in C on purpose: it proves the header is plain C. */
#include "scn/scn_rt.h"

#define S(text) { text, sizeof(text) - 1 }
#define HEADER(name) { SCN_PATH_HEADER, name, 0, SCN_PART_WHOLE, 0 }
#define PART(name, part) { SCN_PATH_HEADER, name, 0, part, 0 }
#define PARAM(name, param) { SCN_PATH_HEADER, name, 0, SCN_PART_PARAM, param }
#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* ------------------------------------------------------------------ constant data -- */

static const scn_path path_rseq = HEADER("RSeq");
static const scn_path path_rack = HEADER("RAck");
static const scn_path path_to_tag = PARAM("To", "tag");
static const scn_path path_record_route = HEADER("Record-Route");
static const scn_path path_body = { SCN_PATH_BODY, 0, 0, SCN_PART_WHOLE, 0 };

static const scn_str v_100rel[] = { S("100rel") };
static const scn_str v_sdp_type[] = { S("application/sdp") };
static const scn_str v_cookie[] = { S("z9hG4bK") };
static const scn_str v_sdp_re[] = { S("^v=0\r\n") };
static const scn_str v_invite_uri_re[] = { S("^sip:ss@") };

static const scn_match_row rows_invite[] = {
  { { SCN_PATH_REQUEST_URI, 0, 0, SCN_PART_WHOLE, 0 }, SCN_MATCH_REGEX, v_invite_uri_re, 1, 0, 0 },
  { HEADER("Supported"), SCN_MATCH_EQUAL, v_100rel, 1, 0, 0 },
  { HEADER("Content-Type"), SCN_MATCH_EQUAL, v_sdp_type, 1, 0, 0 },
  { PARAM("Via", "branch"), SCN_MATCH_PREFIX, v_cookie, 1, 0, 0 },
  { PARAM("From", "tag"), SCN_MATCH_PRESENT, 0, 0, 0, 0 },
  { PARAM("To", "tag"), SCN_MATCH_ABSENT, 0, 0, 0, 0 },
  { PART("CSeq", SCN_PART_CSEQ_SEQ), SCN_MATCH_ANY, 0, 0, "invite_cseq", 0 },
  { { SCN_PATH_BODY, 0, 0, SCN_PART_WHOLE, 0 }, SCN_MATCH_REGEX, v_sdp_re, 1, 0, 0 },
};
static const scn_match_template t_invite = { "INVITE", 0, rows_invite, COUNT(rows_invite), NULL, NULL };

static const scn_match_row rows_update[] = {
  { HEADER("Content-Type"), SCN_MATCH_EQUAL, v_sdp_type, 1, 0, 0 },
  { { SCN_PATH_BODY, 0, 0, SCN_PART_WHOLE, 0 }, SCN_MATCH_REGEX, v_sdp_re, 1, 0, 0 },
};
static const scn_match_template t_update = { "UPDATE", 0, rows_update, COUNT(rows_update), NULL, NULL };
static const scn_match_template t_ack = { "ACK", 0, 0, 0, NULL, NULL };

static const scn_send_row rows_183[] = {
  { HEADER("Require"), SCN_SEND_SET, S("100rel") },
  { HEADER("RSeq"), SCN_SEND_SET, S("1") },
};

static const char sdp_answer[] =
    "v=0\r\no=ss 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

/* The parties of a test case that declares none, by index. */
enum { UE = 0, SS = 1 };
static const scn_party parties[] = {
  { "UE", SCN_PARTY_UNDER_TEST, 0 },
  { "SS", SCN_PARTY_PLAYED, 0 },
};

static const scn_step steps[] = {
  { "1", SCN_UE_TO_SS, "INVITE", "UE sends INVITE with SDP offer and 100rel", 0, UE, SS, SCN_STEP_MESSAGE, 0, 0, 0, 0 },
  { "2", SCN_SS_TO_UE, "100 Trying", 0, 0, SS, UE, SCN_STEP_MESSAGE, 0, 0, 0, 0 },
  { "3", SCN_SS_TO_UE, "183 Session Progress", "reliable, with SDP answer", 0, SS, UE, SCN_STEP_MESSAGE, 0, 0, 0, 0 },
  { "4", SCN_UE_TO_SS, "PRACK", "UE acknowledges the 183", 0, UE, SS, SCN_STEP_MESSAGE, 0, 0, 0, 0 },
  { "5", SCN_SS_TO_UE, "200 OK", "for PRACK", 0, SS, UE, SCN_STEP_MESSAGE, 0, 0, 0, 0 },
  { "6", SCN_UE_TO_SS, "UPDATE", "UE updates the session", 0, UE, SS, SCN_STEP_MESSAGE, 0, 0, 0, 0 },
  { "7", SCN_SS_TO_UE, "200 OK", "for UPDATE", 0, SS, UE, SCN_STEP_MESSAGE, 0, 0, 0, 0 },
  { "8", SCN_SS_TO_UE, "200 OK", "for INVITE", 0, SS, UE, SCN_STEP_MESSAGE, 0, 0, 0, 0 },
  { "9", SCN_UE_TO_SS, "ACK", 0, 0, UE, SS, SCN_STEP_MESSAGE, 0, 0, 0, 0 },
  { "10", SCN_UE_TO_SS, "BYE", "UE releases the call", 0, UE, SS, SCN_STEP_MESSAGE, 0, 0, 0, 0 },
  { "11", SCN_SS_TO_UE, "200 OK", "for BYE", 0, SS, UE, SCN_STEP_MESSAGE, 0, 0, 0, 0 },
};

/* ------------------------------------------------------------------------ steps -- */

#define CHECK(call) \
  do { \
    if ((call) < 0) return SCN_STOP; \
  } while (0)

static int send_183(scn_rt* rt) {
  scn_str rr_parts[] = { S("<sip:"), scn_ss_address(rt), S(";lr>") };
  scn_out* out = scn_out_response(rt, 183, "Session Progress", 0, "INVITE");
  scn_out_rows(out, rows_183, COUNT(rows_183));
  scn_out_set(out, &path_record_route, scn_concat(rt, rr_parts, COUNT(rr_parts)));
  scn_out_body(out, (scn_str)S(sdp_answer));
  return scn_send(rt, out);
}

/* RAck is only known at run time: the row is built on the stack, as the compiler does
 * for rows whose operand is an expression. */
static int expect_prack(scn_rt* rt) {
  scn_str parts[] = { scn_step_field(rt, "3", &path_rseq), S(" "), scn_stored(rt, "invite_cseq"),
                      S(" INVITE") };
  scn_str rack = scn_concat(rt, parts, COUNT(parts));
  scn_match_row rows[] = { { path_rack, SCN_MATCH_EQUAL, &rack, 1, 0, 0 } };
  scn_match_template t = { "PRACK", 0, rows, COUNT(rows), NULL, NULL };
  return scn_expect(rt, &t, 0, 0);
}

static int expect_bye(scn_rt* rt) {
  scn_str local_tag = scn_dialog_field(rt, 0, SCN_DIALOG_LOCAL_TAG);
  scn_match_row rows[] = { { path_to_tag, SCN_MATCH_EQUAL, &local_tag, 1, 0, 0 } };
  scn_match_template t = { "BYE", 0, rows, COUNT(rows), NULL, NULL };
  return scn_expect(rt, &t, 0, 0);
}

static int send_response(scn_rt* rt, int status, const char* method, int with_sdp) {
  scn_out* out = scn_out_response(rt, status, 0, 0, method);
  if (with_sdp) scn_out_set(out, &path_body, (scn_str)S(sdp_answer));
  return scn_send(rt, out);
}

static int prack_update(scn_rt* rt) {
  CHECK(scn_step_begin(rt, &steps[0]));
  CHECK(scn_expect(rt, &t_invite, 0, 0));
  CHECK(scn_step_begin(rt, &steps[1]));
  CHECK(send_response(rt, 100, "INVITE", 0));
  CHECK(scn_step_begin(rt, &steps[2]));
  CHECK(send_183(rt));
  CHECK(scn_step_begin(rt, &steps[3]));
  CHECK(expect_prack(rt));
  CHECK(scn_step_begin(rt, &steps[4]));
  CHECK(send_response(rt, 200, "PRACK", 0));
  CHECK(scn_step_begin(rt, &steps[5]));
  CHECK(scn_expect(rt, &t_update, 0, 0));
  CHECK(scn_step_begin(rt, &steps[6]));
  CHECK(send_response(rt, 200, "UPDATE", 1));
  CHECK(scn_step_begin(rt, &steps[7]));
  /* No method: the runtime answers the latest request still without a final response,
   * which is the INVITE. */
  CHECK(send_response(rt, 200, 0, 0));
  CHECK(scn_step_begin(rt, &steps[8]));
  CHECK(scn_expect(rt, &t_ack, 0, 0));
  CHECK(scn_step_begin(rt, &steps[9]));
  CHECK(expect_bye(rt));
  CHECK(scn_step_begin(rt, &steps[10]));
  CHECK(send_response(rt, 200, "BYE", 0));
  return SCN_OK;
}

/* ---------------------------------------------------------------------- program -- */

static const scn_testcase testcases[] = {
  { "prack_update", "INVITE, reliable 183, PRACK, UPDATE, 200, ACK, BYE", prack_update,
    parties, 2, steps, sizeof steps / sizeof steps[0], NULL, 0 },
};

static const scn_param_def params[] = {
  { "px_IMS_HomeDomainName", "home1.net", "home domain (unused here; checks --set)" },
};

static const scn_condition_def conditions[] = {
  { "A1", 1, "IMS security (unused here; checks --set)" },
};

static const scn_program program = {
  SCN_RT_ABI_VERSION, "ss_prack_harness", testcases, COUNT(testcases),
  params, COUNT(params), conditions, COUNT(conditions),
};

int main(int argc, char** argv) { return scn_rt_main(argc, argv, &program); }
