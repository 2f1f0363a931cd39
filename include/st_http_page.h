/*
 * st_http_page — what the server loop (http_server.c) and the pages
 * (http_*.c) share: the request, the route table, and the helpers every
 * page answers through.
 */
#ifndef ST_HTTP_PAGE_H
#define ST_HTTP_PAGE_H

#include <stddef.h>
#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>
#include <microhttpd.h>

#include "st_chase.h"
#include "st_checker.h"
#include "st_http.h"
#include "st_session.h"

/* the stylesheets of the pages, loaded once */
enum st_web_style {
	ST_STYLE_LOGIN, ST_STYLE_ERROR, ST_STYLE_DASHBOARD, ST_STYLE_ENTERPRISE,
	ST_STYLE_ACCOUNT, ST_STYLE_FORM, ST_STYLE_INSPECTION, ST_STYLE_HAZARD, ST_STYLE__COUNT
};

/* what every request may read; set up once, read-only afterwards */
struct st_web {
	const char *db_path;
	const struct st_pack *pack;
	char *templates;                       /* directory */
	xsltStylesheetPtr style[ST_STYLE__COUNT];
	char *css, *js;                        /* /static/web.css, /static/web.js */
	size_t css_len, js_len;
	int tls;                               /* cookies get Secure */
	struct st_web_store *store;            /* the shared connection (http_cache.c) */
};

struct st_req;

struct st_route {
	const char *method;
	const char *path;        /* see route_matches() in http_server.c */
	int prefix;              /* path + 1 more segment (the ID), or 2 (KIND/ID) */
	int auth;                /* a session is needed (and CSRF on POST) */
	int big_body;            /* evidence: 10 MiB instead of 1 MiB */
	void (*fn)(struct st_req *r);
};

/* the route table, ended by a NULL path (http_pages.c) */
extern const struct st_route st_web_routes[];

struct st_req {
	struct st_server *server;
	const struct st_web *web;
	struct MHD_Connection *conn;
	const struct st_route *route;
	char method[16];
	char path[1024];
	struct st_form query;      /* the query string's fields */
	struct st_form form;       /* a urlencoded or multipart body's fields */
	char *body;                /* the body as received (NUL-terminated) */
	size_t body_len, body_cap, limit;
	int too_large, answered, close;
	int prepared;              /* answer made on the first call, sent on the last */
	struct st_session session; /* when has_session */
	int has_session;
	/* the answer */
	int status;
	const char *out_type;
	char *out;
	size_t out_len;
	int inline_style;          /* a report with inline CSS */
	int cacheable;             /* static files */
	char location[1200];
	char cookie[300];
	char allow[64];
	char disposition[200];
};

/* the worker thread's store connection (opened on first use); NULL with a
 * message in diag */
sqlite3 *st_web_db(struct st_req *r, struct st_diag *diag);

/* answer with body (malloc'd, taken over; may be NULL for none) */
void st_req_answer(struct st_req *r, int status, const char *type, char *body, size_t len);
/* answer with a plain text */
void st_req_text(struct st_req *r, int status, const char *text);
/* 303 to location */
void st_req_redirect(struct st_req *r, const char *location);

/* load the stylesheets and static files; 0 or -1 with a message */
int st_web_init(struct st_web *w, const struct st_server_opts *o, struct st_diag *diag);
void st_web_release(struct st_web *w);

/* An HTML page: a new document with root <page> carrying the account
 * (name, role, csrf) and the title; the caller adds its content under the
 * root and answers with st_web_render(). */
xmlDocPtr st_web_page(struct st_req *r, const char *title, xmlNodePtr *root);
/* transform doc with a page stylesheet, answer status; frees doc */
void st_web_render(struct st_req *r, int status, enum st_web_style style, xmlDocPtr doc);
/* an error page (HTML, or JSON under /api/) */
void st_web_error(struct st_req *r, int status, const char *message);
/* %-encode one byte into out (at most 3 bytes); returns the bytes written */
int st_web_urlencode_char(int c, char *out);
/* a text child (escaped by the serializer) */
xmlNodePtr st_web_text(xmlNodePtr parent, const char *name, const char *text);
/* set attribute name to text when text is not NULL */
void st_web_attr(xmlNodePtr node, const char *name, const char *text);

/* what the account sees, for the checker: a subject of its scope? (arg is
 * the struct st_account) */
int st_web_keep_subject(void *arg, const struct st_subject *s);
/* narrow a check filter to the account's scope where one id says it */
void st_web_scope_filter(const struct st_account *a, struct st_check_filter *f);
/* ?as_of=DATE or today; -1 after answering 422 */
int st_web_as_of(struct st_req *r, st_day *as_of);

/* The shared connection (http_cache.c): every write of the server, and
 * the result cache of today's checks, warmed by a background thread. */
struct st_web_store;
int st_web_store_open(const struct st_server_opts *o, struct st_web_store **out,
		      struct st_diag *diag);
void st_web_store_close(struct st_web_store *s);

/* Take the shared connection to write on it (waiting for the lock); give
 * it back with st_web_write_end, saying what the write touched, whether it
 * succeeded or not: */
enum st_web_wrote {
	ST_WROTE_NO_SUBJECT,    /* sessions, accounts, evidence: no subject's facts */
	ST_WROTE_ENTERPRISE,    /* an enterprise row or one of its records (id) */
	ST_WROTE_PARK,          /* a park row or one of its own records (id) */
	ST_WROTE_UNKNOWN        /* judge everything again */
};
sqlite3 *st_web_write_begin(struct st_req *r);
/* the recorder of the shared connection, for st_change.recorder while the
 * connection is taken (its statements are prepared once, not per write) */
struct st_recorder *st_web_write_recorder(struct st_req *r);
void st_web_write_end(struct st_req *r, enum st_web_wrote what, const char *id);

/* the checker over a scope as of a day: today's through the result cache,
 * other days (or with a rule filter) on the worker's connection; the
 * arguments and returns of st_checker_run */
int st_web_check(struct st_req *r, st_day as_of, const struct st_check_filter *f,
		 st_check_sink sink, void *arg, struct st_diag *diag);

/* The chase list of a scope (a check filter) as of a day, shared between
 * requests: kept while the store files are unchanged (their size and
 * modification time: any write, by this server or the command line, makes
 * a new one, judged again only where the write was).  The list is
 * unfiltered by account: a page shows only the rows st_web_keep_row()
 * keeps.  Returns the list (release it with st_web_chase_put), or NULL
 * after answering with an error, or NULL without answering (r->status 0)
 * when flags lack ST_CHASE_WAIT and today's results of the scope are still
 * being judged in the background (its park is then judged next; a second
 * is waited for it first).  ST_CHASE_MAJOR: the dashboard's list, with
 * the open major hazards (st_chase_add_major_hazards). */
struct st_web_chase;
enum { ST_CHASE_WAIT = 1, ST_CHASE_MAJOR = 2 };
const struct st_chase *st_web_chase_get(struct st_req *r, st_day as_of, long within,
					const struct st_check_filter *f, int flags,
					struct st_web_chase **ref);
void st_web_chase_put(struct st_web_chase *ref);
/* The page rendered from the list ref for a session (its token), kept with
 * the list while the list is kept (at most 16 sessions per list, the least
 * recently used forgotten): a copy to answer with (free it), or NULL. */
char *st_web_chase_page(struct st_web_chase *ref, const char *session, size_t *len);
void st_web_chase_keep_page(struct st_web_chase *ref, const char *session, const char *html,
			    size_t len);
/* does the account see this row of a chase list? */
int st_web_keep_row(const struct st_account *a, const struct st_chase_item *it);
/* drop every cached list (tests, and after a write of this server) */
void st_web_cache_clear(void);

/* pages in other files */
void st_api_session(struct st_req *r);
void st_api_enterprises(struct st_req *r);
void st_api_check(struct st_req *r);
void st_api_overdue(struct st_req *r);
void st_page_report_park(struct st_req *r);
void st_page_report_enterprise(struct st_req *r);
void st_page_report_quarter(struct st_req *r);
void st_page_record_new(struct st_req *r);
void st_page_record_post(struct st_req *r);
void st_page_record_show(struct st_req *r);
void st_page_inspection_new(struct st_req *r);
void st_page_inspection_post(struct st_req *r);
void st_page_inspection_show(struct st_req *r);
void st_page_hazard_new(struct st_req *r);
void st_page_hazard_post(struct st_req *r);
void st_page_hazard_show(struct st_req *r);
void st_page_hazard_edit(struct st_req *r);
void st_page_hazard_close(struct st_req *r);
void st_page_hazard_void(struct st_req *r);
void st_page_hazard_reopen(struct st_req *r);
void st_page_hazard_evidence(struct st_req *r);
void st_page_evidence_get(struct st_req *r);
void st_api_record_post(struct st_req *r);
void st_page_export_xlsx(struct st_req *r);

#endif
