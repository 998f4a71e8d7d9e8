/*
 * linphone_ue: liblinphone as a UE under test, on loopback, driven through the ctrl_tcp
 * protocol (the one of baresip's ctrl_tcp module): netstring-framed JSON over TCP.
 *   command  {"command":"dial","params":"sip:x@127.0.0.1:5062","token":"t1"}
 *   response {"response":true,"ok":true,"data":"...","token":"t1"}
 *   event    {"event":true,"class":"call","type":"CALL_ESTABLISHED","id":"<Call-ID>",...}
 * Commands: help dial accept hangup transfer conference_create conference_add
 * conference_terminate subscribe unsubscribe listcalls reginfo quit (README.md).
 * One control connection at a time; a new one replaces the old. Exits cleanly on quit,
 * SIGTERM and SIGINT (calls ended, unREGISTER), each step bounded in time.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linphone/core.h>
#include <linphone/linphonecore.h>

/* ---------------------------------------------------------------- options, state */
static struct {
	int sip_port, ctrl_port, rtp_port, expires, auto_answer, reg, rel100;
	const char *identity, *proxy, *factory, *password, *log, *dir, *transport;
	const char *play_file, *record_file; /* the microphone and the speaker, as WAV files */
} opt = {.expires = 600, .rel100 = -1, .identity = "sip:user1_public1@home1.net", .transport = "udp"};

static LinphoneFactory *factory;
static LinphoneCore *lc;
static LinphoneEvent *subscription; /* the one `subscribe` made */
static LinphoneConferenceState conference_state; /* the last one reported */
static volatile sig_atomic_t stop_requested;
static int listen_fd = -1, client_fd = -1;
static char inbuf[65536];
static size_t inlen;
static char tmpdir[64];

/* A growing string. */
typedef struct { char *p; size_t n, cap; } Str;
static void sb_put(Str *s, const char *p, size_t n) {
	if (s->n + n + 1 > s->cap) {
		s->cap = (s->n + n + 1) * 2;
		s->p = realloc(s->p, s->cap);
	}
	memcpy(s->p + s->n, p, n);
	s->n += n;
	s->p[s->n] = 0;
}
static void sb_printf(Str *s, const char *fmt, ...) {
	char *t; va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&t, fmt, ap);
	va_end(ap);
	if (n >= 0) { sb_put(s, t, (size_t)n); free(t); }
}
static void sb_json(Str *s, const char *v) { /* a JSON string literal */
	sb_put(s, "\"", 1);
	for (const unsigned char *c = (const unsigned char *)(v ? v : ""); *c; c++) {
		if (*c == '"' || *c == '\\') { sb_put(s, "\\", 1); sb_put(s, (const char *)c, 1); }
		else if (*c == '\n') sb_put(s, "\\n", 2);
		else if (*c == '\r') sb_put(s, "\\r", 2);
		else if (*c == '\t') sb_put(s, "\\t", 2);
		else if (*c < 0x20) sb_printf(s, "\\u%04x", *c);
		else sb_put(s, (const char *)c, 1);
	}
	sb_put(s, "\"", 1);
}
static void sb_field(Str *s, const char *key, const char *value) {
	if (!value) return;
	sb_put(s, ",", 1); sb_json(s, key); sb_put(s, ":", 1); sb_json(s, value);
}

/* ---------------------------------------------------------------- control channel */
static void send_frame(Str *json) {
	printf("%s\n", json->p); /* the transcript of the control traffic */
	fflush(stdout);
	if (client_fd < 0) return;
	Str f = {0};
	sb_printf(&f, "%zu:", json->n);
	sb_put(&f, json->p, json->n);
	sb_put(&f, ",", 1);
	size_t off = 0;
	while (off < f.n) { /* SO_SNDTIMEO bounds each write */
		ssize_t w = send(client_fd, f.p + off, f.n - off, MSG_NOSIGNAL);
		if (w <= 0) { close(client_fd); client_fd = -1; break; }
		off += (size_t)w;
	}
	free(f.p);
}

static void respond(const char *token, int ok, const char *data) {
	Str s = {0};
	sb_printf(&s, "{\"response\":true,\"ok\":%s", ok ? "true" : "false");
	sb_field(&s, "data", data ? data : "");
	sb_field(&s, "token", token);
	sb_put(&s, "}", 1);
	send_frame(&s);
	free(s.p);
}

static const char *call_state_name(LinphoneCallState cs) {
	const char *n = linphone_call_state_to_string(cs);
	return strncmp(n, "LinphoneCall", 12) == 0 ? n + 12 : n;
}

static char aor[256]; /* the identity as a bare URI: the events' accountaor */

/* An event in baresip's shape; call fields when CALL is given, then KEY=VALUE pairs. */
static void emit(const char *cls, const char *type, LinphoneCall *call, const char *param, ...) {
	Str s = {0};
	sb_printf(&s, "{\"event\":true");
	sb_field(&s, "class", cls);
	sb_field(&s, "type", type);
	sb_field(&s, "accountaor", aor);
	if (call) {
		char *peer = linphone_address_as_string_uri_only(linphone_call_get_remote_address(call));
		sb_field(&s, "direction",
		         linphone_call_get_dir(call) == LinphoneCallOutgoing ? "outgoing" : "incoming");
		sb_field(&s, "peeruri", peer);
		sb_field(&s, "id", linphone_call_log_get_call_id(linphone_call_get_call_log(call)));
		sb_field(&s, "state", call_state_name(linphone_call_get_state(call)));
		ms_free(peer);
	}
	if (param && *param) sb_field(&s, "param", param);
	va_list ap;
	va_start(ap, param);
	for (const char *k; (k = va_arg(ap, const char *)) != NULL;) sb_field(&s, k, va_arg(ap, const char *));
	va_end(ap);
	sb_put(&s, "}", 1);
	send_frame(&s);
	free(s.p);
}

/* Reads the string members of a flat JSON object: command, params, token. 0 on success. */
static const char *json_string(const char *p, char *out, size_t cap) {
	size_t n = 0;
	if (*p++ != '"') return NULL;
	for (; *p && *p != '"'; p++) {
		char c = *p;
		if (c == '\\') {
			c = *++p;
			if (c == 'n') c = '\n'; else if (c == 't') c = '\t'; else if (c == 'r') c = '\r';
			else if (c == 'u') { /* \uXXXX: ASCII only, others become '?' */
				unsigned v = 0;
				if (sscanf(p + 1, "%4x", &v) != 1) return NULL;
				c = v < 0x80 ? (char)v : '?';
				p += 4;
			} else if (c != '"' && c != '\\' && c != '/') return NULL;
		}
		if (n + 1 < cap) out[n++] = c;
	}
	out[n] = 0;
	return *p == '"' ? p + 1 : NULL;
}
static int json_parse(const char *p, char *cmd, char *params, char *token, size_t cap) {
	char key[32], val[4096];
	*cmd = *params = *token = 0;
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') p++;
	if (*p++ != '{') return -1;
	for (;;) {
		p += strspn(p, " \t\r\n");
		if (*p == '}') return *cmd ? 0 : -1;
		if (!(p = json_string(p, key, sizeof key))) return -1;
		p += strspn(p, " \t\r\n");
		if (*p++ != ':') return -1;
		p += strspn(p, " \t\r\n");
		if (*p == '"') {
			if (!(p = json_string(p, val, sizeof val))) return -1;
			if (!strcmp(key, "command")) snprintf(cmd, cap, "%s", val);
			else if (!strcmp(key, "params")) snprintf(params, cap, "%s", val);
			else if (!strcmp(key, "token")) snprintf(token, cap, "%s", val);
		} else p += strcspn(p, ",}"); /* true, false, null, numbers */
		p += strspn(p, " \t\r\n");
		if (*p == ',') p++;
		else if (*p != '}') return -1;
	}
}

/* ---------------------------------------------------------------- calls */
static const char *call_id(LinphoneCall *c) {
	const char *id = linphone_call_log_get_call_id(linphone_call_get_call_log(c));
	return id ? id : "";
}

/* The call named by WHICH (a Call-ID or the peer's URI); without WHICH the current call,
 * else the most recent call not ended. */
static LinphoneCall *find_call(const char *which) {
	LinphoneCall *found = NULL;
	if (!*which && (found = linphone_core_get_current_call(lc))) return found;
	for (const bctbx_list_t *l = linphone_core_get_calls(lc); l; l = l->next) {
		LinphoneCall *c = l->data;
		LinphoneCallState st = linphone_call_get_state(c);
		if (!*which) {
			if (st != LinphoneCallStateEnd && st != LinphoneCallStateError && st != LinphoneCallStateReleased)
				found = c;
			continue;
		}
		char *peer = linphone_address_as_string_uri_only(linphone_call_get_remote_address(c));
		int match = !strcmp(which, call_id(c)) || !strcmp(which, peer);
		ms_free(peer);
		if (match) return c;
	}
	return found;
}

static LinphoneConference *conference(void) { return linphone_core_get_conference(lc); }

static const char *conference_state_name(LinphoneConferenceState s) {
	static const char *names[] = {"NONE", "INSTANTIATED", "CREATION_PENDING", "CREATED",
		"CREATION_FAILED", "TERMINATION_PENDING", "TERMINATED", "TERMINATION_FAILED", "DELETED"};
	return (unsigned)s < sizeof names / sizeof *names ? names[s] : "UNKNOWN";
}

static char *conference_uri(LinphoneConference *conf) {
	const LinphoneAddress *a = conf ? linphone_conference_get_conference_address(conf) : NULL;
	return a ? linphone_address_as_string(a) : NULL;
}

/* ---------------------------------------------------------------- commands */
static void cmd_dial(const char *token, const char *params) {
	LinphoneAddress *to = linphone_core_interpret_url(lc, params);
	if (!*params || !to) { respond(token, 0, "dial: a SIP URI is needed"); return; }
	LinphoneCallParams *cp = linphone_core_create_call_params(lc, NULL);
	linphone_call_params_enable_video(cp, FALSE);
	LinphoneCall *call = linphone_core_invite_address_with_params(lc, to, cp);
	linphone_call_params_unref(cp);
	linphone_address_unref(to);
	respond(token, call != NULL, call ? call_id(call) : "dial: the INVITE could not be sent");
}

static void cmd_call(const char *token, const char *cmd, const char *params) {
	LinphoneCall *call = find_call(params);
	if (!call) { respond(token, 0, "no such call"); return; }
	int err = !strcmp(cmd, "accept") ? linphone_call_accept(call) : linphone_call_terminate(call);
	respond(token, err == 0, err ? "the call is not in a state for that" : call_id(call));
}

static void cmd_transfer(const char *token, const char *params) {
	LinphoneCall *call = find_call("");
	LinphoneAddress *to = *params ? linphone_core_interpret_url(lc, params) : NULL;
	int err = call && to ? linphone_call_transfer_to(call, to) : -1;
	if (to) linphone_address_unref(to);
	respond(token, err == 0, err ? "transfer: needs a call and a URI" : call_id(call));
}

static void conference_participant(LinphoneConference *conf, const LinphoneParticipant *p, int added) {
	char *uri = linphone_address_as_string(linphone_participant_get_address(p));
	char *curi = conference_uri(conf);
	emit("conference", added ? "PARTICIPANT_ADDED" : "PARTICIPANT_REMOVED", NULL, uri,
	     "conference", curi, NULL);
	ms_free(uri);
	if (curi) ms_free(curi);
}
static void on_participant_added(LinphoneConference *c, const LinphoneParticipant *p) { conference_participant(c, p, 1); }
static void on_participant_removed(LinphoneConference *c, const LinphoneParticipant *p) { conference_participant(c, p, 0); }

/* conference_create [CALL]: the RFC 4579 client of liblinphone. A remote conference is
 * created and CALL (default: the current call) becomes its first participant: INVITE to
 * the factory URI, then, once the focus answers with a conf-id Contact, REFER to CALL. */
static void cmd_conference_create(const char *token, const char *params) {
	if (!opt.factory) { respond(token, 0, "conference_create: no --factory-uri"); return; }
	if (conference()) { respond(token, 0, "conference_create: a conference exists"); return; }
	LinphoneCall *call = find_call(params);
	if (!call) { respond(token, 0, "conference_create: needs a call to the first participant"); return; }
	LinphoneConferenceParams *cp = linphone_core_create_conference_params(lc);
	linphone_conference_params_enable_video(cp, FALSE);
	LinphoneConference *conf = linphone_core_create_conference_with_params(lc, cp);
	linphone_conference_params_unref(cp);
	if (!conf) { respond(token, 0, "conference_create: liblinphone refused"); return; }
	LinphoneConferenceCbs *cbs = linphone_factory_create_conference_cbs(factory);
	linphone_conference_cbs_set_participant_added(cbs, on_participant_added);
	linphone_conference_cbs_set_participant_removed(cbs, on_participant_removed);
	linphone_conference_add_callbacks(conf, cbs);
	linphone_conference_cbs_unref(cbs);
	/* In liblinphone 5.1 this "LinphoneStatus" is a C++ bool: non-zero is success. */
	int added = linphone_conference_add_participant(conf, call);
	linphone_conference_unref(conf); /* the core keeps its own reference */
	respond(token, added, added ? call_id(call) : "conference_create: the participant was not added");
}

/* conference_add [CALL]: REFER the peer of CALL (default: the current call) to the focus. */
static void cmd_conference_add(const char *token, const char *params) {
	LinphoneConference *conf = conference();
	LinphoneCall *call = find_call(params);
	if (!conf || !call) { respond(token, 0, "conference_add: needs a conference and a call"); return; }
	int added = linphone_conference_add_participant(conf, call); /* non-zero: success */
	respond(token, added, added ? call_id(call) : "conference_add: refused");
}

static void cmd_conference_terminate(const char *token) {
	LinphoneConference *conf = conference();
	int err = conf ? linphone_conference_terminate(conf) : -1;
	respond(token, err == 0, err ? "no conference" : "");
}

/* subscribe URI EVENT [EXPIRES] */
static void cmd_subscribe(const char *token, const char *params) {
	char uri[1024] = "", event[64] = "";
	int expires = 600;
	if (sscanf(params, "%1023s %63s %d", uri, event, &expires) < 2) {
		respond(token, 0, "subscribe URI EVENT [EXPIRES]");
		return;
	}
	LinphoneAddress *to = linphone_core_interpret_url(lc, uri);
	if (subscription) { linphone_event_terminate(subscription); linphone_event_unref(subscription); }
	subscription = to ? linphone_core_subscribe(lc, to, event, expires, NULL) : NULL;
	if (subscription) linphone_event_ref(subscription);
	if (to) linphone_address_unref(to);
	respond(token, subscription != NULL, subscription ? "" : "subscribe: not sent");
}

static void cmd_unsubscribe(const char *token) {
	if (!subscription) { respond(token, 0, "no subscription"); return; }
	linphone_event_terminate(subscription);
	linphone_event_unref(subscription);
	subscription = NULL;
	respond(token, 1, "");
}

static void cmd_listcalls(const char *token) {
	Str s = {0};
	for (const bctbx_list_t *l = linphone_core_get_calls(lc); l; l = l->next) {
		LinphoneCall *c = l->data;
		char *peer = linphone_address_as_string_uri_only(linphone_call_get_remote_address(c));
		sb_printf(&s, "%s %s %s %s\n", call_id(c), call_state_name(linphone_call_get_state(c)),
		          linphone_call_get_dir(c) == LinphoneCallOutgoing ? "outgoing" : "incoming", peer);
		ms_free(peer);
	}
	char *curi = conference_uri(conference());
	if (curi) { sb_printf(&s, "conference %s %s\n", conference_state_name(conference_state), curi); ms_free(curi); }
	respond(token, 1, s.p ? s.p : "");
	free(s.p);
}

static void handle_command(const char *json) {
	char cmd[4096], params[4096], token[4096];
	if (json_parse(json, cmd, params, token, sizeof cmd)) {
		respond(NULL, 0, "malformed command");
		return;
	}
	printf("-> %s %s\n", cmd, params);
	if (!strcmp(cmd, "dial")) cmd_dial(token, params);
	else if (!strcmp(cmd, "accept") || !strcmp(cmd, "hangup")) cmd_call(token, cmd, params);
	else if (!strcmp(cmd, "transfer")) cmd_transfer(token, params);
	else if (!strcmp(cmd, "conference_create")) cmd_conference_create(token, params);
	else if (!strcmp(cmd, "conference_add")) cmd_conference_add(token, params);
	else if (!strcmp(cmd, "conference_terminate")) cmd_conference_terminate(token);
	else if (!strcmp(cmd, "subscribe")) cmd_subscribe(token, params);
	else if (!strcmp(cmd, "unsubscribe")) cmd_unsubscribe(token);
	else if (!strcmp(cmd, "listcalls")) cmd_listcalls(token);
	else if (!strcmp(cmd, "reginfo")) {
		LinphoneAccount *a = linphone_core_get_default_account(lc);
		respond(token, 1, linphone_registration_state_to_string(a ? linphone_account_get_state(a) : LinphoneRegistrationNone));
	} else if (!strcmp(cmd, "quit")) { respond(token, 1, "Quit\n"); stop_requested = 1; }
	else if (!strcmp(cmd, "help"))
		respond(token, 1, "dial URI, accept [CALL], hangup [CALL], transfer URI, conference_create [CALL], "
		        "conference_add [CALL], conference_terminate, subscribe URI EVENT [EXPIRES], unsubscribe, "
		        "listcalls, reginfo, quit (CALL: a Call-ID or the peer's URI)\n");
	else {
		char msg[4200];
		snprintf(msg, sizeof msg, "command not found (%s)\n", cmd);
		respond(token, 0, msg);
	}
}

/* Accepts a new client (replacing the old one) and handles the frames that arrived. */
static void ctrl_poll(int timeout_ms) {
	struct pollfd fds[2] = {{listen_fd, POLLIN, 0}, {client_fd, POLLIN, 0}};
	if (poll(fds, client_fd >= 0 ? 2 : 1, timeout_ms) <= 0) return;
	if (fds[0].revents & POLLIN) {
		int fd = accept(listen_fd, NULL, NULL);
		if (fd >= 0) {
			struct timeval tv = {1, 0};
			setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
			if (client_fd >= 0) close(client_fd);
			client_fd = fd;
			inlen = 0;
		}
		return;
	}
	if (client_fd < 0 || !(fds[1].revents & (POLLIN | POLLHUP | POLLERR))) return;
	ssize_t r = recv(client_fd, inbuf + inlen, sizeof inbuf - inlen - 1, 0);
	if (r <= 0) { close(client_fd); client_fd = -1; return; }
	inlen += (size_t)r;
	for (;;) { /* LENGTH ":" BYTES "," */
		char *colon = memchr(inbuf, ':', inlen);
		if (!colon) break;
		char *end;
		unsigned long n = strtoul(inbuf, &end, 10);
		size_t head = (size_t)(colon - inbuf) + 1;
		if (end != colon || head > 10 || n > sizeof inbuf - 16) { inlen = 0; respond(NULL, 0, "bad netstring"); break; }
		if (inlen < head + n + 1) break;
		if (inbuf[head + n] != ',') { inlen = 0; respond(NULL, 0, "bad netstring"); break; }
		char saved = inbuf[head + n];
		inbuf[head + n] = 0;
		handle_command(inbuf + head);
		inbuf[head + n] = saved;
		memmove(inbuf, inbuf + head + n + 1, inlen - head - n - 1);
		inlen -= head + n + 1;
	}
}

/* ---------------------------------------------------------------- liblinphone callbacks */
static void on_call_state(LinphoneCore *core, LinphoneCall *call, LinphoneCallState cs, const char *msg) {
	(void)core;
	const char *type = "CALL_STATE", *param = msg;
	switch (cs) {
	case LinphoneCallStateIncomingReceived: type = "CALL_INCOMING"; break;
	case LinphoneCallStateOutgoingRinging: type = "CALL_RINGING"; break;
	case LinphoneCallStateOutgoingEarlyMedia: type = "CALL_PROGRESS"; break;
	case LinphoneCallStateConnected: type = "CALL_ESTABLISHED"; break;
	case LinphoneCallStateEnd: case LinphoneCallStateError: type = "CALL_CLOSED"; break;
	case LinphoneCallStateReferred: type = "TRANSFER"; param = linphone_call_get_refer_to(call); break;
	default: break;
	}
	const char *contact = linphone_call_get_remote_contact(call);
	emit("call", type, call, param, "remotecontact", contact, NULL);
}

static void on_transfer_state(LinphoneCore *core, LinphoneCall *call, LinphoneCallState cs) {
	(void)core;
	emit("call", cs == LinphoneCallStateError ? "TRANSFER_FAILED" : "TRANSFER_STATE", call,
	     call_state_name(cs), NULL);
}

static void on_registration(LinphoneCore *core, LinphoneAccount *a, LinphoneRegistrationState st, const char *msg) {
	(void)core; (void)a;
	const char *type = st == LinphoneRegistrationProgress ? "REGISTERING"
		: st == LinphoneRegistrationOk ? "REGISTER_OK" : st == LinphoneRegistrationFailed ? "REGISTER_FAIL"
		: st == LinphoneRegistrationCleared ? "UNREGISTERED" : "REGISTER_STATE";
	emit("register", type, NULL, msg, "state", linphone_registration_state_to_string(st), NULL);
}

static void on_conference_state(LinphoneCore *core, LinphoneConference *conf, LinphoneConferenceState st) {
	(void)core;
	conference_state = st;
	char type[64];
	snprintf(type, sizeof type, "CONFERENCE_%s", conference_state_name(st));
	char *uri = conference_uri(conf);
	emit("conference", type, NULL, uri, NULL);
	if (uri) ms_free(uri);
}

static void on_notify(LinphoneCore *core, LinphoneEvent *ev, const char *name, const LinphoneContent *body) {
	(void)core;
	char *res = linphone_address_as_string(linphone_event_get_resource(ev));
	char ctype[128] = "";
	char *text = NULL;
	if (body && linphone_content_get_type(body)) {
		snprintf(ctype, sizeof ctype, "%s/%s", linphone_content_get_type(body), linphone_content_get_subtype(body));
		size_t n = linphone_content_get_size(body);
		text = calloc(1, n + 1);
		if (n) memcpy(text, linphone_content_get_buffer(body), n);
	}
	emit("subscription", "NOTIFY", NULL, name, "resource", res, "contenttype", ctype, "body", text, NULL);
	free(text);
	ms_free(res);
}

static void on_subscription_state(LinphoneCore *core, LinphoneEvent *ev, LinphoneSubscriptionState st) {
	(void)core;
	char *res = linphone_address_as_string(linphone_event_get_resource(ev));
	emit("subscription", "SUBSCRIPTION_STATE", NULL, linphone_event_get_name(ev), "resource", res,
	     "state", linphone_subscription_state_to_string(st), NULL);
	ms_free(res);
}

static void on_refer(LinphoneCore *core, const char *refer_to) {
	(void)core;
	emit("call", "REFER_RECEIVED", NULL, refer_to, NULL);
}

/* ---------------------------------------------------------------- set-up and shutdown */
static int write_config(const char *path) {
	FILE *f = fopen(path, "w");
	if (!f) return -1;
	fprintf(f, "[sip]\nbind_address=127.0.0.1\nipv6=0\nping_with_options=0\nguess_hostname=1\n"
	        "register_only_when_network_is_up=0\nauto_net_state_mon=0\nsip_random_port=0\n"
	        "media_encryption=none\ninc_timeout=60\n\n"
	        "[rtp]\nbind_address=127.0.0.1\naudio_rtp_port=%d-%d\nnortp_timeout=3600\n\n"
	        "[sound]\nechocancellation=0\n\n"
	        "[video]\ncapture=0\ndisplay=0\nautomatically_initiate=0\nautomatically_accept=0\n\n"
	        "[net]\ndns_srv_enabled=0\nfirewall_policy=0\n\n"
	        "[misc]\nconference_type=remote\nmax_calls=4\nconference_event_log_enabled=1\n",
	        opt.rtp_port, opt.rtp_port + 19);
	return fclose(f);
}

static int ctrl_listen(void) {
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)opt.ctrl_port)};
	int one = 1;
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(listen_fd, (struct sockaddr *)&sa, sizeof sa) || listen(listen_fd, 4)) {
		fprintf(stderr, "linphone_ue: cannot listen on 127.0.0.1:%d: %s\n", opt.ctrl_port, strerror(errno));
		return -1;
	}
	return 0;
}

static void setup_account(void) {
	LinphoneAccountParams *ap = linphone_core_create_account_params(lc);
	LinphoneAddress *id = linphone_factory_create_address(factory, opt.identity);
	if (!id) { fprintf(stderr, "linphone_ue: bad --identity %s\n", opt.identity); exit(2); }
	char *bare = linphone_address_as_string_uri_only(id);
	snprintf(aor, sizeof aor, "%s", bare);
	ms_free(bare);
	linphone_account_params_set_identity_address(ap, id);
	char uri[512];
	/* liblinphone sends REGISTER to the server address, ignoring routes: the proxy (an IP
	 * literal) is both, so nothing is resolved. Without a proxy, the identity's domain. */
	if (opt.proxy) snprintf(uri, sizeof uri, "sip:%s;transport=%s", opt.proxy, opt.transport);
	else snprintf(uri, sizeof uri, "sip:%s;transport=%s", linphone_address_get_domain(id), opt.transport);
	LinphoneAddress *server = linphone_factory_create_address(factory, uri);
	linphone_account_params_set_server_address(ap, server);
	if (opt.proxy) {
		snprintf(uri, sizeof uri, "sip:%s;transport=%s;lr", opt.proxy, opt.transport);
		LinphoneAddress *route = linphone_factory_create_address(factory, uri);
		bctbx_list_t *routes = bctbx_list_append(NULL, route);
		linphone_account_params_set_routes_addresses(ap, routes);
		bctbx_list_free(routes);
		linphone_address_unref(route);
	}
	linphone_account_params_enable_register(ap, opt.reg ? TRUE : FALSE);
	linphone_account_params_set_expires(ap, opt.expires);
	linphone_account_params_enable_publish(ap, FALSE);
	if (opt.factory) linphone_account_params_set_conference_factory_uri(ap, opt.factory);
	if (opt.password) {
		LinphoneAuthInfo *ai = linphone_factory_create_auth_info(factory, linphone_address_get_username(id),
			NULL, opt.password, NULL, NULL, linphone_address_get_domain(id));
		linphone_core_add_auth_info(lc, ai);
		linphone_auth_info_unref(ai);
	}
	LinphoneAccount *account = linphone_core_create_account(lc, ap);
	linphone_core_add_account(lc, account);
	linphone_core_set_default_account(lc, account);
	linphone_account_unref(account);
	linphone_account_params_unref(ap);
	linphone_address_unref(server);
	linphone_address_unref(id);
}

static void iterate_for(int ms, int (*done)(void)) {
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		linphone_core_iterate(lc);
		if (done && done()) return;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 >= ms) return;
		ctrl_poll(10);
	}
}
static int no_calls(void) { return linphone_core_get_calls_nb(lc) == 0; }
static int unregistered(void) {
	LinphoneAccount *a = linphone_core_get_default_account(lc);
	LinphoneRegistrationState st = a ? linphone_account_get_state(a) : LinphoneRegistrationNone;
	return st != LinphoneRegistrationOk && st != LinphoneRegistrationProgress;
}

static void shutdown_core(void) {
	if (subscription) { linphone_event_terminate(subscription); linphone_event_unref(subscription); subscription = NULL; }
	if (conference()) linphone_conference_terminate(conference());
	linphone_core_terminate_all_calls(lc);
	iterate_for(3000, no_calls);
	LinphoneAccount *a = linphone_core_get_default_account(lc);
	if (a && linphone_account_get_state(a) == LinphoneRegistrationOk) { /* unREGISTER */
		LinphoneAccountParams *ap = linphone_account_params_clone(linphone_account_get_params(a));
		linphone_account_params_enable_register(ap, FALSE);
		linphone_account_set_params(a, ap);
		linphone_account_params_unref(ap);
		iterate_for(3000, unregistered);
	}
	iterate_for(200, NULL); /* let the last responses and NOTIFYs go out */
	emit("application", "EXIT", NULL, NULL, NULL);
	linphone_core_stop(lc);
	linphone_core_unref(lc);
}

static FILE *logf;
static void log_line(const char *domain, OrtpLogLevel level, const char *fmt, va_list args) {
	FILE *f = logf ? logf : stderr;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	localtime_r(&ts.tv_sec, &tm);
	fprintf(f, "%02d:%02d:%02d.%03ld %s-%s ", tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000,
	        domain ? domain : "bctbx", level >= ORTP_ERROR ? "error" : level >= ORTP_WARNING ? "warning" : "message");
	vfprintf(f, fmt, args);
	fputc('\n', f);
	fflush(f);
}

static void on_signal(int sig) { (void)sig; stop_requested = 1; }

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static void usage(void) {
	fprintf(stderr, "usage: linphone_ue --sip-port N --ctrl-port N [--identity URI] [--proxy IP:PORT]\n"
	        "  [--factory-uri URI] [--register] [--password P] [--expires S] [--auto-answer]\n"
	        "  [--100rel none|supported|required] [--transport udp|tcp] [--rtp-port N]\n"
	        "  [--play-file WAV] [--record-file WAV] [--log FILE] [--dir DIR]\n");
}

int main(int argc, char **argv) {
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--auto-answer")) { opt.auto_answer = 1; continue; }
		if (!strcmp(a, "--register")) { opt.reg = 1; continue; }
		if (!v) { usage(); return 2; }
		i++;
		if (!strcmp(a, "--sip-port")) opt.sip_port = atoi(v);
		else if (!strcmp(a, "--ctrl-port")) opt.ctrl_port = atoi(v);
		else if (!strcmp(a, "--rtp-port")) opt.rtp_port = atoi(v);
		else if (!strcmp(a, "--identity")) opt.identity = v;
		else if (!strcmp(a, "--proxy")) opt.proxy = v;
		else if (!strcmp(a, "--factory-uri")) opt.factory = v;
		else if (!strcmp(a, "--password")) opt.password = v;
		else if (!strcmp(a, "--expires")) opt.expires = atoi(v);
		else if (!strcmp(a, "--transport")) opt.transport = v;
		else if (!strcmp(a, "--log")) opt.log = v;
		else if (!strcmp(a, "--dir")) opt.dir = v;
		else if (!strcmp(a, "--play-file")) opt.play_file = v;
		else if (!strcmp(a, "--record-file")) opt.record_file = v;
		else if (!strcmp(a, "--100rel"))
			opt.rel100 = !strcmp(v, "none") ? 0 : !strcmp(v, "supported") ? 1 : !strcmp(v, "required") ? 2 : -2;
		else { usage(); return 2; }
	}
	if (opt.sip_port <= 0 || opt.ctrl_port <= 0 || opt.rel100 == -2) { usage(); return 2; }
	if (!opt.rtp_port) opt.rtp_port = opt.sip_port + 1000;
	if (!opt.dir) {
		snprintf(tmpdir, sizeof tmpdir, "/tmp/linphone-ue-XXXXXX");
		if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 1; }
		opt.dir = tmpdir;
	}
	signal(SIGPIPE, SIG_IGN);
	struct sigaction sa = {.sa_handler = on_signal};
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (ctrl_listen()) return 1;

	/* liblinphone's log (SIP messages included) to --log, else its errors to stderr:
	 * stdout is only the transcript of the control traffic. */
	if (opt.log && !(logf = fopen(opt.log, "w"))) { perror(opt.log); return 1; }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	linphone_core_set_log_handler(log_line); /* the one way to replace the stdout handler */
#pragma GCC diagnostic pop
	linphone_logging_service_set_log_level(linphone_logging_service_get(),
	                                       logf ? LinphoneLogLevelMessage : LinphoneLogLevelError);

	char rc[512], dir[512];
	snprintf(rc, sizeof rc, "%s/linphonerc", opt.dir);
	snprintf(dir, sizeof dir, "%s/", opt.dir); /* liblinphone appends file names to it */
	if (write_config(rc)) { perror(rc); return 1; }
	factory = linphone_factory_get();
	linphone_factory_set_data_dir(factory, dir);
	linphone_factory_set_config_dir(factory, dir);
	linphone_factory_set_download_dir(factory, dir);
	LinphoneCoreCbs *cbs = linphone_factory_create_core_cbs(factory);
	linphone_core_cbs_set_call_state_changed(cbs, on_call_state);
	linphone_core_cbs_set_transfer_state_changed(cbs, on_transfer_state);
	linphone_core_cbs_set_account_registration_state_changed(cbs, on_registration);
	linphone_core_cbs_set_conference_state_changed(cbs, on_conference_state);
	linphone_core_cbs_set_notify_received(cbs, on_notify);
	linphone_core_cbs_set_subscription_state_changed(cbs, on_subscription_state);
	linphone_core_cbs_set_refer_received(cbs, on_refer);
	lc = linphone_factory_create_core_3(factory, rc, NULL, NULL);
	if (!lc) { fprintf(stderr, "linphone_ue: no core\n"); return 1; }
	linphone_core_add_callbacks(lc, cbs);
	linphone_core_cbs_unref(cbs);

	/* Nothing leaves the machine: DNS on loopback, SIP and RTP bound to 127.0.0.1. */
	bctbx_list_t *dns = bctbx_list_append(NULL, "127.0.0.1");
	linphone_core_set_dns_servers(lc, dns);
	bctbx_list_free(dns);
	linphone_core_enable_ipv6(lc, FALSE);
	linphone_core_enable_keep_alive(lc, FALSE);
	LinphoneTransports *tr = linphone_factory_create_transports(factory);
	linphone_transports_set_udp_port(tr, opt.sip_port);
	linphone_transports_set_tcp_port(tr, opt.sip_port);
	linphone_transports_set_tls_port(tr, 0);
	linphone_transports_set_dtls_port(tr, 0);
	linphone_core_set_transports(lc, tr);
	linphone_transports_unref(tr);
	/* No sound card: audio from a file (--play-file, else liblinphone's greeting, else
	 * silence); received audio dropped, or written to --record-file (WAV). */
	linphone_core_set_use_files(lc, TRUE);
	if (opt.play_file) linphone_core_set_play_file(lc, opt.play_file);
	else linphone_core_set_play_file(lc, access("/usr/share/sounds/linphone/hello8000.wav", R_OK) == 0
	                                     ? "/usr/share/sounds/linphone/hello8000.wav" : NULL);
	linphone_core_set_record_file(lc, opt.record_file);
	linphone_core_set_ring(lc, NULL);
	linphone_core_set_ringback(lc, NULL);
	linphone_core_enable_video_capture(lc, FALSE);
	linphone_core_enable_video_display(lc, FALSE);
	linphone_core_set_user_agent(lc, "linphone_ue", NULL);
	if (opt.rel100 >= 0) linphone_core_set_tag_100rel_support_level(lc, opt.rel100);
	setup_account();
	if (linphone_core_start(lc)) { fprintf(stderr, "linphone_ue: the core did not start\n"); return 1; }
	linphone_core_set_network_reachable(lc, TRUE);

	printf("ready sip=127.0.0.1:%d ctrl=127.0.0.1:%d dir=%s\n", opt.sip_port, opt.ctrl_port, opt.dir);
	fflush(stdout);
	while (!stop_requested) {
		ctrl_poll(10);
		linphone_core_iterate(lc);
		if (opt.auto_answer)
			for (const bctbx_list_t *l = linphone_core_get_calls(lc); l; l = l->next)
				if (linphone_call_get_state(l->data) == LinphoneCallStateIncomingReceived)
					linphone_call_accept(l->data);
	}
	shutdown_core();
	if (client_fd >= 0) close(client_fd);
	close(listen_fd);
	if (tmpdir[0]) nftw(tmpdir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}
