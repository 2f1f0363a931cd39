/*
 * buf.c — growable strings (see st_buf.h).
 */
#include "st_buf.h"
#include "st_alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(struct st_buf *b, size_t extra)
{
	if (b->oom)
		return -1;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s) {
		/* composing code often tests only the length (an empty text reads
		 * as "nothing to say"): the evaluator's and the loader's failure
		 * counts see this one too (st_alloc_failures) */
		b->oom = 1;
		st_alloc_note_failure();
		return -1;
	}
	b->s = s;
	b->cap = cap;
	return 0;
}

void st_buf_printf(struct st_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];

	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0 || reserve(b, (size_t)n) != 0)
		return;
	if ((size_t)n < sizeof small) {
		memcpy(b->s + b->len, small, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void st_buf_puts(struct st_buf *b, const char *s)
{
	size_t n = strlen(s);

	if (reserve(b, n) != 0)
		return;
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

const char *st_buf_str(const struct st_buf *b)
{
	return b->s && !b->oom ? b->s : "";
}

char *st_buf_steal(struct st_buf *b)
{
	char *s = b->oom ? NULL : b->s ? b->s : strdup("");

	if (b->oom)
		free(b->s);
	memset(b, 0, sizeof *b);
	return s;
}

void st_buf_release(struct st_buf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}
