/*
 * http_server.c — the libmicrohttpd loop of `safetrack serve` (see
 * st_http.h and HTTP.md).
 *
 * libmicrohttpd calls the access handler several times per request: first
 * with the headers (we decide the route, the method and the body budget,
 * and may answer at once: 404, 405, 413), then once per piece of body
 * (copied while within the budget), then once more with nothing, when we
 * answer.  Answering only on that last call keeps keep-alive working.  The
 * request's state lives in the pointer libmicrohttpd hands back each time
 * and is freed in the completion callback.
 *
 * Each worker thread opens its own store connection on first use (WAL and a
 * busy timeout, so that concurrent writers wait rather than fail); the rule
 * pack and the compiled stylesheets are read-only and shared.
 */
#include "st_http_page.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "st_report.h"
#include "st_store.h"

#define BODY_LIMIT (1024 * 1024)
#define EVIDENCE_LIMIT (10 * 1024 * 1024 + 64 * 1024)  /* the photo and the form around it */

struct st_server {
	struct MHD_Daemon *d;
	struct st_web web;
	pthread_key_t dbkey;
	atomic_int inflight;
	char *cert, *key;
};

/* ---- per-thread store connections ---- */

static void close_db(void *p)
{
	st_store_close(p);
}

sqlite3 *st_web_db(struct st_req *r, struct st_diag *diag)
{
	struct st_server *s = r->server;
	sqlite3 *db = pthread_getspecific(s->dbkey);

	if (db)
		return db;
	if (st_store_open(s->web.db_path, ST_STORE_READ, &db, diag))
		return NULL;
	/* a person waiting for a page can wait longer than a batch command
	 * for another writer (an import, a slow disk under fsync) */
	sqlite3_busy_timeout(db, 20000);
	if (pthread_setspecific(s->dbkey, db)) {
		st_store_close(db);
		st_diag_add(diag, "内存不足");
		return NULL;
	}
	return db;
}

/* ---- answers ---- */

void st_req_answer(struct st_req *r, int status, const char *type, char *body, size_t len)
{
	free(r->out);
	r->status = status;
	r->out_type = type;
	r->out = body;
	r->out_len = len;
}

void st_req_text(struct st_req *r, int status, const char *text)
{
	char *b = strdup(text);
	st_req_answer(r, status, "text/plain; charset=utf-8", b, b ? strlen(b) : 0);
}

void st_req_redirect(struct st_req *r, const char *location)
{
	snprintf(r->location, sizeof r->location, "%s", location);
	st_req_text(r, 303, "");
}

/* Does route match path?  A route path is exact ("/login"), a prefix with
 * one more segment ("/enterprises/" + ID), or holds '*' for the ID segment
 * ("/hazards/" "*" "/close"). */
static int route_matches(const struct st_route *route, const char *path)
{
	const char *star = strchr(route->path, '*');
	size_t l = strlen(route->path);

	if (star) {
		size_t pre = (size_t)(star - route->path);
		const char *id_end;
		if (strncmp(path, route->path, pre))
			return 0;
		id_end = strchr(path + pre, '/');
		return id_end && id_end > path + pre && !strcmp(id_end, star + 1);
	}
	if (route->prefix == 2) {   /* KIND/ID */
		const char *slash;
		if (strncmp(path, route->path, l) || !path[l])
			return 0;
		slash = strchr(path + l, '/');
		return slash && slash > path + l && slash[1] && !strchr(slash + 1, '/');
	}
	if (route->prefix)
		return !strncmp(path, route->path, l) && path[l] && !strchr(path + l, '/');
	return !strcmp(path, route->path);
}

/* the route for path and method, or NULL; *known: some method has path */
static const struct st_route *find_route(const char *path, const char *method, int *known)
{
	const struct st_route *found = NULL;

	*known = 0;
	for (const struct st_route *route = st_web_routes; route->path; route++)
		if (route_matches(route, path)) {
			*known = 1;
			if (!strcmp(route->method, method) && !found)
				found = route;
		}
	return found;
}

/* the methods a known path accepts, for Allow */
static void allowed_methods(const char *path, char *out, size_t size)
{
	out[0] = '\0';
	for (const struct st_route *route = st_web_routes; route->path; route++) {
		if (route_matches(route, path) && !strstr(out, route->method)) {
			size_t l = strlen(out);
			snprintf(out + l, size - l, "%s%s", l ? ", " : "", route->method);
		}
	}
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct st_req *r = cls;
	struct st_form_field *v;

	(void)kind;
	if (!key)
		return MHD_YES;
	v = realloc(r->query.f, (r->query.n + 1) * sizeof *v);
	if (!v)
		return MHD_NO;
	r->query.f = v;
	memset(&v[r->query.n], 0, sizeof *v);
	v[r->query.n].name = strdup(key);
	v[r->query.n].value = strdup(value ? value : "");
	v[r->query.n].len = value ? strlen(value) : 0;
	r->query.n++;
	return MHD_YES;
}

static void req_free(struct st_req *r)
{
	if (!r)
		return;
	free(r->body);
	free(r->out);
	st_form_release(&r->query);
	st_form_release(&r->form);
	if (r->has_session)
		st_session_release(&r->session);
	free(r);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	struct st_server *s = cls;
	struct st_req *r = *con_cls;

	(void)c;
	(void)toe;
	if (r) {
		req_free(r);
		*con_cls = NULL;
		atomic_fetch_sub(&s->inflight, 1);
	}
}

static int add_header(struct MHD_Response *resp, const char *name, const char *value)
{
	return MHD_add_response_header(resp, name, value) == MHD_YES ? 0 : -1;
}

static enum MHD_Result send_answer(struct MHD_Connection *c, struct st_req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	int html = r->out_type && !strncmp(r->out_type, "text/html", 9);

	if (!r->out_type)
		st_req_text(r, 500, "内部错误");
	resp = MHD_create_response_from_buffer(r->out_len, r->out ? r->out : (void *)"",
					       r->out ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	r->out = NULL;   /* owned by the response now */
	add_header(resp, "Content-Type", r->out_type);
	add_header(resp, "X-Content-Type-Options", "nosniff");
	add_header(resp, "Referrer-Policy", "same-origin");
	add_header(resp, "X-Frame-Options", "DENY");
	/* HTTP.md §6: every answer gets the policy; reports carry their CSS
	 * inline, so style may be inline there, script never */
	add_header(resp, "Content-Security-Policy",
		   r->inline_style ? "default-src 'self'; style-src 'self' 'unsafe-inline'; "
				     "img-src 'self' data:; frame-ancestors 'none'; "
				     "form-action 'self'; base-uri 'none'"
				   : "default-src 'self'; img-src 'self'; frame-ancestors 'none'; "
				     "form-action 'self'; base-uri 'none'");
	if (!r->cacheable)
		add_header(resp, "Cache-Control", "no-store");
	(void)html;
	if (r->location[0])
		add_header(resp, "Location", r->location);
	if (r->cookie[0])
		add_header(resp, "Set-Cookie", r->cookie);
	if (r->allow[0])
		add_header(resp, "Allow", r->allow);
	if (r->disposition[0])
		add_header(resp, "Content-Disposition", r->disposition);
	if (r->close)
		add_header(resp, "Connection", "close");
	ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* the session of the request's cookie, if any (r->has_session) */
static int load_session(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	char token[ST_TOKEN_HEX + 2];
	const char *cookie = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Cookie");
	sqlite3 *db;
	int rc;

	if (!cookie || st_cookie_get(cookie, "st_session", token, sizeof token))
		return 0;
	if (!(db = st_web_db(r, &diag))) {
		st_diag_release(&diag);
		return -1;
	}
	rc = st_session_lookup(db, token, time(NULL), &r->session, &diag);
	if (rc == 2) {   /* mark it used (or delete it): a write */
		db = st_web_write_begin(r);
		rc = st_session_find(db, token, time(NULL), &r->session, &diag);
		st_web_write_end(r, ST_WROTE_NO_SUBJECT, NULL);
	}
	st_diag_release(&diag);
	if (rc < 0)
		return -1;
	r->has_session = rc == 0;
	return 0;
}

static void dispatch(struct st_req *r)
{
	const struct st_route *route = r->route;

	if (r->too_large) {
		r->close = 1;
		st_web_error(r, 413, "提交的内容过大");
		return;
	}
	if (load_session(r)) {
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		return;
	}
	if (route->auth && !r->has_session) {
		if (!strncmp(r->path, "/api/", 5)) {
			st_req_answer(r, 401, "application/json",
				      strdup("{\"error\":\"需要登录\"}"), strlen("{\"error\":\"需要登录\"}"));
		} else {
			char loc[1200], *q = loc, *end = loc + sizeof loc - 8;
			q += snprintf(loc, sizeof loc, "/login?next=");
			/* next: the path and query, %-encoded; cut when too long */
			for (const char *p = r->path; *p && q < end; p++)
				q += st_web_urlencode_char(*p, q);
			for (size_t i = 0; i < r->query.n && q < end; i++) {
				q += st_web_urlencode_char(i ? '&' : '?', q);
				for (const char *p = r->query.f[i].name; *p && q < end; p++)
					q += st_web_urlencode_char(*p, q);
				q += st_web_urlencode_char('=', q);
				for (const char *p = r->query.f[i].value; *p && q < end; p++)
					q += st_web_urlencode_char(*p, q);
			}
			*q = '\0';
			st_req_redirect(r, loc);
		}
		return;
	}
	if (r->body && r->body_len) {
		const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
							     "Content-Type");
		int bad;
		if (ct && !strncasecmp(ct, "multipart/form-data", 19))
			bad = st_form_multipart(r->body, r->body_len, ct, &r->form);
		else if (ct && !strncasecmp(ct, "application/json", 16))
			bad = 0;   /* read by the page */
		else
			bad = st_form_urlencoded(r->body, r->body_len, &r->form);
		if (bad) {
			st_web_error(r, 400, "无法解析提交的内容");
			return;
		}
	}
	/* HTTP.md §2: every state-changing request of a session carries the
	 * session's token; login has no session yet */
	if (!strcmp(r->method, "POST") && route->auth) {
		const char *t = st_form_get(&r->form, "csrf");
		if (!t)
			t = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
		if (!st_token_equal(t, r->session.csrf)) {
			st_web_error(r, 403, "表单已过期或来源不明（CSRF 校验失败），请重新打开页面再提交");
			return;
		}
	}
	route->fn(r);
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url,
			       const char *method, const char *version, const char *upload,
			       size_t *upload_size, void **con_cls)
{
	struct st_server *s = cls;
	struct st_req *r = *con_cls;

	(void)version;
	if (!r) {
		const char *cl;
		int known;
		r = calloc(1, sizeof *r);
		if (!r)
			return MHD_NO;
		*con_cls = r;
		atomic_fetch_add(&s->inflight, 1);
		r->server = s;
		r->web = &s->web;
		r->conn = c;
		snprintf(r->method, sizeof r->method, "%s", method);
		snprintf(r->path, sizeof r->path, "%s", url);
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, r);
		/* answers decided now go out on the last call, so that the
		 * connection stays open for the next request */
		if (strlen(url) >= sizeof r->path || st_http_path_dotdot(url)) {
			st_web_error(r, 404, "没有这个页面");
			r->prepared = 1;
			return MHD_YES;
		}
		if (!strcmp(method, "HEAD"))
			method = "GET";
		r->route = find_route(url, method, &known);
		if (!r->route) {
			if (known) {
				allowed_methods(url, r->allow, sizeof r->allow);
				st_web_error(r, 405, "不支持这种请求方法");
			} else {
				st_web_error(r, 404, "没有这个页面");
			}
			r->prepared = 1;
			return MHD_YES;
		}
		r->limit = r->route->big_body ? EVIDENCE_LIMIT : BODY_LIMIT;
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > r->limit) {
			r->close = 1;
			st_web_error(r, 413, "提交的内容过大");
			r->answered = 1;
			return send_answer(c, r);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		/* a body: keep it while within the budget, then only count */
		if (!r->prepared && !r->too_large) {
			if (r->body_len + *upload_size > r->limit) {
				r->too_large = 1;
				free(r->body);
				r->body = NULL;
				r->body_len = 0;
			} else {
				if (r->body_len + *upload_size + 1 > r->body_cap) {
					size_t cap = (r->body_len + *upload_size + 1) * 2;
					char *b;
					if (cap > r->limit + 1)
						cap = r->limit + 1;
					b = realloc(r->body, cap);
					if (!b)
						return MHD_NO;
					r->body = b;
					r->body_cap = cap;
				}
				memcpy(r->body + r->body_len, upload, *upload_size);
				r->body_len += *upload_size;
				r->body[r->body_len] = '\0';
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->answered)
		return MHD_YES;
	r->answered = 1;
	if (!r->prepared)
		dispatch(r);
	return send_answer(c, r);
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, struct st_diag *diag)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;

	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		return st_diag_add(diag, "--listen: '%s' 应为 地址:端口，例如 127.0.0.1:8080", listen);
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || port < 0 || port > 65535)
		return st_diag_add(diag, "--listen: '%s' 中的端口不是 0 到 65535 之间的数", listen);
	if (!*host)
		snprintf(host, sizeof host, "0.0.0.0");
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return st_diag_add(diag, "--listen: '%s' 不是 IPv4 地址", host);
	sa->sin_port = htons((uint16_t)port);
	return 0;
}

static char *slurp(const char *path, struct st_diag *diag)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0;

	if (!f) {
		st_diag_add(diag, "%s: 无法读取: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(1024 * 1024 + 1);
	if (buf) {
		len = fread(buf, 1, 1024 * 1024, f);
		buf[len] = '\0';
	}
	fclose(f);
	if (!buf)
		st_diag_add(diag, "内存不足");
	return buf;
}

int st_server_start(const struct st_server_opts *o, struct st_server **out, char *url,
		    size_t size, struct st_diag *diag)
{
	struct st_server *s = calloc(1, sizeof *s);
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_EPOLL;
	char addr[INET_ADDRSTRLEN];

	if (!s)
		return st_diag_add(diag, "内存不足");
	atomic_init(&s->inflight, 0);
	if (parse_listen(o->listen ? o->listen : "127.0.0.1:8080", &sa, diag) ||
	    st_web_init(&s->web, o, diag) || st_web_store_open(o, &s->web.store, diag)) {
		st_web_store_close(s->web.store);
		st_web_release(&s->web);
		free(s);
		return -1;
	}
	if (pthread_key_create(&s->dbkey, close_db)) {
		st_web_release(&s->web);
		free(s);
		return st_diag_add(diag, "内存不足");
	}
	if (o->tls_cert) {
		s->cert = slurp(o->tls_cert, diag);
		s->key = s->cert ? slurp(o->tls_key, diag) : NULL;
		if (!s->key) {
			st_server_stop(s, 0);
			return -1;
		}
		flags |= MHD_USE_TLS;
		s->web.tls = 1;
	}
	s->d = MHD_start_daemon(flags, 0, NULL, NULL, handler, s,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
				MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads ? o->threads : 4),
				MHD_OPTION_NOTIFY_COMPLETED, completed, s,
				/* headers and the connection's buffers: a request whose
				 * headers do not fit is answered 431 by libmicrohttpd */
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
				MHD_OPTION_CONNECTION_LIMIT, 512u,
				MHD_OPTION_PER_IP_CONNECTION_LIMIT, 64u,
				/* a slow or silent client is dropped after 30 s */
				MHD_OPTION_CONNECTION_TIMEOUT, 30u,
				s->cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, s->cert,
				MHD_OPTION_HTTPS_MEM_KEY, s->key,
				MHD_OPTION_END);
	if (!s->d) {
		st_diag_add(diag, "无法在 %s 上监听（地址被占用、无权限或 TLS 证书无效）",
			    o->listen ? o->listen : "127.0.0.1:8080");
		st_server_stop(s, 0);
		return -1;
	}
	info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof addr);
	snprintf(url, size, "%s://%s:%u/", s->cert ? "https" : "http", addr,
		 info ? (unsigned)info->port : (unsigned)ntohs(sa.sin_port));
	*out = s;
	return 0;
}

void st_server_stop(struct st_server *s, unsigned grace)
{
	if (!s)
		return;
	if (s->d) {
		struct timespec step = { 0, 50 * 1000 * 1000 };
		/* stop accepting; requests in flight finish, idle keep-alive
		 * connections are not waited for */
		MHD_socket fd = MHD_quiesce_daemon(s->d);
		for (unsigned i = 0; i < grace * 20 && atomic_load(&s->inflight) > 0; i++)
			nanosleep(&step, NULL);
		MHD_stop_daemon(s->d);
		if (fd != MHD_INVALID_SOCKET)
			close(fd);
	}
	pthread_key_delete(s->dbkey);
	st_web_store_close(s->web.store);
	st_web_release(&s->web);
	free(s->cert);
	free(s->key);
	free(s);
}
