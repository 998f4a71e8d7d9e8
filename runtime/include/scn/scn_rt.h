/* scn_rt.h: the C ABI between generated test-case code and the scn runtime.
 *
 * The compiler lowers every test case to a function `int entry(scn_rt*)` that calls
 * only what this header declares. Everything known at compile time is constant data in
 * the object file (the program description, step descriptors, send rows, match rows
 * with header paths pre-split into {header, index, part}); everything known only at run
 * time (parameters, captured values, fields of earlier messages, dialog fields, the SS
 * address) is fetched through calls returning scn_str views.
 *
 * Rules of the boundary:
 *  - Pure C: only C types, no C++ exception ever crosses it (a failure inside the
 *    runtime becomes an `error` verdict), no call exits the process.
 *  - Strings passed in are NUL-terminated `const char*` (names, methods, slots) or
 *    scn_str (values, which may hold any bytes). The runtime copies what it keeps.
 *  - Strings returned (scn_str) live in a run-owned arena: valid until the run ends.
 *    Their `ptr` is never NULL (an absent value is {"", 0}); they are NUL-terminated.
 *  - Calls that can end the test case return an int: SCN_OK (0) or a positive status
 *    to go on, SCN_STOP (negative) when a verdict other than pass has been decided and
 *    the generated code must return from its entry function at once.
 *  - Single-threaded: one scn_rt per run, used only from the thread that runs it.
 */
#ifndef SCN_RT_H
#define SCN_RT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a struct layout or a function signature of this header changes.
 * Generated programs carry the version they were compiled against (scn_program). */
#define SCN_RT_ABI_VERSION 10

/* ---------------------------------------------------------------- basic types ---- */

/* A byte string view. */
typedef struct scn_str {
  const char* ptr;
  size_t len;
} scn_str;

/* The executor context of one run (opaque). */
typedef struct scn_rt scn_rt;
/* A message being composed for sending (opaque, owned by the run). */
typedef struct scn_out scn_out;

/* Return values of the fallible calls. */
enum {
  SCN_OK = 0,       /* go on */
  SCN_MATCHED = 1,  /* scn_expect: a message arrived and matched */
  SCN_TIMEOUT = 2,  /* scn_expect with SCN_EXPECT_OPTIONAL: nothing arrived in time */
  SCN_STOP = -1     /* a verdict (fail, inconc, error) is decided: return from the entry */
};

/* Verdicts, in increasing severity. Process exit codes are 0, 2, 1 and 3 in this order
 * (see scn_rt_main). */
enum { SCN_PASS = 0, SCN_INCONC = 1, SCN_FAIL = 2, SCN_ERROR = 3 };

/* ------------------------------------------------------------------ the program --- */

/* Who takes part in a test case. A party is under test (a real UE, reached at an
 * address given at run time or learnt from its first message) or played by the runtime
 * (an SS entity: the P-CSCF, a conference focus, a remote user; it listens on the
 * default SS address or on its own --bind address). */
enum scn_party_kind { SCN_PARTY_UNDER_TEST = 0, SCN_PARTY_PLAYED = 1 };

typedef struct scn_party {
  const char* name;         /* "UE", "SS", "UE1", "FOCUS": as steps name it */
  int kind;                 /* enum scn_party_kind */
  const char* description;  /* may be NULL */
} scn_party;

/* What the SS does with a message from a party under test that no step of the test case
 * waits for: a TTCN-3 default altstep, written `unexpected { ... }` in the language (the
 * stdlib's for every test case, a test case's own before them). The first rule that
 * fits applies. A well-formed request fits a rule only when no step of the test case
 * expects a request of its method from that party (those stay queued for their steps);
 * a message that does not parse fits only SCN_UNEXPECTED_MALFORMED rules. Responses and
 * ACKs are never answered. */
enum scn_unexpected_what {
  SCN_UNEXPECTED_REQUEST = 0,        /* a request of `method` ("": of any method) */
  SCN_UNEXPECTED_UNKNOWN_DIALOG = 1, /* a request with a To tag of no dialog the SS knows */
  SCN_UNEXPECTED_MALFORMED = 2       /* a message that does not parse */
};
/* The verdict a fitting message gives besides the answer. */
enum scn_unexpected_verdict {
  SCN_UNEXPECTED_RECORD = 0,  /* none: traced, counted in the report */
  SCN_UNEXPECTED_FAIL = 1,
  SCN_UNEXPECTED_INCONC = 2
};

typedef struct scn_unexpected_rule {
  int what;            /* enum scn_unexpected_what */
  const char* method;  /* "OPTIONS"; "" or NULL: any method */
  /* The final response the SS answers a fitting request with (RFC 3261 8.2.6: not
   * for ACK, and for a malformed message only when Via, From, To, Call-ID and CSeq can be
   * read); 0: no answer. */
  int status;
  const char* reason;  /* its reason phrase; NULL: the standard one (400: the problem) */
  int verdict;         /* enum scn_unexpected_verdict */
  const char* origin;  /* where the rule is written, "stdlib/ts34229/unexpected.scn:9" */
} scn_unexpected_rule;

/* One test case: its entry function returns SCN_OK when it ran to the end or SCN_STOP
 * when it stopped early; the verdict is kept by the runtime either way. A test case that
 * declares no parties has two: "UE" (under test, index 0) and "SS" (played, index 1). */
typedef struct scn_testcase {
  const char* name;   /* as written after `testcase`, selected by --testcase */
  const char* title;  /* the quoted title; may be NULL */
  int (*entry)(scn_rt* rt);
  const scn_party* parties;  /* at least one of each kind */
  size_t party_count;
  /* Every step of the test case in table order, procedure steps included (the same
   * scn_step objects its entry function passes to scn_step_begin), so that reports can
   * show the steps a run never reached; NULL and 0 for a hand-written program. */
  const struct scn_step* steps;
  size_t step_count;
  /* The rules for unexpected messages, in the order they are tried; NULL and 0: none
   * (messages no step takes stay queued and make the verdict inconc at the end). */
  const scn_unexpected_rule* unexpected;
  size_t unexpected_count;
} scn_testcase;

/* A parameter (px_IMS_HomeDomainName, ...) with its stdlib default; --set overrides. */
typedef struct scn_param_def {
  const char* name;
  const char* default_value;
  const char* description; /* may be NULL */
} scn_param_def;

/* A condition (A1, A5, ...) that --set NAME=true|false may override. */
typedef struct scn_condition_def {
  const char* name;
  int default_value; /* 0 or 1 */
  const char* description; /* may be NULL */
} scn_condition_def;

/* Everything the compiler emits about one .scn file. */
typedef struct scn_program {
  unsigned abi_version; /* SCN_RT_ABI_VERSION at compile time; a mismatch is an error */
  const char* name;     /* the scenario (file) name: JUnit suite name, report header */
  const scn_testcase* testcases;
  size_t testcase_count;
  const scn_param_def* params;
  size_t param_count;
  const scn_condition_def* conditions;
  size_t condition_count;
} scn_program;

/* ------------------------------------------------------------- running a program -- */

/* One --set NAME=VALUE. */
typedef struct scn_setting {
  const char* name;
  const char* value;
} scn_setting;

/* Run options that name a party: --ue NAME=HOST:PORT (where a party under test is),
 * --bind NAME=HOST:PORT (a played party's own address), --drive NAME=SPEC (how the upper
 * tester makes a party under test act: "ctrl:HOST:PORT" for a UE speaking baresip's
 * ctrl_tcp protocol, "cmd:COMMAND LINE" with {party} {action} {args} filled in,
 * "prompt" for an operator at the terminal). */
enum scn_party_option_kind { SCN_OPTION_UE = 0, SCN_OPTION_BIND = 1, SCN_OPTION_DRIVE = 2 };

typedef struct scn_party_option {
  int kind;           /* enum scn_party_option_kind */
  const char* party;  /* the party's name */
  const char* value;
} scn_party_option;

/* The run options of the command-line contract, already parsed (for the JIT driver).
 * Initialise with scn_run_config_init() and change what the user gave. */
typedef struct scn_run_config {
  const char* testcase;     /* NULL: the only one of the program */
  const char* bind;         /* "HOST:PORT" of the SS; default "127.0.0.1:5060" */
  const char* ue;           /* "HOST:PORT" of the UE, or NULL */
  const char* transport;    /* "udp" (default) or "tcp" */
  const scn_setting* settings;
  size_t setting_count;
  unsigned timeout_ms;      /* default wait for a UE message; default 10000 */
  const char* trace_file;   /* NULL: no trace */
  const char* junit_file;   /* NULL: no JUnit report */
  int quiet;                /* non-zero: no message-flow lines on stdout */
  /* After a pass over UDP, keep answering UE retransmissions until the UE has been
   * silent this long, so the UE also ends cleanly when the last response was lost.
   * The verdict line is printed before; nothing is printed while lingering. */
  unsigned linger_ms;       /* default 4000 (RFC 3261 T2); 0: leave at once */
  /* Options naming a party; `bind` and `ue` above are the defaults for the played
   * parties and for the only party under test. An option naming no party of the test
   * case is an error. */
  const scn_party_option* party_options;
  size_t party_option_count;
  /* Every SIP message and RTP packet of the run as a pcap capture (raw IP, UDP). */
  const char* pcap_file;    /* NULL: none */
  /* The run as JSON (steps, timings, expected vs received, mismatches) and as a
   * self-contained HTML ladder diagram; both written also when the run ends in error. */
  const char* json_file;    /* NULL: none */
  const char* html_file;    /* NULL: none */
  /* 0: normal; 1 (--verbose): the trace also records every match attempt of every step,
   * each row with the .scn location it comes from (scn_match_row.origin). */
  int log_level;
  /* A long-running SS: the test case runs this many times in a row on the same
   * addresses, each run a new call of the same UE, one verdict line per run and a
   * summary; the exit code is the worst verdict's. 1 (default): once; 0: until SIGINT or
   * SIGTERM. */
  unsigned repeat;
  /* Load mode (ABI 7): many instances of the test case at once in one process, each a
   * session of its own (its own Call-IDs and tags), quiet, with statistics instead of
   * per-run output (docs/load.md). Non-zero `load` turns it on; at least one of
   * load_calls and load_duration_ms must then be non-zero (whichever ends first). */
  int load;
  unsigned load_calls;             /* instances in all; 0: no count limit */
  unsigned load_duration_ms;       /* start instances for this long; 0: no time limit */
  unsigned load_rate_mcps;         /* instances started per 1000 s (default 10000: 10/s) */
  unsigned load_concurrency;       /* most instances at once (default 100) */
  unsigned load_threads;           /* receiving threads; 0 (default): one per core */
  const char* load_stats_file;     /* NULL: none; ".json": JSON lines, else CSV */
  unsigned load_stats_interval_ms; /* one statistics row this often (default 1000) */
} scn_run_config;

void scn_run_config_init(scn_run_config* config);

/* Runs one test case of `program` as configured: binds the SS, runs the entry function,
 * prints one flow line per message to stdout and, as the LAST stdout line, the verdict
 * ("PASS", "FAIL step 4: PRACK: RAck: expected ..., received ..."), writes the trace and
 * JUnit files, and returns the exit code: 0 pass, 1 fail, 2 inconc, 3 error (bad option
 * or --set name, unknown test case, port in use: the line says which port). */
int scn_rt_run(const scn_run_config* config, const scn_program* program);

/* For built executables: parses the run options (argv[1..]) by the command-line contract
 *   --testcase NAME  --bind [PARTY=]HOST:PORT  --ue [PARTY=]HOST:PORT
 *   --drive PARTY=SPEC  --transport udp|tcp
 *   --set NAME=VALUE (repeatable)  --timeout SECONDS  --trace FILE  --junit FILE
 *   --pcap FILE
 *   --quiet  --linger SECONDS  --help (extras: no flow lines; see linger_ms)
 * then behaves as scn_rt_run. A bad option prints "ERROR: ..." and returns 3. */
int scn_rt_main(int argc, char** argv, const scn_program* program);

/* A run that could not start (the file does not compile, the program cannot be loaded):
 * prints "ERROR: <reason>" as the last stdout line and writes the reports the config
 * asks for (JUnit with an error element, JSON, HTML; `suite` names the scenario, the
 * config's testcase the test case, NULL: "(none)"), so a campaign always has a report.
 * Returns 3. */
int scn_rt_report_error(const scn_run_config* config, const char* suite, const char* reason);

/* --------------------------------------------------------------------- paths ------ */

/* Where in a message a value lives. Mirrors the paths of the scenario language:
 * `Request-URI`, `Status`, `Header`, `Header[2]`, `Header.tag`, `Contact.addr-spec.user`,
 * `CSeq.seq`, `RAck.rseq`, `body`. */
enum scn_path_target {
  SCN_PATH_REQUEST_URI = 0,
  SCN_PATH_STATUS = 1,
  SCN_PATH_REASON = 2,
  SCN_PATH_METHOD = 3,
  SCN_PATH_HEADER = 4,
  SCN_PATH_BODY = 5
};

enum scn_path_part {
  SCN_PART_WHOLE = 0,        /* the value itself */
  SCN_PART_ADDR_SPEC = 1,    /* addr-spec / uri of a name-addr header */
  SCN_PART_DISPLAY_NAME = 2,
  SCN_PART_PARAM = 3,        /* a header parameter; name in scn_path.name */
  SCN_PART_URI_USER = 4,
  SCN_PART_URI_HOST = 5,
  SCN_PART_URI_PORT = 6,
  SCN_PART_URI_PARAM = 7,    /* a URI parameter; name in scn_path.name */
  SCN_PART_TOKEN = 8,        /* leading token of Event, Subscription-State, ... */
  SCN_PART_CSEQ_SEQ = 9,
  SCN_PART_CSEQ_METHOD = 10, /* CSeq.method, RAck.method */
  SCN_PART_RACK_RSEQ = 11,
  SCN_PART_RACK_CSEQ = 12,
  SCN_PART_VIA_SENT_BY = 13,
  SCN_PART_VIA_TRANSPORT = 14,
  SCN_PART_VIA_HOST = 15,
  SCN_PART_VIA_PORT = 16
};

typedef struct scn_path {
  int target;          /* enum scn_path_target */
  const char* header;  /* canonical header name for SCN_PATH_HEADER, else NULL */
  unsigned index;      /* 1-based value index; 0: none given (all values / the first) */
  int part;            /* enum scn_path_part */
  const char* name;    /* parameter name for SCN_PART_PARAM / SCN_PART_URI_PARAM; for
                        * SCN_PATH_BODY an XML path into the body (the part after
                        * "body." of body.conference-info.users.user[2].endpoint.status,
                        * case-sensitive), NULL for the whole body; else NULL */
} scn_path;

/* ---------------------------------------------------------------------- steps ----- */

/* SS_TO_UE: a played party sends, or the upper tester makes a party under test act;
 * UE_TO_SS: a party under test sends. */
enum scn_direction { SCN_SS_TO_UE = 0, SCN_UE_TO_SS = 1 };

/* A message step sends or expects a message; an action step makes a party under test
 * act through the upper tester (scn_act); a media step sends or checks RTP (scn_media);
 * a wait step lets time pass (scn_wait). */
enum scn_step_kind {
  SCN_STEP_MESSAGE = 0,
  SCN_STEP_ACTION = 1,
  SCN_STEP_MEDIA = 2,
  SCN_STEP_WAIT = 3
};

/* The sender of an action step: the upper tester, which is no party. */
enum { SCN_UPPER_TESTER = -1 };

/* A numbered step of the test case table. */
typedef struct scn_step {
  const char* id;       /* "9", "A.15.1:3" (procedure step 3 of A.15.1) */
  int direction;        /* enum scn_direction */
  const char* message;  /* "INVITE", "183 Session Progress"; an action's name; for reports */
  const char* comment;  /* the spec comment; may be NULL */
  const char* dialog;   /* dialog name (`as focus`, `in dialog sub`); NULL or "": implicit */
  int from;             /* index into the test case's parties; SCN_UPPER_TESTER for actions */
  int to;               /* index of the receiving party (the party made to act) */
  int kind;             /* enum scn_step_kind */
  /* For the first step of an optional window (`optional within 3s { ... }`): the id of
   * the window's last step, so that a skipped window is reported as "steps 10-13 not
   * run"; NULL for every other step. */
  const char* window_end;
  /* 1: no step reads this step's message (scn_step_field, scn_out_relay), so a run that
   * reports nothing (a load instance) need not keep it; 0 (a hand-written program that
   * does not say): kept. */
  int message_unread;
  /* When later steps read only fields of this step's message (scn_step_field), their
   * paths: a run that reports nothing may keep those fields' values instead of the
   * message, and scn_step_field then returns what it would have read. 0 (and NULL): the
   * message is kept whole when read (a relay forwards it whole). */
  const scn_path* fields_read;
  size_t fields_read_count;
} scn_step;

/* Enters a step: later messages, verdicts and step fields are tied to its id.
 * Returns SCN_STOP when a verdict was already decided (e.g. a malformed message arrived). */
int scn_step_begin(scn_rt* rt, const scn_step* step);

/* ------------------------------------------------------------------- sending ------ */

/* Starts a request. Inside an existing dialog (`dialog` names one; NULL: the current
 * step's dialog) the runtime fills Request-URI, Route, From, To, Call-ID and CSeq from
 * it; otherwise it fills a new Call-ID, From tag, CSeq 1. Via with a fresh branch,
 * Max-Forwards, Contact (dialog-creating and target-refresh requests) and Content-Length
 * are filled too, unless switched off with scn_out_no_fill. NULL only when the runtime
 * failed inside (the verdict is then error); every scn_out_* call accepts NULL. */
scn_out* scn_out_request(scn_rt* rt, const char* method, const char* dialog);

/* Starts a response to a request the UE sent in `dialog` (NULL: the current step's):
 * the latest one of `method` (NULL: of any method) still without a final response, or
 * failing that the latest one. Via, From, To (with the SS's tag, the same for every
 * response to one request), Call-ID and CSeq are copied (RFC 3261 8.2.6.2).
 * reason NULL: the standard phrase. With no such request scn_send gives an error verdict.
 * NULL only as for scn_out_request. */
scn_out* scn_out_response(scn_rt* rt, int status, const char* reason, const char* dialog,
                          const char* method);

/* What a send row does at its path. */
enum scn_send_op {
  SCN_SEND_SET = 0,     /* replace (or add) the value */
  SCN_SEND_ABSENT = 1,  /* remove the header, the N-th value or the param */
  SCN_SEND_PRESENT = 2, /* a valueless param (";isfocus"); an empty header */
  SCN_SEND_APPEND = 3   /* add a value after the existing ones (list headers) */
};

/* A constant template row: rows of a default message, emitted as a static array. */
typedef struct scn_send_row {
  scn_path path;
  int op;         /* enum scn_send_op */
  scn_str value;  /* SCN_SEND_SET / SCN_SEND_APPEND */
} scn_send_row;

/* Starts forwarding the message received in step `step_id`, as the current step's
 * sender, a played party, forwards it as a stateful proxy (RFC 3261 section 16) to the
 * current step's receiver. A request gets the played party's Via on top (a fresh
 * branch), Max-Forwards decremented, the played party's own Route entry removed (16.4),
 * and, when it creates a dialog, a Record-Route with the played party's address (16.6);
 * it goes to the receiver's address. A response loses its top Via and goes back on the
 * server transaction of the request it answers. Rows then change the forwarded message
 * like any other; scn_send sends it. NULL only as for scn_out_request; no message in
 * that step: scn_send gives an error verdict. */
scn_out* scn_out_relay(scn_rt* rt, const char* step_id);

/* Rows apply in call order: later rows win over earlier ones at the same path. */
void scn_out_rows(scn_out* out, const scn_send_row* rows, size_t count);
void scn_out_set(scn_out* out, const scn_path* path, scn_str value);
void scn_out_add(scn_out* out, const scn_path* path, scn_str value);
void scn_out_remove(scn_out* out, const scn_path* path);
void scn_out_present(scn_out* out, const scn_path* path);
/* The body; Content-Type is guessed from it unless set by a row. */
void scn_out_body(scn_out* out, scn_str body);

/* Switches off automatic fills (bits below) for messages a test wants exactly as written. */
enum {
  SCN_FILL_VIA = 1u << 0,
  SCN_FILL_BRANCH = 1u << 1,
  SCN_FILL_MAX_FORWARDS = 1u << 2,
  SCN_FILL_CALL_ID = 1u << 3,
  SCN_FILL_CSEQ = 1u << 4,
  SCN_FILL_FROM_TO = 1u << 5,
  SCN_FILL_TAGS = 1u << 6,
  SCN_FILL_ROUTE = 1u << 7,
  SCN_FILL_REQUEST_URI = 1u << 8,
  SCN_FILL_CONTACT = 1u << 9,
  SCN_FILL_CONTENT_TYPE = 1u << 10,
  SCN_FILL_CONTENT_LENGTH = 1u << 11
};
void scn_out_no_fill(scn_out* out, unsigned fills);

/* Builds and sends the message, consuming `out`. Requests go through a client
 * transaction (retransmitted over UDP; ACK is sent on its own); a reliable provisional
 * response (Require: 100rel with RSeq) is retransmitted until its PRACK, a 2xx to INVITE
 * until its ACK. Returns SCN_OK, or SCN_STOP with an error verdict (the message could not
 * be built, or the request it answers is gone). */
int scn_send(scn_rt* rt, scn_out* out);

/* ------------------------------------------------------------------- receiving ---- */

enum scn_match_kind {
  SCN_MATCH_EQUAL = 0,       /* values[0]; URIs by RFC 3261 19.1.4, tokens caselessly */
  SCN_MATCH_EQUAL_LIST = 1,  /* one expected value per received value, in order */
  SCN_MATCH_PRESENT = 2,
  SCN_MATCH_ABSENT = 3,
  SCN_MATCH_ANY = 4,         /* not checked (with a capture: "value stored") */
  SCN_MATCH_PREFIX = 5,      /* values[0], case-sensitive */
  SCN_MATCH_REGEX = 6,       /* values[0]: ECMAScript source, compiled once per run */
  SCN_MATCH_ONE_OF = 7,      /* any of values[] */
  /* The digest of the credentials at the path's header (Authorization or
   * Proxy-Authorization, part "response") is right for a challenge the SS issued in
   * this run: values[0] the user name, values[1] the password (RFC 2617, RFC 7616;
   * AKAv1-MD5, RFC 3310: the password is the challenge's RES, values[1] unused; with
   * auts, the resynchronisation is verified). A nonce never issued, or used again with
   * a nonce count already seen, does not match. */
  SCN_MATCH_DIGEST = 8
};

/* One row of a matching template. Rows are static data; a row whose operands are only
 * known at run time has them in the template's row_values (values NULL here). Load mode
 * makes each row into its matcher once for the whole run, known by the row's address:
 * rows must not change while the program runs. */
typedef struct scn_match_row {
  scn_path path;
  int kind;               /* enum scn_match_kind */
  const scn_str* values;  /* operands; NULL when value_count is 0 */
  size_t value_count;
  const char* capture;    /* store the received value under this slot, or NULL */
  /* Where the expectation comes from, for verdicts and reports: "FILE:LINE" of the row
   * that demanded the value (the test case's exception, or the stdlib default's row),
   * then what selected it (" default \"NAME\"", " when A5"); NULL when unknown. */
  const char* origin;
} scn_match_row;

/* What the UE must send: a request of `method`, or a response with `status`
 * (method NULL; status 0: any final response), then every row that is on.
 * The rows stay static and what depends on the run is beside them, so that a test case
 * waiting in scn_expect holds a few octets a row on its stack, not the rows. */
typedef struct scn_match_template {
  const char* method;
  int status;
  const scn_match_row* rows;
  size_t row_count;
  /* NULL: every row is on; else one byte a row, 0: left out (its `when` is false). */
  const unsigned char* row_on;
  /* NULL: every row has its own operands; else one pointer a row, non-NULL: that row's
   * value_count operands, computed at run time. */
  const scn_str* const* row_values;
} scn_match_template;

enum {
  SCN_EXPECT_OPTIONAL = 1  /* a timeout is not a failure: scn_expect returns SCN_TIMEOUT */
};

/* Waits up to timeout_ms (0: the run's --timeout) for the next UE message that fits the
 * template's start line (unexpected provisional responses are skipped; other messages are
 * held for later steps, and an unexpected request still held when the wait ends makes the
 * verdict inconc), then matches every row. Returns SCN_MATCHED (captures stored), or
 * SCN_TIMEOUT (optional only), or SCN_STOP with a fail verdict naming the step, path,
 * expected and received value ("no SUBSCRIBE from the UE within 10 s" on silence). */
int scn_expect(scn_rt* rt, const scn_match_template* tmpl, unsigned timeout_ms, int flags);

/* One alternative of scn_expect_first / one member of scn_expect_each: a message step
 * with its template. The runtime enters the step (as scn_step_begin) when its message
 * is taken. */
typedef struct scn_expect_alt {
  const scn_step* step;
  const scn_match_template* tmpl;
} scn_expect_alt;

/* `either { ... } or { ... }`: waits for the first message that fits the start line and
 * sender of one alternative (in the order given when several fit), enters that step,
 * matches its rows and writes the alternative's index to *chosen. SCN_MATCHED,
 * SCN_TIMEOUT (SCN_EXPECT_OPTIONAL only) or SCN_STOP (the verdict names every
 * alternative: "none of INVITE (step 6), 200 OK (step 8) from UE2 within 10 s"). */
int scn_expect_first(scn_rt* rt, const scn_expect_alt* alts, size_t count,
                     unsigned timeout_ms, int flags, size_t* chosen);
/* `in any order { ... }`: every member's message must arrive, in any order, each within
 * timeout_ms of the previous one; each step is entered when its message is taken.
 * SCN_OK or SCN_STOP. */
int scn_expect_each(scn_rt* rt, const scn_expect_alt* alts, size_t count,
                    unsigned timeout_ms);

/* ----------------------------------------------------------------- upper tester --- */

/* Makes the current action step's party act through its upper tester (--drive): `action`
 * is the step's verb ("dial", "answer", "hangup", "transfer", "conference_create",
 * "conference_add", "subscribe", "unsubscribe"), `args` its operands (a URI, an event
 * package). Waits up to timeout_ms (0: the run's --timeout) for the driver to confirm,
 * running the event loop meanwhile (the UE's messages queue for later steps). SCN_OK,
 * or SCN_STOP with a fail verdict naming the party and why the action failed ("UE2:
 * hangup: no call", "UE1: dial: no answer from the driver within 10 s"), or an error
 * verdict when the party has no driver. */
int scn_act(scn_rt* rt, const char* action, const scn_str* args, size_t arg_count,
            unsigned timeout_ms);

/* ---------------------------------------------------------------------- waits ----- */

/* `wait 2s`: the current wait step lets `ms` milliseconds pass, running the event loop
 * (timers, retransmissions; UE messages queue for later steps). SCN_OK, or SCN_STOP when
 * a verdict other than pass was decided meanwhile (a malformed message arrived). */
int scn_wait(scn_rt* rt, unsigned ms);

/* ---------------------------------------------------------------------- media ----- */

/* A played party's RTP stream to or from a party under test (RFC 3550): each played
 * party has a media endpoint per dialog whose SDP it gave with scn_sdp. */
enum scn_media_op {
  SCN_MEDIA_TONE = 0,     /* send a sine tone of `value` Hz (G.711 as negotiated) */
  SCN_MEDIA_SILENCE = 1,  /* send silence */
  SCN_MEDIA_MIX = 2,      /* send the sum of what the played party's other streams receive */
  SCN_MEDIA_DTMF = 3,     /* send the digits of `value` as RFC 4733 events */
  SCN_MEDIA_STOP = 4,     /* stop sending */
  SCN_MEDIA_CHECK = 5     /* watch the stream the party under test sends, then judge it */
};

/* What a check judges besides the stream's own soundness (packets within the window,
 * negotiated payload types, one SSRC, sequence and timestamp continuity, packet rate). */
typedef struct scn_media_check {
  unsigned duration_ms;    /* how long the stream is watched */
  const scn_str* tones;    /* frequencies in Hz (decimal text) that must be heard */
  size_t tone_count;
  scn_str dtmf;            /* RFC 4733 digits that must arrive, in order; "" none */
  int max_loss_permille;   /* -1: not judged */
  int max_jitter_us;       /* RFC 3550 A.8 interarrival jitter; -1: not judged */
  int flags;               /* SCN_MEDIA_LOSS_INCLUSIVE, SCN_MEDIA_JITTER_INCLUSIVE, SCN_MEDIA_RTCP */
} scn_media_check;

/* LOSS/JITTER_INCLUSIVE: the limit itself passes (`<=`); RTCP: an RTCP packet must arrive
 * on the port after the stream's (RFC 3550 6). */
enum { SCN_MEDIA_LOSS_INCLUSIVE = 1, SCN_MEDIA_JITTER_INCLUSIVE = 2, SCN_MEDIA_RTCP = 4 };

/* The current media step: the stream between its played party and its party under test
 * in `dialog` (NULL or "": the pair's latest stream). `value` is the tone's frequency or
 * the DTMF digits; `check` is non-NULL for SCN_MEDIA_CHECK, which runs the event loop for
 * check->duration_ms. SCN_OK, or SCN_STOP with a fail verdict naming the stream and the
 * figure ("RTP UE1 -> FOCUS: no packet within 2 s"), or an error verdict when there is no
 * such stream. */
int scn_media(scn_rt* rt, int op, const char* dialog, scn_str value,
              const scn_media_check* check);

/* An SDP body (RFC 4566) for the message being built (the last scn_out_* not yet sent),
 * from the media endpoint of its played party in its dialog (opened on first use):
 * SCN_SDP_ANSWER answers the offer the party under test made in that dialog (RFC 3264 6:
 * the codecs both support, directions mirrored, RFC 3312 preconditions met on the SS's
 * side); SCN_SDP_OFFER makes a new offer (PCMU, PCMA, telephone-event). Error verdict
 * and "" when there is nothing to answer or no message is being built. */
enum scn_sdp_kind { SCN_SDP_ANSWER = 0, SCN_SDP_OFFER = 1 };
scn_str scn_sdp(scn_rt* rt, int kind);

/* --------------------------------------------------------------------- values ----- */

/* A parameter's value (--set override, else the program default); unknown: error verdict
 * and "". */
scn_str scn_param(scn_rt* rt, const char* name);
/* A condition's value (0/1); unknown: error verdict and 0. */
int scn_condition(scn_rt* rt, const char* name);
/* A value captured by a match row (`-> name`); "" when never stored. */
scn_str scn_stored(scn_rt* rt, const char* slot);
/* The value at `path` of the message sent or received in step `step_id` (the last one of
 * that step); list values joined with ", "; "" when absent or no such step. */
scn_str scn_step_field(scn_rt* rt, const char* step_id, const scn_path* path);

enum scn_dialog_field {
  SCN_DIALOG_CALL_ID = 0,
  SCN_DIALOG_LOCAL_TAG = 1,
  SCN_DIALOG_REMOTE_TAG = 2,
  SCN_DIALOG_LOCAL_URI = 3,
  SCN_DIALOG_REMOTE_URI = 4,
  SCN_DIALOG_REMOTE_TARGET = 5,
  SCN_DIALOG_ROUTE_SET = 6,   /* "<uri>, <uri>" */
  SCN_DIALOG_LOCAL_CSEQ = 7,
  SCN_DIALOG_REMOTE_CSEQ = 8
};
/* A field of a dialog (NULL or "": the implicit one); "" when there is no such dialog. */
scn_str scn_dialog_field(scn_rt* rt, const char* dialog, int field);
/* The SS's own SIP address "HOST:PORT" (IPv6 in brackets), as in `{ss.address}`: the
 * address of the played parties that have no --bind of their own. */
scn_str scn_ss_address(scn_rt* rt);
/* A party's address "HOST:PORT", as in `party(FOCUS).address`: a played party's own
 * (or the SS's), a party under test's from --ue or learnt from its first message; ""
 * while not known yet. An unknown name: error verdict and "". */
scn_str scn_party_address(scn_rt* rt, const char* party);
/* Concatenation into run-owned storage. */
scn_str scn_concat(scn_rt* rt, const scn_str* parts, size_t count);
/* A list value ("a, b, c") in reverse order ("c, b, a"), as `reverse(...)`. */
scn_str scn_list_reverse(scn_rt* rt, scn_str list);
/* Does `party` (an index into the test case's parties: the party under test of the step
 * the condition guards) hold an active subscription to this event package, in any of its
 * dialogs? party -1: does any party under test? */
int scn_subscribed(scn_rt* rt, const char* package, int party);

/* A challenge of the played registrar (RFC 3261 22.4), the whole value of a
 * WWW-Authenticate or Proxy-Authenticate header, remembered for SCN_MATCH_DIGEST rows:
 *   SCN_AUTH_DIGEST: args user, realm, algorithm ("MD5", "SHA-256", ...); a fresh nonce,
 *     qop="auth".
 *   SCN_AUTH_AKA: args user, realm, K, OP, OPc (hex; one of OP and OPc empty); an IMS AKA
 *     vector (Milenage, 3GPP TS 35.206), nonce base64(RAND || AUTN), AKAv1-MD5 (RFC 3310).
 * Bad arguments: error verdict and "". */
enum scn_auth_scheme { SCN_AUTH_DIGEST = 0, SCN_AUTH_AKA = 1 };
scn_str scn_auth_challenge(scn_rt* rt, int scheme, const scn_str* args, size_t count);
/* The credentials a played UE answers a challenge with (the mirror of a registration),
 * the whole value of an Authorization or Proxy-Authorization header: args challenge (the
 * whole WWW-Authenticate / Proxy-Authenticate value received), method, digest-uri (the
 * challenged request's Request-URI), user, password, K, OP, OPc (hex, for AKAv1-MD5; one
 * of OP and OPc empty). qop=auth with nc 00000001 and a fresh cnonce when the challenge
 * offers it; its opaque returned. Bad arguments or challenge: error verdict and "". */
scn_str scn_auth_credentials(scn_rt* rt, const scn_str* args, size_t count);

/* -------------------------------------------------------------------- verdicts ---- */

/* Sets a verdict for the current step; a verdict never improves (fail stays fail). */
void scn_fail(scn_rt* rt, const char* reason);
void scn_inconc(scn_rt* rt, const char* reason);
/* The verdict so far: SCN_PASS, SCN_INCONC, SCN_FAIL or SCN_ERROR. */
int scn_verdict(scn_rt* rt);

/* ------------------------------------------------ interactive sessions (repl) ---- */

/* A session is a run taken apart, so that an interactive stepper can pause between
 * steps, inspect, and run more code on the same SS before the end:
 *   scn_rt_run = scn_rt_open + scn_rt_call(testcase entry) + scn_rt_finish + scn_rt_close
 * (same stdout, same exit code). Declared after the types they use.
 */

/* Opens a session for the test case the config selects: checks the program, applies
 * --set, binds the SS and prints the banner, but runs nothing. NULL with a reason in
 * `error` (NUL-terminated, truncated to error_size; "" on success) when that fails.
 * The config is copied; `program` must outlive the session. */
scn_rt* scn_rt_open(const scn_run_config* config, const scn_program* program, char* error,
                    size_t error_size);
/* Runs an entry function (the test case's or an ad hoc one) on the open session; an
 * exception inside becomes an error verdict (SCN_STOP). SCN_OK or SCN_STOP, as the
 * entry returned. While it runs, scn_step_begin calls the step hook (if any) unless
 * `adhoc` is non-zero; an ad hoc entry's steps do not change the session's current step
 * afterwards. May be called from inside the hook (ad hoc steps while paused). After
 * scn_rt_finish nothing runs: SCN_STOP. */
int scn_rt_call(scn_rt* rt, int (*entry)(scn_rt*), int adhoc);
/* Ends a session's run: the end checks (UE requests never taken -> inconc; an aborted
 * run -> "INCONC step N: run aborted by the user", N the step the hook aborted, unless
 * the verdict was already worse), the mismatch list and the verdict line on stdout,
 * linger, trace and JUnit files. Returns the exit code scn_rt_run would. Meant to be
 * called once (a second call prints nothing and returns the same code); scn_rt_close
 * is still needed. */
int scn_rt_finish(scn_rt* rt);
/* Frees the session and its arena: every scn_str it returned dies. NULL is fine, and so
 * is the rt an entry function gets inside scn_rt_run (nothing happens then). */
void scn_rt_close(scn_rt* rt);

enum { SCN_HOOK_GO = 0, SCN_HOOK_ABORT = 1 };
/* Called by scn_step_begin once the step is entered (scn_current_step is its id) and
 * before it runs; not for ad hoc entries, not once a verdict other than pass is decided.
 * SCN_HOOK_ABORT stops the run without deciding a verdict (scn_verdict is unchanged
 * until scn_rt_finish, see there): this and every later scn_step_begin return SCN_STOP,
 * ad hoc ones included. NULL removes the hook. */
typedef int (*scn_step_hook)(void* user, scn_rt* rt, const scn_step* step);
void scn_rt_set_step_hook(scn_rt* rt, scn_step_hook hook, void* user);
/* Was the run aborted by the hook? 1 or 0. */
int scn_rt_aborted(scn_rt* rt);

/* The raw text of the last message received from the UE (SCN_UE_TO_SS, malformed ones
 * included) or sent to it (SCN_SS_TO_UE), retransmissions not counted; "" when none. */
scn_str scn_last_message(scn_rt* rt, int direction);
/* A field of that message, read as scn_step_field reads one; "" when absent. */
scn_str scn_last_field(scn_rt* rt, int direction, const scn_path* path);
/* One line per dialog, each ending in "\n", oldest first; "" when none:
 *   NAME STATE call-id=ID local-tag=TAG remote-tag=TAG target=URI route=ROUTES cseq=L/R
 * NAME: the dialog's name, "(default)" for the implicit one (the first, when unnamed),
 * "(unnamed)" for one whose name went to a newer dialog. STATE: early, confirmed or
 * terminated. ROUTES: the route set "<uri>,<uri>" (no spaces; empty when none). L/R:
 * the last local and remote CSeq numbers, "-" for none yet. */
scn_str scn_dialogs_text(scn_rt* rt);
/* One line per stored value, "slot = value\n", sorted by slot; "" when none. */
scn_str scn_stored_text(scn_rt* rt);
/* Sets a parameter or condition as --set does (conditions and parameters whose default
 * is true/false: true/false, 1/0, yes/no, on/off; parameters with an integer default: an
 * integer): 0, or -1 with the reason in `error` ("no parameter or condition 'x'; did you
 * mean 'y'?", "A1: expected true or false, got 'maybe'"). Never changes the verdict. */
int scn_set(scn_rt* rt, const char* name, const char* value, char* error, size_t error_size);
/* The verdict line so far, as the end of a run prints it ("PASS", "FAIL step 4: ..."). */
scn_str scn_verdict_text(scn_rt* rt);
/* The id of the step being run or last run ("" before the first). */
scn_str scn_current_step(scn_rt* rt);
/* While an interactive user thinks: runs the session's event loop (timers,
 * retransmissions, UE messages queued for later steps, flow lines printed) until `fd`
 * is readable (or at end of file / hung up). 0 then, -1 when fd cannot be watched
 * (not open, or a regular file, which epoll refuses: read it at once instead). */
int scn_rt_idle_until_readable(scn_rt* rt, int fd);

#ifdef __cplusplus
}
#endif

#endif /* SCN_RT_H */
