/*
 * fuzz_form.c — the web front end's decoding of what a browser sends
 * (st_http.h: urlencoded forms and query strings, multipart bodies with
 * evidence photos, cookies, the post-login `next` path).
 *
 * The first byte picks the decoder; for multipart the first line is the
 * Content-Type header and the rest the body.  Properties checked beyond
 * "no crash, no leak, no UB": every decoded field has a name; a value is
 * NUL-terminated at its length; an urlencoded value holds no NUL (it came
 * from text); a part's bytes lie within the body's size; a cookie copied
 * out fits its buffer; a path accepted for `next` starts with one '/' and
 * holds no control character or backslash after it.
 */
#include "fuzz.h"

#include "st_http.h"

static void check_form(const struct st_form *f, size_t body_size, int text)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct st_form_field *x = &f->f[i];
		FUZZ_CHECK(x->name != NULL && x->value != NULL);
		FUZZ_CHECK(x->value[x->len] == '\0');
		FUZZ_CHECK(x->len <= body_size);
		if (text)
			FUZZ_CHECK(strlen(x->value) == x->len);
		/* the first field of a name is the one st_form_get finds */
		const struct st_form_field *first = st_form_field(f, x->name);
		FUZZ_CHECK(first != NULL && first <= x);
	}
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct st_form f = { NULL, 0 };
	char *s, *nl, cookie[65];

	if (size < 1)
		return 0;
	switch (data[0] % 4) {
	case 0:  /* a form body or a query string */
		if (st_form_urlencoded((const char *)data + 1, size - 1, &f) == 0)
			check_form(&f, size - 1, 1);
		break;
	case 1:  /* multipart: "Content-Type\n" then the body, which may hold NULs */
		nl = memchr(data + 1, '\n', size - 1);
		if (!nl)
			break;
		s = fuzz_cstr(data + 1, (size_t)(nl - (char *)data) - 1);
		if (!s)
			break;
		size_t off = (size_t)(nl - (char *)data) + 1;
		if (st_form_multipart((const char *)data + off, size - off, s, &f) == 0)
			check_form(&f, size - off, 0);
		free(s);
		break;
	case 2:  /* a Cookie header */
		if ((s = fuzz_cstr(data + 1, size - 1))) {
			if (st_cookie_get(s, "st_session", cookie, sizeof cookie) == 0)
				FUZZ_CHECK(strlen(cookie) < sizeof cookie && strchr(s, '=') != NULL);
			free(s);
		}
		break;
	default:  /* the `next` path after login */
		if ((s = fuzz_cstr(data + 1, size - 1))) {
			if (st_http_local_path(s)) {
				FUZZ_CHECK(s[0] == '/' && s[1] != '/' && s[1] != '\\');
				for (const char *p = s; *p; p++)
					FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
			}
			free(s);
		}
		break;
	}
	st_form_release(&f);
	return 0;
}
