/*
 * http_form.c — decoding what a browser sends (see st_http.h): query
 * strings and urlencoded bodies, multipart/form-data, cookies, and the path
 * checks.  Pure functions over bytes, so that every malformed input is
 * tested without a socket.
 */
#include "st_http.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* valid UTF-8 of len bytes without NULs or C0 controls other than tab,
 * CR and LF? */
static int text_ok(const unsigned char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i];
		size_t n;
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f)
				return 0;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3;
		else
			return 0;
		for (size_t k = 1; k <= n; k++)
			if (i + k >= len || (p[i + k] & 0xc0) != 0x80)
				return 0;
		i += n + 1;
	}
	return 1;
}

/* decode s[0..len) (+ as space, %XX) into a new string; NULL on error */
static char *url_decode(const char *s, size_t len, size_t *outlen)
{
	char *o = malloc(len + 1);
	size_t k = 0;

	if (!o)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			o[k++] = ' ';
		} else if (s[i] == '%') {
			int h, l;
			if (i + 2 >= len) {
				free(o);
				return NULL;
			}
			h = hexval((unsigned char)s[i + 1]);
			l = hexval((unsigned char)s[i + 2]);
			if (h < 0 || l < 0) {
				free(o);
				return NULL;
			}
			o[k++] = (char)(h * 16 + l);
			i += 2;
		} else {
			o[k++] = s[i];
		}
	}
	o[k] = '\0';
	if (!text_ok((const unsigned char *)o, k)) {
		free(o);
		return NULL;
	}
	*outlen = k;
	return o;
}

static int add_field(struct st_form *f, char *name, char *value, size_t len)
{
	struct st_form_field *v = realloc(f->f, (f->n + 1) * sizeof *v);

	if (!v)
		return -1;
	f->f = v;
	memset(&v[f->n], 0, sizeof v[f->n]);
	v[f->n].name = name;
	v[f->n].value = value;
	v[f->n].len = len;
	f->n++;
	return 0;
}

int st_form_urlencoded(const char *s, size_t len, struct st_form *out)
{
	size_t i = 0;

	while (i < len) {
		size_t end = i, eq;
		char *name, *value;
		size_t nl, vl;
		while (end < len && s[end] != '&')
			end++;
		eq = i;
		while (eq < end && s[eq] != '=')
			eq++;
		if (end > i) {
			name = url_decode(s + i, eq - i, &nl);
			value = url_decode(s + (eq < end ? eq + 1 : end), eq < end ? end - eq - 1 : 0, &vl);
			if (!name || !value || add_field(out, name, value, vl)) {
				free(name);
				free(value);
				return -1;
			}
		}
		i = end + 1;
	}
	return 0;
}

const struct st_form_field *st_form_field(const struct st_form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->f[i].name, name))
			return &f->f[i];
	return NULL;
}

const char *st_form_get(const struct st_form *f, const char *name)
{
	const struct st_form_field *x = st_form_field(f, name);
	return x ? x->value : NULL;
}

void st_form_release(struct st_form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->f[i].name);
		free(f->f[i].value);
		free(f->f[i].filename);
		free(f->f[i].type);
	}
	free(f->f);
	f->f = NULL;
	f->n = 0;
}

static const char *memfind(const char *h, size_t hl, const char *n, size_t nl)
{
	if (nl == 0 || hl < nl)
		return NULL;
	for (size_t i = 0; i + nl <= hl; i++)
		if (h[i] == n[0] && !memcmp(h + i, n, nl))
			return h + i;
	return NULL;
}

/* the value of param (e.g. "boundary", "name") in a header value such as
 * `multipart/form-data; boundary=xyz` or `form-data; name="a"`; new string
 * or NULL */
static char *header_param(const char *h, size_t hl, const char *param)
{
	size_t pl = strlen(param);

	for (size_t i = 0; i + pl < hl; i++) {
		if ((i == 0 || h[i - 1] == ';' || h[i - 1] == ' ') &&
		    !strncasecmp(h + i, param, pl) && h[i + pl] == '=') {
			const char *v = h + i + pl + 1, *e;
			size_t rest = hl - (size_t)(v - h);
			if (rest && *v == '"') {
				v++;
				rest--;
				e = memchr(v, '"', rest);
				if (!e)
					return NULL;
			} else {
				e = v;
				while ((size_t)(e - h) < hl && *e != ';' && *e != ' ' && *e != '\r')
					e++;
			}
			return strndup(v, (size_t)(e - v));
		}
	}
	return NULL;
}

int st_form_multipart(const char *body, size_t len, const char *ctype, struct st_form *out)
{
	char *b = ctype ? header_param(ctype, strlen(ctype), "boundary") : NULL;
	char delim[80];
	size_t dl;
	const char *p, *end = body + len;
	int rc = -1;

	if (!b || !*b || strlen(b) > 70 || strncasecmp(ctype, "multipart/form-data", 19))
		goto out;
	dl = (size_t)snprintf(delim, sizeof delim, "--%s", b);
	p = memfind(body, len, delim, dl);
	if (!p)
		goto out;
	for (;;) {
		const char *hdr, *hend, *data, *next;
		char *name = NULL, *filename = NULL, *type = NULL, *value;
		p += dl;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			rc = 0;   /* the closing delimiter */
			break;
		}
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			goto out;
		hdr = p + 2;
		hend = memfind(hdr, (size_t)(end - hdr), "\r\n\r\n", 4);
		if (!hend)
			goto out;
		data = hend + 4;
		/* the data ends at CRLF + delimiter */
		{
			char nd[84];
			int ndl = snprintf(nd, sizeof nd, "\r\n%s", delim);
			next = memfind(data, (size_t)(end - data), nd, (size_t)ndl);
			if (!next)
				goto out;
		}
		/* the part's headers, line by line */
		for (const char *l = hdr; l < hend;) {
			const char *le = memfind(l, (size_t)(hend + 2 - l), "\r\n", 2);
			size_t ll = le ? (size_t)(le - l) : (size_t)(hend - l);
			if (ll > 20 && !strncasecmp(l, "Content-Disposition:", 20)) {
				free(name);
				free(filename);
				name = header_param(l + 20, ll - 20, "name");
				filename = header_param(l + 20, ll - 20, "filename");
			} else if (ll > 13 && !strncasecmp(l, "Content-Type:", 13)) {
				const char *t = l + 13;
				while (t < l + ll && *t == ' ')
					t++;
				free(type);
				type = strndup(t, (size_t)(l + ll - t));
			}
			l += ll + 2;
		}
		value = malloc((size_t)(next - data) + 1);
		if (!name || !value || (!filename && !text_ok((const unsigned char *)data,
							       (size_t)(next - data)))) {
			free(name);
			free(filename);
			free(type);
			free(value);
			goto out;
		}
		memcpy(value, data, (size_t)(next - data));
		value[next - data] = '\0';
		if (add_field(out, name, value, (size_t)(next - data))) {
			free(name);
			free(filename);
			free(type);
			free(value);
			goto out;
		}
		out->f[out->n - 1].filename = filename;
		out->f[out->n - 1].type = type;
		p = next + 2;
	}
out:
	free(b);
	return rc;
}

int st_cookie_get(const char *header, const char *name, char *out, size_t size)
{
	size_t nl = strlen(name);
	const char *p = header;

	while (p && *p) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *e = strchr(p, ';');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l > nl && !strncmp(p, name, nl) && p[nl] == '=') {
			size_t vl = l - nl - 1;
			if (vl >= size)
				return -1;
			memcpy(out, p + nl + 1, vl);
			out[vl] = '\0';
			return 0;
		}
		p = e;
	}
	return -1;
}

int st_http_local_path(const char *s)
{
	if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return !st_http_path_dotdot(s);
}

int st_http_path_dotdot(const char *path)
{
	/* compare segment by segment, %2e and %2E counting as '.' */
	const char *p = path;

	while (*p) {
		const char *seg = p;
		int dots = 0, other = 0;
		while (*p && *p != '/' && *p != '?') {
			if (*p == '.') {
				dots++;
				p++;
			} else if (p[0] == '%' && p[1] == '2' && (p[2] == 'e' || p[2] == 'E')) {
				dots++;
				p += 3;
			} else if (p[0] == '%' && p[1] == '2' && (p[2] == 'f' || p[2] == 'F')) {
				/* an encoded slash ends a segment as well */
				if (dots == 2 && !other)
					return 1;
				dots = other = 0;
				p += 3;
			} else {
				other = 1;
				p++;
			}
		}
		if (p > seg && dots == 2 && !other)
			return 1;
		if (*p == '?')
			break;
		if (*p)
			p++;
	}
	return 0;
}
