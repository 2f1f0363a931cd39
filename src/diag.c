/*
 * diag.c — the bounded diagnostics list (see st_diag.h).
 *
 * Allocation failure while formatting a message must not turn into a second
 * failure: the line is replaced by a fixed text that needs no memory.
 */
#include "st_diag.h"
#include "st_msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char out_of_memory[] = "out of memory while reporting an error";

void st_diag_init(struct st_diag *d)
{
	memset(d, 0, sizeof *d);
}

void st_diag_release(struct st_diag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < st_diag_kept(d); i++) {
		if (d->line[i] != out_of_memory)
			free(d->line[i]);
		free(d->line_en[i]);
	}
	memset(d, 0, sizeof *d);
}

size_t st_diag_kept(const struct st_diag *d)
{
	return d->count < ST_DIAG_KEEP ? d->count : ST_DIAG_KEEP;
}

int st_diag_add(struct st_diag *d, const char *fmt, ...)
{
	if (!d)
		return -1;
	if (d->count < ST_DIAG_KEEP) {
		va_list ap;
		char *s = NULL;

		va_start(ap, fmt);
		int n = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		if (n >= 0 && (s = malloc((size_t)n + 1))) {
			va_start(ap, fmt);
			vsnprintf(s, (size_t)n + 1, fmt, ap);
			va_end(ap);
		}
		d->line[d->count] = s ? s : out_of_memory;
	}
	d->count++;
	return -1;
}

int st_diag_msg(struct st_diag *d, const char *zh, const char *en, ...)
{
	if (!d)
		return -1;
	if (d->count < ST_DIAG_KEEP) {
		va_list ap;
		char *s, *s_en;

		va_start(ap, en);
		st_msg_vformat(&s, &s_en, zh, en, ap);
		va_end(ap);
		d->line[d->count] = s ? s : out_of_memory;
		d->line_en[d->count] = s_en;
	}
	d->count++;
	return -1;
}

const char *st_diag_line_en(const struct st_diag *d, size_t i)
{
	return i < st_diag_kept(d) ? d->line_en[i] : NULL;
}

void st_diag_truncate(struct st_diag *d, size_t count)
{
	if (!d)
		return;
	for (size_t i = count; i < d->count && i < ST_DIAG_KEEP; i++) {
		if (d->line[i] != out_of_memory)
			free(d->line[i]);
		free(d->line_en[i]);
		d->line[i] = d->line_en[i] = NULL;
	}
	if (count < d->count)
		d->count = count;
}
