/*
 * st_http — the web front end (`safetrack serve`, HTTP.md).
 *
 * http_form.c decodes what a browser sends (query strings, urlencoded and
 * multipart bodies, cookies) and checks paths; it is pure and
 * tested without a socket.  http_server.c runs libmicrohttpd: one process,
 * a thread pool, a store connection per worker thread, a body budget per
 * request, the headers of HTTP.md §6 on every answer, and the page table.
 * http_*.c pages parse the request, call the library, and hand a document
 * to a web-*.xsl template; no page writes SQL or markup of its own.
 */
#ifndef ST_HTTP_H
#define ST_HTTP_H

#include <stddef.h>
#include <sqlite3.h>
#include <libxml/tree.h>

#include "st_diag.h"
#include "st_rules.h"
#include "st_session.h"

/* ---- decoding (http_form.c) ---- */

struct st_form_field {
	char *name;
	char *value;          /* NUL-terminated; may hold NULs for a file part */
	size_t len;           /* bytes in value */
	char *filename;       /* multipart file part: the name sent, else NULL */
	char *type;           /* multipart: the part's Content-Type, else NULL */
};

struct st_form {
	struct st_form_field *f;
	size_t n;
};

/* Decode application/x-www-form-urlencoded text (also a query string) into
 * out, appending.  Returns 0, or -1 on malformed %-escapes, text that is not
 * UTF-8, or no memory. */
int st_form_urlencoded(const char *s, size_t len, struct st_form *out);
/* Decode a multipart/form-data body whose Content-Type header is ctype.
 * Returns 0, or -1 on a malformed body (missing boundary, unterminated
 * part). */
int st_form_multipart(const char *body, size_t len, const char *ctype, struct st_form *out);
/* the first field named name, or NULL */
const struct st_form_field *st_form_field(const struct st_form *f, const char *name);
/* its value, or NULL */
const char *st_form_get(const struct st_form *f, const char *name);
/* free every field */
void st_form_release(struct st_form *f);

/* The value of cookie `name` in a Cookie header, copied into out (at most
 * size - 1 bytes); 0, or -1 when absent or too long. */
int st_cookie_get(const char *header, const char *name, char *out, size_t size);

/* Is s a safe place to go after login: a path on this server ("/..." but
 * not "//" or "/\", no control characters, no scheme)? */
int st_http_local_path(const char *s);

/* 1 if the URL path holds a ".." segment (raw or %-encoded) */
int st_http_path_dotdot(const char *path);

/* ---- the server (http_server.c) ---- */

struct st_server_opts {
	const char *db_path;
	const char *listen;        /* "ADDR:PORT", default 127.0.0.1:8080 */
	const char *tls_cert, *tls_key;
	const char *templates;     /* directory of web-*.xsl */
	const struct st_pack *pack;
	unsigned threads;          /* worker threads; 0: 4 */
	/* told what happens in the background (today's results judged), or NULL */
	void (*notice)(void *arg, const char *message);
	void *notice_arg;
};

struct st_server;

/* Start serving.  Returns 0 and *out, with the URL it listens on in
 * url[size] (the port chosen when 0 was asked for), or -1 with a message. */
int st_server_start(const struct st_server_opts *o, struct st_server **out, char *url,
		    size_t size, struct st_diag *diag);
/* Stop accepting, wait for requests in flight (at most `grace` seconds),
 * close, free. */
void st_server_stop(struct st_server *s, unsigned grace);

#endif
